"""iCalendar files (RFC 5545): one per trainer, per site and per council with an event, and,
after a re-plan, the cancellations each of them needs.

Decisions (and why):

* **One VEVENT per seminar day**, not one per event: a week-apart slot (``sat+sat7``, R2)
  would otherwise appear as an eight-day block, and each day can move on its own.
* **Timed, in the site's hours, Europe/Berlin** (with a VTIMEZONE), not all-day: the hours are
  the scenario's ``event_times`` (default 10:00–16:00, as the real 2026 events ran) or the
  site's own ``start_time``/``end_time`` (:meth:`~optimizer.domain.scenario.Scenario.
  seminar_hours`); a timed entry blocks the working day and shows when to arrive. The place
  is the venue with its street address; trainers and councils appear by name
  (:class:`~optimizer.domain.names.Names`). STATUS is TENTATIVE: the plan is a proposal until
  the VHS confirms it. No costs: a site's or a council's calendar must not show what a
  trainer's travel costs.
* **One calendar per person, UIDs per person.** A UID is built from scenario name, event ID,
  day number and date, and the calendar it belongs to (``trainer-T03``): stable, never random,
  so re-importing an export updates entries instead of duplicating them. It names the person
  because a cancellation is personal: a trainer taken off an event must lose the entry while
  the VHS keeps it, even when both calendars are imported into one program.
* **Moved days get a new UID**, since the date is part of it; the old one is cancelled. So the
  old date leaves every calendar that imports the cancellations, not only those that follow
  SEQUENCE updates of a subscribed feed.
* **Deterministic bytes**: DTSTAMP is fixed by the scenario (midnight UTC of the planning
  period's first day, :func:`dtstamp`), never the clock; entries are sorted. An unchanged plan
  therefore gives byte-identical files.
* **SEQUENCE from content**: each VEVENT carries a fingerprint of what a person sees
  (``X-QUALIPLAN-FINGERPRINT``: times, title, place, text, status) and its calendar
  (``X-QUALIPLAN-CALENDAR``). Given the entries of the previous export (read from its files by
  :func:`~optimizer.io.export_io.read_calendar_entries`, or built from the previous plan of a
  re-plan, :func:`known_entries`), an entry whose fingerprint changed gets the previous
  SEQUENCE + 1 (a changed trainer, other councils), an unchanged one keeps it, a new one
  starts at 0.
* **Cancellations**: every previous entry that is gone (an event dropped or moved, a trainer
  taken off, a council moved to another event, also a trainer no longer in the scenario) is
  sent as ``STATUS:CANCELLED`` with SEQUENCE + 1 in ``kalender/absagen/<calendar>.ics``, a
  calendar with ``METHOD:CANCEL`` for the person it concerned (one METHOD per file, as iTIP
  requires). Cancellations stay in later exports, so re-exporting gives the same files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from optimizer.domain import columns as col
from optimizer.domain.names import MODULE_DE, day_long_de, days_de, event_label_de, hours_de
from optimizer.export.tables import ExportContext
from optimizer.insight.figures import EventRow
from optimizer.io.export_io import CALENDAR_PROPERTY, FINGERPRINT_PROPERTY, KnownEntry

TIMEZONE = ZoneInfo("Europe/Berlin")
UID_DOMAIN = "qualiplan"
PRODID = "-//qualiplan//Qualifizierungsreihe Integrationsräte NRW//DE"
FINGERPRINT = FINGERPRINT_PROPERTY
SERIES = "Qualifizierung Integrationsräte"
CANCEL_TITLE = "Absagen – "

#: UID -> what the previous export held (:class:`~optimizer.io.export_io.KnownEntry`).
CalendarState = Mapping[str, KnownEntry]


def event_uid(scenario_name: str, event_id: str, day_number: int, day: dt.date,
              calendar: str) -> str:
    """The UID of one seminar day in one person's calendar:
    ``<scenario>/<event>/tag<n>-<YYYYMMDD>/<calendar>@qualiplan``.

    The parts are percent-encoded, which also encodes ``/`` (and ``@``), so the separators are
    unambiguous: distinct (scenario, event, day, calendar) give distinct UIDs (a property test
    checks it), and the UID holds no character calendar programs mishandle.
    """
    parts = (quote(scenario_name, safe=""), quote(event_id, safe=""),
             f"tag{day_number}-{day:%Y%m%d}", quote(calendar, safe=""))
    return "/".join(parts) + f"@{UID_DOMAIN}"


def calendar_key(kind: str, ident: str) -> str:
    """``trainer-<id>``, ``standort-<id>`` or ``gremium-<id>``: a calendar's name in files."""
    return f"{kind}-{quote(ident, safe='-_')}"


def calendar_file_name(kind: str, ident: str) -> str:
    """``kalender/trainer-<id>.ics`` (``standort-``, ``gremium-``), safe on every system."""
    return f"{col.CALENDAR_DIR}/{calendar_key(kind, ident)}.ics"


def cancel_file_name(calendar: str) -> str:
    """``kalender/absagen/trainer-<id>.ics`` for the calendar ``kalender/trainer-<id>.ics``."""
    return f"{col.CALENDAR_DIR}/{col.CANCEL_DIR}/{calendar.rsplit('/', 1)[-1]}"


def dtstamp(ctx: ExportContext) -> dt.datetime:
    """DTSTAMP of every entry: fixed by the scenario, so re-exports are byte-identical."""
    return dt.datetime.combine(ctx.scenario.period.start, dt.time(0, 0), tzinfo=dt.UTC)


@dataclass(frozen=True)
class Entry:
    """The content of one seminar day's VEVENT in one calendar (all but SEQUENCE, DTSTAMP)."""

    calendar: str  # kalender/trainer-T03.ics
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


@dataclass(frozen=True)
class _Recipient:
    kind: str  # trainer | standort | gremium
    ident: str
    title: str

    @property
    def file(self) -> str:
        return calendar_file_name(self.kind, self.ident)

    @property
    def key(self) -> str:
        return calendar_key(self.kind, self.ident)


def _description(ctx: ExportContext, event: EventRow, who: _Recipient) -> str:
    names = ctx.names
    days = sorted(event.days)
    lines = [
        f"{MODULE_DE.get(event.module, f'Modul {event.module}')} (Modul {event.module}) der "
        f"Qualifizierungsreihe für Integrationsräte NRW",
        f"Ort: {names.venue(event.site_id)}",
        f"Seminartage: {' und '.join(day_long_de(d) for d in days)}, jeweils "
        f"{ctx.hours(event.site_id)}",
        f"Trainer*innen: {names.trainer_list(event.trainer_ids)}",
        f"Teilnehmende: {event.participants} aus {names.council_list(event.council_ids)}",
    ]
    if who.kind == "gremium":
        seats = sum(a.members for a in ctx.plan.assignments
                    if a.event_id == event.event_id and a.council_id == who.ident)
        lines.append(f"Für {names.council(who.ident)} reservierte Plätze: {seats}")
    lines.append(f"Veranstaltung {event.event_id}; geplant mit qualiplan (Szenario "
                 f"{ctx.plan.scenario}); Termin noch nicht bestätigt.")
    return "\n".join(lines)


def _entries(ctx: ExportContext, event: EventRow, who: _Recipient) -> list[Entry]:
    days = sorted(event.days)
    site = next(s for s in ctx.scenario.sites if s.site_id == event.site_id)
    start, end = ctx.scenario.seminar_hours(site)
    description = _description(ctx, event, who)
    label = event_label_de(event.module, event.site_name, days)
    return [
        Entry(
            calendar=who.file,
            uid=event_uid(ctx.plan.scenario, event.event_id, number, day, who.key),
            start=dt.datetime.combine(day, start, tzinfo=TIMEZONE),
            end=dt.datetime.combine(day, end, tzinfo=TIMEZONE),
            summary=f"{label} – Tag {number} von {len(days)}",
            location=ctx.names.venue(event.site_id),
            description=description,
        )
        for number, day in enumerate(days, start=1)
    ]


def _recipients(ctx: ExportContext) -> list[tuple[_Recipient, list[EventRow]]]:
    """Every person with an event: trainers, sites, councils (each sorted by ID)."""
    events, names = ctx.events, ctx.names
    found: list[tuple[_Recipient, list[EventRow]]] = []
    for trainer in sorted(ctx.scenario.trainers, key=lambda t: t.trainer_id):
        mine = [e for e in events if trainer.trainer_id in e.trainer_ids]
        found.append((_Recipient("trainer", trainer.trainer_id,
                                 f"{SERIES} – {names.trainer(trainer.trainer_id)}"), mine))
    for site in sorted(ctx.scenario.sites, key=lambda s: s.site_id):
        here = [e for e in events if e.site_id == site.site_id]
        found.append((_Recipient("standort", site.site_id, f"{SERIES} – {site.name}"), here))
    for council in sorted(ctx.scenario.councils, key=lambda c: c.council_id):
        attended = [e for e in events if council.council_id in e.council_ids]
        found.append((_Recipient("gremium", council.council_id,
                                 f"{SERIES} – {names.council(council.council_id)}"), attended))
    return [(who, rows) for who, rows in found if rows]


def calendar_entries(ctx: ExportContext) -> dict[str, tuple[str, list[Entry]]]:
    """Calendar file -> (its name, its entries in time order) for every person with an event."""
    return {
        who.file: (who.title, sorted((e for event in rows for e in _entries(ctx, event, who)),
                                     key=lambda e: (e.start, e.uid)))
        for who, rows in _recipients(ctx)
    }


def known_entries(ctx: ExportContext) -> dict[str, KnownEntry]:
    """The entries an export of ``ctx`` holds, as a later export knows them (SEQUENCE 0):
    for a re-plan whose previous plan was never exported, the calendars its people have."""
    return {
        e.uid: KnownEntry(file, title, e.uid, 0, e.fingerprint, e.start, e.end, e.summary,
                          e.location)
        for file, (title, entries) in calendar_entries(ctx).items() for e in entries
    }


def _sequence(entry: Entry, previous: CalendarState) -> int:
    before = previous.get(entry.uid)
    if before is None:
        return 0
    unchanged = before.fingerprint == entry.fingerprint and not before.cancelled
    return before.sequence if unchanged else before.sequence + 1


def _vevent(uid: str, stamp: dt.datetime, sequence: int, calendar: str, fingerprint: str,
            fields: Mapping[str, object]) -> Event:
    vevent = Event()
    vevent.add("uid", uid)
    vevent.add("dtstamp", stamp)
    vevent.add("sequence", sequence)
    for key, value in fields.items():
        vevent.add(key, value)
    vevent.add(FINGERPRINT, fingerprint)
    vevent.add(CALENDAR_PROPERTY, calendar)
    return vevent


def _calendar(ctx: ExportContext, title: str, method: str, vevents: list[Event]) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", str(TIMEZONE))
    for vevent in vevents:
        cal.add_component(vevent)
    # The VTIMEZONE covers the years of the planning period only (short, still exact there).
    period = ctx.scenario.period
    cal.add_missing_timezones(first_date=dt.date(period.start.year - 1, 1, 1),
                              last_date=dt.date(period.end.year + 1, 1, 1))
    return cal.to_ical()


def _published(ctx: ExportContext, entries: list[Entry], previous: CalendarState
               ) -> list[Event]:
    stamp = dtstamp(ctx)
    return [
        _vevent(e.uid, stamp, _sequence(e, previous), e.calendar, e.fingerprint, {
            "dtstart": e.start, "dtend": e.end, "summary": e.summary, "location": e.location,
            "description": e.description, "status": e.status})
        for e in entries
    ]


def _cancellation(ctx: ExportContext, known: KnownEntry) -> Event:
    """A gone entry as cancelled (SEQUENCE + 1), or an earlier cancellation as it was."""
    sequence = known.sequence if known.cancelled else known.sequence + 1
    summary = known.summary if known.cancelled else f"ABGESAGT: {known.summary}"
    start = known.start.astimezone(TIMEZONE)
    description = (f"Dieser Termin entfällt für Sie ({days_de([start.date()])}, "
                   f"{hours_de(start.timetz(), known.end.astimezone(TIMEZONE).timetz())}).")
    fields = {"dtstart": start, "dtend": known.end.astimezone(TIMEZONE), "summary": summary,
              "location": known.location, "description": description, "status": "CANCELLED"}
    fingerprint = hashlib.sha256(f"{known.uid}\n{sequence}\nCANCELLED".encode()).hexdigest()[:16]
    return _vevent(known.uid, dtstamp(ctx), sequence, known.calendar, fingerprint, fields)


def calendar_files(ctx: ExportContext, previous: CalendarState | None = None
                   ) -> dict[str, bytes]:
    """Every calendar file of the export: path under the export folder -> ICS bytes.

    One calendar per trainer, site and council with an event (``METHOD:PUBLISH``) and, for
    every calendar that had entries in ``previous`` that are gone now, its cancellations
    (``METHOD:CANCEL``, see the module docstring).
    """
    previous = previous or {}
    files: dict[str, bytes] = {}
    published: set[str] = set()
    for file, (title, entries) in calendar_entries(ctx).items():
        files[file] = _calendar(ctx, title, "PUBLISH", _published(ctx, entries, previous))
        published.update(e.uid for e in entries)
    gone: dict[str, list[KnownEntry]] = defaultdict(list)
    for known in previous.values():
        if known.uid not in published:
            gone[known.calendar].append(known)
    for calendar, cancelled in sorted(gone.items()):
        cancelled.sort(key=lambda k: (k.start, k.uid))
        title = cancelled[0].title.removeprefix(CANCEL_TITLE) or calendar
        files[cancel_file_name(calendar)] = _calendar(
            ctx, CANCEL_TITLE + title, "CANCEL", [_cancellation(ctx, k) for k in cancelled])
    return files
