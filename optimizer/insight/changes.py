"""Changes between a previous plan and a re-plan, and locks from a previous plan.

A **change** is one decision that differs between the two plans (the same count the
solver's "changes" stage minimises, :mod:`optimizer.model.requirements`). Events are matched
by site and module (their event ID, R3):

- ``dropped``: an event of the previous plan is no longer held;
- ``added``: an event is held that the previous plan did not have;
- ``moved``: an event held in both plans has other days;
- ``trainer_removed`` / ``trainer_added``: a trainer works an event in one plan only (a
  swap is two changes, one for each trainer concerned; a dropped event also removes its
  trainers, an added one adds them);
- ``council_removed`` / ``council_added``: a council attends an event in one plan only (a
  council moved to another event is two changes; a changed number of members is none).

Each change concerns one site and, where it applies, one trainer or one council, so the
list can be read per trainer, per site and per council (``changes.csv``).
"""

from __future__ import annotations

import csv
import functools
import io
from collections import Counter
from dataclasses import dataclass

from optimizer.domain.plan import Plan, PlannedEvent
from optimizer.domain.scenario import Lock

KIND_DE = {
    "dropped": "Veranstaltung entfällt",
    "added": "Veranstaltung neu",
    "moved": "Termin verschoben",
    "trainer_removed": "Trainer*in abgezogen",
    "trainer_added": "Trainer*in neu eingesetzt",
    "council_removed": "Gremium abgemeldet",
    "council_added": "Gremium neu zugeordnet",
}
#: Headers of ``changes.csv`` (German, for planners).
CSV_HEADER = ("Art", "Veranstaltung", "Standort", "Modul", "Trainer*in", "Gremium",
              "vorher", "nachher")
CHANGES_FILE = "changes.csv"


@dataclass(frozen=True)
class Change:
    """One changed decision (see the module docstring)."""

    kind: str
    event_id: str
    site_id: str
    module: int
    trainer_id: str = ""
    council_id: str = ""
    before: str = ""
    after: str = ""

    @property
    def kind_de(self) -> str:
        return KIND_DE[self.kind]


def _days(event: PlannedEvent) -> str:
    return " + ".join(day.strftime("%d.%m.%Y") for day in event.days)


def diff(previous: Plan, current: Plan) -> list[Change]:
    """Every change from ``previous`` to ``current``, by event ID, then kind."""
    before = {e.event_id: e for e in previous.events}
    after = {e.event_id: e for e in current.events}
    members_before = {(a.council_id, a.event_id): a.members for a in previous.assignments
                      if a.members > 0}
    members_after = {(a.council_id, a.event_id): a.members for a in current.assignments
                     if a.members > 0}
    changes: list[Change] = []
    for event_id in sorted(before.keys() | after.keys()):
        old, new = before.get(event_id), after.get(event_id)
        event = new or old
        assert event is not None
        change = functools.partial(Change, event_id=event_id, site_id=event.site_id,
                                   module=event.module)

        if old is not None and new is None:
            changes.append(change("dropped", before=_days(old)))
        elif old is None and new is not None:
            changes.append(change("added", after=_days(new)))
        elif old is not None and new is not None and old.days != new.days:
            changes.append(change("moved", before=_days(old), after=_days(new)))
        old_staff = set(old.trainer_ids) if old else set()
        new_staff = set(new.trainer_ids) if new else set()
        changes += [change("trainer_removed", trainer_id=k)
                    for k in sorted(old_staff - new_staff)]
        changes += [change("trainer_added", trainer_id=k)
                    for k in sorted(new_staff - old_staff)]
        old_councils = {c: n for (c, e), n in members_before.items() if e == event_id}
        new_councils = {c: n for (c, e), n in members_after.items() if e == event_id}
        changes += [change("council_removed", council_id=c,
                           before=str(old_councils[c]))
                    for c in sorted(old_councils.keys() - new_councils.keys())]
        changes += [change("council_added", council_id=c, after=str(new_councils[c]))
                    for c in sorted(new_councils.keys() - old_councils.keys())]
    return changes


def count_by_kind(changes: list[Change]) -> dict[str, int]:
    """Number of changes per kind, in the order of :data:`KIND_DE` (kinds with none left out)."""
    counts = Counter(c.kind for c in changes)
    return {kind: counts[kind] for kind in KIND_DE if counts[kind]}


def changes_csv(changes: list[Change]) -> str:
    """``changes.csv``: one row per change, German headers, IDs only (no personal data)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for c in changes:
        writer.writerow([c.kind_de, c.event_id, c.site_id, c.module, c.trainer_id,
                         c.council_id, c.before, c.after])
    return buffer.getvalue()


def parse_changes_csv(text: str) -> list[Change]:
    """The changes of :func:`changes_csv`'s text (the inverse; for reports of a re-plan).

    Raises ``ValueError`` naming the line when a row is not one :func:`changes_csv` writes.
    """
    kinds = {de: kind for kind, de in KIND_DE.items()}
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or tuple(rows[0]) != CSV_HEADER:
        raise ValueError(f"{CHANGES_FILE}: Kopfzeile {', '.join(CSV_HEADER)} erwartet")
    changes = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(CSV_HEADER) or row[0] not in kinds or not row[3].isdigit():
            raise ValueError(f"{CHANGES_FILE}, Zeile {line}: keine Änderung dieses Formats")
        changes.append(Change(kinds[row[0]], row[1], row[2], int(row[3]), row[4], row[5],
                              row[6], row[7]))
    return changes


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


def locks_from_plan(plan: Plan, event_ids: set[str] | None = None) -> list[Lock]:
    """Locks for the confirmed events of a plan: those marked ``confirmed`` in plan.json and
    those in ``event_ids`` (e.g. from the "Bestätigt" column of an exported schedule), each
    with its site, module, days, trainers and councils."""
    wanted = set(event_ids or ())
    locks = []
    for event in plan.events:
        if not (event.confirmed or event.event_id in wanted):
            continue
        councils = {a.council_id: a.members for a in plan.assignments
                    if a.event_id == event.event_id and a.members > 0}
        locks.append(Lock(site_id=event.site_id, module=event.module,
                          days=(event.days[0], event.days[1]),
                          trainer_ids=tuple(event.trainer_ids), councils=councils))
    return locks
