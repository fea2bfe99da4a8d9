"""A re-plan's changes in German words: each kind's label and the one-line summary.

The labels are those of ``changes.csv`` (:data:`~optimizer.domain.changes.KIND_LABELS`), so the
report, the CLI and the file name a change the same way.
"""

from __future__ import annotations

from optimizer.domain.changes import KIND_LABELS, Change
from optimizer.insight.changes import count_by_kind

#: German label of each kind of change.
KIND_DE = KIND_LABELS


def kind_de(change: Change) -> str:
    """The change's kind in German (``Termin verschoben``)."""
    return KIND_DE[change.kind]


def summary_de(changes: list[Change]) -> str:
    """One German line: the number of changes and their kinds."""
    if not changes:
        return "Änderungen gegenüber dem vorigen Plan: keine"
    parts = ", ".join(f"{KIND_DE[k]}: {n}" for k, n in count_by_kind(changes).items())
    sites = len({c.site_id for c in changes})
    trainers = len({c.trainer_id for c in changes if c.trainer_id})
    councils = len({c.council_id for c in changes if c.council_id})
    return (f"Änderungen gegenüber dem vorigen Plan: {len(changes)} ({parts}); betroffen: "
            f"{sites} Standorte, {trainers} Trainer*innen, {councils} Gremien")
