"""Changes between a previous plan and a re-plan, and locks from a previous plan.

:func:`diff` lists every changed decision as a :class:`~optimizer.domain.changes.Change`
(the kinds, and how events, trainers and councils are matched, are described in
:mod:`optimizer.domain.changes`); :func:`count_by_kind` counts them. Structured results
only: ``changes.csv`` is written by :mod:`optimizer.io.changes_csv`, the German words are in
:mod:`optimizer.report.changes_de`.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Collection, Mapping

from optimizer.domain.changes import CHANGE_KINDS, SEATS_CHANGED, Change
from optimizer.domain.columns import CONFIRMED_DATE, CONFIRMED_FULL
from optimizer.domain.plan import Plan, PlannedEvent
from optimizer.domain.scenario import Lock


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


def _seats(plan: Plan) -> Counter[tuple[str, int]]:
    modules = {e.event_id: e.module for e in plan.events}
    seats: Counter[tuple[str, int]] = Counter()
    for a in plan.assignments:
        if a.members > 0 and a.event_id in modules:
            seats[a.council_id, modules[a.event_id]] += a.members
    return seats


def seat_changes(previous: Plan, current: Plan) -> list[Change]:
    """One row per council and module whose seats differ between the plans (before, after),
    by council and module: every council the planner must tell, also one that only sends
    fewer members to the same event (no decision of :func:`diff`)."""
    before, after = _seats(previous), _seats(current)
    return [
        Change(SEATS_CHANGED, "", "", module, council_id=council_id,
               before=str(before[council_id, module]), after=str(after[council_id, module]))
        for council_id, module in sorted(before.keys() | after.keys())
        if before[council_id, module] != after[council_id, module]
    ]


def affected(changes: list[Change]) -> dict[str, int]:
    """How many sites, trainers and councils the changes concern (each counted once; a
    council whose seats changed counts though no decision named it)."""
    return {
        "sites": len({c.site_id for c in changes if c.site_id}),
        "trainers": len({c.trainer_id for c in changes if c.trainer_id}),
        "councils": len({c.council_id for c in changes if c.council_id}),
    }


def count_by_kind(changes: list[Change]) -> dict[str, int]:
    """Number of changes per kind, in the order of :data:`~optimizer.domain.changes.CHANGE_KINDS`
    (kinds with none left out)."""
    counts = Counter(c.kind for c in changes)
    return {kind: counts[kind] for kind in CHANGE_KINDS if counts[kind]}


def locks_from_plan(
    plan: Plan, event_ids: Collection[str] | Mapping[str, str] | None = None
) -> list[Lock]:
    """Locks for the confirmed events of a plan: those marked ``confirmed`` in plan.json and
    those in ``event_ids`` (e.g. from the "Bestätigt" column of an exported schedule).

    ``event_ids`` may map each event to its confirmation level: "ja" (the default, and for
    plan.json's ``confirmed``) locks site, module, days, trainers and councils; "Termin"
    (:data:`~optimizer.domain.columns.CONFIRMED_DATE`) locks site, module and days only, so
    the re-plan chooses the trainers (one who dropped out is replaced) and the councils.
    """
    levels = (dict(event_ids) if isinstance(event_ids, Mapping)
              else dict.fromkeys(event_ids or (), CONFIRMED_FULL))
    locks = []
    for event in plan.events:
        if not (event.confirmed or event.event_id in levels):
            continue
        days = (event.days[0], event.days[1])
        if not event.confirmed and levels[event.event_id] == CONFIRMED_DATE:
            locks.append(Lock(site_id=event.site_id, module=event.module, days=days))
            continue
        councils = {a.council_id: a.members for a in plan.assignments
                    if a.event_id == event.event_id and a.members > 0}
        locks.append(Lock(site_id=event.site_id, module=event.module, days=days,
                          trainer_ids=tuple(event.trainer_ids), councils=councils))
    return locks
