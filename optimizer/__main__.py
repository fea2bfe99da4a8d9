"""``python -m optimizer`` runs the ``qualiplan`` command line."""

from optimizer.faces.cli.app import app

app(prog_name="qualiplan")
