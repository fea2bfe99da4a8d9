"""German words for the conflicting requirement groups (optimizer/report/conflicts_de.py):
the labels and the lines before them, word for word as the CLI has always printed them."""

from __future__ import annotations

import pytest

from optimizer.domain.plan import Conflict, Plan, RegionCoverage
from optimizer.domain.scenario import Scenario
from optimizer.report.conflicts_de import conflict_label_de, conflicts_head_de

LOCK = Conflict(kind="lock", key="DUS-M1")
REQUIRED = Conflict(kind="required", key="BI")
REGION = Conflict(kind="region", key="Düsseldorf")


def _infeasible(plan: Plan, conflicts: list[Conflict], proof: str | None) -> Plan:
    return plan.model_copy(update={
        "status": "INFEASIBLE", "events": [], "assignments": [], "conflicts": conflicts,
        "conflicts_proof": proof,
        "regions": [RegionCoverage(regierungsbezirk="Düsseldorf", wanted=40, reachable=40,
                                   covered=0, minimum=20)]})


def test_labels_name_each_kind(tiny_plan: Plan, tiny_scenario: Scenario) -> None:
    plan = _infeasible(tiny_plan, [LOCK, REQUIRED, REGION], "minimal")
    assert [conflict_label_de(c, plan, tiny_scenario) for c in plan.conflicts] == [
        "Festlegung DUS-M1", "Pflicht-Standort BI (VHS Bielefeld)",
        "Regionalminimum Düsseldorf (20 Plätze)"]


@pytest.mark.parametrize("conflicts, proof, head", [
    ([REQUIRED], "alone", ["Jede dieser Vorgaben ist schon für sich allein nicht erfüllbar:"]),
    ([LOCK, REQUIRED], "alone",
     ["Jede dieser Vorgaben ist schon für sich allein nicht erfüllbar:"]),
    ([REQUIRED], "minimal", ["Diese Vorgabe ist für sich allein nicht erfüllbar:"]),
    ([LOCK, REQUIRED], "minimal",
     ["Diese Vorgaben schließen sich gegenseitig aus (eine davon lockern):"]),
    ([LOCK, REGION], "unproven",
     ["Diese Vorgaben schließen sich gegenseitig aus (eine davon lockern):",
      "(In der Zeit nicht bewiesen, dass keine davon entbehrlich ist.)"]),
    ([], None, []),
])
def test_head_lines(tiny_plan: Plan, conflicts: list[Conflict], proof: str | None,
                    head: list[str]) -> None:
    assert conflicts_head_de(_infeasible(tiny_plan, conflicts, proof)) == head
