"""R3 (one event per site and module) and R5 (module 2 builds on module 1) of
optimizer/validate/modules.py.

In ``tiny_plan`` DUS holds both modules: DUS-M1 ends Sat 7 Feb, DUS-M2 starts Sat 7 Mar,
28 days later (gap 14 by default); C-DUS sends 12 members to module 1 and 10 to module 2.
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
    edit_event,
    new_event,
    set_members,
    setting,
    with_row,
)

D = dt.date


# --- one rule broken at a time ----------------------------------------------------------------

cases = ViolationCases()


@cases("R3-second-module-1-at-site", "R3", "PLAN")
def _(s, p, price):
    # A second module-1 event at BI (its ID cannot be BI-M1 twice, hence also PLAN).
    s = with_row(s, "councils", "C-BI", members=20, interested_m1=16)
    s = setting(s, "rules", max_events_per_council_module=2)
    second = new_event("BI", 1, (D(2026, 3, 14), D(2026, 3, 15)), ["T-CNC"], "BI-M1-2")
    p = add(p, second, Assignment(council_id="C-BI", event_id="BI-M1-2", members=8))
    return s, price(s, p)


@cases("R5a-site-gap", "R5")
def _(s, p, price):
    return setting(s, "rules", module_gap_days=29), p  # DUS-M2 starts 28 days after DUS-M1


@cases("R5a-site-module-2-first", "R5")
def _(s, p, price):
    return s, edit_event(p, "DUS-M2", days=[D(2026, 1, 17), D(2026, 1, 24)])


@cases("R5b-more-in-module-2-than-module-1", "R5")
def _(s, p, price):
    return s, price(s, set_members(p, "C-DUS", "DUS-M1", 9))  # 10 in module 2 > 9 + 0


@cases("R5c-council-gap-across-sites", "R5")
def _(s, p, price):
    # C-DU: module 1 ends Sat 7 Feb (DUS-M1), module 2 at DU starts Sat 14 Feb: 7 < 14 days.
    event = new_event("DU", 2, (D(2026, 2, 14), D(2026, 2, 15)), ["T-EDU"])
    p = add(p, event, Assignment(council_id="C-DU", event_id="DU-M2", members=8))
    return s, price(s, p)


test_violation_is_reported = cases.test()


# --- the valid twin ---------------------------------------------------------------------------


def test_trained_members_allow_more_in_module_2(
    tiny_scenario: Scenario, tiny_plan: Plan, price_plan: PricePlan
):
    """R5(b): 10 in module 2 ≤ 9 in module 1 + 1 already trained."""
    scenario = with_row(tiny_scenario, "councils", "C-DUS", trained_m1=1)
    plan = price_plan(scenario, set_members(tiny_plan, "C-DUS", "DUS-M1", 9))
    assert validate_plan(scenario, plan) == []
