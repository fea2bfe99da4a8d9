"""``python -m optimizer`` runs the ``qualiplan`` command line."""

from optimizer.cli import app

app(prog_name="qualiplan")
