"""R1 (planning period) and R2 (slots and seminar days) of optimizer/validate/calendar.py.

``tiny_plan`` (tests/conftest.py): DUS-M1 Fri 6 + Sat 7 Feb 2026, DUS-M2 Sat 7 + Sat 14 Mar
2026, BI-M1 Sat 14 + Sun 15 Feb 2026. Each violation case moves a day or changes a slot
setting and expects exactly the rules named; the valid twins show the same day passing when
the setting allows it.
"""

from __future__ import annotations

import datetime as dt

from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.validate import validate_plan

from testkit.validate import ViolationCases, edit_event, setting, with_row

D = dt.date


# --- one rule broken at a time ----------------------------------------------------------------

cases = ViolationCases()


@cases("R1-day-after-period", "R1")
def _(s, p, price):
    return setting(s, "period", end=D(2026, 3, 10)), p


@cases("R1-day-before-period", "R1")
def _(s, p, price):
    return s, edit_event(p, "BI-M1", days=[D(2025, 9, 27), D(2025, 9, 28)])


@cases("R2-public-holiday", "R2")
def _(s, p, price):
    # Sat 3 Oct 2026 is German Unity Day (not in school holidays, which start 17 Oct).
    return s, edit_event(p, "BI-M1", days=[D(2026, 10, 3), D(2026, 10, 4)])


@cases("R2-school-holiday", "R2")
def _(s, p, price):
    # Sat 17 + Sun 18 Oct 2026: NRW Herbstferien 2026/27.
    return s, edit_event(p, "BI-M1", days=[D(2026, 10, 17), D(2026, 10, 18)])


@cases("R2-wrong-weekdays", "R2")
def _(s, p, price):
    # Sun + Mon: consecutive (same travel), but no allowed pattern starts on a Sunday.
    return s, edit_event(p, "BI-M1", days=[D(2026, 2, 15), D(2026, 2, 16)])


@cases("R2-pattern-not-enabled", "R2")
def _(s, p, price):
    return setting(s, "slots", patterns=("fri+sat", "sat+sun")), p  # DUS-M2 is sat+sat7


@cases("R2-fri-fri7-not-enabled-by-default", "R2")
def _(s, p, price):
    return s, edit_event(p, "DUS-M2", days=[D(2026, 3, 6), D(2026, 3, 13)])


@cases("R2-days-not-sorted", "R2")
def _(s, p, price):
    return s, edit_event(p, "BI-M1", days=[D(2026, 2, 15), D(2026, 2, 14)])


@cases("R2-same-day-twice", "R2")
def _(s, p, price):
    return s, price(s, edit_event(p, "BI-M1", days=[D(2026, 2, 14), D(2026, 2, 14)]))


@cases("R2-blocked-date", "R2")
def _(s, p, price):
    return setting(s, "slots", blocked_dates=(D(2026, 2, 14),)), p


@cases("R2-blocked-at-site", "R2")
def _(s, p, price):
    return with_row(s, "sites", "BI", blocked_dates=(D(2026, 2, 15),)), p


test_violation_is_reported = cases.test()


# --- the valid twins --------------------------------------------------------------------------


def test_school_holidays_allowed_when_not_avoided(tiny_scenario: Scenario, tiny_plan: Plan):
    scenario = setting(tiny_scenario, "slots", avoid_school_holidays=False)
    plan = edit_event(tiny_plan, "BI-M1", days=[D(2026, 10, 17), D(2026, 10, 18)])
    assert validate_plan(scenario, plan) == []


def test_fri_fri7_allowed_when_enabled(tiny_scenario: Scenario, tiny_plan: Plan):
    scenario = setting(tiny_scenario, "slots", patterns=("fri+sat", "sat+sun", "fri+fri7"))
    plan = edit_event(tiny_plan, "DUS-M2", days=[D(2026, 3, 6), D(2026, 3, 13)])
    assert validate_plan(scenario, plan) == []
