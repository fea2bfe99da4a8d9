"""Read which events a planner confirmed, from an exported schedule workbook.

The export (``schedule.xlsx``) has a sheet "Termine" with one row per event; the planner
marks confirmed events in its column "Bestätigt": "ja" (or "x") when event, date, venue and
trainers are agreed, "Termin" when only date and venue are agreed with the VHS and the
trainers may still change. Only the two columns "Veranstaltung" (the event ID) and
"Bestätigt" are read, found by their headers in the first row, so other columns may change
freely. The confirmed events of a previous plan become locks of the re-plan
(:func:`optimizer.insight.changes.locks_from_plan`).
"""

from __future__ import annotations

from pathlib import Path

from optimizer.domain import columns
from optimizer.domain.errors import InputError, InputProblem

# The export's own names (one place: optimizer/domain/columns.py, constants only).
SCHEDULE_FILE = columns.WORKBOOK_FILE
SHEET = columns.SHEET_EVENTS
EVENT_HEADER = columns.EVENT
CONFIRMED_HEADER = columns.CONFIRMED


def schedule_path(plan_dir: Path) -> Path | None:
    """The exported schedule of a plan folder: ``export/schedule.xlsx`` (where ``qualiplan
    export`` writes by default) or ``schedule.xlsx`` beside plan.json; ``None`` if neither."""
    for path in (plan_dir / columns.DEFAULT_EXPORT_DIR / SCHEDULE_FILE, plan_dir / SCHEDULE_FILE):
        if path.is_file():
            return path
    return None
_YES = {"ja", "x", "j", "yes", "true", "1", "wahr"}
_DATE_ONLY = {"termin", "datum", "termin und ort", "ort und termin"}
_NO = {"", "nein", "no", "false", "0", "falsch", "-"}


def confirmed_event_ids(path: str | Path) -> set[str]:
    """Event IDs marked confirmed in the workbook, at either level."""
    return set(confirmation_levels(path))


def confirmation_levels(path: str | Path) -> dict[str, str]:
    """Event ID -> confirmation level (:data:`~optimizer.domain.columns.CONFIRMED_FULL` "ja"
    or :data:`~optimizer.domain.columns.CONFIRMED_DATE` "Termin") of every event marked in
    the workbook; every unreadable part is an input error."""
    from openpyxl import load_workbook

    path = Path(path)
    name = path.name
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken or foreign file
        raise InputError([InputProblem(name, None, None, None,
                                       f"eine lesbare Excel-Arbeitsmappe ({exc})")]) from None
    try:
        if SHEET not in book.sheetnames:
            raise InputError([InputProblem(name, None, None, None,
                                           f"ein Tabellenblatt \u201e{SHEET}\u201c")])
        rows = list(book[SHEET].iter_rows(values_only=True))
    finally:
        book.close()
    where = f"{name} [{SHEET}]"
    header = [str(cell).strip() if cell is not None else "" for cell in (rows[0] if rows else ())]
    missing = [h for h in (EVENT_HEADER, CONFIRMED_HEADER) if h not in header]
    if missing:
        raise InputError([InputProblem(where, 1, h, None, "diese Spalte in der Kopfzeile")
                          for h in missing])
    event_col, flag_col = header.index(EVENT_HEADER), header.index(CONFIRMED_HEADER)
    confirmed: dict[str, str] = {}
    problems: list[InputProblem] = []
    for number, row in enumerate(rows[1:], start=2):
        event = row[event_col] if event_col < len(row) else None
        flag = row[flag_col] if flag_col < len(row) else None
        text = "" if flag is None else " ".join(str(flag).split()).lower()
        level = (columns.CONFIRMED_FULL if text in _YES or flag is True
                 else columns.CONFIRMED_DATE if text in _DATE_ONLY else None)
        if level is not None:
            if event is None or not str(event).strip():
                problems.append(InputProblem(where, number, EVENT_HEADER, "",
                                             "die Veranstaltungs-ID der bestätigten Zeile"))
            else:
                confirmed[str(event).strip()] = level
        elif text not in _NO and flag is not False:
            problems.append(InputProblem(where, number, CONFIRMED_HEADER, str(flag),
                                         "ja, Termin oder leer"))
    if problems:
        raise InputError(problems)
    return confirmed
