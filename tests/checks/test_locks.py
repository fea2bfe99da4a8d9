"""Tests of ``optimizer/checks/locks.py``: the codes and facts of broken locks.

Which rule each broken lock breaks is tested with the re-planning
(``tests/api/test_replan.py``); here the facts a planner's message is made of, and that every
code a check gives is a documented one. The sentences are ``tests/report/
test_findings_de.py``'s. ``tiny_scenario`` (``conftest.py``): VHS Düsseldorf (DUS), Duisburg
(DU) and Bielefeld (BI), educator T-EDU and council-side trainer T-CNC, budget 10,000 €.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.checks.locks import CODES, check_locks
from optimizer.domain.geography import Reference
from optimizer.domain.scenario import Lock, Scenario

from testkit.strategies import scenarios

FEB_6_7 = (dt.date(2026, 2, 6), dt.date(2026, 2, 7))  # Fri + Sat
FEB_7_8 = (dt.date(2026, 2, 7), dt.date(2026, 2, 8))  # Sat + Sun
MAR_6_7 = (dt.date(2026, 3, 6), dt.date(2026, 3, 7))  # Fri + Sat


def test_a_trainer_on_two_locks_of_one_day(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # T-EDU works DUS-M1 on Fri 6 + Sat 7 Feb and DU-M1 on Sat 7 + Sun 8 Feb: Saturday twice.
    locks = [Lock(site_id="DUS", module=1, days=FEB_6_7, trainer_ids=("T-EDU",)),
             Lock(site_id="DU", module=1, days=FEB_7_8, trainer_ids=("T-EDU",))]

    (problem,) = check_locks(tiny_scenario, nrw_reference, locks)

    assert (problem.event_id, problem.rule, problem.code) == ("DU-M1", "R12",
                                                              "trainer-double-booked")
    assert problem.facts == {"trainer_id": "T-EDU", "days": (dt.date(2026, 2, 7),),
                             "other_event_id": "DUS-M1"}


def test_module_2_too_soon_after_module_1(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # DUS-M1 ends Sat 7 Feb, DUS-M2 starts Fri 6 Mar: 27 days, one less than 28 (R5).
    rules = tiny_scenario.rules.model_copy(update={"module_gap_days": 28})
    scenario = tiny_scenario.model_copy(update={"rules": rules})
    locks = [Lock(site_id="DUS", module=1, days=FEB_6_7, trainer_ids=("T-EDU",)),
             Lock(site_id="DUS", module=2, days=MAR_6_7, trainer_ids=("T-EDU",))]

    (problem,) = check_locks(scenario, nrw_reference, locks)

    assert (problem.event_id, problem.rule, problem.code) == ("DUS-M2", "R5", "module-gap")
    assert problem.facts == {"gap_days": 27, "module1_event_id": "DUS-M1", "min_gap_days": 28}


def test_locks_above_the_budget_name_every_lock(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # One event costs at least 900 € of fees: a budget of 500 € cannot hold it (R16).
    poor = tiny_scenario.model_copy(update={"budget_eur": 500})
    lock = Lock(site_id="DUS", module=1, days=FEB_6_7, trainer_ids=("T-EDU",))

    (problem,) = check_locks(poor, nrw_reference, [lock])

    assert (problem.event_id, problem.code, problem.facts["budget_eur"]) == (
        "DUS-M1", "over-budget", 500)
    assert problem.facts["cost_cents"] > 50_000


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios(), data=st.data())
def test_every_code_is_documented(
    scenario: Scenario, data: st.DataObject, nrw_reference: Reference
) -> None:
    site = data.draw(st.sampled_from(scenario.sites))
    trainers = data.draw(st.lists(st.sampled_from([t.trainer_id for t in scenario.trainers]),
                                  min_size=1, max_size=2, unique=True))
    first = data.draw(st.dates(scenario.period.start - dt.timedelta(days=3),
                               scenario.period.end))
    lock = Lock(site_id=site.site_id, module=data.draw(st.sampled_from((1, 2))),
                days=(first, first + dt.timedelta(days=data.draw(st.sampled_from((1, 7))))),
                trainer_ids=tuple(trainers))

    assert {p.code for p in check_locks(scenario, nrw_reference, [lock])} <= set(CODES)
