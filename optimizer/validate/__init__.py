"""Solver-independent plan validator: the executable form of ``RULES.md``.

:func:`validate_plan` checks a :class:`~optimizer.domain.plan.Plan` (as read from ``plan.json``)
against its :class:`~optimizer.domain.scenario.Scenario` and returns every broken rule as a
:class:`Violation` naming the rule ID (``R1`` … ``R16``) or ``PLAN`` for a plan that is not
consistent in itself (unknown IDs, sums that do not add up). The planner's own requirements
(README "Re-planning") are checked when the scenario has them: ``LOCK`` (a confirmed event
kept exactly), ``STATUS`` (required sites hold an event, excluded ones none) and ``REGION``
(``objective.min_share_per_region``). An empty list means the plan is
valid; a plan without events is valid.

This module knows nothing of the solver: it reads only the domain models, the reference data
and the geodesic distances of :mod:`optimizer.domain.geodesy`, and recomputes every amount from
``RULES.md`` in exact decimal arithmetic (:func:`recompute_costs`). It is meant to be read side
by side with ``RULES.md``; each check's docstring names the rules it enforces.

Readings fixed here (where ``RULES.md`` leaves a choice to the implementation):

* An event's participants are the members assigned to it. A ``participants`` field that
  differs is reported as ``PLAN``; every rule (R6, R11, R15) uses the assigned members.
* A stated amount that differs from the recomputation is reported under the rule that defines
  it: fees R13, travel R14, catering R15. Sums that do not add up (an event's total, its travel
  against ``travel_eur_by_trainer``, ``totals``, ``objective``) are reported as ``PLAN``. With
  both kinds of check passing, every stated amount equals the recomputation.
* ``travel_eur_by_trainer`` is optional in ``plan.json`` (FORMAT.md does not list it). When
  given, each trainer's amount is checked (R14); when empty, the event's travel is.
* Two trainers of the same role are an R10 violation (the tandem of the call); a wrong number
  of trainers, or a trainer listed twice, is an R11 violation.
* R4 permits a site to hold a single module; nothing can violate it, so it has no check.
* The scenario is taken as valid (as :func:`optimizer.io.scenario_reader.read_scenario`
  guarantees: unique IDs, known municipality keys).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import holidays

from optimizer.domain.geodesy import distance_m
from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan, PlannedEvent
from optimizer.domain.scenario import MODULES, Council, Scenario, Site, Trainer
from optimizer.io.reference import load_reference

__all__ = ["EventCostCents", "Violation", "reachable_by_region", "recompute_costs",
           "validate_plan"]

DAYS_PER_EVENT = 2
"""R2, R13, R15: every event has two seminar days; fees and catering always count both."""

# R2: slot pattern -> (weekday of the first day, days from the first to the second day).
SLOT_PATTERNS: dict[str, tuple[int, int]] = {
    "fri+sat": (4, 1),
    "sat+sun": (5, 1),
    "sat+sat7": (5, 7),
    "fri+fri7": (4, 7),
}

_WEEKDAYS_DE = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
_ROLE_DE = {"educator": "Erwachsenenbildung", "council": "Integrationsräte"}


@dataclass(frozen=True)
class Violation:
    """One broken rule: its ID, what it concerns (an event, council, trainer … ID) and why.

    ``message`` is complete on its own (it names the subject), for planners, in German.
    """

    rule: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


@dataclass(frozen=True)
class EventCostCents:
    """The recomputed cost of one event in integer cents (R13, R14, R15).

    ``travel_by_trainer`` is in the order of the event's ``trainer_ids``; each entry is
    already rounded to the cent, so ``travel`` is their plain sum.
    """

    fees: int
    travel_by_trainer: tuple[int, ...]
    catering: int

    @property
    def travel(self) -> int:
        return sum(self.travel_by_trainer)

    @property
    def total(self) -> int:
        return self.fees + self.travel + self.catering


# --- small helpers ------------------------------------------------------------------------


def _dec(value: float | int) -> Decimal:
    """A parameter as the decimal number the planner wrote (``Decimal(str(x))``)."""
    return Decimal(str(value))


def _to_cents(amount_eur: Decimal) -> int:
    """Euros to whole cents, rounded half up."""
    return int((amount_eur * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _plan_cents(amount_eur: float) -> int:
    """An amount as stated in ``plan.json`` (euros, two decimals) in whole cents."""
    return round(amount_eur * 100)


def _eur(cents: int) -> str:
    """German money format: ``1.234,56 €``."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros:,}".replace(",", ".") + f",{rest:02d} €"


def _num(value: Decimal | float) -> str:
    """A number with a decimal comma, without trailing zeros (``0,3``, ``25``)."""
    text = format(_dec(value) if isinstance(value, float) else value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _day(day: dt.date) -> str:
    return f"{_WEEKDAYS_DE[day.weekday()]} {day:%d.%m.%Y}"


def _ids(items: list[str] | set[str]) -> str:
    return ", ".join(sorted(items))


def _at_event(rule: str, event: PlannedEvent, text: str) -> Violation:
    """A violation about one event; the message starts with the event's ID."""
    return Violation(rule, event.event_id, f"Veranstaltung {event.event_id}: {text}")


# --- lookup tables, built once --------------------------------------------------------------


@dataclass
class _Context:
    """Lookup tables for one validation; every check only reads from here."""

    scenario: Scenario
    plan: Plan
    reference: Reference
    councils: dict[str, Council]
    sites: dict[str, Site]
    trainers: dict[str, Trainer]
    events: dict[str, PlannedEvent]  # first event with each ID
    members: dict[str, int]  # event ID -> members assigned to it
    # council ID -> (event, members) for every assignment to an existing event
    attendance: dict[str, list[tuple[PlannedEvent, int]]]
    public_holidays: holidays.HolidayBase
    _distances: dict[tuple[float, float, float, float], int] = field(default_factory=dict)

    @classmethod
    def build(cls, scenario: Scenario, plan: Plan, reference: Reference) -> _Context:
        events: dict[str, PlannedEvent] = {}
        for event in plan.events:
            events.setdefault(event.event_id, event)
        members: dict[str, int] = defaultdict(int)
        attendance: dict[str, list[tuple[PlannedEvent, int]]] = defaultdict(list)
        for a in plan.assignments:
            members[a.event_id] += a.members
            if a.event_id in events:
                attendance[a.council_id].append((events[a.event_id], a.members))
        years = sorted({day.year for event in plan.events for day in event.days})
        return cls(
            scenario=scenario,
            plan=plan,
            reference=reference,
            councils={c.council_id: c for c in scenario.councils},
            sites={s.site_id: s for s in scenario.sites},
            trainers={t.trainer_id: t for t in scenario.trainers},
            events=events,
            members=dict(members),
            attendance=dict(attendance),
            public_holidays=holidays.country_holidays(
                "DE", subdiv="NW", years=years, language="de"
            ),
        )

    def participants(self, event: PlannedEvent) -> int:
        return self.members.get(event.event_id, 0)

    def site_point(self, site: Site) -> tuple[float, float]:
        """R7, R14: the site's own coordinates if both are given, else its municipality centre."""
        if site.lat is not None and site.lon is not None:
            return site.lat, site.lon
        centre = self.reference.municipalities[site.ags]
        return centre.lat, centre.lon

    def home_point(self, trainer: Trainer) -> tuple[float, float]:
        """R14: the trainer's home coordinates if both are given, else the municipality centre."""
        if trainer.home_lat is not None and trainer.home_lon is not None:
            return trainer.home_lat, trainer.home_lon
        centre = self.reference.municipalities[trainer.home_ags]
        return centre.lat, centre.lon

    def centre(self, ags: str) -> tuple[float, float]:
        centre = self.reference.municipalities[ags]
        return centre.lat, centre.lon

    def distance_m(self, a: tuple[float, float], b: tuple[float, float]) -> int:
        key = (*a, *b)
        if key not in self._distances:
            self._distances[key] = distance_m(*a, *b)
        return self._distances[key]


def _is_consecutive(event: PlannedEvent) -> bool:
    """R14: a slot of two consecutive days (the only kind that may use the overnight option)."""
    days = sorted(set(event.days))
    return len(days) == DAYS_PER_EVENT and (days[1] - days[0]).days == 1


# --- costs (R13, R14, R15) ----------------------------------------------------------------


def _trainer_travel_cents(ctx: _Context, trainer: Trainer, site: Site, consecutive: bool) -> int:
    """R14: one trainer's travel to one event, rounded to the cent (half up).

    One-way road km = geodesic km × ``road_factor``; a round trip costs 2 × road km ×
    ``km_rate_eur``. A consecutive slot whose one-way road km is strictly above
    ``overnight_min_km`` costs one round trip plus ``overnight_eur``; every other slot costs
    one round trip per seminar day.
    """
    costs = ctx.scenario.costs
    metres = ctx.distance_m(ctx.home_point(trainer), ctx.site_point(site))
    road_km = Decimal(metres) * _dec(costs.road_factor) / 1000
    round_trip = 2 * road_km * _dec(costs.km_rate_eur)
    if consecutive and road_km > _dec(costs.overnight_min_km):
        return _to_cents(round_trip + _dec(costs.overnight_eur))
    return _to_cents(DAYS_PER_EVENT * round_trip)


def _price_event(ctx: _Context, event: PlannedEvent) -> EventCostCents | None:
    """R13–R15 for one event; ``None`` when its site or a trainer is unknown (a PLAN error)."""
    site = ctx.sites.get(event.site_id)
    trainers = [ctx.trainers.get(t) for t in event.trainer_ids]
    if site is None or any(t is None for t in trainers):
        return None
    costs = ctx.scenario.costs
    num_trainers = len(event.trainer_ids)
    persons = ctx.participants(event) + num_trainers
    consecutive = _is_consecutive(event)
    return EventCostCents(
        fees=_to_cents(_dec(costs.fee_per_trainer_day_eur) * DAYS_PER_EVENT * num_trainers),
        travel_by_trainer=tuple(
            _trainer_travel_cents(ctx, t, site, consecutive) for t in trainers if t is not None
        ),
        catering=_to_cents(_dec(costs.catering_per_person_day_eur) * DAYS_PER_EVENT * persons),
    )


def recompute_costs(
    scenario: Scenario, plan: Plan, reference: Reference | None = None
) -> dict[str, EventCostCents]:
    """Recompute every event's cost in integer cents from the scenario (R13, R14, R15).

    Participants are the members assigned to the event. Events with an unknown site or
    trainer cannot be priced and are left out (:func:`validate_plan` reports them as PLAN).
    With duplicate event IDs the last one wins (also a PLAN violation).
    """
    ctx = _Context.build(scenario, plan, reference or load_reference())
    priced = {}
    for event in plan.events:
        cost = _price_event(ctx, event)
        if cost is not None:
            priced[event.event_id] = cost
    return priced


# --- checks, one per rule family ------------------------------------------------------------


def _check_references(ctx: _Context) -> Iterator[Violation]:
    """PLAN: IDs exist and fit together; participants agree with the assignments."""
    for event_id, count in Counter(e.event_id for e in ctx.plan.events).items():
        if count > 1:
            yield Violation(
                "PLAN", event_id, f"Veranstaltung {event_id}: die ID kommt {count}-mal vor"
            )
    for e in ctx.plan.events:
        expected_id = f"{e.site_id}-M{e.module}"
        if e.event_id != expected_id:
            yield _at_event(
                "PLAN", e,
                f"die ID passt nicht zu Standort {e.site_id} und Modul {e.module} "
                f"(erwartet {expected_id})",
            )
        if e.site_id not in ctx.sites:
            yield _at_event("PLAN", e, f"unbekannter Standort {e.site_id}")
        if e.module not in MODULES:
            yield _at_event("PLAN", e, f"Modul {e.module} gibt es nicht (nur 1 und 2)")
        for trainer_id in e.trainer_ids:
            if trainer_id not in ctx.trainers:
                yield _at_event("PLAN", e, f"unbekannte Trainer*in {trainer_id}")
        by_trainer = len(e.travel_eur_by_trainer)
        if by_trainer and by_trainer != len(e.trainer_ids):
            yield _at_event(
                "PLAN", e,
                f"travel_eur_by_trainer hat {by_trainer} Einträge für "
                f"{len(e.trainer_ids)} Trainer*innen",
            )
        assigned = ctx.participants(e)
        if e.participants != assigned:
            yield _at_event(
                "PLAN", e,
                f"{e.participants} Teilnehmende angegeben, die Zuordnungen ergeben {assigned}",
            )
    pairs = Counter((a.council_id, a.event_id) for a in ctx.plan.assignments)
    for (council_id, event_id), count in pairs.items():
        if count > 1:
            yield Violation(
                "PLAN", council_id,
                f"Gremium {council_id} ist {count}-mal der Veranstaltung {event_id} zugeordnet",
            )
    for a in ctx.plan.assignments:
        where = f"Zuordnung von {a.council_id} zu {a.event_id}"
        if a.event_id not in ctx.events:
            yield Violation("PLAN", a.council_id, f"{where}: diese Veranstaltung gibt es nicht")
        if a.council_id not in ctx.councils:
            yield Violation("PLAN", a.council_id, f"{where}: unbekanntes Gremium")
        if a.members < 1:
            yield Violation(
                "PLAN", a.council_id, f"{where}: {a.members} Mitglieder, mindestens 1 erforderlich"
            )


def _check_days(ctx: _Context) -> Iterator[Violation]:
    """R1 (planning period) and R2 (two days, allowed pattern, no holiday or blocked day)."""
    period, slots = ctx.scenario.period, ctx.scenario.slots
    allowed = {SLOT_PATTERNS[p] for p in slots.patterns}
    for e in ctx.plan.events:
        for day in e.days:
            if not period.start <= day <= period.end:
                yield _at_event(
                    "R1", e,
                    f"Seminartag {_day(day)} liegt außerhalb des Planungszeitraums "
                    f"{period.start:%d.%m.%Y}–{period.end:%d.%m.%Y}",
                )
        if len(e.days) != DAYS_PER_EVENT or e.days[0] == e.days[1]:
            given = ", ".join(_day(day) for day in e.days) or "keine"
            yield _at_event(
                "R2", e, f"genau 2 verschiedene Seminartage erforderlich, angegeben: {given}"
            )
        elif e.days[0] > e.days[1]:
            yield _at_event("R2", e, "die Seminartage sind nicht aufsteigend sortiert")
        elif (e.days[0].weekday(), (e.days[1] - e.days[0]).days) not in allowed:
            yield _at_event(
                "R2", e,
                f"Termin {_day(e.days[0])} + {_day(e.days[1])} entspricht keinem erlaubten "
                f"Muster ({', '.join(slots.patterns)})",
            )
        site = ctx.sites.get(e.site_id)
        for day in sorted(set(e.days)):
            holiday = ctx.public_holidays.get(day)
            if holiday is not None:
                yield _at_event("R2", e, f"Seminartag {_day(day)} ist Feiertag in NRW ({holiday})")
            block = next((b for b in ctx.reference.school_holidays if day in b), None)
            if slots.avoid_school_holidays and block is not None:
                yield _at_event(
                    "R2", e, f"Seminartag {_day(day)} liegt in den NRW-Schulferien ({block.name})"
                )
            if day in slots.blocked_dates:
                yield _at_event(
                    "R2", e, f"Seminartag {_day(day)} ist gesperrt (slots.blocked_dates)"
                )
            if site is not None and day in site.blocked_dates:
                yield _at_event(
                    "R2", e, f"Seminartag {_day(day)} ist am Standort {site.site_id} gesperrt"
                )


def _gap_too_short(m1: PlannedEvent, m2: PlannedEvent, gap_days: int) -> str | None:
    """R5: why module 2 starts too soon after module 1 ends, or ``None`` if the gap is enough."""
    if not m1.days or not m2.days:
        return None  # already an R2 violation
    last_m1, first_m2 = max(m1.days), min(m2.days)
    days = (first_m2 - last_m1).days
    if days >= gap_days:
        return None
    when = f"{days} Tage nach" if days >= 0 else f"{-days} Tage vor"
    return (
        f"{m2.event_id} beginnt am {_day(first_m2)}, {when} dem Ende von {m1.event_id} "
        f"am {_day(last_m1)}; Mindestabstand {gap_days} Tage"
    )


def _check_modules(ctx: _Context) -> Iterator[Violation]:
    """R3 (one event per site and module) and R5 (module 2 builds on module 1).

    R5(a) a site holding both modules; R5(b) a council's module-2 members are at most its
    module-1 members plus ``trained_m1``; R5(c) every pair of a council's module-1 and
    module-2 events keeps the gap.
    """
    gap = ctx.scenario.rules.module_gap_days
    by_site: dict[str, dict[int, list[PlannedEvent]]] = defaultdict(lambda: defaultdict(list))
    for e in ctx.plan.events:
        if e.module in MODULES:
            by_site[e.site_id][e.module].append(e)
    for site_id, modules in by_site.items():
        for module, events in sorted(modules.items()):
            if len(events) > 1:
                yield Violation(
                    "R3", site_id,
                    f"Standort {site_id} hält Modul {module} {len(events)}-mal "
                    f"({', '.join(e.event_id for e in events)}); erlaubt ist eine Veranstaltung",
                )
        for m1 in modules[1]:
            for m2 in modules[2]:
                if (why := _gap_too_short(m1, m2, gap)) is not None:
                    yield Violation("R5", site_id, f"Standort {site_id}: {why}")
    for council_id, visits in ctx.attendance.items():
        council = ctx.councils.get(council_id)
        if council is None:
            continue
        seats = {m: sum(n for e, n in visits if e.module == m) for m in MODULES}
        if seats[2] > seats[1] + council.trained_m1:
            yield Violation(
                "R5", council_id,
                f"Gremium {council_id}: {seats[2]} Mitglieder in Modul 2, aber nur {seats[1]} "
                f"in Modul 1 plus {council.trained_m1} bereits geschult",
            )
        for m1 in (e for e, _ in visits if e.module == 1):
            for m2 in (e for e, _ in visits if e.module == 2):
                if (why := _gap_too_short(m1, m2, gap)) is not None:
                    yield Violation("R5", council_id, f"Gremium {council_id}: {why}")


def _check_participants(ctx: _Context) -> Iterator[Violation]:
    """R6: a held event has between min_participants and max_participants participants."""
    rules = ctx.scenario.rules
    for e in ctx.plan.events:
        n = ctx.participants(e)
        if not rules.min_participants <= n <= rules.max_participants:
            yield _at_event(
                "R6", e,
                f"{n} Teilnehmende, erlaubt sind {rules.min_participants}–{rules.max_participants}",
            )


def _in_catchment(ctx: _Context, council: Council, site: Site) -> bool:
    """R7: own municipality, a neighbour (if enabled) or within the radius."""
    catchment = ctx.scenario.catchment
    if council.ags == site.ags:
        return True
    if catchment.neighbours and ctx.reference.are_neighbours(council.ags, site.ags):
        return True
    radius_km = catchment.radius_km
    metres = ctx.distance_m(ctx.centre(council.ags), ctx.site_point(site))
    return bool(radius_km) and Decimal(metres) <= _dec(radius_km or 0) * 1000


def _check_catchment(ctx: _Context) -> Iterator[Violation]:
    """R7: a council attends a site in its own municipality, a neighbour, or within the radius.

    The radius test is geodesic distance (whole metres) ≤ ``radius_km``, from the council's
    municipality centre to the site's coordinates; ``radius_km`` 0 or ``None`` switches it off.
    """
    catchment = ctx.scenario.catchment
    radius_km = catchment.radius_km
    for a in ctx.plan.assignments:
        council = ctx.councils.get(a.council_id)
        event = ctx.events.get(a.event_id)
        site = ctx.sites.get(event.site_id) if event is not None else None
        if council is None or site is None or _in_catchment(ctx, council, site):
            continue
        metres = ctx.distance_m(ctx.centre(council.ags), ctx.site_point(site))
        kind = "keine Nachbargemeinde" if catchment.neighbours else "nicht die eigene Gemeinde"
        reach = f"mehr als {_num(radius_km)} km" if radius_km else "Radius ausgeschaltet"
        yield Violation(
            "R7", a.council_id,
            f"Gremium {a.council_id} ({council.ags}) darf {a.event_id} nicht besuchen: "
            f"Standort {site.site_id} ({site.ags}) ist {kind}, Entfernung "
            f"{_num(Decimal(metres) / 1000)} km ({reach})",
        )


def _check_demand(ctx: _Context) -> Iterator[Violation]:
    """R8: a council sends at most its interested members and attends few events per module."""
    limit = ctx.scenario.rules.max_events_per_council_module
    for council_id, visits in ctx.attendance.items():
        council = ctx.councils.get(council_id)
        if council is None:
            continue
        for module in MODULES:
            seats = sum(n for e, n in visits if e.module == module)
            if seats > council.interested(module):
                yield Violation(
                    "R8", council_id,
                    f"Gremium {council_id}: {seats} Mitglieder in Modul {module} eingeplant, "
                    f"Interesse nur {council.interested(module)}",
                )
            events = {e.event_id for e, _ in visits if e.module == module}
            if len(events) > limit:
                yield Violation(
                    "R8", council_id,
                    f"Gremium {council_id} besucht {len(events)} Veranstaltungen von Modul "
                    f"{module} ({_ids(events)}); höchstens {limit} erlaubt",
                )


def _check_hosts(ctx: _Context) -> Iterator[Violation]:
    """R9: only a site whose VHS declared interest and that names a partner council hosts."""
    for e in ctx.plan.events:
        site = ctx.sites.get(e.site_id)
        if site is None:
            continue
        if not site.interested:
            yield _at_event("R9", e, f"die VHS {site.site_id} hat kein Interesse erklärt")
        if site.partner_council_id is None:
            yield _at_event("R9", e, f"Standort {site.site_id} hat kein Partnergremium")


def _check_tandems(ctx: _Context) -> Iterator[Violation]:
    """R11 (two trainers from ``two_trainer_min`` participants, else one) and R10 (the tandem
    has one trainer of each role)."""
    two_from = ctx.scenario.rules.two_trainer_min
    for e in ctx.plan.events:
        for trainer_id, count in Counter(e.trainer_ids).items():
            if count > 1:
                yield _at_event("R11", e, f"Trainer*in {trainer_id} ist {count}-mal eingetragen")
        n = ctx.participants(e)
        needed = 2 if n >= two_from else 1
        distinct = list(dict.fromkeys(e.trainer_ids))
        if len(distinct) != needed:
            team = "zwei Trainer*innen" if needed == 2 else "genau eine Trainer*in"
            yield _at_event(
                "R11", e,
                f"{n} Teilnehmende erfordern {team} (zwei ab {two_from} Teilnehmenden), "
                f"eingeplant sind {len(distinct)}",
            )
        roles = [ctx.trainers[t].role for t in distinct if t in ctx.trainers]
        if needed == 2 and len(roles) == 2 and roles[0] == roles[1]:
            yield _at_event(
                "R10", e,
                "das Tandem braucht je eine Person aus der Erwachsenenbildung (educator) und "
                f"aus dem Bereich Integrationsräte (council); eingeplant sind zweimal {roles[0]}",
            )


def _check_trainer_work(ctx: _Context) -> Iterator[Violation]:
    """R12: a trainer works one event per day, on available days, at most ``max_events``
    events, and only modules they teach."""
    events_on: dict[str, dict[dt.date, list[str]]] = defaultdict(lambda: defaultdict(list))
    events_of: dict[str, list[str]] = defaultdict(list)
    for e in ctx.plan.events:
        for trainer_id in dict.fromkeys(e.trainer_ids):
            trainer = ctx.trainers.get(trainer_id)
            if trainer is None:
                continue
            events_of[trainer_id].append(e.event_id)
            for day in sorted(set(e.days)):
                events_on[trainer_id][day].append(e.event_id)
                if day in trainer.unavailable_dates:
                    yield Violation(
                        "R12", trainer_id,
                        f"Trainer*in {trainer_id} ist am {_day(day)} nicht verfügbar, aber für "
                        f"{e.event_id} eingeplant",
                    )
            if e.module in MODULES and e.module not in trainer.modules:
                yield Violation(
                    "R12", trainer_id,
                    f"Trainer*in {trainer_id} unterrichtet Modul {e.module} nicht, aber ist für "
                    f"{e.event_id} eingeplant",
                )
    for trainer_id, by_day in events_on.items():
        for day, event_ids in sorted(by_day.items()):
            if len(event_ids) > 1:
                yield Violation(
                    "R12", trainer_id,
                    f"Trainer*in {trainer_id} ist am {_day(day)} in {len(event_ids)} "
                    f"Veranstaltungen eingeplant ({', '.join(event_ids)})",
                )
    for trainer_id, event_ids in events_of.items():
        limit = ctx.trainers[trainer_id].max_events
        if len(event_ids) > limit:
            yield Violation(
                "R12", trainer_id,
                f"Trainer*in {trainer_id} hat {len(event_ids)} Veranstaltungen "
                f"({', '.join(event_ids)}), höchstens {limit} erlaubt",
            )


def _check_event_costs(ctx: _Context, priced: list[EventCostCents | None]) -> Iterator[Violation]:
    """R13 fees, R14 travel, R15 catering of each event as recomputed; PLAN if its sums do not
    add up.

    With a complete ``travel_eur_by_trainer``, each trainer's amount is checked (R14) and the
    event's travel must be their sum (PLAN); otherwise the event's travel is checked (R14).
    """
    costs = ctx.scenario.costs
    for e, cost in zip(ctx.plan.events, priced, strict=True):
        fees, travel, catering, total = (
            _plan_cents(x)
            for x in (e.cost_eur.fees, e.cost_eur.travel, e.cost_eur.catering, e.cost_eur.total)
        )
        if total != fees + travel + catering:
            yield _at_event(
                "PLAN", e,
                f"Gesamtkosten {_eur(total)} ≠ Honorare + Reisekosten + Verpflegung "
                f"= {_eur(fees + travel + catering)}",
            )
        if cost is None:
            continue  # unknown site or trainer: already a PLAN violation
        num_trainers = len(e.trainer_ids)
        if fees != cost.fees:
            yield _at_event(
                "R13", e,
                f"Honorare {_eur(fees)} angegeben, richtig sind {_eur(cost.fees)} "
                f"({_num(costs.fee_per_trainer_day_eur)} € × 2 Tage × {num_trainers} "
                "Trainer*in(nen))",
            )
        by_trainer = [_plan_cents(x) for x in e.travel_eur_by_trainer]
        if by_trainer and len(by_trainer) == num_trainers:
            for trainer_id, stated, right in zip(
                e.trainer_ids, by_trainer, cost.travel_by_trainer, strict=True
            ):
                if stated != right:
                    yield _at_event(
                        "R14", e,
                        f"Reisekosten von {trainer_id} {_eur(stated)} angegeben, "
                        f"richtig sind {_eur(right)}",
                    )
            if sum(by_trainer) != travel:
                yield _at_event(
                    "PLAN", e,
                    f"Reisekosten {_eur(travel)} ≠ Summe je Trainer*in {_eur(sum(by_trainer))}",
                )
        elif travel != cost.travel:
            yield _at_event(
                "R14", e, f"Reisekosten {_eur(travel)} angegeben, richtig sind {_eur(cost.travel)}"
            )
        if catering != cost.catering:
            persons = ctx.participants(e) + num_trainers
            yield _at_event(
                "R15", e,
                f"Verpflegung {_eur(catering)} angegeben, richtig sind {_eur(cost.catering)} "
                f"({_num(costs.catering_per_person_day_eur)} € × 2 Tage × {persons} Personen)",
            )


def _check_totals(ctx: _Context) -> Iterator[Violation]:
    """PLAN: ``totals`` and ``objective`` add up the plan's events and assignments.

    Money is compared with the sums of the events' stated amounts, which
    :func:`_check_event_costs` compares with the recomputation; together every total is
    checked against the recomputation, and a wrong amount is reported where it arises.
    """
    plan, totals = ctx.plan, ctx.plan.totals
    seats = sum(a.members for a in plan.assignments)
    counts: list[tuple[str, int, int]] = [
        ("totals.events", totals.events, len(plan.events)),
        ("totals.covered_seats", totals.covered_seats, seats),
        ("objective.covered_seats", plan.objective.covered_seats, seats),
    ]
    if ctx.scenario.objective.is_plain and plan.objective.weighted_coverage is not None:
        counts.append(("objective.weighted_coverage", plan.objective.weighted_coverage, seats))
    for key, stated, right in counts:
        if stated != right:
            yield Violation("PLAN", key, f"Plan: {key} ist {stated}, nachgezählt {right}")

    def summed(part: str) -> int:
        return sum(_plan_cents(getattr(e.cost_eur, part)) for e in plan.events)

    money: list[tuple[str, float, int]] = [
        ("totals.fees_eur", totals.fees_eur, summed("fees")),
        ("totals.travel_eur", totals.travel_eur, summed("travel")),
        ("totals.catering_eur", totals.catering_eur, summed("catering")),
        ("totals.total_cost_eur", totals.total_cost_eur, summed("total")),
        ("objective.total_cost_eur", plan.objective.total_cost_eur, summed("total")),
        ("totals.budget_eur", totals.budget_eur, _to_cents(_dec(ctx.scenario.budget_eur))),
    ]
    for key, stated_eur, right_cents in money:
        if _plan_cents(stated_eur) != right_cents:
            source = "laut Szenario" if key == "totals.budget_eur" else "Summe der Veranstaltungen"
            yield Violation(
                "PLAN", key,
                f"Plan: {key} ist {_eur(_plan_cents(stated_eur))}, {source} {_eur(right_cents)}",
            )


def _check_budget(ctx: _Context, priced: list[EventCostCents | None]) -> Iterator[Violation]:
    """R16: the recomputed total of all events is at most ``budget_eur``, in whole cents."""
    if any(cost is None for cost in priced):
        return  # an event cannot be priced: already a PLAN violation
    total = sum(cost.total for cost in priced if cost is not None)
    budget = _to_cents(_dec(ctx.scenario.budget_eur))
    if total > budget:
        yield Violation(
            "R16", "plan",
            f"Gesamtkosten {_eur(total)} überschreiten das Budget {_eur(budget)} "
            f"um {_eur(total - budget)}",
        )


def _check_locks(ctx: _Context) -> Iterator[Violation]:
    """LOCK: every confirmed event of the scenario is in the plan exactly as locked: same
    site, module, days and trainers, and (if the lock names councils) the same councils with
    the same members."""
    for lock in ctx.scenario.locks:
        name = f"Festlegung {lock.event_id}"
        event = ctx.events.get(lock.event_id)
        if event is None or event.site_id != lock.site_id or event.module != lock.module:
            yield Violation("LOCK", lock.event_id, f"{name}: Veranstaltung fehlt im Plan")
            continue
        if tuple(event.days) != tuple(lock.days):
            yield Violation("LOCK", lock.event_id, f"{name}: Termin {_day(event.days[0])} + "
                            f"{_day(event.days[1])} statt {_day(lock.days[0])} + "
                            f"{_day(lock.days[1])}")
        if set(event.trainer_ids) != set(lock.trainer_ids):
            yield Violation("LOCK", lock.event_id, f"{name}: Trainer*innen "
                            f"{_ids(list(event.trainer_ids))} statt {_ids(list(lock.trainer_ids))}")
        if lock.councils is not None:
            planned = {a.council_id: a.members for a in ctx.plan.assignments
                       if a.event_id == lock.event_id and a.members > 0}
            wanted = {c: n for c, n in lock.councils.items() if n > 0}
            if planned != wanted:
                yield Violation("LOCK", lock.event_id, f"{name}: Gremien {planned} statt "
                                f"{wanted}")


def _check_site_status(ctx: _Context) -> Iterator[Violation]:
    """STATUS: a required site holds at least one event, an excluded site none."""
    hosting = {e.site_id for e in ctx.plan.events}
    for site in ctx.scenario.sites:
        if site.status == "required" and site.site_id not in hosting:
            yield Violation("STATUS", site.site_id, f"Pflicht-Standort {site.site_id} richtet "
                            "keine Veranstaltung aus")
        if site.status == "excluded" and site.site_id in hosting:
            yield Violation("STATUS", site.site_id, f"ausgeschlossener Standort {site.site_id} "
                            "richtet eine Veranstaltung aus")


def reachable_by_region(
    scenario: Scenario, reference: Reference | None = None
) -> dict[str, int]:
    """Reachable seats per Regierungsbezirk as the REGION check computes them."""
    from optimizer.domain.plan import Bound, Objective, Totals

    empty = Plan(scenario=scenario.name, status="OPTIMAL",
                 objective=Objective(covered_seats=0, total_cost_eur=0.0),
                 bound=Bound(covered_seats=0), solve_seconds=0.0,
                 totals=Totals(events=0, covered_seats=0, fees_eur=0.0, travel_eur=0.0,
                               catering_eur=0.0, total_cost_eur=0.0,
                               budget_eur=scenario.budget_eur))
    return _reachable(_Context.build(scenario, empty, reference or load_reference()))


def _reachable(ctx: _Context) -> dict[str, int]:
    """Per Regierungsbezirk: the councils' wanted seats that a hosting site in their
    catchment could take (interest; module 2 at most module-1 interest plus ``trained_m1``,
    R5b; at most ``max_participants`` × ``max_events_per_council_module`` per module)."""
    rules = ctx.scenario.rules
    cap = rules.max_participants * rules.max_events_per_council_module
    hosts = [s for s in ctx.scenario.sites if s.can_host]
    reachable: dict[str, int] = defaultdict(int)
    for council in ctx.scenario.councils:
        region = ctx.reference.municipalities[council.ags].regierungsbezirk
        reachable[region] += 0
        if not any(_in_catchment(ctx, council, site) for site in hosts):
            continue
        m2 = min(council.interested_m2, council.interested_m1 + council.trained_m1)
        reachable[region] += min(council.interested_m1, cap) + min(m2, cap)
    return dict(reachable)


def _check_regions(ctx: _Context) -> Iterator[Violation]:
    """REGION: with ``objective.min_share_per_region``, the councils of every
    Regierungsbezirk get at least ``ceil(share × reachable)`` covered seats."""
    share = ctx.scenario.objective.min_share_per_region
    if not share:
        return
    covered: dict[str, int] = defaultdict(int)
    for a in ctx.plan.assignments:
        council = ctx.councils.get(a.council_id)
        if council is not None and a.event_id in ctx.events:
            covered[ctx.reference.municipalities[council.ags].regierungsbezirk] += a.members
    for region, reachable in sorted(_reachable(ctx).items()):
        minimum = math.ceil(share * reachable - 1e-9)
        if covered[region] < minimum:
            yield Violation("REGION", region, f"Regierungsbezirk {region}: "
                            f"{covered[region]} Plätze abgedeckt, mindestens {minimum} "
                            f"({_num(Decimal(str(share)) * 100)} % von {reachable} erreichbaren)")


def validate_plan(
    scenario: Scenario, plan: Plan, reference: Reference | None = None
) -> list[Violation]:
    """Every inconsistency (PLAN) and every violation of R1–R16 in ``plan``.

    The checks run in the order of ``RULES.md``; within a check, in the order of the plan's
    events and assignments. An empty list means the plan is valid.
    """
    ctx = _Context.build(scenario, plan, reference or load_reference())
    priced = [_price_event(ctx, e) for e in plan.events]
    checks: list[Iterator[Violation]] = [
        _check_references(ctx),  # PLAN
        _check_days(ctx),  # R1, R2
        _check_modules(ctx),  # R3, R5
        _check_participants(ctx),  # R6
        _check_catchment(ctx),  # R7
        _check_demand(ctx),  # R8
        _check_hosts(ctx),  # R9
        _check_tandems(ctx),  # R10, R11
        _check_trainer_work(ctx),  # R12
        _check_event_costs(ctx, priced),  # R13, R14, R15, PLAN
        _check_totals(ctx),  # PLAN
        _check_budget(ctx, priced),  # R16
        _check_locks(ctx),  # LOCK (scenario locks)
        _check_site_status(ctx),  # STATUS (required / excluded sites)
        _check_regions(ctx),  # REGION (objective.min_share_per_region)
    ]
    return [violation for check in checks for violation in check]
