"""``changes.csv`` of a re-plan: one row per change, written and read back.

A re-plan's folder holds its change list against the previous plan (README "Re-planning"),
so that ``qualiplan report`` can show it again without the previous plan. The file is German,
for planners: headers :data:`~optimizer.domain.changes.CSV_HEADER` and the kind's German label
(:data:`~optimizer.domain.changes.KIND_LABELS`) in the first column, in German Excel's dialect
(:mod:`optimizer.io.csv_de`: BOM, ``;``); it holds IDs only. Files of earlier versions
(comma, no BOM) are read too.
"""

from __future__ import annotations

from optimizer.domain.changes import CSV_HEADER, KIND_LABELS, Change
from optimizer.io.csv_de import csv_text_de, is_formula_like, read_csv_rows

__all__ = ["CHANGES_FILE", "CSV_HEADER", "changes_csv", "parse_changes_csv"]

#: The change list's file name in a re-plan's folder.
CHANGES_FILE = "changes.csv"


def changes_csv(changes: list[Change]) -> str:
    """``changes.csv``: one row per change, German headers, IDs only."""
    return csv_text_de(CSV_HEADER, (
        (KIND_LABELS[c.kind], *map(_quoted, (c.event_id, c.site_id)), c.module,
         *map(_quoted, (c.trainer_id, c.council_id, c.before, c.after))) for c in changes))


def _quoted(text: str) -> str:
    """A text that starts with an apostrophe gets one more, so that reading back can tell
    it from a neutralised formula (:func:`_inert`)."""
    return "'" + text if text.startswith("'") else text


def _inert(cell: str) -> str:
    """A cell as it was before writing: ``'-DUS`` (neutralised) -> ``-DUS``, ``''x`` -> ``'x``."""
    rest = cell[1:]
    return rest if cell.startswith("'") and (is_formula_like(rest) or rest.startswith("'")) \
        else cell


def parse_changes_csv(text: str) -> list[Change]:
    """The changes of :func:`changes_csv`'s text (the inverse; for reports of a re-plan).

    Raises ``ValueError`` naming the line when a row is not one :func:`changes_csv` writes.
    """
    kinds = {label: kind for kind, label in KIND_LABELS.items()}
    rows = [[_inert(cell) for cell in row] for row in read_csv_rows(text)]
    if not rows or tuple(rows[0]) != CSV_HEADER:
        raise ValueError(f"{CHANGES_FILE}: Kopfzeile {', '.join(CSV_HEADER)} erwartet")
    changes = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(CSV_HEADER) or row[0] not in kinds or not row[3].isdigit():
            raise ValueError(f"{CHANGES_FILE}, Zeile {line}: keine Änderung dieses Formats")
        changes.append(Change(kinds[row[0]], row[1], row[2], int(row[3]), row[4], row[5],
                              row[6], row[7]))
    return changes
