"""R13 fees, R14 travel, R15 catering of optimizer/validate/costs.py: the exact recomputation in
cents (by hand on ``tiny_plan``) and the comparison with the amounts a plan states.

A changed rate makes every stated amount of that kind wrong (one rule); a changed stated
amount is moved together with every sum containing it (``shift_cost``), so only the rule
that defines it fires — or PLAN, when the sums no longer add up.
"""

from __future__ import annotations

import datetime as dt

import pytest

from optimizer.domain.geodesy import distance_m
from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.validate import EventCostCents, recompute_costs

from testkit.validate import (
    ViolationCases,
    edit_event,
    find_event,
    setting,
    shift_cost,
)

D = dt.date


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
    week_apart = edit_event(tiny_plan, "BI-M1", days=[D(2026, 2, 14), D(2026, 2, 21)])
    assert recompute_costs(tiny_scenario, week_apart)["BI-M1"].travel == 21599


@pytest.mark.parametrize(
    ("overnight_min_km", "travel_cents"),
    [("179.9875", 19999), ("179.9876", 21599), ("179.9877", 21599)],
)
def test_overnight_threshold_is_strict(
    tiny_scenario: Scenario, tiny_plan: Plan, overnight_min_km: str, travel_cents: int
):
    """R14: the night applies only when one-way road km (179.9876) is strictly above."""
    scenario = setting(tiny_scenario, "costs", overnight_min_km=float(overnight_min_km))
    assert recompute_costs(scenario, tiny_plan)["BI-M1"].travel == travel_cents


def test_travel_rounds_half_up_exactly(tiny_scenario: Scenario, tiny_plan: Plan):
    """R14: 4 × 1.041 km × 1.25 €/km = 5.205 € exactly -> 5.21 € (float rounding gives 5.20)."""
    scenario = setting(tiny_scenario, "costs", road_factor=1.0, km_rate_eur=1.25)
    assert round(4 * 1.041 * 1.25 * 100) == 520  # why the validator uses Decimal
    assert recompute_costs(scenario, tiny_plan)["DUS-M2"].travel == 521


# --- stated amounts against the recomputation, one rule broken at a time ----------------------

cases = ViolationCases()


@cases("plan-event-total-does-not-add-up", "PLAN")
def _(s, p, price):
    cost = find_event(p, "BI-M1").cost_eur
    return s, edit_event(p, "BI-M1", cost_eur=cost.model_copy(update={"total": 1316.0}))


@cases("R13-stated-fees", "R13")
def _(s, p, price):
    return s, shift_cost(p, "DUS-M2", "fees", -100.0)


@cases("R13-fee-rate", "R13")
def _(s, p, price):
    return setting(s, "costs", fee_per_trainer_day_eur=500), p


@cases("R14-stated-travel-without-night", "R14")
def _(s, p, price):
    p = shift_cost(p, "BI-M1", "travel", 16.0)  # 215.99: two round trips instead of a night
    return s, edit_event(p, "BI-M1", travel_eur_by_trainer=[215.99])


@cases("R14-stated-travel-without-breakdown", "R14")
def _(s, p, price):
    p = shift_cost(p, "BI-M1", "travel", 16.0)
    return s, edit_event(p, "BI-M1", travel_eur_by_trainer=[])


@cases("plan-travel-not-sum-of-trainers", "PLAN")
def _(s, p, price):
    p = shift_cost(p, "BI-M1", "travel", 16.0)  # the breakdown still says 199.99
    return s, p


@cases("R14-travel-by-trainer-swapped", "R14")
def _(s, p, price):
    return s, edit_event(p, "DUS-M1", travel_eur_by_trainer=[37.09, 1.62])


@cases("R14-km-rate", "R14")
def _(s, p, price):
    return setting(s, "costs", km_rate_eur=0.35), p


@cases("R15-stated-catering-without-trainers", "R15")
def _(s, p, price):
    return s, shift_cost(p, "DUS-M1", "catering", -48.0)  # 12 × 2 × 20 instead of × 22


@cases("R15-catering-rate", "R15")
def _(s, p, price):
    return setting(s, "costs", catering_per_person_day_eur=13), p


test_violation_is_reported = cases.test()
