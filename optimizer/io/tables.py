"""The scenario's input tables as both input forms see them.

A scenario arrives as a FORMAT.md folder (:mod:`optimizer.io.scenario_folder`) or as an Excel
workbook (:mod:`optimizer.io.workbook`). Both hand the same thing to the one validator
(:func:`optimizer.io.scenario_reader.build_scenario`), a :class:`ScenarioParts`: the settings
as ``scenario.yaml`` gives them, each table's raw cells (:class:`TableSource`), and the
problems found so far (:class:`Problems`). Everything here is shared by the two forms, so
neither imports the other or the validator.

:data:`COLUMNS` is the table schema, the only place that knows a column: its FORMAT.md name,
how its cell is parsed (:mod:`optimizer.io.cells`), whether it is required and its default,
and the workbook's German header, cell kind and explanation. :data:`LOCK_SCHEMA` does the same
for the optional locks table (README "Re-planning"), which has no workbook sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.scenario import Council, Site, Trainer
from optimizer.io.cells import (
    parse_ags,
    parse_bool,
    parse_count,
    parse_date_cell,
    parse_dates,
    parse_float,
    parse_ids,
    parse_lock_councils,
    parse_module,
    parse_modules,
    parse_role,
    parse_status,
    parse_text,
    parse_time,
)

#: The three tables every scenario has, in FORMAT.md order.
TABLES = ("councils", "sites", "trainers")
#: The domain model each table's rows become.
MODELS: dict[str, type[BaseModel]] = {"councils": Council, "sites": Site, "trainers": Trainer}
#: The ID column of each table (unique within it; ``locks`` are named by their site).
ID_COLUMN = {"councils": "council_id", "sites": "site_id", "trainers": "trainer_id",
             "locks": "site_id"}
#: The municipality column of each table: an AGS or a name (:mod:`optimizer.io.gazetteer`).
AGS_COLUMN = {"councils": "ags", "sites": "ags", "trainers": "home_ags"}
#: Coordinates count only as a pair (RULES.md: "its own lat/lon if given").
COORDINATE_COLUMNS = {"sites": ("lat", "lon"), "trainers": ("home_lat", "home_lon")}


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


@dataclass(frozen=True)
class Column:
    """One table column: FORMAT.md name, how its cell is read, how the workbook shows it.

    ``parse`` turns the cell's text into the value or raises ``ValueError(expected)``; an
    empty cell is an error when ``required``, else it takes ``default``. ``header`` is the
    workbook's German header, ``kind`` the workbook cell kind (text | ags | count | float |
    bool | dates | role | modules: how a cell becomes text, how it is written, which Excel
    validation it gets; ``count`` and ``float`` cells of a German CSV are read as German
    numbers), ``help`` the explanation in the header's comment.
    """

    name: str
    parse: Callable[[str], Any]
    required: bool = True
    default: Any = None
    header: str = ""
    kind: str = "text"
    help: str = ""


_AGS_HELP = ("8-stelliger Gemeindeschlüssel mit führender Null (05111000) oder der Name der "
             "Gemeinde (\u201eDüsseldorf\u201c, \u201eMülheim an der Ruhr\u201c).")
DATES_HELP = ("Tage, durch ; getrennt, als TT.MM.JJJJ oder JJJJ-MM-TT "
              "(z. B. 07.02.2026; 14.02.2026). Leer: keine.")

#: The table schema, and the one mapping of German headers to FORMAT.md columns (FORMAT.md
#: order, which is also the order problems of one row are reported in).
COLUMNS: dict[str, tuple[Column, ...]] = {
    "councils": (
        Column("council_id", parse_text, header="Gremium-ID", help="Eindeutige Kennung des "
               "Gremiums, z. B. C05111000. Standorte nennen ihr Partner-Gremium mit dieser ID."),
        Column("ags", parse_ags, header="Gemeinde", kind="ags", help=_AGS_HELP),
        Column("members", parse_count, header="Mitglieder", kind="count",
               help="Sitze im Integrationsrat (ganze Zahl ≥ 0)."),
        Column("interested_m1", parse_count, header="Interessierte Modul 1", kind="count",
               help="Mitglieder, die Modul 1 (Basismodul) besuchen wollen (0 bis Mitglieder)."),
        Column("interested_m2", parse_count, header="Interessierte Modul 2", kind="count",
               help="Mitglieder, die Modul 2 (Aufbaumodul) besuchen wollen (0 bis Mitglieder)."),
        Column("trained_m1", parse_count, False, 0, header="Modul 1 bereits absolviert",
               kind="count",
               help="Mitglieder, die Modul 1 schon abgeschlossen haben (optional, leer = 0)."),
    ),
    "sites": (
        Column("site_id", parse_text, header="Standort-ID",
               help="Eindeutige Kennung des Standorts, z. B. S01."),
        Column("name", parse_text, header="Name", help="Name des Standorts, z. B. VHS Paderborn."),
        Column("ags", parse_ags, header="Gemeinde", kind="ags", help=_AGS_HELP),
        Column("lat", parse_float, False, header="Breitengrad", kind="float",
               help="Koordinaten des Veranstaltungsorts (optional, beide oder keine; "
               "Dezimalkomma erlaubt). Leer: Mitte der Gemeinde."),
        Column("lon", parse_float, False, header="Längengrad", kind="float",
               help="Siehe Breitengrad."),
        # geocoded only with --geocode (optimizer.io.geocoding)
        Column("address", parse_text, False, header="Adresse", help="Straße, PLZ und Ort des "
               "Veranstaltungsorts (optional), z. B. Am Stadtgraben 2, 33098 Paderborn; steht "
               "in Kalendern, Briefen und Bericht. Mit --geocode wird sie in Koordinaten "
               "umgerechnet, wenn Breiten-/Längengrad fehlen."),
        Column("partner_council_id", parse_text, False, header="Partner-Gremium",
               help="Gremium-ID des örtlichen Partner-Gremiums (R9). Leer: der Standort kann "
               "keine Veranstaltung ausrichten."),
        Column("interested", parse_bool, header="VHS interessiert", kind="bool",
               help="ja oder nein: hat die VHS Interesse erklärt (R9)?"),
        Column("blocked_dates", parse_dates, False, (), header="Gesperrte Tage", kind="dates",
               help="Tage, an denen der Standort nicht verfügbar ist. " + DATES_HELP),
        Column("status", parse_status, False, "candidate", header="Status", kind="status",
               help="Pflicht (muss eine Veranstaltung ausrichten), Kandidat (Standard, leer) "
               "oder ausgeschlossen (richtet keine aus)."),
        Column("start_time", parse_time, False, header="Beginn", kind="time",
               help="Beginn jedes Seminartags hier, SS:MM (optional; leer: Beginn aus dem "
               "Szenario, Standard 10:00)."),
        Column("end_time", parse_time, False, header="Ende", kind="time",
               help="Ende jedes Seminartags hier, SS:MM (optional; leer: Ende aus dem "
               "Szenario, Standard 16:00)."),
    ),
    "trainers": (
        Column("trainer_id", parse_text, header="Trainer*in-ID",
               help="Eindeutige Kennung (ein Kürzel), z. B. T01."),
        Column("name", parse_text, False, header="Name", help="Name der Trainer*in (optional), "
               "wie er in Kalendern, Briefen und Bericht stehen soll; leer: die Kennung."),
        Column("role", parse_role, header="Rolle", kind="role",
               help="Erwachsenenbildung (Erwachsenenbildner*in) oder Integrationsrat (aus dem "
               "Bereich Integrationsräte), R10."),
        Column("home_ags", parse_ags, header="Wohnort", kind="ags",
               help="Wohnort (Ausgangspunkt der Reisen). " + _AGS_HELP),
        Column("home_lat", parse_float, False, header="Wohnort Breitengrad", kind="float",
               help="Optional, beide oder keine; leer: Mitte der Wohnort-Gemeinde."),
        Column("home_lon", parse_float, False, header="Wohnort Längengrad", kind="float",
               help="Siehe Wohnort Breitengrad."),
        Column("max_events", parse_count, header="Max. Veranstaltungen", kind="count",
               help="Höchstens so viele Veranstaltungen im Plan (ganze Zahl ≥ 0), R12."),
        Column("modules", parse_modules, False, (1, 2), header="Module", kind="modules",
               help="1, 2 oder 1;2 (leer: beide)."),
        Column("unavailable_dates", parse_dates, False, (), header="Nicht verfügbar",
               kind="dates", help="Tage, an denen die Person nicht kann. " + DATES_HELP),
    ),
}

#: The optional table of confirmed events (README "Re-planning"), one row per locked event;
#: read from scenario folders only, so it has no German headers. An empty ``trainer_ids``
#: fixes site, module and days and leaves the trainers to the solver.
LOCK_SCHEMA: tuple[Column, ...] = (
    Column("site_id", parse_text),
    Column("module", parse_module),
    Column("day1", parse_date_cell),
    Column("day2", parse_date_cell),
    # empty: the trainers are open (an event confirmed for date and venue only, "Termin")
    Column("trainer_ids", parse_ids, False, ()),
    Column("councils", parse_lock_councils, False),
)


def columns(kind: str) -> tuple[Column, ...]:
    """The table's columns the domain model knows (``address`` only where it exists)."""
    fields = MODELS[kind].model_fields
    return tuple(c for c in COLUMNS[kind] if c.name in fields)


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
    #: The cells are German text (a ``;``-separated CSV): numbers are read as German
    #: planners write them (:func:`optimizer.io.cells.german_number_text`).
    german_numbers: bool = False

    def label(self, column: str) -> str:
        return self.labels.get(column, column)


@dataclass
class ScenarioParts:
    """A scenario as one input form read it, before any parsing or checking.

    ``raw`` holds the settings as ``scenario.yaml`` gives them (a nested dict);
    ``settings_file`` names their file or sheet in problems. ``sources`` maps each table to
    its cells, or to its file name when it could not be read (that problem is in
    ``problems`` already). ``key_rows`` gives the sheet row of each dotted settings key, for
    a workbook's Szenario sheet (a YAML file's problems name the key only).
    """

    settings_file: str
    raw: dict[Any, Any] = field(default_factory=dict)
    sources: dict[str, TableSource | str] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)
    key_rows: dict[str, int] = field(default_factory=dict)
