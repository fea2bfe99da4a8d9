"""Read a scenario (folder with ``scenario.yaml`` and CSV tables, or workbook) into a Scenario.

Every problem in every file is collected first and raised together as one
:class:`~optimizer.domain.errors.InputError`, each naming file, line, column, the value found
and what was expected (in German, for planners). No row is ever dropped silently: a row either
becomes a domain object or produces an error.

Line numbers are those a text editor shows: the header is line 1, and a blank line still
counts as a line (but is not a row). The tables are read with the standard ``csv`` module
rather than pandas, because only it tells the physical line of each record (a quoted cell
may span lines) and never shifts cells into an implicit index when a row has a field too
many; a row whose number of fields differs from the header is an error.

Both input forms feed one validator: a CSV file (:func:`_csv_source`) or a workbook sheet
(:mod:`optimizer.io.workbook`) becomes a :class:`TableSource` of rows ``(line, {column:
text})``, and :func:`build_scenario` parses and checks those cells the same way, whatever
their origin; problems name the file or sheet, the line or Excel row, and the column as the
planner wrote it.

CSV as German Excel writes it reads exactly like FORMAT.md's CSV: the separator (``,``,
``;`` or tab) is taken from the header line; UTF-8 with or without BOM, and a file that is
not valid UTF-8 is decoded as Windows-1252 (:func:`decode_text`); numbers may use a decimal
comma (``51,2203``) and dates may be written ``TT.MM.JJJJ`` (also in ``scenario.yaml``).

A municipality cell (``ags``, ``home_ags``) holds the 8-digit key of FORMAT.md or, as planners'
own lists often do, the municipality's name; a name is matched against the shipped gazetteer
(:mod:`optimizer.io.gazetteer`) and replaced by its key. A cell of digits is always read as a
key, exactly as FORMAT.md says (an unknown or shortened key stays an error); an ambiguous or
unknown name is an error that lists the closest names.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.geography import Reference
from optimizer.domain.scenario import (
    CatchmentSettings,
    CostSettings,
    Council,
    Lock,
    ObjectiveSettings,
    Period,
    RuleSettings,
    Scenario,
    Site,
    SlotSettings,
    SolverSettings,
    Trainer,
)
from optimizer.io.gazetteer import Gazetteer, match_problem_de
from optimizer.io.reference import load_reference

T = TypeVar("T")

_SETTINGS: dict[str, type[BaseModel]] = {
    "period": Period,
    "slots": SlotSettings,
    "catchment": CatchmentSettings,
    "rules": RuleSettings,
    "costs": CostSettings,
    "objective": ObjectiveSettings,
    "solver": SolverSettings,
}
_TOP_KEYS = {"name", "budget_eur", "tables", *_SETTINGS}
_TABLES = ("councils", "sites", "trainers")

_TRUE = {"true", "1", "yes", "ja", "wahr", "x", "y", "j"}
_FALSE = {"false", "0", "no", "nein", "falsch", ""}


class Problems:
    """Collects problems while reading; raises them all at the end."""

    def __init__(self) -> None:
        self.items: list[InputProblem] = []

    def add(
        self, file: str, row: int | None, column: str | None, value: Any, expected: str
    ) -> None:
        shown = None if value is None else str(value)
        self.items.append(InputProblem(file, row, column, shown, expected))

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)


# --- cell parsers: each returns the parsed value or raises ValueError(expected) ---------------


def _number_text(text: str) -> str:
    """A number as German Excel writes it (``51,2203``) in Python's form (``51.2203``).

    Only a single comma without any point is read as a decimal comma; anything else is left
    as it is (and fails to parse if it is no number), so ``1.234,5`` is never guessed.
    """
    if text.count(",") == 1 and "." not in text:
        return text.replace(",", ".")
    return text


def _parse_int(text: str) -> int:
    try:
        value = float(_number_text(text))
    except ValueError:
        raise ValueError("eine ganze Zahl") from None
    if not value.is_integer():
        raise ValueError("eine ganze Zahl")
    return int(value)


def _parse_count(text: str) -> int:
    value = _parse_int(text)
    if value < 0:
        raise ValueError("eine ganze Zahl ≥ 0")
    return value


def _parse_float(text: str) -> float:
    try:
        value = float(_number_text(text))
    except ValueError:
        raise ValueError("eine Zahl (Dezimalpunkt oder -komma)") from None
    if not math.isfinite(value):
        raise ValueError("eine Zahl (Dezimalpunkt oder -komma)")
    return value


def _parse_ags(text: str) -> str:
    if len(text) != 8 or not text.isdigit():
        raise ValueError(
            "einen 8-stelligen Gemeindeschlüssel (AGS) mit führender Null, z. B. 05111000"
        )
    return text


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
            return _parse_ags(text)  # a key, even a wrong one: never guessed as a name
        match = self._gazetteer.match(text)
        if match.ags is None:
            raise ValueError(match_problem_de(match))
        return match.ags


def _parse_bool(text: str) -> bool:
    low = text.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError("true oder false")


_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_date(text: str) -> dt.date:
    """One date, ISO (``2026-02-07``, FORMAT.md) or German (``07.02.2026``, ``7.2.2026``)."""
    german = _GERMAN_DATE.fullmatch(text.strip())
    if german:
        day, month, year = (int(g) for g in german.groups())
        return dt.date(year, month, day)  # ValueError for 30.02.2026
    return dt.date.fromisoformat(text.strip())


def _parse_dates(text: str) -> tuple[dt.date, ...]:
    """Dates separated by ``;`` (FORMAT.md) or ``,`` (a date never holds a comma)."""
    days = []
    for part in (p.strip() for p in re.split(r"[;,]", text)):
        if not part:
            continue
        try:
            days.append(parse_date(part))
        except ValueError:
            raise ValueError(
                "Daten im Format JJJJ-MM-TT oder TT.MM.JJJJ, durch ';' getrennt "
                f"({part!r} ungültig)"
            ) from None
    return tuple(days)


def _parse_modules(text: str) -> tuple[int, ...]:
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if not parts or any(p not in {"1", "2"} for p in parts):
        raise ValueError("1, 2 oder 1;2")
    return tuple(sorted({int(p) for p in parts}))


def _parse_role(text: str) -> str:
    if text not in {"educator", "council"}:
        raise ValueError("educator oder council")
    return text


_STATUS = {"required": "required", "candidate": "candidate", "excluded": "excluded",
           "pflicht": "required", "kandidat": "candidate", "ausgeschlossen": "excluded"}


def _parse_status(text: str) -> str:
    """A site's status (README "Re-planning"); German words accepted too."""
    status = _STATUS.get(text.strip().lower())
    if status is None:
        raise ValueError("required, candidate oder excluded (leer: candidate)")
    return status


def _parse_module(text: str) -> int:
    if text.strip() not in {"1", "2"}:
        raise ValueError("1 oder 2")
    return int(text)


def _parse_date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError:
        raise ValueError("ein Datum im Format JJJJ-MM-TT oder TT.MM.JJJJ") from None


def _parse_ids(text: str) -> tuple[str, ...]:
    ids = tuple(p.strip() for p in text.split(";") if p.strip())
    if not 1 <= len(ids) <= 2 or len(set(ids)) != len(ids):
        raise ValueError("eine oder zwei verschiedene trainer_id, durch ';' getrennt")
    return ids


def _parse_lock_councils(text: str) -> dict[str, int]:
    """``C1:9;C2:5``: council IDs with the members each sends."""
    councils: dict[str, int] = {}
    for part in (p.strip() for p in text.split(";") if p.strip()):
        ident, sep, count = part.rpartition(":")
        if not sep or not ident.strip() or ident.strip() in councils:
            raise ValueError("Gremien als council_id:Mitglieder, durch ';' getrennt "
                             "(z. B. C1:9;C2:5), jedes Gremium einmal")
        try:
            councils[ident.strip()] = _parse_count(count.strip())
        except ValueError:
            raise ValueError(f"eine ganze Zahl ≥ 0 nach {ident.strip()}:") from None
    return councils


def _parse_text(text: str) -> str:
    if not text:
        raise ValueError("einen nicht leeren Text")
    return text


# column -> (parser, required, default when the cell is empty)
_Column = tuple[Callable[[str], Any], bool, Any]
_SCHEMAS: dict[str, dict[str, _Column]] = {
    "councils": {
        "council_id": (_parse_text, True, None),
        "ags": (_parse_ags, True, None),
        "members": (_parse_count, True, None),
        "interested_m1": (_parse_count, True, None),
        "interested_m2": (_parse_count, True, None),
        "trained_m1": (_parse_count, False, 0),
    },
    "sites": {
        "site_id": (_parse_text, True, None),
        "name": (_parse_text, True, None),
        "ags": (_parse_ags, True, None),
        "lat": (_parse_float, False, None),
        "lon": (_parse_float, False, None),
        "address": (_parse_text, False, None),  # geocoded only with --geocode (geocoding.py)
        "partner_council_id": (_parse_text, False, None),
        "interested": (_parse_bool, True, None),
        "blocked_dates": (_parse_dates, False, ()),
        "status": (_parse_status, False, "candidate"),
    },
    "trainers": {
        "trainer_id": (_parse_text, True, None),
        "role": (_parse_role, True, None),
        "home_ags": (_parse_ags, True, None),
        "home_lat": (_parse_float, False, None),
        "home_lon": (_parse_float, False, None),
        "max_events": (_parse_count, True, None),
        "modules": (_parse_modules, False, (1, 2)),
        "unavailable_dates": (_parse_dates, False, ()),
    },
}
_MODELS: dict[str, type[BaseModel]] = {"councils": Council, "sites": Site, "trainers": Trainer}
_ID_COLUMN = {"councils": "council_id", "sites": "site_id", "trainers": "trainer_id",
              "locks": "site_id"}
#: The optional table of confirmed events (README "Re-planning"), one row per locked event.
_LOCK_SCHEMA: dict[str, _Column] = {
    "site_id": (_parse_text, True, None),
    "module": (_parse_module, True, None),
    "day1": (_parse_date, True, None),
    "day2": (_parse_date, True, None),
    "trainer_ids": (_parse_ids, True, None),
    "councils": (_parse_lock_councils, False, None),
}
_AGS_COLUMN = {"councils": "ags", "sites": "ags", "trainers": "home_ags"}
# Coordinates count only as a pair (RULES.md: "its own lat/lon if given").
_COORDINATES = {"sites": ("lat", "lon"), "trainers": ("home_lat", "home_lon")}


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
class TableSource:
    """One table's raw cells, from a CSV file or a workbook sheet, before any parsing.

    Both input forms end here, so a workbook cell and a CSV cell go through the same parsing
    and checks. ``header`` holds FORMAT.md's column names (a workbook's German headers are
    mapped already); ``labels`` names columns in problems as the planner sees them (FORMAT
    name when absent). ``records`` are the data rows as (line or sheet row, {column: text}).
    ``broken_ids`` holds the ID cell of rows the source could not split into cells (they are
    reported by the source, but their IDs still count as known for references).
    """

    file: str
    header: list[str]
    records: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    broken_ids: set[str] = field(default_factory=set)
    header_row: int = 1

    def label(self, column: str) -> str:
        return self.labels.get(column, column)


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


def decode_text(data: bytes) -> str:
    """Text of a file as planners' tools write it: UTF-8 (with or without BOM), else cp1252.

    German Excel saves "CSV (Trennzeichen-getrennt)" in Windows-1252; a file that is not valid
    UTF-8 is decoded so (cp1252 is Latin-1 plus typographic characters; Latin-1 takes the five
    bytes cp1252 leaves undefined, so decoding never fails). Valid UTF-8 wins: a Latin-1 text
    with umlauts is practically never valid UTF-8.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def sniff_delimiter(header_line: str) -> str:
    """``;`` (German Excel), tab or ``,`` (FORMAT.md): the one the header line uses most.

    Column names never hold these characters, so the header decides; a tie keeps ``,``.
    """
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts[","] else ","


def _csv_source(file: str, path: Path, kind: str, problems: Problems) -> TableSource | None:
    """The cells of a CSV table (``None`` with a problem when it cannot be read at all).

    Line numbers are those a text editor shows: a quoted cell may span lines, so each record
    is numbered by the line it starts on. A row whose number of fields differs from the
    header is reported here, and its ID cell kept for references.
    """
    if not path.is_file():
        problems.add(file, None, None, None, f"Datei fehlt: {path}")
        return None
    try:
        text = decode_text(path.read_bytes())
    except OSError as exc:
        problems.add(file, None, None, None, f"eine lesbare Datei ({exc.strerror or exc})")
        return None
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    records: list[tuple[int, list[str]]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        line = 1
        for cells in reader:
            records.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.add(file, None, None, None, f"eine lesbare CSV-Datei ({exc})")
        return None
    if not records:
        problems.add(file, 1, None, None, "eine Kopfzeile mit den Spaltennamen")
        return None
    header = [cell.strip().lstrip("\ufeff") for cell in records[0][1]]
    source = TableSource(file, header)
    id_column = _ID_COLUMN[kind]
    id_index = header.index(id_column) if id_column in header else None
    for line, fields in records[1:]:
        if not any(cell.strip() for cell in fields):
            continue  # an empty line (or only separators): not a row
        if len(fields) != len(header):
            if id_index is not None and id_index < len(fields):
                source.broken_ids.add(fields[id_index].strip())
            problems.add(
                file, line, None, f"{len(fields)} Felder",
                f"{len(header)} Felder wie die Kopfzeile (Text mit Trennzeichen "
                "in Anführungszeichen)",
            )
            continue
        source.records.append(
            (line, {column: cell.strip() for column, cell in zip(header, fields, strict=True)})
        )
    return source


def _row_problems(kind: str, values: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """Checks across the cells of one row: (column, value, expected)."""
    found = []
    if kind == "councils":
        for column in ("interested_m1", "interested_m2"):
            if values[column] > values["members"]:
                found.append(
                    (column, values[column], f"eine Zahl ≤ members ({values['members']})")
                )
    if kind in _COORDINATES:
        lat, lon = _COORDINATES[kind]
        for given, missing in ((lat, lon), (lon, lat)):
            if values[given] is not None and values[missing] is None:
                expected = f"einen Wert, wenn {given} angegeben ist (beide oder keine)"
                found.append((missing, "", expected))
    return found


def _validate_table(
    kind: str, source: TableSource, problems: Problems, municipalities: _Municipalities
) -> _Table:
    """Parse one table's cells (CSV or sheet); every bad cell, row or header is a problem."""
    file = source.file
    table = _Table(file, labels=source.labels)
    schema = _SCHEMAS[kind]
    parsers = {column: parse for column, (parse, _, _) in schema.items()}
    parsers[_AGS_COLUMN[kind]] = municipalities.parse  # a key or a name (module docstring)
    header_ok = True
    seen: set[str] = set()
    for column in source.header:
        if column and column in seen:
            problems.add(file, source.header_row, source.label(column), None,
                         "jede Spalte nur einmal in der Kopfzeile")
            header_ok = False
        seen.add(column)
    for column, (_, required, _) in schema.items():
        if required and column not in seen:
            problems.add(file, source.header_row, source.label(column), None,
                         "diese Spalte in der Kopfzeile")
            header_ok = False
    if not header_ok:
        return table
    table.complete = True
    id_column = _ID_COLUMN[kind]
    table.ids.update(source.broken_ids)
    for line, cells in source.records:
        table.ids.add(cells.get(id_column, ""))
        table.records.append((line, cells))
        values: dict[str, Any] = {}
        ok = True
        for column, (_, required, default) in schema.items():
            text = cells.get(column, "")
            if text == "":
                if required:
                    problems.add(file, line, source.label(column), "", "einen Wert (Pflichtfeld)")
                    ok = False
                else:
                    values[column] = default
                continue
            try:
                values[column] = parsers[column](text)
            except ValueError as exc:
                problems.add(file, line, source.label(column), text, f"erwartet: {exc}")
                ok = False
        if not ok:
            continue
        row_problems = _row_problems(kind, values)
        for column, value, expected in row_problems:
            problems.add(file, line, source.label(column), value, expected)
        if row_problems:
            continue
        try:
            table.rows.append((line, _MODELS[kind].model_validate(values)))
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
        id_column, ags_column = _ID_COLUMN[kind], _AGS_COLUMN[kind]
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


# --- scenario.yaml ------------------------------------------------------------------------------


class _YamlLoader(yaml.SafeLoader):
    """Safe YAML that reports impossible dates and repeated keys with their line."""

    def construct_yaml_timestamp(self, node: Any) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise yaml.constructor.ConstructorError(
                None, None, f"ungültiges Datum {node.value!r}", node.start_mark
            ) from None

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            keys: set[Any] = set()
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue  # ``<<: *anchor``: its keys may be overridden here
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, str | int | float | bool | dt.date):
                    continue  # SafeLoader itself rejects unhashable keys
                if key in keys:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"Schlüssel {key!r} doppelt", key_node.start_mark
                    )
                keys.add(key)
        return super().construct_mapping(node, deep=deep)


_YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _YamlLoader.construct_yaml_timestamp)


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


def _scenario_yaml(path: Path) -> Path:
    return path / "scenario.yaml" if path.is_dir() else path


def _read_yaml(yaml_path: Path) -> dict[Any, Any]:
    yname = yaml_path.name
    if not yaml_path.is_file():
        raise InputError([InputProblem(str(yaml_path), None, None, None, "Szenario-Datei fehlt")])
    try:
        text = decode_text(yaml_path.read_bytes())
    except OSError as exc:
        raise InputError(
            [InputProblem(yname, None, None, None, f"eine lesbare Datei ({exc.strerror or exc})")]
        ) from None
    try:
        raw = yaml.load(text, Loader=_YamlLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        line = None if mark is None else mark.line + 1
        place = "" if mark is None else f", Zeichen {mark.column + 1}"
        raise InputError(
            [InputProblem(yname, line, None, None, f"gültiges YAML ({problem}{place})")]
        ) from None
    if not isinstance(raw, dict):
        raise InputError(
            [InputProblem(yname, None, None, None, "ein YAML-Wörterbuch (key: value)")]
        )
    return _with_german_dates(raw)


def _german_date_or_same(value: Any) -> Any:
    if isinstance(value, str) and _GERMAN_DATE.fullmatch(value.strip()):
        try:
            return parse_date(value)
        except ValueError:
            return value  # reported by the settings model, with the text as found
    return value


def _with_german_dates(raw: dict[Any, Any]) -> dict[Any, Any]:
    """``TT.MM.JJJJ`` strings (YAML reads only ISO dates as dates) in the date settings."""
    period, slots = raw.get("period"), raw.get("slots")
    if isinstance(period, dict):
        raw["period"] = {k: _german_date_or_same(v) for k, v in period.items()}
    if isinstance(slots, dict) and isinstance(slots.get("blocked_dates"), list):
        raw["slots"] = {**slots,
                        "blocked_dates": [_german_date_or_same(v) for v in slots["blocked_dates"]]}
    return raw


#: File endings read as an Excel workbook (:mod:`optimizer.io.workbook`).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def read_scenario(path: str | Path, reference: Reference | None = None) -> Scenario:
    """Read and validate a scenario folder, its ``scenario.yaml``, or an Excel workbook.

    Raises :class:`InputError` listing every problem found in any of the files or sheets.
    """
    reference = reference or load_reference()
    path = Path(path)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from optimizer.io.workbook import read_workbook_parts  # openpyxl only when needed

        parts = read_workbook_parts(path)
        return build_scenario(parts.raw, parts.settings_file, parts.sources, parts.problems,
                              reference, parts.key_rows)
    problems = Problems()
    yaml_path = _scenario_yaml(path)
    yname = yaml_path.name
    raw = _read_yaml(yaml_path)
    table_names = raw.get("tables") or {}
    if not isinstance(table_names, dict):
        problems.add(yname, None, "tables", table_names, "ein Wörterbuch councils/sites/trainers")
        table_names = {}
    for key in sorted(set(table_names) - {*_TABLES, "locks"}, key=str):
        problems.add(yname, None, f"tables.{key}", None,
                     f"einen bekannten Schlüssel ({', '.join(_TABLES)})")
    sources: dict[str, TableSource | str] = {}
    for kind in _TABLES:
        filename = table_names.get(kind, f"{kind}.csv")
        if not isinstance(filename, str) or not filename.strip():
            problems.add(yname, None, f"tables.{kind}", filename, "einen Dateinamen")
            sources[kind] = f"{kind}.csv"
            continue
        sources[kind] = (
            _csv_source(filename, yaml_path.parent / filename, kind, problems) or filename
        )
    locks_name = table_names.get("locks")
    if locks_name is not None:
        if not isinstance(locks_name, str) or not locks_name.strip():
            problems.add(yname, None, "tables.locks", locks_name, "einen Dateinamen")
        else:
            sources["locks"] = (
                _csv_source(locks_name, yaml_path.parent / locks_name, "locks", problems)
                or locks_name
            )
    return build_scenario(raw, yname, sources, problems, reference)


def build_scenario(
    raw: dict[Any, Any],
    settings_file: str,
    sources: dict[str, TableSource | str],
    problems: Problems,
    reference: Reference,
    key_rows: dict[str, int] | None = None,
) -> Scenario:
    """The scenario from its settings (as YAML gives them) and its tables' cells.

    ``sources`` maps each table to its cells, or to its file name when it could not be read
    (that problem is in ``problems`` already). ``key_rows`` gives the sheet row of each
    dotted settings key, for a workbook's Szenario sheet. Raises every problem at once.
    """
    yname = settings_file
    key_rows = key_rows or {}

    def row_of(column: str) -> int | None:
        while column:
            if column in key_rows:
                return key_rows[column]
            column = column.rpartition(".")[0]
        return None

    for key in sorted(set(raw) - _TOP_KEYS, key=str):
        problems.add(yname, row_of(str(key)), str(key), None,
                     f"einen bekannten Schlüssel ({', '.join(sorted(_TOP_KEYS))})")
    for where in _non_finite(raw, ""):
        problems.add(yname, row_of(where.lstrip(".")), where.lstrip("."), None,
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
                problems.add(yname, row_of(column), column, err.get("input"),
                             expected_de(err, model.model_fields))
    for key in ("name", "budget_eur"):
        if key not in raw:
            problems.add(yname, None, key, None, "diesen Pflichtschlüssel")
    name = raw.get("name")
    if "name" in raw and (
        not isinstance(name, str | int) or isinstance(name, bool)
        or str(name).strip() in {"", ".", ".."} or any(c in str(name) for c in "/\\")
    ):
        problems.add(yname, row_of("name"), "name", name,
                     "einen nicht leeren Namen ohne / oder \\ (er benennt den Ausgabeordner)")
    budget = raw.get("budget_eur")
    if "budget_eur" in raw and (
        isinstance(budget, bool) or not isinstance(budget, int | float)
        or not math.isfinite(budget) or budget < 0
    ):
        problems.add(yname, row_of("budget_eur"), "budget_eur", budget, "eine Zahl ≥ 0 (Euro)")

    tables: dict[str, _Table] = {}
    municipalities = _Municipalities(reference)
    for kind in _TABLES:
        source = sources[kind]
        tables[kind] = (
            _Table(source) if isinstance(source, str)
            else _validate_table(kind, source, problems, municipalities)
        )
    _check_table_references(tables, reference, problems)
    locks_source = sources.get("locks")
    locks = (
        _read_locks(locks_source, tables, problems)
        if isinstance(locks_source, TableSource) else []
    )
    problems.raise_if_any()

    try:
        return Scenario(
            name=str(name),
            budget_eur=float(raw["budget_eur"]),
            councils=tuple(r for _, r in tables["councils"].rows),  # type: ignore[misc]
            sites=tuple(r for _, r in tables["sites"].rows),  # type: ignore[misc]
            trainers=tuple(r for _, r in tables["trainers"].rows),  # type: ignore[misc]
            locks=tuple(locks),
            **settings,
        )
    except ValidationError as exc:  # cross-field rules not caught above
        raise InputError(
            [InputProblem(yname, None, ".".join(map(str, e["loc"])) or None, None, expected_de(e))
             for e in exc.errors()]
        ) from None


def _read_locks(source: TableSource, tables: dict[str, _Table], problems: Problems) -> list[Lock]:
    """The locks table: every cell parsed, every ID checked against the other tables.

    Problems name file, line and column like every other table; a lock is identified by its
    event ID ``<site_id>-M<module>``, so a second row for the same site and module is an error.
    """
    file = source.file
    seen_columns = set(source.header)
    for column, (_, required, _) in _LOCK_SCHEMA.items():
        if required and column not in seen_columns:
            problems.add(file, source.header_row, source.label(column), None,
                         "diese Spalte in der Kopfzeile")
    if any(req and col not in seen_columns for col, (_, req, _) in _LOCK_SCHEMA.items()):
        return []
    known = {kind: (table.ids if table.complete else None) for kind, table in tables.items()}
    locks: list[Lock] = []
    first_line: dict[str, int] = {}
    for line, cells in source.records:
        values: dict[str, Any] = {}
        ok = True
        for column, (parse, required, default) in _LOCK_SCHEMA.items():
            text = cells.get(column, "")
            if text == "":
                if required:
                    problems.add(file, line, source.label(column), "", "einen Wert (Pflichtfeld)")
                    ok = False
                values[column] = default
                continue
            try:
                values[column] = parse(text)
            except ValueError as exc:
                problems.add(file, line, source.label(column), text, f"erwartet: {exc}")
                ok = False
        for column, kind, ids in (
            ("site_id", "sites", [values.get("site_id")] if ok else []),
            ("trainer_ids", "trainers", list(values.get("trainer_ids") or ()) if ok else []),
            ("councils", "councils", list(values.get("councils") or ()) if ok else []),
        ):
            pool = known[kind]
            for ident in ids:
                if pool is not None and ident not in pool:
                    problems.add(file, line, source.label(column), ident,
                                 f"eine ID aus {tables[kind].file}")
                    ok = False
        if not ok:
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
