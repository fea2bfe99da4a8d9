"""The ``qualiplan`` command line: one module per command group; the commands are
registered here, in the order ``qualiplan --help`` lists them."""

from optimizer.faces.cli import (
    checking,
    documents,
    explaining,
    german,
    planning,
    scenarios,
    serving,
)
from optimizer.faces.cli.app import app

for name, command in (
    ("solve", planning.solve_command),
    ("check", checking.check_command),
    ("template", scenarios.template_command),
    ("convert", scenarios.convert_command),
    ("export", documents.export_command),
    ("explain", explaining.explain_command),
    ("report", documents.report_command),
    ("compare", documents.compare_command),
    ("anleitung", documents.guide_command),
    ("serve", serving.serve_command),
):
    app.command(name, cls=german.GermanCommand)(command)

__all__ = ["app"]
