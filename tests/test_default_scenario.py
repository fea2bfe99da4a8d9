"""End to end on the shipped default scenario (short time limit; the validator decides).

The default scenario is too large to prove optimal within a test's time, so these tests
check what must hold for any plan the planner returns: it is valid by every rule (checked by
the independent validator), its bound is a bound, and ``qualiplan check`` accepts what
``qualiplan solve`` wrote. How good the plan is within 60 s is measured by
``benchmarks/solve_default.py``, not here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from optimizer.domain.scenario import SolverSettings
from optimizer.faces.cli.app import app
from optimizer.io.plan_io import read_plan
from optimizer.io.reference import load_reference
from optimizer.io.scenario_reader import read_scenario
from optimizer.validate import validate_plan

from testkit.tiny import plan_of

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "scenarios" / "nrw-2025-26"


def test_default_scenario_matches_its_generator(tmp_path: Path) -> None:
    """The committed tables are exactly what the seeded generator writes."""
    spec = importlib.util.spec_from_file_location("generate_default", DEFAULT / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in ("scenario.yaml", "councils.csv", "sites.csv", "trainers.csv"):
        assert (tmp_path / name).read_bytes() == (DEFAULT / name).read_bytes(), name


def test_default_scenario_has_the_call_s_size() -> None:
    scenario = read_scenario(DEFAULT)
    assert len(scenario.councils) == 113
    assert 60 <= len(scenario.sites) <= 80
    assert {t.role for t in scenario.trainers} == {"educator", "council"}
    wanted = sum(c.interested_m1 + c.interested_m2 for c in scenario.councils)
    assert wanted > 0


@pytest.mark.slow
def test_default_plan_is_valid_and_within_its_bound() -> None:
    scenario = read_scenario(DEFAULT)
    plan = plan_of(scenario, SolverSettings(time_limit_s=15, workers=2, seed=0))
    assert plan.status in ("OPTIMAL", "FEASIBLE")
    assert validate_plan(scenario, plan, load_reference()) == []
    assert plan.bound.covered_seats is not None
    assert plan.objective.covered_seats <= plan.bound.covered_seats
    assert plan.bound.total_cost_eur is not None
    assert plan.bound.total_cost_eur <= plan.objective.total_cost_eur <= scenario.budget_eur
    # the budget does not allow all demand (the scenario is calibrated that way)
    wanted = sum(c.interested_m1 + c.interested_m2 for c in scenario.councils)
    assert plan.objective.covered_seats < wanted


@pytest.mark.slow
def test_cli_solve_then_check_on_default(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "plan"
    solved = runner.invoke(
        app, ["solve", str(DEFAULT), "--out", str(out), "--time-limit", "10", "--workers", "2"]
    )
    assert solved.exit_code == 0, solved.output
    assert "Abgedeckte Plätze" in solved.output
    checked = runner.invoke(app, ["check", str(DEFAULT), str(out)])
    assert checked.exit_code == 0, checked.output
    assert read_plan(out).totals.events > 0
