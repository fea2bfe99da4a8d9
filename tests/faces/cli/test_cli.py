"""Tests of the ``qualiplan`` command line: ``solve`` and ``check`` end to end, exit codes.

The scenario is the tiny one (``write_scenario_dir``, see ``conftest.py``) with its period cut
to Sep–Nov 2026 (24 slots), which CP-SAT solves to proven optimality in well under a second:
all 56 wanted seats fit (per module one 20-seat tandem event in Düsseldorf or Duisburg for
C-DUS + C-DU, and one 8-seat event in Bielefeld for C-BI; each trainer works 3 events).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from optimizer.domain.errors import InputError
from optimizer.domain.geography import Reference
from optimizer.io.plan_io import read_plan, read_plan_folder
from optimizer.io.scenario_reader import read_scenario
from optimizer.validate import validate_plan

from testkit.cli import run_cli as _run

WriteScenarioDir = Callable[..., Path]  # the ``write_scenario_dir`` fixture (conftest.py)
Files = dict[str, Any]  # the ``tiny_files`` fixture (conftest.py)
FAST = ["--time-limit", "10", "--workers", "1"]
AUTUMN_2026 = {"start": dt.date(2026, 9, 1), "end": dt.date(2026, 11, 30)}




@pytest.fixture
def scenario_dir(write_scenario_dir: WriteScenarioDir) -> Path:
    return write_scenario_dir(period=AUTUMN_2026)


@pytest.fixture
def plan_dir(scenario_dir: Path, tmp_path: Path) -> Path:
    """The tiny scenario solved by ``qualiplan solve`` into ``tmp_path/out/plan``."""
    target = tmp_path / "out" / "plan"
    result = _run("solve", scenario_dir, "--out", target, *FAST)
    assert result.exit_code == 0, result.output
    return target


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _edit_plan_json(plan_dir: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    path = plan_dir / "plan.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data), encoding="utf-8")


# --- solve and check a valid scenario -----------------------------------------------------------


def test_solve_writes_the_plan_folder_and_a_german_summary(
    scenario_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "plan"

    result = _run("solve", scenario_dir, "--out", target, *FAST)

    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in target.iterdir()) == [  # the report is issue 4's
        "assignments.csv", "bericht.html", "bericht.pdf", "events.csv", "plan.json", "scenario"]
    assert [p.name for p in target.parent.iterdir()] == ["plan"]  # no temporary folder left
    plan, copy = read_plan_folder(target)
    assert copy == read_scenario(scenario_dir)  # the plan folder stands on its own
    assert plan.status in ("OPTIMAL", "FEASIBLE")
    assert plan.totals.covered_seats == 56  # everything wanted (see the module docstring)
    events = _csv_rows(target / "events.csv")
    assert [row["event_id"] for row in events] == [e.event_id for e in plan.events]
    assert [int(row["participants"]) for row in events] == [e.participants for e in plan.events]
    assignments = _csv_rows(target / "assignments.csv")
    assert len(assignments) == len(plan.assignments)
    assert "Abgedeckte Plätze: 56 von 56" in result.output
    assert f"Geschrieben nach {target}" in result.output


def test_a_plan_folder_without_scenario_copy_needs_the_scenario(
    scenario_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "plan"
    assert _run("solve", scenario_dir, "--out", target, *FAST).exit_code == 0
    shutil.rmtree(target / "scenario")

    with pytest.raises(InputError, match="--scenario"):
        read_plan_folder(target)
    plan, scenario = read_plan_folder(target, scenario_dir)
    assert scenario.name == plan.scenario


def test_solve_writes_to_reports_by_default(
    scenario_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run("solve", scenario_dir, *FAST)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "reports" / "tiny" / "plan.json").is_file()


def test_solve_accepts_the_yaml_file_itself(scenario_dir: Path, tmp_path: Path) -> None:
    result = _run("solve", scenario_dir / "scenario.yaml", "--out", tmp_path / "p", *FAST)
    assert result.exit_code == 0, result.output


def test_check_passes_the_solved_plan(scenario_dir: Path, plan_dir: Path) -> None:
    result = _run("check", scenario_dir, plan_dir)

    assert result.exit_code == 0, result.output
    assert "erfüllt alle Regeln" in result.output


# --- check finds tampering ------------------------------------------------------------------------


def _tampered_check(scenario_dir: Path, plan_dir: Path, reference: Reference) -> Result:
    """Run ``check`` and compare its output with the validator's violations."""
    violations = validate_plan(read_scenario(scenario_dir), read_plan(plan_dir), reference)
    assert violations
    result = _run("check", scenario_dir, plan_dir)
    assert result.exit_code == 1, result.output
    assert f"{len(set(violations))} Regelverstöße gefunden" in result.output
    for v in violations:
        line = f"{v.rule}: {v.message}"
        assert result.output.count(line) == 1, f"{line!r} not once in\n{result.output}"
        assert f"{v.rule} {v.subject}:" not in result.output  # the subject is not repeated
    return result


def test_check_names_the_rule_for_a_changed_participant_count(
    scenario_dir: Path, plan_dir: Path, nrw_reference: Reference
) -> None:
    def add_one(data: dict[str, Any]) -> None:
        data["events"][0]["participants"] += 1

    _edit_plan_json(plan_dir, add_one)
    event_id = read_plan(plan_dir).events[0].event_id

    result = _tampered_check(scenario_dir, plan_dir, nrw_reference)

    assert f"PLAN: Veranstaltung {event_id}:" in result.output


def test_check_names_the_rule_for_a_day_on_a_public_holiday(
    scenario_dir: Path, plan_dir: Path, nrw_reference: Reference
) -> None:
    def move_to_german_unity_day(data: dict[str, Any]) -> None:
        data["events"][0]["days"] = ["2026-10-03", "2026-10-04"]  # Sat (holiday) + Sun

    _edit_plan_json(plan_dir, move_to_german_unity_day)

    result = _tampered_check(scenario_dir, plan_dir, nrw_reference)

    assert "R2: " in result.output
    assert "03.10.2026 ist Feiertag" in result.output


# --- bad input: exit 2, where the problem is, nothing written -------------------------------------


def _break_cell(write: WriteScenarioDir, tiny: Files) -> Path:
    councils = [dict(row) for row in tiny["councils"]]
    councils[1]["members"] = "-1"
    return write(period=AUTUMN_2026, councils=councils)


def _break_yaml(write: WriteScenarioDir, tiny: Files) -> Path:
    return write(scenario="name: tiny\nbudget_eur: 10000\nperiod: {start: 2026-13-01}\n")


def _drop_table(write: WriteScenarioDir, tiny: Files) -> Path:
    folder = write(period=AUTUMN_2026)
    (folder / "trainers.csv").unlink()
    return folder


def _no_folder(write: WriteScenarioDir, tiny: Files) -> Path:
    return write(period=AUTUMN_2026).parent / "gibt-es-nicht"


@pytest.mark.parametrize(
    ("break_input", "where"),
    [
        (_break_cell, "councils.csv, Zeile 3, Spalte 'members': erwartet: eine ganze Zahl ≥ 0"),
        (_break_yaml, "scenario.yaml, Zeile 3: gültiges YAML (ungültiges Datum '2026-13-01'"),
        (_drop_table, "trainers.csv: Datei fehlt"),
        (_no_folder, "Szenario-Datei fehlt"),
    ],
    ids=["bad-cell", "bad-yaml", "missing-table", "missing-folder"],
)
def test_solve_with_bad_input_exits_2_and_writes_nothing(
    write_scenario_dir: WriteScenarioDir,
    tiny_files: Files,
    tmp_path: Path,
    break_input: Callable[[WriteScenarioDir, Files], Path],
    where: str,
) -> None:
    folder = break_input(write_scenario_dir, tiny_files)
    parent = tmp_path / "out"
    parent.mkdir()

    result = _run("solve", folder, "--out", parent / "plan", *FAST)

    assert result.exit_code == 2, result.output
    assert "Fehlerhafte Eingabe" in result.output
    assert where in result.output
    assert list(parent.iterdir()) == []  # no plan folder, no temporary folder


def test_solve_reports_every_problem_at_once(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files, tmp_path: Path
) -> None:
    tiny_files["councils"][0]["ags"] = "05999999"
    tiny_files["trainers"][1]["role"] = "Trainer"
    folder = write_scenario_dir(councils=tiny_files["councils"], trainers=tiny_files["trainers"],
                                rules={"min_participants": -1})

    result = _run("solve", folder, "--out", tmp_path / "plan", *FAST)

    assert result.exit_code == 2, result.output
    assert "(3 Problem(e))" in result.output
    for where in ("scenario.yaml, Spalte 'rules.min_participants'",
                  "councils.csv, Zeile 2, Spalte 'ags'", "trainers.csv, Zeile 3, Spalte 'role'"):
        assert where in result.output
    assert not (tmp_path / "plan").exists()


@pytest.mark.parametrize(
    ("option", "expected"),
    [(["--workers", "-1"], "--workers: eine Zahl ≥ 0"),
     (["--time-limit", "0"], "--time-limit: eine Zahl > 0")],
)
def test_solve_with_a_bad_option_exits_2_and_writes_nothing(
    scenario_dir: Path, tmp_path: Path, option: list[str], expected: str
) -> None:
    result = _run("solve", scenario_dir, "--out", tmp_path / "plan", *option)

    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert not (tmp_path / "plan").exists()


def test_solve_into_an_unwritable_place_exits_2(scenario_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")

    result = _run("solve", scenario_dir, "--out", blocker / "plan", *FAST)

    assert result.exit_code == 2, result.output
    assert "Ausgabeordner nicht beschreibbar" in result.output


def test_check_without_plan_json_exits_2(scenario_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "kein-plan"
    empty.mkdir()

    result = _run("check", scenario_dir, empty)

    assert result.exit_code == 2, result.output
    assert "plan.json" in result.output


def test_check_with_a_broken_plan_json_exits_2(scenario_dir: Path, plan_dir: Path) -> None:
    (plan_dir / "plan.json").write_text('{"scenario": "tiny", "events": [', encoding="utf-8")

    result = _run("check", scenario_dir, plan_dir)

    assert result.exit_code == 2, result.output
    assert "plan.json" in result.output


def test_check_with_a_bad_scenario_exits_2(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files, plan_dir: Path
) -> None:
    tiny_files["sites"][1]["partner_council_id"] = "C-XX"
    folder = write_scenario_dir("broken", sites=tiny_files["sites"])

    result = _run("check", folder, plan_dir)

    assert result.exit_code == 2, result.output
    assert "sites.csv, Zeile 3, Spalte 'partner_council_id'" in result.output


# --- check without a plan: the pre-solve checks ---------------------------------------------------


def test_check_without_plan_reports_no_findings_and_the_region_table(scenario_dir: Path) -> None:
    result = _run("check", scenario_dir)

    assert result.exit_code == 0, result.output
    assert "Keine Auffälligkeiten gefunden." in result.output
    assert "Nachfrage und erreichbare Plätze je Regierungsbezirk" in result.output
    assert "NRW gesamt" in result.output


def test_check_without_plan_lists_warnings_and_exits_0(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files
) -> None:
    tiny_files["sites"][1]["partner_council_id"] = ""  # VHS Duisburg: interest, no partner
    folder = write_scenario_dir(period=AUTUMN_2026, sites=tiny_files["sites"])

    result = _run("check", folder)

    assert result.exit_code == 0, result.output
    assert "Warnungen (1):" in result.output
    assert "Standort DU (VHS Duisburg): die VHS hat Interesse erklärt" in result.output


def test_check_without_plan_exits_1_when_no_event_can_be_held(
    write_scenario_dir: WriteScenarioDir,
) -> None:
    result = _run("check", write_scenario_dir(period=AUTUMN_2026, budget_eur=500))

    assert result.exit_code == 1, result.output
    assert "Schwerwiegend (1)" in result.output
    assert "Das Budget von 500,00 € reicht für keine einzige Veranstaltung" in result.output


@pytest.mark.parametrize("verbose", [False, True], ids=["short", "verbose"])
def test_solve_prints_the_pre_solve_findings_first(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files, tmp_path: Path, verbose: bool
) -> None:
    idle = [{**tiny_files["trainers"][0], "trainer_id": f"T-IDLE{i}", "max_events": "0"}
            for i in range(1, 6)]
    folder = write_scenario_dir(period=AUTUMN_2026, trainers=[*tiny_files["trainers"], *idle])

    result = _run("solve", folder, "--out", tmp_path / "p", *FAST, *(["-v"] if verbose else []))

    assert result.exit_code == 0, result.output
    assert "Vorab-Prüfung: 5 Hinweise:" in result.output
    shown = [i for i in range(1, 6) if f"T-IDLE{i} (Erwachsenenbildung)" in result.output]
    assert shown == ([1, 2, 3, 4, 5] if verbose else [1, 2, 3])
    assert ("… und 2 weitere" in result.output) is not verbose
