"""The figures of a plan (optimizer/insight/figures.py), by hand on ``tiny_plan``.

``tiny_plan`` (tests/conftest.py): DUS-M1 (C-DUS 12 + C-DU 8, tandem T-EDU + T-CNC,
Fri 6 + Sat 7 Feb 2026), DUS-M2 (C-DUS 10, T-EDU, Sat 7 + Sat 14 Mar 2026), BI-M1 (C-BI 8,
T-CNC, Sat 14 + Sun 15 Feb 2026). Survey: C-DUS 12/12, C-DU 8/8, C-BI 8/8 (module 1/2).
"""

from __future__ import annotations

import datetime as dt

import pytest

from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.insight.figures import Seats, analyse_plan
from optimizer.validate import recompute_costs, validate_plan

from testkit.tiny import MakePlan


def test_tiny_plan_is_valid(tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference):
    assert validate_plan(tiny_scenario, tiny_plan, nrw_reference) == []


def test_headline_by_hand(tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference):
    h = analyse_plan(tiny_scenario, tiny_plan, nrw_reference).headline
    # Module 1: wanted 12 + 8 + 8 = 28, all covered (DUS-M1 20, BI-M1 8).
    # Module 2: wanted 28, covered only C-DUS's 10 at DUS-M2.
    assert h.seats[1] == Seats(wanted=28, covered=28)
    assert h.seats[2] == Seats(wanted=28, covered=10)
    assert h.total == Seats(56, 38)
    assert h.total.unmet == 18
    assert h.councils == h.councils_with_demand == h.councils_reached == 3
    assert h.events == {1: 2, 2: 1}
    assert h.total_events == 3
    # DUS holds both modules, BI only module 1 (R4).
    assert (h.sites, h.sites_both_modules) == (2, 1)


def test_costs_by_hand(tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference):
    a = analyse_plan(tiny_scenario, tiny_plan, nrw_reference)
    # Fees (R13): 450 € × 2 days × (2 + 1 + 1) trainers = 3,600 €.
    assert a.costs.fees_cents == 360_000
    # Catering (R15): 12 € × 2 × (20+2 + 10+1 + 8+1 persons) = 12 × 2 × 42 = 1,008 €.
    assert a.costs.catering_cents == 100_800
    # Travel (R14), road km = 1.3 × geodesic, 0.30 €/km:
    # T-CNC Duisburg → Bielefeld 138.5 km → 180.0 road km > 120 on Sat+Sun: one round trip
    #   2 × 180.0 × 0.30 = 108.0 € + 92 € night = 200.0 €;
    # T-CNC Duisburg → DUS 23.8 km → 30.9 road km: 2 days × 2 × 30.9 × 0.30 = 37.1 €;
    # T-EDU Düsseldorf centre → DUS 1.04 km: 2 × 1.6 € for DUS-M1 and DUS-M2.
    # About 240.3 € in all; the exact cents are the validator's.
    recomputed = recompute_costs(tiny_scenario, tiny_plan, nrw_reference)
    assert a.costs.travel_cents == sum(c.travel for c in recomputed.values())
    assert 239_50 < a.costs.travel_cents < 241_00
    assert a.costs.total_cents == sum(c.total for c in recomputed.values())
    assert a.costs.budget_cents == 1_000_000
    assert a.costs.remaining_cents == 1_000_000 - a.costs.total_cents
    assert [label for label, _ in a.costs.lines()] == ["Honorare", "Reisekosten", "Verpflegung"]


def test_councils_and_regions(tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference):
    a = analyse_plan(tiny_scenario, tiny_plan, nrw_reference)
    by_id = {c.council_id: c for c in a.councils}
    assert by_id["C-DUS"].seats == {1: Seats(12, 12), 2: Seats(12, 10)}
    assert by_id["C-DUS"].event_ids == {1: ("DUS-M1",), 2: ("DUS-M2",)}
    assert by_id["C-DU"].seats[2].unmet == 8
    assert (by_id["C-BI"].kreis, by_id["C-BI"].regierungsbezirk) == (
        "Bielefeld (kreisfreie Stadt)", "Detmold")
    # Unmet: C-DU and C-BI miss 8 module-2 seats each, C-DUS 2 (ties by ID).
    assert [(c.council_id, c.total.unmet) for c in a.unmet_councils] == [
        ("C-BI", 8), ("C-DU", 8), ("C-DUS", 2)]
    # Regierungsbezirk Detmold: C-BI; Düsseldorf: C-DUS + C-DU (m1 20/20, m2 20/10).
    rb = {r.name: r for r in a.by_regierungsbezirk}
    assert list(rb) == ["Detmold", "Düsseldorf"]
    assert rb["Düsseldorf"].seats == {1: Seats(20, 20), 2: Seats(20, 10)}
    assert (rb["Düsseldorf"].councils, rb["Düsseldorf"].councils_reached) == (2, 2)
    assert rb["Detmold"].total == Seats(16, 8)
    # Kreise: three kreisfreie Städte; totals add up to the headline.
    assert len(a.by_kreis) == 3
    assert sum((k.total for k in a.by_kreis), Seats()) == a.headline.total


def test_trainers_months_events(tiny_scenario: Scenario, tiny_plan: Plan,
                                nrw_reference: Reference):
    a = analyse_plan(tiny_scenario, tiny_plan, nrw_reference)
    recomputed = recompute_costs(tiny_scenario, tiny_plan, nrw_reference)
    t = {x.trainer_id: x for x in a.trainers}
    # T-EDU: DUS-M1 and DUS-M2, 4 seminar days, 2 × 900 € fees.
    assert t["T-EDU"].event_ids == ("DUS-M1", "DUS-M2")
    assert (t["T-EDU"].seminar_days, t["T-EDU"].fees_cents) == (4, 180_000)
    assert t["T-EDU"].events_by_module == {1: 1, 2: 1}
    # T-CNC: second in DUS-M1's tandem, alone at BI-M1.
    assert t["T-CNC"].event_ids == ("DUS-M1", "BI-M1")
    assert t["T-CNC"].travel_cents == (recomputed["DUS-M1"].travel_by_trainer[1]
                                       + recomputed["BI-M1"].travel_by_trainer[0])
    assert sum(x.fees_cents for x in a.trainers) == a.costs.fees_cents
    assert sum(x.travel_cents for x in a.trainers) == a.costs.travel_cents
    assert a.trainer_days == 8
    # Default period Oct 2025 – Nov 2026: 14 months; Feb 2026 two module-1, Mar one module-2.
    months = {m.month: m.events for m in a.months}
    assert len(months) == 14
    assert months[dt.date(2026, 2, 1)] == {1: 2, 2: 0}
    assert months[dt.date(2026, 3, 1)] == {1: 0, 2: 1}
    assert sum(m.total for m in a.months) == 3
    # Events in calendar order with the assigned members.
    assert [(e.event_id, e.participants) for e in a.events] == [
        ("DUS-M1", 20), ("BI-M1", 8), ("DUS-M2", 10)]
    assert a.events[0].council_ids == ("C-DUS", "C-DU")


def test_empty_plan(tiny_scenario: Scenario, make_plan: MakePlan, nrw_reference: Reference):
    """Holding no event is a feasible plan: everything is unmet, nothing costs."""
    a = analyse_plan(tiny_scenario, make_plan(tiny_scenario, [], []), nrw_reference)
    assert a.headline.total == Seats(56, 0)
    assert a.headline.councils_reached == 0
    assert a.costs.total_cents == 0
    assert all(t.events == 0 for t in a.trainers)
    assert len(a.unmet_councils) == 3


def test_mismatch_is_named(tiny_scenario: Scenario, tiny_plan: Plan):
    """A plan that does not fit the scenario is not analysed (optimizer.validate.fit says why)."""
    fewer = tiny_scenario.model_copy(update={"trainers": tiny_scenario.trainers[:1]})
    with pytest.raises(ValueError, match="T-CNC"):
        analyse_plan(fewer, tiny_plan)
