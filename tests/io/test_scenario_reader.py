"""Tests of the scenario reader: a valid folder, and each kind of bad input in turn.

Every bad-input case writes the tiny scenario folder (``write_scenario_dir``, see
``conftest.py``) with one thing broken and expects exactly one problem, naming the file, the
line as a text editor shows it (header = line 1, first data row = line 2), the column and
what was expected, in German. The last tests break several files at once and expect every
problem in one ``InputError``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.scenario import RuleSettings, Scenario
from optimizer.io.scenario_reader import read_scenario

WriteScenarioDir = Callable[..., Path]  # the ``write_scenario_dir`` fixture (conftest.py)
Rows = list[dict[str, str]]
Files = dict[str, Any]  # the ``tiny_files`` fixture (conftest.py)


def _problems(folder: Path) -> list[InputProblem]:
    with pytest.raises(InputError) as caught:
        read_scenario(folder)
    return caught.value.problems


def _only_problem(folder: Path) -> InputProblem:
    problems = _problems(folder)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def _with(rows: Rows, index: int, **cells: str) -> Rows:
    """A copy of ``rows`` with some cells of row ``index`` (0 = first data row) changed."""
    return [{**row, **cells} if i == index else dict(row) for i, row in enumerate(rows)]


def _without_column(rows: Rows, column: str) -> Rows:
    return [{k: v for k, v in row.items() if k != column} for row in rows]


def _csv(rows: Rows) -> list[str]:
    """The lines of a table as ``write_scenario_dir`` writes it (header first)."""
    columns = list(rows[0])
    return [",".join(columns), *(",".join(row[c] for c in columns) for row in rows)]


# --- a valid folder ------------------------------------------------------------------------------


def test_tiny_folder_reads_as_tiny_scenario(
    write_scenario_dir: WriteScenarioDir, tiny_scenario: Scenario
) -> None:
    assert read_scenario(write_scenario_dir()) == tiny_scenario


def test_yaml_can_be_given_as_folder_or_file(write_scenario_dir: WriteScenarioDir) -> None:
    folder = write_scenario_dir()
    assert read_scenario(folder / "scenario.yaml") == read_scenario(folder)
    assert read_scenario(str(folder)) == read_scenario(folder)


def test_cells_are_parsed_and_optional_cells_defaulted(
    write_scenario_dir: WriteScenarioDir,
    tiny_files: Files,
) -> None:
    folder = write_scenario_dir(
        councils=_with(tiny_files["councils"], 1, trained_m1="5"),
        sites=_with(
            tiny_files["sites"],
            2,
            blocked_dates="2026-02-07; 2026-02-14",
            interested="ja",
            partner_council_id="",
        ),
        trainers=[
            {**tiny_files["trainers"][0], "modules": "1", "unavailable_dates": "2026-03-07"},
            {
                **tiny_files["trainers"][1],
                "modules": "2;1",
                "home_lat": "51.43",
                "home_lon": "6.76",
            },
        ],
    )
    scenario = read_scenario(folder)

    dus, du, bi = scenario.councils
    assert (dus.ags, du.ags, bi.ags) == ("05111000", "05112000", "05711000")  # zeros kept
    assert (dus.trained_m1, du.trained_m1) == (0, 5)
    site_dus, site_du, site_bi = scenario.sites
    assert (site_dus.lat, site_dus.lon) == (51.2203, 6.7936)
    assert (site_du.lat, site_du.lon, site_du.blocked_dates) == (None, None, ())
    assert site_bi.blocked_dates == (dt.date(2026, 2, 7), dt.date(2026, 2, 14))
    assert site_bi.interested is True
    assert site_bi.partner_council_id is None  # kept, but it cannot hold events (R9)
    assert not site_bi.can_host
    edu, cnc = scenario.trainers
    assert edu.modules == (1,)
    assert edu.unavailable_dates == (dt.date(2026, 3, 7),)
    assert cnc.modules == (1, 2)
    assert (cnc.home_lat, cnc.home_lon) == (51.43, 6.76)
    assert scenario.rules == RuleSettings()  # no rules in scenario.yaml: RULES.md defaults


def test_optional_columns_may_be_left_out(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files
) -> None:
    councils = _without_column(tiny_files["councils"], "trained_m1")
    sites = tiny_files["sites"]
    for column in ("lat", "lon", "partner_council_id", "blocked_dates"):
        sites = _without_column(sites, column)
    trainers = tiny_files["trainers"]
    for column in ("home_lat", "home_lon", "modules", "unavailable_dates"):
        trainers = _without_column(trainers, column)

    scenario = read_scenario(write_scenario_dir(councils=councils, sites=sites, trainers=trainers))

    assert [c.trained_m1 for c in scenario.councils] == [0, 0, 0]
    assert all(s.lat is None and s.partner_council_id is None for s in scenario.sites)
    assert all(s.blocked_dates == () for s in scenario.sites)
    assert all(t.modules == (1, 2) and t.unavailable_dates == () for t in scenario.trainers)


def test_table_names_come_from_scenario_yaml(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files
) -> None:
    folder = write_scenario_dir(
        councils=_with(tiny_files["councils"], 0, members="viele"),
        tables={"councils": "gremien.csv", "sites": "sites.csv", "trainers": "trainers.csv"},
    )
    (folder / "councils.csv").rename(folder / "gremien.csv")

    problem = _only_problem(folder)

    assert (problem.file, problem.row, problem.column) == ("gremien.csv", 2, "members")


def test_scenario_settings_are_read(write_scenario_dir: WriteScenarioDir) -> None:
    folder = write_scenario_dir(
        period={"start": dt.date(2026, 1, 1), "end": dt.date(2026, 6, 30)},
        slots={"patterns": ["sat+sat7"], "blocked_dates": [dt.date(2026, 2, 7)]},
        rules={"min_participants": 10},
        solver={"time_limit_s": 5, "workers": 1},
    )
    scenario = read_scenario(folder)

    assert scenario.period.start == dt.date(2026, 1, 1)
    assert scenario.slots.patterns == ("sat+sat7",)
    assert scenario.slots.blocked_dates == (dt.date(2026, 2, 7),)
    assert scenario.rules.min_participants == 10
    assert scenario.rules.max_participants == 20  # the rest stays default
    assert (scenario.solver.time_limit_s, scenario.solver.workers) == (5, 1)


# --- line numbers: blank lines count as lines, never as rows; no row is dropped --------------


def test_blank_lines_are_not_rows_and_do_not_shift_line_numbers(
    write_scenario_dir: WriteScenarioDir,
    tiny_files: Files,
) -> None:
    header, dus, du, bi = _csv(_with(tiny_files["councils"], 2, members="zehn"))
    # line 1 header, 2 C-DUS, 3 blank, 4 only spaces, 5 only commas, 6 C-DU, 7 blank, 8 C-BI
    text = "\n".join([header, dus, "", "   ", ",,,,,", du, "", bi, "", ""]) + "\n"

    problem = _only_problem(write_scenario_dir(councils=text))

    assert (problem.file, problem.row, problem.column, problem.value) == (
        "councils.csv",
        8,
        "members",
        "zehn",
    )


def test_blank_lines_are_skipped_in_a_valid_table(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files
) -> None:
    header, *rows = _csv(tiny_files["councils"])
    text = "\r\n".join([header, "", rows[0], "", rows[1], rows[2], "", ""])  # Windows line ends
    scenario = read_scenario(write_scenario_dir(councils=text))
    assert [c.council_id for c in scenario.councils] == ["C-DUS", "C-DU", "C-BI"]


def test_a_quoted_cell_over_two_lines_keeps_later_line_numbers(
    write_scenario_dir: WriteScenarioDir,
    tiny_files: Files,
) -> None:
    header, dus, du, bi = _csv(_with(tiny_files["sites"], 2, interested="vielleicht"))
    dus = dus.replace("VHS Düsseldorf", '"VHS Düsseldorf\nBertha-von-Suttner-Platz"')

    problem = _only_problem(write_scenario_dir(sites="\n".join([header, dus, du, bi]) + "\n"))

    assert (problem.file, problem.row, problem.column) == ("sites.csv", 5, "interested")


@pytest.mark.parametrize("fields", [7, 5])
def test_a_row_with_a_wrong_number_of_fields_is_reported_not_dropped(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files, fields: int
) -> None:
    header, dus, du, bi = _csv(tiny_files["councils"])  # six columns
    du = du + ",9" if fields == 7 else du.rsplit(",", 1)[0]

    problem = _only_problem(write_scenario_dir(councils="\n".join([header, dus, du, bi])))

    assert (problem.file, problem.row, problem.column, problem.value) == (
        "councils.csv",
        3,
        None,
        f"{fields} Felder",
    )
    assert "6 Felder wie die Kopfzeile" in problem.expected


# --- one bad cell --------------------------------------------------------------------------------

# (table, index of the data row, column, bad cell, part of the expectation)
BAD_CELLS = [
    ("councils", 1, "ags", "05999999", "Gemeindeschlüssel einer NRW-Gemeinde"),
    ("councils", 1, "ags", "5112000", "8-stelligen Gemeindeschlüssel"),  # leading zero lost
    ("councils", 1, "members", "-1", "ganze Zahl ≥ 0"),
    ("councils", 1, "members", "zwölf", "ganze Zahl"),
    ("councils", 1, "members", "12.5", "ganze Zahl"),
    ("councils", 1, "members", "", "Pflichtfeld"),
    ("councils", 1, "interested_m1", "13", "≤ members (12)"),
    ("councils", 1, "interested_m2", "-3", "ganze Zahl ≥ 0"),
    ("councils", 1, "trained_m1", "drei", "ganze Zahl"),
    ("sites", 1, "partner_council_id", "C-DUU", "council_id eines Gremiums aus councils.csv"),
    ("sites", 1, "ags", "12345678", "Gemeindeschlüssel einer NRW-Gemeinde"),
    ("sites", 1, "interested", "vielleicht", "true oder false"),
    ("sites", 1, "blocked_dates", "2026-02-30", "JJJJ-MM-TT"),
    ("sites", 1, "blocked_dates", "2026-02-07;31.02.2026", "'31.02.2026' ungültig"),
    ("sites", 0, "lat", "51,2,2", "Dezimalpunkt oder -komma"),
    ("sites", 0, "lat", "95", "≤ 90"),
    ("sites", 0, "lon", "", "wenn lat angegeben ist"),
    ("trainers", 1, "role", "trainer", "educator oder council"),
    ("trainers", 1, "role", "", "Pflichtfeld"),
    ("trainers", 1, "home_ags", "05999999", "Gemeindeschlüssel einer NRW-Gemeinde"),
    ("trainers", 1, "max_events", "-2", "ganze Zahl ≥ 0"),
    ("trainers", 1, "max_events", "zwei", "ganze Zahl"),
    ("trainers", 1, "modules", "3", "1, 2 oder 1;2"),
    ("trainers", 1, "modules", "1,2", "1, 2 oder 1;2"),
    ("trainers", 1, "unavailable_dates", "2026-03-07;2026-13-01", "JJJJ-MM-TT"),
]


@pytest.mark.parametrize(
    ("table", "index", "column", "cell", "expected"),
    BAD_CELLS,
    ids=[f"{t}-{c}-{v or 'empty'}" for t, _, c, v, _ in BAD_CELLS],
)
def test_a_bad_cell_names_file_line_column_and_expectation(
    write_scenario_dir: WriteScenarioDir,
    tiny_files: Files,
    table: str,
    index: int,
    column: str,
    cell: str,
    expected: str,
) -> None:
    rows = _with(tiny_files[table], index, **{column: cell})

    problem = _only_problem(write_scenario_dir(**{table: rows}))

    assert (problem.file, problem.row, problem.column) == (f"{table}.csv", index + 2, column)
    assert problem.value == cell
    assert expected in problem.expected
    assert f"{table}.csv, Zeile {index + 2}, Spalte {column!r}: " in str(problem)


@pytest.mark.parametrize("table", ["councils", "sites", "trainers"])
def test_a_duplicate_id_names_both_lines(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files, table: str
) -> None:
    rows = tiny_files[table]
    id_column = next(iter(rows[0]))

    problem = _only_problem(write_scenario_dir(**{table: [*rows, rows[0]]}))

    assert (problem.file, problem.row, problem.column, problem.value) == (
        f"{table}.csv",
        len(rows) + 2,
        id_column,
        rows[0][id_column],
    )
    assert problem.expected == "eine eindeutige ID (schon in Zeile 2)"


def test_a_duplicate_id_is_found_even_when_the_row_is_bad_otherwise(
    write_scenario_dir: WriteScenarioDir,
    tiny_files: Files,
) -> None:
    duplicate = {**tiny_files["councils"][0], "members": "x"}
    problems = _problems(write_scenario_dir(councils=[*tiny_files["councils"], duplicate]))
    assert {(p.row, p.column) for p in problems} == {(5, "members"), (5, "council_id")}


@pytest.mark.parametrize(
    ("table", "column"),
    [
        ("councils", "members"),
        ("councils", "interested_m2"),
        ("sites", "interested"),
        ("sites", "site_id"),
        ("trainers", "role"),
        ("trainers", "max_events"),
    ],
)
def test_a_missing_column_names_the_header_line(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files, table: str, column: str
) -> None:
    rows = _without_column(tiny_files[table], column)

    problem = _only_problem(write_scenario_dir(**{table: rows}))

    assert (problem.file, problem.row, problem.column) == (f"{table}.csv", 1, column)
    assert problem.expected == "diese Spalte in der Kopfzeile"


def test_a_column_twice_in_the_header_is_an_error(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files
) -> None:
    header, *rows = _csv(tiny_files["trainers"])
    text = "\n".join([header + ",role", *(row + ",council" for row in rows)])

    problem = _only_problem(write_scenario_dir(trainers=text))

    assert (problem.file, problem.row, problem.column) == ("trainers.csv", 1, "role")


def test_a_site_of_an_unreadable_council_row_is_not_reported_twice(
    write_scenario_dir: WriteScenarioDir,
    tiny_files: Files,
) -> None:
    """C-DU's row is bad, but it exists: site DU's partner must not be reported as unknown."""
    problem = _only_problem(
        write_scenario_dir(councils=_with(tiny_files["councils"], 1, members="-5"))
    )
    assert (problem.file, problem.row, problem.column) == ("councils.csv", 3, "members")


# --- missing and unreadable files ---------------------------------------------------------------


def test_a_missing_scenario_yaml(write_scenario_dir: WriteScenarioDir) -> None:
    folder = write_scenario_dir()
    (folder / "scenario.yaml").unlink()

    problem = _only_problem(folder)

    assert problem.file.endswith("scenario.yaml")
    assert problem.expected == "Szenario-Datei fehlt"


def test_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    problem = _only_problem(tmp_path / "gibt-es-nicht")
    assert problem.expected == "Szenario-Datei fehlt"


@pytest.mark.parametrize("table", ["councils", "sites", "trainers"])
def test_a_missing_table_file(write_scenario_dir: WriteScenarioDir, table: str) -> None:
    folder = write_scenario_dir()
    (folder / f"{table}.csv").unlink()

    problem = _only_problem(folder)

    assert (problem.file, problem.row, problem.column) == (f"{table}.csv", None, None)
    assert problem.expected.startswith("Datei fehlt")


def test_an_empty_table_file_lacks_its_header(write_scenario_dir: WriteScenarioDir) -> None:
    problem = _only_problem(write_scenario_dir(trainers=""))
    assert (problem.file, problem.row) == ("trainers.csv", 1)
    assert "Kopfzeile" in problem.expected


def test_a_table_that_is_not_utf8_is_read_as_windows_1252(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files
) -> None:
    """German Excel saves CSV in Windows-1252: the "ü" of Düsseldorf must survive."""
    folder = write_scenario_dir()
    expected = read_scenario(folder)
    text = "\n".join(_csv(tiny_files["sites"])) + "\n"
    (folder / "sites.csv").write_bytes(text.encode("cp1252"))

    assert read_scenario(folder) == expected


def test_a_header_only_table_is_an_empty_table(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files
) -> None:
    header = _csv(tiny_files["trainers"])[0]
    scenario = read_scenario(write_scenario_dir(trainers=header + "\n"))
    assert scenario.trainers == ()


# --- scenario.yaml --------------------------------------------------------------------------------

# (changes to tiny_files["scenario"], key, part of the expectation)
BAD_YAML: list[tuple[Mapping[str, Any], str, str]] = [
    ({"rules": {"min_participants": -1}}, "rules.min_participants", "eine Zahl ≥ 1"),
    ({"rules": {"min_participant": 8}}, "rules.min_participant", "min_participants"),
    ({"rules": {"min_participants": 21}}, "rules", "größer als rules.max_participants"),
    ({"rules": 8}, "rules", "ein Wörterbuch"),
    ({"rules": {"module_gap_days": 1.5}}, "rules.module_gap_days", "eine ganze Zahl"),
    ({"slots": {"patterns": ["sun+mon"]}}, "slots.patterns.0", "'fri+sat'"),
    (
        {"slots": {"avoid_school_holidays": "vielleicht"}},
        "slots.avoid_school_holidays",
        "true oder false",
    ),
    ({"slots": {"blocked_dates": ["morgen"]}}, "slots.blocked_dates.0", "JJJJ-MM-TT"),
    ({"costs": {"road_factor": 0.5}}, "costs.road_factor", "eine Zahl ≥ 1"),
    ({"costs": {"km_rate_eur": float("inf")}}, "costs.km_rate_eur", "eine endliche Zahl"),
    ({"objective": {"module_weights": {3: 1}}}, "objective.module_weights", "unbekannte Module"),
    ({"period": {"start": "2026-06-01", "end": "2026-01-01"}}, "period", "liegt vor"),
    ({"solver": {"workers": -1}}, "solver.workers", "eine Zahl ≥ 0"),
    ({"budget": 5000}, "budget", "einen bekannten Schlüssel"),
    ({"budget_eur": "viel"}, "budget_eur", "eine Zahl ≥ 0"),
    ({"budget_eur": -1}, "budget_eur", "eine Zahl ≥ 0"),
    ({"name": None}, "name", "einen nicht leeren Namen"),
    ({"name": "../anderswo"}, "name", "ohne /"),
    ({"tables": {"council": "councils.csv"}}, "tables.council", "einen bekannten Schlüssel"),
    ({"tables": ["councils.csv"]}, "tables", "ein Wörterbuch"),
]


@pytest.mark.parametrize(
    ("changes", "key", "expected"), BAD_YAML, ids=[key for _, key, _ in BAD_YAML]
)
def test_a_bad_yaml_key_names_the_key_and_expectation(
    write_scenario_dir: WriteScenarioDir, changes: Mapping[str, Any], key: str, expected: str
) -> None:
    problem = _only_problem(write_scenario_dir(**changes))

    assert (problem.file, problem.column) == ("scenario.yaml", key)
    assert expected in problem.expected


@pytest.mark.parametrize("key", ["name", "budget_eur"])
def test_a_missing_required_yaml_key(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files, key: str
) -> None:
    scenario = {k: v for k, v in tiny_files["scenario"].items() if k != key}

    problem = _only_problem(write_scenario_dir(scenario=scenario))

    assert (problem.file, problem.column, problem.expected) == (
        "scenario.yaml",
        key,
        "diesen Pflichtschlüssel",
    )


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("name: tiny\nbudget_eur: 10000\nrules: {min_participants: 8\n", 4, "gültiges YAML"),
        ("name: tiny\nbudget_eur: 10000\nperiod: {start: 2026-13-01}\n", 3, "2026-13-01"),
        ("name: tiny\nbudget_eur: 10000\nslots: {blocked_dates: [2026-02-30]}\n", 3, "2026-02-30"),
        ("name: tiny\nbudget_eur: 10000\nname: klein\n", 3, "'name' doppelt"),
    ],
    ids=["syntax", "impossible-date", "impossible-blocked-date", "duplicate-key"],
)
def test_broken_yaml_names_its_line(
    write_scenario_dir: WriteScenarioDir, text: str, line: int, expected: str
) -> None:
    problem = _only_problem(write_scenario_dir(scenario=text))

    assert (problem.file, problem.row) == ("scenario.yaml", line)
    assert expected in problem.expected


def test_a_yaml_merge_key_may_be_overridden(write_scenario_dir: WriteScenarioDir) -> None:
    """``<<:`` merges are plain YAML; a key repeated after one is an override, not a duplicate."""
    text = (
        "name: tiny\nbudget_eur: 10000\n"
        "rules:\n  <<: {min_participants: 9, max_participants: 18}\n  min_participants: 10\n"
    )
    scenario = read_scenario(write_scenario_dir(scenario=text))
    assert (scenario.rules.min_participants, scenario.rules.max_participants) == (10, 18)


def test_yaml_that_is_not_a_mapping(write_scenario_dir: WriteScenarioDir) -> None:
    problem = _only_problem(write_scenario_dir(scenario="- name: tiny\n"))
    assert problem.expected == "ein YAML-Wörterbuch (key: value)"


# --- several problems at once -------------------------------------------------------------------


def test_all_problems_across_files_are_reported_at_once(
    write_scenario_dir: WriteScenarioDir,
    tiny_files: Files,
) -> None:
    folder = write_scenario_dir(
        rules={"min_participants": -1},
        councils=_with(_with(tiny_files["councils"], 0, ags="05999999"), 2, interested_m1="11"),
        sites=_with(tiny_files["sites"], 1, partner_council_id="C-XX", blocked_dates="2026-2-7"),
        trainers=[*_with(tiny_files["trainers"], 1, role="Trainer"), tiny_files["trainers"][0]],
    )

    problems = _problems(folder)

    assert {(p.file, p.row, p.column) for p in problems} == {
        ("scenario.yaml", None, "rules.min_participants"),
        ("councils.csv", 2, "ags"),
        ("councils.csv", 4, "interested_m1"),
        ("sites.csv", 3, "partner_council_id"),
        ("sites.csv", 3, "blocked_dates"),
        ("trainers.csv", 3, "role"),
        ("trainers.csv", 4, "trainer_id"),
    }
    assert len(problems) == 7
    message = str(InputError(problems))
    assert "councils.csv, Zeile 4, Spalte 'interested_m1'" in message


def test_missing_files_and_bad_cells_are_reported_together(
    write_scenario_dir: WriteScenarioDir,
    tiny_files: Files,
) -> None:
    folder = write_scenario_dir(councils=_with(tiny_files["councils"], 0, members="-1"))
    (folder / "trainers.csv").unlink()

    problems = _problems(folder)

    assert {(p.file, p.row, p.column) for p in problems} == {
        ("councils.csv", 2, "members"),
        ("trainers.csv", None, None),
    }


# --- German Excel CSV ----------------------------------------------------------------------------


def _german_excel_csv(rows: Rows, decimal_columns: tuple[str, ...] = (),
                      date_columns: tuple[str, ...] = ()) -> bytes:
    """A table as German Excel saves it: ``;``, decimal commas, TT.MM.JJJJ, Windows-1252."""
    def cell(column: str, text: str) -> str:
        if column in decimal_columns:
            text = text.replace(".", ",")
        if column in date_columns and text:
            text = ";".join(dt.date.fromisoformat(d).strftime("%d.%m.%Y")
                            for d in text.split(";"))
        return f'"{text}"' if ";" in text else text

    columns = list(rows[0])
    lines = [";".join(columns), *(";".join(cell(c, row[c]) for c in columns) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def test_german_excel_csv_reads_exactly_like_format_csv(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files
) -> None:
    sites = _with(tiny_files["sites"], 1, blocked_dates="2026-02-07;2026-02-14",
                  lat="51.43354", lon="6.74558")
    trainers = _with(tiny_files["trainers"], 0, unavailable_dates="2026-03-07",
                     home_lat="51.2", home_lon="6.8")
    expected = read_scenario(write_scenario_dir("format", sites=sites, trainers=trainers))
    german = write_scenario_dir("german")
    (german / "councils.csv").write_bytes(
        b"\xef\xbb\xbf" + _german_excel_csv(tiny_files["councils"]).decode("cp1252").encode()
    )  # this one in UTF-8 with BOM (Excel's "CSV UTF-8")
    (german / "sites.csv").write_bytes(
        _german_excel_csv(sites, ("lat", "lon"), ("blocked_dates",))
    )
    (german / "trainers.csv").write_bytes(
        _german_excel_csv(trainers, ("home_lat", "home_lon"), ("unavailable_dates",))
    )

    assert read_scenario(german) == expected


def test_german_dates_in_scenario_yaml(write_scenario_dir: WriteScenarioDir) -> None:
    folder = write_scenario_dir(period={"start": "01.10.2025", "end": "30.11.2026"},
                                slots={"blocked_dates": ["24.12.2025"]})
    scenario = read_scenario(folder)
    assert (scenario.period.start, scenario.period.end) == (dt.date(2025, 10, 1),
                                                           dt.date(2026, 11, 30))
    assert scenario.slots.blocked_dates == (dt.date(2025, 12, 24),)
