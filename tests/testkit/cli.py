"""Shared helper for tests that drive the ``qualiplan`` command line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from optimizer.faces.cli.app import app


def run_cli(*args: str | Path) -> Result:
    """Invoke ``qualiplan``; a crash (any exception but the exit) fails the test."""
    result = CliRunner().invoke(app, [str(a) for a in args], prog_name="qualiplan")
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{result.exception!r}\n{result.output}"
    )
    assert "Traceback" not in result.output
    return result
