"""Tests of the plan validator: the tiny plan is valid, and each rule is broken in turn.

Every violation case changes the valid ``tiny_plan`` (see ``conftest.py``) or its scenario as
little as possible, re-prices the plan when the change moves money (so no cost rule fires by
accident), and expects exactly the rules named, usually just one.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
from collections.abc import Callable

import pytest

import optimizer.validate as validate_module
from optimizer.domain.geodesy import distance_m
from optimizer.domain.geography import Reference
from optimizer.domain.plan import Assignment, EventCost, Plan, PlannedEvent
from optimizer.domain.scenario import Scenario
from optimizer.validate import EventCostCents, Violation, recompute_costs, validate_plan

D = dt.date
PricePlan = Callable[[Scenario, Plan], Plan]  # the ``price_plan`` fixture (conftest.py)
MakePlan = Callable[..., Plan]  # the ``make_plan`` fixture (conftest.py)

# --- small editing helpers (all return copies) ------------------------------------------------


def _event(plan: Plan, event_id: str) -> PlannedEvent:
    return next(e for e in plan.events if e.event_id == event_id)


def _edit_event(plan: Plan, target_id: str, /, **update: object) -> Plan:
    events = [e.model_copy(update=update) if e.event_id == target_id else e for e in plan.events]
    return plan.model_copy(update={"events": events})


def _set_members(plan: Plan, council_id: str, event_id: str, members: int) -> Plan:
    assignments = [
        a.model_copy(update={"members": members})
        if (a.council_id, a.event_id) == (council_id, event_id) else a
        for a in plan.assignments
    ]
    return plan.model_copy(update={"assignments": assignments})


def _add(plan: Plan, event: PlannedEvent | None = None, *assignments: Assignment) -> Plan:
    events = [*plan.events, event] if event is not None else plan.events
    return plan.model_copy(
        update={"events": events, "assignments": [*plan.assignments, *assignments]}
    )


def _new_event(site_id: str, module: int, days: tuple[D, D], trainers: list[str],
               event_id: str | None = None) -> PlannedEvent:
    """An unpriced event; run the plan through ``price_plan`` afterwards."""
    return PlannedEvent(
        event_id=event_id or f"{site_id}-M{module}", site_id=site_id, module=module,
        days=list(days), participants=0, trainer_ids=trainers,
        cost_eur=EventCost(fees=0, travel=0, catering=0, total=0),
    )


def _with(scenario: Scenario, table: str, ident: str, **update: object) -> Scenario:
    """Change one row of ``councils``, ``sites`` or ``trainers``."""
    key = {"councils": "council_id", "sites": "site_id", "trainers": "trainer_id"}[table]
    rows = tuple(
        r.model_copy(update=update) if getattr(r, key) == ident else r
        for r in getattr(scenario, table)
    )
    return scenario.model_copy(update={table: rows})


def _setting(scenario: Scenario, group: str, **update: object) -> Scenario:
    """Change settings of one group (``period``, ``slots``, ``rules``, ``costs`` …)."""
    return scenario.model_copy(
        update={group: getattr(scenario, group).model_copy(update=update)}
    )


def _shift_cost(plan: Plan, event_id: str, part: str, delta_eur: float) -> Plan:
    """Change one stated amount and every sum that contains it, so the plan adds up."""
    cost = _event(plan, event_id).cost_eur
    cost = cost.model_copy(update={part: getattr(cost, part) + delta_eur,
                                   "total": cost.total + delta_eur})
    totals = plan.totals.model_copy(update={
        f"{part}_eur": getattr(plan.totals, f"{part}_eur") + delta_eur,
        "total_cost_eur": plan.totals.total_cost_eur + delta_eur,
    })
    objective = plan.objective.model_copy(
        update={"total_cost_eur": plan.objective.total_cost_eur + delta_eur}
    )
    plan = _edit_event(plan, event_id, cost_eur=cost)
    return plan.model_copy(update={"totals": totals, "objective": objective})


def _rules(violations: list[Violation]) -> set[str]:
    return {v.rule for v in violations}


# --- the valid plan ---------------------------------------------------------------------------


def test_tiny_plan_is_valid(tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference):
    assert validate_plan(tiny_scenario, tiny_plan, nrw_reference) == []


def test_reference_defaults_to_shipped_data(tiny_scenario: Scenario, tiny_plan: Plan):
    assert validate_plan(tiny_scenario, tiny_plan) == []


def test_plan_without_events_is_valid(tiny_scenario: Scenario, make_plan: MakePlan):
    assert validate_plan(tiny_scenario, make_plan(tiny_scenario, [], [])) == []


def test_site_with_one_module_is_valid(
    tiny_scenario: Scenario, tiny_plan: Plan, price_plan: PricePlan
):
    """R4 only permits: a site may hold module 1 without module 2 (BI does already)."""
    plan = tiny_plan.model_copy(update={
        "events": [e for e in tiny_plan.events if e.event_id != "DUS-M2"],
        "assignments": [a for a in tiny_plan.assignments if a.event_id != "DUS-M2"],
    })
    assert validate_plan(tiny_scenario, price_plan(tiny_scenario, plan)) == []


# --- costs by hand ----------------------------------------------------------------------------


def test_costs_by_hand(tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference):
    """Default rates: 450 €/trainer-day, 0.30 €/km, road factor 1.3, night 92 € above 120 km.

    Distances (geodesic, whole metres): VHS Düsseldorf–Düsseldorf centre 1,041 m,
    VHS Düsseldorf–Duisburg centre 23,774 m, Duisburg centre–Bielefeld centre 138,452 m.

    DUS-M1 (Fri+Sat, 20 participants, 2 trainers):
      fees 450 × 2 × 2 = 1,800.00; catering 12 × 2 × 22 = 528.00
      T-EDU: 1.041 km × 1.3 = 1.3533 road km ≤ 120 -> 2 round trips 4 × 1.3533 × 0.30
             = 1.62396 -> 1.62
      T-CNC: 23.774 × 1.3 = 30.9062 road km -> 4 × 30.9062 × 0.30 = 37.08744 -> 37.09
      total 1,800 + 38.71 + 528 = 2,366.71
    DUS-M2 (Sat+Sat7, 10 participants, T-EDU): 900 + 1.62 + 12 × 2 × 11 = 264 -> 1,165.62
    BI-M1 (Sat+Sun, 8 participants, T-CNC): 138.452 × 1.3 = 179.9876 road km > 120 on a
      consecutive slot -> one round trip 2 × 179.9876 × 0.30 = 107.99256 plus 92 night
      = 199.99256 -> 199.99; 900 + 199.99 + 12 × 2 × 9 = 216 -> 1,315.99
    Plan total 4,848.32 €.
    """
    municipalities = nrw_reference.municipalities
    dus, du, bi = (municipalities[a] for a in ("05111000", "05112000", "05711000"))
    assert distance_m(dus.lat, dus.lon, 51.2203, 6.7936) == 1041
    assert distance_m(du.lat, du.lon, 51.2203, 6.7936) == 23774
    assert distance_m(du.lat, du.lon, bi.lat, bi.lon) == 138452

    costs = recompute_costs(tiny_scenario, tiny_plan, nrw_reference)
    assert costs == {
        "DUS-M1": EventCostCents(fees=180000, travel_by_trainer=(162, 3709), catering=52800),
        "DUS-M2": EventCostCents(fees=90000, travel_by_trainer=(162,), catering=26400),
        "BI-M1": EventCostCents(fees=90000, travel_by_trainer=(19999,), catering=21600),
    }
    assert costs["DUS-M1"].travel == 3871
    assert costs["DUS-M1"].total == 236671
    assert sum(c.total for c in costs.values()) == 484832
    assert tiny_plan.totals.total_cost_eur == 4848.32


def test_overnight_only_above_threshold_and_on_consecutive_days(
    tiny_scenario: Scenario, tiny_plan: Plan
):
    """R14: 179.9876 road km > 120 -> night (199.99); 30.9062 ≤ 120 -> two round trips."""
    costs = recompute_costs(tiny_scenario, tiny_plan)
    assert costs["BI-M1"].travel == 19999  # above 120 km, Sat+Sun: round trip + night
    assert costs["DUS-M1"].travel_by_trainer[1] == 3709  # below 120 km: 2 round trips

    # The same far trip on Sat + next Sat: 2 × 107.99256 = 215.98512 -> 215.99.
    week_apart = _edit_event(tiny_plan, "BI-M1", days=[D(2026, 2, 14), D(2026, 2, 21)])
    assert recompute_costs(tiny_scenario, week_apart)["BI-M1"].travel == 21599


@pytest.mark.parametrize(
    ("overnight_min_km", "travel_cents"),
    [("179.9875", 19999), ("179.9876", 21599), ("179.9877", 21599)],
)
def test_overnight_threshold_is_strict(
    tiny_scenario: Scenario, tiny_plan: Plan, overnight_min_km: str, travel_cents: int
):
    """R14: the night applies only when one-way road km (179.9876) is strictly above."""
    scenario = _setting(tiny_scenario, "costs", overnight_min_km=float(overnight_min_km))
    assert recompute_costs(scenario, tiny_plan)["BI-M1"].travel == travel_cents


def test_travel_rounds_half_up_exactly(tiny_scenario: Scenario, tiny_plan: Plan):
    """R14: 4 × 1.041 km × 1.25 €/km = 5.205 € exactly -> 5.21 € (float rounding gives 5.20)."""
    scenario = _setting(tiny_scenario, "costs", road_factor=1.0, km_rate_eur=1.25)
    assert round(4 * 1.041 * 1.25 * 100) == 520  # why the validator uses Decimal
    assert recompute_costs(scenario, tiny_plan)["DUS-M2"].travel == 521


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


# --- one rule broken at a time ----------------------------------------------------------------

Case = Callable[[Scenario, Plan, PricePlan], tuple[Scenario, Plan]]
CASES: list[tuple[str, Case, set[str]]] = []


def case(name: str, *expected: str) -> Callable[[Case], Case]:
    """Register a violation case that must report exactly the rules ``expected``."""

    def register(fn: Case) -> Case:
        CASES.append((name, fn, set(expected)))
        return fn

    return register


@case("plan-event-id-not-site-module", "PLAN")
def _(s, p, price):
    p = _edit_event(p, "DUS-M2", event_id="DUS-2")
    return s, p.model_copy(update={"assignments": [
        a.model_copy(update={"event_id": "DUS-2"}) if a.event_id == "DUS-M2" else a
        for a in p.assignments
    ]})


@case("plan-unknown-site", "PLAN")
def _(s, p, price):
    p = _edit_event(p, "BI-M1", site_id="XX", event_id="XX-M1")
    return s, p.model_copy(update={"assignments": [
        a.model_copy(update={"event_id": "XX-M1"}) if a.event_id == "BI-M1" else a
        for a in p.assignments
    ]})


@case("plan-unknown-trainer", "PLAN")
def _(s, p, price):
    return s, _edit_event(p, "BI-M1", trainer_ids=["T-XX"])


@case("plan-unknown-council", "PLAN")
def _(s, p, price):
    return s, p.model_copy(update={"assignments": [
        a.model_copy(update={"council_id": "C-XX"}) if a.council_id == "C-BI" else a
        for a in p.assignments
    ]})


@case("plan-module-3", "PLAN")
def _(s, p, price):
    p = _edit_event(p, "DUS-M2", module=3, event_id="DUS-M3")
    return s, p.model_copy(update={"assignments": [
        a.model_copy(update={"event_id": "DUS-M3"}) if a.event_id == "DUS-M2" else a
        for a in p.assignments
    ]})


@case("plan-participants-not-assigned-members", "PLAN")
def _(s, p, price):
    return s, _edit_event(p, "BI-M1", participants=9)


@case("plan-assignment-to-missing-event", "PLAN")
def _(s, p, price):
    return s, _add(p, None, Assignment(council_id="C-DU", event_id="DU-M2", members=1))


@case("plan-assignment-without-members", "PLAN")
def _(s, p, price):
    return s, _add(p, None, Assignment(council_id="C-DU", event_id="DUS-M2", members=0))


@case("plan-council-assigned-twice-to-one-event", "PLAN")
def _(s, p, price):
    p = _set_members(p, "C-BI", "BI-M1", 4)
    return s, _add(p, None, Assignment(council_id="C-BI", event_id="BI-M1", members=4))


@case("plan-travel-by-trainer-wrong-length", "PLAN")
def _(s, p, price):
    return s, _edit_event(p, "DUS-M1", travel_eur_by_trainer=[38.71])


@case("plan-event-total-does-not-add-up", "PLAN")
def _(s, p, price):
    cost = _event(p, "BI-M1").cost_eur
    return s, _edit_event(p, "BI-M1", cost_eur=cost.model_copy(update={"total": 1316.0}))


@case("plan-totals-fees", "PLAN")
def _(s, p, price):
    return s, p.model_copy(update={"totals": p.totals.model_copy(update={"fees_eur": 3601.0})})


@case("plan-totals-events", "PLAN")
def _(s, p, price):
    return s, p.model_copy(update={"totals": p.totals.model_copy(update={"events": 2})})


@case("plan-totals-budget", "PLAN")
def _(s, p, price):
    return s, p.model_copy(update={"totals": p.totals.model_copy(update={"budget_eur": 9999})})


@case("plan-objective-seats", "PLAN")
def _(s, p, price):
    return s, p.model_copy(
        update={"objective": p.objective.model_copy(update={"covered_seats": 37})}
    )


@case("plan-objective-cost", "PLAN")
def _(s, p, price):
    return s, p.model_copy(
        update={"objective": p.objective.model_copy(update={"total_cost_eur": 4848.33})}
    )


@case("R1-day-after-period", "R1")
def _(s, p, price):
    return _setting(s, "period", end=D(2026, 3, 10)), p


@case("R1-day-before-period", "R1")
def _(s, p, price):
    return s, _edit_event(p, "BI-M1", days=[D(2025, 9, 27), D(2025, 9, 28)])


@case("R2-public-holiday", "R2")
def _(s, p, price):
    # Sat 3 Oct 2026 is German Unity Day (not in school holidays, which start 17 Oct).
    return s, _edit_event(p, "BI-M1", days=[D(2026, 10, 3), D(2026, 10, 4)])


@case("R2-school-holiday", "R2")
def _(s, p, price):
    # Sat 17 + Sun 18 Oct 2026: NRW Herbstferien 2026/27.
    return s, _edit_event(p, "BI-M1", days=[D(2026, 10, 17), D(2026, 10, 18)])


@case("R2-wrong-weekdays", "R2")
def _(s, p, price):
    # Sun + Mon: consecutive (same travel), but no allowed pattern starts on a Sunday.
    return s, _edit_event(p, "BI-M1", days=[D(2026, 2, 15), D(2026, 2, 16)])


@case("R2-pattern-not-enabled", "R2")
def _(s, p, price):
    return _setting(s, "slots", patterns=("fri+sat", "sat+sun")), p  # DUS-M2 is sat+sat7


@case("R2-fri-fri7-not-enabled-by-default", "R2")
def _(s, p, price):
    return s, _edit_event(p, "DUS-M2", days=[D(2026, 3, 6), D(2026, 3, 13)])


@case("R2-days-not-sorted", "R2")
def _(s, p, price):
    return s, _edit_event(p, "BI-M1", days=[D(2026, 2, 15), D(2026, 2, 14)])


@case("R2-same-day-twice", "R2")
def _(s, p, price):
    return s, price(s, _edit_event(p, "BI-M1", days=[D(2026, 2, 14), D(2026, 2, 14)]))


@case("R2-blocked-date", "R2")
def _(s, p, price):
    return _setting(s, "slots", blocked_dates=(D(2026, 2, 14),)), p


@case("R2-blocked-at-site", "R2")
def _(s, p, price):
    return _with(s, "sites", "BI", blocked_dates=(D(2026, 2, 15),)), p


@case("R3-second-module-1-at-site", "R3", "PLAN")
def _(s, p, price):
    # A second module-1 event at BI (its ID cannot be BI-M1 twice, hence also PLAN).
    s = _with(s, "councils", "C-BI", members=20, interested_m1=16)
    s = _setting(s, "rules", max_events_per_council_module=2)
    second = _new_event("BI", 1, (D(2026, 3, 14), D(2026, 3, 15)), ["T-CNC"], "BI-M1-2")
    p = _add(p, second, Assignment(council_id="C-BI", event_id="BI-M1-2", members=8))
    return s, price(s, p)


@case("R5a-site-gap", "R5")
def _(s, p, price):
    return _setting(s, "rules", module_gap_days=29), p  # DUS-M2 starts 28 days after DUS-M1


@case("R5a-site-module-2-first", "R5")
def _(s, p, price):
    return s, _edit_event(p, "DUS-M2", days=[D(2026, 1, 17), D(2026, 1, 24)])


@case("R5b-more-in-module-2-than-module-1", "R5")
def _(s, p, price):
    return s, price(s, _set_members(p, "C-DUS", "DUS-M1", 9))  # 10 in module 2 > 9 + 0


@case("R5c-council-gap-across-sites", "R5")
def _(s, p, price):
    # C-DU: module 1 ends Sat 7 Feb (DUS-M1), module 2 at DU starts Sat 14 Feb: 7 < 14 days.
    event = _new_event("DU", 2, (D(2026, 2, 14), D(2026, 2, 15)), ["T-EDU"])
    p = _add(p, event, Assignment(council_id="C-DU", event_id="DU-M2", members=8))
    return s, price(s, p)


@case("R6-too-few", "R6")
def _(s, p, price):
    return s, price(s, _set_members(p, "C-BI", "BI-M1", 7))


@case("R6-too-many", "R6")
def _(s, p, price):
    return _setting(s, "rules", max_participants=19), p


@case("R7-neighbours-off-no-radius", "R7")
def _(s, p, price):
    return _setting(s, "catchment", neighbours=False, radius_km=None), p


@case("R7-neighbours-off-radius-too-small", "R7")
def _(s, p, price):
    # Duisburg centre to VHS Düsseldorf is 23,774 m.
    return _setting(s, "catchment", neighbours=False, radius_km=23.773), p


@case("R7-radius-zero-switches-off", "R7")
def _(s, p, price):
    return _setting(s, "catchment", neighbours=False, radius_km=0), p


@case("R7-far-council", "R7")
def _(s, p, price):
    # C-BI (Bielefeld, ~150 km away, no border) takes C-DUS's place in DUS-M2.
    p = p.model_copy(update={"assignments": [
        a.model_copy(update={"council_id": "C-BI", "members": 8})
        if (a.council_id, a.event_id) == ("C-DUS", "DUS-M2") else a
        for a in p.assignments
    ]})
    return s, price(s, p)


@case("R8-more-than-interested", "R8")
def _(s, p, price):
    return _with(s, "councils", "C-DU", interested_m1=7), p


@case("R8-two-events-of-one-module", "R8")
def _(s, p, price):
    s = _with(s, "councils", "C-DUS", interested_m1=20)
    event = _new_event("DU", 1, (D(2026, 1, 17), D(2026, 1, 18)), ["T-CNC"])
    p = _add(p, event, Assignment(council_id="C-DUS", event_id="DU-M1", members=8))
    return s, price(s, p)


@case("R9-vhs-not-interested", "R9")
def _(s, p, price):
    return _with(s, "sites", "BI", interested=False), p


@case("R9-no-partner-council", "R9")
def _(s, p, price):
    return _with(s, "sites", "BI", partner_council_id=None), p


@case("R10-tandem-of-one-role", "R10")
def _(s, p, price):
    return _with(s, "trainers", "T-CNC", role="educator"), p


@case("R11-two-trainers-for-8", "R11")
def _(s, p, price):
    return s, price(s, _edit_event(p, "BI-M1", trainer_ids=["T-CNC", "T-EDU"]))


@case("R11-one-trainer-for-20", "R11")
def _(s, p, price):
    return s, price(s, _edit_event(p, "DUS-M1", trainer_ids=["T-EDU"]))


@case("R11-threshold-lowered", "R11")
def _(s, p, price):
    return _setting(s, "rules", two_trainer_min=8), p


@case("R11-same-trainer-twice", "R11")
def _(s, p, price):
    return s, price(s, _edit_event(p, "DUS-M1", trainer_ids=["T-EDU", "T-EDU"]))


@case("R12-unavailable", "R12")
def _(s, p, price):
    return _with(s, "trainers", "T-CNC", unavailable_dates=(D(2026, 2, 14),)), p


@case("R12-too-many-events", "R12")
def _(s, p, price):
    return _with(s, "trainers", "T-CNC", max_events=1), p


@case("R12-module-not-taught", "R12")
def _(s, p, price):
    return _with(s, "trainers", "T-EDU", modules=(1,)), p


@case("R12-two-events-one-day", "R12")
def _(s, p, price):
    # T-EDU teaches DUS-M1 on Sat 7 Feb and would teach BI-M1 on Sat 7 + Sun 8 Feb.
    p = _edit_event(p, "BI-M1", days=[D(2026, 2, 7), D(2026, 2, 8)], trainer_ids=["T-EDU"])
    return s, price(s, p)


@case("R13-stated-fees", "R13")
def _(s, p, price):
    return s, _shift_cost(p, "DUS-M2", "fees", -100.0)


@case("R13-fee-rate", "R13")
def _(s, p, price):
    return _setting(s, "costs", fee_per_trainer_day_eur=500), p


@case("R14-stated-travel-without-night", "R14")
def _(s, p, price):
    p = _shift_cost(p, "BI-M1", "travel", 16.0)  # 215.99: two round trips instead of a night
    return s, _edit_event(p, "BI-M1", travel_eur_by_trainer=[215.99])


@case("R14-stated-travel-without-breakdown", "R14")
def _(s, p, price):
    p = _shift_cost(p, "BI-M1", "travel", 16.0)
    return s, _edit_event(p, "BI-M1", travel_eur_by_trainer=[])


@case("plan-travel-not-sum-of-trainers", "PLAN")
def _(s, p, price):
    p = _shift_cost(p, "BI-M1", "travel", 16.0)  # the breakdown still says 199.99
    return s, p


@case("R14-travel-by-trainer-swapped", "R14")
def _(s, p, price):
    return s, _edit_event(p, "DUS-M1", travel_eur_by_trainer=[37.09, 1.62])


@case("R14-km-rate", "R14")
def _(s, p, price):
    return _setting(s, "costs", km_rate_eur=0.35), p


@case("R15-stated-catering-without-trainers", "R15")
def _(s, p, price):
    return s, _shift_cost(p, "DUS-M1", "catering", -48.0)  # 12 × 2 × 20 instead of × 22


@case("R15-catering-rate", "R15")
def _(s, p, price):
    return _setting(s, "costs", catering_per_person_day_eur=13), p


@case("R16-one-cent-over-budget", "R16")
def _(s, p, price):
    s = s.model_copy(update={"budget_eur": 4848.31})
    return s, p.model_copy(update={"totals": p.totals.model_copy(update={"budget_eur": 4848.31})})


@pytest.mark.parametrize(("change", "expected"), [(c[1], c[2]) for c in CASES],
                         ids=[c[0] for c in CASES])
def test_violation_is_reported(
    tiny_scenario: Scenario, tiny_plan: Plan, price_plan: PricePlan,
    change: Case, expected: set[str],
):
    scenario, plan = change(tiny_scenario, tiny_plan, price_plan)
    violations = validate_plan(scenario, plan)
    assert _rules(violations) == expected, "\n".join(map(str, violations))


def test_every_rule_has_a_violation_case():
    """R4 only permits (a site may hold one module), R17 and R18 are not about feasibility."""
    covered = set().union(*(c[2] for c in CASES))
    assert covered == {"PLAN"} | {f"R{i}" for i in range(1, 17)} - {"R4"}


# --- the valid twins of some violations -------------------------------------------------------


def test_school_holidays_allowed_when_not_avoided(tiny_scenario: Scenario, tiny_plan: Plan):
    scenario = _setting(tiny_scenario, "slots", avoid_school_holidays=False)
    plan = _edit_event(tiny_plan, "BI-M1", days=[D(2026, 10, 17), D(2026, 10, 18)])
    assert validate_plan(scenario, plan) == []


def test_fri_fri7_allowed_when_enabled(tiny_scenario: Scenario, tiny_plan: Plan):
    scenario = _setting(tiny_scenario, "slots", patterns=("fri+sat", "sat+sun", "fri+fri7"))
    plan = _edit_event(tiny_plan, "DUS-M2", days=[D(2026, 3, 6), D(2026, 3, 13)])
    assert validate_plan(scenario, plan) == []


@pytest.mark.parametrize("radius_km", [23.774, 25.0])
def test_radius_reaches_without_neighbours(
    tiny_scenario: Scenario, tiny_plan: Plan, radius_km: float
):
    """R7: 23,774 m from Duisburg's centre to VHS Düsseldorf; distance ≤ radius qualifies."""
    scenario = _setting(tiny_scenario, "catchment", neighbours=False, radius_km=radius_km)
    assert validate_plan(scenario, tiny_plan) == []


def test_trained_members_allow_more_in_module_2(
    tiny_scenario: Scenario, tiny_plan: Plan, price_plan: PricePlan
):
    """R5(b): 10 in module 2 ≤ 9 in module 1 + 1 already trained."""
    scenario = _with(tiny_scenario, "councils", "C-DUS", trained_m1=1)
    plan = price_plan(scenario, _set_members(tiny_plan, "C-DUS", "DUS-M1", 9))
    assert validate_plan(scenario, plan) == []


def test_two_events_per_module_when_allowed(
    tiny_scenario: Scenario, tiny_plan: Plan, price_plan: PricePlan
):
    scenario = _with(tiny_scenario, "councils", "C-DUS", interested_m1=20)
    scenario = _setting(scenario, "rules", max_events_per_council_module=2)
    event = _new_event("DU", 1, (D(2026, 1, 17), D(2026, 1, 18)), ["T-CNC"])
    plan = _add(tiny_plan, event, Assignment(council_id="C-DUS", event_id="DU-M1", members=8))
    assert validate_plan(scenario, price_plan(scenario, plan)) == []


# --- messages ---------------------------------------------------------------------------------


def test_messages_name_the_numbers(
    tiny_scenario: Scenario, tiny_plan: Plan, price_plan: PricePlan
):
    plan = price_plan(tiny_scenario, _set_members(tiny_plan, "C-BI", "BI-M1", 7))
    [violation] = validate_plan(tiny_scenario, plan)
    assert violation == Violation(
        "R6", "BI-M1", "Veranstaltung BI-M1: 7 Teilnehmende, erlaubt sind 8–20"
    )

    plan = _edit_event(tiny_plan, "BI-M1", days=[D(2026, 10, 3), D(2026, 10, 4)])
    [violation] = validate_plan(tiny_scenario, plan)
    assert "Sa 03.10.2026" in violation.message
    assert "Tag der Deutschen Einheit" in violation.message


def test_malformed_plan_is_reported_not_raised(tiny_scenario: Scenario, tiny_plan: Plan):
    plan = _edit_event(tiny_plan, "BI-M1", days=[], trainer_ids=[], site_id="XX")
    plan = _add(plan, None, Assignment(council_id="C-XX", event_id="YY-M9", members=-1))
    rules = _rules(validate_plan(tiny_scenario, plan))
    assert {"PLAN", "R2", "R11"} <= rules


def test_validator_is_independent_of_the_solver():
    """STYLE: the validator is the executable form of RULES.md and knows nothing of the solver."""
    tree = ast.parse(inspect.getsource(validate_module))
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    } | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
         for alias in node.names}
    solver = ("optimizer.model", "optimizer.domain.problem", "optimizer.domain.calendar")
    assert not [m for m in imported if m.startswith(solver)]
