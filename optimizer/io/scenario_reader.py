"""Read a scenario folder (``scenario.yaml`` plus CSV tables, FORMAT.md) into a :class:`Scenario`.

Every problem in every file is collected first and raised together as one
:class:`~optimizer.domain.errors.InputError`, each naming file, line, column, the value found
and what was expected. No row is ever dropped silently: a row either becomes a domain object
or produces an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import yaml
from pydantic import BaseModel, ValidationError

from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.geography import Reference
from optimizer.domain.scenario import (
    CatchmentSettings,
    CostSettings,
    Council,
    ObjectiveSettings,
    Period,
    RuleSettings,
    Scenario,
    Site,
    SlotSettings,
    SolverSettings,
    Trainer,
)
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


class _Problems:
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


def _parse_int(text: str) -> int:
    try:
        value = float(text)
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
        return float(text)
    except ValueError:
        raise ValueError("eine Zahl (Dezimalpunkt)") from None


def _parse_ags(text: str) -> str:
    if len(text) != 8 or not text.isdigit():
        raise ValueError("einen 8-stelligen Gemeindeschlüssel (AGS) mit führender Null, z. B. 05111000")
    return text


def _parse_bool(text: str) -> bool:
    low = text.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError("true oder false")


def _parse_dates(text: str) -> tuple[dt.date, ...]:
    days = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        try:
            days.append(dt.date.fromisoformat(part))
        except ValueError:
            raise ValueError(f"Daten im Format JJJJ-MM-TT, durch ';' getrennt ({part!r} ungültig)") from None
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
        "partner_council_id": (_parse_text, False, None),
        "interested": (_parse_bool, True, None),
        "blocked_dates": (_parse_dates, False, ()),
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
_ID_COLUMN = {"councils": "council_id", "sites": "site_id", "trainers": "trainer_id"}
_AGS_COLUMN = {"councils": "ags", "sites": "ags", "trainers": "home_ags"}


def _explain(error: dict[str, Any]) -> str:
    message = str(error.get("msg", "ungültiger Wert"))
    return message.removeprefix("Value error, ")


def _read_table(
    kind: str, path: Path, problems: _Problems
) -> list[tuple[int, BaseModel]]:
    """Parse one CSV table into (line, model) pairs; every bad cell becomes a problem."""
    name = path.name
    if not path.is_file():
        problems.add(name, None, None, None, f"Datei fehlt: {path}")
        return []
    try:
        frame = pd.read_csv(
            path, dtype=str, keep_default_na=False, skip_blank_lines=False, encoding="utf-8"
        )
    except UnicodeDecodeError:
        problems.add(name, None, None, None, "eine UTF-8-kodierte CSV-Datei")
        return []
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        problems.add(name, None, None, None, f"eine lesbare CSV-Datei mit Kopfzeile ({exc})")
        return []
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    schema = _SCHEMAS[kind]
    missing = [c for c, (_, required, _) in schema.items() if required and c not in frame.columns]
    for column in missing:
        problems.add(name, 1, column, None, "diese Spalte in der Kopfzeile")
    if missing:
        return []
    rows: list[tuple[int, BaseModel]] = []
    for index, record in enumerate(frame.to_dict("records")):
        line = index + 2
        cells = {k: str(v).strip() for k, v in record.items()}
        if not any(cells.values()):
            continue  # an empty line, not a row
        values: dict[str, Any] = {}
        ok = True
        for column, (parse, required, default) in schema.items():
            text = cells.get(column, "")
            if text == "":
                if required:
                    problems.add(name, line, column, "", "einen Wert (Pflichtfeld)")
                    ok = False
                else:
                    values[column] = default
                continue
            try:
                values[column] = parse(text)
            except ValueError as exc:
                problems.add(name, line, column, text, f"erwartet: {exc}")
                ok = False
        if not ok:
            continue
        try:
            rows.append((line, _MODELS[kind].model_validate(values)))
        except ValidationError as exc:
            for err in exc.errors():
                column = str(err["loc"][0]) if err["loc"] else _guess_column(_explain(err), schema)
                problems.add(name, line, column, cells.get(column), _explain(err))
    return rows


def _guess_column(message: str, schema: dict[str, _Column]) -> str | None:
    return next((c for c in schema if message.startswith(c)), None)


def _check_table_references(
    tables: dict[str, list[tuple[int, BaseModel]]],
    files: dict[str, str],
    reference: Reference,
    problems: _Problems,
) -> None:
    """Duplicate IDs, unknown municipalities, unknown partner councils (R9)."""
    for kind, rows in tables.items():
        first_line: dict[str, int] = {}
        for line, row in rows:
            ident = getattr(row, _ID_COLUMN[kind])
            if ident in first_line:
                problems.add(
                    files[kind], line, _ID_COLUMN[kind], ident,
                    f"eine eindeutige ID (schon in Zeile {first_line[ident]})",
                )
            else:
                first_line[ident] = line
            ags = getattr(row, _AGS_COLUMN[kind])
            if ags not in reference.municipalities:
                problems.add(
                    files[kind], line, _AGS_COLUMN[kind], ags,
                    "einen Gemeindeschlüssel einer NRW-Gemeinde (siehe nrw_municipalities.csv)",
                )
    council_ids = {getattr(r, "council_id") for _, r in tables["councils"]}
    for line, site in tables["sites"]:
        partner = getattr(site, "partner_council_id")
        if partner is not None and partner not in council_ids:
            problems.add(
                files["sites"], line, "partner_council_id", partner,
                "die council_id eines Gremiums aus der Gremien-Tabelle (R9)",
            )


def _scenario_yaml(path: Path) -> Path:
    return path / "scenario.yaml" if path.is_dir() else path


def read_scenario(path: str | Path, reference: Reference | None = None) -> Scenario:
    """Read and validate a scenario folder or its ``scenario.yaml``.

    Raises :class:`InputError` listing every problem found in any of the files.
    """
    reference = reference or load_reference()
    problems = _Problems()
    yaml_path = _scenario_yaml(Path(path))
    yname = yaml_path.name
    if not yaml_path.is_file():
        raise InputError([InputProblem(str(yaml_path), None, None, None, "Szenario-Datei fehlt")])
    try:
        raw = yaml.safe_load(yaml_path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(
            [InputProblem(yname, None if line is None else line + 1, None, None,
                          f"gültiges YAML ({exc})")]
        ) from None
    if not isinstance(raw, dict):
        raise InputError([InputProblem(yname, None, None, None, "ein YAML-Wörterbuch (key: value)")])

    for key in sorted(set(raw) - _TOP_KEYS):
        problems.add(yname, None, key, None, f"einen bekannten Schlüssel ({', '.join(sorted(_TOP_KEYS))})")
    settings: dict[str, Any] = {}
    for key, model in _SETTINGS.items():
        if raw.get(key) is None:
            continue
        try:
            settings[key] = model.model_validate(raw[key])
        except ValidationError as exc:
            for err in exc.errors():
                column = ".".join([key, *(str(p) for p in err["loc"])])
                problems.add(yname, None, column, err.get("input"), _explain(err))
    for key in ("name", "budget_eur"):
        if key not in raw:
            problems.add(yname, None, key, None, "diesen Pflichtschlüssel")
    budget = raw.get("budget_eur")
    if "budget_eur" in raw and (
        isinstance(budget, bool) or not isinstance(budget, int | float) or budget < 0
    ):
        problems.add(yname, None, "budget_eur", budget, "eine Zahl ≥ 0 (Euro)")

    table_names = raw.get("tables") or {}
    if not isinstance(table_names, dict):
        problems.add(yname, None, "tables", table_names, "ein Wörterbuch councils/sites/trainers")
        table_names = {}
    tables: dict[str, list[tuple[int, BaseModel]]] = {}
    files: dict[str, str] = {}
    for kind in _TABLES:
        filename = table_names.get(kind, f"{kind}.csv")
        files[kind] = str(filename)
        tables[kind] = _read_table(kind, yaml_path.parent / str(filename), problems)
    _check_table_references(tables, files, reference, problems)
    problems.raise_if_any()

    try:
        return Scenario(
            name=str(raw["name"]),
            budget_eur=float(budget),
            councils=tuple(r for _, r in tables["councils"]),  # type: ignore[misc]
            sites=tuple(r for _, r in tables["sites"]),  # type: ignore[misc]
            trainers=tuple(r for _, r in tables["trainers"]),  # type: ignore[misc]
            **settings,
        )
    except ValidationError as exc:  # cross-field rules not caught above
        raise InputError(
            [InputProblem(yname, None, ".".join(map(str, e["loc"])) or None, None, _explain(e))
             for e in exc.errors()]
        ) from None
