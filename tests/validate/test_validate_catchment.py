"""R7 (catchment) and R9 (hosting sites) of optimizer/validate/catchment.py.

C-DU (Duisburg) attends DUS-M1 at VHS Düsseldorf: a neighbouring municipality, and 23,774 m
from Duisburg's centre (geodesic), within the default radius of 25 km; so it stays valid with
either test alone, and is rejected only when both are off or too small.
"""

from __future__ import annotations

import pytest

from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.validate import validate_plan

from testkit.validate import ViolationCases, setting, with_row

# --- one rule broken at a time ----------------------------------------------------------------

cases = ViolationCases()


@cases("R7-neighbours-off-no-radius", "R7")
def _(s, p, price):
    return setting(s, "catchment", neighbours=False, radius_km=None), p


@cases("R7-neighbours-off-radius-too-small", "R7")
def _(s, p, price):
    # Duisburg centre to VHS Düsseldorf is 23,774 m.
    return setting(s, "catchment", neighbours=False, radius_km=23.773), p


@cases("R7-radius-zero-switches-off", "R7")
def _(s, p, price):
    return setting(s, "catchment", neighbours=False, radius_km=0), p


@cases("R7-far-council", "R7")
def _(s, p, price):
    # C-BI (Bielefeld, ~150 km away, no border) takes C-DUS's place in DUS-M2.
    p = p.model_copy(update={"assignments": [
        a.model_copy(update={"council_id": "C-BI", "members": 8})
        if (a.council_id, a.event_id) == ("C-DUS", "DUS-M2") else a
        for a in p.assignments
    ]})
    return s, price(s, p)


@cases("R9-vhs-not-interested", "R9")
def _(s, p, price):
    return with_row(s, "sites", "BI", interested=False), p


@cases("R9-no-partner-council", "R9")
def _(s, p, price):
    return with_row(s, "sites", "BI", partner_council_id=None), p


test_violation_is_reported = cases.test()


# --- the valid twin ---------------------------------------------------------------------------


@pytest.mark.parametrize("radius_km", [23.774, 25.0])
def test_radius_reaches_without_neighbours(
    tiny_scenario: Scenario, tiny_plan: Plan, radius_km: float
):
    """R7: 23,774 m from Duisburg's centre to VHS Düsseldorf; distance ≤ radius qualifies."""
    scenario = setting(tiny_scenario, "catchment", neighbours=False, radius_km=radius_km)
    assert validate_plan(scenario, tiny_plan) == []
