"""Solver-independent plan validator: the executable form of ``RULES.md``.

:func:`validate_plan` checks a :class:`~optimizer.domain.plan.Plan` (as read from ``plan.json``)
against its :class:`~optimizer.domain.scenario.Scenario` and returns every broken rule as a
:class:`Violation` naming the rule ID (``R1`` … ``R16``) or ``PLAN`` for a plan that is not
consistent in itself (unknown IDs, sums that do not add up). The planner's own requirements
(README "Re-planning") are checked when the scenario has them: ``LOCK`` (a confirmed event
kept exactly), ``STATUS`` (required sites hold an event, excluded ones none) and ``REGION``
(``objective.min_share_per_region``). An empty list means the plan is
valid; a plan without events is valid.

The package knows nothing of the solver: it reads only the domain models, the reference data
and the geodesic distances of :mod:`optimizer.domain.geodesy`, and recomputes every amount from
``RULES.md`` in exact decimal arithmetic (:func:`recompute_costs`). It is meant to be read side
by side with ``RULES.md``, one module per rule group; each check's docstring names the rules
it enforces:

========================================= ====================================================
module                                    rules
========================================= ====================================================
:mod:`~optimizer.validate.core`           :class:`Violation`, the lookup context, exact cents
:mod:`~optimizer.validate.fit`            PLAN: IDs and what must agree inside the plan;
                                          :func:`plan_mismatches` (does a plan fit a scenario)
:mod:`~optimizer.validate.calendar`       R1 planning period, R2 slots and seminar days
:mod:`~optimizer.validate.modules`        R3 one event per site and module, R5 module order
:mod:`~optimizer.validate.participants`   R6 participants per event, R8 councils' demand
:mod:`~optimizer.validate.catchment`      R7 catchment, R9 hosting sites
:mod:`~optimizer.validate.trainers`       R10 tandems, R11 number of trainers, R12 workload
:mod:`~optimizer.validate.costs`          R13 fees, R14 travel, R15 catering (recomputed)
:mod:`~optimizer.validate.budget`         R16 budget; PLAN ``totals`` and ``objective``
:mod:`~optimizer.validate.requirements`   LOCK, STATUS, REGION (the planner's requirements)
========================================= ====================================================

Readings fixed here (where ``RULES.md`` leaves a choice to the implementation):

* An event's participants are the members assigned to it. A ``participants`` field that
  differs is reported as ``PLAN``; every rule (R6, R11, R15) uses the assigned members.
* A stated amount that differs from the recomputation is reported under the rule that defines
  it: fees R13, travel R14, catering R15. Sums that do not add up (an event's total, its travel
  against ``travel_eur_by_trainer``, ``totals``, ``objective``) are reported as ``PLAN``. With
  both kinds of check passing, every stated amount equals the recomputation.
* ``travel_eur_by_trainer`` is optional in ``plan.json`` (FORMAT.md does not list it). When
  given, each trainer's amount is checked (R14); when empty, the event's travel is.
* Two trainers of the same role are an R10 violation (the tandem of the call); a wrong number
  of trainers, or a trainer listed twice, is an R11 violation.
* R4 permits a site to hold a single module; nothing can violate it, so it has no check.
* The scenario is taken as valid (as :func:`optimizer.io.scenario_reader.read_scenario`
  guarantees: unique IDs, known municipality keys).
"""

from __future__ import annotations

from collections.abc import Iterator

from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.io.reference import load_reference
from optimizer.validate.budget import check_budget, check_totals
from optimizer.validate.calendar import SLOT_PATTERNS, check_days
from optimizer.validate.catchment import check_catchment, check_hosts
from optimizer.validate.core import DAYS_PER_EVENT, Context, Violation
from optimizer.validate.costs import (
    EventCostCents,
    check_event_costs,
    price_event,
    recompute_costs,
)
from optimizer.validate.fit import check_references, plan_mismatches
from optimizer.validate.modules import check_modules
from optimizer.validate.participants import check_demand, check_participants
from optimizer.validate.requirements import (
    check_locks,
    check_regions,
    check_site_status,
    reachable_by_region,
)
from optimizer.validate.trainers import check_tandems, check_trainer_work

__all__ = [
    "DAYS_PER_EVENT",
    "SLOT_PATTERNS",
    "EventCostCents",
    "Violation",
    "plan_mismatches",
    "reachable_by_region",
    "recompute_costs",
    "validate_plan",
]


def validate_plan(
    scenario: Scenario, plan: Plan, reference: Reference | None = None
) -> list[Violation]:
    """Every inconsistency (PLAN) and every violation of R1–R16 in ``plan``, then the
    planner's requirements (LOCK, STATUS, REGION).

    The checks run in the order of ``RULES.md``; within a check, in the order of the plan's
    events and assignments. An empty list means the plan is valid.
    """
    ctx = Context.build(scenario, plan, reference or load_reference())
    priced = [price_event(ctx, e) for e in plan.events]
    checks: list[Iterator[Violation]] = [
        check_references(ctx),  # PLAN
        check_days(ctx),  # R1, R2
        check_modules(ctx),  # R3, R5
        check_participants(ctx),  # R6
        check_catchment(ctx),  # R7
        check_demand(ctx),  # R8
        check_hosts(ctx),  # R9
        check_tandems(ctx),  # R10, R11
        check_trainer_work(ctx),  # R12
        check_event_costs(ctx, priced),  # R13, R14, R15, PLAN
        check_totals(ctx),  # PLAN
        check_budget(ctx, priced),  # R16
        check_locks(ctx),  # LOCK (scenario locks)
        check_site_status(ctx),  # STATUS (required / excluded sites)
        check_regions(ctx),  # REGION (objective.min_share_per_region)
    ]
    return [violation for check in checks for violation in check]
