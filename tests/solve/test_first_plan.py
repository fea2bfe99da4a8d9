"""The quick first plan before the warm start (optimizer/solve/start.py): the dated greedy
plan, improved by a short CP-SAT pass that starts from it; it stands when no later CP-SAT run
finds a dated plan.

Such runs come from a parameter, not from patching the solver: with ``Tuning(max_cuts=0)`` a
stage whose master solution has no calendar ends without a plan (no Benders cut may follow),
and in ``two_sites_one_trainer_one_weekend`` every master optimum has none.
"""

from __future__ import annotations

import datetime as dt

import pytest

from optimizer.bench.baselines import greedy_as_plan
from optimizer.domain.geography import Reference
from optimizer.domain.options import Tuning
from optimizer.domain.problem import build_problem
from optimizer.domain.scenario import (
    CatchmentSettings,
    Council,
    Period,
    Scenario,
    Site,
    SlotSettings,
    Trainer,
)
from optimizer.solve.greedy import greedy_plan
from optimizer.solve.pipeline import solve
from optimizer.solve.start import first_plan_seconds
from optimizer.validate import validate_plan

from testkit.tiny import DUESSELDORF, DUISBURG, TINY_SOLVER

#: Every stage whose master solution has no calendar ends without a plan.
NO_CUTS = TINY_SOLVER.model_copy(update={"tuning": Tuning(max_cuts=0)})


def two_sites_one_trainer_one_weekend() -> Scenario:
    """Düsseldorf and Duisburg could each hold a module-1 event for their own council (10
    members each; catchment only the own municipality); the only slot is Sat 7 + Sun 8 Feb
    2026 and the only trainer cannot be at both. The date-free master holds both (20 seats),
    which no calendar allows; the greedy plan holds one (10 seats, dated), the optimum."""
    councils = tuple(
        Council(council_id=cid, ags=ags, members=10, interested_m1=10, interested_m2=0)
        for cid, ags in (("C-DUS", DUESSELDORF), ("C-DU", DUISBURG)))
    sites = tuple(
        Site(site_id=sid, name=f"VHS {sid}", ags=ags, partner_council_id=partner,
             interested=True)
        for sid, ags, partner in (("DUS", DUESSELDORF, "C-DUS"), ("DU", DUISBURG, "C-DU")))
    trainer = Trainer(trainer_id="T", role="educator", home_ags=DUESSELDORF, max_events=2,
                      modules=(1, 2))
    return Scenario(
        name="two_sites_one_trainer_one_weekend", budget_eur=20_000,
        period=Period(start=dt.date(2026, 2, 6), end=dt.date(2026, 2, 8)),
        slots=SlotSettings(patterns=("sat+sun",)),
        catchment=CatchmentSettings(neighbours=False, radius_km=0),
        councils=councils, sites=sites, trainers=(trainer,),
    )


def test_the_first_plan_stands_when_the_coverage_stage_finds_none(
    nrw_reference: Reference,
) -> None:
    # With cuts the coverage stage learns that one event is all a calendar allows and proves
    # it. Without, neither the first pass nor the coverage stage ends with a dated plan: the
    # answer is the first plan (the dated greedy plan), a valid plan with seats, reported as
    # FEASIBLE, not "no plan"; the cost stage still runs from it.
    scenario = two_sites_one_trainer_one_weekend()
    data = build_problem(scenario, nrw_reference)
    assert solve(data, TINY_SOLVER).status == "OPTIMAL"

    plan = solve(data, NO_CUTS)

    assert plan.status == "FEASIBLE" and plan.objective.covered_seats > 0
    assert [s.name for s in plan.stages] == ["coverage", "cost"]
    assert plan.stages[0].objective == plan.objective.covered_seats
    assert validate_plan(scenario, plan, nrw_reference) == []


def test_the_greedy_plan_stands_when_cp_sat_finds_nothing(nrw_reference: Reference) -> None:
    # No CP-SAT run ends with a dated plan (as where presolve takes longer than the time, on
    # the 4× instance): the dated greedy plan is the answer, with exactly its seats.
    data = build_problem(two_sites_one_trainer_one_weekend(), nrw_reference)
    greedy = greedy_as_plan(data, greedy_plan(data))
    assert greedy.objective.covered_seats == 10

    plan = solve(data, NO_CUTS)

    assert plan.status == "FEASIBLE"
    assert plan.objective.covered_seats == greedy.objective.covered_seats
    assert [e.site_id for e in plan.events] == [e.site_id for e in greedy.events]


def test_the_greedy_plan_is_no_plan_under_requirements(nrw_reference: Reference) -> None:
    # A required site is a requirement the greedy rule does not know: its plan may break it,
    # so it is only a hint. With no CP-SAT run ending with a dated plan there is no plan.
    scenario = two_sites_one_trainer_one_weekend()
    sites = tuple(s.model_copy(update={"status": "required"}) if s.site_id == "DUS" else s
                  for s in scenario.sites)
    data = build_problem(scenario.model_copy(update={"sites": sites}), nrw_reference)

    plan = solve(data, NO_CUTS)

    assert plan.events == [] and plan.status == "UNKNOWN"


@pytest.mark.parametrize("limit, seconds", [(60, 6.0), (20, 2.0), (5, 1.0), (200, 6.0),
                                            (30, 3.0)])
def test_first_plan_time(limit: float, seconds: float) -> None:
    # 10 % of the limit, at most 6 s, at least 2 s but never more than a fifth of a short limit.
    assert first_plan_seconds(limit, Tuning()) == pytest.approx(seconds)


def test_first_plan_time_follows_the_tuning() -> None:
    # 20 % of 60 s is 12 s, within a maximum of 15 s; a minimum of 4 s lifts 1 % of 60 s.
    assert first_plan_seconds(60, Tuning(first_plan_share=0.2, first_plan_max_s=15)) == 12
    assert first_plan_seconds(60, Tuning(first_plan_share=0.01, first_plan_min_s=4)) == 4
