"""R1 and R2: when an event may take place.

R1: every seminar day lies in the planning period. R2: an event has exactly two different
seminar days, in ascending order, forming an allowed slot pattern (:data:`SLOT_PATTERNS`,
enabled by ``slots.patterns``); no seminar day is an NRW public holiday (the ``holidays``
package, DE subdivision NW), in the NRW school holidays (with ``slots.avoid_school_holidays``),
among ``slots.blocked_dates``, or among the site's own blocked dates.

The module gap between an event of module 1 and one of module 2 (R5a, R5c) is checked with
the rest of R5 in :mod:`optimizer.validate.modules`, because R5 is one rule about the two
modules and its three parts are reported together.
"""

from __future__ import annotations

from collections.abc import Iterator

from optimizer.domain.plan import PlannedEvent
from optimizer.validate.core import DAYS_PER_EVENT, Context, Violation, at_event, day_de

__all__ = ["SLOT_PATTERNS", "check_days"]

SLOT_PATTERNS: dict[str, tuple[int, int]] = {
    "fri+sat": (4, 1),
    "sat+sun": (5, 1),
    "sat+sat7": (5, 7),
    "fri+fri7": (4, 7),
}
"""R2: slot pattern -> (weekday of the first day, days from the first to the second day)."""


def check_days(ctx: Context) -> Iterator[Violation]:
    """R1 (planning period) and R2 (two days, allowed pattern, no holiday or blocked day).

    Per event, in plan order: R1 for each day, then the slot's shape (R2), then the day
    rules (R2) for each of its days.
    """
    for e in ctx.plan.events:
        yield from _period(ctx, e)
        yield from _slot(ctx, e)
        yield from _day_rules(ctx, e)


def _period(ctx: Context, e: PlannedEvent) -> Iterator[Violation]:
    """R1: each seminar day lies between ``period.start`` and ``period.end`` (both included)."""
    period = ctx.scenario.period
    for day in e.days:
        if not period.start <= day <= period.end:
            yield at_event(
                "R1", e,
                f"Seminartag {day_de(day)} liegt außerhalb des Planungszeitraums "
                f"{period.start:%d.%m.%Y}–{period.end:%d.%m.%Y}",
            )


def _slot(ctx: Context, e: PlannedEvent) -> Iterator[Violation]:
    """R2: exactly two different days, ascending, forming an enabled slot pattern."""
    patterns = ctx.scenario.slots.patterns
    allowed = {SLOT_PATTERNS[p] for p in patterns}
    if len(e.days) != DAYS_PER_EVENT or e.days[0] == e.days[1]:
        given = ", ".join(day_de(day) for day in e.days) or "keine"
        yield at_event(
            "R2", e, f"genau 2 verschiedene Seminartage erforderlich, angegeben: {given}"
        )
    elif e.days[0] > e.days[1]:
        yield at_event("R2", e, "die Seminartage sind nicht aufsteigend sortiert")
    elif (e.days[0].weekday(), (e.days[1] - e.days[0]).days) not in allowed:
        yield at_event(
            "R2", e,
            f"Termin {day_de(e.days[0])} + {day_de(e.days[1])} entspricht keinem erlaubten "
            f"Muster ({', '.join(patterns)})",
        )


def _day_rules(ctx: Context, e: PlannedEvent) -> Iterator[Violation]:
    """R2: no seminar day is a public holiday, a school-holiday day (when avoided), a blocked
    date of the scenario or a blocked date of the site."""
    slots = ctx.scenario.slots
    site = ctx.sites.get(e.site_id)
    for day in sorted(set(e.days)):
        holiday = ctx.public_holidays.get(day)
        if holiday is not None:
            yield at_event("R2", e, f"Seminartag {day_de(day)} ist Feiertag in NRW ({holiday})")
        block = next((b for b in ctx.reference.school_holidays if day in b), None)
        if slots.avoid_school_holidays and block is not None:
            yield at_event(
                "R2", e, f"Seminartag {day_de(day)} liegt in den NRW-Schulferien ({block.name})"
            )
        if day in slots.blocked_dates:
            yield at_event(
                "R2", e, f"Seminartag {day_de(day)} ist gesperrt (slots.blocked_dates)"
            )
        if site is not None and day in site.blocked_dates:
            yield at_event(
                "R2", e, f"Seminartag {day_de(day)} ist am Standort {site.site_id} gesperrt"
            )
