"""An infeasible scenario names its conflicting requirement groups as codes (kind and key),
and how far the set is proven (optimizer/solve/conflicts.py); no sentences in the plan."""

from __future__ import annotations

from optimizer.domain.geography import Reference
from optimizer.domain.plan import Conflict
from optimizer.domain.problem import build_problem
from optimizer.domain.scenario import Scenario
from optimizer.model.requirements import Group
from optimizer.solve.conflicts import Explanation, explain_infeasible
from optimizer.solve.pipeline import solve

from testkit.tiny import TINY_SOLVER


def _required(scenario: Scenario, *site_ids: str, max_events: int | None = None) -> Scenario:
    sites = tuple(s.model_copy(update={"status": "required"}) if s.site_id in site_ids else s
                  for s in scenario.sites)
    trainers = scenario.trainers if max_events is None else tuple(
        t.model_copy(update={"max_events": max_events}) for t in scenario.trainers)
    return scenario.model_copy(update={"sites": sites, "trainers": trainers})


def test_an_infeasible_plan_names_its_conflicts_as_codes(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # Each trainer works one event, so at most two events, but three sites are required:
    # the three together conflict, any two have a plan (minimal).
    scenario = _required(tiny_scenario, "DUS", "DU", "BI", max_events=1)
    plan = solve(build_problem(scenario, nrw_reference), TINY_SOLVER)
    assert plan.status == "INFEASIBLE"
    assert plan.conflicts == [Conflict(kind="required", key=key) for key in ("DUS", "DU", "BI")]
    assert plan.conflicts_proof == "minimal"
    assert plan.message == ""


def test_a_feasible_plan_names_no_conflicts(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    plan = solve(build_problem(_required(tiny_scenario, "BI"), nrw_reference), TINY_SOLVER)
    assert plan.status == "OPTIMAL"
    assert (plan.conflicts, plan.conflicts_proof, plan.message) == ([], None, "")


def test_a_group_without_a_plan_on_its_own_is_proven_alone(
    tiny_scenario: Scenario, nrw_reference: Reference
) -> None:
    # BI is required but names no partner council (R9): it cannot host, alone.
    sites = tuple(s.model_copy(update={"partner_council_id": None}) if s.site_id == "BI" else s
                  for s in tiny_scenario.sites)
    scenario = _required(tiny_scenario.model_copy(update={"sites": sites}), "DUS", "BI")
    explanation = explain_infeasible(build_problem(scenario, nrw_reference), seconds=10)
    assert explanation is not None
    assert explanation.conflicts == [Conflict(kind="required", key="BI")]
    assert explanation.proof == "alone"


def test_the_proof_of_an_explanation() -> None:
    groups = [Group("lock", "DUS-M1"), Group("region", "Köln")]
    assert Explanation(groups, minimal=True).proof == "minimal"
    assert Explanation(groups, minimal=False).proof == "unproven"
    assert Explanation(groups, minimal=True, alone=True).proof == "alone"
    assert [c.kind for c in Explanation(groups, minimal=True).conflicts] == ["lock", "region"]
