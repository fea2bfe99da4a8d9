"""Write and read a plan folder: ``plan.json`` plus ``events.csv`` and ``assignments.csv``.

``solve`` also keeps a copy of the scenario it solved in ``scenario/`` (a FORMAT.md folder,
geocoded coordinates included), so reports, exports, comparisons and re-plans need only the
plan folder: the copy is the scenario the plan was made for, even if the planner's files
changed since.

A re-plan's folder also keeps the plan it replaced (``vorheriger-plan/``: its plan.json, its
scenario copy and the calendars of its export, if any), so that its export can cancel, in
the calendars of the people concerned, every entry the re-plan dropped or moved, even when
the previous plan was never exported or its trainer is no longer in the scenario.

Writing is all-or-nothing: files go to a temporary sibling folder that replaces the target
only when everything is written, so a failed run never leaves a half-written folder.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
from pydantic import ValidationError

from optimizer.domain.changes import Change
from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.io.atomic import staged_folder
from optimizer.io.changes_csv import CHANGES_FILE, parse_changes_csv
from optimizer.io.scenario_reader import read_scenario
from optimizer.io.workbook import write_scenario_folder

PLAN_FILE = "plan.json"
EVENTS_FILE = "events.csv"
ASSIGNMENTS_FILE = "assignments.csv"
SCENARIO_COPY = "scenario"
#: A re-plan's copy of the plan it replaced (see the module docstring).
PREVIOUS_DIR = "vorheriger-plan"


def events_frame(plan: Plan) -> pd.DataFrame:
    """The plan's events as a table (one row per event, same content as plan.json)."""
    rows = [
        {
            "event_id": e.event_id, "site_id": e.site_id, "module": e.module,
            "day1": e.days[0].isoformat(), "day2": e.days[1].isoformat(),
            "participants": e.participants, "trainer_ids": ";".join(e.trainer_ids),
            "fees_eur": e.cost_eur.fees, "travel_eur": e.cost_eur.travel,
            "catering_eur": e.cost_eur.catering, "total_eur": e.cost_eur.total,
        }
        for e in plan.events
    ]
    columns = ["event_id", "site_id", "module", "day1", "day2", "participants", "trainer_ids",
               "fees_eur", "travel_eur", "catering_eur", "total_eur"]
    return pd.DataFrame(rows, columns=columns)


def assignments_frame(plan: Plan) -> pd.DataFrame:
    rows = [a.model_dump() for a in plan.assignments]
    return pd.DataFrame(rows, columns=["council_id", "event_id", "members"])


def _plan_json(plan: Plan) -> str:
    return json.dumps(plan.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def write_plan(
    plan: Plan,
    out_dir: str | Path,
    extra: Mapping[str, str | bytes] | None = None,
    scenario: Scenario | None = None,
    previous: tuple[Plan, Scenario, Path | None] | None = None,
) -> Path:
    """Write the plan folder atomically; ``extra`` maps further file names (relative paths)
    to text or bytes.

    With ``scenario``, a copy of it goes to ``scenario/``; with ``previous`` (a re-plan's
    previous plan, its scenario and its export's calendar folder or ``None``), a copy of
    them goes to ``vorheriger-plan/`` (see the module docstring).
    """
    target = Path(out_dir)
    with staged_folder(target) as staging:
        (staging / PLAN_FILE).write_text(_plan_json(plan), encoding="utf-8")
        events_frame(plan).to_csv(staging / EVENTS_FILE, index=False)
        assignments_frame(plan).to_csv(staging / ASSIGNMENTS_FILE, index=False)
        for name, content in (extra or {}).items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        if scenario is not None:
            write_scenario_folder(scenario, staging / SCENARIO_COPY)
        if previous is not None:
            _write_previous(staging / PREVIOUS_DIR, *previous)
    return target


def _write_previous(folder: Path, plan: Plan, scenario: Scenario, calendars: Path | None
                    ) -> None:
    folder.mkdir()
    (folder / PLAN_FILE).write_text(_plan_json(plan), encoding="utf-8")
    write_scenario_folder(scenario, folder / SCENARIO_COPY)
    if calendars is not None and calendars.is_dir():
        shutil.copytree(calendars, folder / calendars.name)


def read_previous_plan(plan_dir: str | Path) -> tuple[Plan, Scenario, Path] | None:
    """A re-plan's previous plan, its scenario and the folder of its copy; ``None`` for a
    plan made from scratch (no ``vorheriger-plan/``)."""
    folder = Path(plan_dir) / PREVIOUS_DIR
    if not (folder / PLAN_FILE).is_file():
        return None
    plan, scenario = read_plan_folder(folder)
    return plan, scenario, folder


def read_plan(plan_dir: str | Path) -> Plan:
    """Read ``plan.json`` from a plan folder (or the file itself)."""
    path = Path(plan_dir)
    if path.is_dir():
        path = path / PLAN_FILE
    if not path.is_file():
        raise InputError([InputProblem(str(path), None, None, None, "Plan-Datei plan.json fehlt")])
    try:
        return Plan.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        raise InputError([
            InputProblem(path.name, None, ".".join(map(str, err["loc"])),
                         None, str(err["msg"]))
            for err in exc.errors()
        ]) from None
    except UnicodeDecodeError:
        raise InputError([InputProblem(path.name, None, None, None, "UTF-8-Text")]) from None


def read_plan_folder(
    plan_dir: str | Path, scenario_path: str | Path | None = None
) -> tuple[Plan, Scenario]:
    """The plan and the scenario it was made for.

    The scenario is read from ``scenario_path`` if given, else from the copy in the plan
    folder; a folder without a copy and no ``scenario_path`` is an input error saying so.
    """
    plan = read_plan(plan_dir)
    if scenario_path is None:
        copy = Path(plan_dir) / SCENARIO_COPY
        if not (copy / "scenario.yaml").is_file():
            raise InputError([InputProblem(
                str(copy), None, None, None,
                "Kopie des Szenarios im Plan-Ordner (mit „qualiplan solve“ geschrieben); "
                "sonst das Szenario mit --scenario angeben",
            )])
        scenario_path = copy
    return plan, read_scenario(scenario_path)


def read_changes(plan_dir: str | Path) -> list[Change] | None:
    """The change list of a re-plan's folder (``changes.csv``), ``None`` for other plans."""
    path = Path(plan_dir) / CHANGES_FILE
    if not path.is_file():
        return None
    try:
        return parse_changes_csv(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError([InputProblem(str(path), None, None, None,
                                       f"die Änderungsliste eines Neuplans ({exc})")]) from None
