"""R10 (tandems of both roles), R11 (number of trainers) and R12 (a trainer's workload) of
optimizer/validate/trainers.py.

``tiny_plan``: DUS-M1 (20 participants) has the tandem T-EDU (educator) + T-CNC (council),
DUS-M2 (10) has T-EDU, BI-M1 (8) has T-CNC; both trainers teach both modules, at most 3 events.
"""

from __future__ import annotations

import datetime as dt

from testkit.validate import ViolationCases, edit_event, setting, with_row

D = dt.date


# --- one rule broken at a time ----------------------------------------------------------------

cases = ViolationCases()


@cases("R10-tandem-of-one-role", "R10")
def _(s, p, price):
    return with_row(s, "trainers", "T-CNC", role="educator"), p


@cases("R11-two-trainers-for-8", "R11")
def _(s, p, price):
    return s, price(s, edit_event(p, "BI-M1", trainer_ids=["T-CNC", "T-EDU"]))


@cases("R11-one-trainer-for-20", "R11")
def _(s, p, price):
    return s, price(s, edit_event(p, "DUS-M1", trainer_ids=["T-EDU"]))


@cases("R11-threshold-lowered", "R11")
def _(s, p, price):
    return setting(s, "rules", two_trainer_min=8), p


@cases("R11-same-trainer-twice", "R11")
def _(s, p, price):
    return s, price(s, edit_event(p, "DUS-M1", trainer_ids=["T-EDU", "T-EDU"]))


@cases("R12-unavailable", "R12")
def _(s, p, price):
    return with_row(s, "trainers", "T-CNC", unavailable_dates=(D(2026, 2, 14),)), p


@cases("R12-too-many-events", "R12")
def _(s, p, price):
    return with_row(s, "trainers", "T-CNC", max_events=1), p


@cases("R12-module-not-taught", "R12")
def _(s, p, price):
    return with_row(s, "trainers", "T-EDU", modules=(1,)), p


@cases("R12-two-events-one-day", "R12")
def _(s, p, price):
    # T-EDU teaches DUS-M1 on Sat 7 Feb and would teach BI-M1 on Sat 7 + Sun 8 Feb.
    p = edit_event(p, "BI-M1", days=[D(2026, 2, 7), D(2026, 2, 8)], trainer_ids=["T-EDU"])
    return s, price(s, p)


test_violation_is_reported = cases.test()
