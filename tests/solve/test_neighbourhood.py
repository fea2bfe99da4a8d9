"""The regional neighbourhood search of the coverage stage (optimizer/solve/neighbourhood.py).

On ``tiny_scenario`` (Düsseldorf and Duisburg are neighbours, Bielefeld lies apart): a plan
with only the Düsseldorf module-1 event (C-DUS 12 + C-DU 8, the tandem) leaves C-BI's 8 + 8
and the module-2 seats of the others open. Freeing the Kreis of Bielefeld (05711) alone lets
the search add Bielefeld's events without touching the Düsseldorf event; a plan proven
optimal by the solver cannot be improved in any region.
"""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from ortools.sat.python import cp_model

from optimizer.domain.geography import Reference
from optimizer.domain.options import SolveOptions, Tuning
from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData, build_problem
from optimizer.domain.scenario import Scenario, SolverSettings
from optimizer.model.constraints import coverage_expr
from optimizer.model.cpmodel import build_model
from optimizer.model.requirements import baseline, previous_hint
from optimizer.model.variables import Variables
from optimizer.solve.clock import Clock
from optimizer.solve.neighbourhood import (
    free_events,
    improve_by_region,
    objective_value,
    regions_by_deficit,
)
from optimizer.validate import validate_plan

from testkit.strategies import region_scenario
from testkit.tiny import BIELEFELD, DUESSELDORF, DUISBURG, MakePlan, plan_of

FEB = (dt.date(2026, 2, 6), dt.date(2026, 2, 7))
ONE_WORKER = SolverSettings(time_limit_s=10, workers=1, seed=0)


def _setup(
    scenario: Scenario, reference: Reference, plan: Plan
) -> tuple[ProblemData, cp_model.CpModel, Variables, dict[int, int]]:
    data = build_problem(scenario, reference)
    model, v, _ = build_model(data)
    model.maximize(coverage_expr(data, v))
    values = {var.index: n for var, n in previous_hint(data, v, baseline(data, v, plan)).items()}
    return data, model, v, values


def _seats_by_council(data: ProblemData, v: Variables, values: dict[int, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for (c, _), var in v.seats.items():
        key = data.councils[c].council_id
        out[key] = out.get(key, 0) + values[var.index]
    return out


def _one_tandem(scenario: Scenario, make_plan: MakePlan) -> Plan:
    """Only the Düsseldorf module-1 event: C-DUS 12 + C-DU 8 with the tandem."""
    return make_plan(scenario, [("DUS", 1, FEB, ["T-EDU", "T-CNC"])],
                     [("C-DUS", "DUS-M1", 12), ("C-DU", "DUS-M1", 8)])


def test_regions_and_their_free_events(
    tiny_scenario: Scenario, nrw_reference: Reference, make_plan: MakePlan
) -> None:
    plan = _one_tandem(tiny_scenario, make_plan)
    data, _, v, values = _setup(tiny_scenario, nrw_reference, plan)
    # Uncovered seats a council could take: Bielefeld 8 + 8; Düsseldorf 12 (module 2);
    # Duisburg 8 (module 2). Kreise by deficit, most first, ties by key.
    assert regions_by_deficit(data, v, values, 5) == [BIELEFELD[:5], DUESSELDORF[:5],
                                                      DUISBURG[:5]]
    # Regierungsbezirke: Düsseldorf (051) 12 + 8, Detmold (057, Bielefeld) 16.
    assert regions_by_deficit(data, v, values, 3) == ["051", "057"]
    bielefeld = free_events(data, BIELEFELD[:5])
    assert {data.sites[data.events[e].site_idx].site_id for e in bielefeld} == {"BI"}


def test_a_region_is_improved_and_the_rest_kept(
    tiny_scenario: Scenario, nrw_reference: Reference, make_plan: MakePlan
) -> None:
    plan = _one_tandem(tiny_scenario, make_plan)
    data, model, v, values = _setup(tiny_scenario, nrw_reference, plan)
    clock = Clock(ONE_WORKER, Tuning())
    improved = improve_by_region(model, data, v, values, 5.0, clock, Tuning())
    assert improved is not None
    assert objective_value(model, improved) < objective_value(model, values)  # minimised form
    dus_m1 = next(e for e in range(data.num_events)
                  if data.sites[data.events[e].site_idx].site_id == "DUS"
                  and data.events[e].module == 1)
    assert not free_events(data, BIELEFELD[:5]) & {dus_m1}
    seats = _seats_by_council(data, v, improved)
    assert seats["C-BI"] > 0  # the first region tried is Bielefeld's
    # the Düsseldorf module-1 event lies in the later regions: it may change there, but the
    # solution stays one of the whole master (every value within its domain)
    for index, value in improved.items():
        domain = list(model.proto.variables[index].domain)
        assert domain[0] <= value <= domain[-1]


def test_an_optimal_plan_is_not_improved(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    plan = plan_of(tiny_scenario, ONE_WORKER, reference=nrw_reference)
    assert plan.status == "OPTIMAL"
    data, model, v, values = _setup(tiny_scenario, nrw_reference, plan)
    clock = Clock(ONE_WORKER, Tuning())
    assert improve_by_region(model, data, v, values, 5.0, clock, Tuning()) is None


def test_the_stage_with_the_regional_search_gives_a_valid_plan(
    nrw_reference: Reference, caplog: pytest.LogCaptureFixture
) -> None:
    """End to end with the regional search forced on (it normally needs 50 candidate events,
    ``Tuning.regions_min_events``): region_scenario(10, 1) stalls below CP-SAT's bound in
    the first half of the coverage stage, the search runs, and the plan is valid, dated and
    no worse than the greedy plan (90 seats) that the stage starts from, within its proven
    bound."""
    options = SolveOptions(**ONE_WORKER.model_dump(), tuning=Tuning(regions_min_events=0))
    scenario = region_scenario(10, 1)
    with caplog.at_level(logging.INFO, logger="optimizer.solve.neighbourhood"):
        plan = plan_of(scenario, options, reference=nrw_reference)
    assert any(r.message.startswith("region ") for r in caplog.records)
    assert validate_plan(scenario, plan, nrw_reference) == []
    assert plan.bound.covered_seats is not None
    assert 90 <= plan.objective.covered_seats <= plan.bound.covered_seats
