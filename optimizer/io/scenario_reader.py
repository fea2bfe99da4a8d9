"""Read a scenario (folder with ``scenario.yaml`` and CSV tables, or workbook) into a Scenario.

Every problem in every file is collected first and raised together as one
:class:`~optimizer.domain.errors.InputError`, each naming file, line, column, the value found
and what was expected (in German, for planners). No row is ever dropped silently: a row either
becomes a domain object or produces an error.

:func:`read_scenario` dispatches on the file type: a workbook (:data:`WORKBOOK_SUFFIXES`) is
read by :mod:`optimizer.io.workbook`, a folder or its ``scenario.yaml`` by
:mod:`optimizer.io.scenario_folder`. Both give a :class:`~optimizer.io.tables.ScenarioParts`:
the settings as YAML gives them and each table as a :class:`~optimizer.io.tables.TableSource`
of rows ``(line, {column: text})``. :func:`build_scenario` parses and checks those cells the
same way, whatever their origin (:data:`~optimizer.io.tables.COLUMNS`,
:mod:`optimizer.io.cells`); problems name the file or sheet, the line or Excel row, and the
column as the planner wrote it.

A municipality cell (``ags``, ``home_ags``) holds the 8-digit key of FORMAT.md or, as planners'
own lists often do, the municipality's name; a name is matched against the shipped gazetteer
(:mod:`optimizer.io.gazetteer`) and replaced by its key. A cell of digits is always read as a
key, exactly as FORMAT.md says (an unknown or shortened key stays an error); an ambiguous or
unknown name is an error that lists the closest names.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.geography import Reference
from optimizer.domain.scenario import (
    CatchmentSettings,
    CostSettings,
    EventTimes,
    Lock,
    ObjectiveSettings,
    Period,
    RuleSettings,
    Scenario,
    SlotSettings,
    SolverSettings,
)
from optimizer.io.cells import german_number_text, parse_ags
from optimizer.io.gazetteer import Gazetteer, match_problem_de
from optimizer.io.reference import load_reference
from optimizer.io.scenario_folder import read_folder_parts
from optimizer.io.tables import (
    AGS_COLUMN,
    COLUMNS,
    COORDINATE_COLUMNS,
    ID_COLUMN,
    LOCK_SCHEMA,
    MODELS,
    TABLES,
    Column,
    Problems,
    ScenarioParts,
    TableSource,
)
from optimizer.io.workbook import read_workbook_parts

_SETTINGS: dict[str, type[BaseModel]] = {
    "period": Period,
    "slots": SlotSettings,
    "catchment": CatchmentSettings,
    "rules": RuleSettings,
    "costs": CostSettings,
    "objective": ObjectiveSettings,
    "solver": SolverSettings,
    "event_times": EventTimes,
}
_TOP_KEYS = {"name", "budget_eur", "tables", *_SETTINGS}
#: File endings read as an Excel workbook (:mod:`optimizer.io.workbook`).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


class _Municipalities:
    """Parses a municipality cell: an 8-digit key as FORMAT.md says, or a name (gazetteer).

    The name index is built on the first name only, so key-only scenarios never pay for it.
    """

    def __init__(self, reference: Reference):
        self._reference = reference

    @cached_property
    def _gazetteer(self) -> Gazetteer:
        return Gazetteer(self._reference)

    def parse(self, text: str) -> str:
        if text.isdigit():
            return parse_ags(text)  # a key, even a wrong one: never guessed as a name
        match = self._gazetteer.match(text)
        if match.ags is None:
            raise ValueError(match_problem_de(match))
        return match.ags


# --- pydantic's (English) error types in German ----------------------------------------------

_DATE = "ein Datum im Format JJJJ-MM-TT"
_EXPECTED_DE = {
    "missing": "diesen Pflichtschlüssel",
    "int_type": "eine ganze Zahl",
    "int_parsing": "eine ganze Zahl",
    "int_from_float": "eine ganze Zahl",
    "float_type": "eine Zahl",
    "float_parsing": "eine Zahl",
    "finite_number": "eine endliche Zahl",
    "bool_type": "true oder false",
    "bool_parsing": "true oder false",
    "string_type": "einen Text",
    "string_too_short": "einen nicht leeren Text",
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "dict_type": "ein Wörterbuch (key: value)",
    "model_type": "ein Wörterbuch (key: value)",
    "model_attributes_type": "ein Wörterbuch (key: value)",
    "list_type": "eine Liste [a, b, …]",
    "tuple_type": "eine Liste [a, b, …]",
}
_BOUNDS_DE = {
    "greater_than_equal": ("≥", "ge"),
    "greater_than": (">", "gt"),
    "less_than_equal": ("≤", "le"),
    "less_than": ("<", "lt"),
}


def expected_de(error: Any, allowed: Any = ()) -> str:
    """What was expected, in German, for one pydantic error (``allowed``: the known keys)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in _EXPECTED_DE:
        return _EXPECTED_DE[kind]
    if kind in _BOUNDS_DE:
        sign, key = _BOUNDS_DE[kind]
        return f"eine Zahl {sign} {ctx.get(key)}"
    if kind == "literal_error":
        return f"einen dieser Werte: {str(ctx.get('expected', '')).replace(' or ', ', ')}"
    if kind == "extra_forbidden":
        known = ", ".join(sorted(allowed))
        return f"einen bekannten Schlüssel ({known})" if known else "keinen weiteren Schlüssel"
    message = str(error.get("msg", "ungültiger Wert"))
    return message.removeprefix("Value error, ")


# --- tables -------------------------------------------------------------------------------------


@dataclass
class _Table:
    """One table as read: parsed rows, and the raw cells of every well-formed row.

    ``records`` keeps rows that failed to parse, so that duplicate IDs, unknown municipality
    keys and partner councils are checked (and reported) for every row in the same run.
    ``ids`` holds the ID cell of every row, also of rows with a wrong number of fields.
    ``complete`` is False when the file is missing or lacks a required column, so its IDs are
    unknown and references to them cannot be checked.
    """

    file: str
    rows: list[tuple[int, BaseModel]] = field(default_factory=list)
    records: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    complete: bool = False
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, column: str) -> str:
        return self.labels.get(column, column)



def _row_problems(kind: str, values: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """Checks across the cells of one row: (column, value, expected)."""
    found = []
    if kind == "councils":
        for column in ("interested_m1", "interested_m2"):
            if values[column] > values["members"]:
                found.append(
                    (column, values[column], f"eine Zahl ≤ members ({values['members']})")
                )
    if kind in COORDINATE_COLUMNS:
        lat, lon = COORDINATE_COLUMNS[kind]
        for given, missing in ((lat, lon), (lon, lat)):
            if values[given] is not None and values[missing] is None:
                expected = f"einen Wert, wenn {given} angegeben ist (beide oder keine)"
                found.append((missing, "", expected))
    return found


def _parse_cells(
    schema: tuple[Column, ...],
    parsers: dict[str, Callable[[str], Any]],
    source: TableSource,
    line: int,
    cells: dict[str, str],
    problems: Problems,
) -> tuple[dict[str, Any], bool]:
    """One row's cells parsed by column (empty: the default), and whether all were fine;
    every empty required cell and every cell that does not parse is a problem."""
    values: dict[str, Any] = {}
    ok = True
    for column in schema:
        text = cells.get(column.name, "")
        if text == "":
            if column.required:
                problems.add(source.file, line, source.label(column.name), "",
                             "einen Wert (Pflichtfeld)")
                ok = False
            else:
                values[column.name] = column.default
            continue
        try:
            if source.german_numbers and column.kind in ("count", "float"):
                values[column.name] = parsers[column.name](
                    german_number_text(text, grouped=column.kind == "count"))
            else:
                values[column.name] = parsers[column.name](text)
        except ValueError as exc:
            problems.add(source.file, line, source.label(column.name), text, f"erwartet: {exc}")
            ok = False
    return values, ok


def _header_ok(schema: tuple[Column, ...], source: TableSource, problems: Problems) -> bool:
    """Every column at most once and every required column present in the header."""
    header_ok = True
    seen: set[str] = set()
    for column in source.header:
        if column and column in seen:
            problems.add(source.file, source.header_row, source.label(column), None,
                         "jede Spalte nur einmal in der Kopfzeile")
            header_ok = False
        seen.add(column)
    for c in schema:
        if c.required and c.name not in seen:
            problems.add(source.file, source.header_row, source.label(c.name), None,
                         "diese Spalte in der Kopfzeile")
            header_ok = False
    return header_ok


def _validate_table(
    kind: str, source: TableSource, problems: Problems, municipalities: _Municipalities
) -> _Table:
    """Parse one table's cells (CSV or sheet); every bad cell, row or header is a problem."""
    file = source.file
    table = _Table(file, labels=source.labels)
    schema = COLUMNS[kind]
    parsers = {column.name: column.parse for column in schema}
    parsers[AGS_COLUMN[kind]] = municipalities.parse  # a key or a name (module docstring)
    if not _header_ok(schema, source, problems):
        return table
    table.complete = True
    id_column = ID_COLUMN[kind]
    table.ids.update(source.broken_ids)
    for line, cells in source.records:
        table.ids.add(cells.get(id_column, ""))
        table.records.append((line, cells))
        values, ok = _parse_cells(schema, parsers, source, line, cells, problems)
        if not ok:
            continue
        row_problems = _row_problems(kind, values)
        for column, value, expected in row_problems:
            problems.add(file, line, source.label(column), value, expected)
        if row_problems:
            continue
        try:
            table.rows.append((line, MODELS[kind].model_validate(values)))
        except ValidationError as exc:
            for err in exc.errors():
                where = str(err["loc"][0]) if err["loc"] else None
                problems.add(file, line, None if where is None else source.label(where),
                             cells.get(where or ""), expected_de(err))
    return table


def _check_table_references(
    tables: dict[str, _Table], reference: Reference, problems: Problems
) -> None:
    """Duplicate IDs, unknown municipalities, unknown partner councils (R9), on every row."""
    for kind, table in tables.items():
        id_column, ags_column = ID_COLUMN[kind], AGS_COLUMN[kind]
        first_line: dict[str, int] = {}
        for line, cells in table.records:
            ident = cells.get(id_column, "")
            if ident in first_line:
                problems.add(
                    table.file, line, table.label(id_column), ident,
                    f"eine eindeutige ID (schon in Zeile {first_line[ident]})",
                )
            elif ident:
                first_line[ident] = line
            ags = cells.get(ags_column, "")
            if len(ags) == 8 and ags.isdigit() and ags not in reference.municipalities:
                problems.add(
                    table.file, line, table.label(ags_column), ags,
                    "einen Gemeindeschlüssel einer NRW-Gemeinde (siehe nrw_municipalities.csv)",
                )
    councils = tables["councils"]
    if not councils.complete:
        return  # its IDs are unknown; the missing file or column is reported already
    sites = tables["sites"]
    for line, cells in sites.records:
        partner = cells.get("partner_council_id", "")
        if partner and partner not in councils.ids:
            problems.add(
                sites.file, line, sites.label("partner_council_id"), partner,
                f"die council_id eines Gremiums aus {councils.file} (R9)",
            )



def _unknown_lock_ids(
    source: TableSource, line: int, values: dict[str, Any], tables: dict[str, _Table],
    problems: Problems,
) -> bool:
    """Whether a lock names a site, trainer or council its table does not have (each one is
    a problem; a table whose IDs are unknown, :attr:`_Table.complete`, is not checked)."""
    unknown = False
    for column, kind, ids in (
        ("site_id", "sites", [values["site_id"]]),
        ("trainer_ids", "trainers", list(values["trainer_ids"] or ())),
        ("councils", "councils", list(values["councils"] or ())),
    ):
        table = tables[kind]
        for ident in ids:
            if table.complete and ident not in table.ids:
                problems.add(source.file, line, source.label(column), ident,
                             f"eine ID aus {table.file}")
                unknown = True
    return unknown


def _read_locks(source: TableSource, tables: dict[str, _Table], problems: Problems) -> list[Lock]:
    """The locks table: every cell parsed, every ID checked against the other tables.

    Problems name file, line and column like every other table; a lock is identified by its
    event ID ``<site_id>-M<module>``, so a second row for the same site and module is an error.
    """
    file = source.file
    seen_columns = set(source.header)
    missing = [c for c in LOCK_SCHEMA if c.required and c.name not in seen_columns]
    for column in missing:
        problems.add(file, source.header_row, source.label(column.name), None,
                     "diese Spalte in der Kopfzeile")
    if missing:
        return []
    parsers = {column.name: column.parse for column in LOCK_SCHEMA}
    locks: list[Lock] = []
    first_line: dict[str, int] = {}
    for line, cells in source.records:
        values, ok = _parse_cells(LOCK_SCHEMA, parsers, source, line, cells, problems)
        if not ok or _unknown_lock_ids(source, line, values, tables, problems):
            continue
        if values["day2"] <= values["day1"]:
            problems.add(file, line, source.label("day2"), cells.get("day2"),
                         "ein Datum nach day1")
            continue
        lock = Lock(site_id=values["site_id"], module=values["module"],
                    days=(values["day1"], values["day2"]), trainer_ids=values["trainer_ids"],
                    councils=values["councils"])
        if lock.event_id in first_line:
            problems.add(file, line, source.label("module"), lock.event_id,
                         f"eine Festlegung je Standort und Modul (schon in Zeile "
                         f"{first_line[lock.event_id]})")
            continue
        first_line[lock.event_id] = line
        locks.append(lock)
    return locks


# --- the scenario -------------------------------------------------------------------------------


def read_scenario(path: str | Path, reference: Reference | None = None) -> Scenario:
    """Read and validate a scenario folder, its ``scenario.yaml``, or an Excel workbook.

    Raises :class:`InputError` listing every problem found in any of the files or sheets.
    """
    reference = reference or load_reference()
    path = Path(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return build_scenario(read_workbook_parts(path), reference)
    return build_scenario(read_folder_parts(path), reference)


def _non_finite(value: Any, where: str) -> Iterator[str]:
    """Keys (dotted) whose value is ``.nan`` or ``.inf``."""
    if isinstance(value, float) and not math.isfinite(value):
        yield where
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _non_finite(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _non_finite(item, f"{where}.{index}")


def _row_of(parts: ScenarioParts, column: str) -> int | None:
    """The sheet row of a dotted settings key, or of the nearest key above it."""
    while column:
        if column in parts.key_rows:
            return parts.key_rows[column]
        column = column.rpartition(".")[0]
    return None


def _settings(parts: ScenarioParts) -> dict[str, Any]:
    """The settings groups (``period``, ``rules`` …) as their models; every unknown key,
    non-finite number and invalid setting is a problem."""
    raw, yname, problems = parts.raw, parts.settings_file, parts.problems
    for key in sorted(set(raw) - _TOP_KEYS, key=str):
        problems.add(yname, _row_of(parts, str(key)), str(key), None,
                     f"einen bekannten Schlüssel ({', '.join(sorted(_TOP_KEYS))})")
    for where in _non_finite(raw, ""):
        problems.add(yname, _row_of(parts, where.lstrip(".")), where.lstrip("."), None,
                     "eine endliche Zahl")
    settings: dict[str, Any] = {}
    for key, model in _SETTINGS.items():
        if raw.get(key) is None:
            continue
        try:
            settings[key] = model.model_validate(raw[key])
        except ValidationError as exc:
            for err in exc.errors():
                column = ".".join([key, *(str(p) for p in err["loc"])])
                problems.add(yname, _row_of(parts, column), column, err.get("input"),
                             expected_de(err, model.model_fields))
    return settings


def _check_name_and_budget(parts: ScenarioParts) -> None:
    """``name`` (it names the output folder) and ``budget_eur`` (R16) are required."""
    raw, yname, problems = parts.raw, parts.settings_file, parts.problems
    for key in ("name", "budget_eur"):
        if key not in raw:
            problems.add(yname, None, key, None, "diesen Pflichtschlüssel")
    name = raw.get("name")
    if "name" in raw and (
        not isinstance(name, str | int) or isinstance(name, bool)
        or str(name).strip() in {"", ".", ".."} or any(c in str(name) for c in "/\\")
    ):
        problems.add(yname, _row_of(parts, "name"), "name", name,
                     "einen nicht leeren Namen ohne / oder \\ (er benennt den Ausgabeordner)")
    budget = raw.get("budget_eur")
    if "budget_eur" in raw and (
        isinstance(budget, bool) or not isinstance(budget, int | float)
        or not math.isfinite(budget) or budget < 0
    ):
        problems.add(yname, _row_of(parts, "budget_eur"), "budget_eur", budget,
                     "eine Zahl ≥ 0 (Euro)")


def _tables(parts: ScenarioParts, reference: Reference) -> dict[str, _Table]:
    """The three tables parsed and their IDs and references checked (R9)."""
    tables: dict[str, _Table] = {}
    municipalities = _Municipalities(reference)
    for kind in TABLES:
        source = parts.sources[kind]
        tables[kind] = (
            _Table(source) if isinstance(source, str)
            else _validate_table(kind, source, parts.problems, municipalities)
        )
    _check_table_references(tables, reference, parts.problems)
    return tables


def build_scenario(parts: ScenarioParts, reference: Reference) -> Scenario:
    """The scenario from its settings (as YAML gives them) and its tables' cells.

    ``parts`` comes from either input form (module docstring). Raises every problem at once:
    those found while reading and those found here.
    """
    settings = _settings(parts)
    _check_name_and_budget(parts)
    tables = _tables(parts, reference)
    locks_source = parts.sources.get("locks")
    locks = (
        _read_locks(locks_source, tables, parts.problems)
        if isinstance(locks_source, TableSource) else []
    )
    parts.problems.raise_if_any()
    raw = parts.raw
    try:
        return Scenario(
            name=str(raw.get("name")),
            budget_eur=float(raw["budget_eur"]),
            councils=tuple(r for _, r in tables["councils"].rows),  # type: ignore[misc]
            sites=tuple(r for _, r in tables["sites"].rows),  # type: ignore[misc]
            trainers=tuple(r for _, r in tables["trainers"].rows),  # type: ignore[misc]
            locks=tuple(locks),
            **settings,
        )
    except ValidationError as exc:  # cross-field rules not caught above
        raise InputError(
            [InputProblem(parts.settings_file, None, ".".join(map(str, e["loc"])) or None, None,
                          expected_de(e))
             for e in exc.errors()]
        ) from None
