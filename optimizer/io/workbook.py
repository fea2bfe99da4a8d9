"""The Excel form of a scenario: one workbook, one sheet per table plus a Szenario sheet.

Planners do not write CSV; they fill a workbook (``qualiplan template``) and hand it to
``solve``, ``check`` or ``convert``. The workbook carries exactly what a FORMAT.md folder
carries, so ``convert`` goes both ways without loss:

* sheets ``Gremien``, ``Standorte``, ``Trainer_innen`` (Excel forbids ``*`` in sheet names)
  hold the three tables; row 1 has German headers (:data:`optimizer.io.tables.COLUMNS` maps
  each to its FORMAT.md column, the only place that does), every following non-empty row is a
  data row, numbered as Excel numbers it. FORMAT.md's own column names are accepted as headers too.
* sheet ``Szenario`` holds ``scenario.yaml`` as rows *Einstellung | Wert | Schlüssel |
  Erläuterung*; the dotted key (``rules.min_participants``) decides, the German label is for
  people (:data:`SETTINGS`).

Each column's explanation is a cell comment on its header, not a second row: a deleted or
re-sorted explanation row could otherwise turn into data (or a data row into an explanation).

Reading turns every cell into the text a CSV cell would hold (:func:`cell_text`: Excel dates
become ISO dates, Excel serial numbers in date columns become dates, a municipality key typed
as a number gets its leading zero back); :func:`read_workbook_parts` hands the cells, as
:class:`~optimizer.io.tables.ScenarioParts`, to the same per-cell parsing and checks as CSV
(:func:`optimizer.io.scenario_reader.build_scenario`); problems name the sheet, the Excel row
and the German header.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.scenario import Council, Scenario, Site, Trainer
from optimizer.io.atomic import write_files
from optimizer.io.cells import number_text, parse_bool, parse_date, parse_dates
from optimizer.io.tables import (
    DATES_HELP,
    LOCK_SCHEMA,
    TABLES,
    Column,
    ScenarioParts,
    TableSource,
    columns,
)

#: Sheet of each table (the issue's "Trainer*innen": Excel allows no ``*`` in a sheet name).
SHEETS = {"councils": "Gremien", "sites": "Standorte", "trainers": "Trainer_innen"}
SETTINGS_SHEET = "Szenario"
#: Further sheet names read as the same table (planners rename sheets).
_SHEET_ALIASES = {
    "councils": {"gremien", "councils", "integrationsräte"},
    "sites": {"standorte", "sites", "vhs"},
    "trainers": {"trainer_innen", "trainerinnen", "trainer", "trainers", "trainer*innen",
                 "trainer-innen"},
}
#: Rows that get data validation in a table sheet (Excel needs a fixed range).
VALIDATED_ROWS = 1000


@dataclass(frozen=True)
class Setting:
    """One row of the Szenario sheet: dotted ``scenario.yaml`` key, German label, kind."""

    key: str
    label: str
    kind: str  # text | number | int | bool | date | dates | patterns | radius
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("name", "Name des Szenarios", "text", "Benennt den Ausgabeordner reports/<Name>/."),
    Setting("budget_eur", "Budget (€)", "number", "Fördermittel insgesamt (R16)."),
    Setting("period.start", "Zeitraum von", "date", "Erster möglicher Seminartag (R1)."),
    Setting("period.end", "Zeitraum bis", "date", "Letzter möglicher Seminartag (R1)."),
    Setting("slots.patterns", "Terminmuster", "patterns", "Erlaubte Tagespaare, durch ; "
            "getrennt: fri+sat, sat+sun, sat+sat7 (Sa + Sa eine Woche später), fri+fri7 (R2)."),
    Setting("slots.avoid_school_holidays", "Schulferien meiden", "bool", "ja oder nein (R2)."),
    Setting("slots.blocked_dates", "Gesperrte Tage (alle)", "dates",
            "Tage ohne Veranstaltung an allen Standorten. " + DATES_HELP),
    Setting("catchment.neighbours", "Nachbarkommunen zulassen", "bool",
            "ja oder nein: Gremien dürfen Standorte in angrenzenden Gemeinden besuchen (R7)."),
    Setting("catchment.radius_km", "Umkreis (km)", "radius",
            "Gremien dürfen Standorte bis zu dieser Entfernung besuchen (R7); aus: kein Umkreis."),
    Setting("rules.min_participants", "Mindestteilnehmende", "int", "Je Veranstaltung (R6)."),
    Setting("rules.max_participants", "Höchstteilnehmende", "int", "Je Veranstaltung (R6)."),
    Setting("rules.two_trainer_min", "Zwei Trainer*innen ab", "int",
            "Ab so vielen Teilnehmenden ein Tandem (R11)."),
    Setting("rules.module_gap_days", "Abstand Modul 1 → 2 (Tage)", "int", "R5."),
    Setting("rules.max_events_per_council_module", "Veranstaltungen je Gremium und Modul",
            "int", "R8."),
    Setting("costs.fee_per_trainer_day_eur", "Honorar je Trainer*in und Tag (€)", "number",
            "R13."),
    Setting("costs.km_rate_eur", "Kilometerpauschale (€)", "number", "LRKG NRW § 5 (R14)."),
    Setting("costs.road_factor", "Umwegfaktor Straße", "number",
            "Straßen-km = Luftlinie × Faktor (R14)."),
    Setting("costs.overnight_min_km", "Übernachtung ab (km, einfach)", "number", "R14."),
    Setting("costs.overnight_eur", "Übernachtung (€)", "number", "R14."),
    Setting("costs.catering_per_person_day_eur", "Verpflegung je Person und Tag (€)", "number",
            "R15."),
    Setting("objective.module_weights.1", "Gewicht Modul 1", "int", "R17 (Standard 1)."),
    Setting("objective.module_weights.2", "Gewicht Modul 2", "int", "R17 (Standard 1)."),
    Setting("objective.both_modules_bonus", "Bonus beide Module", "int", "R4 (Standard 0)."),
    Setting("objective.min_share_per_region", "Mindestanteil je Regierungsbezirk", "number",
            "0 bis 1, z. B. 0,5: jeder Bezirk erhält mindestens diesen Anteil seiner "
            "erreichbaren Plätze (leer: aus)."),
    Setting("objective.max_min_regions", "Schwächsten Bezirk zuerst", "bool",
            "ja: zuerst den Anteil des schwächsten Bezirks maximieren, dann die Abdeckung."),
    Setting("solver.time_limit_s", "Rechenzeit (s)", "number", "Zeitlimit des Solvers."),
    Setting("solver.workers", "Worker", "int", "0 = alle Kerne."),
    Setting("solver.seed", "Seed", "int", "Zufallsstartwert des Solvers."),
)
_SETTINGS_HEADER = ("Einstellung", "Wert", "Schlüssel", "Erläuterung")
_RADIUS_OFF = {"aus", "kein", "keiner", "none", "null", "off"}


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


# --- cells ------------------------------------------------------------------------------------


def _excel_serial_date(value: float) -> dt.date | None:
    """An Excel serial day number (1900 system) as a date, or ``None`` when it is none."""
    if not (1 <= value < 2_958_466) or not float(value).is_integer():
        return None
    from openpyxl.utils.datetime import from_excel

    day = from_excel(value)
    return day.date() if isinstance(day, dt.datetime) else None


def cell_text(value: Any, kind: str) -> str:
    """A workbook cell as the text a CSV cell of this column kind would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return str(value)
        if kind == "dates":
            day = _excel_serial_date(value)
            return day.isoformat() if day else str(value)
        if float(value).is_integer():
            number = int(value)
            if kind == "ags" and 0 <= number < 10**8:
                return f"{number:08d}"  # a key typed as a number lost its leading zero
            return str(number)
        return repr(float(value))
    return str(value).strip()


# --- reading ----------------------------------------------------------------------------------


def sheet_label(sheet: str) -> str:
    """How problems name a sheet."""
    return f"Blatt \u201e{sheet}\u201c"


def _load_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's cell values (computed values of formulas), or one InputError."""
    if not path.is_file():
        raise InputError([InputProblem(str(path), None, None, None, "Arbeitsmappe fehlt")])
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
        finally:
            book.close()
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; all mean the same
        raise InputError([InputProblem(
            path.name, None, None, None,
            f"eine lesbare Excel-Arbeitsmappe (.xlsx) ({type(exc).__name__})",
        )]) from None


def _find_sheet(rows: dict[str, list[tuple[Any, ...]]], names: Iterable[str]) -> str | None:
    wanted = {_norm(n) for n in names}
    return next((title for title in rows if _norm(title) in wanted), None)


def _table_source(kind: str, sheet: str, rows: list[tuple[Any, ...]]) -> TableSource:
    by_header: dict[str, Column] = {}
    for column in columns(kind):
        by_header[_norm(column.header)] = column
        by_header[_norm(column.name)] = column
    label = sheet_label(sheet)
    if not rows:
        return TableSource(label, [])
    header: list[str] = []
    labels: dict[str, str] = {}
    kinds: list[str] = []
    for cell in rows[0]:
        text = cell_text(cell, "text")
        known = by_header.get(_norm(text))
        name = known.name if known else text
        header.append(name)
        kinds.append(known.kind if known else "text")
        if known:
            labels.setdefault(known.name, text)
    for column in columns(kind):  # a missing column is named by its template header
        labels.setdefault(column.name, column.header)
    source = TableSource(label, header, labels=labels)
    for index, values in enumerate(rows[1:], start=2):
        cells = {
            name: cell_text(value, kinds[i])
            for i, (name, value) in enumerate(zip(header, values, strict=False))
            if name
        }
        if any(cells.values()):
            source.records.append((index, cells))
    return source


def _setting_value(setting: Setting, value: Any) -> Any:
    """A Szenario cell as ``scenario.yaml`` would hold it; ValueError(expected) if it cannot."""
    kind = setting.kind
    if kind == "text":
        return cell_text(value, "text")
    if kind in ("number", "int", "radius"):
        if isinstance(value, str):
            text = value.strip()
            if kind == "radius" and _norm(text) in _RADIUS_OFF:
                return None
            try:
                value = float(number_text(text))
            except ValueError:
                raise ValueError("eine Zahl" + (" oder aus" if kind == "radius" else "")) from None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("eine Zahl")
        if kind == "int":
            if not float(value).is_integer():
                raise ValueError("eine ganze Zahl")
            return int(value)
        return int(value) if float(value).is_integer() and math.isfinite(value) else value
    if kind == "bool":
        if isinstance(value, bool):
            return value
        try:
            return parse_bool(cell_text(value, "text"))
        except ValueError:
            raise ValueError("ja oder nein") from None
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            day = _excel_serial_date(value)
            if day is None:
                raise ValueError("ein Datum (TT.MM.JJJJ)")
            return day
        try:
            return parse_date(str(value))
        except ValueError:
            raise ValueError("ein Datum (TT.MM.JJJJ oder JJJJ-MM-TT)") from None
    if kind == "dates":
        return list(parse_dates(cell_text(value, "dates")))
    if kind == "patterns":
        text = cell_text(value, "text")
        return [p.strip() for p in text.replace(",", ";").split(";") if p.strip()]
    raise AssertionError(kind)  # pragma: no cover - SETTINGS holds only the kinds above


def _settings_raw(sheet: str, rows: list[tuple[Any, ...]], parts: ScenarioParts) -> None:
    """The Szenario sheet as the nested dict ``scenario.yaml`` gives (problems collected)."""
    by_key = {s.key: s for s in SETTINGS}
    by_label = {_norm(s.label): s for s in SETTINGS}
    label = sheet_label(sheet)
    for index, values in enumerate(rows[1:], start=2):
        cells = [*values, None, None, None][:3]
        key_text = cell_text(cells[2], "text")
        label_text = cell_text(cells[0], "text")
        if not key_text and not label_text:
            continue
        setting = by_key.get(key_text) or by_label.get(_norm(label_text))
        if setting is None:
            parts.problems.add(label, index, "Schlüssel", key_text or label_text,
                               "eine bekannte Einstellung (siehe qualiplan template)")
            continue
        if setting.key in parts.key_rows:
            parts.problems.add(label, index, "Schlüssel", setting.key,
                               f"jede Einstellung nur einmal (schon in Zeile "
                               f"{parts.key_rows[setting.key]})")
            continue
        parts.key_rows[setting.key] = index
        if cells[1] is None or (isinstance(cells[1], str) and not cells[1].strip()):
            continue  # empty: the default of RULES.md
        try:
            value = _setting_value(setting, cells[1])
        except ValueError as exc:
            parts.problems.add(label, index, setting.key, cell_text(cells[1], "text"),
                               f"erwartet: {exc}")
            continue
        *path, last = setting.key.split(".")
        target = parts.raw
        for part in path:
            target = target.setdefault(part, {})
        target[int(last) if last.isdigit() else last] = value


def read_workbook_parts(path: Path) -> ScenarioParts:
    """The Szenario sheet's settings and the table sheets' cells of a workbook.

    A missing sheet is a problem in the result (so all problems are reported together); an
    unreadable file raises :class:`InputError` at once.
    """
    rows = _load_rows(path)
    settings_sheet = _find_sheet(rows, [SETTINGS_SHEET, "scenario", "Einstellungen"])
    parts = ScenarioParts(sheet_label(settings_sheet or SETTINGS_SHEET))
    if settings_sheet is None:
        parts.problems.add(path.name, None, None, None,
                           f"ein Tabellenblatt \u201e{SETTINGS_SHEET}\u201c")
    else:
        _settings_raw(settings_sheet, rows[settings_sheet], parts)
    for kind in TABLES:
        sheet = _find_sheet(rows, [SHEETS[kind], *_SHEET_ALIASES[kind]])
        if sheet is None:
            parts.problems.add(path.name, None, None, None,
                               f"ein Tabellenblatt \u201e{SHEETS[kind]}\u201c")
            parts.sources[kind] = sheet_label(SHEETS[kind])
            continue
        source = _table_source(kind, sheet, rows[sheet])
        if not source.header:
            parts.problems.add(source.file, 1, None, None, "eine Kopfzeile mit den Spaltennamen")
            parts.sources[kind] = source.file
            continue
        parts.sources[kind] = source
    return parts


# --- writing ----------------------------------------------------------------------------------


def _dates_de(days: Iterable[dt.date]) -> str:
    return "; ".join(day.strftime("%d.%m.%Y") for day in days)


def _table_cell(value: Any, kind: str) -> Any:
    """A domain value as a workbook cell (numbers stay numbers, lists become text)."""
    if value is None:
        return None
    if kind == "bool":
        return "ja" if value else "nein"
    if kind == "dates":
        return _dates_de(value) or None
    if kind == "modules":
        return ";".join(str(m) for m in value)
    return value


def _settings_cells(scenario: Scenario) -> list[Any]:
    """The Szenario sheet's values, in :data:`SETTINGS` order."""
    data = scenario.model_dump()
    values = []
    for setting in SETTINGS:
        value: Any = data
        for part in setting.key.split("."):
            value = value[int(part)] if part.isdigit() else value[part]
        if setting.kind == "bool":
            value = "ja" if value else "nein"
        elif setting.kind == "dates":
            value = _dates_de(value) or None
        elif setting.kind == "patterns":
            value = "; ".join(value)
        elif setting.kind == "radius" and value is None:
            value = "aus"
        elif setting.kind == "number" and value is not None and float(value).is_integer():
            value = int(value)
        values.append(value)
    return values


def _validation(kind: str) -> Any:
    """Excel data validation for a column kind, or ``None`` where Excel has none that fits."""
    from openpyxl.worksheet.datavalidation import DataValidation

    def rule(**options: Any) -> DataValidation:
        return DataValidation(allow_blank=True, showErrorMessage=True, errorTitle="Ungültig",
                              **options)

    if kind == "role":
        return rule(type="list", formula1='"educator,council"',
                    error="educator oder council")
    if kind == "bool":
        return rule(type="list", formula1='"ja,nein"', error="ja oder nein")
    if kind in ("count", "int"):
        return rule(type="whole", operator="greaterThanOrEqual", formula1="0",
                    error="eine ganze Zahl ≥ 0")
    if kind == "number":
        return rule(type="decimal", operator="greaterThanOrEqual", formula1="0",
                    error="eine Zahl ≥ 0")
    if kind == "date":
        return rule(type="date", operator="between", formula1="DATE(2000,1,1)",
                    formula2="DATE(2100,12,31)", error="ein Datum")
    return None


def build_workbook(scenario: Scenario) -> Any:
    """The scenario as an openpyxl workbook (see the module docstring for the layout)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    book = Workbook()
    book.remove(book.active)
    for kind in TABLES:
        sheet = book.create_sheet(SHEETS[kind])
        cols = columns(kind)
        sheet.append([c.header for c in cols])
        for item in getattr(scenario, kind):
            data = item.model_dump()
            sheet.append([_table_cell(data[c.name], c.kind) for c in cols])
        for index, column in enumerate(cols, start=1):
            cell = sheet.cell(row=1, column=index)
            cell.font, cell.fill = bold, fill
            cell.comment = Comment(column.help, "qualiplan", width=300, height=120)
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(14, len(column.header) + 4)
            if column.kind in ("ags", "text", "modules", "dates"):
                for row in range(2, VALIDATED_ROWS + 1):  # text: keeps leading zeros, "1;2"
                    sheet.cell(row=row, column=index).number_format = "@"
            validation = _validation(column.kind)
            if validation is not None:
                sheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
        sheet.freeze_panes = "A2"
    sheet = book.create_sheet(SETTINGS_SHEET)
    sheet.append(list(_SETTINGS_HEADER))
    for index in range(1, 5):
        sheet.cell(row=1, column=index).font = bold
        sheet.cell(row=1, column=index).fill = fill
    for setting, value in zip(SETTINGS, _settings_cells(scenario), strict=True):
        sheet.append([setting.label, value, setting.key, setting.help])
        row = sheet.max_row
        if setting.kind in ("text", "dates", "patterns"):
            sheet.cell(row=row, column=2).number_format = "@"
        if setting.kind == "date":
            sheet.cell(row=row, column=2).number_format = "DD.MM.YYYY"
        validation = _validation(setting.kind)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(f"B{row}")
    for letter, width in zip("ABCD", (38, 24, 36, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    return book


def write_workbook(scenario: Scenario, path: str | Path) -> Path:
    """Write the scenario as an Excel workbook, via a temporary file (all or nothing)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".xlsx",
                                         dir=target.parent)
    os.close(handle)
    try:
        build_workbook(scenario).save(temporary)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target


# --- the FORMAT.md folder ---------------------------------------------------------------------


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return ";".join(v.isoformat() if isinstance(v, dt.date) else str(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _plain(value: Any) -> Any:
    """Tuples as lists and whole floats as ints, so ``yaml.safe_dump`` writes plain YAML."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def scenario_yaml_text(scenario: Scenario) -> str:
    """``scenario.yaml`` with every setting written out (FORMAT.md keys)."""
    data = scenario.model_dump(exclude={"councils", "sites", "trainers", "locks"})
    tables = {kind: f"{kind}.csv" for kind in TABLES}
    if scenario.locks:
        tables["locks"] = LOCKS_FILE
    objective = data.get("objective", {})
    for key, default in (("min_share_per_region", None), ("max_min_regions", False)):
        if objective.get(key) == default:
            objective.pop(key, None)  # FORMAT.md's keys exactly, unless the planner set them
    content = {
        "name": data.pop("name"),
        "budget_eur": data.pop("budget_eur"),
        "tables": tables,
        **data,
    }
    return ("# Written by qualiplan convert; every setting spelled out (defaults: RULES.md).\n"
            + yaml.safe_dump(_plain(content), allow_unicode=True, sort_keys=False))


#: The optional table of confirmed events (README "Re-planning").
LOCKS_FILE = "locks.csv"
LOCK_COLUMNS = tuple(column.name for column in LOCK_SCHEMA)


def locks_csv_text(scenario: Scenario) -> str:
    """The scenario's locks as ``locks.csv`` (councils as ``C1:9;C2:5``, empty: free)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LOCK_COLUMNS)
    for lock in scenario.locks:
        councils = ("" if lock.councils is None
                    else ";".join(f"{c}:{n}" for c, n in lock.councils.items()))
        writer.writerow([lock.site_id, lock.module, lock.days[0].isoformat(),
                         lock.days[1].isoformat(), ";".join(lock.trainer_ids), councils])
    return buffer.getvalue()


def write_scenario_folder(scenario: Scenario, folder: str | Path) -> Path:
    """Write the scenario as a FORMAT.md folder: ``scenario.yaml`` and the three tables
    (and ``locks.csv`` if it has locks), all or nothing (:func:`optimizer.io.atomic.
    write_files`): files of the same name are replaced, other files in ``folder`` stay."""
    import csv
    import io

    files = {"scenario.yaml": scenario_yaml_text(scenario)}
    for kind in TABLES:
        cols = [c.name for c in columns(kind)]
        items = [item.model_dump() for item in getattr(scenario, kind)]
        if "address" in cols and not any(item.get("address") for item in items):
            cols.remove("address")  # FORMAT.md's columns exactly, unless addresses exist
        if "status" in cols and all(item.get("status") == "candidate" for item in items):
            cols.remove("status")  # likewise for the planner's site status
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(cols)
        for item in items:
            writer.writerow([_csv_cell(item[c]) for c in cols])
        files[f"{kind}.csv"] = text.getvalue()
    if scenario.locks:
        files[LOCKS_FILE] = locks_csv_text(scenario)
    write_files(folder, files)
    return Path(folder)


# --- the template's example -------------------------------------------------------------------


def example_scenario() -> Scenario:
    """The filled example of ``qualiplan template``: three real councils and VHS sites.

    Düsseldorf and Duisburg border each other, Bielefeld is about 150 km away; one trainer of
    each role. The survey numbers are illustrative (RULES.md defaults for every setting).
    """
    dus, du, bi = "05111000", "05112000", "05711000"
    return Scenario(
        name="beispiel",
        budget_eur=10_000,
        councils=(
            Council(council_id="C-DUS", ags=dus, members=20, interested_m1=12, interested_m2=12),
            Council(council_id="C-DU", ags=du, members=12, interested_m1=8, interested_m2=8),
            Council(council_id="C-BI", ags=bi, members=10, interested_m1=8, interested_m2=8,
                    trained_m1=2),
        ),
        sites=(
            Site(site_id="DUS", name="VHS Düsseldorf", ags=dus, lat=51.2203, lon=6.7936,
                 partner_council_id="C-DUS", interested=True),
            Site(site_id="DU", name="VHS Duisburg", ags=du, partner_council_id="C-DU",
                 interested=True, blocked_dates=(dt.date(2026, 2, 7), dt.date(2026, 2, 8))),
            Site(site_id="BI", name="VHS Bielefeld", ags=bi, partner_council_id="C-BI",
                 interested=True),
        ),
        trainers=(
            Trainer(trainer_id="T-EDU", role="educator", home_ags=dus, max_events=3),
            Trainer(trainer_id="T-CNC", role="council", home_ags=du, max_events=3,
                    unavailable_dates=(dt.date(2026, 3, 14),)),
        ),
    )
