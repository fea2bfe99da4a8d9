"""Alternative plans for planners to choose from (issue 5, item 6).

An *alternative* to the main plan is a plan that

- covers at least as many seats as the main plan (R17's first stage: its proven optimum when
  the main plan's coverage is proven optimal; with weights or a bonus also the weighted
  coverage),
- costs at most ``(1 + tolerance)`` × the main plan's cost (default 5 %), and
- is *clearly different* from the main plan and every earlier alternative: the sets of held
  events (site, module) differ in at least ``min_diff`` events (default 2: at least one
  event moved to another site, or one dropped and one added; a Hamming no-good on the
  ``held`` literals, :func:`optimizer.model.diagnose.differ_from`). Only where events are
  held counts, because that is what planners negotiate with VHS sites and trainers; a mere
  reshuffle of councils or trainers between the same events is not an alternative.

Among these, each alternative is the lexicographic optimum (most seats, then least cost) of
the same solver as the main plan, so alternative 1 is the cheapest clearly different plan,
alternative 2 the cheapest one clearly different from both, and so on. The search stops
early when the solver proves that no further alternative exists or finds none in time.
With one worker and a fixed seed the alternatives are reproducible (deterministic time).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass

from optimizer.domain.plan import Plan
from optimizer.domain.scenario import SolverSettings
from optimizer.model.diagnose import (
    cost_at_most,
    differ_from,
    held_events,
    start_from,
)
from optimizer.model.solver import solve
from optimizer.problem import ProblemData, euros_to_cents

log = logging.getLogger(__name__)

DEFAULT_TOLERANCE = 0.05
DEFAULT_MIN_DIFF = 2


@dataclass(frozen=True)
class AlternativesResult:
    """The alternatives found (in order) and why the search stopped.

    ``stopped``: ``"count"`` (as many as asked), ``"none-left"`` (proven: no further plan
    meets the definition) or ``"time"`` (none found within the time limit).
    """

    plans: list[Plan]
    stopped: str
    coverage_proven: bool  # the main plan's coverage is its proven optimum
    cost_limit_eur: float
    tolerance: float
    min_diff: int


def cost_limit_cents(main: Plan, tolerance: float) -> int:
    """``(1 + tolerance)`` × the main plan's cost, in whole cents (rounded down)."""
    return math.floor(euros_to_cents(main.totals.total_cost_eur) * (1 + tolerance) + 1e-9)


def event_keys(plan: Plan) -> set[tuple[str, int]]:
    """The held events of a plan as (site, module)."""
    return {(e.site_id, e.module) for e in plan.events}


def _coverage(plan: Plan, weighted: bool) -> tuple[int, int | None]:
    """A plan's (weighted) coverage and its proven upper bound."""
    if weighted:
        return plan.objective.weighted_coverage or 0, plan.bound.weighted_coverage
    return plan.totals.covered_seats, plan.bound.covered_seats


def _hint_drop(
    data: ProblemData, main: Plan, earlier: list[frozenset[int]], min_diff: int
) -> set[str]:
    """Events to leave out of the main plan's hint so that the hint is itself a solution:
    ``min_diff`` module-2 events (smallest first) whose removal keeps ``min_diff`` from every
    earlier plan. Dropping module-2 events breaks no rule (R5b and R5c only limit module 2
    given module 1; budget and trainer loads only fall), so CP-SAT starts from a complete
    alternative and improves it. Empty when no such set exists (the hint is then repaired)."""
    index = {(data.sites[ev.site_idx].site_id, ev.module): e for e, ev in enumerate(data.events)}
    module2 = sorted(
        (ev for ev in main.events if ev.module == 2 and (ev.site_id, 2) in index),
        key=lambda ev: (ev.participants, ev.event_id),
    )
    held = held_events(data, main)
    for start in range(len(module2) - min_diff + 1):
        dropped = module2[start:start + min_diff]
        rest = held - {index[ev.site_id, 2] for ev in dropped}
        if all(len(rest ^ other) >= min_diff for other in earlier):
            return {ev.event_id for ev in dropped}
    return set()


def find_alternatives(
    data: ProblemData,
    main: Plan,
    count: int,
    settings: SolverSettings,
    tolerance: float = DEFAULT_TOLERANCE,
    min_diff: int = DEFAULT_MIN_DIFF,
    on_found: Callable[[int, Plan], None] | None = None,
) -> AlternativesResult:
    """Up to ``count`` alternatives to ``main`` (see the module docstring), one solve each
    with ``settings`` (its time limit applies per alternative)."""
    limit = cost_limit_cents(main, tolerance)
    weighted = main.objective.weighted_coverage
    target = main.totals.covered_seats if weighted is None else weighted
    earlier = [held_events(data, main)]
    plans: list[Plan] = []
    stopped = "count"
    for number in range(1, count + 1):
        # Start from the main plan less a few events (a complete alternative, _hint_drop).
        # Coverage is the first stage's objective, not a requirement: a hard floor at the
        # optimum makes even a first solution hard to find on large scenarios, while the
        # objective lets CP-SAT repair the hint step by step; plans below the floor are
        # rejected afterwards, and a stage-1 bound below it proves that none is left.
        extra = [start_from(main, _hint_drop(data, main, earlier, min_diff)), cost_at_most(limit),
                 *(differ_from(held, min_diff) for held in earlier)]
        plan = solve(data, settings, extra=extra)
        coverage, bound = _coverage(plan, weighted is not None)
        log.info("alternative %d: %s, coverage %s (bound %s), %.2f EUR", number, plan.status,
                 coverage, bound, plan.totals.total_cost_eur)
        if plan.status in ("INFEASIBLE", "UNKNOWN") or coverage < target:
            proven = plan.status == "INFEASIBLE" or (bound is not None and bound < target)
            stopped = "none-left" if proven else "time"
            break
        plans.append(plan)
        earlier.append(held_events(data, plan))
        if on_found is not None:
            on_found(number, plan)
    if weighted is None:
        main_bound, value = main.bound.covered_seats, main.totals.covered_seats
    else:
        main_bound, value = main.bound.weighted_coverage, weighted
    proven = main_bound is not None and main_bound <= value
    return AlternativesResult(plans=plans, stopped=stopped, coverage_proven=proven,
                              cost_limit_eur=limit / 100, tolerance=tolerance,
                              min_diff=min_diff)
