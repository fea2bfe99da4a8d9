"""Where the stages start from: the quick first plan, the Länder solved apart, the
configuration warm start of the coverage stage, and the configuration start of the cost stage.

In a plain run the configuration warm start (:mod:`optimizer.solve.warmstart`, about 9 s on
the default scenario, at most ``Tuning.warm_start_max_s``) is preceded by a quick first pass:
the dated greedy plan (:mod:`optimizer.solve.greedy`, about 1 s) as a complete hint, improved
by CP-SAT for :func:`first_plan_seconds` (the default scenario: 1,292 seats at 2 s, about
1,430 at 9 s). The planner sees a plan at once; the better of this plan and the warm start
is the coverage stage's hint; and if the coverage stage finds no better dated plan in its
time, the first plan stands as its result and the cost stage goes on from it.

A scenario of several Länder is instead started from its Länder solved one by one
(:func:`plan_by_land`, :mod:`optimizer.solve.decompose`; the configuration LP does not
converge in the time at that size).

Before the cost stage of a plain run, the configuration LP's cost bound at the plan's seats
is computed (it is the plan's cost bound) and its columns, with the plan's own events, are
solved as an integer program for the cheapest configurations of those seats
(:func:`cost_start`); if that is cheaper in fees and catering, the configurations are first
given trainers by a small solve with them fixed (:func:`complete_start`), and the cost stage
starts from that complete plan if it is cheaper than the coverage plan. On the default
scenario the configurations were about 2,800 € cheaper in fees and catering than the
coverage plan's. Measured there for the completion (``Tuning.complete_share``, at most
``complete_max_s``): 3 s gave a plan 1,150 € cheaper than the cost stage's result from the
start as a repair hint, 12 s another 86 € only.
"""

from __future__ import annotations

import logging
import time

from ortools.sat.python import cp_model

from optimizer.domain.options import STAGE_COVERAGE, Progress, SolveOptions, Tuning
from optimizer.domain.problem import ProblemData
from optimizer.model.variables import Variables
from optimizer.solve.bound import BoundReport, ConfigurationLP
from optimizer.solve.clock import Clock
from optimizer.solve.decompose import Part, PartSolver, solve_by_land
from optimizer.solve.neighbourhood import objective_value, solve_fixed
from optimizer.solve.stage import Search, StageResult, run_stage
from optimizer.solve.warmstart import configuration_hint, cost_hint, greedy_hint

log = logging.getLogger(__name__)


def first_plan_seconds(limit: float, tuning: Tuning) -> float:
    """Time for the quick first pass: ``first_plan_share`` of the limit but at most
    ``first_plan_max_s``; at least ``first_plan_min_s`` (or ``first_plan_short_share`` of a
    short limit) for a first dated plan."""
    return max(min(tuning.first_plan_share * limit, tuning.first_plan_max_s),
               min(tuning.first_plan_min_s, tuning.first_plan_short_share * limit))


def cost_bound(configurations: ConfigurationLP, seats: int, limit: float, tuning: Tuning
               ) -> BoundReport:
    """The configuration LP's bound of the cost of any plan with ``seats`` seats, within
    ``cost_bound_share`` of the limit (at least ``cost_bound_min_s``)."""
    return configurations.cost(
        seats, time_limit_s=max(tuning.cost_bound_share * limit, tuning.cost_bound_min_s))


def weighted_value(data: ProblemData, v: Variables, hint: dict[cp_model.IntVar, int]) -> int:
    """The weighted coverage (:func:`optimizer.model.constraints.coverage_expr`, R17) of a
    complete hint."""
    weights = data.scenario.objective.module_weights
    bonus = data.scenario.objective.both_modules_bonus
    return (sum(weights[data.events[e].module] * hint[var] for (_, e), var in v.seats.items())
            + bonus * sum(hint[var] for var in v.both.values()))


def coverage_ceiling(data: ProblemData) -> float:
    """A trivial upper bound of the weighted coverage: every council gets its interest in
    each module (R8), every site with both modules the bonus (R4)."""
    weights = data.scenario.objective.module_weights
    bonus = data.scenario.objective.both_modules_bonus
    sites = {event.site_idx for event in data.events}
    return float(sum(weights[m] * interest[m - 1] for interest in data.interest for m in (1, 2))
                 + bonus * len(sites))


def first_plan(
    search: Search, weighted: cp_model.LinearExpr, limit: float, greedy_is_plan: bool,
) -> StageResult:
    """The quick first plan: the dated greedy plan, then CP-SAT's coverage objective from it
    as a complete hint for :func:`first_plan_seconds`; the better of the two.

    The planner sees a plan at once; it is the fallback if the coverage stage finds none in
    its time, and the hint if the configuration warm start has none better. Where CP-SAT's
    presolve alone takes longer than the pass (4× benchmark instance), the greedy plan is the
    first plan. The requirements (locks, required sites, regional minimums) are not in the
    greedy rule (nor an ``extra`` requirement): with any of them, ``greedy_is_plan`` is
    false and the greedy plan is only a hint, which CP-SAT does not take if it breaks them.
    """
    data, v, model, clock = search.data, search.v, search.model, search.clock
    t0 = time.perf_counter()
    hint, slots = greedy_hint(data, v, search.tuning, clock.cancel)
    greedy = StageResult(name=STAGE_COVERAGE, status=int(cp_model.UNKNOWN), objective=None,
                         bound=None, seconds=time.perf_counter() - t0)
    if hint and greedy_is_plan:
        value = weighted_value(data, v, hint)
        greedy.status, greedy.objective = int(cp_model.FEASIBLE), float(value)
        greedy.values = {var.index: n for var, n in hint.items()}
        greedy.slots = slots
        search.report(STAGE_COVERAGE, value, coverage_ceiling(data))
    log.info("greedy start: coverage %s (%.2fs)", greedy.objective, greedy.seconds)
    for var, n in hint.items():
        model.add_hint(var, n)
    if clock.cancelled:
        return greedy
    model.maximize(weighted)
    found = run_stage(search, STAGE_COVERAGE,
                      clock.elapsed() + first_plan_seconds(limit, search.tuning),
                      slot_hint=slots)
    if found.values is None or (greedy.objective or 0) > (found.objective or 0):
        greedy.cuts = found.cuts
        return greedy
    return found


def plan_by_land(
    search: Search, parts: list[Part], options: SolveOptions, solve_part: PartSolver,
) -> StageResult | None:
    """The part plans of :mod:`optimizer.solve.decompose` joined, as a dated stage result
    (``None`` if no part has a plan); the parts share the time until ``parts_share`` of the
    limit. ``solve_part`` solves one part (the pipeline's coverage-only solve)."""
    data, v, clock = search.data, search.v, search.clock
    seconds = max(options.tuning.parts_share * options.time_limit_s - clock.elapsed(), 0.0)
    ceiling = coverage_ceiling(data)
    best = [0.0]

    def report(done: float, event: Progress) -> None:
        # The parts solved so far and the current part's best: a plan of the whole.
        if event.stage == STAGE_COVERAGE and done + event.objective > best[0]:
            best[0] = done + event.objective
            search.report(STAGE_COVERAGE, best[0], ceiling)

    t0 = time.perf_counter()
    part_options = options.model_copy(update={"workers": clock.workers})
    union = solve_by_land(data, v, parts, part_options, seconds, solve_part,
                          report if search.progress is not None else None, clock.cancel)
    clock.spend(seconds)
    if union is None:
        return None
    values = {var.index: n for var, n in union.hint.items()}
    log.info("%d of %d Länder planned: %d seats (%.2fs)", union.parts, len(parts), union.seats,
             time.perf_counter() - t0)
    return StageResult(name=STAGE_COVERAGE, status=int(cp_model.FEASIBLE),
                       objective=float(weighted_value(data, v, union.hint)), bound=None,
                       seconds=time.perf_counter() - t0, values=values, slots=union.slots)


def warm_start(
    search: Search, configurations: ConfigurationLP, limit: float,
) -> tuple[dict[cp_model.IntVar, int], int] | None:
    """The configuration warm start (:func:`optimizer.solve.warmstart.configuration_hint`)
    within ``warm_start_share`` of the limit, at most ``warm_start_max_s``: a partial hint
    and its seats, or ``None``. Raises ``RuntimeError`` on an LP that ends imprecise."""
    tuning = search.tuning
    seconds = min(tuning.warm_start_share * limit, tuning.warm_start_max_s)
    return configuration_hint(search.data, search.v, seconds, configurations, tuning)


def cost_start(
    search: Search, configurations: ConfigurationLP, values: dict[int, int], limit: float,
) -> tuple[BoundReport | None, dict[int, int] | None]:
    """Before the cost stage: the configuration LP's cost bound at the plan's seats (kept
    for the plan's cost bound) and, from its columns, a cheaper start if there is one
    (:func:`optimizer.solve.warmstart.cost_hint`, within ``cost_start_share`` of the limit)."""
    data, v, tuning = search.data, search.v, search.tuning
    seats = v.seat_total(values)
    try:
        report = cost_bound(configurations, seats, limit, tuning)
        hint = cost_hint(data, v, configurations, values, tuning.cost_start_share * limit,
                         tuning)
    except (RuntimeError, ValueError) as exc:  # an imprecise LP: the stage starts as before
        log.warning("cost start skipped: %s", exc)
        return None, None
    return report, hint


def complete_start(
    model: cp_model.CpModel, v: Variables, start: dict[int, int], incumbent: dict[int, int],
    clock: Clock, seconds: float,
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
                            start, objective_value(model, incumbent), solver, clock.cancel)
    clock.charge(solver)
    log.info("cost start completed: %s in %.2fs", solver.response_proto.status.name,
             solver.wall_time)
    return completed

