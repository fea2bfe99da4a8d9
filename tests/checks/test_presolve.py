"""Tests of ``optimizer/checks/presolve.py``: one small constructed case per finding, and a
clean one.

Each case varies ``tiny_scenario`` (``conftest.py``: councils and sites in Düsseldorf,
Duisburg and Bielefeld, an educator in Düsseldorf and a council-side trainer in Duisburg),
usually only in the one respect the finding is about. ``ONE_WEEKEND`` cuts the period to
Fri 4 – Sun 6 Sep 2026 (after the summer holidays), which has exactly two slots: Fri+Sat and
Sat+Sun.

A finding is a code with facts; these tests check the facts, and
``tests/report/test_findings_de.py`` the German sentences made of them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings

from optimizer.checks.presolve import (
    CODES,
    NO_INTEREST,
    NO_PARTNER,
    NO_SLOT,
    TOO_FEW,
    Finding,
    demand_by_region,
    presolve_findings,
)
from optimizer.domain.geography import Reference
from optimizer.domain.scenario import Council, Period, Scenario, Site, Trainer

from testkit.strategies import scenarios

AACHEN = "05334002"  # about 70 km from Düsseldorf: outside every tiny catchment
FRI, SAT, SUN = dt.date(2026, 9, 4), dt.date(2026, 9, 5), dt.date(2026, 9, 6)
ONE_WEEKEND = Period(start=FRI, end=SUN)
SEP_OCT_2026 = Period(start=dt.date(2026, 9, 1), end=dt.date(2026, 10, 31))


def _vary(scenario: Scenario, **update: Any) -> Scenario:
    """``scenario`` with some fields replaced, validated again (unlike ``model_copy``)."""
    return Scenario.model_validate({**dict(scenario), **update})


def _replace(items: tuple[Any, ...], ident: str, **update: Any) -> tuple[Any, ...]:
    """The council, site or trainer tuple with the one of ID ``ident`` changed."""
    def key(item: Any) -> str:
        return str(getattr(item, next(iter(type(item).model_fields))))
    return tuple(
        type(item).model_validate({**dict(item), **update}) if key(item) == ident else item
        for item in items
    )


def _findings(scenario: Scenario, reference: Reference) -> list[Finding]:
    return presolve_findings(scenario, reference)


def _only(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def _aachen_council(**interest: int) -> Council:
    return Council(council_id="C-AC", ags=AACHEN, members=10,
                   **{"interested_m1": 5, "interested_m2": 5, **interest})


# --- clean ------------------------------------------------------------------------------------


def test_the_tiny_scenario_has_no_findings(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    assert _findings(tiny_scenario, nrw_reference) == []


# --- errors: nothing can be held ----------------------------------------------------------------


def test_a_period_without_slots_is_one_error(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # Tue 1 – Thu 3 Sep 2026: no Friday, Saturday or Sunday.
    scenario = _vary(tiny_scenario, period=Period(start=dt.date(2026, 9, 1),
                                                  end=dt.date(2026, 9, 3)))

    (finding,) = _findings(scenario, nrw_reference)

    assert (finding.severity, finding.code) == ("error", "no-slots")
    assert finding.facts == {"start": dt.date(2026, 9, 1), "end": dt.date(2026, 9, 3)}


def test_a_budget_below_the_cheapest_event_is_an_error(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # Cheapest: module 1 at VHS Duisburg with T-CNC, who lives there (no travel):
    # fee 2 × 450 € + catering 12 € × 2 days × (8 participants + 1 trainer) = 1,116 €.
    scenario = _vary(tiny_scenario, budget_eur=1_115.99)

    (finding,) = _findings(scenario, nrw_reference)

    assert (finding.severity, finding.code, finding.ids) == (
        "error", "budget-below-cheapest-event", ("DU-M1",)
    )
    assert finding.facts["cost_cents"] == 111_600
    assert _findings(_vary(tiny_scenario, budget_eur=1_116), nrw_reference) == []


def test_a_tandem_minimum_prices_the_cheapest_event_with_two_trainers(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # min 12 = two_trainer_min: every event needs a tandem; only VHS Düsseldorf is left, with
    # C-DUS 12 + C-DU 8 in reach. Fees alone (2 × 900 €) are above the budget of 1,800 €.
    scenario = _vary(
        tiny_scenario, budget_eur=1_800, rules={"min_participants": 12},
        sites=tuple(s for s in tiny_scenario.sites if s.site_id == "DUS"),
    )

    (finding,) = _only(_findings(scenario, nrw_reference), "budget-below-cheapest-event")

    assert finding.ids == ("DUS-M1",)
    assert (finding.facts["participants"], finding.facts["trainers"]) == (12, 2)


def test_no_possible_event_is_an_error_listed_first(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    sites = tuple(s.model_copy(update={"interested": False}) for s in tiny_scenario.sites)

    findings = _findings(_vary(tiny_scenario, sites=sites), nrw_reference)

    assert (findings[0].severity, findings[0].code) == ("error", "no-event-possible")
    assert findings[0].facts["wanted"] == 56
    assert {f.code for f in findings[1:]} == {"council-only-ineligible-sites"}


# --- councils ---------------------------------------------------------------------------------


def test_a_council_with_no_site_in_its_catchment(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    scenario = _vary(tiny_scenario, councils=(*tiny_scenario.councils, _aachen_council()))

    (finding,) = _findings(scenario, nrw_reference)

    assert (finding.severity, finding.code, finding.ids) == (
        "warning", "council-no-site", ("C-AC",)
    )
    assert finding.facts == {"council_id": "C-AC", "municipality": "Aachen",
                             "interested": {1: 5, 2: 5}, "neighbours": True, "radius_km": 25}


@pytest.mark.parametrize(
    ("interested", "reason"),
    [(False, NO_INTEREST), (True, NO_PARTNER)],
)
def test_a_council_with_only_ineligible_sites_nearby(
    tiny_scenario: Scenario, nrw_reference: Reference, interested: bool, reason: str
) -> None:
    site = Site(site_id="AC", name="VHS Aachen", ags=AACHEN, interested=interested)
    scenario = _vary(tiny_scenario, councils=(*tiny_scenario.councils, _aachen_council()),
                     sites=(*tiny_scenario.sites, site))

    (finding,) = _only(_findings(scenario, nrw_reference), "council-only-ineligible-sites")

    assert finding.ids == ("C-AC", "AC")
    assert finding.facts["sites"] == (("AC", reason),)


def test_a_council_whose_sites_cannot_hold_the_module(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # VHS Aachen may host, but Aachen's 5 interested members are its whole catchment (< 8).
    site = Site(site_id="AC", name="VHS Aachen", ags=AACHEN, partner_council_id="C-AC",
                interested=True)
    scenario = _vary(tiny_scenario, councils=(*tiny_scenario.councils, _aachen_council()),
                     sites=(*tiny_scenario.sites, site))

    (finding,) = _only(_findings(scenario, nrw_reference), "council-not-served")

    assert finding.ids == ("C-AC", "AC")
    assert finding.facts["modules"] == (1, 2)
    assert finding.facts["sites"] == (("AC", TOO_FEW),)


def test_module_2_interest_beyond_module_1_and_trained(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    councils = _replace(tiny_scenario.councils, "C-BI", interested_m2=10)  # m1 8, trained 0

    (finding,) = _findings(_vary(tiny_scenario, councils=councils), nrw_reference)

    assert (finding.code, finding.ids) == ("council-m2-limited", ("C-BI",))
    assert finding.facts["limit"] == 8


# --- sites ------------------------------------------------------------------------------------


def test_an_interested_site_without_partner(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # C-DU still has VHS Düsseldorf next door, so only the site is reported.
    sites = _replace(tiny_scenario.sites, "DU", partner_council_id=None)

    (finding,) = _findings(_vary(tiny_scenario, sites=sites), nrw_reference)

    assert (finding.code, finding.ids) == ("site-without-partner", ("DU",))


def test_a_site_whose_blocked_dates_cover_every_slot(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    sites = _replace(tiny_scenario.sites, "BI", blocked_dates=(SAT,))  # in both slots

    findings = _findings(_vary(tiny_scenario, period=ONE_WEEKEND, sites=sites), nrw_reference)

    assert [f.ids for f in _only(findings, "site-no-slot")] == [("BI",)]
    (not_served,) = _only(findings, "council-not-served")
    assert not_served.ids == ("C-BI", "BI")
    assert not_served.facts["sites"] == (("BI", NO_SLOT),)


def test_a_site_that_never_reaches_the_minimum(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # Bielefeld's catchment is C-BI alone: 5 wanting module 1 can never make an event of 8.
    councils = _replace(tiny_scenario.councils, "C-BI", interested_m1=5, interested_m2=5)

    findings = _findings(_vary(tiny_scenario, councils=councils), nrw_reference)

    (finding,) = _only(findings, "site-too-few-participants")
    assert finding.ids == ("BI",)
    assert (finding.facts["seats"], finding.facts["min_participants"]) == ({1: 5, 2: 5}, 8)
    assert finding.facts["interested"] == (("C-BI", (5, 5)),)


def test_a_module_no_trainer_teaches(tiny_scenario: Scenario, nrw_reference: Reference) -> None:
    trainers = tuple(t.model_copy(update={"modules": (1,)}) for t in tiny_scenario.trainers)

    findings = _findings(_vary(tiny_scenario, trainers=trainers), nrw_reference)

    (finding,) = _only(findings, "module-no-trainer")
    assert finding.ids == ("DUS", "DU", "BI")
    assert finding.facts == {"module": 2, "site_ids": ("DUS", "DU", "BI")}
    assert not _only(findings, "site-no-trainer")


def test_a_site_whose_free_days_no_trainer_shares(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # VHS Bielefeld is closed on Friday (only Sat+Sun is left); no trainer works on Sunday.
    sites = _replace(tiny_scenario.sites, "BI", blocked_dates=(FRI,))
    trainers = tuple(t.model_copy(update={"unavailable_dates": (SUN,)})
                     for t in tiny_scenario.trainers)

    findings = _findings(_vary(tiny_scenario, period=ONE_WEEKEND, sites=sites,
                               trainers=trainers), nrw_reference)

    (finding,) = _only(findings, "site-no-trainer")
    assert finding.ids == ("BI",)
    assert finding.facts["modules"] == (1, 2)


# --- trainers ---------------------------------------------------------------------------------


def _with_trainer(scenario: Scenario, **fields: Any) -> Scenario:
    extra = Trainer(**{"trainer_id": "T-X", "role": "educator", "home_ags": "05111000",
                       "max_events": 2, **fields})
    return _vary(scenario, trainers=(*scenario.trainers, extra))


@pytest.mark.parametrize(
    ("fields", "period", "code"),
    [
        ({"max_events": 0}, None, "trainer-max-events-zero"),
        ({"unavailable_dates": (FRI, SAT, SUN)}, ONE_WEEKEND, "trainer-never-available"),
    ],
    ids=["max-events-0", "never-available"],
)
def test_a_trainer_who_can_never_work(
    tiny_scenario: Scenario, nrw_reference: Reference, fields: dict[str, Any],
    period: Period | None, code: str,
) -> None:
    scenario = tiny_scenario if period is None else _vary(tiny_scenario, period=period)

    (finding,) = _findings(_with_trainer(scenario, **fields), nrw_reference)

    assert (finding.severity, finding.code, finding.ids) == ("warning", code, ("T-X",))


def test_a_trainer_of_a_module_nobody_can_hold(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # Nobody wants module 2, so there is no module-2 event for a module-2-only trainer.
    councils = tuple(c.model_copy(update={"interested_m2": 0}) for c in tiny_scenario.councils)
    scenario = _with_trainer(_vary(tiny_scenario, councils=councils), modules=(2,))

    (finding,) = _findings(scenario, nrw_reference)

    assert (finding.code, finding.ids) == ("trainer-modules-not-needed", ("T-X",))


def test_a_trainer_free_only_when_no_site_is(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # Every VHS is closed on Sunday (only Fri+Sat is left); T-X is away on Friday.
    sites = tuple(s.model_copy(update={"blocked_dates": (SUN,)}) for s in tiny_scenario.sites)
    scenario = _with_trainer(_vary(tiny_scenario, period=ONE_WEEKEND, sites=sites),
                             unavailable_dates=(FRI,))

    (finding,) = _findings(scenario, nrw_reference)

    assert (finding.code, finding.ids) == ("trainer-no-common-date", ("T-X",))


# --- roles per month --------------------------------------------------------------------------


def test_a_month_without_a_council_side_trainer(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # October 2026 has the slots of 9–11 Oct; the only council-side trainer is away then.
    away = (dt.date(2026, 10, 9), dt.date(2026, 10, 10), dt.date(2026, 10, 11))
    trainers = _replace(tiny_scenario.trainers, "T-CNC", unavailable_dates=away)

    (finding,) = _findings(_vary(tiny_scenario, period=SEP_OCT_2026, trainers=trainers),
                           nrw_reference)

    assert (finding.code, finding.ids) == ("no-council-trainer-in-month", ("2026-10",))
    assert finding.facts == {"role": "council", "months": ((2026, 10),),
                             "whole_period": False, "min_participants": 8,
                             "two_trainer_min": 12}


def test_no_educator_at_all(tiny_scenario: Scenario, nrw_reference: Reference) -> None:
    trainers = tuple(t for t in tiny_scenario.trainers if t.role == "council")

    (finding,) = _findings(_vary(tiny_scenario, period=SEP_OCT_2026, trainers=trainers),
                           nrw_reference)

    assert (finding.code, finding.ids) == ("no-educator-in-month", ("2026-09", "2026-10"))
    assert finding.facts["whole_period"] is True


# --- demand per Regierungsbezirk ----------------------------------------------------------------


def test_demand_by_region_of_the_tiny_scenario(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # Düsseldorf: C-DUS 12 + C-DU 8 per module; DUS and DU each offer both modules (2 × 20).
    # Detmold: C-BI 8 per module at VHS Bielefeld (1 × 20). Councils with C-BI's module-2
    # interest capped by R5(b) would show in "reachable"; here nothing is capped.
    rows = demand_by_region(tiny_scenario, nrw_reference)

    assert [(r.regierungsbezirk, r.councils, r.sites, dict(r.wanted), dict(r.reachable),
             dict(r.capacity)) for r in rows] == [
        ("Düsseldorf", 2, 2, {1: 20, 2: 20}, {1: 20, 2: 20}, {1: 40, 2: 40}),
        ("Detmold", 1, 1, {1: 8, 2: 8}, {1: 8, 2: 8}, {1: 20, 2: 20}),
    ]


def test_demand_by_region_counts_unreachable_interest_as_wanted_only(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    scenario = _vary(tiny_scenario, councils=(*tiny_scenario.councils, _aachen_council()))

    (koeln,) = [r for r in demand_by_region(scenario, nrw_reference)
                if r.regierungsbezirk == "Köln"]

    assert (koeln.councils, koeln.sites, dict(koeln.wanted), dict(koeln.reachable),
            dict(koeln.capacity)) == (1, 0, {1: 5, 2: 5}, {1: 0, 2: 0}, {1: 0, 2: 0})


# --- every code is documented -------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(scenario=scenarios())
def test_every_code_is_documented(scenario: Scenario, nrw_reference: Reference) -> None:
    assert {f.code for f in presolve_findings(scenario, nrw_reference)} <= set(CODES)
