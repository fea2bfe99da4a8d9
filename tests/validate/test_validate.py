"""Tests of the validator as a whole (optimizer/validate/__init__.py): the tiny plan is valid,
every rule has a violation case, messages and malformed plans, and independence of the solver.

The rules themselves are tested one module per rule group, as the validator is split:
test_validate_fit.py (PLAN), _calendar (R1, R2), _modules (R3, R5), _participants (R6, R8),
_catchment (R7, R9), _trainers (R10–R12), _costs (R13–R15), _budget (R16, totals),
_requirements (LOCK, STATUS, REGION).
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
from pathlib import Path

from test_validate_budget import cases as budget_cases
from test_validate_calendar import cases as calendar_cases
from test_validate_catchment import cases as catchment_cases
from test_validate_costs import cases as costs_cases
from test_validate_fit import cases as fit_cases
from test_validate_modules import cases as modules_cases
from test_validate_participants import cases as participants_cases
from test_validate_trainers import cases as trainers_cases

from optimizer.domain.geography import Reference
from optimizer.domain.plan import Assignment, Plan
from optimizer.domain.scenario import Scenario
from optimizer.validate import Violation, validate_plan

from testkit.tiny import MakePlan, PricePlan
from testkit.validate import add, edit_event, rules_of, set_members

D = dt.date

# --- the valid plan ---------------------------------------------------------------------------


def test_tiny_plan_is_valid(tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference):
    assert validate_plan(tiny_scenario, tiny_plan, nrw_reference) == []


def test_reference_defaults_to_shipped_data(tiny_scenario: Scenario, tiny_plan: Plan):
    assert validate_plan(tiny_scenario, tiny_plan) == []


def test_plan_without_events_is_valid(tiny_scenario: Scenario, make_plan: MakePlan):
    assert validate_plan(tiny_scenario, make_plan(tiny_scenario, [], [])) == []


def test_site_with_one_module_is_valid(
    tiny_scenario: Scenario, tiny_plan: Plan, price_plan: PricePlan
):
    """R4 only permits: a site may hold module 1 without module 2 (BI does already)."""
    plan = tiny_plan.model_copy(update={
        "events": [e for e in tiny_plan.events if e.event_id != "DUS-M2"],
        "assignments": [a for a in tiny_plan.assignments if a.event_id != "DUS-M2"],
    })
    assert validate_plan(tiny_scenario, price_plan(tiny_scenario, plan)) == []


# --- every rule has a violation case ----------------------------------------------------------


def test_every_rule_has_a_violation_case():
    """R4 only permits (a site may hold one module), R17 and R18 are not about feasibility."""
    groups = (fit_cases, calendar_cases, modules_cases, participants_cases, catchment_cases,
              trainers_cases, costs_cases, budget_cases)
    covered = set().union(*(group.rules for group in groups))
    assert covered == {"PLAN"} | {f"R{i}" for i in range(1, 17)} - {"R4"}


# --- messages ---------------------------------------------------------------------------------


def test_messages_name_the_numbers(
    tiny_scenario: Scenario, tiny_plan: Plan, price_plan: PricePlan
):
    plan = price_plan(tiny_scenario, set_members(tiny_plan, "C-BI", "BI-M1", 7))
    [violation] = validate_plan(tiny_scenario, plan)
    assert violation == Violation(
        "R6", "BI-M1", "Veranstaltung BI-M1: 7 Teilnehmende, erlaubt sind 8–20"
    )

    plan = edit_event(tiny_plan, "BI-M1", days=[D(2026, 10, 3), D(2026, 10, 4)])
    [violation] = validate_plan(tiny_scenario, plan)
    assert "Sa 03.10.2026" in violation.message
    assert "Tag der Deutschen Einheit" in violation.message


def test_malformed_plan_is_reported_not_raised(tiny_scenario: Scenario, tiny_plan: Plan):
    plan = edit_event(tiny_plan, "BI-M1", days=[], trainer_ids=[], site_id="XX")
    plan = add(plan, None, Assignment(council_id="C-XX", event_id="YY-M9", members=-1))
    rules = rules_of(validate_plan(tiny_scenario, plan))
    assert {"PLAN", "R2", "R11"} <= rules


def test_validator_is_independent_of_the_solver():
    """STYLE: the validator is the executable form of RULES.md and knows nothing of the solver:
    no module of the package imports the model, the solve pipeline or the model's data."""
    # (the attribute optimizer.validate is the API's function; the package is in sys.modules)
    package = Path(importlib.import_module("optimizer.validate").__file__ or "").parent
    imported: set[str] = set()
    for path in sorted(package.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported |= {
            node.module for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        } | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    solver = ("optimizer.model", "optimizer.solve", "optimizer.domain.problem",
              "optimizer.domain.calendar")
    assert not [m for m in imported if m.startswith(solver)]
