"""The cost stage's configuration start (optimizer/solve/warmstart.py: cost_hint) and its
completion with trainers (optimizer/solve/start.py: complete_start)."""

from __future__ import annotations

import datetime as dt

from optimizer.domain.geography import Reference
from optimizer.domain.options import Tuning
from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData, build_problem
from optimizer.domain.scenario import Scenario, SolverSettings
from optimizer.model.cpmodel import build_model
from optimizer.model.requirements import baseline, previous_hint
from optimizer.model.variables import Variables
from optimizer.solve.bound import ConfigurationLP
from optimizer.solve.clock import Clock
from optimizer.solve.neighbourhood import objective_value
from optimizer.solve.start import complete_start
from optimizer.solve.warmstart import cost_hint

from testkit.tiny import MakePlan

FEB = (dt.date(2026, 2, 6), dt.date(2026, 2, 7))
MAR = (dt.date(2026, 3, 6), dt.date(2026, 3, 7))


def _start(
    scenario: Scenario, reference: Reference, plan: Plan
) -> tuple[dict[int, int] | None, ProblemData, Variables]:
    """The start ``cost_hint`` proposes for ``plan`` (its own seats, the cost LP's pool)."""
    data = build_problem(scenario, reference)
    _, v, _ = build_model(data)
    values = _values(data, v, plan)
    lp = ConfigurationLP(data)
    seats = plan.objective.covered_seats
    lp.cost(seats)
    return cost_hint(data, v, lp, values, 10.0, Tuning()), data, v


def _values(data: ProblemData, v: Variables, plan: Plan) -> dict[int, int]:
    return {var.index: n for var, n in previous_hint(data, v, baseline(data, v, plan)).items()}


def _tandem_start(
    scenario: Scenario, reference: Reference, make_plan: MakePlan
) -> tuple[Plan, dict[int, int], ProblemData, Variables]:
    """Düsseldorf's 12 and Duisburg's 8 in two module-1 events (three trainers), and the
    start ``cost_hint`` proposes for it."""
    plan = make_plan(
        scenario,
        [("DUS", 1, FEB, ["T-EDU", "T-CNC"]), ("DU", 1, MAR, ["T-EDU"])],
        [("C-DUS", "DUS-M1", 12), ("C-DU", "DU-M1", 8)],
    )
    hint, data, v = _start(scenario, reference, plan)
    assert hint is not None
    return plan, hint, data, v


def test_two_events_become_one_tandem(
    tiny_scenario: Scenario, nrw_reference: Reference, make_plan: MakePlan
) -> None:
    # Düsseldorf's 12 and Duisburg's 8 (neighbours, R7) in two events take three trainers:
    # fees and catering 3·900 + 24·(20 + 3) = 3,252 €. Both in one event of 20 take a
    # tandem: 2·900 + 24·22 = 2,328 €, the least for 20 seats (one trainer holds at most 11,
    # a council attends one event per module). The start proposes that one event.
    _, hint, data, v = _tandem_start(tiny_scenario, nrw_reference, make_plan)
    held = [e for e in range(data.num_events) if hint[v.held[e].index]]
    assert len(held) == 1
    (e,) = held
    assert hint[v.two[e].index] == 1 and hint[v.participants[e].index] == 20


def test_no_start_when_the_plan_is_already_cheapest(
    tiny_scenario: Scenario, nrw_reference: Reference, make_plan: MakePlan
) -> None:
    # The tandem event of 20 itself: nothing cheaper has its seats, so no start.
    plan = make_plan(
        tiny_scenario,
        [("DUS", 1, FEB, ["T-EDU", "T-CNC"])],
        [("C-DUS", "DUS-M1", 12), ("C-DU", "DUS-M1", 8)],
    )
    hint, _, _ = _start(tiny_scenario, nrw_reference, plan)
    assert hint is None


def test_the_start_gets_its_trainers_and_is_cheaper(
    tiny_scenario: Scenario, nrw_reference: Reference, make_plan: MakePlan
) -> None:
    # The start of test_two_events_become_one_tandem leaves the tandem of its one event open;
    # completed, both trainers teach it and the plan costs less than the three-trainer plan
    # (2,328 € against 3,252 € in fees and catering; the same trainers travel, fewer times).
    # Completing it once more against itself finds nothing cheaper: None.
    plan, hint, data, v = _tandem_start(tiny_scenario, nrw_reference, make_plan)
    model, v, cost = build_model(data)
    model.minimize(cost)
    incumbent = _values(data, v, plan)
    clock = Clock(SolverSettings(time_limit_s=10, workers=1, seed=0), Tuning())
    completed = complete_start(model, v, hint, incumbent, clock, 5.0)
    assert completed is not None and len(completed) == len(model.proto.variables)
    (e,) = [e for e in range(data.num_events) if completed[v.held[e].index]]
    teachers = {k for (k, ev), var in v.teaches.items() if ev == e and completed[var.index]}
    assert len(teachers) == 2 and completed[v.two[e].index] == 1
    assert objective_value(model, completed) < objective_value(model, incumbent)
    assert complete_start(model, v, hint, completed, clock, 5.0) is None
