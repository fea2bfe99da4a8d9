"""The solve's one parameter object (``SolveOptions`` with its ``Tuning``), its progress
events and its cancel token (optimizer/solve/pipeline.py)."""

from __future__ import annotations

import threading
import time

import pytest
from ortools.sat.python import cp_model

from optimizer.domain.geography import Reference
from optimizer.domain.options import CancelToken, Progress, SolveOptions, Tuning
from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData, build_problem
from optimizer.domain.scenario import Scenario
from optimizer.solve.clock import solve_watched
from optimizer.solve.pipeline import solve
from optimizer.validate import validate_plan

from testkit.strategies import region_scenario
from testkit.tiny import TINY_SOLVER

# --- the tuning a plan records ------------------------------------------------------------------


def test_a_plan_records_its_tuning(tiny_scenario: Scenario, nrw_reference: Reference) -> None:
    # A plain SolverSettings solves with the default tuning, and the plan says so, beside
    # seed and workers; a non-default tuning is what the plan records, through plan.json.
    data = build_problem(tiny_scenario, nrw_reference)
    plan = solve(data, TINY_SOLVER)
    assert plan.tuning == Tuning().model_dump(mode="json")
    assert (plan.seed, plan.workers) == (0, 1)

    tuning = Tuning(spread_s=0.5, region_digits=(5,), warm_start_targets=(0.99,))
    tuned = solve(data, TINY_SOLVER.model_copy(update={"tuning": tuning}))
    assert tuned.tuning is not None and tuned.tuning != plan.tuning
    assert (tuned.tuning["spread_s"], tuned.tuning["region_digits"],
            tuned.tuning["warm_start_targets"]) == (0.5, [5], [0.99])
    again = Plan.model_validate_json(tuned.model_dump_json())
    assert Tuning.model_validate(again.tuning) == tuning


def test_progress_events_carry_the_stage_and_its_values(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # Coverage in seats, then cost in cents; bounds on the right side of the values
    # (coverage maximised, cost minimised); seconds since the start, never decreasing.
    events: list[Progress] = []
    plan = solve(build_problem(tiny_scenario, nrw_reference), TINY_SOLVER, events.append)
    assert events and all(isinstance(e, Progress) for e in events)
    assert {e.stage for e in events} == {"coverage", "cost"}
    coverage = [e for e in events if e.stage == "coverage"]
    cost = [e for e in events if e.stage == "cost"]
    assert max(e.objective for e in coverage) == plan.objective.covered_seats
    assert all(e.bound is None or e.bound >= e.objective for e in coverage)
    assert min(e.objective for e in cost) == round(plan.objective.total_cost_eur * 100)
    assert all(e.bound is None or e.bound <= e.objective for e in cost)
    seconds = [e.seconds for e in events]
    assert seconds == sorted(seconds)


# --- cancelling -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_solve(nrw_reference: Reference) -> tuple[Scenario, ProblemData]:
    """region_scenario(40, 1) with three times its trainers (four events each) and a budget
    of 100,000 €: no stage proves its optimum within a minute (on 2 cores the full 60-s
    solve ran 150 s of wall time), so a cancel always lands inside a search."""
    scenario = region_scenario(40, 1)
    trainers = tuple(t.model_copy(update={"trainer_id": f"{t.trainer_id}-{j}", "max_events": 4})
                     for j in range(3) for t in scenario.trainers)
    scenario = scenario.model_copy(update={"budget_eur": 100_000, "trainers": trainers})
    return scenario, build_problem(scenario, nrw_reference)


LONG = SolveOptions(time_limit_s=60, workers=1, seed=0)


def test_a_cancelled_solve_ends_quickly_with_its_best_plan(
    long_solve: tuple[Scenario, ProblemData], nrw_reference: Reference
) -> None:
    # Cancelled from another thread after 2 s: the running search stops, no further stage
    # starts, and the answer is the best dated plan so far (here at least the greedy plan,
    # which is ready within a second), valid.
    scenario, data = long_solve
    token = CancelToken()
    timer = threading.Timer(2.0, token.cancel)
    started = time.perf_counter()
    timer.start()
    try:
        plan = solve(data, LONG, cancel=token)
    finally:
        timer.cancel()
    seconds = time.perf_counter() - started
    assert seconds < 2.0 + 10.0, seconds
    assert plan.status == "FEASIBLE" and plan.objective.covered_seats > 0
    assert "cost" not in [s.name for s in plan.stages]
    assert validate_plan(scenario, plan, nrw_reference) == []


def test_a_solve_cancelled_before_it_starts_returns_at_once(
    long_solve: tuple[Scenario, ProblemData],
) -> None:
    _, data = long_solve
    token = CancelToken()
    token.cancel()
    started = time.perf_counter()
    plan = solve(data, LONG, cancel=token)
    assert time.perf_counter() - started < 5.0
    assert plan.status == "UNKNOWN" and plan.events == [] and plan.stages == []


def test_a_cancelled_token_stops_a_cp_sat_run_before_it_searches() -> None:
    # stop_search reaches only a running search; a token already cancelled sets the limits
    # to zero instead, so CP-SAT returns at once, without a solution but with a response.
    model = cp_model.CpModel()
    xs = [model.new_int_var(0, 100, f"x{i}") for i in range(50)]
    model.add(sum(xs) <= 1000)
    model.maximize(sum((i % 7 + 1) * x for i, x in enumerate(xs)))
    token = CancelToken()
    token.cancel()
    solver = cp_model.CpSolver()
    assert solve_watched(solver, model, token) == cp_model.UNKNOWN
    assert solver.response_proto.deterministic_time == 0.0
    assert solve_watched(cp_model.CpSolver(), model, CancelToken()) == cp_model.OPTIMAL
