"""PLAN, the plan's own consistency (optimizer/validate/fit.py): IDs exist and fit together,
participants agree with the assignments; and whether a plan fits a scenario at all
(``plan_mismatches``, which the CLI and the analysis use before anything else).

Each violation case changes the valid ``tiny_plan`` (tests/conftest.py) as little as possible
and expects exactly the rules named (testkit/validate.py).
"""

from __future__ import annotations

from optimizer.domain.plan import Assignment, Plan
from optimizer.domain.scenario import Scenario
from optimizer.validate import plan_mismatches

from testkit.validate import ViolationCases, add, edit_event, set_members

# --- one rule broken at a time ----------------------------------------------------------------

cases = ViolationCases()


@cases("plan-event-id-not-site-module", "PLAN")
def _(s, p, price):
    p = edit_event(p, "DUS-M2", event_id="DUS-2")
    return s, p.model_copy(update={"assignments": [
        a.model_copy(update={"event_id": "DUS-2"}) if a.event_id == "DUS-M2" else a
        for a in p.assignments
    ]})


@cases("plan-unknown-site", "PLAN")
def _(s, p, price):
    p = edit_event(p, "BI-M1", site_id="XX", event_id="XX-M1")
    return s, p.model_copy(update={"assignments": [
        a.model_copy(update={"event_id": "XX-M1"}) if a.event_id == "BI-M1" else a
        for a in p.assignments
    ]})


@cases("plan-unknown-trainer", "PLAN")
def _(s, p, price):
    return s, edit_event(p, "BI-M1", trainer_ids=["T-XX"])


@cases("plan-unknown-council", "PLAN")
def _(s, p, price):
    return s, p.model_copy(update={"assignments": [
        a.model_copy(update={"council_id": "C-XX"}) if a.council_id == "C-BI" else a
        for a in p.assignments
    ]})


@cases("plan-module-3", "PLAN")
def _(s, p, price):
    p = edit_event(p, "DUS-M2", module=3, event_id="DUS-M3")
    return s, p.model_copy(update={"assignments": [
        a.model_copy(update={"event_id": "DUS-M3"}) if a.event_id == "DUS-M2" else a
        for a in p.assignments
    ]})


@cases("plan-participants-not-assigned-members", "PLAN")
def _(s, p, price):
    return s, edit_event(p, "BI-M1", participants=9)


@cases("plan-assignment-to-missing-event", "PLAN")
def _(s, p, price):
    return s, add(p, None, Assignment(council_id="C-DU", event_id="DU-M2", members=1))


@cases("plan-assignment-without-members", "PLAN")
def _(s, p, price):
    return s, add(p, None, Assignment(council_id="C-DU", event_id="DUS-M2", members=0))


@cases("plan-council-assigned-twice-to-one-event", "PLAN")
def _(s, p, price):
    p = set_members(p, "C-BI", "BI-M1", 4)
    return s, add(p, None, Assignment(council_id="C-BI", event_id="BI-M1", members=4))


@cases("plan-travel-by-trainer-wrong-length", "PLAN")
def _(s, p, price):
    return s, edit_event(p, "DUS-M1", travel_eur_by_trainer=[38.71])


test_violation_is_reported = cases.test()


# --- does a plan fit its scenario -------------------------------------------------------------


def test_mismatch_is_named(tiny_scenario: Scenario, tiny_plan: Plan):
    other = tiny_plan.model_copy(update={"scenario": "anders"})
    assert plan_mismatches(tiny_scenario, tiny_plan) == []
    problems = plan_mismatches(tiny_scenario, other)
    assert problems and "anders" in problems[0]
    fewer = tiny_scenario.model_copy(update={"trainers": tiny_scenario.trainers[:1]})
    assert any("T-CNC" in p for p in plan_mismatches(fewer, tiny_plan))
