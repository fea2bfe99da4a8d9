"""Shared tiny instances: real NRW municipalities, a handful of councils, sites and trainers.

``tiny_scenario``: three councils and three sites in Düsseldorf (05111000), Duisburg
(05112000, borders Düsseldorf) and Bielefeld (05711000, about 150 km away), and two trainers,
an educator living in Düsseldorf and a council-side trainer living in Duisburg.

``tiny_plan``: a valid plan for it (three events, checked by ``tests/validate/test_validate.py``):

* ``DUS-M1`` Fri 6 + Sat 7 Feb 2026, C-DUS 12 + C-DU 8 = 20 participants, tandem T-EDU + T-CNC;
* ``DUS-M2`` Sat 7 + Sat 14 Mar 2026, C-DUS 10, T-EDU (28 days after module 1);
* ``BI-M1`` Sat 14 + Sun 15 Feb 2026, C-BI 8, T-CNC (travels > 120 km: one night).

Vary them with ``model_copy(update=...)`` and re-price with the ``price_plan`` fixture.

``solve_valid``: solves a scenario through ``plan_of`` (the public API) with one worker and
seed 0
(``TINY_SOLVER``) and fails the test unless ``validate_plan`` accepts the plan
(used by ``tests/solve/test_rules.py``).

``write_scenario_dir``: writes a scenario folder (``scenario.yaml`` plus the three CSV tables,
FORMAT.md) into ``tmp_path``; by default it holds ``tiny_scenario`` exactly, as a planner
would type it. ``tiny_files`` gives those file contents (dicts and row dicts) to vary.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from optimizer.domain.geography import Reference
from optimizer.domain.plan import (
    Assignment,
    Bound,
    EventCost,
    Objective,
    Plan,
    PlannedEvent,
    Totals,
)
from optimizer.domain.scenario import Council, Scenario, Site, Trainer
from optimizer.io.reference import load_reference
from optimizer.validate import recompute_costs, validate_plan

from testkit.tiny import (
    BIELEFELD,
    DUESSELDORF,
    DUISBURG,
    TINY_COUNCILS,
    TINY_SITES,
    TINY_SOLVER,
    TINY_TRAINERS,
    TINY_YAML,
    AssignmentSpec,
    EventSpec,
    MakePlan,
    PricePlan,
    SolveValid,
    WriteScenarioDir,
    plan_of,
)


@pytest.fixture(scope="session")
def nrw_reference() -> Reference:
    return load_reference()


@pytest.fixture
def solve_valid(nrw_reference: Reference) -> SolveValid:
    """Return ``solve(scenario)``: ``plan_of`` (the public API) with ``TINY_SOLVER``, checked
    by the validator.

    The returned plan has passed ``validate_plan`` (no violation at all); status, objective
    and bound are left to the test.
    """

    def solve(scenario: Scenario) -> Plan:
        plan = plan_of(scenario, TINY_SOLVER, reference=nrw_reference)
        violations = validate_plan(scenario, plan, nrw_reference)
        assert violations == [], "\n".join(str(v) for v in violations)
        return plan

    return solve


@pytest.fixture
def tiny_scenario() -> Scenario:
    return Scenario(
        name="tiny",
        budget_eur=10_000,
        councils=(
            Council(council_id="C-DUS", ags=DUESSELDORF, members=20,
                    interested_m1=12, interested_m2=12),
            Council(council_id="C-DU", ags=DUISBURG, members=12, interested_m1=8, interested_m2=8),
            Council(council_id="C-BI", ags=BIELEFELD, members=10, interested_m1=8, interested_m2=8),
        ),
        sites=(
            # VHS Düsseldorf at Bertha-von-Suttner-Platz, about 1 km from the city centre point.
            Site(site_id="DUS", name="VHS Düsseldorf", ags=DUESSELDORF, lat=51.2203, lon=6.7936,
                 partner_council_id="C-DUS", interested=True),
            Site(site_id="DU", name="VHS Duisburg", ags=DUISBURG, partner_council_id="C-DU",
                 interested=True),
            Site(site_id="BI", name="VHS Bielefeld", ags=BIELEFELD, partner_council_id="C-BI",
                 interested=True),
        ),
        trainers=(
            Trainer(trainer_id="T-EDU", role="educator", home_ags=DUESSELDORF, max_events=3),
            Trainer(trainer_id="T-CNC", role="council", home_ags=DUISBURG, max_events=3),
        ),
    )


@pytest.fixture
def price_plan(nrw_reference: Reference) -> PricePlan:
    """Return ``price(scenario, plan)``: the plan with participants, costs and totals recomputed.

    Participants become the assigned members; costs come from ``recompute_costs``; totals and
    the objective add them up. Every event must have a known site and known trainers.
    """

    def price(scenario: Scenario, plan: Plan) -> Plan:
        members: dict[str, int] = defaultdict(int)
        for a in plan.assignments:
            members[a.event_id] += a.members
        counted = plan.model_copy(update={"events": [
            e.model_copy(update={"participants": members[e.event_id]}) for e in plan.events
        ]})
        costs = recompute_costs(scenario, counted, nrw_reference)
        events = [
            e.model_copy(update={
                "cost_eur": EventCost(
                    fees=costs[e.event_id].fees / 100,
                    travel=costs[e.event_id].travel / 100,
                    catering=costs[e.event_id].catering / 100,
                    total=costs[e.event_id].total / 100,
                ),
                "travel_eur_by_trainer": [c / 100 for c in costs[e.event_id].travel_by_trainer],
            })
            for e in counted.events
        ]
        cents = {
            part: sum(getattr(costs[e.event_id], part) for e in events)
            for part in ("fees", "travel", "catering", "total")
        }
        seats = sum(a.members for a in plan.assignments)
        return counted.model_copy(update={
            "events": events,
            "objective": Objective(covered_seats=seats, total_cost_eur=cents["total"] / 100),
            "bound": Bound(covered_seats=seats),
            "totals": Totals(
                events=len(events), covered_seats=seats, fees_eur=cents["fees"] / 100,
                travel_eur=cents["travel"] / 100, catering_eur=cents["catering"] / 100,
                total_cost_eur=cents["total"] / 100, budget_eur=scenario.budget_eur,
            ),
        })

    return price


@pytest.fixture
def make_plan(price_plan: PricePlan) -> MakePlan:
    """Return ``make(scenario, events, assignments)``: a priced plan from compact specs."""

    def make(
        scenario: Scenario, events: Sequence[EventSpec], assignments: Sequence[AssignmentSpec]
    ) -> Plan:
        plan = Plan(
            scenario=scenario.name,
            status="OPTIMAL",
            objective=Objective(covered_seats=0, total_cost_eur=0.0),
            bound=Bound(covered_seats=0),
            solve_seconds=0.0,
            events=[
                PlannedEvent(
                    event_id=f"{site_id}-M{module}", site_id=site_id, module=module,
                    days=list(days), participants=0, trainer_ids=list(trainer_ids),
                    cost_eur=EventCost(fees=0.0, travel=0.0, catering=0.0, total=0.0),
                )
                for site_id, module, days, trainer_ids in events
            ],
            assignments=[
                Assignment(council_id=c, event_id=e, members=n) for c, e, n in assignments
            ],
            totals=Totals(events=0, covered_seats=0, fees_eur=0.0, travel_eur=0.0,
                          catering_eur=0.0, total_cost_eur=0.0, budget_eur=scenario.budget_eur),
        )
        return price_plan(scenario, plan)

    return make


@pytest.fixture
def tiny_plan(tiny_scenario: Scenario, make_plan: MakePlan) -> Plan:
    return make_plan(
        tiny_scenario,
        [
            ("DUS", 1, (dt.date(2026, 2, 6), dt.date(2026, 2, 7)), ["T-EDU", "T-CNC"]),
            ("DUS", 2, (dt.date(2026, 3, 7), dt.date(2026, 3, 14)), ["T-EDU"]),
            ("BI", 1, (dt.date(2026, 2, 14), dt.date(2026, 2, 15)), ["T-CNC"]),
        ],
        [
            ("C-DUS", "DUS-M1", 12),
            ("C-DU", "DUS-M1", 8),
            ("C-DUS", "DUS-M2", 10),
            ("C-BI", "BI-M1", 8),
        ],
    )


# --- scenario folders on disk (FORMAT.md) ---------------------------------------------------

Table = Sequence[Mapping[str, object]] | str


@pytest.fixture
def tiny_files() -> dict[str, Any]:
    """Fresh copies of what ``write_scenario_dir`` writes by default, to vary in a test:
    ``{"scenario": TINY_YAML, "councils": TINY_COUNCILS, "sites": ..., "trainers": ...}``."""
    return {
        "scenario": {**TINY_YAML, "tables": dict(TINY_YAML["tables"])},
        "councils": [dict(row) for row in TINY_COUNCILS],
        "sites": [dict(row) for row in TINY_SITES],
        "trainers": [dict(row) for row in TINY_TRAINERS],
    }


def _write_table(path: Path, table: Table) -> None:
    """Rows as dicts (columns in order of first appearance, ``None`` as an empty cell), or
    the file's exact text when ``table`` is a string (for blank lines and broken rows)."""
    if isinstance(table, str):
        path.write_text(table, encoding="utf-8")
        return
    columns = list(dict.fromkeys(column for row in table for column in row))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in table:
            writer.writerow(["" if row.get(c) is None else str(row.get(c)) for c in columns])


@pytest.fixture
def write_scenario_dir(tmp_path: Path) -> WriteScenarioDir:
    """Return ``write(folder="scenario", *, scenario=None, councils=None, sites=None,
    trainers=None, **keys) -> Path``: a scenario folder under ``tmp_path``.

    ``scenario`` is the whole of ``scenario.yaml`` (a dict, or its exact text), default
    ``TINY_YAML``; ``keys`` are set on top of it (``rules={"min_participants": 10}``). Each
    table is a list of row dicts or the file's exact text; the default is the tiny table.
    """

    def write(
        folder: str = "scenario",
        *,
        scenario: Mapping[str, Any] | str | None = None,
        councils: Table | None = None,
        sites: Table | None = None,
        trainers: Table | None = None,
        **keys: Any,
    ) -> Path:
        target = tmp_path / folder
        target.mkdir(parents=True, exist_ok=True)
        if isinstance(scenario, str):
            text = scenario
        else:
            content = {**(TINY_YAML if scenario is None else scenario), **keys}
            text = yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        (target / "scenario.yaml").write_text(text, encoding="utf-8")
        for name, table, default in (
            ("councils.csv", councils, TINY_COUNCILS),
            ("sites.csv", sites, TINY_SITES),
            ("trainers.csv", trainers, TINY_TRAINERS),
        ):
            _write_table(target / name, default if table is None else table)
        return target

    return write
