"""What people read (issue 15): names and addresses in the workbook and calendars, the
site's own hours, letters per council and VHS and the trainers' internal sheets, and the
cancellations a re-plan's export sends.

Documents are read back, not only found: the workbook with openpyxl, calendars with
icalendar, letters by PDF text extraction (pymupdf; skipped without it).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar

from optimizer.domain import columns as col
from optimizer.domain.geography import Reference
from optimizer.domain.names import Names, day_de, days_de, event_label_de
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.export import export_files
from optimizer.insight.figures import analyse_plan
from optimizer.io.plan_io import read_plan_folder, write_plan
from optimizer.report.letters import letter_files
from optimizer.validate import validate_plan

from testkit.cli import run_cli
from testkit.tiny import MakePlan, SolveValid

NAMES = {"T-EDU": "Erika Mustermann", "T-CNC": "Kemal Yıldız"}
ADDRESS = "Bertha-von-Suttner-Platz 1, 40227 Düsseldorf"
STAMP = dt.datetime(2025, 10, 1, tzinfo=dt.UTC)


def _named(scenario: Scenario) -> Scenario:
    """Trainers with names; VHS Düsseldorf with an address and its own hours 9–15."""
    trainers = tuple(t.model_copy(update={"name": NAMES[t.trainer_id]})
                     for t in scenario.trainers)
    sites = tuple(s.model_copy(update={"address": ADDRESS, "start_time": dt.time(9, 0),
                                       "end_time": dt.time(15, 0)})
                  if s.site_id == "DUS" else s for s in scenario.sites)
    return scenario.model_copy(update={"trainers": trainers, "sites": sites})


@pytest.fixture
def named(tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference
          ) -> tuple[Scenario, Plan, dict[str, bytes]]:
    scenario = _named(tiny_scenario)
    assert validate_plan(scenario, tiny_plan, nrw_reference) == []
    return scenario, tiny_plan, export_files(tiny_plan, scenario, nrw_reference)


def test_german_labels() -> None:
    assert days_de([dt.date(2026, 2, 8), dt.date(2026, 2, 7)]) == "7./8. Feb. 2026"
    assert days_de([dt.date(2026, 2, 28), dt.date(2026, 3, 7)]) == "28. Feb./7. März 2026"
    assert days_de([dt.date(2025, 12, 31), dt.date(2026, 1, 1)]) == "31. Dez. 2025/1. Jan. 2026"
    assert event_label_de(1, "VHS Paderborn", [dt.date(2026, 2, 7), dt.date(2026, 2, 8)]) \
        == "Basismodul, VHS Paderborn, 7./8. Feb. 2026"
    assert day_de(dt.date(2026, 9, 5)) == "5. Sept. 2026"


def test_names_fall_back_to_ids(tiny_scenario: Scenario, nrw_reference: Reference) -> None:
    names = Names.of(tiny_scenario, nrw_reference)
    assert names.trainer("T-EDU") == "T-EDU" and names.trainer("T-GONE") == "T-GONE"
    assert names.council("C-BI") == "Bielefeld"
    assert names.venue("DU") == "VHS Duisburg"  # its municipality is in its name already
    named = Names.of(_named(tiny_scenario), nrw_reference)
    assert named.trainer("T-CNC") == "Kemal Yıldız"
    assert named.venue("DUS") == f"VHS Düsseldorf, {ADDRESS}"


def test_workbook_and_calendars_name_every_trainer_and_council(
    named: tuple[Scenario, Plan, dict[str, bytes]],
) -> None:
    _, plan, files = named
    book = openpyxl.load_workbook(io.BytesIO(files[col.WORKBOOK_FILE]))
    events = book[col.SHEET_EVENTS]
    headers = [c.value for c in events[1]]
    rows = {r[headers.index(col.EVENT)]: dict(zip(headers, r, strict=True))
            for r in events.iter_rows(min_row=2, values_only=True)}
    assert rows["DUS-M1"][col.TRAINERS] == "Erika Mustermann, Kemal Yıldız"
    assert rows["DUS-M1"][col.TRAINER_IDS] == "T-EDU;T-CNC"  # the IDs, for machines
    assert rows["DUS-M1"][col.COUNCILS] == "Duisburg, Düsseldorf"
    assert rows["DUS-M1"][col.ADDRESS] == ADDRESS
    assert rows["DUS-M1"][col.HOURS] == "09:00–15:00 Uhr"
    assert rows["BI-M1"][col.HOURS] == "10:00–16:00 Uhr"  # the scenario's event_times
    sums = book[col.SHEET_TRAINER_SUMS]
    assert {r[0] for r in sums.iter_rows(min_row=2, values_only=True)} == set(NAMES.values())
    for event in plan.events:
        councils = {a.council_id for a in plan.assignments if a.event_id == event.event_id}
        owners = [*(f"trainer-{t}" for t in event.trainer_ids), f"standort-{event.site_id}",
                  *(f"gremium-{c}" for c in councils)]
        for owner in owners:
            calendar = Calendar.from_ical(files[f"{col.CALENDAR_DIR}/{owner}.ics"])
            mine = [v for v in calendar.walk("VEVENT") if f"/{event.event_id}/" in str(v["UID"])]
            assert len(mine) == 2, owner
            for vevent in mine:
                text = str(vevent["DESCRIPTION"])
                assert all(NAMES[t] in text for t in event.trainer_ids), (owner, text)
                assert "T-EDU" not in text and "T-CNC" not in text  # names, not IDs
                assert "€" not in text
    dus = Calendar.from_ical(files[f"{col.CALENDAR_DIR}/standort-DUS.ics"])
    first = next(iter(dus.walk("VEVENT")))
    assert first.decoded("DTSTART").time() == dt.time(9, 0)
    assert first.decoded("DTEND").time() == dt.time(15, 0)
    assert str(first["LOCATION"]) == f"VHS Düsseldorf, {ADDRESS}"
    assert str(first["SUMMARY"]).startswith("Basismodul, VHS Düsseldorf, 6./7. Feb. 2026")
    council = Calendar.from_ical(files[f"{col.CALENDAR_DIR}/gremium-C-DU.ics"])
    assert "Für Duisburg reservierte Plätze: 8" in str(next(iter(council.walk("VEVENT")))[
        "DESCRIPTION"])


def _pdf_text(data: bytes) -> str:
    pymupdf = pytest.importorskip("pymupdf")
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return "\n".join(page.get_text() for page in document)


def test_letters_per_council_and_vhs_show_no_money_and_trainer_sheets_are_internal(
    named: tuple[Scenario, Plan, dict[str, bytes]], nrw_reference: Reference,
) -> None:
    scenario, plan, _ = named
    letters = letter_files(analyse_plan(scenario, plan, nrw_reference), scenario, STAMP)
    served = sorted({a.council_id for a in plan.assignments})
    assert sorted(n for n in letters if "einladung" in n) == [
        f"{col.LETTERS_DIR}/einladung-{c}.pdf" for c in served]
    assert sorted(n for n in letters if "/vhs-" in n) == [
        f"{col.LETTERS_DIR}/vhs-BI.pdf", f"{col.LETTERS_DIR}/vhs-DUS.pdf"]
    invitation = " ".join(_pdf_text(letters[f"{col.LETTERS_DIR}/einladung-C-DUS.pdf"]).split())
    # C-DUS: 12 members to DUS-M1 (Fri 6 + Sat 7 Feb 2026), 10 to DUS-M2 (Sat 7 + 14 Mar).
    for expected in ("Düsseldorf", "Basismodul", "Aufbaumodul", "Freitag, 6. Februar 2026",
                     "09:00–15:00 Uhr", ADDRESS, "Erika Mustermann", "Kemal Yıldız",
                     "12 Plätze reserviert", "10 Plätze reserviert", "Anmeldung"):
        assert expected in invitation, expected
    booking = " ".join(_pdf_text(letters[f"{col.LETTERS_DIR}/vhs-DUS.pdf"]).split())
    # DUS-M1: 20 participants + 2 trainers eat on each day.
    assert "22 Personen je Tag" in booking and "Kemal Yıldız" in booking
    for name, data in letters.items():
        if f"/{col.INTERNAL_DIR}/" not in name:
            assert "€" not in _pdf_text(data), name  # no travel, no total that reveals it
    internal = _pdf_text(letters[f"{col.LETTERS_DIR}/{col.INTERNAL_DIR}/einsatz-T-EDU.pdf"])
    assert "INTERN" in internal and "Erika Mustermann" in internal
    assert "1.800,00 €" in " ".join(internal.split())  # 2 events × 900 € fees (R13)
    assert letters == letter_files(analyse_plan(scenario, plan, nrw_reference), scenario,
                                   STAMP)  # the same plan gives the same files


def test_a_replan_cancels_what_is_gone_in_the_calendars_of_those_it_concerned(
    tiny_scenario: Scenario, tiny_plan: Plan, make_plan: MakePlan, tmp_path: Path,
) -> None:
    """The previous plan (tiny_plan) was never exported; its copy in the re-plan's folder is
    enough. T-CNC leaves the scenario; the re-plan drops BI-M1, moves DUS-M2 a week later and
    holds DUS-M1 with T-EDU alone and C-DUS's 11 members (C-DU no longer comes): every gone
    entry is cancelled in the calendar of the person it concerned, T-CNC's included."""
    scenario = _named(tiny_scenario)
    previous = write_plan(tiny_plan, tmp_path / "vorher", scenario=scenario)
    without = scenario.model_copy(update={"trainers": tuple(
        t for t in scenario.trainers if t.trainer_id != "T-CNC")})
    replan = make_plan(
        without,
        [("DUS", 1, (dt.date(2026, 2, 6), dt.date(2026, 2, 7)), ["T-EDU"]),
         ("DUS", 2, (dt.date(2026, 3, 14), dt.date(2026, 3, 21)), ["T-EDU"])],
        [("C-DUS", "DUS-M1", 11), ("C-DUS", "DUS-M2", 10)],
    )
    plan_dir = write_plan(replan, tmp_path / "nachher", scenario=without,
                          previous=(tiny_plan, scenario, None))
    result = run_cli("export", plan_dir)
    assert result.exit_code == 0, result.output
    assert "Absagen" in result.output
    folder = plan_dir / "export" / col.CALENDAR_DIR / col.CANCEL_DIR
    cancelled: dict[str, set[str]] = {}
    for path in folder.glob("*.ics"):
        calendar = Calendar.from_ical(path.read_bytes())
        assert str(calendar["METHOD"]) == "CANCEL"
        for vevent in calendar.walk("VEVENT"):
            assert str(vevent["STATUS"]) == "CANCELLED" and int(vevent["SEQUENCE"]) == 1
            cancelled.setdefault(path.stem, set()).add(str(vevent["UID"]).split("/")[1])
    assert cancelled["trainer-T-CNC"] == {"DUS-M1", "BI-M1"}  # no longer in the scenario
    assert cancelled["standort-BI"] == {"BI-M1"}  # dropped
    assert cancelled["gremium-C-BI"] == {"BI-M1"}
    assert cancelled["standort-DUS"] == {"DUS-M2"}  # moved: its old days
    assert cancelled["gremium-C-DU"] == {"DUS-M1"}  # C-DU no longer attends
    trainer = Calendar.from_ical((folder / "trainer-T-CNC.ics").read_bytes())
    assert "Kemal Yıldız" in str(trainer["X-WR-CALNAME"])
    # Exported again: the same files (cancellations kept, nothing cancelled twice).
    before = {p.name: p.read_bytes() for p in folder.glob("*.ics")}
    assert run_cli("export", plan_dir).exit_code == 0
    assert {p.name: p.read_bytes() for p in folder.glob("*.ics")} == before
    plan, _ = read_plan_folder(previous)
    assert plan == tiny_plan


def test_cli_replan_keeps_the_previous_plan_for_its_cancellations(
    tiny_scenario: Scenario, solve_valid: SolveValid, write_scenario_dir: object,
    tmp_path: Path,
) -> None:
    """``solve --previous`` writes vorheriger-plan/ (plan, scenario and the previous export's
    calendars), and the re-plan's export cancels every event the removed trainer taught."""
    scenario = _named(tiny_scenario)
    first = write_plan(solve_valid(scenario), tmp_path / "plan", scenario=scenario)
    assert run_cli("export", first).exit_code == 0
    plan, _ = read_plan_folder(first)
    taught = {e.event_id for e in plan.events if "T-CNC" in e.trainer_ids}
    changed = tmp_path / "ohne"
    assert run_cli("convert", first / "scenario", changed).exit_code == 0
    lines = (changed / "trainers.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (changed / "trainers.csv").write_text("".join(x for x in lines if not x.startswith("T-CNC,")),
                                          encoding="utf-8")
    result = run_cli("solve", changed, "--previous", first, "--out", tmp_path / "neu",
                     "--time-limit", "20", "--workers", "1", "--no-report")
    assert result.exit_code == 0, result.output
    kept = tmp_path / "neu" / "vorheriger-plan"
    assert (kept / "plan.json").is_file() and (kept / "scenario" / "scenario.yaml").is_file()
    assert (kept / col.CALENDAR_DIR / "trainer-T-CNC.ics").is_file()
    assert run_cli("export", tmp_path / "neu").exit_code == 0
    path = tmp_path / "neu" / "export" / col.CALENDAR_DIR / col.CANCEL_DIR / "trainer-T-CNC.ics"
    calendar = Calendar.from_ical(path.read_bytes())
    assert {str(v["UID"]).split("/")[1] for v in calendar.walk("VEVENT")} == taught
