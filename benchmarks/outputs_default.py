"""What planners send out, measured on the default scenario (issue 15's "Done means").

    python benchmarks/outputs_default.py [--time-limit 40] [--workers 2] [--keep DIR]

1. Copies ``scenarios/nrw-2025-26`` and gives every trainer a (fictional) name in
   ``trainers.csv``; solves it through the public API and exports the plan.
2. Checks the export: every trainer of every event by name in the calendars and the workbook,
   every served council by municipality name, every people-facing CSV with BOM and ``;``,
   every xlsx sheet landscape and fit to width, one letter (PDF) per served council.
3. Removes the busiest trainer, re-plans with the previous plan (``--previous``), exports,
   and checks that the cancellations (``STATUS:CANCELLED``) cover every dropped or moved
   event and every event the removed trainer was taken off.
4. Prints the workbooks as a planner prints them (LibreOffice ``soffice --headless
   --convert-to pdf``, one sheet at a time) and checks: at most one page per 25 rows of each
   sheet (rounded up), every column's header on every page. Needs ``soffice`` and
   ``pdftotext`` (Debian ``libreoffice-calc-nogui``, ``poppler-utils``); without them this
   step is skipped and says so.

Prints one line per check and per printed sheet and appends the rows to
``reports/benchmarks/<date>/outputs.csv`` (machine, commit, load).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from common import ROOT, append_rows, commit, machine

import optimizer
from optimizer.domain import columns as col

FIRST = ("Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hakan", "Ida", "Jonas",
         "Kemal", "Lena", "Mira", "Nils", "Olga", "Paul", "Rana", "Sven", "Tara", "Umut")
LAST = ("Albers", "Brandt", "Celik", "Dietz", "Engel", "Fuchs", "Gül", "Hahn", "Ilgaz",
        "Jansen", "Kaya", "Lorenz", "Maurer", "Nowak", "Öztürk", "Peters", "Quast", "Roth",
        "Schulz", "Teuber")
ROWS_PER_PAGE = 25


def named_scenario(target: Path) -> dict[str, str]:
    """The default scenario in ``target`` with a name for every trainer; ID -> name."""
    shutil.copytree(ROOT / "scenarios" / "nrw-2025-26", target)
    path = target / "trainers.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = {}
    for i, row in enumerate(rows):
        names[row["trainer_id"]] = f"{FIRST[i % len(FIRST)]} {LAST[(7 * i) % len(LAST)]}"
        row["name"] = names[row["trainer_id"]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*rows[0].keys()])
        writer.writeheader()
        writer.writerows(rows)
    return names


def _ics_text(folder: Path) -> dict[str, str]:
    from icalendar import Calendar

    texts = {}
    for path in sorted(folder.rglob("*.ics")):
        calendar = Calendar.from_ical(path.read_bytes())
        texts[path.relative_to(folder).as_posix()] = "\n".join(
            f"{v.get('SUMMARY')}\n{v.get('DESCRIPTION')}\nSTATUS:{v.get('STATUS')}"
            for v in calendar.walk("VEVENT"))
    return texts


def check_export(plan_dir: Path, export: Path, names: dict[str, str]) -> dict[str, object]:
    """Names in calendars and workbook, CSV dialect, print setup, letters (Done means 1)."""
    from openpyxl import load_workbook

    plan, scenario = optimizer.read_plan_and_scenario(plan_dir)
    towns = optimizer.analyse({"plan": (scenario, plan)})["plan"].names.councils
    calendars = _ics_text(export / col.CALENDAR_DIR)
    book = load_workbook(export / col.WORKBOOK_FILE)
    sheet_text = "\n".join(str(v) for ws in book for row in ws.iter_rows(values_only=True)
                           for v in row if v is not None)
    missing_names = []
    for event in plan.events:
        site_calendar = calendars.get(f"standort-{event.site_id}.ics", "")
        for trainer_id in event.trainer_ids:
            trainer_calendar = calendars.get(f"trainer-{trainer_id}.ics", "")
            if not all(names[trainer_id] in text
                       for text in (trainer_calendar, site_calendar, sheet_text)):
                missing_names.append((event.event_id, trainer_id))
    served = sorted({a.council_id for a in plan.assignments if a.members > 0})
    missing_councils = [c for c in served if towns[c] not in sheet_text
                        or towns[c] not in calendars.get(f"gremium-{c}.ics", "")]
    people_csv = [p for p in export.rglob("*.csv")] + [
        p for p in plan_dir.glob("*.csv") if p.name not in ("events.csv", "assignments.csv")]
    bad_csv = [p.name for p in people_csv
               if not p.read_bytes().startswith(b"\xef\xbb\xbf")
               or ";" not in p.read_text(encoding="utf-8-sig").split("\n", 1)[0]]
    sheets = [(ws.title, ws.page_setup.orientation, ws.page_setup.fitToWidth,
               ws.sheet_properties.pageSetUpPr.fitToPage) for ws in book]
    not_printable = [t for t, o, w, fit in sheets if o != "landscape" or w != 1 or not fit]
    letters = {p.name for p in (export / col.LETTERS_DIR).glob("einladung-*.pdf")}
    missing_letters = [c for c in served if f"einladung-{c}.pdf" not in letters]
    return {"events": len(plan.events), "trainer_names_missing": len(missing_names),
            "served_councils": len(served), "council_names_missing": len(missing_councils),
            "people_csv": len(people_csv), "csv_not_german": len(bad_csv),
            "sheets": len(sheets), "sheets_not_printable": len(not_printable),
            "council_letters": len(letters), "letters_missing": len(missing_letters)}


def check_cancellations(previous_dir: Path, plan_dir: Path, export: Path, removed: str
                        ) -> dict[str, object]:
    """Every dropped or moved event, and every event the removed trainer was taken off, has a
    ``STATUS:CANCELLED`` entry in the re-plan's export (Done means 2)."""
    from icalendar import Calendar

    before = optimizer.read_plan_and_scenario(previous_dir)[0]
    after = optimizer.read_plan_and_scenario(plan_dir)[0]
    now = {e.event_id: e for e in after.events}
    dropped_or_moved = {e.event_id for e in before.events
                        if e.event_id not in now or sorted(now[e.event_id].days) != sorted(e.days)}
    taken_off = {e.event_id for e in before.events if removed in e.trainer_ids}
    cancelled: dict[str, set[str]] = {}
    for path in (export / col.CALENDAR_DIR / col.CANCEL_DIR).glob("*.ics"):
        calendar = Calendar.from_ical(path.read_bytes())
        assert str(calendar.get("METHOD")) == "CANCEL", path
        for vevent in calendar.walk("VEVENT"):
            if str(vevent.get("STATUS")) == "CANCELLED":
                event_id = str(vevent.get("UID")).split("/")[1]
                cancelled.setdefault(event_id, set()).add(path.stem)
    missing = sorted(dropped_or_moved - set(cancelled))
    missing_trainer = sorted(e for e in taken_off
                             if f"trainer-{removed}" not in cancelled.get(e, set()))
    return {"removed_trainer": removed, "dropped_or_moved": len(dropped_or_moved),
            "taken_off": len(taken_off), "cancelled_events": len(cancelled),
            "cancellations_missing": len(missing) + len(missing_trainer)}


def _norm(text: str) -> str:
    return re.sub(r"[\s\-]", "", text)


def print_sheets(workbook: Path, work: Path) -> list[dict[str, object]]:
    """Each sheet printed alone by LibreOffice: pages, rows, and whether every column's
    header is on every page (Done means 4)."""
    from openpyxl import load_workbook

    rows = []
    titles = load_workbook(workbook, read_only=True).sheetnames
    for title in titles:
        book = load_workbook(workbook)
        for other in [ws for ws in book.worksheets if ws.title != title]:
            book.remove(other)
        single = work / f"{workbook.stem}-{re.sub(r'[^A-Za-z0-9_]', '_', title)}.xlsx"
        book.save(single)
        ws = book[title]
        headers = [str(c.value) for c in ws[1] if c.value is not None]
        data_rows = sum(any(v is not None for v in row)
                        for row in ws.iter_rows(values_only=True))
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work),
                        str(single)], check=True, capture_output=True, timeout=300)
        pdf = single.with_suffix(".pdf")
        text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout
        pages = [p for p in text.split("\f") if p.strip()]
        allowed = max(1, math.ceil(data_rows / ROWS_PER_PAGE))
        on_every_page = all(all(_norm(h) in _norm(page) for h in headers) for page in pages)
        rows.append({"workbook": workbook.name, "sheet": title, "rows": data_rows,
                     "columns": len(headers), "pages": len(pages), "allowed_pages": allowed,
                     "pages_ok": len(pages) <= allowed, "all_columns_on_every_page":
                     on_every_page})
    return rows


def _show(printed: list[dict[str, object]]) -> None:
    for row in printed:
        print(f"{row['workbook']:<16} {row['sheet']:<20} rows {row['rows']:>4}  columns "
              f"{row['columns']:>2}  pages {row['pages']:>3} (at most {row['allowed_pages']})"
              f"  all columns on every page: {row['all_columns_on_every_page']}")


def print_only(workbooks: list[Path]) -> int:
    """Step 4 alone, for workbooks at hand."""
    work = Path(tempfile.mkdtemp(prefix="qualiplan-print-"))
    printed = [row for workbook in workbooks for row in print_sheets(workbook, work)]
    _show(printed)
    stamp = {"date": dt.date.today().isoformat(), "commit": commit(), "machine": machine(),
             "load_1min": round(os.getloadavg()[0], 2)}
    append_rows("outputs.csv", [{**stamp, "kind": "print", **r} for r in printed])
    return 0 if all(r["pages_ok"] and r["all_columns_on_every_page"] for r in printed) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--time-limit", type=float, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the folders here")
    parser.add_argument("--print-only", type=Path, nargs="+", metavar="XLSX",
                        help="only print these workbooks (step 4) and report the pages")
    args = parser.parse_args()
    if args.print_only:
        return print_only(args.print_only)
    work = args.keep or Path(tempfile.mkdtemp(prefix="qualiplan-outputs-"))
    work.mkdir(parents=True, exist_ok=True)
    names = named_scenario(work / "szenario")
    started = time.perf_counter()
    request = optimizer.SolveRequest(work / "szenario", work / "plan", args.time_limit,
                                     args.workers, 0)
    run = optimizer.solve_folder(request)
    assert run.target is not None, "no plan"
    optimizer.export_folder(run.target)
    first = check_export(run.target, run.target / col.DEFAULT_EXPORT_DIR, names)
    load = Counter(t for e in run.result.plan.events for t in e.trainer_ids)
    busiest = max(sorted(load), key=lambda t: load[t])
    changed = work / "szenario-ohne"
    shutil.copytree(work / "szenario", changed)
    path = changed / "trainers.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(ln for ln in lines if not ln.startswith(f"{busiest},")),
                    encoding="utf-8")
    replan = optimizer.solve_folder(optimizer.SolveRequest(
        changed, work / "neuplan", args.time_limit, args.workers, 0,
        previous_dir=run.target))
    assert replan.target is not None, "no re-plan"
    optimizer.export_folder(replan.target)
    second = check_cancellations(run.target, replan.target,
                                 replan.target / col.DEFAULT_EXPORT_DIR, busiest)
    seconds = round(time.perf_counter() - started, 1)
    printed: list[dict[str, object]] = []
    if shutil.which("soffice") and shutil.which("pdftotext"):
        optimizer.convert_scenario(work / "szenario", work / "szenario.xlsx")
        for workbook in (run.target / col.DEFAULT_EXPORT_DIR / col.WORKBOOK_FILE,
                         work / "szenario.xlsx"):
            printed += print_sheets(workbook, work)
    else:
        print("soffice or pdftotext missing: printing not measured", file=sys.stderr)
    stamp = {"date": dt.date.today().isoformat(), "commit": commit(), "machine": machine(),
             "load_1min": round(os.getloadavg()[0], 2), "time_limit_s": args.time_limit,
             "workers": args.workers}
    summary = {**stamp, "kind": "checks", **first, **second, "solve_export_s": seconds}
    for key, value in summary.items():
        print(f"{key:<28} {value}")
    _show(printed)
    append_rows("outputs.csv", [summary, *({**stamp, "kind": "print", **r} for r in printed)])
    failed = (first["trainer_names_missing"] or first["council_names_missing"]
              or first["csv_not_german"] or first["sheets_not_printable"]
              or first["letters_missing"] or second["cancellations_missing"]
              or not all(r["pages_ok"] and r["all_columns_on_every_page"] for r in printed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
