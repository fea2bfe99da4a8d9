"""``qualiplan report``, ``export`` and ``compare``: documents from plan folders; parse,
call one function of :mod:`optimizer.api`, render."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import Annotated

import typer

from optimizer.api import compare_folders, export_folder, report_folder, write_guide
from optimizer.domain import columns
from optimizer.faces.cli import tables
from optimizer.faces.cli.app import PlanDirArgument, PlanScenarioOption, out, refusals, say


def report_command(
    plan_dir: PlanDirArgument,
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
    plan_dir: PlanDirArgument,
    scenario_path: PlanScenarioOption = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Ausgabeordner (Standard: PLAN_ORDNER/export)")
    ] = None,
) -> None:
    """Exporte: schedule.xlsx, CSV-Dateien, Kalender (.ics) je Trainer*in, Standort und
    Gremium, Briefe (PDF) an Gremien und VHS, Einsatzblätter (intern).

    Nach einer Neuplanung: Absagen für entfallene oder verschobene Termine in
    kalender/absagen/. Unveränderter Plan: dieselben Kalenderdateien.
    """
    with refusals():
        run = export_folder(plan_dir, scenario_path, out_dir)
    cancel = f"{columns.CALENDAR_DIR}/{columns.CANCEL_DIR}/"
    calendars = [n for n in run.files if n.endswith(".ics") and not n.startswith(cancel)]
    kinds = {kind: sum(Path(n).name.startswith(f"{kind}-") for n in calendars)
             for kind in ("trainer", "standort", "gremium")}
    letters = [n for n in run.files if n.startswith(f"{columns.LETTERS_DIR}/")]
    internal = sum(f"/{columns.INTERNAL_DIR}/" in n for n in letters)
    say(f"Export geschrieben nach {run.target}/: {columns.WORKBOOK_FILE} (Blätter "
        f"{', '.join(columns.SHEETS)}), {sum(n.endswith('.csv') for n in run.files)} "
        f"CSV-Dateien, {len(calendars)} Kalender ({kinds['trainer']} Trainer*innen, "
        f"{kinds['standort']} Standorte, {kinds['gremium']} Gremien) in "
        f"{columns.CALENDAR_DIR}/, {len(letters) - internal} Briefe und {internal} "
        f"Einsatzblätter (intern) in {columns.LETTERS_DIR}/.")
    cancellations = sum(n.startswith(cancel) for n in run.files)
    if cancellations:
        say(f"Absagen: {cancellations} Kalender in {cancel} – an die Betroffenen senden, "
            "damit alte Termine aus ihren Kalendern verschwinden.")


def compare_command(
    plan_dirs: Annotated[
        list[Path], typer.Argument(metavar="PLAN_ORDNER",
                                   help="zwei oder mehr Plan-Ordner; der erste ist die Basis")
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


def guide_command(
    target: Annotated[
        Path | None, typer.Argument(metavar="ZIEL", help="Datei .html, .pdf oder .md "
                                    "(Standard: qualiplan-anleitung.html hier)")
    ] = None,
    open_it: Annotated[
        bool, typer.Option("--oeffnen", help="danach im Browser bzw. PDF-Programm öffnen")
    ] = False,
) -> None:
    """Anleitung für Planer*innen: Vorlage ausfüllen, Regeln, Plan lesen, neu planen, Exporte."""
    with refusals():
        written = write_guide(target)
    say(f"Anleitung geschrieben: {written}")
    if open_it and not webbrowser.open(written.resolve().as_uri()):
        say("Kein Programm zum Öffnen gefunden; die Datei bitte selbst öffnen.", err=True)
