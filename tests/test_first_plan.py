"""The quick first plan before the warm start (optimizer/model/solver.py)."""

from __future__ import annotations

import pytest
from conftest import TINY_SOLVER

from optimizer.domain.geography import Reference
from optimizer.domain.scenario import Scenario
from optimizer.model import solver
from optimizer.problem import build_problem
from optimizer.validate import validate_plan


def test_the_first_plan_stands_when_the_coverage_stage_finds_none(
    tiny_scenario: Scenario, nrw_reference: Reference, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every stage after the quick first pass "runs out of time" (no solution): the answer is
    # the first plan, a valid plan with seats (the tiny scenario's first solution has some),
    # reported as FEASIBLE, not "no plan".
    run_stage = solver._run_stage
    calls: list[bool] = []

    def only_the_first(*args, **kwargs):  # type: ignore[no-untyped-def]
        first = kwargs.get("first_only", False)
        calls.append(first)
        result = run_stage(*args, **kwargs)
        if not first:
            result.values = result.slots = result.objective = None
            result.status = solver.cp_model.UNKNOWN
        return result

    monkeypatch.setattr(solver, "_run_stage", only_the_first)
    plan = solver.solve(build_problem(tiny_scenario, nrw_reference), TINY_SOLVER)

    assert calls[0] is True and not any(calls[1:])
    assert plan.status == "FEASIBLE" and plan.objective.covered_seats > 0
    assert [s.name for s in plan.stages] == ["coverage"]
    assert validate_plan(tiny_scenario, plan, nrw_reference) == []


@pytest.mark.parametrize("limit, seconds", [(60, 3.0), (20, 2.0), (5, 1.0), (200, 10.0)])
def test_first_plan_time(limit: float, seconds: float) -> None:
    # 5 % of the limit, at least 2 s, but never more than a fifth of a short limit.
    assert solver._first_plan_seconds(limit) == pytest.approx(seconds)
