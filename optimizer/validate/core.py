"""What every rule check shares: the :class:`Violation`, the lookup :class:`Context` of one
validation, and the exact arithmetic and German wording of amounts, days and IDs.

The rule modules (:mod:`~optimizer.validate.calendar`, :mod:`~optimizer.validate.modules`, …)
only read from a :class:`Context`; it is built once per validation from the scenario, the plan
and the reference data, and knows nothing of the solver.

Money is exact: a parameter becomes the decimal number the planner wrote (:func:`as_decimal`),
amounts are rounded half up to whole cents (:func:`to_cents`), and a plan's stated euros are
read back to cents (:func:`plan_cents`). The wording helpers write amounts, numbers and days
the way the planner reads them (``1.234,56 €``, ``0,3``, ``Sa 07.02.2026``); they live here,
not in :mod:`optimizer.report`, because the validator sits to the left of the report.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import holidays

from optimizer.domain.geodesy import distance_m
from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan, PlannedEvent
from optimizer.domain.scenario import DAYS_PER_EVENT, Council, Scenario, Site, Trainer

__all__ = [
    "DAYS_PER_EVENT",
    "Context",
    "Violation",
    "as_decimal",
    "at_event",
    "cents_de",
    "day_de",
    "decimal_de",
    "ids_de",
    "plan_cents",
    "to_cents",
]


_WEEKDAYS_DE = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")


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


# --- exact amounts ------------------------------------------------------------------------


def as_decimal(value: float | int) -> Decimal:
    """A parameter as the decimal number the planner wrote (``Decimal(str(x))``)."""
    return Decimal(str(value))


def to_cents(amount_eur: Decimal) -> int:
    """Euros to whole cents, rounded half up."""
    return int((amount_eur * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def plan_cents(amount_eur: float) -> int:
    """An amount as stated in ``plan.json`` (euros, two decimals) in whole cents."""
    return round(amount_eur * 100)


# --- German wording -----------------------------------------------------------------------


def cents_de(cents: int) -> str:
    """German money format: ``1.234,56 €``."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros:,}".replace(",", ".") + f",{rest:02d} €"


def decimal_de(value: Decimal | float) -> str:
    """A number with a decimal comma, without trailing zeros (``0,3``, ``25``)."""
    text = format(as_decimal(value) if isinstance(value, float) else value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def day_de(day: dt.date) -> str:
    """A seminar day with its German weekday: ``Sa 07.02.2026``."""
    return f"{_WEEKDAYS_DE[day.weekday()]} {day:%d.%m.%Y}"


def ids_de(items: list[str] | set[str]) -> str:
    """IDs in sorted order, comma-separated."""
    return ", ".join(sorted(items))


def at_event(rule: str, event: PlannedEvent, text: str) -> Violation:
    """A violation about one event; the message starts with the event's ID."""
    return Violation(rule, event.event_id, f"Veranstaltung {event.event_id}: {text}")


# --- lookup tables, built once --------------------------------------------------------------


@dataclass
class Context:
    """Lookup tables for one validation; every check only reads from here.

    ``events`` keeps the first event with each ID (a repeated ID is a PLAN violation);
    ``members`` counts the members assigned to each event ID; ``attendance`` lists, per
    council, every assignment to an event that exists, as (event, members).
    """

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
    def build(cls, scenario: Scenario, plan: Plan, reference: Reference) -> Context:
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
        """The members assigned to ``event`` (R6, R11, R15 count these, not ``participants``)."""
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
        """R7: a municipality's centre, where a council's distances are measured from."""
        centre = self.reference.municipalities[ags]
        return centre.lat, centre.lon

    def distance_m(self, a: tuple[float, float], b: tuple[float, float]) -> int:
        """Geodesic distance in whole metres, computed once per pair of points."""
        key = (*a, *b)
        if key not in self._distances:
            self._distances[key] = distance_m(*a, *b)
        return self._distances[key]
