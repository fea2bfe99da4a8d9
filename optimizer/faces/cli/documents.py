"""``qualiplan report``, ``export`` and ``compare``: documents from plan folders; parse,
call one function of :mod:`optimizer.api`, render."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from optimizer.api import compare_folders, export_folder, report_folder
from optimizer.domain import columns
from optimizer.faces.cli import tables
from optimizer.faces.cli.app import PlanScenarioOption, out, refusals, say


def report_command(
    plan_dir: Annotated[Path, typer.Argument(help="Plan-Ordner (mit plan.json)")],
    scenario_path: Annotated[
        Path | None, typer.Option("--scenario", help="Szenario, falls nicht die Kopie im "
                                  "Plan-Ordner verwendet werden soll")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Ordner für den Bericht (Standard: Plan-Ordner)")
    ] = None,
) -> None:
    """Bericht zum Plan: bericht.html (eigenständig, offline lesbar) und bericht.pdf."""
    with refusals():
        paths = report_folder(plan_dir, scenario_path, out_dir)
    say(f"Bericht geschrieben: {', '.join(str(p) for p in paths)}")


def export_command(
    plan_dir: Annotated[Path, typer.Argument(help="Plan-Ordner (mit plan.json)")],
    scenario_path: PlanScenarioOption = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Ausgabeordner (Standard: PLAN_DIR/export)")
    ] = None,
) -> None:
    """Exporte: schedule.xlsx, CSV-Dateien, Kalender je Trainer*in und Standort (.ics).

    Unveränderter Plan: dieselben Kalenderdateien. Verschobener Termin: gleiche UID.
    """
    with refusals():
        run = export_folder(plan_dir, scenario_path, out_dir)
    calendars = [n for n in run.files if n.endswith(".ics")]
    trainers = sum(Path(n).name.startswith("trainer-") for n in calendars)
    say(f"Export geschrieben nach {run.target}/: {columns.WORKBOOK_FILE} (Blätter "
        f"{', '.join(columns.SHEETS)}), {sum(n.endswith('.csv') for n in run.files)} "
        f"CSV-Dateien, {len(calendars)} Kalender ({trainers} Trainer*innen, "
        f"{len(calendars) - trainers} Standorte) in {columns.CALENDAR_DIR}/.")


def compare_command(
    plan_dirs: Annotated[
        list[Path], typer.Argument(help="zwei oder mehr Plan-Ordner; der erste ist die Basis")
    ],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Ausgabeordner (Standard: reports/vergleich)")
    ] = None,
) -> None:
    """Pläne vergleichen: Kennzahlen nebeneinander, Abdeckung je Regierungsbezirk, Kosten,
    Trainer*innen-Tage, und welche Veranstaltungen neu, entfallen oder verschoben sind."""
    with refusals():
        run = compare_folders(plan_dirs, out_dir)
    comparison = run.comparison
    out.print(tables.metrics_table(comparison))
    base = comparison.labels[0]
    for label in comparison.labels[1:]:
        changes = comparison.diffs[label]
        say(f"Unterschiede „{label}“ gegenüber „{base}“: {len(changes)} Veranstaltung(en)")
        if not changes:
            continue
        out.print(tables.diff_table(changes))
        if len(changes) > tables.SHOWN_DIFF_ROWS:
            say(f"… und {len(changes) - tables.SHOWN_DIFF_ROWS} weitere (alle in "
                "unterschiede.csv).")
    say(f"Vergleich geschrieben nach {run.target}/ (vergleich.html, vergleich.csv, "
        "unterschiede.csv)")
