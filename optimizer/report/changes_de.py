"""A re-plan's changes in German words: each kind's label and the one-line summary.

The labels are those of ``changes.csv`` (:data:`~optimizer.domain.changes.KIND_LABELS`), so the
report, the CLI and the file name a change the same way.
"""

from __future__ import annotations

from optimizer.domain.changes import CHANGE_KINDS, KIND_LABELS, Change
from optimizer.insight.changes import affected, count_by_kind

#: German label of each kind of change.
KIND_DE = KIND_LABELS


def kind_de(change: Change) -> str:
    """The change's kind in German (``Termin verschoben``)."""
    return KIND_DE[change.kind]


def summary_de(changes: list[Change]) -> str:
    """One German line: the number of changes, their kinds, and whom they concern (every
    council whose seats changed among the councils)."""
    decisions = [c for c in changes if c.kind in CHANGE_KINDS]
    if not changes:
        return "Änderungen gegenüber dem vorigen Plan: keine"
    parts = ", ".join(f"{KIND_DE[k]}: {n}" for k, n in count_by_kind(decisions).items())
    who = affected(changes)
    return (f"Änderungen gegenüber dem vorigen Plan: {len(decisions)}"
            + (f" ({parts})" if parts else "")
            + f"; betroffen: {who['sites']} Standorte, {who['trainers']} Trainer*innen, "
            f"{who['councils']} Gremien")
