"""The planners' jobs on folders, each one call: solve a scenario into a plan folder, check
a scenario or a plan, explain a plan. A face (the CLI, the web app) parses its input, calls
one of these, shows the events as they come and renders the result; files are read and
written here, through :mod:`optimizer.io`, all-or-nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from optimizer.api import insight
from optimizer.api.events import (
    AlternativeFound,
    AlternativesStarted,
    EventFn,
    ExplainStarted,
    LocksFixed,
    PlanWritten,
    ScenarioLoaded,
    SolveStarted,
    ignore,
)
from optimizer.api.planning import (
    check_scenario,
    load_scenario,
    prepare,
    solve_options,
    solve_prepared,
    validate,
    with_locks,
)
from optimizer.api.plans import DEFAULT_PLANS_DIR, read_plan_and_scenario, write_report
from optimizer.api.results import (
    AlternativesRun,
    ExplainRun,
    OutputUnwritable,
    PlanCheck,
    PlanInvalid,
    ReportOutcome,
    ScenarioCheck,
    SolveResult,
    SolveRun,
)
from optimizer.domain import columns
from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.geography import Reference
from optimizer.domain.options import AlternativesOptions, CancelToken, ExplainOptions, SolveOptions
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.insight.explain import ExplainReport
from optimizer.io.atomic import write_files
from optimizer.io.changes_csv import CHANGES_FILE, changes_csv
from optimizer.io.confirmed import confirmation_levels, schedule_path
from optimizer.io.plan_extras import EXPLANATIONS_FILE, write_alternatives
from optimizer.io.plan_io import read_plan, read_plan_folder, write_plan
from optimizer.io.reference import load_reference
from optimizer.report import alternatives_de, explain_de

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class SolveRequest:
    """What ``qualiplan solve`` was asked: the scenario, where to write, the solver options
    (``None``: the scenario's), geocoding, a re-plan's previous plan and confirmations,
    alternatives to search, whether to write the report."""

    scenario_path: Path
    out_dir: Path | None = None
    time_limit_s: float | None = None
    workers: int | None = None
    seed: int | None = None
    geocode: bool = False
    geocode_cache: Path | None = None
    previous_dir: Path | None = None
    confirmed_path: Path | None = None
    alternatives: AlternativesOptions | None = None
    report: bool = True
    #: Events of the previous plan confirmed beyond those its plan.json and schedule
    #: workbook mark (the web app's confirmations), each with its level: "ja" (event,
    #: date, venue and trainers fixed) or "Termin" (date and venue fixed).
    confirmed: Mapping[str, str] = field(default_factory=dict)


def replan_inputs(
    scenario: Scenario, previous_dir: Path | None, confirmed_path: Path | None,
    reference: Reference, confirmed_levels: Mapping[str, str] | None = None,
) -> tuple[Scenario, Plan | None]:
    """The scenario with every lock, and the previous plan (``--previous``).

    Confirmed events come from the previous plan's plan.json and from the "Bestätigt" column
    of ``confirmed_path`` or the schedule workbook exported into the previous plan's folder.
    """
    if previous_dir is None:
        if confirmed_path is not None:
            raise InputError([InputProblem("--confirmed", None, None, str(confirmed_path),
                                           "nur zusammen mit --previous")])
        return with_locks(scenario, reference=reference), None
    previous = read_plan(previous_dir)
    workbook = confirmed_path or schedule_path(previous_dir)
    confirmed = confirmation_levels(workbook) if workbook is not None else {}
    levels = {**confirmed, **(confirmed_levels or {})}
    return with_locks(scenario, previous, levels, reference), previous


def previous_copy(previous_dir: Path, previous: Plan, scenario: Scenario
                  ) -> tuple[Plan, Scenario, Path | None]:
    """What a re-plan's folder keeps of the plan it replaced (``vorheriger-plan/``): the plan,
    its own scenario copy (else the re-plan's scenario) and its export's calendars, if any."""
    try:
        _, own = read_plan_folder(previous_dir)
    except InputError:
        own = scenario
    calendars = previous_dir / columns.DEFAULT_EXPORT_DIR / columns.CALENDAR_DIR
    return previous, own, calendars if calendars.is_dir() else None


def solve_folder(
    request: SolveRequest, on_event: EventFn = ignore, cancel: CancelToken | None = None
) -> SolveRun:
    """``qualiplan solve``: read, check the locks, solve, validate, write the plan folder
    (plan.json, events.csv, assignments.csv, the scenario copy, a re-plan's changes.csv),
    then the alternatives and the report.

    A plan that breaks a rule is never written (:class:`PlanInvalid`); without a plan
    (infeasible, nothing in time) nothing is written and the run has no target.
    """
    loaded = load_scenario(request.scenario_path, geocode=request.geocode,
                           geocode_cache=request.geocode_cache)
    on_event(ScenarioLoaded(loaded))
    reference = load_reference()
    scenario, previous = replan_inputs(loaded.scenario, request.previous_dir,
                                       request.confirmed_path, reference, request.confirmed)
    if scenario.locks:
        on_event(LocksFixed(scenario.locks))
    options = solve_options(scenario, time_limit_s=request.time_limit_s,
                            workers=request.workers, seed=request.seed)
    started = time.perf_counter()
    prepared = prepare(scenario, reference)
    on_event(SolveStarted(scenario, prepared.size, options.time_limit_s, prepared.findings))
    result = solve_prepared(prepared, options, previous=previous, progress=on_event,
                            cancel=cancel)
    if not result.has_plan:
        return SolveRun(result, None)
    target = request.out_dir or DEFAULT_PLANS_DIR / scenario.name
    replaced = (None if previous is None or request.previous_dir is None
                else previous_copy(request.previous_dir, previous, scenario))
    _write_solved(result, target, reference, replaced)
    on_event(PlanWritten(result, target, _cheap_explanations(result, reference)))
    found = (None if not request.alternatives or not request.alternatives.count
             else _alternatives(result, options, request.alternatives, target, reference,
                                on_event, cancel))
    seconds = time.perf_counter() - started
    report = (_report_after_solve(result, target, reference) if request.report else None)
    return SolveRun(result, target, seconds, found, report)


def _write_solved(result: SolveResult, target: Path, reference: Reference,
                  previous: tuple[Plan, Scenario, Path | None] | None = None) -> None:
    """Validate, then write the plan folder (all or nothing); a re-plan keeps its previous
    plan (``vorheriger-plan/``) for the cancellations of its export."""
    violations = validate(result.scenario, result.plan, reference)
    if violations:
        raise PlanInvalid(violations, "solved")
    extra = None if result.changes is None else {CHANGES_FILE: changes_csv(result.changes)}
    try:
        write_plan(result.plan, target, scenario=result.scenario, extra=extra,
                   previous=previous)
    except OSError as exc:
        raise OutputUnwritable(target, str(exc), "out") from None


def _cheap_explanations(result: SolveResult, reference: Reference) -> ExplainReport | None:
    """The reasons without forced solves (``explain`` runs those; on NRW a dozen would add
    minutes to every solve). Advisory: an internal error is logged and gives ``None``."""
    try:
        return insight.explain(result.scenario, result.plan, ExplainOptions(max_solves=0),
                               reference)
    except Exception:  # advisory step: log for developers, carry on
        log.debug("explanations failed", exc_info=True)
        return None


def _alternatives(
    result: SolveResult, options: SolveOptions, wanted: AlternativesOptions, target: Path,
    reference: Reference, on_event: EventFn, cancel: CancelToken | None,
) -> AlternativesRun:
    """``--alternatives K``: find, validate each, write ``alternativen/`` in the plan folder."""
    on_event(AlternativesStarted(wanted.count, options.time_limit_s))
    found = insight.alternatives(
        result.scenario, result.plan, wanted, options, reference=reference,
        on_found=lambda number, plan: on_event(AlternativeFound(number, plan)), cancel=cancel)
    for number, alternative in enumerate(found.plans, start=1):
        violations = validate(result.scenario, alternative, reference)
        if violations:
            raise PlanInvalid(violations, "alternative", number)
    if not found.plans:
        return AlternativesRun(found, wanted.count, None)
    try:
        folder = write_alternatives(target, found.plans, result.scenario,
                                    alternatives_de.comparison_csv(result.plan, found))
    except OSError as exc:
        raise OutputUnwritable(target, str(exc), "out") from None
    return AlternativesRun(found, wanted.count, folder)


def _report_after_solve(result: SolveResult, target: Path, reference: Reference
                        ) -> ReportOutcome:
    """The report at the end of ``solve``: a failure is reported, the plan stays written."""
    try:
        paths = write_report(result.scenario, result.plan, target, reference, result.changes)
    except Exception as exc:  # the plan is written; a report problem must not undo it
        log.debug("report after solve failed", exc_info=True)
        return ReportOutcome(error=f"{type(exc).__name__}: {exc}")
    return ReportOutcome(paths)


def check_folder(
    scenario_path: Path, plan_dir: Path | None = None, *, geocode: bool = False,
    geocode_cache: Path | None = None, on_event: EventFn = ignore,
) -> ScenarioCheck | PlanCheck:
    """``qualiplan check``: the pre-solve checks of a scenario, or (with a plan folder) the
    solver-independent validator on that plan (:class:`PlanInvalid` on any violation)."""
    loaded = load_scenario(scenario_path, geocode=geocode, geocode_cache=geocode_cache)
    on_event(ScenarioLoaded(loaded))
    if plan_dir is None:
        return check_scenario(loaded.scenario)
    plan = read_plan(plan_dir)
    violations = validate(loaded.scenario, plan)
    if violations:
        raise PlanInvalid(violations, "check")
    return PlanCheck(plan, plan_dir)


def explain_folder(
    plan_dir: Path, scenario_path: Path | None = None, options: ExplainOptions | None = None,
    on_event: EventFn = ignore, cancel: CancelToken | None = None,
) -> ExplainRun:
    """``qualiplan explain``: every shortfall's reason and, for the councils with most unmet
    seats, what serving them would take; writes ``erklaerungen.csv`` into the plan folder."""
    options = options or ExplainOptions()
    plan, scenario = read_plan_and_scenario(plan_dir, scenario_path)
    reference = load_reference()
    violations = validate(scenario, plan, reference)
    if violations:
        raise PlanInvalid(violations, "explain")
    on_event(ExplainStarted(plan, options.time_limit_s, options.jobs))
    report = insight.explain(scenario, plan, options, reference, progress=on_event,
                             cancel=cancel)
    try:
        [written] = write_files(plan_dir, {EXPLANATIONS_FILE: explain_de.explanations_csv(
            report, scenario, reference)})
    except OSError as exc:
        raise OutputUnwritable(plan_dir, str(exc), "plan") from None
    return ExplainRun(report, scenario, reference, written)
