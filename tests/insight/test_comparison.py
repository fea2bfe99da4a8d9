"""Comparing plans (optimizer/insight/comparison.py, report/compare.py): the difference of two plans
on constructed pairs with hand-reasoned rows, and the side-by-side figures.

``tiny_plan`` (tests/conftest.py) is the baseline: DUS-M1 Fri 6 + Sat 7 Feb 2026 (C-DUS 12 +
C-DU 8, T-EDU + T-CNC), DUS-M2 Sat 7 + Sat 14 Mar 2026 (C-DUS 10, T-EDU), BI-M1 Sat 14 + Sun
15 Feb 2026 (C-BI 8, T-CNC).
"""

from __future__ import annotations

import datetime as dt

import pytest

from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.insight.comparison import (
    ADDED,
    CHANGED,
    DROPPED,
    MOVED,
    PARTICIPANTS,
    TRAINERS,
    compare_metrics,
    diff_plans,
)
from optimizer.insight.figures import analyse_plan
from optimizer.report.compare import diff_csv, metrics_csv
from optimizer.validate import validate_plan

from testkit.csv_de import read_csv_de
from testkit.tiny import MakePlan

FEB_6, FEB_7, FEB_14, FEB_15 = (dt.date(2026, 2, d) for d in (6, 7, 14, 15))
MAR_7, MAR_14, MAR_21 = (dt.date(2026, 3, d) for d in (7, 14, 21))
APR_18, APR_19 = dt.date(2026, 4, 18), dt.date(2026, 4, 19)


@pytest.fixture
def rearranged(tiny_scenario: Scenario, make_plan: MakePlan, nrw_reference: Reference) -> Plan:
    """``tiny_plan`` rearranged: DUS-M1 the same (its tandem listed the other way round),
    DUS-M2 a week later with T-CNC instead of T-EDU, BI-M1 dropped, DU-M2 added for C-DU.

    Valid: C-DU's module 2 on 18 Apr is ten weeks after its module 1 (R5), each trainer works
    two events (R12), 18/19 Apr 2026 is after the Easter holidays (R2).
    """
    plan = make_plan(
        tiny_scenario,
        [
            ("DUS", 1, (FEB_6, FEB_7), ["T-CNC", "T-EDU"]),
            ("DUS", 2, (MAR_14, MAR_21), ["T-CNC"]),
            ("DU", 2, (APR_18, APR_19), ["T-EDU"]),
        ],
        [("C-DUS", "DUS-M1", 12), ("C-DU", "DUS-M1", 8), ("C-DUS", "DUS-M2", 10),
         ("C-DU", "DU-M2", 8)],
    )
    assert validate_plan(tiny_scenario, plan, nrw_reference) == []
    return plan


def test_identical_plans_have_no_difference(tiny_plan: Plan):
    assert diff_plans(tiny_plan, tiny_plan) == []


def test_added_dropped_moved_and_trainer_swapped(tiny_plan: Plan, rearranged: Plan):
    changes = diff_plans(tiny_plan, rearranged)
    # By site, then module: BI-M1 dropped, DU-M2 new, DUS-M2 moved and re-staffed. DUS-M1 is
    # unchanged: the same two trainers in another order are the same tandem.
    assert [(c.event_id, c.kind, c.changes) for c in changes] == [
        ("BI-M1", DROPPED, ()),
        ("DU-M2", ADDED, ()),
        ("DUS-M2", CHANGED, (MOVED, TRAINERS)),
    ]
    dropped, added, moved = changes
    assert (dropped.days_before, dropped.days_after) == ((FEB_14, FEB_15), ())
    assert (dropped.trainers_before, dropped.participants_before,
            dropped.participants_after) == (("T-CNC",), 8, None)
    assert (added.days_after, added.trainers_after, added.participants_after) == (
        (APR_18, APR_19), ("T-EDU",), 8)
    assert added.participants_before is None
    assert (moved.days_before, moved.days_after) == ((MAR_7, MAR_14), (MAR_14, MAR_21))
    assert (moved.trainers_before, moved.trainers_after) == (("T-EDU",), ("T-CNC",))
    assert moved.participants_before == moved.participants_after == 10
    # The other way round, added and dropped swap.
    back = diff_plans(rearranged, tiny_plan)
    assert [(c.event_id, c.kind) for c in back] == [
        ("BI-M1", ADDED), ("DU-M2", DROPPED), ("DUS-M2", CHANGED)]


def test_participants_changed(tiny_scenario: Scenario, tiny_plan: Plan, make_plan: MakePlan):
    """C-DU no longer comes to DUS-M1: 12 instead of 20 participants, same tandem and days."""
    fewer = make_plan(
        tiny_scenario,
        [("DUS", 1, (FEB_6, FEB_7), ["T-EDU", "T-CNC"]),
         ("DUS", 2, (MAR_7, MAR_14), ["T-EDU"]),
         ("BI", 1, (FEB_14, FEB_15), ["T-CNC"])],
        [("C-DUS", "DUS-M1", 12), ("C-DUS", "DUS-M2", 10), ("C-BI", "BI-M1", 8)],
    )
    [change] = diff_plans(tiny_plan, fewer)
    assert (change.event_id, change.kind, change.changes) == (
        "DUS-M1", CHANGED, (PARTICIPANTS,))
    assert (change.participants_before, change.participants_after) == (20, 12)


def test_diff_csv_rows(tiny_plan: Plan, rearranged: Plan):
    rows = read_csv_de(diff_csv({"neu": diff_plans(tiny_plan, rearranged)}))
    assert [(r["Plan"], r["Veranstaltung"], r["Art"]) for r in rows] == [
        ("neu", "BI-M1", "entfällt"), ("neu", "DU-M2", "neu"), ("neu", "DUS-M2", "geändert")]
    assert rows[2]["Tage vorher"] == "07.03.2026 + 14.03.2026"
    assert rows[2]["Tage nachher"] == "14.03.2026 + 21.03.2026"
    assert rows[2]["Änderungen"] == "Termin verschoben, Trainer*innen gewechselt"
    assert rows[0]["Teilnehmende nachher"] == "" and rows[0]["Teilnehmende vorher"] == "8"


def test_metrics_side_by_side(tiny_scenario: Scenario, tiny_plan: Plan, make_plan: MakePlan,
                              nrw_reference: Reference):
    analyses = {
        "Plan": analyse_plan(tiny_scenario, tiny_plan, nrw_reference),
        "leer": analyse_plan(tiny_scenario, make_plan(tiny_scenario, [], []), nrw_reference),
    }
    metrics = {m.key: m.values for m in compare_metrics(analyses)}
    # tiny_plan: 38 of 56 seats, 3 events at 2 sites, 4 trainer-events = 8 seminar days,
    # 3,600 € fees; Detmold 8 of 16, Düsseldorf 30 of 40. The empty plan: nothing.
    assert metrics["covered_seats"] == (38, 0)
    assert metrics["wanted_seats"] == (56, 56)
    assert metrics["events"] == (3, 0)
    assert metrics["events_m2"] == (1, 0)
    assert metrics["sites"] == (2, 0)
    assert metrics["trainer_days"] == (8, 0)
    assert metrics["fees"] == (360_000, 0)
    assert metrics["budget"] == (1_000_000, 1_000_000)
    assert metrics["covered_share_Düsseldorf"] == (0.75, 0.0)
    assert metrics["covered_share_Detmold"] == (0.5, 0.0)
    rows = {r["kennzahl"]: r for r in read_csv_de(metrics_csv(analyses))}
    assert (rows["fees"]["Plan"], rows["fees"]["einheit"]) == ("3600,00", "eur")
    assert (rows["covered_seats_m1"]["bezeichnung"], rows["covered_seats_m1"]["einheit"]) == (
        "Abgedeckte Plätze Modul 1", "plätze")
    assert rows["covered_share_Detmold"]["bezeichnung"] == "Anteil abgedeckt Detmold"
    assert rows["covered_share"]["Plan"] == f"{38 / 56:.4f}".replace(".", ",")
    assert rows["covered_seats"]["leer"] == "0"
