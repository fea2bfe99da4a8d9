"""The planner's public entry point: scenario in, validated plan out."""

from __future__ import annotations

from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.problem import build_problem
from optimizer.domain.scenario import Scenario, SolverSettings
from optimizer.insight.changes import diff
from optimizer.io.reference import load_reference
from optimizer.solve.pipeline import ProgressFn, solve


def plan_scenario(
    scenario: Scenario,
    settings: SolverSettings | None = None,
    progress: ProgressFn | None = None,
    reference: Reference | None = None,
    previous: Plan | None = None,
) -> Plan:
    """Solve a scenario lexicographically (coverage, then cost) and return its plan.

    With ``previous`` (a re-plan), fewest changes against it come between coverage and cost,
    and the plan states their number (``changes``, :func:`optimizer.insight.changes.diff`).
    """
    data = build_problem(scenario, reference or load_reference())
    plan = solve(data, settings or scenario.solver, progress, previous=previous)
    if previous is not None and plan.status in ("OPTIMAL", "FEASIBLE"):
        plan = plan.model_copy(update={"changes": len(diff(previous, plan))})
    return plan


def wanted_seats(scenario: Scenario) -> dict[int, int]:
    """Seats wanted per module by the survey (interested members)."""
    return {
        1: sum(c.interested_m1 for c in scenario.councils),
        2: sum(c.interested_m2 for c in scenario.councils),
    }
