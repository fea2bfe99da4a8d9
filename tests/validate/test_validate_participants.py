"""R6 (8–20 participants per event) and R8 (councils' demand, events per module) of
optimizer/validate/participants.py.

``tiny_plan``: DUS-M1 has 20 participants (C-DUS 12 + C-DU 8), DUS-M2 10, BI-M1 8; every
council's interest is 12/12 (C-DUS) or 8/8 (C-DU, C-BI) members for module 1/2.
"""

from __future__ import annotations

import datetime as dt

from optimizer.domain.plan import Assignment, Plan
from optimizer.domain.scenario import Scenario
from optimizer.validate import validate_plan

from testkit.tiny import PricePlan
from testkit.validate import (
    ViolationCases,
    add,
    new_event,
    set_members,
    setting,
    with_row,
)

D = dt.date


# --- one rule broken at a time ----------------------------------------------------------------

cases = ViolationCases()


@cases("R6-too-few", "R6")
def _(s, p, price):
    return s, price(s, set_members(p, "C-BI", "BI-M1", 7))


@cases("R6-too-many", "R6")
def _(s, p, price):
    return setting(s, "rules", max_participants=19), p


@cases("R8-more-than-interested", "R8")
def _(s, p, price):
    return with_row(s, "councils", "C-DU", interested_m1=7), p


@cases("R8-two-events-of-one-module", "R8")
def _(s, p, price):
    s = with_row(s, "councils", "C-DUS", interested_m1=20)
    event = new_event("DU", 1, (D(2026, 1, 17), D(2026, 1, 18)), ["T-CNC"])
    p = add(p, event, Assignment(council_id="C-DUS", event_id="DU-M1", members=8))
    return s, price(s, p)


test_violation_is_reported = cases.test()


# --- the valid twin ---------------------------------------------------------------------------


def test_two_events_per_module_when_allowed(
    tiny_scenario: Scenario, tiny_plan: Plan, price_plan: PricePlan
):
    scenario = with_row(tiny_scenario, "councils", "C-DUS", interested_m1=20)
    scenario = setting(scenario, "rules", max_events_per_council_module=2)
    event = new_event("DU", 1, (D(2026, 1, 17), D(2026, 1, 18)), ["T-CNC"])
    plan = add(tiny_plan, event, Assignment(council_id="C-DUS", event_id="DU-M1", members=8))
    assert validate_plan(scenario, price_plan(scenario, plan)) == []
