"""``qualiplan solve``: parse, call :func:`optimizer.api.solve_folder`, show its events as
they come (the live progress among them) and render the result."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.live import Live
from rich.text import Text

from optimizer.api import SolveRequest, solve_folder
from optimizer.api.events import (
    AlternativeFound,
    AlternativesStarted,
    Event,
    LocksFixed,
    PlanWritten,
    ScenarioLoaded,
    SolveStarted,
)
from optimizer.api.results import AlternativesRun, SolveRun
from optimizer.domain.options import AlternativesOptions, Progress
from optimizer.faces.cli import tables, words
from optimizer.faces.cli.app import (
    EXIT_NO_PLAN,
    GeocodeCacheOption,
    GeocodeOption,
    ScenarioArgument,
    console,
    out,
    refusals,
    say,
    verbose_logging,
)
from optimizer.report import alternatives_de
from optimizer.report.numbers import eur_de, number_de

_DEFAULT_ALTERNATIVES = AlternativesOptions()


class SolveView:
    """Renders the events of one solve: each line as it comes, the solver's progress as one
    live line on a terminal (else a line every 2 s)."""

    def __init__(self, verbose: bool):
        self._verbose = verbose
        self._live: Live | None = None
        self._last_print = 0.0
        self._wanted: int | None = None

    def __call__(self, event: Event) -> None:
        if isinstance(event, Progress):
            self._progress(event)
            return
        self.stop()
        if isinstance(event, ScenarioLoaded):
            for line in words.geocode_lines(event.loaded.geocode_notes, event.loaded.geocoded):
                say(line, err=True)
        elif isinstance(event, LocksFixed):
            say(f"Festgelegte Termine: {len(event.locks)} ("
                f"{', '.join(lk.event_id for lk in event.locks)})", err=True)
        elif isinstance(event, SolveStarted):
            self._started(event)
        elif isinstance(event, PlanWritten):
            self._written(event)
        elif isinstance(event, AlternativesStarted):
            say(f"Suche bis zu {event.count} Alternative(n), je höchstens "
                f"{number_de(event.time_limit_s)} s (bei mehreren Regierungsbezirken ändert "
                "jede nur einen) …", err=True)
        elif isinstance(event, AlternativeFound):
            say(f"  Alternative {event.number}: {number_de(event.plan.totals.covered_seats)} "
                f"Plätze, {eur_de(event.plan.totals.total_cost_eur)}", err=True)

    def _started(self, event: SolveStarted) -> None:
        self._wanted = sum(c.interested_m1 + c.interested_m2 for c in event.scenario.councils)
        say(words.size_line(event.scenario, event.size, event.time_limit_s), err=True)
        for line in words.findings_short(event.findings, self._verbose):
            say(line, err=True)
        if console.is_terminal:
            self._live = Live(Text("Modell wird aufgebaut …"), console=console,
                              transient=True)
            self._live.start()

    def _progress(self, event: Progress) -> None:
        text = words.progress_text(event, self._wanted)
        if self._live is not None:
            self._live.update(Text(text))
        elif event.seconds - self._last_print >= 2.0:
            self._last_print = event.seconds
            say(text, err=True)

    def _written(self, event: PlanWritten) -> None:
        for line in (words.summary_lines(event.result.scenario, event.result.plan)
                     + words.replan_lines(event.result)):
            say(line)
        lines = words.explanation_lines(event.explanations, event.target)
        for line in lines:
            say(line, err=event.explanations is None)

    def stop(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None


def _render_alternatives(run: AlternativesRun, plan_run: SolveRun) -> None:
    say(alternatives_de.summary_de(run.result, run.wanted))
    if run.folder is None:
        return
    out.print(tables.alternatives_table(plan_run.result.plan, run.result))
    say(f"Alternativen geschrieben nach {run.folder}/")


def _render(run: SolveRun) -> None:
    if run.target is None:
        console.print(words.no_plan_heading(run.result.plan), highlight=False)
        for line in words.conflict_lines(run.result.plan, run.result.scenario):
            say(line, err=True)
        raise typer.Exit(EXIT_NO_PLAN)
    if run.alternatives is not None:
        _render_alternatives(run.alternatives, run)
    say(f"Geschrieben nach {run.target}/ ({number_de(run.seconds, 1)} s)")
    if run.report is None:
        return
    if run.report.error:
        say(f"Warnung: Der Bericht konnte nicht geschrieben werden ({run.report.error}). Der "
            "Plan ist vollständig gespeichert; den Bericht später mit „qualiplan report "
            f"{run.target}“ erstellen.", err=True)
    else:
        say(f"Bericht: {', '.join(p.name for p in run.report.paths)}")


def solve_command(
    scenario_path: ScenarioArgument,
    out_dir: Annotated[Path | None, typer.Option("--out", help="Ausgabeordner")] = None,
    time_limit: Annotated[float | None, typer.Option("--time-limit", help="Sekunden")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", help="parallele Suchläufe (0 = alle Kerne)")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Startwert des Zufalls "
                                             "(gleicher Wert, ein Worker: gleicher Plan)")
                    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Solver-Protokoll, alle Vorab-Hinweise")
    ] = False,
    geocode: GeocodeOption = False,
    geocode_cache: GeocodeCacheOption = None,
    no_report: Annotated[
        bool, typer.Option("--no-report", help="keinen Bericht (bericht.html/.pdf) schreiben")
    ] = False,
    previous_dir: Annotated[
        Path | None, typer.Option("--previous", help="Voriger Plan-Ordner: so wenige "
                                  "Änderungen wie möglich; bestätigte Termine bleiben fest")
    ] = None,
    confirmed_path: Annotated[
        Path | None, typer.Option("--confirmed", help="Termin-Arbeitsmappe mit Spalte "
                                  "„Bestätigt“ (Standard: export/schedule.xlsx oder "
                                  "schedule.xlsx im vorigen Plan-Ordner)")
    ] = None,
    alternatives: Annotated[
        int, typer.Option("--alternatives", min=0, help="bis zu K deutlich verschiedene "
                          "Pläne gleicher Abdeckung zusätzlich")
    ] = 0,
    alt_tolerance: Annotated[
        float, typer.Option("--alt-tolerance", min=0.0, max=1.0, help="Alternativen kosten "
                            "höchstens (1 + Wert) × Hauptplan (0.05 = 5 %)")
    ] = _DEFAULT_ALTERNATIVES.tolerance,
    alt_min_diff: Annotated[
        int, typer.Option("--alt-min-diff", min=1, help="mindestens so viele "
                          "Veranstaltungen (Standort, Modul) anders")
    ] = _DEFAULT_ALTERNATIVES.min_diff,
) -> None:
    """Plan berechnen: Standorte, Termine, Trainer*innen-Tandems und Zuordnung der Gremien.

    Mit --alternatives K zusätzlich bis zu K deutlich verschiedene Pläne gleicher Abdeckung
    und fast gleicher Kosten (alternativen/ im Plan-Ordner).
    """
    verbose_logging(verbose)
    request = SolveRequest(
        scenario_path, out_dir, time_limit, workers, seed, geocode, geocode_cache,
        previous_dir, confirmed_path,
        AlternativesOptions(count=alternatives, tolerance=alt_tolerance,
                            min_diff=alt_min_diff) if alternatives else None,
        report=not no_report)
    view = SolveView(verbose)
    try:
        with refusals():
            run = solve_folder(request, view)
    finally:
        view.stop()
    _render(run)
