"""``qualiplan serve``: the planners' web app on a workspace folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from optimizer.faces.cli.app import EXIT_BAD_INPUT, console, say

PASSWORD_VARIABLE = "QUALIPLAN_PASSWORD"


def _password(password_file: Path | None) -> str | None:
    """The password from ``--password-file`` or the environment (never the command line,
    where ``ps`` shows it)."""
    if password_file is not None:
        try:
            text = password_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            console.print(f"[bold red]Passwortdatei nicht lesbar:[/] {password_file} ({exc})",
                          highlight=False, markup=True)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        if not text:
            console.print(f"[bold red]Passwortdatei ist leer:[/] {password_file}")
            raise typer.Exit(EXIT_BAD_INPUT)
        return text
    return os.environ.get(PASSWORD_VARIABLE) or None


def serve_command(
    workspace: Annotated[
        Path, typer.Option("--workspace", help="Arbeitsbereich: Ordner für Szenarien und "
                           "Pläne (wird angelegt)")
    ] = Path("qualiplan-arbeitsbereich"),
    host: Annotated[str, typer.Option("--host", metavar="ADRESSE",
                                      help="Adresse (Standard: nur dieser Rechner)")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port")] = 8080,
    password_file: Annotated[
        Path | None, typer.Option("--password-file", help="Datei mit dem Passwort (oder "
                                  f"Umgebungsvariable {PASSWORD_VARIABLE})")
    ] = None,
) -> None:
    """Web-Oberfläche starten: Szenario wählen, planen, erklären, neu planen, exportieren."""
    from optimizer.faces.web.server import LOCAL_HOSTS, serve

    password = _password(password_file)
    if host not in LOCAL_HOSTS and not password:
        console.print(
            f"[bold red]Nicht gestartet:[/] Für die Adresse {host} (von anderen Rechnern "
            f"erreichbar) ist ein Passwort nötig: --password-file DATEI oder "
            f"Umgebungsvariable {PASSWORD_VARIABLE}.", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        workspace.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        console.print(f"[bold red]Arbeitsbereich nicht anlegbar:[/] {workspace} ({exc})",
                      highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    say(f"qualiplan läuft auf http://{host}:{port}/ (Arbeitsbereich {workspace.resolve()}"
        + ("; Anmeldung nötig" if password else "") + "). Beenden mit Strg+C.", err=True)
    serve(workspace, host, port, password)
