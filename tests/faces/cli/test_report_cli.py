"""``qualiplan report`` and ``qualiplan compare`` end to end, and the report at the end of
``solve``.

The solved instance is the tiny scenario cut to Sep–Nov 2026 (as in
tests/faces/cli/test_cli.py): CP-SAT
covers all 56 wanted seats in well under a second. Every solved plan is checked by the
validator; every bad input must exit 2 and leave nothing behind.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.io.plan_io import read_plan_folder, write_plan
from optimizer.validate import recompute_costs, validate_plan

from testkit.cli import run_cli
from testkit.csv_de import read_csv_de
from testkit.report import as_dict, eur, read_tables
from testkit.tiny import MakePlan

WriteScenarioDir = Callable[..., Path]
FAST = ["--time-limit", "10", "--workers", "1"]
AUTUMN_2026 = {"start": dt.date(2026, 9, 1), "end": dt.date(2026, 11, 30)}


@pytest.fixture
def solved(write_scenario_dir: WriteScenarioDir, tmp_path: Path,
           nrw_reference: Reference) -> Path:
    """``qualiplan solve`` of the tiny autumn scenario into ``tmp_path/plan`` (with report)."""
    target = tmp_path / "plan"
    result = run_cli("solve", write_scenario_dir(period=AUTUMN_2026), "--out", target, *FAST)
    assert result.exit_code == 0, result.output
    plan, scenario = read_plan_folder(target)
    assert validate_plan(scenario, plan, nrw_reference) == []
    return target


def test_solve_writes_the_report(solved: Path, nrw_reference: Reference):
    assert (solved / "bericht.html").is_file() and (solved / "bericht.pdf").is_file()
    assert (solved / "bericht.pdf").read_bytes().startswith(b"%PDF-")
    plan, scenario = read_plan_folder(solved)
    tables = read_tables((solved / "bericht.html").read_text(encoding="utf-8")).tables
    figures = as_dict(tables["kennzahlen"])
    # All 56 wanted seats fit (tests/faces/cli/test_cli.py explains why).
    assert figures["Abgedeckte Plätze gesamt"] == ["56 von 56 (100,0 %)"]
    total = sum(c.total for c in recompute_costs(scenario, plan, nrw_reference).values())
    assert as_dict(tables["kosten"])["Gesamtkosten"][0] == eur(total)
    # No leftovers of the atomic writing.
    assert sorted(p.name for p in solved.iterdir() if p.name.startswith(".")) == []


def test_report_command_to_another_folder(solved: Path, tmp_path: Path):
    before = sorted(p.name for p in solved.iterdir())
    result = run_cli("report", solved, "--out", tmp_path / "bericht")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "bericht").iterdir()) == [
        "bericht.html", "bericht.pdf"]
    assert sorted(p.name for p in solved.iterdir()) == before
    assert "Bericht geschrieben" in result.output


def test_solve_keeps_the_plan_when_the_report_fails(
    write_scenario_dir: WriteScenarioDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    nrw_reference: Reference,
):
    def broken(*_args: object, **_kwargs: object) -> dict[str, bytes]:
        raise RuntimeError("Zeichnen fehlgeschlagen")

    monkeypatch.setattr("optimizer.report.report_files", broken)
    target = tmp_path / "plan"
    result = run_cli("solve", write_scenario_dir(period=AUTUMN_2026), "--out", target, *FAST)
    assert result.exit_code == 0, result.output
    assert "Warnung: Der Bericht konnte nicht geschrieben werden" in result.output
    assert "qualiplan report" in result.output
    plan, scenario = read_plan_folder(target)
    assert validate_plan(scenario, plan, nrw_reference) == []
    assert not (target / "bericht.html").exists() and not (target / "bericht.pdf").exists()


def test_no_report_option(write_scenario_dir: WriteScenarioDir, tmp_path: Path):
    target = tmp_path / "plan"
    result = run_cli("solve", write_scenario_dir(period=AUTUMN_2026), "--out", target, *FAST,
                     "--no-report")
    assert result.exit_code == 0, result.output
    assert (target / "plan.json").is_file() and not (target / "bericht.html").exists()


def _write(plan: Plan, scenario: Scenario, folder: Path) -> Path:
    return write_plan(plan, folder, scenario=scenario)


def test_report_bad_input_exits_2_and_writes_nothing(
    tiny_scenario: Scenario, tiny_plan: Plan, tmp_path: Path,
    write_scenario_dir: WriteScenarioDir,
):
    out = tmp_path / "out"
    # No plan.json at all.
    result = run_cli("report", tmp_path / "fehlt", "--out", out)
    assert result.exit_code == 2 and "plan.json fehlt" in result.output
    # A plan folder without its scenario copy and no --scenario.
    bare = write_plan(tiny_plan, tmp_path / "bare")
    result = run_cli("report", bare, "--out", out)
    assert result.exit_code == 2 and "--scenario" in result.output
    # A plan for another scenario: the tiny scenario under another name.
    other = write_scenario_dir("other", scenario={
        "name": "anders", "budget_eur": 10_000,
        "tables": {"councils": "councils.csv", "sites": "sites.csv",
                   "trainers": "trainers.csv"}})
    result = run_cli("report", bare, "--scenario", other, "--out", out)
    assert result.exit_code == 2
    assert "gehört zum Szenario „tiny“, nicht zu „anders“" in result.output
    # A scenario without trainer T-CNC, which the plan names.
    one_trainer = write_scenario_dir("one", trainers=[
        {"trainer_id": "T-EDU", "role": "educator", "home_ags": "05111000", "max_events": "3"}])
    result = run_cli("report", bare, "--scenario", one_trainer, "--out", out)
    assert result.exit_code == 2 and "T-CNC" in result.output
    # Unreadable plan.json.
    broken = _write(tiny_plan, tiny_scenario, tmp_path / "broken")
    (broken / "plan.json").write_text("{kein json", encoding="utf-8")
    result = run_cli("report", broken, "--out", out)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not out.exists()


def test_report_into_an_unwritable_place_exits_2(tiny_scenario: Scenario, tiny_plan: Plan,
                                                 tmp_path: Path):
    folder = _write(tiny_plan, tiny_scenario, tmp_path / "plan")
    blocker = tmp_path / "datei"
    blocker.write_text("", encoding="utf-8")
    result = run_cli("report", folder, "--out", blocker / "bericht")
    assert result.exit_code == 2 and "Nicht beschreibbar" in result.output


def test_compare_end_to_end(tiny_scenario: Scenario, tiny_plan: Plan, make_plan: MakePlan,
                            tmp_path: Path, nrw_reference: Reference):
    """The baseline against a plan without BI-M1 (C-BI's 8 seats fewer, one event less)."""
    without_bi = make_plan(
        tiny_scenario,
        [("DUS", 1, (dt.date(2026, 2, 6), dt.date(2026, 2, 7)), ["T-EDU", "T-CNC"]),
         ("DUS", 2, (dt.date(2026, 3, 7), dt.date(2026, 3, 14)), ["T-EDU"])],
        [("C-DUS", "DUS-M1", 12), ("C-DU", "DUS-M1", 8), ("C-DUS", "DUS-M2", 10)],
    )
    for plan in (tiny_plan, without_bi):
        assert validate_plan(tiny_scenario, plan, nrw_reference) == []
    a = _write(tiny_plan, tiny_scenario, tmp_path / "basis")
    b = _write(without_bi, tiny_scenario, tmp_path / "ohne-bi")
    out = tmp_path / "vergleich"
    result = run_cli("compare", a, b, "--out", out)
    assert result.exit_code == 0, result.output
    assert "Abgedeckte Plätze" in result.output and "BI-M1" in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "unterschiede.csv", "vergleich.csv", "vergleich.html"]
    rows = {r["kennzahl"]: r for r in read_csv_de(out / "vergleich.csv")}
    # 38 seats and 3 events against 30 seats and 2 events.
    assert (rows["covered_seats"]["basis"], rows["covered_seats"]["ohne-bi"]) == ("38", "30")
    assert (rows["events"]["basis"], rows["events"]["ohne-bi"]) == ("3", "2")
    diff = read_csv_de(out / "unterschiede.csv")
    assert [(r["Plan"], r["Veranstaltung"], r["Art"]) for r in diff] == [
        ("ohne-bi", "BI-M1", "entfällt")]
    page = (out / "vergleich.html").read_text(encoding="utf-8")
    tables = read_tables(page)
    assert all(s.startswith("data:image/png;base64,") for s in tables.sources)
    assert as_dict(tables.tables["vergleich"])["Veranstaltungen"] == ["3", "2"]


def test_compare_bad_input(tiny_scenario: Scenario, tiny_plan: Plan, tmp_path: Path):
    a = _write(tiny_plan, tiny_scenario, tmp_path / "a")
    out = tmp_path / "vergleich"
    result = run_cli("compare", a, "--out", out)
    assert result.exit_code == 2 and "mindestens zwei" in result.output
    result = run_cli("compare", a, tmp_path / "fehlt", "--out", out)
    assert result.exit_code == 2 and "plan.json fehlt" in result.output
    data = json.loads((a / "plan.json").read_text(encoding="utf-8"))
    data["scenario"] = "anders"
    b = _write(tiny_plan, tiny_scenario, tmp_path / "b")
    (b / "plan.json").write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("compare", a, b, "--out", out)
    assert result.exit_code == 2 and "anders" in result.output
    assert not out.exists()
