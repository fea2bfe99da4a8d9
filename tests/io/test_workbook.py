"""The Excel workbook: template, reading through the CSV checks, and lossless ``convert``.

The tiny scenario (``write_scenario_dir``) is turned into a workbook and back; cells are
then broken with openpyxl as a planner would break them, and every problem must name the
sheet, the Excel row and the German header.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.scenario import Scenario
from optimizer.faces.cli.app import app
from optimizer.io.scenario_reader import read_scenario
from optimizer.io.tables import COLUMNS
from optimizer.io.workbook import (
    SETTINGS,
    SHEETS,
    example_scenario,
    write_scenario_folder,
    write_workbook,
)

WriteScenarioDir = Callable[..., Path]
runner = CliRunner()


def _problems(path: Path) -> list[InputProblem]:
    with pytest.raises(InputError) as caught:
        read_scenario(path)
    return caught.value.problems


def _edit(path: Path, sheet: str, cells: dict[str, Any]) -> Path:
    """Set cells (``{"C3": value}``) of one sheet and save the workbook in place."""
    book = load_workbook(path)
    for ref, value in cells.items():
        book[sheet][ref] = value
    book.save(path)
    return path


@pytest.fixture
def tiny_workbook(tmp_path: Path, tiny_scenario: Scenario) -> Path:
    return write_workbook(tiny_scenario, tmp_path / "tiny.xlsx")


# --- template -----------------------------------------------------------------------------------


def test_template_has_german_sheets_headers_comments_validation_and_the_example(
    tmp_path: Path,
) -> None:
    target = tmp_path / "vorlage.xlsx"

    result = runner.invoke(app, ["template", str(target)])

    assert result.exit_code == 0, result.output
    book = load_workbook(target)
    assert book.sheetnames == ["Anleitung", "Gremien", "Standorte", "Trainer_innen", "Szenario"]
    for kind, sheet in SHEETS.items():
        header = [cell.value for cell in book[sheet][1]]
        assert header == [c.header for c in COLUMNS[kind]][: len(header)]
        assert all(cell.comment is not None for cell in book[sheet][1])
    validations = {
        dv.formula1 for sheet in book.worksheets for dv in sheet.data_validations.dataValidation
    }
    assert {'"Erwachsenenbildung,Integrationsrat"', '"ja,nein"',
            '"Pflicht,Kandidat,ausgeschlossen"', "0", "DATE(2000,1,1)"} <= validations
    assert [row[2] for row in book["Szenario"].iter_rows(min_row=2, values_only=True)] == [
        s.key for s in SETTINGS
    ]
    assert read_scenario(target) == example_scenario()


def test_template_does_not_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "vorlage.xlsx"
    target.write_text("meins")

    assert runner.invoke(app, ["template", str(target)]).exit_code == 2
    assert target.read_text() == "meins"
    assert runner.invoke(app, ["template", str(target), "--force"]).exit_code == 0


def test_from_template_to_a_solved_plan_without_csv(tmp_path: Path) -> None:
    workbook = tmp_path / "vorlage.xlsx"
    assert runner.invoke(app, ["template", str(workbook)]).exit_code == 0

    result = runner.invoke(app, ["solve", str(workbook), "--out", str(tmp_path / "plan"),
                                 "--time-limit", "20", "--workers", "1"])

    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan" / "plan.json").is_file()
    assert runner.invoke(app, ["check", str(workbook)]).exit_code == 0


# --- convert: lossless both ways ----------------------------------------------------------------


def _folder_files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_workbook_folder_workbook_round_trip_is_lossless(
    tmp_path: Path, tiny_workbook: Path, tiny_scenario: Scenario
) -> None:
    folder, again = tmp_path / "ordner", tmp_path / "wieder.xlsx"

    assert runner.invoke(app, ["convert", str(tiny_workbook), str(folder)]).exit_code == 0
    assert runner.invoke(app, ["convert", str(folder), str(again)]).exit_code == 0

    assert read_scenario(tiny_workbook) == tiny_scenario
    assert read_scenario(folder) == tiny_scenario
    assert read_scenario(again) == tiny_scenario


def test_folder_workbook_folder_round_trip_keeps_files_and_scenario(
    tmp_path: Path, write_scenario_dir: WriteScenarioDir, tiny_files: dict[str, Any]
) -> None:
    sites = tiny_files["sites"]
    sites[1].update(blocked_dates="2026-02-07;2026-03-01", lat="51.43354", lon="6.74558")
    trainers = tiny_files["trainers"]
    trainers[0].update(unavailable_dates="2026-04-04", modules="2")
    original = write_scenario_dir(sites=sites, trainers=trainers,
                                  rules={"min_participants": 6}, catchment={"radius_km": None})
    workbook, first, second = tmp_path / "a.xlsx", tmp_path / "f1", tmp_path / "f2"

    for source, target in ((original, workbook), (workbook, first), (first, workbook),
                           (workbook, second)):
        result = runner.invoke(app, ["convert", str(source), str(target)])
        assert result.exit_code == 0, result.output

    assert read_scenario(second) == read_scenario(original)
    assert _folder_files(second) == _folder_files(first)
    assert sorted(_folder_files(first)) == [
        "councils.csv", "scenario.yaml", "sites.csv", "trainers.csv"
    ]


def test_convert_of_the_default_scenario_is_lossless(tmp_path: Path) -> None:
    original = read_scenario("scenarios/nrw-2025-26")
    workbook = write_workbook(original, tmp_path / "nrw.xlsx")
    folder = write_scenario_folder(read_scenario(workbook), tmp_path / "nrw")
    assert read_scenario(workbook) == original
    assert read_scenario(folder) == original


def test_convert_of_bad_input_writes_nothing(tmp_path: Path, tiny_workbook: Path) -> None:
    _edit(tiny_workbook, "Gremien", {"C3": "zwölf"})
    target = tmp_path / "ordner"

    result = runner.invoke(app, ["convert", str(tiny_workbook), str(target)])

    assert result.exit_code == 2
    assert "Blatt „Gremien“, Zeile 3, Spalte 'Mitglieder'" in result.output
    assert not target.exists()


# --- workbook cells through the CSV checks ------------------------------------------------------


def test_every_problem_in_every_sheet_at_once(tiny_workbook: Path) -> None:
    _edit(tiny_workbook, "Gremien", {"C3": "zwölf", "A4": "C-DUS"})
    _edit(tiny_workbook, "Standorte", {"D2": "95", "H3": "vielleicht"})
    _edit(tiny_workbook, "Trainer_innen", {"C2": "trainer", "D3": "Atlantis"})
    _edit(tiny_workbook, "Szenario", {"B3": "viel", "B11": "acht"})

    found = {(p.file, p.row, p.column) for p in _problems(tiny_workbook)}

    assert found >= {
        ("Blatt „Gremien“", 3, "Mitglieder"),
        ("Blatt „Gremien“", 4, "Gremium-ID"),
        ("Blatt „Standorte“", 2, "Breitengrad"),
        ("Blatt „Standorte“", 3, "VHS interessiert"),
        ("Blatt „Trainer_innen“", 2, "Rolle"),
        ("Blatt „Trainer_innen“", 3, "Wohnort"),
        ("Blatt „Szenario“", 3, "budget_eur"),
        ("Blatt „Szenario“", 11, "rules.min_participants"),
    }


def test_a_missing_sheet_and_a_missing_column_are_named(tiny_workbook: Path) -> None:
    book = load_workbook(tiny_workbook)
    del book["Trainer_innen"]
    book["Gremien"].delete_cols(3)  # Mitglieder
    book.save(tiny_workbook)

    problems = _problems(tiny_workbook)

    assert {(p.file, p.row, p.column) for p in problems} == {
        ("tiny.xlsx", None, None), ("Blatt „Gremien“", 1, "Mitglieder")
    }
    assert any("Trainer_innen" in p.expected for p in problems)


def test_excel_cells_read_like_csv_text(tiny_workbook: Path, tiny_scenario: Scenario) -> None:
    """Dates as Excel dates and serial numbers, a key typed as a number, German decimals."""
    _edit(tiny_workbook, "Standorte", {
        "B3": "  VHS Duisburg ", "C2": 5111000, "D2": "51,2203", "E2": "6,7936",
        "I3": dt.datetime(2026, 2, 7), "I4": 46060,  # 46060 = 2026-02-07
    })
    _edit(tiny_workbook, "Trainer_innen", {"G2": 3.0, "H2": 1, "I2": "07.02.2026, 2026-02-14"})
    _edit(tiny_workbook, "Szenario", {"B4": "01.10.2025", "B5": 46356,  # 2026-11-30
                                      "B8": "07.02.2026", "B10": "aus"})

    scenario = read_scenario(tiny_workbook)

    feb7 = dt.date(2026, 2, 7)
    sites = tiny_scenario.sites
    assert scenario.sites == (
        sites[0],
        sites[1].model_copy(update={"blocked_dates": (feb7,)}),
        sites[2].model_copy(update={"blocked_dates": (feb7,)}),
    )
    assert scenario.trainers[0].modules == (1,)
    assert scenario.trainers[0].unavailable_dates == (feb7, dt.date(2026, 2, 14))
    assert scenario.period == tiny_scenario.period
    assert scenario.slots.blocked_dates == (feb7,)
    assert scenario.catchment.radius_km is None


def test_a_broken_file_is_one_problem(tmp_path: Path) -> None:
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"PK\x03\x04 nicht wirklich")

    problems = _problems(broken)

    assert [(p.file, p.row) for p in problems] == [("kaputt.xlsx", None)]
    assert "Excel-Arbeitsmappe" in problems[0].expected
