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
The first sheet, ``Anleitung``, says how to fill in the workbook (it is never read). Values
are German where planners choose them (Rolle: Erwachsenenbildung / Integrationsrat; Status:
Pflicht / Kandidat / ausgeschlossen; Terminmuster: Fr+Sa, Sa+So, Sa+Sa7, Fr+Fr7; ja / nein),
each with a drop-down list; FORMAT.md's codes are read too. Every sheet prints as planners
print it (:func:`make_printable`): landscape, fitted to the page width, header row repeated.

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
from optimizer.domain.names import ROLE_DE
from optimizer.domain.scenario import Council, Scenario, Site, Trainer
from optimizer.io.atomic import write_files
from optimizer.io.cells import (
    german_number_text,
    parse_bool,
    parse_date,
    parse_dates,
    parse_time,
)
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
    kind: str  # text | number | int | bool | date | dates | patterns | radius | time
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("name", "Name des Szenarios", "text", "Benennt den Ausgabeordner reports/<Name>/."),
    Setting("budget_eur", "Budget (€)", "number", "Fördermittel insgesamt (R16)."),
    Setting("period.start", "Zeitraum von", "date", "Erster möglicher Seminartag (R1)."),
    Setting("period.end", "Zeitraum bis", "date", "Letzter möglicher Seminartag (R1)."),
    Setting("slots.patterns", "Terminmuster", "patterns", "Erlaubte Tagespaare, durch ; "
            "getrennt: Fr+Sa, Sa+So, Sa+Sa7 (Samstag und Samstag eine Woche später), Fr+Fr7 "
            "(Freitag und Freitag eine Woche später), R2."),
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
    Setting("event_times.start", "Seminarbeginn", "time",
            "Beginn jedes Seminartags, SS:MM (Standard 10:00); ein Standort kann abweichen."),
    Setting("event_times.end", "Seminarende", "time",
            "Ende jedes Seminartags, SS:MM (Standard 16:00); ein Standort kann abweichen."),
    Setting("solver.time_limit_s", "Rechenzeit (s)", "number", "Zeitlimit des Solvers."),
    Setting("solver.workers", "Worker", "int", "0 = alle Kerne."),
    Setting("solver.seed", "Seed", "int", "Zufallsstartwert des Solvers."),
)
_SETTINGS_HEADER = ("Einstellung", "Wert", "Schlüssel", "Erläuterung")
#: The slot patterns (R2) as the template writes them; FORMAT.md's codes are read too.
PATTERN_DE = {"fri+sat": "Fr+Sa", "sat+sun": "Sa+So", "sat+sat7": "Sa+Sa7", "fri+fri7": "Fr+Fr7"}
_PATTERN_CODES = {**{_code: _code for _code in PATTERN_DE},
                  **{_label.casefold(): _code for _code, _label in PATTERN_DE.items()}}
#: A site's status (README "Re-planning") as the template writes it.
STATUS_DE = {"required": "Pflicht", "candidate": "Kandidat", "excluded": "ausgeschlossen"}
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
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and kind in ("count", "float"):
        # a number typed as text: as a German planner means it ("15.000", "51,2203")
        return german_number_text(value.strip(), grouped=kind == "count")
    if isinstance(value, int | float):
        if not math.isfinite(value):
            return str(value)
        if kind == "dates":
            day = _excel_serial_date(value)
            return day.isoformat() if day else str(value)
        if kind == "time" and 0 <= value < 1:
            minutes = round(value * 24 * 60)  # an Excel time is a fraction of a day
            return f"{minutes // 60:02d}:{minutes % 60:02d}"
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
                value = float(german_number_text(text))
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
        parts = [p.strip() for p in text.replace(",", ";").split(";") if p.strip()]
        return [_PATTERN_CODES.get(p.replace(" ", "").casefold(), p) for p in parts]
    if kind == "time":
        try:
            return parse_time(cell_text(value, "time"))
        except ValueError:
            raise ValueError("eine Uhrzeit SS:MM, z. B. 10:00") from None
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
    if kind == "role":
        return ROLE_DE.get(value, value)
    if kind == "status":
        return STATUS_DE.get(value, value)
    if kind == "time":
        return f"{value:%H:%M}"
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
            value = "; ".join(PATTERN_DE.get(p, p) for p in value)
        elif setting.kind == "time":
            value = f"{value:%H:%M}"
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
        roles = tuple(ROLE_DE.values())
        return rule(type="list", formula1='"' + ",".join(roles) + '"',
                    error=" oder ".join(roles))
    if kind == "status":
        return rule(type="list", formula1='"' + ",".join(STATUS_DE.values()) + '"',
                    error="Pflicht, Kandidat (oder leer) oder ausgeschlossen")
    if kind == "time":
        return rule(type="textLength", operator="between", formula1="4", formula2="5",
                    error="eine Uhrzeit SS:MM, z. B. 10:00", errorStyle="warning")
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


#: The template's first sheet: how to fill it in (never read back).
GUIDE_SHEET = "Anleitung"
GUIDE_LINES: tuple[str, ...] = (
    "Qualifizierungsreihe für Integrationsräte NRW – Szenario für qualiplan",
    "",
    "So füllen Sie diese Arbeitsmappe aus:",
    "1. Blatt „Gremien“: eine Zeile je Integrationsrat bzw. Ausschuss für Chancengerechtigkeit "
    "und Integration – Gemeinde (Name oder Gemeindeschlüssel), Mitglieder und wie viele Modul 1 "
    "und Modul 2 besuchen wollen.",
    "2. Blatt „Standorte“: eine Zeile je Volkshochschule, die eine Veranstaltung ausrichten "
    "könnte – Name, Gemeinde, Adresse, Partner-Gremium, Interesse (ja/nein), gesperrte Tage, "
    "abweichende Seminarzeiten (Beginn/Ende).",
    "3. Blatt „Trainer_innen“: eine Zeile je Trainer*in – Kennung, Name, Rolle "
    "(Erwachsenenbildung oder Integrationsrat), Wohnort, höchstens so viele Veranstaltungen, "
    "Module und Tage, an denen sie nicht kann.",
    "4. Blatt „Szenario“: Budget, Zeitraum, erlaubte Terminmuster (Fr+Sa, Sa+So, Sa+Sa7, "
    "Fr+Fr7), Seminarzeiten und die Regeln; leere Werte gelten als Standard.",
    "",
    "Hinweise:",
    "• Jede Spaltenüberschrift hat einen Kommentar mit Erläuterung (Maus auf die Überschrift).",
    "• Auswahllisten: Rolle, Status, ja/nein. Zahlen dürfen deutsch geschrieben werden "
    "(15.000,50), Daten als TT.MM.JJJJ, mehrere Tage durch ; getrennt.",
    "• Die Beispielzeilen ersetzen oder löschen; Überschriften und Blattnamen nicht ändern.",
    "• Prüfen: qualiplan check DATEI.xlsx – planen: qualiplan solve DATEI.xlsx",
    "• Ausführlich: qualiplan anleitung (die Anleitung für Planer*innen).",
)


def make_printable(sheet: Any, last_row: int, last_column: int, landscape: bool = True) -> None:
    """Print setup as planners print: A4 landscape, every column on the page (fit to the page
    width, as many pages down as needed), header row repeated on every page, the sheet name
    on top and the page number below, and the print area the table itself (formatted but
    empty input rows do not print)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.25,
                                     footer=0.25)
    sheet.print_title_rows = "1:1"
    sheet.print_area = f"A1:{get_column_letter(max(last_column, 1))}{max(last_row, 1)}"
    sheet.oddHeader.center.text = "&A"
    sheet.oddFooter.center.text = "Seite &P von &N"


def _guide_sheet(book: Any) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet(GUIDE_SHEET)
    for line in GUIDE_LINES:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 120
    for row in sheet.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    make_printable(sheet, len(GUIDE_LINES), 1)


def _table_sheet(book: Any, kind: str, scenario: Scenario) -> None:
    """One table's sheet: German headers with their explanation as comment, the rows, a
    drop-down or number check per column, text format where leading zeros matter."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
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
        sheet.column_dimensions[letter].width = max(12, len(column.header) + 3)
        if column.kind in ("ags", "text", "modules", "dates", "time"):
            for row in range(2, VALIDATED_ROWS + 1):  # text: keeps leading zeros, "1;2"
                sheet.cell(row=row, column=index).number_format = "@"
        validation = _validation(column.kind)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{sheet.max_row}"
    make_printable(sheet, sheet.max_row, len(cols))


def _settings_sheet(book: Any, scenario: Scenario) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    sheet = book.create_sheet(SETTINGS_SHEET)
    sheet.append(list(_SETTINGS_HEADER))
    for index in range(1, 5):
        sheet.cell(row=1, column=index).font = bold
        sheet.cell(row=1, column=index).fill = fill
    for setting, value in zip(SETTINGS, _settings_cells(scenario), strict=True):
        sheet.append([setting.label, value, setting.key, setting.help])
        row = sheet.max_row
        sheet.cell(row=row, column=4).alignment = Alignment(wrap_text=True, vertical="top")
        if setting.kind in ("text", "dates", "patterns", "time"):
            sheet.cell(row=row, column=2).number_format = "@"
        if setting.kind == "date":
            sheet.cell(row=row, column=2).number_format = "DD.MM.YYYY"
        validation = _validation(setting.kind)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(f"B{row}")
    for letter, width in zip("ABCD", (34, 22, 32, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    make_printable(sheet, sheet.max_row, 4)


def build_workbook(scenario: Scenario, guide: bool = True) -> Any:
    """The scenario as an openpyxl workbook (see the module docstring for the layout);
    ``guide``: the ``Anleitung`` sheet first."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    if guide:
        _guide_sheet(book)
    for kind in TABLES:
        _table_sheet(book, kind, scenario)
    _settings_sheet(book, scenario)
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
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
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
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
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
    if scenario.event_times == type(scenario.event_times)():
        data.pop("event_times", None)  # likewise for the optional seminar hours
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
        for column in columns(kind):
            if (column.name in ("address", "name", "start_time", "end_time")
                    and not column.required and not any(item.get(column.name) for item in items)):
                cols.remove(column.name)  # FORMAT.md's columns exactly, unless values exist
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
                 address="Bertha-von-Suttner-Platz 1, 40227 Düsseldorf",
                 partner_council_id="C-DUS", interested=True),
            Site(site_id="DU", name="VHS Duisburg", ags=du, partner_council_id="C-DU",
                 interested=True, blocked_dates=(dt.date(2026, 2, 7), dt.date(2026, 2, 8))),
            Site(site_id="BI", name="VHS Bielefeld", ags=bi, partner_council_id="C-BI",
                 interested=True),
        ),
        trainers=(
            Trainer(trainer_id="T-EDU", name="Erika Mustermann", role="educator", home_ags=dus,
                    max_events=3),
            Trainer(trainer_id="T-CNC", name="Max Mustermann", role="council", home_ags=du,
                    max_events=3, unavailable_dates=(dt.date(2026, 3, 14),)),
        ),
    )
