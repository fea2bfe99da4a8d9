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
    coverage_at_least,
    differ_from,
    held_events,
    start_from,
)
from optimizer.model.solver import ExtraConstraint, solve
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
    base: list[ExtraConstraint] = [
        coverage_at_least(main.totals.covered_seats, weighted),
        cost_at_most(limit),
    ]
    earlier = [held_events(data, main)]
    plans: list[Plan] = []
    stopped = "count"
    for number in range(1, count + 1):
        # Start from the main plan: an alternative differs from it in a few events only.
        extra = [start_from(main), *base, *(differ_from(held, min_diff) for held in earlier)]
        plan = solve(data, settings, extra=extra)
        log.info("alternative %d: %s, %d seats, %.2f EUR", number, plan.status,
                 plan.totals.covered_seats, plan.totals.total_cost_eur)
        if plan.status in ("INFEASIBLE", "UNKNOWN"):
            stopped = "none-left" if plan.status == "INFEASIBLE" else "time"
            break
        plans.append(plan)
        earlier.append(held_events(data, plan))
        if on_found is not None:
            on_found(number, plan)
    if weighted is None:
        bound, value = main.bound.covered_seats, main.totals.covered_seats
    else:
        bound, value = main.bound.weighted_coverage, weighted
    proven = bound is not None and bound <= value
    return AlternativesResult(plans=plans, stopped=stopped, coverage_proven=proven,
                              cost_limit_eur=limit / 100, tolerance=tolerance,
                              min_diff=min_diff)
