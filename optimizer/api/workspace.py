"""A planners' workspace: one folder on disk holding scenarios and plans, each a folder in
FORMAT.md's layout (the same files the CLI reads and writes), for the web app.

    WORKSPACE/
      szenarien/<name>/          scenario.yaml + councils.csv, sites.csv, trainers.csv
      plaene/<name>/<stamp>/     plan.json, events.csv, assignments.csv, scenario/, report …

Names of folders are generated here from a scenario's name (letters, digits, ``-``, ``_``
only, at most 60 characters), never taken from a request as a path, so nothing is written
outside the workspace. An upload is size-capped and read with the CLI's own readers (the
same German errors naming sheet, row and column).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.io.plan_io import PLAN_FILE, read_plan
from optimizer.io.scenario_reader import WORKBOOK_SUFFIXES, expected_de, read_scenario
from optimizer.io.workbook import write_scenario_folder

SCENARIOS_DIR, PLANS_DIR = "szenarien", "plaene"
#: The shipped default scenario (the 2025–26 call), as package data.
DEFAULT_SCENARIO = "nrw-2025-26"
#: An uploaded workbook larger than this is refused before it is read.
MAX_UPLOAD_BYTES = 5_000_000
_SAFE = re.compile(r"[^A-Za-z0-9_-]+")
#: The settings a planner edits in the web app, as dotted paths into scenario.yaml.
EDITABLE = ("budget_eur", "period.start", "period.end", "slots.patterns",
            "catchment.radius_km", "objective.min_share_per_region")


def safe_name(text: str) -> str:
    """A folder name from any text: letters, digits, ``-`` and ``_`` (at most 60)."""
    name = _SAFE.sub("-", text).strip("-_")[:60]
    return name or "szenario"


@dataclass(frozen=True)
class PlanEntry:
    """A plan folder of the workspace and what its plan.json says."""

    scenario: str
    label: str
    path: Path
    plan: Plan


class Workspace:
    """The folders of one workspace (created when missing)."""

    def __init__(self, root: str | Path):
        self.root = Path(root).resolve()
        for sub in (SCENARIOS_DIR, PLANS_DIR):
            (self.root / sub).mkdir(parents=True, exist_ok=True)

    # --- scenarios ---------------------------------------------------------------------

    def scenario_names(self) -> list[str]:
        folder = self.root / SCENARIOS_DIR
        return sorted(p.name for p in folder.iterdir() if (p / "scenario.yaml").is_file())

    def scenario_path(self, name: str) -> Path:
        """The folder of scenario ``name`` (refused unless it is one of the workspace)."""
        if name not in self.scenario_names():
            raise InputError([InputProblem(name, None, None, None,
                                           "ein Szenario des Arbeitsbereichs")])
        return self.root / SCENARIOS_DIR / name

    def scenario(self, name: str) -> Scenario:
        return read_scenario(self.scenario_path(name))

    def add_default(self) -> str:
        """Copy the shipped NRW default scenario into the workspace (once); its name."""
        target = self.root / SCENARIOS_DIR / DEFAULT_SCENARIO
        if not (target / "scenario.yaml").is_file():
            source = resources.files("optimizer") / "data" / "default-scenario"
            target.mkdir(parents=True, exist_ok=True)
            for name in ("scenario.yaml", "councils.csv", "sites.csv", "trainers.csv"):
                (target / name).write_bytes((source / name).read_bytes())
        return DEFAULT_SCENARIO

    def _new_scenario_folder(self, scenario: Scenario, wanted: str) -> str:
        """Write ``scenario`` as a new folder under a free name derived from ``wanted``."""
        base = safe_name(wanted)
        name, number = base, 1
        while (self.root / SCENARIOS_DIR / name).exists():
            number += 1
            name = f"{base}-{number}"
        renamed = scenario.model_copy(update={"name": name})
        write_scenario_folder(renamed, self.root / SCENARIOS_DIR / name)
        return name

    def import_workbook(self, filename: str, content: bytes) -> str:
        """An uploaded Excel workbook as a new scenario folder; its name. Bad input raises
        :class:`InputError` with sheet, row and column, as the CLI's reader says it."""
        suffix = Path(filename).suffix.lower()
        if suffix not in WORKBOOK_SUFFIXES:
            raise InputError([InputProblem(filename, None, None, suffix or filename,
                                           "eine Excel-Arbeitsmappe (.xlsx)")])
        if len(content) > MAX_UPLOAD_BYTES:
            raise InputError([InputProblem(filename, None, None, f"{len(content)} Bytes",
                                           f"höchstens {MAX_UPLOAD_BYTES} Bytes")])
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / f"upload{suffix}"
            path.write_bytes(content)
            scenario = read_scenario(path)
        return self._new_scenario_folder(scenario, scenario.name)

    def save_version(self, name: str, changes: dict[str, Any]) -> str:
        """A new version of scenario ``name`` with settings changed (dotted paths of
        :data:`EDITABLE`), validated as the reader validates them; its name."""
        scenario = self.scenario(name)
        data = scenario.model_dump()
        for path, value in changes.items():
            if path not in EDITABLE:
                raise InputError([InputProblem("scenario.yaml", None, path, None,
                                               "eine änderbare Einstellung")])
            *parents, key = path.split(".")
            node = data
            for part in parents:
                node = node[part]
            node[key] = value
        try:
            changed = Scenario.model_validate(data)
        except ValidationError as exc:
            raise InputError([
                InputProblem("scenario.yaml", None, ".".join(map(str, err["loc"])),
                             err.get("input"), expected_de(err))
                for err in exc.errors()
            ]) from None
        return self._new_scenario_folder(changed, f"{name}-v")

    def without(self, name: str, trainers: tuple[str, ...] = (),
                sites: tuple[str, ...] = ()) -> str:
        """A new version of scenario ``name`` without some trainers (dropped from the
        trainers table) and sites (status ``excluded``: they keep their row but hold no
        event); its name."""
        scenario = self.scenario(name)
        kept = tuple(t for t in scenario.trainers if t.trainer_id not in trainers)
        excluded = tuple(s.model_copy(update={"status": "excluded"}) if s.site_id in sites
                         else s for s in scenario.sites)
        changed = scenario.model_copy(update={"trainers": kept, "sites": excluded})
        return self._new_scenario_folder(changed, f"{name}-v")

    # --- plans -------------------------------------------------------------------------

    def new_plan_folder(self, scenario: str) -> Path:
        """A fresh, not yet existing plan folder for ``scenario`` (named by the time)."""
        stamp = dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")
        folder = self.root / PLANS_DIR / safe_name(scenario)
        folder.mkdir(parents=True, exist_ok=True)
        target, number = folder / stamp, 1
        while target.exists():
            number += 1
            target = folder / f"{stamp}-{number}"
        return target

    def plans(self, scenario: str | None = None) -> list[PlanEntry]:
        """The readable plan folders, newest first (of one scenario, or all)."""
        base = self.root / PLANS_DIR
        folders = [base / scenario] if scenario else sorted(base.iterdir())
        entries = []
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in sorted(folder.iterdir(), reverse=True):
                if not (path / PLAN_FILE).is_file():
                    continue
                try:
                    plan = read_plan(path)
                except InputError:
                    continue  # a damaged plan.json is not offered (the CLI names its problem)
                entries.append(PlanEntry(folder.name, path.name, path, plan))
        return entries

    def plan_path(self, scenario: str, label: str) -> Path:
        """The folder of a listed plan (refused unless it is one of the workspace)."""
        for entry in self.plans(scenario):
            if entry.label == label:
                return entry.path
        raise InputError([InputProblem(f"{scenario}/{label}", None, None, None,
                                       "ein Plan des Arbeitsbereichs")])

    def remove_plan(self, scenario: str, label: str) -> None:
        shutil.rmtree(self.plan_path(scenario, label))
