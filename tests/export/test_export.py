"""Tests of the exports (``optimizer/export``, ``qualiplan export``): every file read back.

The workbook is read with openpyxl, the calendars with icalendar, the CSV files with the csv
module, and every figure is compared with plan.json and with the validator's exact
recomputation (``recompute_costs``, integer cents). The hand-made ``tiny_plan`` (conftest.py)
has amounts one can check by hand (R13 fee 450 € per trainer and day, R15 catering 12 € per
person and day, 2 days each):

* ``DUS-M1``: 20 participants, 2 trainers → fees 2 × 2 × 450 = 1.800 €, catering
  (20 + 2) × 2 × 12 = 528 €;
* ``DUS-M2``: 10 participants, 1 trainer → fees 900 €, catering (10 + 1) × 24 = 264 €;
* ``BI-M1``: 8 participants, 1 trainer → fees 900 €, catering (8 + 1) × 24 = 216 €.

So fees are 3.600 €, catering 1.008 €; travel is whatever R14 gives (compared with the
validator). Coverage: module 1 wants 12 + 8 + 8 = 28 and gets all 28, module 2 wants 28 and
gets C-DUS's 10, so 38 of 56 seats; Regierungsbezirk Düsseldorf (C-DUS, C-DU) 30 of 40,
Detmold (C-BI) 8 of 16.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from openpyxl.workbook.workbook import Workbook

from optimizer.domain import columns as col
from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Period, Scenario, Site
from optimizer.export import export_files
from optimizer.export.ics import event_uid
from optimizer.export.safe import FORMULA_STARTS, is_formula_like, neutralise_csv
from optimizer.export.tables import Column, Table
from optimizer.export.xlsx import REPLACEMENT, workbook_bytes
from optimizer.io.atomic import write_folder
from optimizer.io.export_io import read_calendar_entries
from optimizer.io.plan_io import read_plan_folder, write_plan
from optimizer.validate import recompute_costs, validate_plan

from testkit.cli import run_cli

BERLIN = ZoneInfo("Europe/Berlin")
SEMINAR_START, SEMINAR_END = dt.time(10, 0), dt.time(16, 0)  # event_times' default
MakePlan = Callable[..., Plan]
SolveValid = Callable[[Scenario], Plan]
Row = dict[str, Any]


# --- helpers ------------------------------------------------------------------------------


def _workbook(files: dict[str, bytes]) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(files[col.WORKBOOK_FILE]))


def _rows(workbook: Workbook, sheet: str, first_column: int = 1) -> list[Row]:
    """The table whose header starts in row 1 at ``first_column``, as dicts (header -> value)."""
    ws = workbook[sheet]
    headers: list[str] = []
    for cell in ws[1][first_column - 1:]:
        if cell.value is None:
            break
        headers.append(str(cell.value))
    rows = []
    for values in ws.iter_rows(min_row=2, min_col=first_column,
                               max_col=first_column + len(headers) - 1, values_only=True):
        if all(v is None for v in values):
            break
        rows.append(dict(zip(headers, values, strict=True)))
    return rows


def _cents(value: Any) -> int:
    assert isinstance(value, int | float), value
    return round(value * 100)


def _csv(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    text = files[name].decode("utf-8")
    assert text.startswith("\ufeff")  # BOM: Excel-DE reads the umlauts right
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def _calendar(files: dict[str, bytes], name: str) -> Calendar:
    return Calendar.from_ical(files[f"{col.CALENDAR_DIR}/{name}.ics"])


def _cell_values(workbook: Workbook) -> dict[str, list[tuple[Any, ...]]]:
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook}


@pytest.fixture
def files(tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference) -> dict[str, bytes]:
    assert validate_plan(tiny_scenario, tiny_plan, nrw_reference) == []
    return export_files(tiny_plan, tiny_scenario, nrw_reference)


# --- workbook -------------------------------------------------------------------------------


def test_workbook_has_one_table_per_sheet_frozen_filtered_and_printable(files: dict[str, bytes]):
    workbook = _workbook(files)
    assert workbook.sheetnames == list(col.SHEETS)
    for ws in workbook:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:")
        assert all(c.font.bold for c in ws[1] if c.value is not None)
        assert None not in [c.value for c in ws[1]]  # one table: no gap, no second table
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"  # the header row on every printed page


def test_termine_equal_plan_and_validator(
    files: dict[str, bytes], tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference
):
    rows = _rows(_workbook(files), col.SHEET_EVENTS)
    costs = recompute_costs(tiny_scenario, tiny_plan, nrw_reference)
    events = {e.event_id: e for e in tiny_plan.events}
    assert [r[col.EVENT] for r in rows] == ["DUS-M1", "BI-M1", "DUS-M2"]  # calendar order
    assert col.CONFIRMED in rows[0]
    for row in rows:
        event, cost = events[row[col.EVENT]], costs[row[col.EVENT]]
        assert row[col.SITE] == event.site_id and row[col.MODULE] == event.module
        assert isinstance(row[col.DAY1], dt.datetime)  # a real Excel date, not text
        assert [row[col.DAY1].date(), row[col.DAY2].date()] == sorted(event.days)
        assert row[col.PARTICIPANTS] == event.participants
        assert row[col.TRAINER_IDS].split(";") == event.trainer_ids
        assert row[col.TRAINERS] == ", ".join(event.trainer_ids)  # no names: the IDs
        assert row[col.HOURS] == "10:00–16:00 Uhr"
        for header, cents, stated in (
            (col.FEES, cost.fees, event.cost_eur.fees),
            (col.TRAVEL, cost.travel, event.cost_eur.travel),
            (col.CATERING, cost.catering, event.cost_eur.catering),
            (col.TOTAL, cost.total, event.cost_eur.total),
        ):
            assert _cents(row[header]) == cents == _cents(stated), header
        assert row[col.CONFIRMED] is None
    by_id = {r[col.EVENT]: r for r in rows}
    # Hand-checked amounts (module docstring).
    assert (by_id["DUS-M1"][col.FEES], by_id["DUS-M1"][col.CATERING]) == (1800, 528)
    assert (by_id["DUS-M2"][col.FEES], by_id["DUS-M2"][col.CATERING]) == (900, 264)
    assert (by_id["BI-M1"][col.FEES], by_id["BI-M1"][col.CATERING]) == (900, 216)
    assert by_id["DUS-M1"][col.SITE_NAME] == "VHS Düsseldorf"
    assert by_id["DUS-M1"][col.ADDRESS] == "Düsseldorf"  # no address: the municipality
    assert by_id["DUS-M1"][col.COUNCILS] == "Duisburg, Düsseldorf"  # by municipality


def test_money_has_a_euro_format_and_dates_a_date_format(files: dict[str, bytes]):
    ws = _workbook(files)[col.SHEET_EVENTS]
    headers = [c.value for c in ws[1]]
    row = ws[2]
    assert "€" in row[headers.index(col.TOTAL)].number_format
    assert row[headers.index(col.DAY1)].is_date
    validation = ws.data_validations.dataValidation[0]
    assert validation.formula1 == '"ja,Termin"'  # the confirmation drop-down


def test_zuordnung_equals_the_assignments(files: dict[str, bytes], tiny_plan: Plan):
    rows = _rows(_workbook(files), col.SHEET_ASSIGNMENTS)
    assert sorted((r[col.COUNCIL_ID], r[col.EVENT], r[col.MEMBERS]) for r in rows) == sorted(
        (a.council_id, a.event_id, a.members) for a in tiny_plan.assignments
    )
    bielefeld = next(r for r in rows if r[col.COUNCIL_ID] == "C-BI")
    assert bielefeld[col.COUNCIL] == "Bielefeld"
    assert bielefeld[col.REGION] == "Detmold" and bielefeld[col.DAY1].date() == dt.date(2026, 2, 14)


def test_trainer_sheet_per_event_and_per_trainer(
    files: dict[str, bytes], tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference
):
    workbook = _workbook(files)
    work = _rows(workbook, col.SHEET_TRAINERS)
    sums = {r[col.TRAINER_ID]: r for r in _rows(workbook, col.SHEET_TRAINER_SUMS)}
    costs = recompute_costs(tiny_scenario, tiny_plan, nrw_reference)
    events = {e.event_id: e for e in tiny_plan.events}
    assert sorted((r[col.TRAINER_ID], r[col.EVENT]) for r in work) == sorted(
        (t, e.event_id) for e in tiny_plan.events for t in e.trainer_ids
    )
    for row in work:
        event = events[row[col.EVENT]]
        index = event.trainer_ids.index(row[col.TRAINER_ID])
        assert row[col.FEE] == 900  # R13: 450 € × 2 days, the same for every trainer
        assert _cents(row[col.TRAVEL]) == costs[event.event_id].travel_by_trainer[index] \
            == _cents(event.travel_eur_by_trainer[index])
        assert [row[col.DAY1].date(), row[col.DAY2].date()] == sorted(event.days)
    for trainer_id in ("T-EDU", "T-CNC"):  # each works two events (conftest.py)
        mine = [r for r in work if r[col.TRAINER_ID] == trainer_id]
        row = sums[trainer_id]
        assert row["Veranstaltungen"] == len(mine) == 2 and row[col.SEMINAR_DAYS] == 4
        assert row[col.FEES] == 1800 == sum(r[col.FEE] for r in mine)
        assert _cents(row[col.TRAVEL]) == sum(_cents(r[col.TRAVEL]) for r in mine)
        assert _cents(row[col.TOTAL]) == 180_000 + _cents(row[col.TRAVEL])
    assert sums["T-EDU"][col.ROLE] == "Erwachsenenbildung"
    assert _cents(sum(r[col.TRAVEL] for r in work)) == _cents(tiny_plan.totals.travel_eur)


def test_budget_sheet_equals_plan_totals(files: dict[str, bytes], tiny_plan: Plan):
    rows = {r["Posten"]: r for r in _rows(_workbook(files), col.SHEET_BUDGET)}
    totals = tiny_plan.totals
    assert rows[col.FEES]["Betrag"] == 3600 == totals.fees_eur
    assert rows[col.CATERING]["Betrag"] == 1008 == totals.catering_eur
    assert _cents(rows[col.TRAVEL]["Betrag"]) == _cents(totals.travel_eur)
    assert _cents(rows["Gesamt"]["Betrag"]) == _cents(totals.total_cost_eur)
    assert rows["Budget"]["Betrag"] == 10_000
    assert _cents(rows["Verbleibend"]["Betrag"]) == 1_000_000 - _cents(totals.total_cost_eur)
    assert rows["Budget"]["Anteil am Budget"] == 1


def test_coverage_sheet_per_council_and_regierungsbezirk(files: dict[str, bytes], tiny_plan: Plan):
    workbook = _workbook(files)
    councils = {r[col.COUNCIL_ID]: r for r in _rows(workbook, col.SHEET_COVERAGE)}
    regions = {r[col.REGION]: r for r in _rows(workbook, col.SHEET_COVERAGE_REGIONS)}
    for c in ("C-DUS", "C-DU", "C-BI"):
        covered = sum(a.members for a in tiny_plan.assignments if a.council_id == c)
        assert councils[c]["Abgedeckt gesamt"] == covered
    assert councils["C-DUS"]["Abgedeckt M2"] == 10 and councils["C-DUS"]["Offen gesamt"] == 2
    # Hand-checked in the module docstring.
    assert (regions["Düsseldorf"]["Abgedeckt gesamt"], regions["Düsseldorf"]["Gewünscht gesamt"]) \
        == (30, 40)
    assert (regions["Detmold"]["Abgedeckt gesamt"], regions["Detmold"]["Gewünscht gesamt"]) \
        == (8, 16)
    nrw = regions["NRW gesamt"]
    assert nrw["Abgedeckt gesamt"] == 38 == tiny_plan.totals.covered_seats
    assert nrw["Abdeckung"] == pytest.approx(38 / 56)


def test_csv_files_carry_the_workbook_figures_in_german_format(
    files: dict[str, bytes], tiny_plan: Plan
):
    rows = {r[col.EVENT]: r for r in _csv(files, col.CSV_EVENTS)}
    event = next(e for e in tiny_plan.events if e.event_id == "DUS-M1")
    assert rows["DUS-M1"][col.DAY1] == "06.02.2026"
    assert rows["DUS-M1"][col.FEES] == "1800,00"
    assert rows["DUS-M1"][col.TOTAL] == f"{event.cost_eur.total:.2f}".replace(".", ",")
    assert rows["DUS-M1"][col.CONFIRMED] == ""
    assert b"\r\n" in files[col.CSV_EVENTS]
    budget = {r["Posten"]: r for r in _csv(files, col.CSV_BUDGET)}
    assert budget["Budget"]["Betrag"] == "10000,00"
    regions = {r[col.REGION]: r for r in _csv(files, col.CSV_COVERAGE_REGIONS)}
    assert regions["NRW gesamt"]["Abdeckung"] == "67,86 %"  # 38 / 56


# --- formula neutralisation ---------------------------------------------------------------

EVIL_NAME = '=HYPERLINK("http://example.invalid/x","Klick")'


@pytest.fixture
def evil(tiny_scenario: Scenario, make_plan: MakePlan) -> tuple[Scenario, Plan]:
    """Formula-like text everywhere a planner types it: a site name, a site ID (so also the
    event ID "-DUS-M1"), a council ID."""
    sites = (
        Site(site_id="-DUS", name=EVIL_NAME, ags="05111000", partner_council_id="@C-DUS",
             interested=True),
        *(s.model_copy(update={"name": "+49 " + s.name}) for s in tiny_scenario.sites[1:]),
    )
    councils = (
        tiny_scenario.councils[0].model_copy(update={"council_id": "@C-DUS"}),
        *tiny_scenario.councils[1:],
    )
    scenario = tiny_scenario.model_copy(update={"sites": sites, "councils": councils})
    scenario = Scenario.model_validate(scenario.model_dump())
    plan = make_plan(
        scenario,
        [("-DUS", 1, (dt.date(2026, 2, 6), dt.date(2026, 2, 7)), ["T-EDU", "T-CNC"]),
         ("BI", 1, (dt.date(2026, 2, 14), dt.date(2026, 2, 15)), ["T-CNC"])],
        [("@C-DUS", "-DUS-M1", 12), ("C-DU", "-DUS-M1", 8), ("C-BI", "BI-M1", 8)],
    )
    return scenario, plan


def test_formula_like_text_is_inert_in_workbook_and_csv(
    evil: tuple[Scenario, Plan], nrw_reference: Reference
):
    scenario, plan = evil
    assert validate_plan(scenario, plan, nrw_reference) == []
    files = export_files(plan, scenario, nrw_reference)
    workbook = _workbook(files)
    seen = set()
    for ws in workbook:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and is_formula_like(cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix
                    seen.add(cell.value)
    assert {EVIL_NAME, "-DUS", "-DUS-M1", "@C-DUS", "+49 VHS Bielefeld"} <= seen
    with zipfile.ZipFile(io.BytesIO(files[col.WORKBOOK_FILE])) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and all(b"<f>" not in archive.read(n) for n in sheets)  # no formula
    events = {r[col.SITE]: r for r in _csv(files, col.CSV_EVENTS)}
    assert events["'-DUS"][col.SITE_NAME] == "'" + EVIL_NAME
    assert events["'-DUS"][col.EVENT] == "'-DUS-M1"
    assert "'@C-DUS" in events["'-DUS"][col.COUNCIL_IDS]
    summaries = [str(v["SUMMARY"]) for v in _calendar(files, "standort--DUS").walk("VEVENT")]
    assert all(EVIL_NAME in s for s in summaries)  # calendars keep the name as it is


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_text_reads_back_unchanged_and_never_as_formula(text: str):
    """Property: whatever a planner types comes back as the same text (line ends as "\n";
    other control characters, which xlsx cannot hold, as U+FFFD), no workbook cell ever
    becomes a formula, and no CSV cell starts like one."""
    table = Table("T", (Column("Name"),), [(text,)])
    ws = openpyxl.load_workbook(io.BytesIO(workbook_bytes([table], dt.datetime(2026, 1, 1))))["T"]
    cell = ws["A2"]
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    expected = "".join(REPLACEMENT if (ord(ch) < 32 and ch not in "\t\n") else ch
                       for ch in lines)
    assert cell.data_type != "f"
    assert cell.value == expected
    assert not neutralise_csv(text).startswith(FORMULA_STARTS)
    assert neutralise_csv(text) == text or neutralise_csv(text) == "'" + text


# --- calendars ------------------------------------------------------------------------------


def _uid(event_id: str, number: int, day: dt.date, calendar: str) -> str:
    return event_uid("tiny", event_id, number, day, calendar)


def test_one_calendar_per_trainer_hosting_site_and_council_with_every_seminar_day(
    files: dict[str, bytes], tiny_plan: Plan
):
    names = sorted(n for n in files if n.endswith(".ics"))
    # DU holds no event, so it gets no calendar; both trainers work, every council attends.
    assert names == [f"{col.CALENDAR_DIR}/{n}.ics" for n in (
        "gremium-C-BI", "gremium-C-DU", "gremium-C-DUS", "standort-BI", "standort-DUS",
        "trainer-T-CNC", "trainer-T-EDU")]
    for event in tiny_plan.events:
        councils = {a.council_id for a in tiny_plan.assignments if a.event_id == event.event_id}
        owners = [f"standort-{event.site_id}", *(f"trainer-{t}" for t in event.trainer_ids),
                  *(f"gremium-{c}" for c in councils)]
        for owner in owners:
            calendar = _calendar(files, owner)
            assert calendar["METHOD"] == "PUBLISH"
            vevents = {str(v["UID"]): v for v in calendar.walk("VEVENT")}
            for number, day in enumerate(sorted(event.days), start=1):
                vevent = vevents[_uid(event.event_id, number, day, owner)]
                start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
                assert start == dt.datetime.combine(day, SEMINAR_START, tzinfo=BERLIN)
                assert end == dt.datetime.combine(day, SEMINAR_END, tzinfo=BERLIN)
                assert str(start.tzinfo) == "Europe/Berlin"
                assert event.event_id in str(vevent["DESCRIPTION"])
                assert "€" not in str(vevent["DESCRIPTION"])  # no money in a calendar
    counts = {n: len(list(_calendar(files, n).walk("VEVENT")))
              for n in ("trainer-T-EDU", "trainer-T-CNC", "standort-DUS", "standort-BI",
                        "gremium-C-DUS")}
    assert counts == {"trainer-T-EDU": 4, "trainer-T-CNC": 4, "standort-DUS": 4,
                      "standort-BI": 2, "gremium-C-DUS": 4}
    assert (_uid("DUS-M1", 1, dt.date(2026, 2, 6), "trainer-T03")
            == "tiny/DUS-M1/tag1-20260206/trainer-T03@qualiplan")


@settings(max_examples=200, deadline=None)
@given(st.tuples(st.text(min_size=1), st.text(min_size=1), st.sampled_from([1, 2]),
                 st.dates(), st.text(min_size=1)),
       st.tuples(st.text(min_size=1), st.text(min_size=1), st.sampled_from([1, 2]),
                 st.dates(), st.text(min_size=1)))
def test_uids_of_distinct_seminar_days_differ(
    a: tuple[str, str, int, dt.date, str], b: tuple[str, str, int, dt.date, str]
):
    """Property: scenario "a-b" with event "c" and scenario "a" with event "b-c" (and every
    other pair of distinct days or calendars) get different UIDs, so no entry overwrites
    another."""
    assert (event_uid(*a) == event_uid(*b)) == (a == b)


def test_reexport_of_an_unchanged_plan_is_byte_identical(
    files: dict[str, bytes], tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference,
    tmp_path: Path,
):
    write_folder(tmp_path / "export", files)
    previous = read_calendar_entries(tmp_path / "export" / col.CALENDAR_DIR)
    # 2 days × (site + trainers + councils): DUS-M1 2 × 5, DUS-M2 2 × 3, BI-M1 2 × 3
    assert len(previous) == 22
    again = export_files(tiny_plan, tiny_scenario, nrw_reference, previous)
    assert {n: again[n] for n in again if n.endswith((".ics", ".csv"))} == \
        {n: files[n] for n in files if n.endswith((".ics", ".csv"))}
    assert _cell_values(_workbook(again)) == _cell_values(_workbook(files))


def test_moved_day_is_cancelled_and_changed_entries_raise_their_sequence(
    files: dict[str, bytes], tiny_scenario: Scenario, make_plan: MakePlan,
    nrw_reference: Reference, tmp_path: Path,
):
    write_folder(tmp_path / "export", files)
    previous = read_calendar_entries(tmp_path / "export" / col.CALENDAR_DIR)
    # DUS-M2 moves one week later (Sat 14 + Sat 21 Mar 2026, still a sat+sat7 slot).
    moved = make_plan(
        tiny_scenario,
        [("DUS", 1, (dt.date(2026, 2, 6), dt.date(2026, 2, 7)), ["T-EDU", "T-CNC"]),
         ("DUS", 2, (dt.date(2026, 3, 14), dt.date(2026, 3, 21)), ["T-EDU"]),
         ("BI", 1, (dt.date(2026, 2, 14), dt.date(2026, 2, 15)), ["T-CNC"])],
        [("C-DUS", "DUS-M1", 12), ("C-DU", "DUS-M1", 8), ("C-DUS", "DUS-M2", 10),
         ("C-BI", "BI-M1", 8)],
    )
    assert validate_plan(tiny_scenario, moved, nrw_reference) == []
    old = next(e for e in files_plan_events(files, "standort-DUS") if "DUS-M2" in e)
    again = export_files(moved, tiny_scenario, nrw_reference, previous)
    before = {str(v["UID"]): v for v in _calendar(files, "standort-DUS").walk("VEVENT")}
    after = {str(v["UID"]): v for v in _calendar(again, "standort-DUS").walk("VEVENT")}
    for number, day in ((1, dt.date(2026, 3, 14)), (2, dt.date(2026, 3, 21))):
        vevent = after[_uid("DUS-M2", number, day, "standort-DUS")]  # new day, new UID
        assert vevent.decoded("DTSTART").date() == day and int(vevent["SEQUENCE"]) == 0
    for number, day in ((1, dt.date(2026, 2, 6)), (2, dt.date(2026, 2, 7))):  # unchanged
        assert int(after[_uid("DUS-M1", number, day, "standort-DUS")]["SEQUENCE"]) == 0
    cancel = Calendar.from_ical(again[f"{col.CALENDAR_DIR}/{col.CANCEL_DIR}/standort-DUS.ics"])
    assert cancel["METHOD"] == "CANCEL"
    cancelled = {str(v["UID"]): v for v in cancel.walk("VEVENT")}
    gone = set(before) - set(after)
    assert gone and set(cancelled) == gone  # the old days of DUS-M2, and only they
    assert old in gone
    for uid, vevent in cancelled.items():
        assert str(vevent["STATUS"]) == "CANCELLED"
        assert int(vevent["SEQUENCE"]) == int(before[uid]["SEQUENCE"]) + 1
        assert vevent.decoded("DTSTART") == before[uid].decoded("DTSTART")
    name = f"{col.CALENDAR_DIR}/standort-BI.ics"
    assert again[name] == files[name]


def files_plan_events(files: dict[str, bytes], owner: str) -> list[str]:
    return [str(v["UID"]) for v in _calendar(files, owner).walk("VEVENT")]


# --- command line ---------------------------------------------------------------------------


@pytest.fixture
def solved_dir(tiny_scenario: Scenario, solve_valid: SolveValid, tmp_path: Path) -> Path:
    """The tiny scenario (autumn 2026 only, 24 slots, solved in well under a second),
    solved, validated (``solve_valid``) and written as ``solve`` writes it."""
    scenario = tiny_scenario.model_copy(update={
        "period": Period(start=dt.date(2026, 9, 1), end=dt.date(2026, 11, 30))})
    plan = solve_valid(scenario)
    assert plan.events  # 56 seats are wanted; the optimum holds events
    return write_plan(plan, tmp_path / "plan", scenario=scenario)


def test_cli_export_end_to_end_and_reexport(solved_dir: Path, nrw_reference: Reference):
    result = run_cli("export", solved_dir)
    assert result.exit_code == 0, result.output
    target = solved_dir / "export"
    assert "Export geschrieben" in result.output
    plan, scenario = read_plan_folder(solved_dir)
    assert validate_plan(scenario, plan, nrw_reference) == []
    written = {p.relative_to(target).as_posix(): p.read_bytes()
               for p in target.rglob("*") if p.is_file()}
    workbook = _workbook(written)
    budget = {r["Posten"]: r for r in _rows(workbook, col.SHEET_BUDGET)}
    assert _cents(budget["Gesamt"]["Betrag"]) == _cents(plan.totals.total_cost_eur)
    events = _rows(workbook, col.SHEET_EVENTS)
    assert sorted(r[col.EVENT] for r in events) == sorted(e.event_id for e in plan.events)
    assert sum(r[col.PARTICIPANTS] for r in events) == plan.totals.covered_seats
    assert not list(solved_dir.glob(".export*"))  # no temporary folder left behind

    assert run_cli("export", solved_dir / "plan.json").exit_code == 0  # the file also works
    rewritten = {p.relative_to(target).as_posix(): p.read_bytes()
                 for p in target.rglob("*") if p.is_file()}
    assert sorted(rewritten) == sorted(written)
    assert all(rewritten[n] == written[n] for n in written if not n.endswith(".xlsx"))
    assert _cell_values(_workbook(rewritten)) == _cell_values(workbook)


def test_cli_export_missing_plan_is_bad_input(tmp_path: Path):
    result = run_cli("export", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "plan.json" in result.output and "nichts geschrieben" in result.output


def test_cli_export_refuses_a_foreign_nonempty_folder(solved_dir: Path, tmp_path: Path):
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "letter.txt").write_text("keep me", encoding="utf-8")
    result = run_cli("export", solved_dir, "--out", foreign)
    assert result.exit_code == 2 and "kein früherer Export" in result.output
    assert [p.name for p in foreign.iterdir()] == ["letter.txt"]
    result = run_cli("export", solved_dir, "--out", solved_dir)
    assert result.exit_code == 2 and "Plan-Ordner" in result.output
    assert (solved_dir / "plan.json").is_file()


def test_cli_export_refuses_a_plan_that_breaks_rules(solved_dir: Path):
    path = solved_dir / "plan.json"
    text = path.read_text(encoding="utf-8")
    plan = Plan.model_validate_json(text)
    event = plan.events[0]
    wrong = event.model_copy(update={"cost_eur": event.cost_eur.model_copy(
        update={"fees": event.cost_eur.fees + 1, "total": event.cost_eur.total + 1})})
    path.write_text(plan.model_copy(update={"events": [wrong, *plan.events[1:]]})
                    .model_dump_json(), encoding="utf-8")
    result = run_cli("export", solved_dir)
    assert result.exit_code == 1
    assert "R13" in result.output and not (solved_dir / "export").exists()


def test_cli_export_plan_of_another_scenario_is_bad_input(
    solved_dir: Path, write_scenario_dir: Callable[..., Path]
):
    other = write_scenario_dir("other", name="anders")
    result = run_cli("export", solved_dir, "--scenario", other)
    assert result.exit_code == 2 and "anders" in result.output
    assert not (solved_dir / "export").exists()
