"""The ``qualiplan`` command line."""

from optimizer.faces.cli.app import app

__all__ = ["app"]
