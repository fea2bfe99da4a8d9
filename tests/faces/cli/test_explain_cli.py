"""``qualiplan explain`` and ``qualiplan solve --alternatives`` end to end: exit codes, files,
atomic writes; every plan written is checked by the validator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from optimizer.domain.geography import Reference
from optimizer.io import atomic
from optimizer.io.plan_io import read_plan_folder
from optimizer.validate import validate_plan

from testkit.cli import run_cli
from testkit.csv_de import read_csv_de
from testkit.tiny import BIELEFELD, DUESSELDORF, DUISBURG, RATINGEN, WriteScenarioDir

FAST = ("--workers", "1", "--time-limit", "5")


def _council(cid: str, ags: str, m1: int) -> dict[str, str]:
    return {"council_id": cid, "ags": ags, "members": str(m1), "interested_m1": str(m1),
            "interested_m2": "0"}


def _site(sid: str, ags: str, partner: str) -> dict[str, str]:
    return {"site_id": sid, "name": f"VHS {sid}", "ags": ags, "partner_council_id": partner,
            "interested": "true"}


def _trainer(tid: str, role: str, ags: str) -> dict[str, str]:
    return {"trainer_id": tid, "role": role, "home_ags": ags, "max_events": "3"}


def budget_for_one_event(write: WriteScenarioDir, folder: str = "scenario",
                         budget_eur: float = 1200) -> Path:
    """tests/insight/test_explain.py's ``budget_for_one_event`` as files: Düsseldorf (10 seats,
    1,164 €) or Bielefeld (8 seats, 1,116 €), budget 1,200 €."""
    scenario: dict[str, Any] = {
        "name": "budget_for_one_event", "budget_eur": budget_eur,
        "tables": {"councils": "councils.csv", "sites": "sites.csv", "trainers": "trainers.csv"},
    }
    return write(
        folder, scenario=scenario,
        councils=[_council("C-DUS", DUESSELDORF, 10), _council("C-BI", BIELEFELD, 8)],
        sites=[_site("DUS", DUESSELDORF, "C-DUS"), _site("BI", BIELEFELD, "C-BI")],
        trainers=[_trainer("T-EDU", "educator", DUESSELDORF),
                  _trainer("T-CNC", "council", BIELEFELD)],
    )


def _solved(write: WriteScenarioDir, tmp_path: Path, reference: Reference) -> Path:
    out = tmp_path / "plan"
    result = run_cli("solve", budget_for_one_event(write), "--out", out, *FAST)
    assert result.exit_code == 0, result.output
    # solve names the cheap reasons only (the budget needs a diagnostic solve), no file
    assert "Offene Wünsche: 8 Plätze bei 1 Gremium – 1 × nicht untersucht" in result.output
    assert not (out / "erklaerungen.csv").exists()
    plan, scenario = read_plan_folder(out)
    assert validate_plan(scenario, plan, reference) == []
    return out


def test_solve_lists_reasons_and_explain_runs_the_forced_solves(
    write_scenario_dir: WriteScenarioDir, tmp_path: Path, nrw_reference: Reference
) -> None:
    out = _solved(write_scenario_dir, tmp_path, nrw_reference)
    plan_before = (out / "plan.json").read_text(encoding="utf-8")

    # default --jobs 2: two solves (forced, addition) in two processes
    result = run_cli("explain", out, "--time-limit", "5")

    assert result.exit_code == 0, result.output
    assert "Budget reicht nicht" in result.output
    assert "Düsseldorf (−10)" in result.output and "Bielefeld (+8)" in result.output
    rows = read_csv_de(out / "erklaerungen.csv")
    for forced in (r for r in rows if r["erzwungen_plaetze_delta"]):
        # What it would take adds up: gained seats minus lost seats = the change of seats.
        gained = sum(int(x.rsplit(":", 1)[1]) for x in forced["gewinner"].split(";") if x)
        lost = sum(int(x.rsplit(":", 1)[1]) for x in forced["verlierer"].split(";") if x)
        assert gained - lost == int(forced["erzwungen_plaetze_delta"])
    row = rows[0]
    assert (row["gremium_id"], row["grund"], row["verlierer"]) == ("C-BI", "budget", "C-DUS:10")
    assert row["gewinner"] == "C-BI:8"  # +8 − 10 = −2, the stated change of seats
    assert (row["erzwungen_plaetze_delta"], row["erzwungen_kosten_delta_eur"]) == ("-2", "-48")
    assert (row["zusaetzlich_kosten_eur"], row["ueber_budget_eur"]) == ("2280", "1080")
    assert (out / "plan.json").read_text(encoding="utf-8") == plan_before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary left


def test_explain_max_zero_runs_no_solve(
    write_scenario_dir: WriteScenarioDir, tmp_path: Path, nrw_reference: Reference
) -> None:
    out = _solved(write_scenario_dir, tmp_path, nrw_reference)

    result = run_cli("explain", out, "--max", "0")

    assert result.exit_code == 0, result.output
    assert "nicht untersucht" in result.output
    assert "1 weitere Gremien nicht untersucht" in result.output
    rows = read_csv_de(out / "erklaerungen.csv")
    assert [(r["gremium_id"], r["grund"]) for r in rows] == [("C-BI", "offen")]


def test_explain_without_plan_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()

    result = run_cli("explain", tmp_path / "empty")

    assert result.exit_code == 2
    assert "plan.json fehlt" in result.output
    assert not (tmp_path / "empty" / "erklaerungen.csv").exists()


def test_explain_with_another_scenario_exits_1_and_writes_nothing(
    write_scenario_dir: WriteScenarioDir, tmp_path: Path, nrw_reference: Reference
) -> None:
    out = _solved(write_scenario_dir, tmp_path, nrw_reference)
    assert run_cli("explain", out, "--max", "0").exit_code == 0
    before = (out / "erklaerungen.csv").read_text(encoding="utf-8")
    # 1,000 € is below the plan's 1,164 €: the plan breaks R16 for that scenario.
    other = budget_for_one_event(write_scenario_dir, "other", budget_eur=1000)

    result = run_cli("explain", out, "--scenario", other)

    assert result.exit_code == 1
    assert "R16" in result.output
    assert (out / "erklaerungen.csv").read_text(encoding="utf-8") == before


def test_explain_keeps_the_old_file_when_writing_fails(
    write_scenario_dir: WriteScenarioDir, tmp_path: Path, nrw_reference: Reference,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = _solved(write_scenario_dir, tmp_path, nrw_reference)
    assert run_cli("explain", out, "--max", "0").exit_code == 0
    before = (out / "erklaerungen.csv").read_text(encoding="utf-8")

    def fail(*_: object) -> None:
        raise OSError("Datenträger voll")

    monkeypatch.setattr(atomic.os, "replace", fail)
    result = run_cli("explain", out, "--max", "0")

    assert result.exit_code == 2
    assert "nicht beschreibbar" in result.output
    assert (out / "erklaerungen.csv").read_text(encoding="utf-8") == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_solve_with_alternatives_writes_valid_plans(
    write_scenario_dir: WriteScenarioDir, tmp_path: Path, nrw_reference: Reference
) -> None:
    # tests/insight/test_alternatives.py's three_sites_one_event: the event at each of the three
    # sites is one plan; main plan and two alternatives, a third does not exist.
    scenario = write_scenario_dir(
        scenario={"name": "three_sites_one_event", "budget_eur": 100000,
                  "tables": {"councils": "councils.csv", "sites": "sites.csv",
                             "trainers": "trainers.csv"}},
        councils=[_council("C-DUS", DUESSELDORF, 5), _council("C-DU", DUISBURG, 5)],
        sites=[_site("DUS", DUESSELDORF, "C-DUS"), _site("DU", DUISBURG, "C-DU"),
               _site("RAT", RATINGEN, "C-DUS")],
        trainers=[_trainer("T-EDU", "educator", DUESSELDORF),
                  _trainer("T-CNC", "council", DUISBURG)],
    )
    out = tmp_path / "plan"

    result = run_cli("solve", scenario, "--out", out, *FAST, "--alternatives", "3")

    assert result.exit_code == 0, result.output
    assert "Alternativen: 2 von 3" in result.output
    assert "Weitere gibt es nicht (bewiesen)" in result.output
    folders = sorted(p.name for p in (out / "alternativen").iterdir())
    assert folders == ["alt-1", "alt-2", "vergleich.csv"]
    sites = set()
    for name in ("alt-1", "alt-2"):
        plan, copy = read_plan_folder(out / "alternativen" / name)
        assert validate_plan(copy, plan, nrw_reference) == []
        assert plan.totals.covered_seats == 10
        sites |= {e.site_id for e in plan.events}
        assert run_cli("check", scenario, out / "alternativen" / name).exit_code == 0
    main, _ = read_plan_folder(out)
    assert sites | {e.site_id for e in main.events} == {"DUS", "DU", "RAT"}
    table = read_csv_de(out / "alternativen" / "vergleich.csv")
    assert [r["plan"] for r in table] == ["Hauptplan", "alt-1", "alt-2"]
    assert [r["plaetze"] for r in table] == ["10", "10", "10"]

    # A new solve replaces the folder: no stale alternatives beside a new plan.
    again = run_cli("solve", scenario, "--out", out, *FAST)
    assert again.exit_code == 0
    assert not (out / "alternativen").exists()
