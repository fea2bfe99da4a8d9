"""``qualiplan check``: the pre-solve checks of a scenario, or the solver-independent
validator on a plan; parse, call :func:`optimizer.api.check_folder`, render."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from optimizer.api import PlanCheck, ScenarioCheck, check_folder
from optimizer.api.events import Event, ScenarioLoaded
from optimizer.faces.cli import tables, words
from optimizer.faces.cli.app import (
    EXIT_NO_PLAN,
    GeocodeCacheOption,
    GeocodeOption,
    ScenarioArgument,
    out,
    refusals,
    say,
)
from optimizer.report.findings_de import finding_de
from optimizer.report.numbers import eur_de, number_de


def _show_geocoding(event: Event) -> None:
    if isinstance(event, ScenarioLoaded):
        for line in words.geocode_lines(event.loaded.geocode_notes, event.loaded.geocoded):
            say(line, err=True)


def _render_scenario_check(check: ScenarioCheck) -> None:
    """Every finding and the table per Regierungsbezirk; exit 1 when no event at all can be
    held (or the checks failed)."""
    size = check.size
    say(f"Vorab-Prüfung von „{check.scenario.name}“: {size.councils} Gremien, {size.sites} "
        f"Standorte, {size.trainers} Trainer*innen, {size.slots} Termine, {size.events} "
        "mögliche Veranstaltungen.")
    if check.findings is None:
        say("Die Vorab-Prüfung ist mit einem internen Fehler abgebrochen.", err=True)
        raise typer.Exit(EXIT_NO_PLAN)
    errors = [f for f in check.findings if f.severity == "error"]
    warnings = [f for f in check.findings if f.severity != "error"]
    if errors:
        say(f"Schwerwiegend ({len(errors)}): so kann keine Veranstaltung stattfinden.")
        for finding in errors:
            say(f"  • {finding_de(finding)}")
    if warnings:
        say(f"Warnungen ({len(warnings)}):")
        for finding in warnings:
            say(f"  • {finding_de(finding)}")
    if not check.findings:
        say("Keine Auffälligkeiten gefunden.")
    out.print(tables.region_table(check.regions, check.scenario.rules.max_participants))
    if errors:
        raise typer.Exit(EXIT_NO_PLAN)


def _render_plan_check(check: PlanCheck) -> None:
    totals = check.plan.totals
    say(f"Plan in {check.plan_dir} erfüllt alle Regeln (R1–R16); {totals.events} "
        f"Veranstaltungen, {number_de(totals.covered_seats)} Plätze, Kosten "
        f"{eur_de(totals.total_cost_eur)}.")


def check_command(
    scenario_path: ScenarioArgument,
    plan_dir: Annotated[
        Path | None, typer.Argument(metavar="PLAN_ORDNER",
                                    help="Plan-Ordner (mit plan.json); ohne: Vorab-Prüfung")
    ] = None,
    geocode: GeocodeOption = False,
    geocode_cache: GeocodeCacheOption = None,
) -> None:
    """Szenario vorab prüfen (ohne Plan) oder einen Plan unabhängig vom Solver prüfen.

    Einen Plan mit denselben Geokodier-Optionen prüfen wie beim Lösen (gleiche Koordinaten).
    """
    with refusals():
        check = check_folder(scenario_path, plan_dir, geocode=geocode,
                             geocode_cache=geocode_cache, on_event=_show_geocoding)
    if isinstance(check, PlanCheck):
        _render_plan_check(check)
    else:
        _render_scenario_check(check)
