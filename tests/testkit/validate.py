"""Shared helpers of the validator tests (``tests/validate``): small edits of ``tiny_plan`` and
its scenario, and the registry of violation cases each rule group's tests fill.

Every edit returns a copy. A violation case changes the valid ``tiny_plan`` (see
``tests/conftest.py``) or its scenario as little as possible, re-prices the plan when the
change moves money (so no cost rule fires by accident), and expects exactly the rules named,
usually just one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import pytest

from optimizer.domain.plan import Assignment, EventCost, Plan, PlannedEvent
from optimizer.domain.scenario import Scenario
from optimizer.validate import Violation, validate_plan

from testkit.tiny import PricePlan

#: ``change(scenario, plan, price_plan) -> (scenario, plan)``: one violation case.
Case = Callable[[Scenario, Plan, PricePlan], tuple[Scenario, Plan]]


class ViolationCases:
    """The violation cases of one rule group, registered with ``@cases("name", "R1", …)``.

    Each case must make the validator report exactly the rules named; :meth:`params` feeds
    them to one parametrized test per module, :attr:`rules` tells which rules they cover.
    """

    def __init__(self) -> None:
        self.cases: list[tuple[str, Case, frozenset[str]]] = []

    def __call__(self, name: str, *expected: str) -> Callable[[Case], Case]:
        def register(fn: Case) -> Case:
            self.cases.append((name, fn, frozenset(expected)))
            return fn

        return register

    def params(self) -> list[object]:
        """``(change, expected)`` per case, named by the case, for ``pytest.mark.parametrize``."""
        return [pytest.param(fn, set(expected), id=name) for name, fn, expected in self.cases]

    @property
    def rules(self) -> set[str]:
        return set().union(*(expected for _, _, expected in self.cases))

    def test(self) -> Callable[..., None]:
        """The module's parametrized test: each case makes the validator report exactly its
        rules (``test_violation_is_reported = cases.test()``)."""

        @pytest.mark.parametrize(("change", "expected"), self.params())
        def test_violation_is_reported(
            tiny_scenario: Scenario, tiny_plan: Plan, price_plan: PricePlan,
            change: Case, expected: set[str],
        ) -> None:
            scenario, plan = change(tiny_scenario, tiny_plan, price_plan)
            violations = validate_plan(scenario, plan)
            assert rules_of(violations) == expected, "\n".join(map(str, violations))

        return test_violation_is_reported


def rules_of(violations: Iterable[Violation]) -> set[str]:
    """The rule IDs among ``violations``."""
    return {v.rule for v in violations}


def find_event(plan: Plan, event_id: str) -> PlannedEvent:
    return next(e for e in plan.events if e.event_id == event_id)


def edit_event(plan: Plan, target_id: str, /, **update: object) -> Plan:
    """Change fields of the event ``target_id``."""
    events = [e.model_copy(update=update) if e.event_id == target_id else e for e in plan.events]
    return plan.model_copy(update={"events": events})


def set_members(plan: Plan, council_id: str, event_id: str, members: int) -> Plan:
    """Change the members of one assignment."""
    assignments = [
        a.model_copy(update={"members": members})
        if (a.council_id, a.event_id) == (council_id, event_id) else a
        for a in plan.assignments
    ]
    return plan.model_copy(update={"assignments": assignments})


def add(plan: Plan, new: PlannedEvent | None = None, *assignments: Assignment) -> Plan:
    """Append an event (if given) and assignments."""
    events = [*plan.events, new] if new is not None else plan.events
    return plan.model_copy(
        update={"events": events, "assignments": [*plan.assignments, *assignments]}
    )


def new_event(site_id: str, module: int, days: tuple[dt.date, dt.date], trainers: list[str],
              event_id: str | None = None) -> PlannedEvent:
    """An unpriced event; run the plan through ``price_plan`` afterwards."""
    return PlannedEvent(
        event_id=event_id or f"{site_id}-M{module}", site_id=site_id, module=module,
        days=list(days), participants=0, trainer_ids=trainers,
        cost_eur=EventCost(fees=0, travel=0, catering=0, total=0),
    )


def with_row(scenario: Scenario, table: str, ident: str, **update: object) -> Scenario:
    """Change one row of ``councils``, ``sites`` or ``trainers``."""
    key = {"councils": "council_id", "sites": "site_id", "trainers": "trainer_id"}[table]
    rows = tuple(
        r.model_copy(update=update) if getattr(r, key) == ident else r
        for r in getattr(scenario, table)
    )
    return scenario.model_copy(update={table: rows})


def setting(scenario: Scenario, group: str, **update: object) -> Scenario:
    """Change settings of one group (``period``, ``slots``, ``rules``, ``costs`` …)."""
    return scenario.model_copy(
        update={group: getattr(scenario, group).model_copy(update=update)}
    )


def shift_cost(plan: Plan, event_id: str, part: str, delta_eur: float) -> Plan:
    """Change one stated amount and every sum that contains it, so the plan adds up."""
    cost = find_event(plan, event_id).cost_eur
    cost = cost.model_copy(update={part: getattr(cost, part) + delta_eur,
                                   "total": cost.total + delta_eur})
    totals = plan.totals.model_copy(update={
        f"{part}_eur": getattr(plan.totals, f"{part}_eur") + delta_eur,
        "total_cost_eur": plan.totals.total_cost_eur + delta_eur,
    })
    objective = plan.objective.model_copy(
        update={"total_cost_eur": plan.objective.total_cost_eur + delta_eur}
    )
    plan = edit_event(plan, event_id, cost_eur=cost)
    return plan.model_copy(update={"totals": totals, "objective": objective})
