"""R16 (budget) and the plan's ``totals`` and ``objective`` (PLAN) of
optimizer/validate/budget.py.

``tiny_plan`` costs 4,848.32 € in total (see test_validate_costs.py); its budget is 10,000 €.
"""

from __future__ import annotations

from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.validate import validate_plan

from testkit.validate import ViolationCases

# --- one rule broken at a time ----------------------------------------------------------------

cases = ViolationCases()


@cases("plan-totals-fees", "PLAN")
def _(s, p, price):
    return s, p.model_copy(update={"totals": p.totals.model_copy(update={"fees_eur": 3601.0})})


@cases("plan-totals-events", "PLAN")
def _(s, p, price):
    return s, p.model_copy(update={"totals": p.totals.model_copy(update={"events": 2})})


@cases("plan-totals-budget", "PLAN")
def _(s, p, price):
    return s, p.model_copy(update={"totals": p.totals.model_copy(update={"budget_eur": 9999})})


@cases("plan-objective-seats", "PLAN")
def _(s, p, price):
    return s, p.model_copy(
        update={"objective": p.objective.model_copy(update={"covered_seats": 37})}
    )


@cases("plan-objective-cost", "PLAN")
def _(s, p, price):
    return s, p.model_copy(
        update={"objective": p.objective.model_copy(update={"total_cost_eur": 4848.33})}
    )


@cases("R16-one-cent-over-budget", "R16")
def _(s, p, price):
    s = s.model_copy(update={"budget_eur": 4848.31})
    return s, p.model_copy(update={"totals": p.totals.model_copy(update={"budget_eur": 4848.31})})


test_violation_is_reported = cases.test()


# --- budget equality --------------------------------------------------------------------------


def test_budget_equality_is_allowed(tiny_scenario: Scenario, tiny_plan: Plan):
    """R16: the total (4,848.32 €) may use the budget to the cent, but not one cent more."""
    scenario = tiny_scenario.model_copy(update={"budget_eur": 4848.32})
    plan = tiny_plan.model_copy(
        update={"totals": tiny_plan.totals.model_copy(update={"budget_eur": 4848.32})}
    )
    assert validate_plan(scenario, plan) == []

    scenario = tiny_scenario.model_copy(update={"budget_eur": 4848.31})
    plan = tiny_plan.model_copy(
        update={"totals": tiny_plan.totals.model_copy(update={"budget_eur": 4848.31})}
    )
    violations = validate_plan(scenario, plan)
    assert [v.rule for v in violations] == ["R16"]
    assert "um 0,01 €" in violations[0].message
