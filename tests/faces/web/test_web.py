"""The planners' web app in a real browser: the flows of issue 16, from scenario to sent
schedule, against a running ``qualiplan serve`` (fixtures in ``conftest.py``)."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from playwright.sync_api import Page, expect

import optimizer
from optimizer.api.workspace import SCENARIOS_DIR, Workspace

from testkit.tiny import WriteScenarioDir
from testkit.web import Server, free_port, server_env, start_server, stop_server


def _tiny_in(workspace: Path, write_scenario_dir: WriteScenarioDir, name: str) -> None:
    """The tests' tiny scenario (three councils, three sites) as a workspace scenario."""
    target = workspace / SCENARIOS_DIR / name
    if not target.exists():
        shutil.copytree(write_scenario_dir(), target)


def _choose(page: Page, url: str, scenario: str) -> None:
    page.goto(url + "/")
    page.get_by_label("Szenario im Arbeitsbereich").click()
    page.get_by_role("option", name=scenario, exact=True).click()
    page.get_by_role("button", name="Wählen").click()
    expect(page.get_by_text(f"Szenario: {scenario}")).to_be_visible()


def _solve(page: Page, url: str, seconds: int) -> None:
    page.goto(url + "/planen")
    page.get_by_label("Zeitlimit (Sekunden)").fill(str(seconds))
    page.get_by_role("button", name="Rechnen").click()
    page.get_by_text("Plan gespeichert").wait_for(timeout=(seconds + 60) * 1000)


def test_the_server_answers_within_20_s_with_the_scenario_page(web: Server, page: Page
                                                               ) -> None:
    assert web.started_s < 20
    page.goto(web.url)
    expect(page.get_by_role("link", name="Szenario", exact=True)).to_be_visible()
    expect(page.get_by_text("Szenario im Arbeitsbereich")).to_be_visible()
    # Visitors' sessions live in a temporary folder, not in the folder the server was started
    # from (NiceGUI's default is ``.nicegui/`` there): beside the workspace nothing appears.
    assert [entry.name for entry in web.workspace.parent.iterdir()] == [web.workspace.name]


def _with_trainer_names(workspace: Path) -> dict[str, str]:
    """The workspace's copy of the default scenario with a name for every trainer (as a
    planner's own trainers.csv has them; the shipped example keeps aliases only)."""
    folder = Workspace(workspace).scenario_path(Workspace(workspace).add_default())
    table = folder / "trainers.csv"
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = {row["trainer_id"]: f"Trainer*in {row['trainer_id'][1:]} Beispiel" for row in rows}
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*rows[0], "name"])
        writer.writeheader()
        writer.writerows({**row, "name": names[row["trainer_id"]]} for row in rows)
    return names


def test_default_scenario_solved_shown_on_the_map_and_exported(
    web: Server, page: Page, tmp_path: Path
) -> None:
    names = _with_trainer_names(web.workspace)
    page.goto(web.url)
    page.get_by_role("button", name="Standardszenario NRW 2025/26 laden").click()
    expect(page.get_by_text("113 Gremien")).to_be_visible()
    _solve(page, web.url, 10)
    page.get_by_text("Zum Plan").click()
    page.locator(".ag-row").first.wait_for()
    # the map: the shipped outlines (396 municipalities) and the sites, no online tiles
    expect(page.locator(".leaflet-container")).to_be_visible()
    assert page.locator(".leaflet-container path").count() > 396
    assert page.locator(".leaflet-tile").count() == 0
    # the events table names the trainers by name
    entry = Workspace(web.workspace).plans("nrw-2025-26")[0]
    plan = entry.plan
    first = page.locator(".ag-row").first
    shown = set(first.locator("[col-id=trainer]").inner_text().split(", "))
    event = next(e for e in plan.events if e.event_id == first.get_attribute("row-id"))
    assert shown == {names[t] for t in event.trainer_ids}
    page.goto(web.url + "/export")
    page.get_by_role("button", name="Dokumente erzeugen").click()
    button = page.get_by_role("button", name="Arbeitsmappe")
    button.wait_for(timeout=120_000)
    with page.expect_download() as download:
        button.click()
    saved = tmp_path / "schedule.xlsx"
    download.value.save_as(saved)
    workbook = openpyxl.load_workbook(saved, read_only=True)
    cells = {str(value) for sheet in workbook.worksheets
             for row in sheet.iter_rows(values_only=True) for value in row}
    assert {e.event_id for e in plan.events} <= cells  # every event of the plan is listed


def test_a_broken_workbook_is_named_by_sheet_row_and_column(
    web: Server, page: Page, tmp_path: Path
) -> None:
    path = tmp_path / "vorlage.xlsx"
    optimizer.write_template(path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Gremien"]
    header = [cell.value for cell in sheet[1]]
    column = next(i for i, h in enumerate(header, start=1) if "Mitglieder" in str(h))
    sheet.cell(row=2, column=column, value="zwölf")
    workbook.save(path)
    page.goto(web.url)
    page.locator("input[type=file]").set_input_files(str(path))
    problems = page.locator(".text-negative")
    problems.first.wait_for()
    text = " ".join(problems.all_inner_texts())
    assert "Gremien" in text and "Zeile 2" in text and "Spalte" in text and "zwölf" in text
    expect(page.get_by_text("nichts wurde übernommen")).to_be_visible()


def _event_to_keep(plan: optimizer.Plan) -> tuple[str, str]:
    """An event taught by one trainer and another trainer of the plan to take out."""
    trainers = {t for e in plan.events for t in e.trainer_ids}
    for event in plan.events:
        others = trainers - set(event.trainer_ids)
        if len(event.trainer_ids) == 1 and others:
            return event.event_id, sorted(others)[0]
    pytest.fail("the tiny plan has no single-trainer event beside another trainer")


def test_a_confirmed_event_stays_when_a_trainer_drops_out(
    web: Server, page: Page, write_scenario_dir: WriteScenarioDir
) -> None:
    _tiny_in(web.workspace, write_scenario_dir, "klein")
    _choose(page, web.url, "klein")
    _solve(page, web.url, 10)
    entry = Workspace(web.workspace).plans("klein")[0]
    keep, absent = _event_to_keep(entry.plan)
    page.goto(web.url + "/neuplanen")
    page.locator(f".ag-row[row-id='{keep}'] .ag-checkbox-input").first.check()
    page.get_by_label("Trainer*innen fallen aus").click()
    page.get_by_role("option", name=absent, exact=True).click()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Neu planen").click()
    page.get_by_text("Änderungen gegenüber dem vorigen Plan").wait_for(timeout=90_000)
    workspace = Workspace(web.workspace)
    version = next(name for name in workspace.scenario_names() if name.startswith("klein-v"))
    after = workspace.plans(version)[0].plan
    before = next(e for e in entry.plan.events if e.event_id == keep)
    kept = next(e for e in after.events if e.event_id == keep)
    assert (kept.days, kept.trainer_ids) == (before.days, before.trainer_ids)
    assert absent not in {t for e in after.events for t in e.trainer_ids}


def test_two_plans_side_by_side(web: Server, page: Page,
                                write_scenario_dir: WriteScenarioDir) -> None:
    _tiny_in(web.workspace, write_scenario_dir, "vergleich")
    workspace = Workspace(web.workspace)
    for budget in (10_000, 3_000):  # the smaller budget holds fewer events
        version = workspace.save_version("vergleich", {"budget_eur": budget})
        optimizer.solve_folder(optimizer.SolveRequest(
            workspace.scenario_path(version), workspace.new_plan_folder(version),
            time_limit_s=10, workers=1, report=False))
    page.goto(web.url + "/vergleichen")
    page.get_by_role("button", name="Vergleichen").click()
    expect(page.get_by_role("cell", name="Abgedeckte Plätze", exact=True)).to_be_visible()
    expect(page.get_by_text("Veranstaltungen anders")).to_be_visible()


def test_a_long_solve_can_be_cancelled_and_other_pages_stay_responsive(
    web: Server, page: Page, browser: Any
) -> None:
    page.goto(web.url)
    page.get_by_role("button", name="Standardszenario NRW 2025/26 laden").click()
    expect(page.get_by_text("113 Gremien")).to_be_visible()
    page.goto(web.url + "/planen")
    page.get_by_label("Zeitlimit (Sekunden)").fill("60")
    page.get_by_role("button", name="Rechnen").click()
    expect(page.get_by_text("läuft")).to_be_visible(timeout=20_000)
    other = browser.new_context().new_page()
    started = time.perf_counter()
    other.goto(web.url + "/vergleichen")
    other.get_by_role("link", name="Export").wait_for()
    assert time.perf_counter() - started < 5  # (benchmarks/web_responsiveness.py: < 1 s)
    other.context.close()
    page.get_by_role("button", name="Abbrechen").click()
    expect(page.get_by_text("abgebrochen")).to_be_visible(timeout=30_000)


def test_a_public_address_needs_a_password(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "optimizer", "serve", "--workspace", str(tmp_path / "w"),
         "--host", "0.0.0.0", "--port", str(free_port())],
        capture_output=True, text=True, timeout=60,
        env={k: v for k, v in server_env().items() if k != "QUALIPLAN_PASSWORD"})
    assert done.returncode == 2
    assert "Passwort" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "w").exists()


def test_with_a_password_the_browser_logs_in_first(tmp_path: Path, page: Page) -> None:
    secret = tmp_path / "passwort.txt"
    secret.write_text("geheim-123\n", encoding="utf-8")
    server = start_server(tmp_path / "w", "--host", "0.0.0.0", "--password-file", str(secret))
    try:
        page.goto(server.url + "/plan")
        expect(page.get_by_text("qualiplan – Anmelden")).to_be_visible()
        page.get_by_label("Passwort").fill("falsch")
        page.get_by_role("button", name="Anmelden").click()
        expect(page.get_by_text("Passwort falsch.")).to_be_visible()
        page.get_by_label("Passwort").fill("geheim-123")
        page.get_by_role("button", name="Anmelden").click()
        expect(page.get_by_text("Szenario im Arbeitsbereich")).to_be_visible()
    finally:
        stop_server(server)
