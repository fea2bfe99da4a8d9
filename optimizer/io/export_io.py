"""The export's file access besides writing: where it may write, what the last export said.

The export modules (:mod:`optimizer.export`) build every file in memory. Writing them is
:func:`optimizer.io.report_files.write_folder`: a temporary sibling folder that replaces the
target only when everything is written, so a failed export never leaves a half-written
folder, and a re-export replaces the old one whole (no stale calendar of a trainer who no
longer teaches). Because the target is replaced whole, :func:`export_target_problem` first
makes sure it is not a folder the planner wants to keep.
"""

from __future__ import annotations

import logging
from pathlib import Path

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


def read_calendar_state(
    folder: str | Path, fingerprint_property: str
) -> dict[str, tuple[int, str]]:
    """UID -> (SEQUENCE, value of ``fingerprint_property``) of every VEVENT in ``folder/*.ics``.

    The export uses it to raise SEQUENCE only for entries whose content changed since the
    previous export (:mod:`optimizer.export.ics`). A missing folder gives an empty map; a
    calendar that cannot be read is skipped with a warning (its entries then start again at
    SEQUENCE 0, which clients still match by UID).
    """
    folder = Path(folder)
    state: dict[str, tuple[int, str]] = {}
    if not folder.is_dir():
        return state
    for path in sorted(folder.glob("*.ics")):
        try:
            calendar = Calendar.from_ical(path.read_bytes())
            for vevent in calendar.walk("VEVENT"):
                uid = str(vevent.get("UID", ""))
                fingerprint = str(vevent.get(fingerprint_property, ""))
                if uid and fingerprint:
                    state[uid] = (int(vevent.get("SEQUENCE", 0)), fingerprint)
        except (ValueError, OSError, UnicodeDecodeError):
            log.warning("earlier calendar %s not readable; its sequences restart", path.name)
    return state
