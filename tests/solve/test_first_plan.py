"""The quick first plan before the warm start (optimizer/solve/pipeline.py): the dated greedy
plan, improved by a short CP-SAT pass that starts from it."""

from __future__ import annotations

from typing import Any

import pytest

from optimizer.bench.baselines import greedy_as_plan
from optimizer.domain.geography import Reference
from optimizer.domain.problem import build_problem
from optimizer.domain.scenario import Scenario
from optimizer.solve import pipeline as solver
from optimizer.solve.greedy import greedy_plan
from optimizer.validate import validate_plan

from testkit.tiny import TINY_SOLVER


def _only_first_calls(monkeypatch: pytest.MonkeyPatch, keep: int) -> list[str]:
    """Make every CP-SAT stage after the first ``keep`` calls "run out of time"."""
    run_stage = solver._run_stage
    calls: list[str] = []

    def patched(*args: Any, **kwargs: Any) -> solver.StageResult:
        calls.append(args[3])
        result = run_stage(*args, **kwargs)
        if len(calls) > keep:
            result.values = result.slots = result.objective = None
            result.status = solver.cp_model.UNKNOWN
        return result

    monkeypatch.setattr(solver, "_run_stage", patched)
    return calls


def test_the_first_plan_stands_when_the_coverage_stage_finds_none(
    tiny_scenario: Scenario, nrw_reference: Reference, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every stage after the quick first pass finds no plan: the answer is the first plan, a
    # valid plan with seats, reported as FEASIBLE, not "no plan". The cost stage still runs
    # from it (and finds nothing better here either).
    calls = _only_first_calls(monkeypatch, keep=1)
    plan = solver.solve(build_problem(tiny_scenario, nrw_reference), TINY_SOLVER)

    assert calls[0] == solver.STAGE_COVERAGE and len(calls) >= 2
    assert plan.status == "FEASIBLE" and plan.objective.covered_seats > 0
    assert [s.name for s in plan.stages] == ["coverage", "cost"]
    assert plan.stages[0].objective == plan.objective.covered_seats
    assert validate_plan(tiny_scenario, plan, nrw_reference) == []


def test_the_greedy_plan_stands_when_cp_sat_finds_nothing(
    tiny_scenario: Scenario, nrw_reference: Reference, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No CP-SAT call finds a plan (a presolve longer than the time, as on the 4× instance):
    # the dated greedy plan is the answer, with exactly the greedy's seats, and valid.
    data = build_problem(tiny_scenario, nrw_reference)
    greedy = greedy_as_plan(data, greedy_plan(data))
    assert greedy.objective.covered_seats > 0
    _only_first_calls(monkeypatch, keep=0)
    plan = solver.solve(data, TINY_SOLVER)

    assert plan.status == "FEASIBLE"
    assert plan.objective.covered_seats == greedy.objective.covered_seats
    assert validate_plan(tiny_scenario, plan, nrw_reference) == []


def test_the_greedy_plan_is_no_plan_under_requirements(
    tiny_scenario: Scenario, nrw_reference: Reference, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A required site is a requirement the greedy rule does not know: its plan may break it,
    # so it is only a hint. With every CP-SAT call finding nothing there is no plan at all.
    sites = [s.model_copy(update={"status": "required"}) if i == 0 else s
             for i, s in enumerate(tiny_scenario.sites)]
    scenario = tiny_scenario.model_copy(update={"sites": sites})
    _only_first_calls(monkeypatch, keep=0)
    plan = solver.solve(build_problem(scenario, nrw_reference), TINY_SOLVER)

    assert plan.events == [] and plan.status == "UNKNOWN"


@pytest.mark.parametrize("limit, seconds", [(60, 6.0), (20, 2.0), (5, 1.0), (200, 6.0),
                                            (30, 3.0)])
def test_first_plan_time(limit: float, seconds: float) -> None:
    # 10 % of the limit, at most 6 s, at least 2 s but never more than a fifth of a short limit.
    assert solver._first_plan_seconds(limit) == pytest.approx(seconds)
