"""The planner's public entry point: scenario in, validated plan out."""

from __future__ import annotations

from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario, SolverSettings
from optimizer.io.reference import load_reference
from optimizer.model.solver import ProgressFn, solve
from optimizer.problem import build_problem


def plan_scenario(
    scenario: Scenario,
    settings: SolverSettings | None = None,
    progress: ProgressFn | None = None,
    reference: Reference | None = None,
) -> Plan:
    """Solve a scenario lexicographically (coverage, then cost) and return its plan."""
    data = build_problem(scenario, reference or load_reference())
    return solve(data, settings or scenario.solver, progress)


def wanted_seats(scenario: Scenario) -> dict[int, int]:
    """Seats wanted per module by the survey (interested members)."""
    return {
        1: sum(c.interested_m1 for c in scenario.councils),
        2: sum(c.interested_m2 for c in scenario.councils),
    }
