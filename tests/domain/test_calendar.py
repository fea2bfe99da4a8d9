"""Tests of the slot calendar (R1, R2) and the NRW public-holiday list.

Every expected calendar below is written out by hand from a wall calendar, so a reader can
check it without running code. Weekdays used: February 2026 starts on a Sunday (Fridays 6, 13,
20, 27; Saturdays 7, 14, 21, 28); 3 October 2026 and 1 November 2025 are Saturdays; Easter
Sunday 2026 is 5 April, Whit Sunday 24 May.
"""

from __future__ import annotations

import datetime as dt

import pytest

from optimizer.domain.calendar import public_holidays_nw, slot_calendar
from optimizer.domain.geography import Reference
from optimizer.domain.scenario import Period, Scenario, SlotPattern, SlotSettings

D = dt.date
ALL_PATTERNS: tuple[SlotPattern, ...] = ("fri+sat", "sat+sun", "sat+sat7", "fri+fri7")
DEFAULT_PATTERNS: tuple[SlotPattern, ...] = ("fri+sat", "sat+sun", "sat+sat7")

# (pattern, first day, second day), the calendar's sort order is by (day1, day2, pattern)
SlotRow = tuple[str, D, D]


def calendar(
    reference: Reference,
    start: D,
    end: D,
    patterns: tuple[SlotPattern, ...] = ALL_PATTERNS,
    *,
    avoid_school_holidays: bool = True,
    blocked_dates: tuple[D, ...] = (),
) -> list[SlotRow]:
    """The slot calendar of a scenario that differs from the defaults only in its slot rules."""
    scenario = Scenario(
        name="slots",
        budget_eur=0,
        period=Period(start=start, end=end),
        slots=SlotSettings(
            patterns=patterns,
            avoid_school_holidays=avoid_school_holidays,
            blocked_dates=blocked_dates,
        ),
    )
    return [(s.pattern, s.day1, s.day2) for s in slot_calendar(scenario, reference)]


def by_pattern(rows: list[SlotRow], pattern: str) -> list[tuple[D, D]]:
    return [(d1, d2) for p, d1, d2 in rows if p == pattern]


# February 2026 (Sun 1 .. Sat 28): no public or school holiday.
FEBRUARY_2026: dict[str, list[tuple[D, D]]] = {
    # every Friday with its Saturday
    "fri+sat": [(D(2026, 2, 6), D(2026, 2, 7)), (D(2026, 2, 13), D(2026, 2, 14)),
                (D(2026, 2, 20), D(2026, 2, 21)), (D(2026, 2, 27), D(2026, 2, 28))],
    # Sat 28 + Sun 1 Mar ends after the period
    "sat+sun": [(D(2026, 2, 7), D(2026, 2, 8)), (D(2026, 2, 14), D(2026, 2, 15)),
                (D(2026, 2, 21), D(2026, 2, 22))],
    # Sat 31 Jan + 7 Feb starts before it, Sat 28 + 7 Mar ends after it
    "sat+sat7": [(D(2026, 2, 7), D(2026, 2, 14)), (D(2026, 2, 14), D(2026, 2, 21)),
                 (D(2026, 2, 21), D(2026, 2, 28))],
    # Fri 27 + 6 Mar ends after the period
    "fri+fri7": [(D(2026, 2, 6), D(2026, 2, 13)), (D(2026, 2, 13), D(2026, 2, 20)),
                 (D(2026, 2, 20), D(2026, 2, 27))],
}


# --- patterns -----------------------------------------------------------------------------------


def test_february_2026_by_hand(nrw_reference: Reference):
    """4 fri+sat + 3 sat+sun + 3 sat+sat7 + 3 fri+fri7 = 13 slots in February 2026."""
    rows = calendar(nrw_reference, D(2026, 2, 1), D(2026, 2, 28))
    assert len(rows) == 13
    for pattern, expected in FEBRUARY_2026.items():
        assert by_pattern(rows, pattern) == expected, pattern


def test_default_patterns_leave_out_fri_fri7(nrw_reference: Reference):
    """The default patterns give 4 + 3 + 3 = 10 slots in February 2026 (no fri+fri7)."""
    rows = calendar(nrw_reference, D(2026, 2, 1), D(2026, 2, 28), DEFAULT_PATTERNS)
    assert len(rows) == 10
    assert by_pattern(rows, "fri+fri7") == []


@pytest.mark.parametrize(
    ("pattern", "weekday", "gap_days"),
    [("fri+sat", 4, 1), ("sat+sun", 5, 1), ("sat+sat7", 5, 7), ("fri+fri7", 4, 7)],
)
def test_pattern_weekday_and_gap(
    nrw_reference: Reference, pattern: SlotPattern, weekday: int, gap_days: int
):
    """R2: each pattern starts on its weekday; the second day follows 1 or 7 days later."""
    rows = calendar(nrw_reference, D(2026, 1, 7), D(2026, 3, 29), (pattern,))
    assert rows  # 7 Jan .. 29 Mar 2026 holds about 11 weekends without any holiday
    for p, day1, day2 in rows:
        assert p == pattern
        assert day1.weekday() == weekday
        assert (day2 - day1).days == gap_days


def test_calendar_is_sorted_by_first_then_second_day(nrw_reference: Reference):
    rows = calendar(nrw_reference, D(2026, 2, 1), D(2026, 2, 28))
    assert rows == sorted(rows, key=lambda r: (r[1], r[2], r[0]))
    # Fri 6 Feb starts two slots: fri+sat (6, 7) before fri+fri7 (6, 13).
    assert rows[:2] == [("fri+sat", D(2026, 2, 6), D(2026, 2, 7)),
                        ("fri+fri7", D(2026, 2, 6), D(2026, 2, 13))]


# --- R1: the period -----------------------------------------------------------------------------


def test_days_outside_the_period_are_excluded_at_both_ends(nrw_reference: Reference):
    """R1: Sat 7 .. Sat 21 Feb 2026.

    Start: fri+sat (6, 7), fri+fri7 (30 Jan, 6 Feb) and sat+sat7 (31 Jan, 7 Feb) begin before
    the period. End: sat+sun (21, 22), sat+sat7 (21, 28) and fri+fri7 (20, 27) end after it.
    """
    rows = calendar(nrw_reference, D(2026, 2, 7), D(2026, 2, 21))
    assert rows == [
        ("sat+sun", D(2026, 2, 7), D(2026, 2, 8)),
        ("sat+sat7", D(2026, 2, 7), D(2026, 2, 14)),
        ("fri+sat", D(2026, 2, 13), D(2026, 2, 14)),
        ("fri+fri7", D(2026, 2, 13), D(2026, 2, 20)),
        ("sat+sun", D(2026, 2, 14), D(2026, 2, 15)),
        ("sat+sat7", D(2026, 2, 14), D(2026, 2, 21)),
        ("fri+sat", D(2026, 2, 20), D(2026, 2, 21)),
    ]


def test_period_without_a_weekend_has_no_slot(nrw_reference: Reference):
    """Mon 2 .. Thu 5 Feb 2026 holds no Friday and no Saturday."""
    assert calendar(nrw_reference, D(2026, 2, 2), D(2026, 2, 5)) == []


def test_a_single_weekend_has_two_consecutive_slots(nrw_reference: Reference):
    """Fri 6 .. Sun 8 Feb 2026: fri+sat and sat+sun only (week-apart slots do not fit)."""
    assert calendar(nrw_reference, D(2026, 2, 6), D(2026, 2, 8)) == [
        ("fri+sat", D(2026, 2, 6), D(2026, 2, 7)),
        ("sat+sun", D(2026, 2, 7), D(2026, 2, 8)),
    ]


# --- R2: public holidays ------------------------------------------------------------------------


def test_public_holidays_nw(nrw_reference: Reference):
    """The `holidays` package, DE/NW: Easter and Whit Sunday, 24 and 31 Dec are not holidays."""
    days = public_holidays_nw(D(2025, 10, 1), D(2026, 11, 30))
    for holiday in (
        D(2025, 10, 3),  # Tag der Deutschen Einheit (Fri)
        D(2025, 11, 1),  # Allerheiligen (Sat)
        D(2025, 12, 25), D(2025, 12, 26), D(2026, 1, 1),
        D(2026, 4, 3),  # Karfreitag
        D(2026, 4, 6),  # Ostermontag
        D(2026, 5, 1), D(2026, 5, 14),  # Christi Himmelfahrt
        D(2026, 5, 25),  # Pfingstmontag
        D(2026, 6, 4),  # Fronleichnam (NW)
        D(2026, 10, 3),  # Sat
        D(2026, 11, 1),  # Sun
    ):
        assert holiday in days, holiday
    for ordinary in (
        D(2025, 10, 31),  # Reformationstag: not in NW
        D(2025, 12, 24), D(2025, 12, 31),
        D(2026, 4, 5),  # Ostersonntag
        D(2026, 5, 24),  # Pfingstsonntag
    ):
        assert ordinary not in days, ordinary
    assert len(days) == 13  # exactly the 13 listed above (period Oct 2025 .. Nov 2026)


def test_public_holidays_nw_respects_the_bounds():
    assert public_holidays_nw(D(2026, 10, 4), D(2026, 10, 31)) == frozenset()
    assert public_holidays_nw(D(2026, 10, 3), D(2026, 10, 3)) == {D(2026, 10, 3)}


def test_german_unity_day_2026(nrw_reference: Reference):
    """Sat 26 Sep .. Sat 10 Oct 2026, Sat 3 Oct a holiday, no school holidays.

    fri+sat:  (2, 3) holiday; (9, 10) ok               -> 1
    sat+sun:  (26, 27) ok; (3, 4) holiday; (10, 11) out -> 1
    sat+sat7: (26 Sep, 3 Oct) and (3, 10) holiday       -> 0
    fri+fri7: (2, 9) ok (Fri 2 Oct is a working day)    -> 1
    """
    assert calendar(nrw_reference, D(2026, 9, 26), D(2026, 10, 10)) == [
        ("sat+sun", D(2026, 9, 26), D(2026, 9, 27)),
        ("fri+fri7", D(2026, 10, 2), D(2026, 10, 9)),
        ("fri+sat", D(2026, 10, 9), D(2026, 10, 10)),
    ]


def test_all_saints_2025(nrw_reference: Reference):
    """Fri 31 Oct .. Sun 9 Nov 2025, Sat 1 Nov a holiday (Reformation Day is not one in NW).

    fri+sat:  (31, 1) holiday; (7, 8) ok    -> 1
    sat+sun:  (1, 2) holiday; (8, 9) ok     -> 1
    sat+sat7: (1, 8) holiday; (8, 15) out   -> 0
    fri+fri7: (31 Oct, 7 Nov) ok            -> 1
    """
    assert calendar(nrw_reference, D(2025, 10, 31), D(2025, 11, 9)) == [
        ("fri+fri7", D(2025, 10, 31), D(2025, 11, 7)),
        ("fri+sat", D(2025, 11, 7), D(2025, 11, 8)),
        ("sat+sun", D(2025, 11, 8), D(2025, 11, 9)),
    ]


def test_whit_sunday_is_not_a_holiday(nrw_reference: Reference):
    """Fri 22 .. Sun 31 May 2026: Whit Sunday (24) is no NRW holiday; Whit Monday (25) and the
    one-day Pfingstferien (Tue 26) touch no slot, so all 2 + 2 + 1 + 1 = 6 slots remain."""
    assert calendar(nrw_reference, D(2026, 5, 22), D(2026, 5, 31)) == [
        ("fri+sat", D(2026, 5, 22), D(2026, 5, 23)),
        ("fri+fri7", D(2026, 5, 22), D(2026, 5, 29)),
        ("sat+sun", D(2026, 5, 23), D(2026, 5, 24)),
        ("sat+sat7", D(2026, 5, 23), D(2026, 5, 30)),
        ("fri+sat", D(2026, 5, 29), D(2026, 5, 30)),
        ("sat+sun", D(2026, 5, 30), D(2026, 5, 31)),
    ]


# --- R2: school holidays ------------------------------------------------------------------------

# Fri 27 Mar .. Sun 12 Apr 2026. Osterferien Mon 30 Mar .. Sat 11 Apr (both included);
# public holidays Good Friday 3 Apr and Easter Monday 6 Apr; Easter Sunday 5 Apr is none.
EASTER_START, EASTER_END = D(2026, 3, 27), D(2026, 4, 12)


def test_easter_without_school_holiday_rule(nrw_reference: Reference):
    """Only public holidays count: 2 + 3 + 2 + 0 = 7 slots.

    fri+sat:  (27, 28) ok; (3, 4) Good Friday; (10, 11) ok          -> 2
    sat+sun:  (28, 29) ok; (4, 5) ok (Easter Sunday); (11, 12) ok   -> 3
    sat+sat7: (28 Mar, 4 Apr) ok; (4, 11) ok; (11, 18) out          -> 2
    fri+fri7: (27 Mar, 3 Apr) and (3, 10) Good Friday; (10, 17) out -> 0
    """
    rows = calendar(nrw_reference, EASTER_START, EASTER_END, avoid_school_holidays=False)
    assert rows == [
        ("fri+sat", D(2026, 3, 27), D(2026, 3, 28)),
        ("sat+sun", D(2026, 3, 28), D(2026, 3, 29)),
        ("sat+sat7", D(2026, 3, 28), D(2026, 4, 4)),
        ("sat+sun", D(2026, 4, 4), D(2026, 4, 5)),
        ("sat+sat7", D(2026, 4, 4), D(2026, 4, 11)),
        ("fri+sat", D(2026, 4, 10), D(2026, 4, 11)),
        ("sat+sun", D(2026, 4, 11), D(2026, 4, 12)),
    ]


def test_easter_with_school_holiday_rule(nrw_reference: Reference):
    """Every day from 30 Mar to 11 Apr (last day included) is out: only the two slots of the
    weekend before the holidays remain; (11, 12) goes because Sat 11 Apr is the last day."""
    assert calendar(nrw_reference, EASTER_START, EASTER_END) == [
        ("fri+sat", D(2026, 3, 27), D(2026, 3, 28)),
        ("sat+sun", D(2026, 3, 28), D(2026, 3, 29)),
    ]


def test_first_day_of_school_holidays_is_excluded(nrw_reference: Reference):
    """Herbstferien 2026 start on Sat 17 Oct: of Fri 9 .. Sun 18 Oct only the slots of the
    weekend of 9–11 Oct remain (fri+sat, sat+sun, and fri+fri7 (9, 16)); (16, 17), (17, 18)
    and sat+sat7 (10, 17) touch the first holiday day."""
    assert calendar(nrw_reference, D(2026, 10, 9), D(2026, 10, 18)) == [
        ("fri+sat", D(2026, 10, 9), D(2026, 10, 10)),
        ("fri+fri7", D(2026, 10, 9), D(2026, 10, 16)),
        ("sat+sun", D(2026, 10, 10), D(2026, 10, 11)),
    ]
    without_rule = calendar(
        nrw_reference, D(2026, 10, 9), D(2026, 10, 18), avoid_school_holidays=False
    )
    assert len(without_rule) == 6  # + fri+sat (16, 17), sat+sun (17, 18), sat+sat7 (10, 17)


# --- R2: blocked dates, and "either day fails" --------------------------------------------------


def test_blocked_saturday_removes_every_slot_using_it(nrw_reference: Reference):
    """Blocking Sat 14 Feb 2026 removes fri+sat (13, 14), sat+sun (14, 15), sat+sat7 (7, 14)
    and (14, 21): 13 - 4 = 9 slots; fri+fri7 (13, 20) stays, it does not use the 14th."""
    rows = calendar(nrw_reference, D(2026, 2, 1), D(2026, 2, 28), blocked_dates=(D(2026, 2, 14),))
    assert len(rows) == 9
    assert all(D(2026, 2, 14) not in (d1, d2) for _, d1, d2 in rows)
    assert ("fri+fri7", D(2026, 2, 13), D(2026, 2, 20)) in rows


@pytest.mark.parametrize(
    ("blocked", "removed"),
    [
        # a first day only: fri+sat (6, 7) and fri+fri7 (6, 13) start on Fri 6
        (D(2026, 2, 6), {("fri+sat", D(2026, 2, 6), D(2026, 2, 7)),
                         ("fri+fri7", D(2026, 2, 6), D(2026, 2, 13))}),
        # a second day only: sat+sun (7, 8) ends on Sun 8
        (D(2026, 2, 8), {("sat+sun", D(2026, 2, 7), D(2026, 2, 8))}),
        # a second day of a week-apart slot: Fri 27 ends fri+fri7 (20, 27) and starts fri+sat
        (D(2026, 2, 27), {("fri+fri7", D(2026, 2, 20), D(2026, 2, 27)),
                          ("fri+sat", D(2026, 2, 27), D(2026, 2, 28))}),
        # a Wednesday: no slot uses it
        (D(2026, 2, 11), set()),
    ],
    ids=["first-day", "second-day", "both-roles", "weekday"],
)
def test_a_slot_is_dropped_if_either_day_fails(
    nrw_reference: Reference, blocked: D, removed: set[SlotRow]
):
    full = calendar(nrw_reference, D(2026, 2, 1), D(2026, 2, 28))
    rows = calendar(nrw_reference, D(2026, 2, 1), D(2026, 2, 28), blocked_dates=(blocked,))
    assert set(full) - set(rows) == removed
    assert set(rows) <= set(full)


def test_blocked_dates_outside_the_period_change_nothing(nrw_reference: Reference):
    full = calendar(nrw_reference, D(2026, 2, 1), D(2026, 2, 28))
    blocked = (D(2026, 1, 31), D(2026, 3, 1))
    assert calendar(nrw_reference, D(2026, 2, 1), D(2026, 2, 28), blocked_dates=blocked) == full
