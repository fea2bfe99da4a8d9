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

Dated rules (R1, R2, R5a, R5c, R12 days) need a slot per event. Two formulations:

``decomposed`` (default): the model above is a *master*; each stage's best master solution
goes to :func:`optimizer.solve.dating.schedule`, which dates it. If no calendar exists, a
no-good cut on the solution's trainer, kind and attendance literals is added and the stage
re-solved (logic-based Benders). The master's bound stays valid under the cuts, so a master
optimum with a calendar is an optimum of the whole problem.

``monolithic``: slot, day and interval variables in one model (:func:`add_dates`). Slower
(CP-SAT's presolve expands the slot tables), kept as an independent second formulation that
tests compare with.

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
conflicting groups (:func:`optimizer.model.requirements.explain_infeasible`).

In a plain run the configuration warm start (:mod:`optimizer.solve.warmstart`, about 9 s on
the default scenario, at most ``WARM_START_MAX_S``) is preceded by a quick first pass: the
dated greedy plan (:mod:`optimizer.solve.greedy`, about 1 s) as a complete hint, improved by
CP-SAT for :func:`_first_plan_seconds` (the default scenario: 1,292 seats at 2 s, about 1,430
at 9 s). The planner sees a plan at once; the better of this plan and the warm start is the
coverage stage's hint; and if the coverage stage finds no better dated plan in its time, the
first plan stands as its result and the cost stage goes on from it.

Before the cost stage of a plain run, the configuration LP's cost bound at the plan's seats
is computed (it is the plan's cost bound) and its columns, with the plan's own events, are
solved as an integer program for the cheapest configurations of those seats
(:func:`optimizer.solve.warmstart.cost_hint`); if that is cheaper in fees and catering, the
configurations are first given trainers by a small solve with them fixed
(:func:`_complete_start`), and the cost stage starts from that complete plan if it is
cheaper than the coverage plan. On the default scenario the configurations were about
2,800 € cheaper in fees and catering than the coverage plan's.

If CP-SAT's own coverage run of a plain single-Land scenario stalls below its bound, the
regional neighbourhood search (:mod:`optimizer.solve.neighbourhood`) re-solves one Kreis or
Regierungsbezirk at a time with the rest of the plan fixed, and CP-SAT goes on from its
result (:func:`_coverage_by_regions`).

A scenario of several Länder is instead started from its Länder solved one by one
(:mod:`optimizer.solve.decompose`; the configuration LP does not converge in the time at
that size). Each stage keeps ``CALENDAR_SHARE`` of the limit (at most a quarter of its
time) for dating its plan, tries the last dated plan's calendar first, and spreads the
calendar of a plan that is not the final one for ``SPREAD_S`` only.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from ortools.sat.python import cp_model

from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData
from optimizer.domain.scenario import SolverSettings
from optimizer.model.constraints import add_dates, add_master, coverage_expr
from optimizer.model.requirements import (
    add_requirements,
    baseline,
    changes_expr,
    explain_infeasible,
    max_changes,
    previous_hint,
    requirement_groups,
    worst_share_var,
)
from optimizer.model.variables import Variables, create_variables
from optimizer.solve.bound import BoundReport, ConfigurationLP
from optimizer.solve.dating import ChosenEvent, Item, conflict, requirements, schedule
from optimizer.solve.decompose import Part, land_parts, solve_by_land
from optimizer.solve.extract import build_plan
from optimizer.solve.neighbourhood import improve_by_region, objective_value, solve_fixed
from optimizer.solve.warmstart import configuration_hint, cost_hint, greedy_hint

log = logging.getLogger(__name__)

#: progress(stage, objective, bound, seconds since the solve started)
ProgressFn = Callable[[str, float, float, float], None]
#: A further requirement on the date-free model (e.g. a forced council, a regional minimum,
#: a no-good against an earlier plan); called once after the rules are added. One that adds
#: a solution hint (a plan to start from) replaces the configuration warm start.
ExtraConstraint = Callable[[cp_model.CpModel, ProblemData, Variables], None]
Formulation = Literal["decomposed", "monolithic"]

STAGE_REGIONS = "regions"
STAGE_COVERAGE = "coverage"
STAGE_CHANGES = "changes"
STAGE_COST = "cost"
COVERAGE_SHARE = 0.7  # of the time limit, for stage 1 unless it finishes earlier
#: Where each stage's deadline lies, as a share of the time limit, by stage name. Coverage
#: keeps 0.7 without the optional stages and 0.6 with them; in a re-plan the changes stage
#: (hard to prove on the NRW scenario) then runs until 0.85.
STAGE_END = {STAGE_REGIONS: 0.3, STAGE_COVERAGE: 0.6, STAGE_CHANGES: 0.85}
EXPLAIN_SHARE = 0.2  # of the time limit at least, to name conflicting requirement groups
CALENDAR_SHARE = 0.05  # of the time limit, kept for dating each stage's plan (at most)
SPREAD_S = 2.0  # for spreading the calendar of a plan that is not the final one
WARM_START_SHARE = 0.25  # at most, for the configuration warm start
WARM_START_MAX_S = 15.0  # ... and never more (its integer program needs about 8 s on NRW)
FIRST_PLAN_SHARE = 0.1  # of the limit, for the quick first pass before the warm start
FIRST_PLAN_MAX_S = 6.0  # ... but at most this
FIRST_PLAN_MIN_S = 2.0  # ... and at least this (or a fifth of a short limit)
MAX_CUTS = 200
PARTS_SHARE = 0.55  # of the limit, for the parts of a scenario of several Länder
COST_START_SHARE = 0.1  # of the limit at most, for the cost stage's configuration start
#: Of the cost stage's time, for giving the configuration start its trainers (at most
#: COMPLETE_MAX_S). Measured on the default scenario: 3 s gave a plan 1,150 € cheaper than the
#: cost stage's result from the start as a repair hint, 12 s another 86 € only.
COMPLETE_SHARE = 0.25
COMPLETE_MAX_S = 10.0
#: A plain coverage stage searches until this share of its time; if its plan is then below
#: the stage's bound, the regional neighbourhood search (optimizer.solve.neighbourhood)
#: gets up to REGIONS_SHARE of the rest, and CP-SAT goes on from its result. (Measured on the
#: default scenario: the regions of a 1,474-seat plan need 3–6 s to reach 1,479; a second
#: CP-SAT run from the stalled plan rarely improves it.)
REGIONS_AFTER_SHARE = 0.3
REGIONS_AFTER_MAX_S = 10.0  # ... but at most this long (a stall shows within seconds)
REGIONS_SHARE = 0.6
#: ... but only with at least this many candidate events, and neither after a split by Land
#: nor in its parts' short coverage-only solves (there it cost 1–5 seats per part on the 4×
#: instance: 5,950 against 5,959 before; the 4× instance keeps its measured path). On
#: smaller scenarios CP-SAT's own search usually proves the optimum within the stage (the
#: tests' 10-council region scenarios need 2–4 s of one uninterrupted run), and cutting
#: that run short would lose the proof.
REGIONS_MIN_EVENTS = 50


@dataclass
class StageResult:
    """One stage's outcome: solver status, objective, bound and the dated solution."""

    name: str
    status: int  # a cp_model status (OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN, …)
    objective: float | None
    bound: float | None
    seconds: float
    values: dict[int, int] | None = None  # variable index -> value
    slots: dict[int, int] | None = None  # candidate event -> slot index
    cuts: int = 0


class _Progress(cp_model.CpSolverSolutionCallback):
    """Forwards improving solutions and bounds of one stage to a progress function."""

    def __init__(self, stage: str, started: float, progress: ProgressFn | None,
                 scale: int = 1):
        super().__init__()
        self._stage, self._started, self._progress = stage, started, progress
        self._scale = scale  # a tie-broken stage reports its primary objective
        self.last_bound: float | None = None
        self.last_objective: float | None = None

    def on_solution_callback(self) -> None:
        self.last_objective = self.objective_value
        self.last_bound = self.best_objective_bound
        self._emit()

    def on_bound(self, bound: float) -> None:
        self.last_bound = bound
        self._emit()

    def _emit(self) -> None:
        if self._progress is not None and self.last_objective is not None:
            bound = self.last_bound if self.last_bound is not None else self.last_objective
            self._progress(self._stage, self.last_objective / self._scale, bound / self._scale,
                           time.perf_counter() - self._started)


class _Clock:
    """The time budget of one solve.

    With several workers it is wall-clock time. With one worker it is CP-SAT's deterministic
    time (about seconds on a current machine), so one worker and a fixed seed give the same
    plan on any machine and under any load; a wall-clock safety net of
    ``WALL_SAFETY`` × the budget stops a very slow machine.
    """

    WALL_SAFETY = 4.0

    def __init__(self, settings: SolverSettings):
        self.workers = settings.workers or os.cpu_count() or 1
        self.seed = settings.seed
        self.deterministic = self.workers == 1
        self._started = time.perf_counter()
        self._used = 0.0

    def elapsed(self) -> float:
        return self._used if self.deterministic else time.perf_counter() - self._started

    def solver(self, seconds: float) -> cp_model.CpSolver:
        """A CP-SAT solver limited to ``seconds`` of this clock."""
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = self.workers
        params.random_seed = self.seed
        if self.deterministic:
            params.max_deterministic_time = max(seconds, 0.05)
            params.max_time_in_seconds = self.WALL_SAFETY * max(seconds, 1.0)
        else:
            params.max_time_in_seconds = max(seconds, 0.05)
        return solver

    def charge(self, solver: cp_model.CpSolver) -> None:
        if self.deterministic:
            self._used += solver.response_proto.deterministic_time

    def spend(self, seconds: float) -> None:
        """Count ``seconds`` given to other solves (their own deterministic limits)."""
        if self.deterministic:
            self._used += seconds


def _chosen(data: ProblemData, v: Variables, values: dict[int, int]) -> list[ChosenEvent]:
    """The master solution's events, as the scheduling subproblem needs them."""
    events = []
    for e, cand in enumerate(data.events):
        if not values[v.held[e].index]:
            continue
        trainers = tuple(k for k in cand.trainer_idcs if values[v.teaches[k, e].index])
        kind_matters = any((k, e) in v.teaches_consec for k in trainers)
        events.append(ChosenEvent(
            event=e,
            trainers=trainers,
            councils=tuple(c for c in cand.council_idcs if values[v.attends[c, e].index]),
            consecutive=bool(values[v.consecutive[e].index]) if kind_matters else None,
        ))
    return events


def _no_good(
    model: cp_model.CpModel, v: Variables, items: list[Item]
) -> None:
    """Forbid every master solution that meets all of these calendar requirements together
    (no calendar can meet them; see :func:`optimizer.solve.dating.conflict`)."""
    literals: list[cp_model.LiteralT] = []
    for kind, e, other in items:
        if kind == "trainer":
            literals.append(v.teaches[other, e])
        elif kind == "kind":
            literals.append(v.held[e])
            literals.append(v.consecutive[e] if other else ~v.consecutive[e])
        elif kind == "attend":
            literals.append(v.attends[other, e])
        else:
            literals.extend((v.held[e], v.held[other]))
    model.add_bool_or([~lit for lit in literals])


def _hint_values(model: cp_model.CpModel, values: dict[int, int] | None) -> None:
    """Replace the model's hint by a complete solution (variable index -> value)."""
    model.clear_hints()
    for index, hinted in (values or {}).items():
        model.add_hint(model.get_int_var_from_proto_index(index), hinted)


@dataclass
class Stage:
    """One lexicographic objective: optimised, then fixed at its value for the next."""

    name: str
    expr: cp_model.LinearExpr
    maximize: bool
    end_share: float  # the stage's deadline, as a share of the time limit
    #: Optional secondary objective that only breaks ties (maximised stages): CP-SAT
    #: maximises ``scale·expr − tie_break``; ``0 ≤ tie_break < scale`` must hold.
    tie_break: cp_model.LinearExpr | None = None
    scale: int = 1


def _run_stage(
    model: cp_model.CpModel, data: ProblemData, v: Variables, name: str,
    clock: _Clock, deadline: float, started: float, progress: ProgressFn | None,
    preferred: dict[int, int] | None = None,
    repair_hint: bool = False,
    scale: int = 1,
    slot_hint: dict[int, int] | None = None,
    reserve: float = 0.0,
    spread_seconds: float | None = SPREAD_S,
) -> StageResult:
    """Solve the current objective until ``deadline`` (on ``clock``); date the result
    (decomposed) or read its dates (monolithic). ``repair_hint``: the hint may be
    infeasible (a previous plan), CP-SAT first tries to repair it. ``scale`` > 1: the
    objective is ``scale·primary − tie_break`` with ``0 ≤ tie_break < scale`` (a maximised
    stage, see :class:`Stage`); objective and bound are reported for the primary.
    ``slot_hint``: the calendar of the last dated plan, tried first. ``reserve``: seconds
    before the deadline kept for dating (at most a quarter of the stage's time; what dating
    does not use goes to the next stage). ``spread_seconds``: how long the calendar is
    spread over the period once found (``None``: as long as the deadline allows; the final
    plan)."""
    cuts = 0
    t0 = time.perf_counter()
    reserve = min(reserve, 0.25 * max(deadline - clock.elapsed(), 0.0))
    while True:
        solver = clock.solver(deadline - reserve - clock.elapsed())
        solver.parameters.repair_hint = repair_hint
        callback = _Progress(name, started, progress, scale)
        solver.best_bound_callback = callback.on_bound
        status = solver.solve(model, callback)
        clock.charge(solver)
        result = StageResult(
            name=name, status=int(status),
            objective=solver.objective_value if status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
            else None,
            # (a run that ends UNKNOWN, e.g. within presolve, may report 0 for a maximised
            # objective, which is no bound)
            bound=solver.best_objective_bound
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None,
            seconds=time.perf_counter() - t0, cuts=cuts,
        )
        if scale > 1:
            if result.objective is not None:
                result.objective = float(math.ceil(result.objective / scale - 1e-9))
            if result.bound is not None:
                result.bound = float(math.floor((result.bound + scale - 1) / scale + 1e-9))
        log.info("stage %s: %s, objective %s, bound %s (%.2fs)", name,
                 solver.status_name(status), result.objective, result.bound, result.seconds)
        if result.objective is None:
            return result
        values = {i: int(solver.value(model.get_int_var_from_proto_index(i)))
                  for i in range(len(model.proto.variables))}
        if v.has_dates:
            result.values = values
            result.slots = {e: values[v.slot[e].index] for e in range(data.num_events)}
            return result
        chosen = _chosen(data, v, values)
        left = max(deadline - clock.elapsed(), 2.0)
        calendar = schedule(data, chosen, seconds=left, seed=clock.seed, preferred=preferred,
                            hint=slot_hint, wall_clock=not clock.deterministic,
                            spread_seconds=left if spread_seconds is None else spread_seconds)
        if calendar.slots is not None:
            result.values, result.slots = values, calendar.slots
            return result
        if not calendar.infeasible or cuts >= MAX_CUTS or clock.elapsed() >= deadline:
            log.warning("stage %s: no calendar for the master solution", name)
            result.status = int(cp_model.UNKNOWN)
            result.objective = None
            return result
        items = conflict(data, chosen, seconds=max(deadline - clock.elapsed(), 1.0))
        _no_good(model, v, items if items is not None else requirements(data, chosen))
        cuts += 1
        log.info("stage %s: no calendar exists, Benders cut %d added", name, cuts)


def _first_plan_seconds(limit: float) -> float:
    """Time for the quick first pass: ``FIRST_PLAN_SHARE`` of the limit but at most
    ``FIRST_PLAN_MAX_S``; at least ``FIRST_PLAN_MIN_S`` (or a fifth of a short limit) for a
    first dated plan."""
    return max(min(FIRST_PLAN_SHARE * limit, FIRST_PLAN_MAX_S),
               min(FIRST_PLAN_MIN_S, 0.2 * limit))


def _first_plan(
    model: cp_model.CpModel, data: ProblemData, v: Variables, weighted: cp_model.LinearExpr,
    clock: _Clock, limit: float, started: float, progress: ProgressFn | None,
    greedy_is_plan: bool,
) -> StageResult:
    """The quick first plan: the dated greedy plan, then CP-SAT's coverage objective from it
    as a complete hint for :func:`_first_plan_seconds`; the better of the two.

    The planner sees a plan at once; it is the fallback if the coverage stage finds none in
    its time, and the hint if the configuration warm start has none better. Where CP-SAT's
    presolve alone takes longer than the pass (4× benchmark instance), the greedy plan is the
    first plan. The requirements (locks, required sites, regional minimums) are not in the
    greedy rule (nor an ``extra`` requirement): with any of them, ``greedy_is_plan`` is
    false and the greedy plan is only a hint, which CP-SAT does not take if it breaks them.
    """
    t0 = time.perf_counter()
    hint, slots = greedy_hint(data, v)
    greedy = StageResult(name=STAGE_COVERAGE, status=int(cp_model.UNKNOWN), objective=None,
                         bound=None, seconds=time.perf_counter() - t0)
    if hint and greedy_is_plan:
        value = _weighted_value(data, v, hint)
        greedy.status, greedy.objective = int(cp_model.FEASIBLE), float(value)
        greedy.values = {var.index: n for var, n in hint.items()}
        greedy.slots = slots
        if progress is not None:
            progress(STAGE_COVERAGE, value, _coverage_ceiling(data),
                     time.perf_counter() - started)
    log.info("greedy start: coverage %s (%.2fs)", greedy.objective, greedy.seconds)
    for var, n in hint.items():
        model.add_hint(var, n)
    model.maximize(weighted)
    found = _run_stage(model, data, v, STAGE_COVERAGE, clock,
                       clock.elapsed() + _first_plan_seconds(limit), started, progress,
                       slot_hint=slots)
    if found.values is None or (greedy.objective or 0) > (found.objective or 0):
        greedy.cuts = found.cuts
        return greedy
    return found


def _by_land(
    data: ProblemData, v: Variables, parts: list[Part], settings: SolverSettings,
    clock: _Clock, limit: float, started: float, progress: ProgressFn | None,
) -> StageResult | None:
    """The part plans of :mod:`optimizer.solve.decompose` joined, as a dated stage result
    (``None`` if no part has a plan); the parts share the time until ``PARTS_SHARE``."""
    seconds = max(PARTS_SHARE * limit - clock.elapsed(), 0.0)
    ceiling = _coverage_ceiling(data)
    best = [0.0]

    def report(done: float, stage: str, objective: float, bound: float, seconds: float) -> None:
        # The parts solved so far and the current part's best: a plan of the whole.
        if stage == STAGE_COVERAGE and progress is not None and done + objective > best[0]:
            best[0] = done + objective
            progress(STAGE_COVERAGE, best[0], ceiling, time.perf_counter() - started)

    t0 = time.perf_counter()
    part_settings = settings.model_copy(update={"workers": clock.workers})
    union = solve_by_land(data, v, parts, part_settings, seconds,
                          functools.partial(solve, coverage_only=True), report)
    clock.spend(seconds)
    if union is None:
        return None
    values = {var.index: n for var, n in union.hint.items()}
    log.info("%d of %d Länder planned: %d seats (%.2fs)", union.parts, len(parts), union.seats,
             time.perf_counter() - t0)
    return StageResult(name=STAGE_COVERAGE, status=int(cp_model.FEASIBLE),
                       objective=float(_weighted_value(data, v, union.hint)), bound=None,
                       seconds=time.perf_counter() - t0, values=values, slots=union.slots)


def _cost_start(
    data: ProblemData, v: Variables, configurations: ConfigurationLP, values: dict[int, int],
    limit: float,
) -> tuple[BoundReport | None, dict[int, int] | None]:
    """Before the cost stage: the configuration LP's cost bound at the plan's seats (kept
    for the plan's cost bound) and, from its columns, a cheaper start if there is one
    (:func:`optimizer.solve.warmstart.cost_hint`)."""
    seats = v.seat_total(values)
    try:
        report = configurations.cost(seats, time_limit_s=max(0.05 * limit, 1.0))
        hint = cost_hint(data, v, configurations, values, COST_START_SHARE * limit)
    except (RuntimeError, ValueError) as exc:  # an imprecise LP: the stage starts as before
        log.warning("cost start skipped: %s", exc)
        return None, None
    return report, hint


def _complete_start(
    model: cp_model.CpModel, v: Variables, start: dict[int, int], incumbent: dict[int, int],
    clock: _Clock, seconds: float,
) -> dict[int, int] | None:
    """The cost start's configurations (events, trainer counts, seats and attendance) fixed
    and its open trainers chosen by CP-SAT within ``seconds``, minimising the stage's
    objective: a complete solution cheaper than ``incumbent``, or ``None``.

    A start whose trainers are left open makes a poor repair hint (on the default scenario
    the cost stage's first solution from it was 9,000 € above the coverage plan); this small
    model, with all configuration variables fixed, finds good tandems within seconds.
    """
    configuration = [*v.held, *v.two, *v.participants, *v.seats.values(), *v.attends.values()]
    solver = clock.solver(seconds)
    completed = solve_fixed(model, {var.index: start[var.index] for var in configuration},
                            start, objective_value(model, incumbent), solver)
    clock.charge(solver)
    log.info("cost start completed: %s in %.2fs", solver.response_proto.status.name,
             solver.wall_time)
    return completed


def _coverage_by_regions(
    model: cp_model.CpModel, data: ProblemData, v: Variables,
    run: Callable[..., StageResult], clock: _Clock, deadline: float,
    slot_hint: dict[int, int] | None,
) -> StageResult:
    """The coverage stage in two runs of CP-SAT with the regional neighbourhood search
    between them, if the first run ends below its bound (see REGIONS_AFTER_SHARE)."""
    first_deadline = clock.elapsed() + min(REGIONS_AFTER_SHARE * (deadline - clock.elapsed()),
                                           REGIONS_AFTER_MAX_S)
    result = run(deadline=first_deadline, slot_hint=slot_hint)
    if (result.values is None or result.bound is None or result.objective is None
            or result.objective >= result.bound):
        return result
    seconds = REGIONS_SHARE * max(deadline - clock.elapsed(), 0.0)
    improved = improve_by_region(model, data, v, result.values, seconds, clock.solver,
                                 clock.charge, target=result.bound)
    if improved is None and deadline - clock.elapsed() < 1.0:
        return result  # nothing new and no time for CP-SAT to go on
    _hint_values(model, improved or result.values)
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


def _weighted_value(data: ProblemData, v: Variables, hint: dict[cp_model.IntVar, int]) -> int:
    """The weighted coverage (:func:`coverage_expr`) of a complete hint."""
    weights = data.scenario.objective.module_weights
    bonus = data.scenario.objective.both_modules_bonus
    return (sum(weights[data.events[e].module] * hint[var] for (_, e), var in v.seats.items())
            + bonus * sum(hint[var] for var in v.both.values()))


def _coverage_ceiling(data: ProblemData) -> float:
    """A trivial upper bound of the weighted coverage: every council gets its interest in
    each module (R8), every site with both modules the bonus."""
    weights = data.scenario.objective.module_weights
    bonus = data.scenario.objective.both_modules_bonus
    sites = {event.site_idx for event in data.events}
    return float(sum(weights[m] * interest[m - 1] for interest in data.interest for m in (1, 2))
                 + bonus * len(sites))


def build_model(
    data: ProblemData,
    formulation: Formulation = "decomposed",
    extra: Sequence[ExtraConstraint] = (),
) -> tuple[cp_model.CpModel, Variables, cp_model.LinearExpr]:
    """The CP-SAT model; returns model, variables and the cost expression in cents."""
    model = cp_model.CpModel()
    variables = create_variables(model, data)
    cost = add_master(model, data, variables)
    if formulation == "monolithic":
        add_dates(model, data, variables)
    add_requirements(model, data, variables)
    for constraint in extra:
        constraint(model, data, variables)
    return model, variables, cost


def solve(
    data: ProblemData,
    settings: SolverSettings | None = None,
    progress: ProgressFn | None = None,
    formulation: Formulation = "decomposed",
    extra: Sequence[ExtraConstraint] = (),
    previous: Plan | None = None,
    coverage_only: bool = False,
) -> Plan:
    """Solve lexicographically within ``settings.time_limit_s`` and return the plan.

    ``extra`` adds requirements beyond RULES.md to every stage (see :data:`ExtraConstraint`).
    ``previous`` (a re-plan) adds the "changes" stage and is the solution hint.
    ``coverage_only``: no cost stage (the parts of :mod:`optimizer.solve.decompose`).
    """
    settings = settings or data.scenario.solver
    started = time.perf_counter()
    clock = _Clock(settings)
    model, v, cost = build_model(data, formulation, extra)
    weighted = coverage_expr(data, v)
    log.info("model built in %.2fs: %d variables, %d constraints",
             time.perf_counter() - started, len(model.proto.variables),
             len(model.proto.constraints))
    limit = settings.time_limit_s
    objectives: list[Stage] = []
    if data.scenario.objective.max_min_regions:
        share = worst_share_var(model, data, v)
        if share is not None:
            objectives.append(Stage(STAGE_REGIONS, share, True, STAGE_END[STAGE_REGIONS]))
    base = baseline(data, v, previous) if previous is not None else None
    plain_run = not objectives and base is None
    changes = changes_expr(model, data, v, base) if base is not None else None
    # In a re-plan, coverage breaks ties by fewer changes, so that the coverage stage's
    # search stays near the previous plan and hands the changes stage a close start.
    objectives.append(Stage(STAGE_COVERAGE, weighted, True,
                            1 - CALENDAR_SHARE if coverage_only
                            else COVERAGE_SHARE if plain_run else STAGE_END[STAGE_COVERAGE],
                            tie_break=changes,
                            scale=1 if base is None else max_changes(data, v, base) + 1))
    if changes is not None:
        objectives.append(Stage(STAGE_CHANGES, changes, False, STAGE_END[STAGE_CHANGES]))
    if not coverage_only:
        objectives.append(Stage(STAGE_COST, cost, False, 1 - CALENDAR_SHARE))

    configurations = (
        ConfigurationLP(data)
        if formulation == "decomposed" and data.num_events
        and data.scenario.rules.max_events_per_council_module == 1 else None
    )
    first: StageResult | None = None
    by_land = False  # the scenario's Länder were solved apart first
    # No requirement beyond RULES.md: the greedy plan is a plan, the Länder may be solved
    # apart, the cost stage may start from other configurations (none of them knows those).
    trusted = plain_run and not extra and not requirement_groups(data)
    if base is not None:
        for var, value in previous_hint(data, v, base).items():
            model.add_hint(var, value)
    elif formulation == "decomposed" and not model.proto.solution_hint.vars:
        parts = land_parts(data.scenario, data.budget_cents) if trusted else []
        hint, hint_seats = None, 0
        by_land = len(parts) > 1
        if by_land:
            # Several Länder: their parts solved one by one are the first plan and the start
            # (each part has its own quick first plan, so the planner sees progress at once);
            # the configuration LP would not converge in the time at this size.
            configurations = None
            first = _by_land(data, v, parts, settings, clock, limit, started, progress)
        elif plain_run:
            first = _first_plan(model, data, v, weighted, clock, limit, started, progress,
                                greedy_is_plan=trusted)
        if len(parts) < 2 and configurations is not None:
            try:
                warm = configuration_hint(
                    data, v, min(WARM_START_SHARE * limit, WARM_START_MAX_S), configurations)
            except RuntimeError as exc:  # an LP that ends imprecise: solve without the start
                log.warning("warm start skipped: %s", exc)
                configurations, warm = None, None
            if warm is not None:
                hint, hint_seats = warm
        first_seats = (v.seat_total(first.values)
                       if first is not None and first.values is not None else -1)
        if hint and hint_seats > first_seats:
            model.clear_hints()
            for var, value in hint.items():
                model.add_hint(var, value)
        elif first is not None and first.values is not None:
            _hint_values(model, first.values)  # complete, dated and at least as good
    # Dates: a re-plan keeps the previous plan's slots where it can; a plain run tries
    # those of its last dated plan first (a hint that dates large plans quickly).
    preferred = (
        {e: t for e, t in base.slot.items() if t is not None} if base is not None else None
    )
    slot_hint = first.slots if first is not None else None
    stages: list[StageResult] = []
    final: StageResult | None = None
    cost_report: BoundReport | None = None
    for i, stage in enumerate(objectives):
        if stage.tie_break is not None:
            model.maximize(stage.scale * stage.expr - stage.tie_break)
        elif stage.maximize:
            model.maximize(stage.expr)
        else:
            model.minimize(stage.expr)
        repair = base is not None and not stages  # the previous plan is the hint
        if (stage.name == STAGE_COST and trusted and configurations is not None
                and final is not None and final.values is not None
                and data.scenario.objective.is_plain):
            cost_report, cost_start = _cost_start(data, v, configurations, final.values, limit)
            if cost_start is not None:
                seconds = min(COMPLETE_SHARE * (stage.end_share * limit - clock.elapsed()),
                              COMPLETE_MAX_S)
                completed = _complete_start(model, v, cost_start, final.values, clock,
                                            max(seconds, 0.1))
                if completed is not None:  # else the coverage plan stays the hint
                    _hint_values(model, completed)
        deadline = max(stage.end_share * limit, clock.elapsed() + 0.1 * limit)
        final_plan = i + 1 == len(objectives) and not coverage_only
        run = functools.partial(
            _run_stage, model, data, v, stage.name, clock, started=started, progress=progress,
            preferred=preferred, repair_hint=repair, scale=stage.scale,
            reserve=CALENDAR_SHARE * limit, spread_seconds=None if final_plan else SPREAD_S)
        if (stage.name == STAGE_COVERAGE and plain_run and formulation == "decomposed"
                and data.num_events >= REGIONS_MIN_EVENTS and not by_land
                and not coverage_only):
            result = _coverage_by_regions(model, data, v, run, clock, deadline, slot_hint)
        else:
            result = run(deadline=deadline, slot_hint=slot_hint)
        if (stage.name == STAGE_COVERAGE and first is not None and first.values is not None
                and (result.values is None or (result.objective or 0) < (first.objective or 0))):
            # No better dated plan in the stage's time: the first plan stands, with the
            # stage's bound, and the later stages go on from it.
            first.cuts += result.cuts
            first.bound = result.bound if result.bound is not None else first.bound
            result = first
        stages.append(result)
        if result.values is None:
            if stage.name == STAGE_CHANGES and final is not None:
                _hint_values(model, final.values)  # go on to cost from the coverage plan
                continue
            break
        final = result
        slot_hint = result.slots
        if i + 1 < len(objectives):
            value = round(result.objective or 0)
            model.add(stage.expr >= value if stage.maximize else stage.expr <= value)
            _hint_values(model, result.values)
    if first is not None and stages[0] is not first:
        stages[0].cuts += first.cuts  # the first plan's cuts count to the coverage stage
    if final is None:
        final = stages[0]
    ran = {s.name for s in stages}
    cost_floor = None
    seats = v.seat_total(final.values) if final.values is not None else 0
    if data.scenario.objective.is_plain and final.values is not None and STAGE_COST in ran:
        # A trivial floor where CP-SAT's own cost bound is weaker (large instances): every
        # participant is catered (R15), every event has a paid trainer (R11, R13) and at
        # most max_participants (R6).
        cost_floor = (data.catering_per_person_cents * seats + data.fee_per_event_trainer_cents
                      * math.ceil(seats / data.scenario.rules.max_participants))
    if (configurations is not None and data.scenario.objective.is_plain
            and final.values is not None and STAGE_COST in ran):
        # The configuration LP bounds the cost of any plan with this many seats; usually
        # far tighter than CP-SAT's own bound (see optimizer.solve.bound). It relaxes the
        # requirements and the changes stage, so it stays a valid lower bound with them.
        try:
            report = (cost_report if cost_report is not None
                      and (cost_report.min_seats or 0) <= seats
                      else configurations.cost(seats, time_limit_s=max(0.05 * limit, 1.0)))
        except RuntimeError as exc:  # keep CP-SAT's own bound
            log.warning("configuration cost bound skipped: %s", exc)
        else:
            if math.isfinite(report.bound):
                cost_floor = max(cost_floor or 0, int(report.bound))
    settings = settings.model_copy(update={"workers": clock.workers})
    plan = build_plan(data, v, stages, final, settings, seconds=time.perf_counter() - started,
                      cost_floor=cost_floor)
    if stages[0].status == cp_model.INFEASIBLE:
        # An infeasible solve usually stops early: the rest of the time limit (at least
        # EXPLAIN_SHARE of it) goes to naming the conflicting groups.
        seconds = max(limit - clock.elapsed(), EXPLAIN_SHARE * limit, 1.0)
        explanation = explain_infeasible(data, seconds, settings.seed)
        if explanation is not None and explanation.groups:
            labels = [g.label for g in explanation.groups]
            if explanation.alone:
                head = "Jede dieser Vorgaben ist schon für sich allein nicht erfüllbar"
            else:
                head = "Diese Vorgaben schließen sich gegenseitig aus" + (
                    "" if explanation.minimal
                    else " (in der Zeit nicht als kleinste solche Auswahl bewiesen)")
            plan = plan.model_copy(update={
                "conflicts": labels, "message": f"{head}: " + "; ".join(labels)})
    return plan
