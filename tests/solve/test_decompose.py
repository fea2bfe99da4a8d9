"""Decomposition by Land (optimizer/solve/decompose.py) on a scenario of two tiny Länder.

The second Land is a synthetic copy of NRW (``optimizer.bench.instances.tiled_reference``): the
tiny scenario's councils, sites and trainers again, in tile 1 (AGS ``91…``), far from the
first (no council reaches a site of the other Land, R7).
"""

from __future__ import annotations

import functools

import pytest
from ortools.sat.python import cp_model

from optimizer.bench.instances import tile_ags, tiled_reference
from optimizer.domain.geography import Reference
from optimizer.domain.options import STAGE_COVERAGE
from optimizer.domain.problem import build_problem
from optimizer.domain.scenario import Scenario
from optimizer.model.cpmodel import build_model
from optimizer.solve.decompose import land_parts, part_scenario, solve_by_land
from optimizer.solve.extract import build_plan
from optimizer.solve.pipeline import solve
from optimizer.solve.stage import StageResult, solve_options
from optimizer.validate import validate_plan

from testkit.tiny import TINY_SOLVER, plan_of


def _copy(scenario: Scenario, tile: int) -> Scenario:
    """The scenario's councils, sites and trainers moved into ``tile`` (ids suffixed)."""
    tag = f"-{tile}"
    return scenario.model_copy(update={
        "councils": tuple(c.model_copy(update={"council_id": c.council_id + tag,
                                               "ags": tile_ags(c.ags, tile)})
                          for c in scenario.councils),
        "sites": tuple(s.model_copy(update={
            "site_id": s.site_id + tag, "ags": tile_ags(s.ags, tile), "lat": None, "lon": None,
            "partner_council_id": s.partner_council_id and s.partner_council_id + tag})
            for s in scenario.sites),
        "trainers": tuple(t.model_copy(update={"trainer_id": t.trainer_id + tag,
                                               "home_ags": tile_ags(t.home_ags, tile)})
                          for t in scenario.trainers),
    })


@pytest.fixture
def two_lands(tiny_scenario: Scenario) -> Scenario:
    other = _copy(tiny_scenario, 1)
    return tiny_scenario.model_copy(update={
        "name": "two Länder",
        "budget_eur": 2 * tiny_scenario.budget_eur,
        "councils": tiny_scenario.councils + other.councils,
        "sites": tiny_scenario.sites + other.sites,
        "trainers": tiny_scenario.trainers + other.trainers,
    })


@pytest.fixture(scope="module")
def two_tiles(nrw_reference: Reference) -> Reference:
    return tiled_reference(nrw_reference, 2)


def test_parts_follow_the_land_key_and_split_the_budget(two_lands: Scenario) -> None:
    # Both Länder want the same seats (the copy's interest is the original's), so each part
    # gets half the budget; every council, site and trainer is in exactly one part.
    parts = land_parts(two_lands, 2_000_000)
    assert [p.land for p in parts] == ["05", "91"]
    assert [p.budget_cents for p in parts] == [1_000_000, 1_000_000]
    for ids, everyone in (
        ([p.council_ids for p in parts], {c.council_id for c in two_lands.councils}),
        ([p.site_ids for p in parts], {s.site_id for s in two_lands.sites}),
        ([p.trainer_ids for p in parts], {t.trainer_id for t in two_lands.trainers}),
    ):
        assert set().union(*ids) == everyone and sum(len(i) for i in ids) == len(everyone)
    assert parts[1].site_ids == {"DUS-1", "DU-1", "BI-1"}


def test_a_site_goes_with_its_partner_council(two_lands: Scenario) -> None:
    # VHS Duisburg (Land 05) with the copy's Duisburg council as partner: in part 91, so the
    # part's scenario names its partner (R9). Budgets never sum above the whole (R16).
    sites = tuple(s.model_copy(update={"partner_council_id": "C-DU-1"}) if s.site_id == "DU"
                  else s for s in two_lands.sites)
    parts = land_parts(two_lands.model_copy(update={"sites": sites}), 1_999_999)
    assert "DU" in parts[1].site_ids and "DU" not in parts[0].site_ids
    assert sum(p.budget_cents for p in parts) <= 1_999_999
    sub = part_scenario(two_lands.model_copy(update={"sites": sites}), parts[1], TINY_SOLVER)
    assert {c.council_id for c in sub.councils} >= {s.partner_council_id for s in sub.sites}


def test_the_joined_part_plans_are_a_valid_plan(
    two_lands: Scenario, tiny_scenario: Scenario, two_tiles: Reference, nrw_reference: Reference
) -> None:
    # Each part is the tiny scenario (or its copy) with the tiny budget: the union has twice
    # the tiny optimum's seats, and it is a valid plan of the whole (the validator).
    tiny = plan_of(tiny_scenario, TINY_SOLVER, reference=nrw_reference)
    data = build_problem(two_lands, two_tiles)
    _, v, _ = build_model(data)
    union = solve_by_land(data, v, land_parts(two_lands, data.budget_cents),
                          solve_options(TINY_SOLVER), 30,
                          functools.partial(solve, coverage_only=True))
    assert union is not None and union.parts == 2
    assert union.seats == 2 * tiny.objective.covered_seats > 0
    stage = StageResult(name=STAGE_COVERAGE, status=int(cp_model.FEASIBLE),
                        objective=union.seats, bound=None, seconds=0.0,
                        values={var.index: n for var, n in union.hint.items()},
                        slots=union.slots)
    plan = build_plan(data, v, [stage], stage, TINY_SOLVER, seconds=0.0)
    assert plan.objective.covered_seats == union.seats
    assert validate_plan(two_lands, plan, two_tiles) == []


def test_a_two_land_solve_is_valid_and_never_below_the_parts(
    two_lands: Scenario, tiny_scenario: Scenario, two_tiles: Reference, nrw_reference: Reference
) -> None:
    # The whole model starts from the joined part plans, so it has at least their seats (each
    # Land alone with half the budget: twice the tiny optimum), at most its proven bound.
    tiny = plan_of(tiny_scenario, TINY_SOLVER, reference=nrw_reference)
    plan = plan_of(two_lands, TINY_SOLVER, reference=two_tiles)
    assert validate_plan(two_lands, plan, two_tiles) == []
    assert plan.objective.covered_seats >= 2 * tiny.objective.covered_seats
    assert plan.bound.covered_seats is not None
    assert plan.objective.covered_seats <= plan.bound.covered_seats
    assert plan.status in ("OPTIMAL", "FEASIBLE")


def test_one_worker_and_a_seed_give_the_same_two_land_plan(
    two_lands: Scenario, two_tiles: Reference
) -> None:
    # Reproducibility survives the decomposition: with one worker every part solve and every
    # stage runs on deterministic time, so the same seed gives the same plan.
    first = plan_of(two_lands, TINY_SOLVER, reference=two_tiles)
    again = plan_of(two_lands, TINY_SOLVER, reference=two_tiles)
    assert first.events == again.events and first.assignments == again.assignments
