"""Plan folders as the API reads and writes them: a plan with the scenario it belongs to,
and its report."""

from __future__ import annotations

from pathlib import Path

from optimizer.domain.changes import Change
from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.io.atomic import write_files
from optimizer.io.mapdata import load_municipality_geojson
from optimizer.io.plan_io import read_plan_folder
from optimizer.validate import plan_mismatches

#: Where ``solve`` writes without ``--out``: ``reports/<scenario name>/``.
DEFAULT_PLANS_DIR = Path("reports")


def read_plan_and_scenario(plan_dir: Path, scenario_path: Path | None = None
                           ) -> tuple[Plan, Scenario]:
    """A plan folder's plan and its scenario (the copy in the folder, or ``scenario_path``),
    or an input error naming what is missing or does not fit."""
    folder = plan_dir.parent if plan_dir.is_file() else plan_dir  # PLAN_DIR may be plan.json
    plan, scenario = read_plan_folder(folder, scenario_path)
    mismatches = plan_mismatches(scenario, plan)
    if mismatches:
        where = str(scenario_path) if scenario_path else str(plan_dir / "scenario")
        raise InputError([
            InputProblem(str(folder / "plan.json"), None, None, None,
                         f"ein Plan zum Szenario {where}: {problem}")
            for problem in mismatches
        ])
    return plan, scenario


def write_report(
    scenario: Scenario, plan: Plan, target: Path, reference: Reference | None = None,
    changes: list[Change] | None = None,
) -> list[Path]:
    """Render and write ``bericht.html`` and ``bericht.pdf`` into ``target`` (both or
    neither); a re-plan's ``changes`` become a section of the report."""
    import matplotlib

    matplotlib.use("Agg")  # files only, no window (also on machines without a display)
    from optimizer.report import report_files

    return write_files(target, report_files(scenario, plan, reference, changes))


def municipality_outlines() -> dict[str, object]:
    """NRW's municipality outlines as GeoJSON (shipped; for maps drawn by a face)."""
    return load_municipality_geojson()
