"""``qualiplan template`` and ``qualiplan convert``: the Excel workbook to fill in, and
conversion between a workbook and a scenario folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from optimizer.api import convert_scenario, write_template
from optimizer.faces.cli.app import refusals, say


def template_command(
    out_path: Annotated[Path, typer.Argument(metavar="ZIEL",
                                             help="Ziel-Arbeitsmappe (.xlsx)")],
    force: Annotated[bool, typer.Option("--force", help="vorhandene Datei ersetzen")] = False,
) -> None:
    """Excel-Vorlage mit Beispiel schreiben (Gremien, Standorte, Trainer_innen, Szenario)."""
    with refusals():
        written = write_template(out_path, force)
    say(f"Vorlage geschrieben: {written} (mit Beispiel; Erläuterungen als Kommentar an "
        "jeder Spaltenüberschrift).")


def convert_command(
    in_path: Annotated[Path, typer.Argument(metavar="QUELLE",
                                            help="Szenario-Ordner, scenario.yaml oder .xlsx")],
    out_path: Annotated[Path, typer.Argument(metavar="ZIEL",
                                             help="Ziel: .xlsx oder Ordner (FORMAT.md)")],
) -> None:
    """Szenario umwandeln: Arbeitsmappe → Ordner (scenario.yaml + CSV) und zurück."""
    with refusals():
        done = convert_scenario(in_path, out_path)
    what = "Arbeitsmappe" if done.to_workbook else "Szenario-Ordner"
    scenario = done.scenario
    say(f"{what} geschrieben: {done.target} ({len(scenario.councils)} Gremien, "
        f"{len(scenario.sites)} Standorte, {len(scenario.trainers)} Trainer*innen).")
