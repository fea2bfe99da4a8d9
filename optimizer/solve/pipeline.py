"""Lexicographic CP-SAT solve (R17): maximise covered seats, then minimise cost.

Model (one candidate event ``e`` per site ``s(e)`` and module ``m(e)``, council ``c`` in its
catchment, trainer ``k`` teaching ``m(e)``)::

    held_e, two_e, attends_ce, teaches_ke ∈ {0,1};  seats_ce ∈ [0, min(interest_cm, 20)]
    participants_e = Σ_c seats_ce
    lo1·(held_e − two_e) + lo2·two_e ≤ participants_e ≤ hi1·(held_e − two_e) + hi2·two_e  (R6, R11)
    Σ_k teaches_ke = held_e + two_e;  two_e ≤ Σ_{k∈role} teaches_ke ≤ held_e          (R10, R11)
    Σ_{e∈m} seats_ce ≤ interest_cm;  Σ_{e∈m} attends_ce ≤ max_events_per_council_module  (R8)
    Σ_{e∈M2} seats_ce ≤ Σ_{e∈M1} seats_ce + trained_c                                   (R5b)
    Σ_e teaches_ke ≤ max_events_k                                                       (R12)
    cost = Σ_e fee·(held_e + two_e) + cater·(participants_e + held_e + two_e)
           + Σ_ke travel_ke(consecutive_e) · teaches_ke ≤ budget                  (R13–R16)

Dated rules (R1, R2, R5a, R5c, R12 days) need a slot per event. Two formulations
(``SolveOptions.formulation``):

``decomposed`` (default): the model above is a *master*; each stage's best master solution
goes to :func:`optimizer.solve.dating.schedule`, which dates it. If no calendar exists, a
no-good cut on the solution's trainer, kind and attendance literals is added and the stage
re-solved (logic-based Benders, :mod:`optimizer.solve.stage`). The master's bound stays valid
under the cuts, so a master optimum with a calendar is an optimum of the whole problem.

``monolithic``: slot, day and interval variables in one model
(:func:`optimizer.model.constraints.add_dates`). Slower (CP-SAT's presolve expands the slot
tables), kept as an independent second formulation that tests compare with.

The objective is a list of stages, each fixed at its value (and its solution given as a
complete hint) before the next: stage "coverage" maximises ``Σ w_m(e)·seats_ce
(+ bonus·both_s)``, stage "cost" minimises ``cost``. Two optional stages come from
:mod:`optimizer.model.requirements`: "regions" (max-min mode: the worst Regierungsbezirk's
share, before coverage) and "changes" (re-plan with a previous plan: the number of changed
decisions, between coverage and cost). In a re-plan the previous plan replaces the warm start
as hint; it is usually infeasible now (a trainer is gone), so CP-SAT repairs it first
(``repair_hint``), and the coverage stage breaks ties by fewer changes (it maximises
``scale·coverage − changes``, ``scale`` above any change count), so its search stays near the
previous plan and hands the changes stage a close start (without it, the NRW re-plan
benchmark's change count varied from run to run by a factor of up to six; README).
If the changes stage finds nothing in its time, the cost stage goes on from the coverage plan.
Hard requirements of the scenario (locks, required sites, regional minimums) are part of
every stage; if they make the scenario infeasible, the plan names a minimal set of
conflicting groups (:func:`optimizer.solve.conflicts.explain_infeasible`).

The stages start from the quick first plan and the configuration warm start, or from the
Länder solved apart, and the cost stage from the configuration LP's cheaper configurations
(:mod:`optimizer.solve.start`).

If CP-SAT's own coverage run of a plain single-Land scenario stalls below its bound, the
regional neighbourhood search (:mod:`optimizer.solve.neighbourhood`) re-solves one Kreis or
Regierungsbezirk at a time with the rest of the plan fixed, and CP-SAT goes on from its
result (:func:`_coverage_by_regions`). The coverage stage searches until
``Tuning.regions_after_share`` of its time (at most ``regions_after_max_s``: a stall shows
within seconds); if its plan is then below the stage's bound, the search gets up to
``regions_share`` of the rest. Measured on the default scenario: the regions of a 1,474-seat
plan need 3–6 s to reach 1,479; a second CP-SAT run from the stalled plan rarely improves
it. Only with at least ``regions_min_events`` candidate events, and neither after a split by
Land nor in its parts' short coverage-only solves (there it cost 1–5 seats per part on the
4× instance: 5,950 against 5,959 before). On smaller scenarios CP-SAT's own search usually
proves the optimum within the stage (the tests' 10-council region scenarios need 2–4 s of
one uninterrupted run), and cutting that run short would lose the proof.

Each stage keeps ``Tuning.calendar_share`` of the limit (at most a quarter of its time) for
dating its plan, tries the last dated plan's calendar first, and spreads the calendar of a
plan that is not the final one for ``Tuning.spread_s`` only. The stages' deadlines are
shares of the time limit (``Tuning``): coverage ends at ``coverage_share`` in a plain run,
at ``coverage_stage_end`` when an optional stage runs (regions until ``regions_stage_end``;
in a re-plan the changes stage, hard to prove on the NRW scenario, until
``changes_stage_end``).

Every part gets its values from the one :class:`SolveOptions` (time limit, workers, seed,
formulation, tuning), passed explicitly; the plan records them. A :class:`CancelToken`
stops the running CP-SAT search; no further stage or step starts, and the solve returns its
best dated plan so far (:func:`solve`).
"""

from __future__ import annotations

import functools
import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from optimizer.domain.options import (
    STAGE_CHANGES,
    STAGE_COST,
    STAGE_COVERAGE,
    STAGE_REGIONS,
    CancelToken,
    ProgressFn,
    SolveOptions,
)
from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData
from optimizer.domain.scenario import SolverSettings
from optimizer.model.constraints import coverage_expr
from optimizer.model.cpmodel import ExtraConstraint, build_model
from optimizer.model.requirements import (
    Baseline,
    baseline,
    changes_expr,
    max_changes,
    previous_hint,
    requirement_groups,
    worst_share_var,
)
from optimizer.solve.bound import BoundReport, ConfigurationLP
from optimizer.solve.clock import Clock
from optimizer.solve.conflicts import explain_infeasible
from optimizer.solve.decompose import land_parts
from optimizer.solve.extract import build_plan
from optimizer.solve.neighbourhood import improve_by_region
from optimizer.solve.stage import (
    Search,
    Stage,
    StageResult,
    hint_values,
    run_stage,
    solve_options,
)
from optimizer.solve.start import (
    complete_start,
    cost_bound,
    cost_start,
    first_plan,
    plan_by_land,
    warm_start,
)

log = logging.getLogger(__name__)

__all__ = ["solve"]


@dataclass
class _Run:
    """One solve as it goes through its steps: the search, its stages, and what it found."""

    search: Search
    options: SolveOptions
    objectives: list[Stage]
    weighted: cp_model.LinearExpr  # the coverage objective (R17)
    base: Baseline | None  # the previous plan (a re-plan)
    plain_run: bool  # neither a regions stage nor a previous plan
    trusted: bool  # a plain run without requirements beyond RULES.md
    coverage_only: bool
    configurations: ConfigurationLP | None
    first: StageResult | None = None  # the quick first plan, or the Länder joined
    by_land: bool = False  # the scenario's Länder were solved apart first
    cost_report: BoundReport | None = None
    stages: list[StageResult] = field(default_factory=list)
    final: StageResult | None = None  # the last stage with a dated plan

    @property
    def limit(self) -> float:
        return self.options.time_limit_s


def solve(
    data: ProblemData,
    options: SolverSettings | None = None,
    progress: ProgressFn | None = None,
    *,
    cancel: CancelToken | None = None,
    extra: Sequence[ExtraConstraint] = (),
    previous: Plan | None = None,
    coverage_only: bool = False,
) -> Plan:
    """Solve lexicographically within ``options.time_limit_s`` and return the plan.

    ``options``: :class:`SolveOptions` (a plain ``SolverSettings`` gets the default tuning
    and formulation; ``None``: the scenario's solver settings). ``progress`` receives a
    :class:`~optimizer.domain.options.Progress` at each improvement. ``cancel`` stops the
    solve: the running CP-SAT search ends, no further stage or step starts, and the plan is
    the best dated plan found so far (FEASIBLE), or none (UNKNOWN).
    ``extra`` adds requirements beyond RULES.md to every stage (see :data:`ExtraConstraint`).
    ``previous`` (a re-plan) adds the "changes" stage and is the solution hint.
    ``coverage_only``: no cost stage (the parts of :mod:`optimizer.solve.decompose`).
    """
    run = _prepare(data, solve_options(options or data.scenario.solver), progress, cancel,
                   extra, previous, coverage_only)
    _start(run, functools.partial(solve, coverage_only=True, cancel=cancel))
    _run_stages(run)
    return _plan(run)


# --- the model and the stage list -----------------------------------------------------------


def _prepare(
    data: ProblemData, options: SolveOptions, progress: ProgressFn | None,
    cancel: CancelToken | None, extra: Sequence[ExtraConstraint], previous: Plan | None,
    coverage_only: bool,
) -> _Run:
    """Build the model and the list of stages (the objectives, in order)."""
    started = time.perf_counter()
    clock = Clock(options, options.tuning, cancel)
    model, v, cost = build_model(data, options.formulation, extra)
    weighted = coverage_expr(data, v)
    log.info("model built in %.2fs: %d variables, %d constraints",
             time.perf_counter() - started, len(model.proto.variables),
             len(model.proto.constraints))
    search = Search(data, model, v, clock, options.tuning, progress, started)
    objectives, base, plain_run = _objectives(search, weighted, cost, previous, coverage_only)
    configurations = (
        ConfigurationLP(data, tuning=options.tuning, cancel=cancel)
        if options.formulation == "decomposed" and data.num_events
        and data.scenario.rules.max_events_per_council_module == 1 else None
    )
    # No requirement beyond RULES.md: the greedy plan is a plan, the Länder may be solved
    # apart, the cost stage may start from other configurations (none of them knows those).
    trusted = plain_run and not extra and not requirement_groups(data)
    return _Run(search=search, options=options, objectives=objectives, weighted=weighted,
                base=base, plain_run=plain_run, trusted=trusted, coverage_only=coverage_only,
                configurations=configurations)


def _objectives(
    search: Search, weighted: cp_model.LinearExpr, cost: cp_model.LinearExpr,
    previous: Plan | None, coverage_only: bool,
) -> tuple[list[Stage], Baseline | None, bool]:
    """The stages in order (regions, coverage, changes, cost; module docstring), the
    previous plan mapped onto the model (a re-plan), and whether this is a plain run
    (neither a regions stage nor a previous plan)."""
    data, model, v, tuning = search.data, search.model, search.v, search.tuning
    objectives: list[Stage] = []
    if data.scenario.objective.max_min_regions:
        share = worst_share_var(model, data, v)
        if share is not None:
            objectives.append(Stage(STAGE_REGIONS, share, True, tuning.regions_stage_end))
    base = baseline(data, v, previous) if previous is not None else None
    plain_run = not objectives and base is None
    changes = changes_expr(model, data, v, base) if base is not None else None
    # In a re-plan, coverage breaks ties by fewer changes, so that the coverage stage's
    # search stays near the previous plan and hands the changes stage a close start.
    objectives.append(Stage(STAGE_COVERAGE, weighted, True,
                            1 - tuning.calendar_share if coverage_only
                            else tuning.coverage_share if plain_run
                            else tuning.coverage_stage_end,
                            tie_break=changes,
                            scale=1 if base is None else max_changes(data, v, base) + 1))
    if changes is not None:
        objectives.append(Stage(STAGE_CHANGES, changes, False, tuning.changes_stage_end))
    if not coverage_only:
        objectives.append(Stage(STAGE_COST, cost, False, 1 - tuning.calendar_share))
    return objectives, base, plain_run


# --- the start: re-plan hint, split by Land, first plan, warm start -------------------------


def _start(run: _Run, solve_part: Callable[..., Plan]) -> None:
    """Give the first stage its start: the previous plan (a re-plan), else (decomposed, no
    hint from an ``extra`` requirement) the Länder solved apart or the quick first plan, and
    the configuration warm start; the better of these is the hint."""
    search = run.search
    data, model, v = search.data, search.model, search.v
    if run.base is not None:
        for var, value in previous_hint(data, v, run.base).items():
            model.add_hint(var, value)
        return
    if (run.options.formulation != "decomposed" or model.proto.solution_hint.vars
            or search.clock.cancelled):
        return
    parts = land_parts(data.scenario, data.budget_cents) if run.trusted else []
    run.by_land = len(parts) > 1
    if run.by_land:
        # Several Länder: their parts solved one by one are the first plan and the start
        # (each part has its own quick first plan, so the planner sees progress at once);
        # the configuration LP would not converge in the time at this size.
        run.configurations = None
        run.first = plan_by_land(search, parts, run.options, solve_part)
    elif run.plain_run:
        run.first = first_plan(search, run.weighted, run.limit, greedy_is_plan=run.trusted)
    hint, hint_seats = _warm_start(run) if len(parts) < 2 else (None, 0)
    first = run.first
    first_seats = (v.seat_total(first.values)
                   if first is not None and first.values is not None else -1)
    if hint and hint_seats > first_seats:
        model.clear_hints()
        for var, value in hint.items():
            model.add_hint(var, value)
    elif first is not None and first.values is not None:
        hint_values(model, first.values)  # complete, dated and at least as good


def _warm_start(run: _Run) -> tuple[dict[cp_model.IntVar, int] | None, int]:
    """The configuration warm start's hint and seats, if there is one (an LP that ends
    imprecise drops the configuration LP for the rest of the solve)."""
    if run.configurations is None or run.search.clock.cancelled:
        return None, 0
    try:
        warm = warm_start(run.search, run.configurations, run.limit)
    except RuntimeError as exc:  # an LP that ends imprecise: solve without the start
        log.warning("warm start skipped: %s", exc)
        run.configurations = None
        return None, 0
    return warm if warm is not None else (None, 0)


# --- the stages -------------------------------------------------------------------------------


def _run_stages(run: _Run) -> None:
    """Run each stage in order, fixing its value for the next; stop at a stage without a
    plan (a changes stage without one hands the coverage plan on) or when cancelled."""
    model = run.search.model
    first = run.first
    # Dates: a re-plan keeps the previous plan's slots where it can; a plain run tries
    # those of its last dated plan first (a hint that dates large plans quickly).
    preferred = ({e: t for e, t in run.base.slot.items() if t is not None}
                 if run.base is not None else None)
    slot_hint = first.slots if first is not None else None
    for i, stage in enumerate(run.objectives):
        if run.search.clock.cancelled:
            if not run.stages and first is not None and first.values is not None:
                run.stages.append(first)  # the first plan is the coverage stage's result
                run.final = first
            break
        result = _run_one(run, i, stage, preferred, slot_hint)
        run.stages.append(result)
        if result.values is None:
            if stage.name == STAGE_CHANGES and run.final is not None:
                hint_values(model, run.final.values)  # go on to cost from the coverage plan
                continue
            break
        run.final = result
        slot_hint = result.slots
        if i + 1 < len(run.objectives):
            value = round(result.objective or 0)
            model.add(stage.expr >= value if stage.maximize else stage.expr <= value)
            hint_values(model, result.values)
    if first is not None and run.stages and run.stages[0] is not first:
        run.stages[0].cuts += first.cuts  # the first plan's cuts count to the coverage stage
    if run.final is None and run.stages:
        run.final = run.stages[0]


def _set_objective(model: cp_model.CpModel, stage: Stage) -> None:
    if stage.tie_break is not None:
        model.maximize(stage.scale * stage.expr - stage.tie_break)
    elif stage.maximize:
        model.maximize(stage.expr)
    else:
        model.minimize(stage.expr)


def _run_one(
    run: _Run, i: int, stage: Stage, preferred: dict[int, int] | None,
    slot_hint: dict[int, int] | None,
) -> StageResult:
    """One stage: its objective, its start (the cost stage's configuration start), its
    CP-SAT run(s) until its deadline; the first plan stands if the coverage stage found
    no better dated plan."""
    search, options = run.search, run.options
    clock, data = search.clock, search.data
    _set_objective(search.model, stage)
    if stage.name == STAGE_COST:
        _cost_stage_start(run, stage)
    deadline = max(stage.end_share * run.limit,
                   clock.elapsed() + search.tuning.stage_min_share * run.limit)
    stage_run = functools.partial(
        run_stage, search, stage.name, preferred=preferred,
        repair_hint=run.base is not None and not run.stages,  # the previous plan is the hint
        scale=stage.scale, reserve=options.tuning.calendar_share * run.limit,
        final_plan=i + 1 == len(run.objectives) and not run.coverage_only)
    if (stage.name == STAGE_COVERAGE and run.plain_run and options.formulation == "decomposed"
            and data.num_events >= options.tuning.regions_min_events and not run.by_land
            and not run.coverage_only):
        result = _coverage_by_regions(search, stage_run, deadline, slot_hint)
    else:
        result = stage_run(deadline=deadline, slot_hint=slot_hint)
    first = run.first
    if (stage.name == STAGE_COVERAGE and first is not None and first.values is not None
            and (result.values is None or (result.objective or 0) < (first.objective or 0))):
        # No better dated plan in the stage's time: the first plan stands, with the
        # stage's bound, and the later stages go on from it.
        first.cuts += result.cuts
        first.bound = result.bound if result.bound is not None else first.bound
        result = first
    return result


def _cost_stage_start(run: _Run, stage: Stage) -> None:
    """The cost stage of a plain run starts from cheaper configurations of the coverage
    plan's seats, given trainers, if there are such (:mod:`optimizer.solve.start`)."""
    search, final, tuning = run.search, run.final, run.options.tuning
    if not (run.trusted and run.configurations is not None and final is not None
            and final.values is not None and search.data.scenario.objective.is_plain
            and not search.clock.cancelled):
        return
    run.cost_report, start = cost_start(search, run.configurations, final.values, run.limit)
    if start is None or search.clock.cancelled:
        return
    clock = search.clock
    seconds = min(tuning.complete_share * (stage.end_share * run.limit - clock.elapsed()),
                  tuning.complete_max_s)
    completed = complete_start(search.model, search.v, start, final.values, clock,
                               max(seconds, 0.1))
    if completed is not None:  # else the coverage plan stays the hint
        hint_values(search.model, completed)


def _coverage_by_regions(
    search: Search, run: Callable[..., StageResult], deadline: float,
    slot_hint: dict[int, int] | None,
) -> StageResult:
    """The coverage stage in two runs of CP-SAT with the regional neighbourhood search
    between them, if the first run ends below its bound (module docstring)."""
    clock, tuning = search.clock, search.tuning
    first_deadline = clock.elapsed() + min(
        tuning.regions_after_share * (deadline - clock.elapsed()), tuning.regions_after_max_s)
    result = run(deadline=first_deadline, slot_hint=slot_hint)
    if (result.values is None or result.bound is None or result.objective is None
            or result.objective >= result.bound or clock.cancelled):
        return result
    seconds = tuning.regions_share * max(deadline - clock.elapsed(), 0.0)
    improved = improve_by_region(search.model, search.data, search.v, result.values, seconds,
                                 clock, tuning, target=result.bound)
    if ((improved is None and deadline - clock.elapsed() < tuning.regions_min_rest_s)
            or clock.cancelled):
        return result  # nothing new and no time for CP-SAT to go on
    hint_values(search.model, improved or result.values)
    later = run(deadline=deadline, slot_hint=result.slots)
    if later.objective is None or later.objective < result.objective:
        # (a run without a solution, e.g. out of time in presolve, reports no usable bound)
        if later.objective is not None and later.bound is not None:
            result.bound = min(result.bound, later.bound)
        result.cuts += later.cuts
        result.seconds += later.seconds
        return result
    later.cuts += result.cuts
    later.seconds += result.seconds
    return later


# --- the cost bound, the plan, the conflicts --------------------------------------------------


def _cost_floor(run: _Run) -> int | None:
    """A lower bound on the cost of any plan with the final plan's seats, where it is
    stronger than CP-SAT's own (``None`` without a cost stage)."""
    data, v, final = run.search.data, run.search.v, run.final
    if (final is None or final.values is None or not data.scenario.objective.is_plain
            or STAGE_COST not in {s.name for s in run.stages}):
        return None
    seats = v.seat_total(final.values)
    # A trivial floor where CP-SAT's own cost bound is weaker (large instances): every
    # participant is catered (R15), every event has a paid trainer (R11, R13) and at
    # most max_participants (R6).
    cost_floor = (data.catering_per_person_cents * seats + data.fee_per_event_trainer_cents
                  * math.ceil(seats / data.scenario.rules.max_participants))
    if run.configurations is None:
        return cost_floor
    # The configuration LP bounds the cost of any plan with this many seats; usually far
    # tighter than CP-SAT's own bound (see optimizer.solve.bound). It relaxes the
    # requirements and the changes stage, so it stays a valid lower bound with them. The
    # cost start's bound serves if it was computed for at most these seats.
    report = run.cost_report
    if report is None or (report.min_seats or 0) > seats:
        if run.search.clock.cancelled:
            return cost_floor
        try:
            report = cost_bound(run.configurations, seats, run.limit, run.search.tuning)
        except RuntimeError as exc:  # keep CP-SAT's own bound
            log.warning("configuration cost bound skipped: %s", exc)
            return cost_floor
    if math.isfinite(report.bound):
        cost_floor = max(cost_floor, int(report.bound))
    return cost_floor


def _plan(run: _Run) -> Plan:
    """The plan of the best stage (its bounds with the cost floor); if the first stage
    proved the scenario infeasible, the conflicting requirement groups named."""
    search = run.search
    options = run.options.model_copy(update={"workers": search.clock.workers})
    final = run.final or StageResult(name=run.objectives[0].name, status=int(cp_model.UNKNOWN),
                                     objective=None, bound=None, seconds=0.0)
    cost_floor = _cost_floor(run)
    plan = build_plan(search.data, search.v, run.stages, final, options,
                      seconds=time.perf_counter() - search.started, cost_floor=cost_floor)
    if run.stages and run.stages[0].status == cp_model.INFEASIBLE:
        plan = _name_conflicts(run, plan)
    return plan


def _name_conflicts(run: _Run, plan: Plan) -> Plan:
    """An infeasible solve usually stops early: the rest of the time limit (at least
    ``Tuning.explain_share`` of it) goes to naming the conflicting groups."""
    clock, tuning = run.search.clock, run.options.tuning
    if clock.cancelled:
        return plan
    seconds = max(run.limit - clock.elapsed(), tuning.explain_share * run.limit, 1.0)
    explanation = explain_infeasible(run.search.data, seconds, run.options.seed,
                                     tuning=tuning, cancel=clock.cancel)
    if explanation is None or not explanation.groups:
        return plan
    return plan.model_copy(update={"conflicts": explanation.conflicts,
                                   "conflicts_proof": explanation.proof})
