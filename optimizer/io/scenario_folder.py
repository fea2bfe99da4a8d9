"""A scenario as a FORMAT.md folder: ``scenario.yaml`` and its CSV tables, read into parts.

:func:`read_folder_parts` reads the settings file and the tables it names into a
:class:`~optimizer.io.tables.ScenarioParts`; :func:`optimizer.io.scenario_reader.build_scenario`
parses and checks them the same way as a workbook's (:mod:`optimizer.io.workbook`).

Line numbers are those a text editor shows: the header is line 1, and a blank line still
counts as a line (but is not a row). The tables are read with the standard ``csv`` module
rather than pandas, because only it tells the physical line of each record (a quoted cell
may span lines) and never shifts cells into an implicit index when a row has a field too
many; a row whose number of fields differs from the header is an error.

CSV as German Excel writes it reads exactly like FORMAT.md's CSV: the separator (``,``,
``;`` or tab) is taken from the header line; UTF-8 with or without BOM, and a file that is
not valid UTF-8 is decoded as Windows-1252 (:func:`decode_text`); dates in ``scenario.yaml``
may be written ``TT.MM.JJJJ``.

A file that cannot be read at all (no ``scenario.yaml``, broken YAML) raises
:class:`~optimizer.domain.errors.InputError` at once; a missing or broken table is a problem
in the parts, so it is reported together with every other problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from pathlib import Path
from typing import Any

import yaml

from optimizer.domain.errors import InputError, InputProblem
from optimizer.io.cells import german_number_text, is_german_date, parse_date
from optimizer.io.tables import ID_COLUMN, TABLES, Problems, ScenarioParts, TableSource


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
    source = TableSource(file, header, german_numbers=delimiter == ";")
    id_column = ID_COLUMN[kind]
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
    return _with_german_numbers(_with_event_times(_with_german_dates(raw)))


def _german_date_or_same(value: Any) -> Any:
    if isinstance(value, str) and is_german_date(value):
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



#: Settings whose strings are never numbers (names, files, dates, slot patterns, times).
_TEXT_SETTINGS = {"name", "tables", "period", "slots", "event_times"}


def _german_number_or_same(value: Any) -> Any:
    """A quoted German number (``"15.000,50"``, ``"0,30"``) as the number a German planner
    means; every other value as it is (an unquoted YAML number keeps its dot decimal)."""
    if not isinstance(value, str):
        return value
    try:
        number = float(german_number_text(value))
    except ValueError:
        return value
    if not math.isfinite(number):
        return value
    return int(number) if number.is_integer() and "," not in value else number


def _with_german_numbers(raw: dict[Any, Any]) -> dict[Any, Any]:
    """Quoted German numbers in the numeric settings (``budget_eur: "15.000,50"``)."""

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return _german_number_or_same(value)

    return {k: v if k in _TEXT_SETTINGS else walk(v) for k, v in raw.items()}


def _with_event_times(raw: dict[Any, Any]) -> dict[Any, Any]:
    """``event_times: {start: 10:00}`` unquoted: YAML 1.1 reads ``10:00`` as the base-60
    number 600; read it back as the time it was written as."""
    times = raw.get("event_times")
    if isinstance(times, dict):
        raw["event_times"] = {
            k: (dt.time(*divmod(v, 60)) if isinstance(v, int) and not isinstance(v, bool)
                and 0 <= v < 24 * 60 else v)
            for k, v in times.items()
        }
    return raw


def _table_source(
    kind: str, name: Any, yaml_path: Path, problems: Problems
) -> TableSource | str | None:
    """The cells of the table file ``name`` names, or its name when it cannot be read (the
    problem is collected); ``None`` when ``name`` is no file name at all."""
    if not isinstance(name, str) or not name.strip():
        problems.add(yaml_path.name, None, f"tables.{kind}", name, "einen Dateinamen")
        return None
    return _csv_source(name, yaml_path.parent / name, kind, problems) or name


def read_folder_parts(path: Path) -> ScenarioParts:
    """``scenario.yaml`` (the folder's, or ``path`` itself) and the CSV tables it names.

    The tables default to ``councils.csv``, ``sites.csv`` and ``trainers.csv`` beside the
    settings file; ``locks`` is read only when ``tables.locks`` names a file.
    """
    yaml_path = _scenario_yaml(path)
    yname = yaml_path.name
    parts = ScenarioParts(yname, _read_yaml(yaml_path))
    problems = parts.problems
    table_names = parts.raw.get("tables") or {}
    if not isinstance(table_names, dict):
        problems.add(yname, None, "tables", table_names, "ein Wörterbuch councils/sites/trainers")
        table_names = {}
    for key in sorted(set(table_names) - {*TABLES, "locks"}, key=str):
        problems.add(yname, None, f"tables.{key}", None,
                     f"einen bekannten Schlüssel ({', '.join(TABLES)})")
    for kind in TABLES:
        source = _table_source(kind, table_names.get(kind, f"{kind}.csv"), yaml_path, problems)
        parts.sources[kind] = f"{kind}.csv" if source is None else source
    locks_name = table_names.get("locks")
    if locks_name is not None:
        source = _table_source("locks", locks_name, yaml_path, problems)
        if source is not None:
            parts.sources["locks"] = source
    return parts
