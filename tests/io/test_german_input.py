"""Input as German planners write it (issue 15): names and seminar hours, German numbers in
German text (quoted YAML, a ``;`` CSV, a workbook's text cell), German values in the
template; FORMAT.md's comma CSV and unquoted YAML numbers keep their dot decimals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from optimizer.domain.errors import InputError
from optimizer.domain.scenario import Scenario
from optimizer.io.cells import german_number_text, parse_role, parse_time
from optimizer.io.scenario_reader import read_scenario
from optimizer.io.workbook import (
    GUIDE_SHEET,
    SETTINGS,
    build_workbook,
    example_scenario,
    write_scenario_folder,
    write_workbook,
)

from testkit.cli import run_cli
from testkit.tiny import TINY_YAML, WriteScenarioDir


@pytest.mark.parametrize("text, grouped, expected", [
    ("15.000,50", True, "15000.50"), ("0,30", True, "0.30"), ("1.500", True, "1500"),
    ("0.30", True, "0.30"), ("12 €", True, "12"), ("1.234.567,8", True, "1234567.8"),
    ("7.123", False, "7.123"), ("51,2203", False, "51.2203"), ("abc", True, "abc"),
])
def test_german_number_text(text: str, grouped: bool, expected: str) -> None:
    assert german_number_text(text, grouped) == expected


def test_roles_and_times_in_german() -> None:
    assert parse_role("Erwachsenenbildung") == parse_role("educator") == "educator"
    assert parse_role("integrationsrat") == parse_role("council") == "council"
    assert parse_time("9:30") == parse_time("09.30") == dt.time(9, 30)
    assert parse_time("10 Uhr") == dt.time(10, 0)
    with pytest.raises(ValueError, match="Uhrzeit"):
        parse_time("zehn")


def _yaml(folder: Path, **settings: object) -> None:
    (folder / "scenario.yaml").write_text(
        yaml.safe_dump({**TINY_YAML, **settings}, allow_unicode=True), encoding="utf-8")


def test_a_quoted_german_budget_is_read_as_a_german_planner_means_it(
    write_scenario_dir: WriteScenarioDir,
) -> None:
    folder = write_scenario_dir()
    _yaml(folder, budget_eur="15.000,50", costs={"km_rate_eur": "0,30"})
    scenario = read_scenario(folder)
    assert scenario.budget_eur == 15_000.50
    assert scenario.costs.km_rate_eur == 0.30
    # An unquoted YAML number keeps its dot decimal: 15.5 is fifteen and a half.
    _yaml(folder, budget_eur=15.5)
    assert read_scenario(folder).budget_eur == 15.5


def test_event_times_and_site_hours(write_scenario_dir: WriteScenarioDir) -> None:
    folder = write_scenario_dir()
    # YAML 1.1 reads an unquoted 9:30 as the number 570; it is read back as the time.
    (folder / "scenario.yaml").write_text(
        yaml.safe_dump(TINY_YAML) + "event_times: {start: 9:30, end: '15:30'}\n",
        encoding="utf-8")
    sites = (folder / "sites.csv").read_text(encoding="utf-8").splitlines()
    sites[0] += ",start_time,end_time"
    sites[1] += ",08:00,14:00"
    sites[2:] = [line + ",," for line in sites[2:]]
    (folder / "sites.csv").write_text("\n".join(sites) + "\n", encoding="utf-8")
    scenario = read_scenario(folder)
    assert (scenario.event_times.start, scenario.event_times.end) == (dt.time(9, 30),
                                                                      dt.time(15, 30))
    dus, du = scenario.sites[0], scenario.sites[1]
    assert scenario.seminar_hours(dus) == (dt.time(8, 0), dt.time(14, 0))
    assert scenario.seminar_hours(du) == (dt.time(9, 30), dt.time(15, 30))


def test_a_german_excel_csv_with_names_and_german_numbers(
    write_scenario_dir: WriteScenarioDir, tiny_scenario: Scenario, tmp_path: Path
) -> None:
    """trainers.csv with ``name``, sites.csv with ``address``, saved by German Excel (``;``,
    grouped thousands, decimal comma)."""
    folder = write_scenario_dir()
    (folder / "councils.csv").write_text(
        "council_id;ags;members;interested_m1;interested_m2;trained_m1\n"
        "C-DUS;05111000;1.020;12;12;\nC-DU;05112000;12;8;8;\nC-BI;05711000;10;8;8;\n",
        encoding="utf-8-sig")
    (folder / "trainers.csv").write_text(
        "trainer_id;name;role;home_ags;home_lat;home_lon;max_events;modules;unavailable_dates\n"
        'T-EDU;Erika Mustermann;Erwachsenenbildung;05111000;51,2;6,78;3;"1;2";\n'
        'T-CNC;;Integrationsrat;05112000;;;3;"1;2";14.03.2026\n', encoding="utf-8-sig")
    scenario = read_scenario(folder)
    assert scenario.councils[0].members == 1020
    edu, cnc = scenario.trainers
    assert (edu.name, edu.role, edu.home_lat, edu.home_lon) == ("Erika Mustermann", "educator",
                                                               51.2, 6.78)
    assert (cnc.name, cnc.role) == (None, "council")
    # Written back as FORMAT.md: the name column stays, the dialect is FORMAT.md's.
    write_scenario_folder(scenario, tmp_path / "copy")
    assert read_scenario(tmp_path / "copy") == scenario
    assert "Erika Mustermann" in (tmp_path / "copy" / "trainers.csv").read_text("utf-8")
    # FORMAT.md's comma CSV keeps dots: 1.5 there is one and a half, never 15.
    assert read_scenario(write_scenario_dir("plain")) == tiny_scenario


def test_the_template_speaks_german_and_prints(tmp_path: Path) -> None:
    target = tmp_path / "vorlage.xlsx"
    write_workbook(example_scenario(), target)
    book = load_workbook(target)
    assert book.sheetnames[0] == GUIDE_SHEET
    assert "qualiplan solve" in "\n".join(str(c.value) for c in book[GUIDE_SHEET]["A"])
    rows = [r for r in book["Trainer_innen"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert [r[2] for r in rows] == ["Erwachsenenbildung", "Integrationsrat"]
    assert [r[1] for r in rows] == ["Erika Mustermann", "Max Mustermann"]
    settings = {row[2]: row[1] for row in book["Szenario"].iter_rows(min_row=2,
                                                                     values_only=True)}
    assert settings["slots.patterns"] == "Fr+Sa; Sa+So; Sa+Sa7"
    assert settings["event_times.start"] == "10:00"
    for ws in book:
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"
    assert [s.key for s in SETTINGS if s.kind == "time"] == ["event_times.start",
                                                             "event_times.end"]


def test_a_workbook_filled_in_german_values_solves(tmp_path: Path) -> None:
    """German values everywhere a planner types them: roles, patterns, ja/nein, a budget as
    German text, times; the workbook solves (Done means)."""
    target = tmp_path / "deutsch.xlsx"
    book = build_workbook(example_scenario())
    settings = {row[2].value: row[1] for row in book["Szenario"].iter_rows(min_row=2)}
    settings["budget_eur"].value = "15.000,50"
    settings["slots.patterns"].value = "Fr+Sa; Sa+So; Sa+Sa7"
    settings["event_times.start"].value = "9:30"
    settings["costs.km_rate_eur"].value = "0,30"
    sites = book["Standorte"]
    headers = [c.value for c in sites[1]]
    sites.cell(row=2, column=headers.index("Status") + 1).value = "Pflicht"
    sites.cell(row=2, column=headers.index("Beginn") + 1).value = dt.time(9, 0)
    book.save(target)

    scenario = read_scenario(target)
    assert scenario.budget_eur == 15_000.50
    assert scenario.slots.patterns == ("fri+sat", "sat+sun", "sat+sat7")
    assert scenario.event_times.start == dt.time(9, 30)
    assert scenario.sites[0].status == "required"
    assert scenario.sites[0].start_time == dt.time(9, 0)
    assert {t.role for t in scenario.trainers} == {"educator", "council"}
    result = run_cli("solve", target, "--out", tmp_path / "plan", "--time-limit", "20",
                     "--workers", "1", "--no-report")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan" / "plan.json").is_file()


def test_a_wrong_time_names_sheet_row_and_column(tmp_path: Path) -> None:
    target = tmp_path / "falsch.xlsx"
    book = build_workbook(example_scenario())
    sites = book["Standorte"]
    headers = [c.value for c in sites[1]]
    sites.cell(row=3, column=headers.index("Ende") + 1).value = "abends"
    book.save(target)
    with pytest.raises(InputError) as caught:
        read_scenario(target)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("Blatt „Standorte“", 3, "Ende")
