"""``python -m optimizer`` runs the ``qualiplan`` command line."""

from optimizer.faces.cli import app

app(prog_name="qualiplan")
