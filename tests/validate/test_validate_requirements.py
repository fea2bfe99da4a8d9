"""The planner's own requirements of optimizer/validate/requirements.py: LOCK (a confirmed
event kept exactly), STATUS (required and excluded sites) and REGION (a minimum share of the
reachable seats per Regierungsbezirk).

``tiny_plan`` (tests/conftest.py) holds DUS-M1 (Fri 6 + Sat 7 Feb 2026, T-EDU + T-CNC, C-DUS
12 + C-DU 8), DUS-M2 (C-DUS 10) and BI-M1 (C-BI 8); DU hosts nothing. Reachable seats: C-DUS
12 + 12 and C-DU 8 + 8 in Regierungsbezirk Düsseldorf (40), C-BI 8 + 8 in Detmold (16); the
plan covers 30 and 8 of them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Lock, Scenario
from optimizer.validate import Violation, reachable_by_region, validate_plan

from testkit.validate import setting, with_row

D = dt.date


def _locked(scenario: Scenario, *locks: Lock) -> Scenario:
    return scenario.model_copy(update={"locks": locks})


# --- LOCK -------------------------------------------------------------------------------------


def test_kept_lock_is_valid(tiny_scenario: Scenario, tiny_plan: Plan):
    scenario = _locked(tiny_scenario, Lock(
        site_id="DUS", module=1, days=(D(2026, 2, 6), D(2026, 2, 7)),
        trainer_ids=("T-CNC", "T-EDU"), councils={"C-DUS": 12, "C-DU": 8, "C-BI": 0},
    ))
    assert validate_plan(scenario, tiny_plan) == []


def test_broken_locks_are_named(tiny_scenario: Scenario, tiny_plan: Plan):
    """Each difference to the lock is one violation; a lock without its event is one too."""
    scenario = _locked(
        tiny_scenario,
        Lock(site_id="DUS", module=1, days=(D(2026, 2, 13), D(2026, 2, 14)),
             trainer_ids=("T-EDU",), councils={"C-DUS": 11, "C-DU": 8}),
        Lock(site_id="DU", module=1, days=(D(2026, 2, 13), D(2026, 2, 14)),
             trainer_ids=("T-EDU",)),
    )
    violations = validate_plan(scenario, tiny_plan)
    assert [(v.rule, v.subject) for v in violations] == [("LOCK", "DUS-M1")] * 3 + [
        ("LOCK", "DU-M1")
    ]
    assert violations[0].message == (
        "Festlegung DUS-M1: Termin Fr 06.02.2026 + Sa 07.02.2026 statt Fr 13.02.2026 + "
        "Sa 14.02.2026"
    )
    assert violations[1].message == "Festlegung DUS-M1: Trainer*innen T-CNC, T-EDU statt T-EDU"
    assert violations[2].message.startswith("Festlegung DUS-M1: Gremien ")
    assert violations[3].message == "Festlegung DU-M1: Veranstaltung fehlt im Plan"


# --- STATUS -----------------------------------------------------------------------------------


def test_required_and_excluded_sites(tiny_scenario: Scenario, tiny_plan: Plan):
    scenario = with_row(tiny_scenario, "sites", "DU", status="required")
    scenario = with_row(scenario, "sites", "BI", status="excluded")
    assert validate_plan(scenario, tiny_plan) == [
        Violation("STATUS", "DU", "Pflicht-Standort DU richtet keine Veranstaltung aus"),
        Violation("STATUS", "BI", "ausgeschlossener Standort BI richtet eine Veranstaltung aus"),
    ]


def test_required_site_that_hosts_is_valid(tiny_scenario: Scenario, tiny_plan: Plan):
    scenario = with_row(tiny_scenario, "sites", "BI", status="required")
    assert validate_plan(scenario, tiny_plan) == []


# --- REGION -----------------------------------------------------------------------------------


def test_reachable_seats_by_region(tiny_scenario: Scenario):
    assert reachable_by_region(tiny_scenario) == {"Detmold": 16, "Düsseldorf": 40}


@pytest.mark.parametrize(
    ("share", "short"),
    [(0.5, []), (0.55, ["Detmold"]), (0.75, ["Detmold"]), (1.0, ["Detmold", "Düsseldorf"])],
)
def test_regional_minimum(tiny_scenario: Scenario, tiny_plan: Plan, share: float,
                          short: list[str]):
    """Minimum ceil(share × reachable): 0.5 -> 8 of 16 and 20 of 40 (met); 0.55 -> 9 of 16;
    0.75 -> 12 of 16 and 30 of 40 (Düsseldorf's 30 meet it); 1.0 -> all."""
    scenario = setting(tiny_scenario, "objective", min_share_per_region=share)
    violations = validate_plan(scenario, tiny_plan)
    assert [(v.rule, v.subject) for v in violations] == [("REGION", r) for r in short]


def test_regional_minimum_message(tiny_scenario: Scenario, tiny_plan: Plan):
    scenario = setting(tiny_scenario, "objective", min_share_per_region=0.55)
    [violation] = validate_plan(scenario, tiny_plan)
    assert violation.message == (
        "Regierungsbezirk Detmold: 8 Plätze abgedeckt, mindestens 9 (55 % von 16 erreichbaren)"
    )
