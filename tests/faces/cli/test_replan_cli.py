"""Re-planning through files and the command line: ``status``, ``locks.csv``, ``--previous``,
``schedule.xlsx`` confirmations, conflicts and the change list, each run checked by the
validator (``qualiplan check`` on the written plan folder)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.io.plan_io import read_plan, read_plan_folder, write_plan
from optimizer.io.scenario_reader import read_scenario
from optimizer.io.workbook import write_scenario_folder

from testkit.cli import run_cli
from testkit.csv_de import read_csv_de
from testkit.report import read_tables
from testkit.tiny import MakePlan

WriteScenarioDir = Callable[..., Path]
FAST = ["--time-limit", "10", "--workers", "1"]
LOCK_HEADER = "site_id,module,day1,day2,trainer_ids,councils\n"


def _with_locks(folder: Path, text: str) -> Path:
    """Add ``locks.csv`` (exact text) and its ``tables.locks`` entry to a scenario folder."""
    (folder / "locks.csv").write_text(LOCK_HEADER + text, encoding="utf-8")
    yaml_path = folder / "scenario.yaml"
    yaml_path.write_text(yaml_path.read_text(encoding="utf-8").replace(
        "  trainers: trainers.csv\n", "  trainers: trainers.csv\n  locks: locks.csv\n"),
        encoding="utf-8")
    return folder


def test_locks_and_status_are_read_and_survive_the_plan_folder_copy(
    write_scenario_dir: WriteScenarioDir, tiny_files: dict[str, Any], tmp_path: Path
) -> None:
    sites = tiny_files["sites"]
    sites[2]["status"] = "ausgeschlossen"  # German word for excluded
    folder = _with_locks(write_scenario_dir(sites=sites),
                         "DUS,1,06.02.2026,2026-02-07,T-EDU;T-CNC,C-DUS:12;C-DU:8\n"
                         "DU,2,2026-03-07,2026-03-14,T-EDU,\n")
    scenario = read_scenario(folder)
    assert [s.status for s in scenario.sites] == ["candidate", "candidate", "excluded"]
    assert [(lk.event_id, lk.trainer_ids, lk.councils) for lk in scenario.locks] == [
        ("DUS-M1", ("T-EDU", "T-CNC"), {"C-DUS": 12, "C-DU": 8}), ("DU-M2", ("T-EDU",), None)]
    copy = write_scenario_folder(scenario, tmp_path / "copy")
    assert read_scenario(copy) == scenario


def test_bad_lock_rows_are_reported_with_file_line_and_column(
    write_scenario_dir: WriteScenarioDir, tiny_files: dict[str, Any], tmp_path: Path
) -> None:
    sites = tiny_files["sites"]
    sites[0]["status"] = "maybe"
    folder = _with_locks(write_scenario_dir(sites=sites),
                         "DUS,3,2026-02-06,2026-02-07,T-EDU,\n"
                         "DU,1,2026-02-06,2026-02-07,T-NOBODY,C-DU:8\n"
                         "BI,1,2026-02-14,2026-02-15,T-CNC,C-BI=8\n"
                         "DUS,2,2026-03-07,2026-03-14,T-EDU,\n"
                         "DUS,2,2026-03-14,2026-03-21,T-EDU,\n")
    result = run_cli("solve", folder, "--out", tmp_path / "out", *FAST)
    assert result.exit_code == 2
    for expected in ("sites.csv, Zeile 2, Spalte 'status'",
                     "locks.csv, Zeile 2, Spalte 'module'",
                     "locks.csv, Zeile 3, Spalte 'trainer_ids'",
                     "locks.csv, Zeile 4, Spalte 'councils'",
                     "locks.csv, Zeile 6, Spalte 'module'"):
        assert expected in result.output
    assert not (tmp_path / "out").exists()


def test_a_lock_that_breaks_a_rule_exits_2_naming_lock_and_rule(
    write_scenario_dir: WriteScenarioDir, tiny_files: dict[str, Any], tmp_path: Path
) -> None:
    # T-EDU is away on Fri 6 Feb, but DUS-M1 is locked on 6/7 Feb with T-EDU (R12).
    trainers = tiny_files["trainers"]
    trainers[0]["unavailable_dates"] = "2026-02-06"
    folder = _with_locks(write_scenario_dir(trainers=trainers),
                         "DUS,1,2026-02-06,2026-02-07,T-EDU,\n")
    result = run_cli("solve", folder, "--out", tmp_path / "out", *FAST)
    assert result.exit_code == 2
    assert "Festlegung DUS-M1 verletzt R12: Trainer*in T-EDU ist am 06.02.2026 nicht verfügbar" \
        in result.output
    assert not (tmp_path / "out").exists()


def test_infeasible_requirements_exit_1_naming_the_conflicting_groups(
    write_scenario_dir: WriteScenarioDir, tiny_files: dict[str, Any], tmp_path: Path
) -> None:
    # Each trainer works at most one event, but all three sites are required (see
    # test_replan.test_three_required_sites_with_two_trainer_events_name_all_three).
    for row in tiny_files["sites"]:
        row["status"] = "required"
    for row in tiny_files["trainers"]:
        row["max_events"] = "1"
    folder = write_scenario_dir(sites=tiny_files["sites"], trainers=tiny_files["trainers"])
    result = run_cli("solve", folder, "--out", tmp_path / "out", *FAST)
    assert result.exit_code == 1
    assert "schließen sich gegenseitig aus" in result.output
    for site in ("DUS (VHS Düsseldorf)", "DU (VHS Duisburg)", "BI (VHS Bielefeld)"):
        assert f"Pflicht-Standort {site}" in result.output


# --- --previous ---------------------------------------------------------------------------------


@pytest.fixture
def replan_files(tiny_files: dict[str, Any]) -> dict[str, Any]:
    """test_replan's replan_scenario as files, after T-CNC fell ill: interest exactly what
    the previous plan covers, and T-CNC2 (council role, Duisburg) instead of T-CNC."""
    interest = {"C-DUS": ("12", "10"), "C-DU": ("8", "0"), "C-BI": ("8", "0")}
    for row in tiny_files["councils"]:
        row["interested_m1"], row["interested_m2"] = interest[row["council_id"]]
    tiny_files["trainers"][1]["trainer_id"] = "T-CNC2"
    return tiny_files


@pytest.fixture
def previous_dir(
    replan_files: dict[str, Any], write_scenario_dir: WriteScenarioDir, make_plan: MakePlan,
    tmp_path: Path,
) -> Path:
    """The previous plan folder (tiny_plan's events, T-CNC still there when it was made)."""
    trainers = [*replan_files["trainers"], {**replan_files["trainers"][1], "trainer_id": "T-CNC"}]
    before = read_scenario(write_scenario_dir("before", councils=replan_files["councils"],
                                              trainers=trainers))
    plan = make_plan(
        before,
        [("DUS", 1, (dt.date(2026, 2, 6), dt.date(2026, 2, 7)), ["T-EDU", "T-CNC"]),
         ("DUS", 2, (dt.date(2026, 3, 7), dt.date(2026, 3, 14)), ["T-EDU"]),
         ("BI", 1, (dt.date(2026, 2, 14), dt.date(2026, 2, 15)), ["T-CNC"])],
        [("C-DUS", "DUS-M1", 12), ("C-DU", "DUS-M1", 8), ("C-DUS", "DUS-M2", 10),
         ("C-BI", "BI-M1", 8)],
    )
    return write_plan(plan, tmp_path / "previous", scenario=before)


def _schedule(folder: Path, confirmed: dict[str, str]) -> Path:
    """A schedule.xlsx as the export writes it: sheet Termine, one row per event."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Termine"
    sheet.append(["Veranstaltung", "Standort", "Bestätigt"])
    for event in read_plan(folder).events:
        sheet.append([event.event_id, event.site_id, confirmed.get(event.event_id)])
    book.save(folder / "schedule.xlsx")
    return folder / "schedule.xlsx"


def _check(out: Path) -> None:
    """The written plan passes the validator against the scenario copy it carries."""
    result = run_cli("check", out / "scenario", out)
    assert result.exit_code == 0, result.output


def test_replan_with_previous_writes_the_minimal_change_list(
    replan_files: dict[str, Any], write_scenario_dir: WriteScenarioDir, previous_dir: Path,
    tmp_path: Path,
) -> None:
    # As test_replan.test_replan_after_a_trainer_falls_ill_changes_only_what_must_change:
    # T-CNC2 replaces T-CNC at DUS-M1 and BI-M1, 4 changes, all 38 seats kept.
    folder = write_scenario_dir(councils=replan_files["councils"],
                                trainers=replan_files["trainers"])
    out = tmp_path / "out"
    result = run_cli("solve", folder, "--previous", previous_dir, "--out", out, *FAST)
    assert result.exit_code == 0, result.output
    assert "Änderungen gegenüber dem vorigen Plan: 4" in result.output
    assert "betroffen: 2 Standorte, 2 Trainer*innen, 0 Gremien" in result.output
    assert "Je Regierungsbezirk abgedeckt/erreichbar: Detmold 8/8, Düsseldorf 30/30" \
        in result.output
    rows = read_csv_de(out / "changes.csv")
    assert sorted((r["Art"], r["Veranstaltung"], r["Trainer*in"]) for r in rows) == [
        ("Trainer*in abgezogen", "BI-M1", "T-CNC"), ("Trainer*in abgezogen", "DUS-M1", "T-CNC"),
        ("Trainer*in neu eingesetzt", "BI-M1", "T-CNC2"),
        ("Trainer*in neu eingesetzt", "DUS-M1", "T-CNC2"),
    ]
    plan, _ = read_plan_folder(out)
    assert plan.changes == 4 and plan.objective.covered_seats == 38
    _check(out)
    # The report has the same four changes, at the end of solve and from `report` again
    # (which reads them back from changes.csv).
    for _ in range(2):
        tables = read_tables((out / "bericht.html").read_text(encoding="utf-8"))
        assert sorted((r[0], r[1], r[4]) for r in tables.tables["aenderungen"][1:]) == [
            ("Trainer*in abgezogen", "BI-M1", "T-CNC"),
            ("Trainer*in abgezogen", "DUS-M1", "T-CNC"),
            ("Trainer*in neu eingesetzt", "BI-M1", "T-CNC2"),
            ("Trainer*in neu eingesetzt", "DUS-M1", "T-CNC2"),
        ]
        (out / "bericht.html").unlink()
        assert run_cli("report", out).exit_code == 0


def test_confirmed_events_from_schedule_xlsx_are_locked(
    replan_files: dict[str, Any], write_scenario_dir: WriteScenarioDir, previous_dir: Path,
    tmp_path: Path,
) -> None:
    # DUS-M2 (T-EDU alone) is confirmed: it is kept exactly and written as a lock into the
    # plan's scenario copy, so `check` holds the plan to it.
    _schedule(previous_dir, {"DUS-M2": "ja"})
    folder = write_scenario_dir(councils=replan_files["councils"],
                                trainers=replan_files["trainers"])
    out = tmp_path / "out"
    result = run_cli("solve", folder, "--previous", previous_dir, "--out", out, *FAST)
    assert result.exit_code == 0, result.output
    plan, scenario = read_plan_folder(out)
    assert [lk.event_id for lk in scenario.locks] == ["DUS-M2"]
    kept = next(e for e in plan.events if e.event_id == "DUS-M2")
    assert (kept.days, kept.trainer_ids) == ([dt.date(2026, 3, 7), dt.date(2026, 3, 14)],
                                             ["T-EDU"])
    _check(out)


def test_a_confirmed_event_whose_trainer_is_gone_exits_2(
    replan_files: dict[str, Any], write_scenario_dir: WriteScenarioDir, previous_dir: Path,
    tmp_path: Path,
) -> None:
    # BI-M1 was confirmed with T-CNC, who is no longer in the scenario: the planner must
    # decide, so nothing is solved or written.
    _schedule(previous_dir, {"BI-M1": "x"})
    folder = write_scenario_dir(councils=replan_files["councils"],
                                trainers=replan_files["trainers"])
    result = run_cli("solve", folder, "--previous", previous_dir, "--out", tmp_path / "out",
                     *FAST)
    assert result.exit_code == 2
    assert "Festlegung BI-M1 verletzt R12: Trainer*in T-CNC gibt es im Szenario nicht" \
        in result.output
    assert not (tmp_path / "out").exists()


def test_a_bad_confirmed_cell_is_an_input_error(
    replan_files: dict[str, Any], write_scenario_dir: WriteScenarioDir, previous_dir: Path,
    tmp_path: Path,
) -> None:
    _schedule(previous_dir, {"DUS-M2": "vielleicht"})
    folder = write_scenario_dir(councils=replan_files["councils"],
                                trainers=replan_files["trainers"])
    result = run_cli("solve", folder, "--previous", previous_dir, "--out", tmp_path / "out",
                     *FAST)
    assert result.exit_code == 2
    assert "schedule.xlsx [Termine], Zeile" in result.output and "Bestätigt" in result.output


def test_plans_without_the_new_keys_still_read(tiny_plan: Plan, tmp_path: Path) -> None:
    # FORMAT.md's plan.json (no regions / conflicts / changes / confirmed) stays readable,
    # with the new keys at their defaults.
    data = tiny_plan.model_dump(mode="json", exclude={"regions", "conflicts", "changes"})
    for event in data["events"]:
        del event["confirmed"]
    (tmp_path / "plan.json").write_text(json.dumps(data), encoding="utf-8")
    plan = read_plan(tmp_path)
    assert plan == tiny_plan
    assert (plan.regions, plan.conflicts, plan.changes) == ([], [], None)


def test_status_and_regional_settings_survive_the_workbook(
    tiny_scenario: Scenario, tmp_path: Path
) -> None:
    # Workbook column "Status" and Szenario rows for the two regional settings.
    from optimizer.domain.scenario import ObjectiveSettings
    from optimizer.io.workbook import write_workbook

    sites = (tiny_scenario.sites[0].model_copy(update={"status": "required"}),
             *tiny_scenario.sites[1:])
    scenario = tiny_scenario.model_copy(update={
        "sites": sites,
        "objective": ObjectiveSettings(min_share_per_region=0.5, max_min_regions=True)})
    assert read_scenario(write_workbook(scenario, tmp_path / "s.xlsx")) == scenario


def test_a_bad_regional_share_is_an_input_error(
    write_scenario_dir: WriteScenarioDir, tmp_path: Path
) -> None:
    folder = write_scenario_dir(objective={"min_share_per_region": 1.5, "max_min_regions": "ja"})
    result = run_cli("solve", folder, "--out", tmp_path / "out", *FAST)
    assert result.exit_code == 2
    assert "scenario.yaml" in result.output
    assert "objective.min_share_per_region" in result.output
    assert "objective.max_min_regions" in result.output


def test_the_real_export_round_trips_confirmations_into_a_replan(
    replan_files: dict[str, Any], write_scenario_dir: WriteScenarioDir, previous_dir: Path,
    tmp_path: Path,
) -> None:
    # The planner exports the previous plan, marks DUS-M2 "ja" in the exported workbook's
    # "Bestätigt" column and re-plans: the re-plan finds export/schedule.xlsx by itself and
    # keeps DUS-M2 exactly (as in the test with a hand-made workbook above).
    from openpyxl import load_workbook

    assert run_cli("export", previous_dir).exit_code == 0
    path = previous_dir / "export" / "schedule.xlsx"
    book = load_workbook(path)
    sheet = book["Termine"]
    headers = [cell.value for cell in sheet[1]]
    event_col, confirmed_col = headers.index("Veranstaltung"), headers.index("Bestätigt")
    for row in sheet.iter_rows(min_row=2):
        if row[event_col].value == "DUS-M2":
            row[confirmed_col].value = "ja"
    book.save(path)
    folder = write_scenario_dir(councils=replan_files["councils"],
                                trainers=replan_files["trainers"])
    out = tmp_path / "out"

    result = run_cli("solve", folder, "--previous", previous_dir, "--out", out, *FAST)

    assert result.exit_code == 0, result.output
    plan, scenario = read_plan_folder(out)
    assert [lk.event_id for lk in scenario.locks] == ["DUS-M2"]
    kept = next(e for e in plan.events if e.event_id == "DUS-M2")
    assert (kept.days, kept.trainer_ids) == ([dt.date(2026, 3, 7), dt.date(2026, 3, 14)],
                                             ["T-EDU"])
    _check(out)
