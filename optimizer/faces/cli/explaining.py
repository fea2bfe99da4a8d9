"""``qualiplan explain``: why councils miss seats and what serving them would take; parse,
call :func:`optimizer.api.explain_folder`, render."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from optimizer.api import explain_folder
from optimizer.api.events import Event, ExplainStarted
from optimizer.api.results import ExplainRun
from optimizer.domain.names import Names
from optimizer.domain.options import ExplainOptions
from optimizer.faces.cli import tables
from optimizer.faces.cli.app import (
    PlanScenarioOption,
    out,
    refusals,
    say,
    verbose_logging,
)
from optimizer.report import explain_de
from optimizer.report.numbers import eur_de, number_de

_DEFAULTS = ExplainOptions()


def _show_start(event: Event) -> None:
    if isinstance(event, ExplainStarted):
        say(f"Erkläre Plan „{event.plan.scenario}“: {number_de(event.plan.totals.covered_seats)}"
            f" Plätze, {eur_de(event.plan.totals.total_cost_eur)}; Diagnoseläufe je höchstens "
            f"{number_de(event.time_limit_s, 1)} s, {event.jobs} parallel …", err=True)


def _render(run: ExplainRun) -> None:
    report, scenario, reference = run.report, run.scenario, run.reference
    names = Names.of(scenario, reference)
    if not report.explanations:
        say("Jedes Gremium bekommt alle gewünschten Plätze – nichts zu erklären.")
    else:
        out.print(tables.explanations_table(report, scenario, reference, names))
        say("Begründungen:")
        for ex in report.explanations:
            consequence = explain_de.consequence_text(ex, names)
            say(f"  • {explain_de.council_label(ex, scenario, reference)}, Modul "
                f"{ex.shortfall.module}: "
                f"{explain_de.reason_text(ex, scenario, report.time_limit_s)}"
                + (f" Wenn bedient: {consequence}." if consequence else ""))
        note = (f"Diagnoseläufe: {report.solved} (je höchstens "
                f"{number_de(report.time_limit_s, 1)} s) in {number_de(report.seconds, 1)} s")
        if report.skipped:
            note += (f"; {report.skipped} weitere Gremien nicht untersucht (Grund „nicht "
                     "untersucht“; mehr mit --max)")
        say(note + ". Unter mehreren gleich guten Plänen wählt der Solver einen; die "
            "verlierenden Gremien sind eine mögliche Wahl.")
    say(f"Geschrieben: {run.written}")


def explain_command(
    plan_dir: Annotated[Path, typer.Argument(metavar="PLAN_ORDNER",
                                             help="Plan-Ordner (von „qualiplan solve“)")],
    scenario_path: PlanScenarioOption = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", min=0.1, help="Sekunden je Diagnoselauf")
    ] = _DEFAULTS.time_limit_s,
    max_solves: Annotated[
        int, typer.Option("--max", min=0, help="höchstens so viele Diagnoseläufe "
                          "(Gremien mit den meisten offenen Plätzen zuerst)")
    ] = _DEFAULTS.max_solves,
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="parallele Prozesse")
                    ] = _DEFAULTS.jobs,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Solver-Protokoll")] = False,
) -> None:
    """Warum bekommt ein Gremium keine (oder zu wenige) Plätze – und was hieße es, es zu bedienen?

    Für jedes Gremium mit offenem Bedarf: der Grund und (für bis zu --max Gremien) der beste
    Plan, der es bedient – mit der Änderung von Plätzen und Kosten und den Gremien, die dafür
    Plätze verlören. Schreibt erklaerungen.csv in den Plan-Ordner.
    """
    verbose_logging(verbose)
    options = ExplainOptions(time_limit_s=time_limit, max_solves=max_solves, jobs=jobs)
    with refusals():
        run = explain_folder(plan_dir, scenario_path, options, _show_start)
    _render(run)
