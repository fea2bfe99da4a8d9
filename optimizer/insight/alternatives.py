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

``count``, ``tolerance`` and ``min_diff`` are the
:class:`~optimizer.domain.options.AlternativesOptions`.

Among these, each alternative is the lexicographic optimum (most seats, then least cost) of
the same solver as the main plan, so alternative 1 is the cheapest clearly different plan,
alternative 2 the cheapest one clearly different from both, and so on. The search stops
early when the solver proves that no further alternative exists or finds none in time.
With one worker and a fixed seed the alternatives are reproducible (deterministic time).

Large scenarios: with sites in several regions (the CLI groups them by Regierungsbezirk),
each alternative re-plans *one region* and keeps the rest of the main plan
(:func:`optimizer.model.diagnose.keep_outside`), trying the regions in turn – starting one
further for each alternative, so they spread over the state – with an equal share of the
time limit. A statewide re-solve does not get back to the main plan's coverage in a time a
planner waits (NRW, 30 s: 1,454 of 1,471 seats), while one region's few dozen sites solve
quickly; and planners negotiate changes region by region anyway. Then "the cheapest" is
among alternatives that change one region, and "none left" is only proven for those.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from optimizer.domain.options import AlternativesOptions, CancelToken
from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData, euros_to_cents
from optimizer.domain.scenario import SolverSettings
from optimizer.model.diagnose import (
    cost_at_most,
    differ_from,
    held_events,
    keep_outside,
    start_from,
)
from optimizer.solve.pipeline import solve

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AlternativesResult:
    """The alternatives found (in order) and why the search stopped.

    ``stopped``: ``"count"`` (as many as asked), ``"none-left"`` (proven: no further plan
    meets the definition), ``"none-local"`` (proven: none that changes one region only) or
    ``"time"`` (none found within the time limit) or ``"cancelled"`` (by the cancel token).
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


def hint_drop(
    data: ProblemData, main: Plan, earlier: list[frozenset[int]], min_diff: int,
    free: Collection[int],
) -> set[str]:
    """Events to leave out of the main plan's hint so that the hint is itself a solution:
    ``min_diff`` module-2 events among ``free`` (smallest first) whose removal keeps
    ``min_diff`` from every earlier plan. Dropping module-2 events breaks no rule (R5b and
    R5c only limit module 2 given module 1; budget and trainer loads only fall), so CP-SAT
    starts from a complete alternative and improves it. Empty when no such set exists (the
    hint is then repaired)."""
    index = {(data.sites[ev.site_idx].site_id, ev.module): e for e, ev in enumerate(data.events)}
    allowed = set(free)
    module2 = sorted(
        (ev for ev in main.events
         if ev.module == 2 and index.get((ev.site_id, 2)) in allowed),
        key=lambda ev: (ev.participants, ev.event_id),
    )
    held = held_events(data, main)
    for start in range(len(module2) - min_diff + 1):
        dropped = module2[start:start + min_diff]
        rest = held - {index[ev.site_id, 2] for ev in dropped}
        if all(len(rest ^ other) >= min_diff for other in earlier):
            return {ev.event_id for ev in dropped}
    return set()


def _groups(data: ProblemData, site_groups: Mapping[str, str] | None) -> list[set[int]]:
    """Candidate events per group of their site (sorted by group name); one group of all
    events without ``site_groups``."""
    if not site_groups:
        return [set(range(data.num_events))]
    by_group: dict[str, set[int]] = {}
    for e, event in enumerate(data.events):
        site_id = data.sites[event.site_idx].site_id
        by_group.setdefault(site_groups.get(site_id, ""), set()).add(e)
    return [by_group[name] for name in sorted(by_group)]


def _search_one(
    data: ProblemData, main: Plan, number: int, groups: list[set[int]],
    earlier: list[frozenset[int]], options: AlternativesOptions, settings: SolverSettings,
    limit: int, cancel: CancelToken | None = None,
) -> tuple[Plan | None, bool]:
    """Alternative ``number``: the first found in the groups, tried in turn starting from
    group ``number - 1``; ``(None, proven)`` when none is found, ``proven`` when every group
    proved that none exists."""
    weighted = main.objective.weighted_coverage
    target = main.totals.covered_seats if weighted is None else weighted
    proven_all = True
    for turn in range(len(groups)):
        group = (number - 1 + turn) % len(groups)
        free = groups[group]
        # Start from the main plan less a few events (a complete alternative, hint_drop).
        # Coverage is the first stage's objective, not a requirement: a hard floor at the
        # optimum makes even a first solution hard to find, while the objective lets
        # CP-SAT improve step by step; plans below the floor are rejected afterwards, and
        # a stage-1 bound below it proves that none is left.
        extra = [start_from(main, hint_drop(data, main, earlier, options.min_diff, free)),
                 cost_at_most(limit),
                 *(differ_from(held, options.min_diff) for held in earlier)]
        if len(groups) > 1:
            extra.append(keep_outside(main, free))
        plan = solve(data, settings, extra=extra, cancel=cancel)
        coverage, bound = _coverage(plan, weighted is not None)
        log.info("alternative %d, group %d: %s, coverage %s (bound %s), %.2f EUR", number,
                 group, plan.status, coverage, bound, plan.totals.total_cost_eur)
        if plan.status not in ("INFEASIBLE", "UNKNOWN") and coverage >= target:
            return plan, False
        proven_all = proven_all and (
            plan.status == "INFEASIBLE" or (bound is not None and bound < target))
    return None, proven_all


def find_alternatives(
    data: ProblemData,
    main: Plan,
    options: AlternativesOptions,
    settings: SolverSettings,
    on_found: Callable[[int, Plan], None] | None = None,
    site_groups: Mapping[str, str] | None = None,
    cancel: CancelToken | None = None,
) -> AlternativesResult:
    """Up to ``options.count`` alternatives to ``main`` (see the module docstring), each
    costing at most ``1 + options.tolerance`` times the main plan and differing in at least
    ``options.min_diff`` events.

    ``settings.time_limit_s`` is the time per alternative. ``site_groups`` maps site IDs to
    a region (the CLI passes the Regierungsbezirk); with more than one region each
    alternative re-plans one region only, regions tried in turn with an equal share of the
    time. ``cancel`` ends the search with the alternatives found so far (``"cancelled"``).
    """
    limit = cost_limit_cents(main, options.tolerance)
    groups = _groups(data, site_groups)
    share = settings.model_copy(
        update={"time_limit_s": max(settings.time_limit_s / len(groups), 1.0)})
    earlier = [held_events(data, main)]
    plans: list[Plan] = []
    stopped = "count"
    for number in range(1, options.count + 1):
        found, proven_all = _search_one(data, main, number, groups, earlier, options, share,
                                        limit, cancel)
        if cancel is not None and cancel.cancelled:
            stopped = "cancelled"
            break
        if found is None:
            if not proven_all:
                stopped = "time"
            else:
                stopped = "none-left" if len(groups) == 1 else "none-local"
            break
        plans.append(found)
        earlier.append(held_events(data, found))
        if on_found is not None:
            on_found(number, found)
    weighted = main.objective.weighted_coverage
    if weighted is None:
        main_bound, value = main.bound.covered_seats, main.totals.covered_seats
    else:
        main_bound, value = main.bound.weighted_coverage, weighted
    proven = main_bound is not None and main_bound <= value
    return AlternativesResult(plans=plans, stopped=stopped, coverage_proven=proven,
                              cost_limit_eur=limit / 100, tolerance=options.tolerance,
                              min_diff=options.min_diff)
