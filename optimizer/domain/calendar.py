"""The slot calendar (R1, R2): every allowed pair of seminar days in the period.

A slot is one pattern instance: ``fri+sat`` and ``sat+sun`` are consecutive days,
``sat+sat7`` and ``fri+fri7`` the same weekday one week apart. Both days must lie in the
period, must not be NRW public holidays (``holidays``, DE/NW), must not lie in NRW school
holidays when ``avoid_school_holidays`` is set, and must not be a scenario blocked date.
Site blocked dates are applied per site in :mod:`optimizer.domain.problem`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import holidays

from optimizer.domain.geography import Reference
from optimizer.domain.scenario import Scenario, SlotPattern

FRIDAY, SATURDAY = 4, 5

#: pattern -> (weekday of the first day, days between the two seminar days)
PATTERNS: dict[str, tuple[int, int]] = {
    "fri+sat": (FRIDAY, 1),
    "sat+sun": (SATURDAY, 1),
    "sat+sat7": (SATURDAY, 7),
    "fri+fri7": (FRIDAY, 7),
}


@dataclass(frozen=True)
class Slot:
    """An allowed pair of seminar days."""

    pattern: SlotPattern
    day1: dt.date
    day2: dt.date

    @property
    def consecutive(self) -> bool:
        """R14: only consecutive slots may use the overnight option."""
        return (self.day2 - self.day1).days == 1

    @property
    def days(self) -> tuple[dt.date, dt.date]:
        return (self.day1, self.day2)


def public_holidays_nw(first: dt.date, last: dt.date) -> frozenset[dt.date]:
    """NRW public holidays between two dates (``holidays`` package, DE subdivision NW)."""
    calendar = holidays.country_holidays("DE", subdiv="NW", years=range(first.year, last.year + 1))
    return frozenset(day for day in calendar if first <= day <= last)


def excluded_days(scenario: Scenario, reference: Reference) -> frozenset[dt.date]:
    """Days in the period that no event may use (R2), independent of the site."""
    period = scenario.period
    days = set(public_holidays_nw(period.start, period.end))
    days.update(scenario.slots.blocked_dates)
    if scenario.slots.avoid_school_holidays:
        day = period.start
        while day <= period.end:
            if reference.is_school_holiday(day):
                days.add(day)
            day += dt.timedelta(days=1)
    return frozenset(days)


def slot_calendar(scenario: Scenario, reference: Reference) -> list[Slot]:
    """All slots of the scenario's patterns whose two days pass every day rule, by date."""
    period = scenario.period
    excluded = excluded_days(scenario, reference)
    slots: list[Slot] = []
    day = period.start
    while day <= period.end:
        for pattern in scenario.slots.patterns:
            weekday, gap = PATTERNS[pattern]
            second = day + dt.timedelta(days=gap)
            if (
                day.weekday() == weekday
                and second <= period.end
                and day not in excluded
                and second not in excluded
            ):
                slots.append(Slot(pattern, day, second))
        day += dt.timedelta(days=1)
    slots.sort(key=lambda s: (s.day1, s.day2, s.pattern))
    return slots
