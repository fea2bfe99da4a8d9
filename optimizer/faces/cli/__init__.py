"""The ``qualiplan`` command line: one module per command group, each registering its
commands on the one typer app of :mod:`.app`."""

from optimizer.faces.cli import checking, documents, explaining, planning, scenarios
from optimizer.faces.cli.app import app

__all__ = ["app", "checking", "documents", "explaining", "planning", "scenarios"]
