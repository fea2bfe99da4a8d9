"""The ``extra`` hook of :func:`optimizer.solve.pipeline.solve`: requirements beyond RULES.md."""

from __future__ import annotations

from ortools.sat.python import cp_model

from optimizer.domain.geography import Reference
from optimizer.domain.problem import ProblemData, build_problem
from optimizer.domain.scenario import Scenario
from optimizer.model.variables import Variables
from optimizer.solve.pipeline import solve
from optimizer.validate import validate_plan

from testkit.tiny import TINY_SOLVER


def _no_events_at(site_id: str):  # type: ignore[no-untyped-def]
    def constraint(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
        for e, event in enumerate(data.events):
            if data.scenario.sites[event.site_idx].site_id == site_id:
                model.add(v.held[e] == 0)

    return constraint


def test_an_extra_constraint_holds_in_every_stage(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # Without Bielefeld's site, C-BI (150 km from the others) cannot attend anything; the
    # rest is unchanged: C-DUS 12 + C-DU 8 per module in Düsseldorf or Duisburg, 56 - 16 = 40.
    data = build_problem(tiny_scenario, nrw_reference)

    free = solve(data, TINY_SOLVER)
    forced = solve(data, TINY_SOLVER, extra=[_no_events_at("BI")])

    assert (free.objective.covered_seats, free.status) == (56, "OPTIMAL")
    assert (forced.objective.covered_seats, forced.status) == (40, "OPTIMAL")
    assert forced.bound.covered_seats == 40
    assert all(e.site_id != "BI" for e in forced.events)
    assert validate_plan(tiny_scenario, forced, nrw_reference) == []
