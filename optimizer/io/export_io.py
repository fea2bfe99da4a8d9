"""The export's file access besides writing: where it may write, what the last export said.

The export modules (:mod:`optimizer.export`) build every file in memory. Writing them is
:func:`optimizer.io.report_files.write_folder`: a temporary sibling folder that replaces the
target only when everything is written, so a failed export never leaves a half-written
folder, and a re-export replaces the old one whole (no stale calendar of a trainer who no
longer teaches). Because the target is replaced whole, :func:`export_target_problem` first
makes sure it is not a folder the planner wants to keep.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from icalendar import Calendar

log = logging.getLogger(__name__)


def export_target_problem(target: Path, plan_dir: Path, marker: str) -> str | None:
    """Why ``target`` must not receive an export (German), ``None`` when it may.

    Writing replaces the target folder whole, so it must be new, empty, or an earlier export
    (it holds the file ``marker``, the workbook), and it must not be the plan folder or one
    containing it: a mistyped ``--out`` must never delete a planner's folder.
    """
    resolved, plan = target.resolve(), plan_dir.resolve()
    if resolved == plan or resolved in plan.parents:
        return "das ist der Plan-Ordner oder enthält ihn; bitte einen eigenen Ordner angeben"
    if target.exists() and not target.is_dir():
        return "das ist eine Datei, kein Ordner"
    if target.is_dir() and any(target.iterdir()) and not (target / marker).is_file():
        return (f"der Ordner ist nicht leer und kein früherer Export (ohne {marker}); "
                "er würde ersetzt – bitte einen leeren oder neuen Ordner angeben")
    return None


#: Each VEVENT's fingerprint of what a person sees (times, title, place, text, status).
FINGERPRINT_PROPERTY = "X-QUALIPLAN-FINGERPRINT"
#: Each VEVENT's calendar (path under the export folder of the file that publishes it), so a
#: later export sends a cancellation to the same person.
CALENDAR_PROPERTY = "X-QUALIPLAN-CALENDAR"


@dataclass(frozen=True)
class KnownEntry:
    """One calendar entry of an earlier export, as the next export needs it: to keep its
    SEQUENCE (or raise it when the content changed) and to cancel it in the same person's
    calendar when the entry is gone (:mod:`optimizer.export.ics`)."""

    calendar: str  # path of the calendar that publishes it: kalender/trainer-T03.ics
    title: str  # that calendar's name
    uid: str
    sequence: int
    fingerprint: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    location: str = ""
    cancelled: bool = False


def _when(vevent: Any, key: str) -> dt.datetime:
    value = vevent.decoded(key)
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time(0, 0), tzinfo=dt.UTC)


def read_calendar_entries(folder: str | Path) -> dict[str, KnownEntry]:
    """UID -> :class:`KnownEntry` of every VEVENT in the ``*.ics`` files below ``folder``
    (cancellations included).

    The export uses it to raise SEQUENCE only for entries whose content changed and to cancel
    entries that are gone (:mod:`optimizer.export.ics`). A missing folder gives an empty map;
    a calendar that cannot be read is skipped with a warning (its entries then start again at
    SEQUENCE 0, which clients still match by UID).
    """
    folder = Path(folder)
    entries: dict[str, KnownEntry] = {}
    if not folder.is_dir():
        return entries
    for path in sorted(folder.rglob("*.ics")):
        own = path.relative_to(folder.parent).as_posix()
        try:
            calendar = Calendar.from_ical(path.read_bytes())
            title = str(calendar.get("X-WR-CALNAME", ""))
            for vevent in calendar.walk("VEVENT"):
                uid = str(vevent.get("UID", ""))
                if not uid:
                    continue
                entry = KnownEntry(
                    calendar=str(vevent.get(CALENDAR_PROPERTY, own)), title=title, uid=uid,
                    sequence=int(vevent.get("SEQUENCE", 0)),
                    fingerprint=str(vevent.get(FINGERPRINT_PROPERTY, "")),
                    start=_when(vevent, "DTSTART"), end=_when(vevent, "DTEND"),
                    summary=str(vevent.get("SUMMARY", "")),
                    location=str(vevent.get("LOCATION", "")),
                    cancelled=str(vevent.get("STATUS", "")).upper() == "CANCELLED")
                if uid not in entries or entry.sequence >= entries[uid].sequence:
                    entries[uid] = entry
        except (ValueError, KeyError, OSError, UnicodeDecodeError):
            log.warning("earlier calendar %s not readable; its sequences restart", path.name)
    return entries
