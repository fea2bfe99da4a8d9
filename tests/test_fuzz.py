"""Fuzzing the input boundary: corrupted CSV, XLSX and YAML never end in a traceback.

Every example starts from the valid tiny scenario (``tiny_files``, conftest.py) and changes
it. Two kinds of change:

* **meaning-preserving** ones, as planners' tools produce them (German Excel CSV: ``;``,
  decimal commas, ``TT.MM.JJJJ``, Windows-1252 or UTF-8 with BOM, CRLF; columns reordered,
  padded cells, blank lines, unknown extra columns; in a workbook: dates as Excel dates or
  serial numbers, keys typed as numbers). The read must equal the original scenario exactly.
* **destructive** ones (wrong types, empty cells, missing columns, extra fields, duplicated
  IDs, truncated files, random bytes in a cell or in the zip, broken YAML values, Excel
  serials in CSV). ``read_scenario`` must return a Scenario or raise ``InputError``, nothing
  else; the CLI must agree (exit 2 exactly when the read fails) and write no output then.

The examples of all tests add up to :data:`TOTAL_EXAMPLES` (≥ 200) corrupted inputs; each is
read directly and through the CLI. Nothing is printed.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from optimizer.domain.errors import InputError
from optimizer.domain.scenario import Scenario
from optimizer.faces.cli.app import app
from optimizer.io.scenario_reader import read_scenario
from optimizer.io.workbook import SHEETS, write_workbook

Files = dict[str, Any]
runner = CliRunner()

EXAMPLES = {"csv_same": 30, "csv_broken": 70, "yaml": 40, "xlsx_same": 20, "xlsx_broken": 45}
TOTAL_EXAMPLES = sum(EXAMPLES.values())
TABLES = ("councils", "sites", "trainers")
DATE_COLUMNS = {"sites": ("blocked_dates",), "trainers": ("unavailable_dates",)}
DECIMAL_COLUMNS = {"sites": ("lat", "lon"), "trainers": ("home_lat", "home_lon")}


#: ``QUALIPLAN_FUZZ_SCALE=20 pytest tests/test_fuzz.py`` for a long, random local run; CI runs
#: the fixed (derandomized) examples once.
SCALE = int(os.environ.get("QUALIPLAN_FUZZ_SCALE", "1"))
RUNS = {"count": 0}


def _fuzz(examples: int) -> Callable[[Any], Any]:
    return settings(
        max_examples=examples * SCALE, deadline=None, derandomize=SCALE == 1, database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# --- what every example must satisfy ------------------------------------------------------------


def _read(path: Path) -> Scenario | None:
    """The scenario, or ``None`` for an InputError; any other exception fails the test."""
    try:
        return read_scenario(path)
    except InputError as error:
        assert error.problems, "an InputError must name at least one problem"
        assert all(str(p) for p in error.problems)
        return None


def _check_cli(path: Path, work: Path, read_ok: bool, command: str = "convert") -> None:
    """The CLI on the same input: no traceback; exit 2 exactly on bad input, nothing written."""
    out = work / "ausgabe"
    if command == "convert":
        args = ["convert", str(path), str(out)]
    elif command == "check":
        args = ["check", str(path)]
    else:
        args = ["solve", str(path), "--out", str(out), "--time-limit", "5", "--workers", "1"]
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception)
    )
    if read_ok:
        assert result.exit_code in ((0,) if command == "convert" else (0, 1)), result.output
    else:
        assert result.exit_code == 2, result.output
        assert not out.exists()


# --- building inputs ----------------------------------------------------------------------------


def _table(rows: list[dict[str, str]]) -> list[list[str]]:
    header = list(rows[0])
    return [header, *([row[c] for c in header] for row in rows)]


def _csv_text(table: list[list[str]], sep: str = ",", newline: str = "\n") -> str:
    handle = io.StringIO()
    csv.writer(handle, delimiter=sep, lineterminator=newline).writerows(table)
    return handle.getvalue()


def _write_folder(folder: Path, scenario: Any, tables: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = scenario if isinstance(scenario, str) else yaml.safe_dump(scenario, allow_unicode=True)
    (folder / "scenario.yaml").write_bytes(text.encode() if isinstance(text, str) else text)
    for kind, data in tables.items():
        (folder / f"{kind}.csv").write_bytes(data)
    return folder


def _plain_tables(files: Files) -> dict[str, bytes]:
    return {kind: _csv_text(_table(files[kind])).encode() for kind in TABLES}


def _german_date(iso: str) -> str:
    return ";".join(dt.date.fromisoformat(d).strftime("%d.%m.%Y") for d in iso.split(";") if d)


# --- CSV ----------------------------------------------------------------------------------------


@pytest.fixture
def varied_files(tiny_files: Files) -> Files:
    """The tiny files with dates and coordinates filled in, so date and decimal changes bite."""
    files = copy.deepcopy(tiny_files)
    files["sites"][1].update(lat="51.43354", lon="6.74558", blocked_dates="2026-02-07;2026-03-01")
    files["trainers"][0].update(home_lat="51.25", home_lon="6.8", unavailable_dates="2026-04-04")
    return files


@_fuzz(EXAMPLES["csv_same"])
@given(data=st.data())
def test_csv_as_planners_tools_write_it_reads_exactly(varied_files: Files, data: Any) -> None:
    RUNS["count"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        expected = read_scenario(_write_folder(work / "plain", varied_files["scenario"],
                                               _plain_tables(varied_files)))
        tables = {}
        for kind in TABLES:
            rows = copy.deepcopy(varied_files[kind])
            if data.draw(st.booleans(), label=f"{kind}: German dates"):
                for row in rows:
                    for column in DATE_COLUMNS.get(kind, ()):
                        row[column] = _german_date(row[column])
            decimal_comma = data.draw(st.booleans(), label=f"{kind}: decimal comma")
            if decimal_comma:
                for row in rows:
                    for column in DECIMAL_COLUMNS.get(kind, ()):
                        row[column] = row[column].replace(".", ",")
            if data.draw(st.booleans(), label=f"{kind}: padded cells"):
                rows = [{k: f" {v} " for k, v in row.items()} for row in rows]
            if data.draw(st.booleans(), label=f"{kind}: unknown column"):
                rows = [{**row, "Bemerkung": "frei; text, \"zitiert\""} for row in rows]
            table = _table(rows)
            order = data.draw(st.permutations(range(len(table[0]))), label=f"{kind}: order")
            table = [[line[i] for i in order] for line in table]
            seps = [";", "\t"] if decimal_comma else [",", ";", "\t"]
            sep = data.draw(st.sampled_from(seps), label=f"{kind}: separator")
            newline = data.draw(st.sampled_from(["\n", "\r\n"]), label=f"{kind}: newline")
            text = _csv_text(table, sep, newline)
            if data.draw(st.booleans(), label=f"{kind}: blank lines"):
                text = text.replace(newline, newline + newline, 1) + newline
            encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1"]),
                                 label=f"{kind}: encoding")
            tables[kind] = text.encode(encoding)
        folder = _write_folder(work / "variant", varied_files["scenario"], tables)

        assert read_scenario(folder) == expected
        _check_cli(folder, work, read_ok=True)


#: Cells of the wrong kind, as spreadsheets and people produce them.
BAD_CELLS = [
    "", " ", "abc", "-1", "1.5", "1,5", "1e400", "nan", "inf", "ja", "nein", "wahr",
    "2026-02-30", "46060", "07.02.2026", "31.02.2026", "5111000", "05111000", "Düsseldorf",
    "Langenfeld", "x" * 300, "=SUM(A1:A3)", '"', "1;2;3", "educator", "#WERT!", "None",
    "\u00a0", "١٢", "9" * 40,
]


def _corrupt_table(table: list[list[str]], data: Any, kind: str) -> tuple[str, str]:
    """Apply one destructive change to the table (in place); return separator and encoding."""
    action = data.draw(st.sampled_from([
        "bad cell", "random cell", "empty cell", "drop column", "extra field", "missing field",
        "duplicate row", "header only", "serial date", "junk header",
    ]), label=f"{kind}: action")
    rows = len(table) - 1
    row = data.draw(st.integers(1, rows), label="row")
    col = data.draw(st.integers(0, len(table[0]) - 1), label="column")
    if action == "bad cell":
        table[row][col] = data.draw(st.sampled_from(BAD_CELLS), label="cell")
    elif action == "random cell":
        table[row][col] = data.draw(st.text(max_size=30), label="cell")
    elif action == "empty cell":
        table[row][col] = ""
    elif action == "drop column":
        for line in table:
            del line[col]
    elif action == "extra field":
        table[row].append(data.draw(st.sampled_from(BAD_CELLS), label="cell"))
    elif action == "missing field":
        table[row].pop()
    elif action == "duplicate row":
        table.append(list(table[row]))
    elif action == "header only":
        del table[1:]
    elif action == "serial date":
        for column in DATE_COLUMNS.get(kind, ()):
            table[row][table[0].index(column)] = "46060" if column in table[0] else ""
    elif action == "junk header":
        table[0][col] = data.draw(st.sampled_from(["", "Spalte", table[0][col].upper()]))
    sep = data.draw(st.sampled_from([",", ";"]), label="separator")
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1"]), label="encoding")
    return sep, encoding


@_fuzz(EXAMPLES["csv_broken"])
@given(data=st.data())
def test_broken_csv_is_an_input_error_or_a_read(tiny_files: Files, data: Any) -> None:
    RUNS["count"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        tables = _plain_tables(tiny_files)
        for kind in data.draw(st.sets(st.sampled_from(TABLES), min_size=1), label="tables"):
            table = _table(copy.deepcopy(tiny_files[kind]))
            sep, encoding = _corrupt_table(table, data, kind)
            raw = _csv_text(table, sep).encode(encoding, errors="replace")
            byte_action = data.draw(st.sampled_from(["none", "truncate", "random bytes"]))
            if byte_action == "truncate":
                raw = raw[: data.draw(st.integers(0, len(raw)), label="cut")]
            elif byte_action == "random bytes":
                at = data.draw(st.integers(0, len(raw)), label="at")
                raw = raw[:at] + data.draw(st.binary(min_size=1, max_size=8)) + raw[at:]
            tables[kind] = raw
        folder = _write_folder(work / "scenario", tiny_files["scenario"], tables)

        scenario = _read(folder)
        command = data.draw(st.sampled_from(["convert", "convert", "check", "solve"]))
        _check_cli(folder, work, read_ok=scenario is not None, command=command)


# --- YAML ---------------------------------------------------------------------------------------

_YAML_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(),
    st.text(max_size=12), st.sampled_from(["01.10.2025", "2026-02-30", "fri+sat", "ja"]),
    st.lists(st.sampled_from(["fri+sat", "mon+tue", "2026-02-07", "07.02.2026", 3]),
             max_size=3),
    st.dictionaries(st.sampled_from(["start", "end", "x", "radius_km", 1, 3]),
                    st.one_of(st.integers(-5, 30), st.text(max_size=5)), max_size=2),
)
_YAML_KEYS = [
    "name", "budget_eur", "period", "period.start", "period.end", "slots", "slots.patterns",
    "slots.blocked_dates", "slots.avoid_school_holidays", "catchment.radius_km",
    "catchment.neighbours", "rules.min_participants", "rules.max_participants",
    "rules.two_trainer_min", "rules.module_gap_days", "costs.road_factor", "costs.km_rate_eur",
    "objective.module_weights", "objective.both_modules_bonus", "solver.time_limit_s",
    "solver.workers", "tables", "tables.councils", "unbekannt",
]


@_fuzz(EXAMPLES["yaml"])
@given(data=st.data())
def test_broken_yaml_is_an_input_error_or_a_read(tiny_files: Files, data: Any) -> None:
    RUNS["count"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        content = copy.deepcopy(tiny_files["scenario"])
        for _ in range(data.draw(st.integers(1, 3), label="changes")):
            *path, last = data.draw(st.sampled_from(_YAML_KEYS), label="key").split(".")
            target = content
            for part in path:
                if not isinstance(target.get(part), dict):
                    target[part] = {}
                target = target[part]
            if data.draw(st.booleans(), label="delete"):
                target.pop(last, None)
            else:
                target[last] = data.draw(_YAML_VALUES, label="value")
        text = yaml.safe_dump(content, allow_unicode=True)
        form = data.draw(st.sampled_from(["utf-8", "bom", "latin-1", "truncate", "bytes"]))
        raw = text.encode("latin-1", errors="replace") if form == "latin-1" else text.encode()
        if form == "bom":
            raw = b"\xef\xbb\xbf" + raw
        elif form == "truncate":
            raw = raw[: data.draw(st.integers(0, len(raw)), label="cut")]
        elif form == "bytes":
            at = data.draw(st.integers(0, len(raw)), label="at")
            raw = raw[:at] + data.draw(st.binary(min_size=1, max_size=8)) + raw[at:]
        folder = _write_folder(work / "scenario", raw.decode("latin-1"), _plain_tables(tiny_files))
        (folder / "scenario.yaml").write_bytes(raw)

        scenario = _read(folder)
        command = data.draw(st.sampled_from(["convert", "check"]))
        _check_cli(folder, work, read_ok=scenario is not None, command=command)


# --- XLSX ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_xlsx(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Scenario]:
    """The varied tiny scenario as workbook bytes, with the scenario it must read as."""
    from testkit.tiny import TINY_COUNCILS, TINY_SITES, TINY_TRAINERS, TINY_YAML

    files = {"scenario": TINY_YAML, "councils": TINY_COUNCILS, "sites": copy.deepcopy(TINY_SITES),
             "trainers": copy.deepcopy(TINY_TRAINERS)}
    files["sites"][1].update(lat="51.43354", lon="6.74558", blocked_dates="2026-02-07;2026-03-01")
    folder = _write_folder(tmp_path_factory.mktemp("xlsx"), files["scenario"],
                           _plain_tables(files))
    scenario = read_scenario(folder)
    path = write_workbook(scenario, folder / "tiny.xlsx")
    return path.read_bytes(), scenario


def _excel_serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


@_fuzz(EXAMPLES["xlsx_same"])
@given(data=st.data())
def test_workbook_cells_as_excel_holds_them_read_exactly(
    tiny_xlsx: tuple[bytes, Scenario], data: Any
) -> None:
    content, expected = tiny_xlsx
    RUNS["count"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = work / "mappe.xlsx"
        path.write_bytes(content)
        book = load_workbook(path)
        sites, settings_sheet = book[SHEETS["sites"]], book["Szenario"]
        day = dt.date(2026, 2, 7)
        form = data.draw(st.sampled_from(["datetime", "serial", "german", "iso"]), label="date")
        sites["I3"] = {"datetime": dt.datetime(2026, 2, 7), "serial": _excel_serial(day),
                       "german": "07.02.2026; 01.03.2026", "iso": "2026-02-07,2026-03-01"}[form]
        if form in ("datetime", "serial"):
            expected = expected.model_copy(update={"sites": (
                expected.sites[0],
                expected.sites[1].model_copy(update={"blocked_dates": (day,)}),
                expected.sites[2],
            )})
        if data.draw(st.booleans(), label="key as number"):
            book[SHEETS["councils"]]["B2"] = 5111000
        if data.draw(st.booleans(), label="decimal comma text"):
            sites["D3"], sites["E3"] = "51,43354", "6,74558"
        if data.draw(st.booleans(), label="period as serial"):
            settings_sheet["B4"] = _excel_serial(dt.date(2025, 10, 1))
        if data.draw(st.booleans(), label="period as text"):
            settings_sheet["B5"] = "30.11.2026"
        if data.draw(st.booleans(), label="renamed sheet"):
            book[SHEETS["trainers"]].title = "Trainerinnen"
        book.save(path)

        assert read_scenario(path) == expected
        _check_cli(path, work, read_ok=True)


_XLSX_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=False),
    st.sampled_from(BAD_CELLS), st.datetimes(min_value=dt.datetime(1900, 3, 1)),
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=20),
)


@_fuzz(EXAMPLES["xlsx_broken"])
@given(data=st.data())
def test_broken_workbook_is_an_input_error_or_a_read(
    tiny_xlsx: tuple[bytes, Scenario], data: Any
) -> None:
    content, _ = tiny_xlsx
    RUNS["count"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = work / "mappe.xlsx"
        path.write_bytes(content)
        action = data.draw(st.sampled_from([
            "cells", "cells", "cells", "delete sheet", "delete column", "insert column",
            "duplicate row", "truncate", "random bytes",
        ]), label="action")
        if action in ("truncate", "random bytes"):
            if action == "truncate":
                raw = content[: data.draw(st.integers(0, len(content)), label="cut")]
            else:
                at = data.draw(st.integers(0, len(content)), label="at")
                raw = content[:at] + data.draw(st.binary(min_size=1, max_size=16)) + content[at:]
            path.write_bytes(raw)
        else:
            book = load_workbook(path)
            sheet = book[data.draw(st.sampled_from(book.sheetnames), label="sheet")]
            if action == "cells":
                for _ in range(data.draw(st.integers(1, 4), label="cells")):
                    row = data.draw(st.integers(1, 6), label="row")
                    col = data.draw(st.integers(1, 10), label="column")
                    sheet.cell(row=row, column=col, value=data.draw(_XLSX_VALUES, label="value"))
            elif action == "delete sheet":
                del book[sheet.title]
            elif action == "delete column":
                sheet.delete_cols(data.draw(st.integers(1, 4), label="column"))
            elif action == "insert column":
                sheet.insert_cols(data.draw(st.integers(1, 4), label="column"))
            elif action == "duplicate row":
                sheet.append([c.value for c in sheet[2]])
            book.save(path)

        scenario = _read(path)
        _check_cli(path, work, read_ok=scenario is not None)


def test_the_fuzz_suite_runs_at_least_200_corrupted_inputs() -> None:
    assert TOTAL_EXAMPLES >= 200
