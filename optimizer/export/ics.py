"""iCalendar files: one per trainer and one per site that holds an event (RFC 5545).

Decisions (and why):

* **One VEVENT per seminar day**, not one per event: a week-apart slot (``sat+sat7``, R2)
  would otherwise appear as an eight-day block, and each day can move on its own.
* **Timed, 10:00–16:00 Europe/Berlin** (with a VTIMEZONE), not all-day: the real 2026 event
  the call's facts cite ran 10–16 h, and a timed entry blocks the working day in a trainer's
  calendar and shows when to arrive. :data:`SEMINAR_START` and :data:`SEMINAR_END` say it
  in one place. STATUS is TENTATIVE: the plan is a proposal until the VHS confirms it.
* **Stable UIDs** from scenario name, event ID and day number (1 or 2), not from the date
  and never random: re-importing an export updates the entries instead of duplicating them,
  and a day that moves keeps its UID. A trainer's and a site's calendar show the same
  seminar day with the same UID and the same text, so both can live in one calendar.
* **Deterministic bytes**: DTSTAMP is fixed by the scenario (midnight UTC of the planning
  period's first day, :func:`dtstamp`), never the clock; events are sorted. An unchanged plan
  therefore gives byte-identical files.
* **SEQUENCE from content**: each VEVENT carries a fingerprint of what a person sees
  (``X-QUALIPLAN-FINGERPRINT``: times, title, place, text, status). Given the UIDs,
  sequences and fingerprints of the previous export in the target folder (read by
  :func:`~optimizer.io.export_io.read_calendar_state`), an entry whose fingerprint changed
  gets the previous SEQUENCE + 1, an unchanged one keeps it, a new one starts at 0; clients
  then accept the update.

Not done: an entry that disappears (a trainer replaced, an event dropped) is not sent as a
cancellation (METHOD:CANCEL); the re-exported file simply no longer has it, which a
subscribed calendar follows but an imported copy does not.

No personal data (R18): trainers appear by alias, councils by ID.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from optimizer.domain import columns as col
from optimizer.export.tables import ExportContext
from optimizer.insight.figures import EventRow

TIMEZONE = ZoneInfo("Europe/Berlin")
SEMINAR_START = dt.time(10, 0)
SEMINAR_END = dt.time(16, 0)
UID_DOMAIN = "qualiplan"
PRODID = "-//qualiplan//Qualifizierungsreihe Integrationsräte NRW//DE"
FINGERPRINT = "X-QUALIPLAN-FINGERPRINT"
MODULE_DE = {1: "Basismodul", 2: "Aufbaumodul"}
_WEEKDAYS_DE = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")


#: UID -> (SEQUENCE, fingerprint) of the previous export's entries.
CalendarState = Mapping[str, tuple[int, str]]


def event_uid(scenario_name: str, event_id: str, day_number: int) -> str:
    """The UID of one seminar day: ``<scenario>/<event>/tag<n>@qualiplan``.

    The parts are percent-encoded, which also encodes ``/`` (and ``@``), so the separators are
    unambiguous: distinct (scenario, event, day) give distinct UIDs (a property test checks
    it), and the UID holds no character calendar programs mishandle.
    """
    return (f"{quote(scenario_name, safe='')}/{quote(event_id, safe='')}/tag{day_number}"
            f"@{UID_DOMAIN}")


def calendar_file_name(kind: str, ident: str) -> str:
    """``kalender/trainer-<id>.ics`` or ``kalender/standort-<id>.ics``, safe on every system."""
    return f"{col.CALENDAR_DIR}/{kind}-{quote(ident, safe='-_')}.ics"


def dtstamp(ctx: ExportContext) -> dt.datetime:
    """DTSTAMP of every entry: fixed by the scenario, so re-exports are byte-identical."""
    return dt.datetime.combine(ctx.scenario.period.start, dt.time(0, 0), tzinfo=dt.UTC)


def _day_de(day: dt.date) -> str:
    return f"{_WEEKDAYS_DE[day.weekday()]} {day:%d.%m.%Y}"


@dataclass(frozen=True)
class _Entry:
    """The content of one seminar day's VEVENT (everything but SEQUENCE and DTSTAMP)."""

    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    location: str
    description: str
    status: str = "TENTATIVE"

    @property
    def fingerprint(self) -> str:
        text = "\n".join((self.start.isoformat(), self.end.isoformat(), self.summary,
                          self.location, self.description, self.status))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _entries(ctx: ExportContext, event: EventRow) -> list[_Entry]:
    days = sorted(event.days)
    site_name, place = event.site_name, event.municipality
    councils = sorted(event.council_ids)
    description = "\n".join((
        f"Veranstaltung {event.event_id}, Modul {event.module} ({MODULE_DE.get(event.module, '')})"
        f" am Standort {event.site_id} ({site_name}, {place})",
        f"Seminartage: {' und '.join(_day_de(d) for d in days)}, jeweils "
        f"{SEMINAR_START:%H:%M}–{SEMINAR_END:%H:%M} Uhr",
        f"Trainer*innen: {', '.join(event.trainer_ids)}",
        f"Teilnehmende: {event.participants} aus den Gremien {', '.join(councils)}",
        f"Geplant mit qualiplan (Szenario {ctx.plan.scenario}); Termin noch nicht bestätigt.",
    ))
    return [
        _Entry(
            uid=event_uid(ctx.plan.scenario, event.event_id, number),
            start=dt.datetime.combine(day, SEMINAR_START, tzinfo=TIMEZONE),
            end=dt.datetime.combine(day, SEMINAR_END, tzinfo=TIMEZONE),
            summary=(f"Integrationsrat-Qualifizierung Modul {event.module}, Tag {number} von "
                     f"{len(days)} – {site_name}"),
            location=f"{site_name}, {place}",
            description=description,
        )
        for number, day in enumerate(days, start=1)
    ]


def _calendar(
    ctx: ExportContext, title: str, events: list[EventRow],
    previous: CalendarState,
) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", str(TIMEZONE))
    stamp = dtstamp(ctx)
    entries = sorted((e for event in events for e in _entries(ctx, event)),
                     key=lambda e: (e.start, e.uid))
    for entry in entries:
        before = previous.get(entry.uid)
        if before is None:
            sequence = 0
        else:
            sequence = before[0] if before[1] == entry.fingerprint else before[0] + 1
        vevent = Event()
        vevent.add("uid", entry.uid)
        vevent.add("dtstamp", stamp)
        vevent.add("sequence", sequence)
        vevent.add("dtstart", entry.start)
        vevent.add("dtend", entry.end)
        vevent.add("summary", entry.summary)
        vevent.add("location", entry.location)
        vevent.add("description", entry.description)
        vevent.add("status", entry.status)
        vevent.add(FINGERPRINT, entry.fingerprint)
        cal.add_component(vevent)
    # The VTIMEZONE covers the years of the planning period only (short, still exact there).
    period = ctx.scenario.period
    cal.add_missing_timezones(first_date=dt.date(period.start.year, 1, 1),
                              last_date=dt.date(period.end.year + 1, 1, 1))
    return cal.to_ical()


def calendar_files(
    ctx: ExportContext, previous: CalendarState | None = None
) -> dict[str, bytes]:
    """Every calendar file of the export: path under the export folder -> ICS bytes.

    One file per trainer of the scenario that teaches at least one event and one per site
    that holds at least one; ``previous`` (UID -> state of the last export) sets SEQUENCE.
    """
    previous = previous or {}
    events = ctx.events
    files: dict[str, bytes] = {}
    for trainer in sorted(ctx.scenario.trainers, key=lambda t: t.trainer_id):
        mine = [e for e in events if trainer.trainer_id in e.trainer_ids]
        if mine:
            files[calendar_file_name("trainer", trainer.trainer_id)] = _calendar(
                ctx, f"Qualifizierung Integrationsräte – Trainer*in {trainer.trainer_id}",
                mine, previous,
            )
    for site in sorted(ctx.scenario.sites, key=lambda s: s.site_id):
        here = [e for e in events if e.site_id == site.site_id]
        if here:
            files[calendar_file_name("standort", site.site_id)] = _calendar(
                ctx, f"Qualifizierung Integrationsräte – {site.name} ({site.site_id})",
                here, previous,
            )
    return files
