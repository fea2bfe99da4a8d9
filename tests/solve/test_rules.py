"""Per-rule tests of the planner: tiny named instances, solved, validated, optimum by hand.

Every instance is solved through the public API (``plan_of``: one worker, seed 0, see
``TINY_SOLVER`` in
``conftest.py``), its plan must pass ``validate_plan`` without a single violation, the solve
must be proven optimal, and the objective (covered seats, total cost to the cent) and the
coverage bound must equal the optimum reasoned out by hand in the comment next to the
instance. Rules come in pairs: a variant where the rule forbids an event and one where it
allows it. Plans are compared by objective and bound only; dates and trainers are asserted
only where the instance forces them.

Hand arithmetic used throughout (default rates, RULES.md R13–R15): an event with ``p``
participants and ``t`` trainers costs ``450 × 2 × t`` fees plus ``12 × 2 × (p + t)``
catering plus travel. With every trainer living in the site's municipality and the site at
that municipality's centre, travel is 0 and

    8 + 1 trainer: 900 + 216 = 1,116.00     10 + 1: 900 + 264 = 1,164.00
    9 + 1:         900 + 240 = 1,140.00     11 + 1: 900 + 288 = 1,188.00
    12 + 2:      1,800 + 336 = 2,136.00     20 + 2: 1,800 + 528 = 2,328.00

Travel (R14), geodesic metres between municipality centres (``distance_m``), road km = × 1.3,
0.30 €/km, one round trip per seminar day, or one round trip + 92 € on consecutive days
strictly above 120 road km (the numbers are asserted in ``test_travel_numbers_used_below``):

    Duisburg → Düsseldorf        23,279 m,  30.2627 road km: 4 × 30.2627 × 0.3 = 36.31524 → 36.32
    Drensteinfurt → Düsseldorf   92,294 m, 119.9822 road km (≤ 120, never a night):
                                  4 × 119.9822 × 0.3 = 143.97864 → 143.98
    Legden → Düsseldorf          92,509 m, 120.2617 road km (> 120):
                                  week apart 4 × 120.2617 × 0.3 = 144.31404 → 144.31,
                                  consecutive 2 × 120.2617 × 0.3 + 92 = 164.15702 → 164.16
    Bielefeld → Düsseldorf      150,237 m, 195.3081 road km (> 120):
                                  week apart 4 × 195.3081 × 0.3 = 234.36972 → 234.37,
                                  consecutive 2 × 195.3081 × 0.3 + 92 = 209.18486 → 209.18

The default period, 1 Feb .. 15 Mar 2026, has no public or school holiday and six weekends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from optimizer.domain.geodesy import distance_m
from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.problem import travel_cents
from optimizer.domain.scenario import (
    CatchmentSettings,
    Council,
    Period,
    RuleSettings,
    Scenario,
    Site,
    SlotPattern,
    SlotSettings,
    Trainer,
)

D = dt.date
SolveValid = Callable[[Scenario], Plan]  # the ``solve_valid`` fixture (conftest.py)

# Real NRW municipalities (AGS). Düsseldorf borders Duisburg (nrw_neighbours.csv); Krefeld is
# 19.5 km from Düsseldorf but no neighbour; the others are far away.
DUESSELDORF, DUISBURG, KREFELD = "05111000", "05112000", "05114000"
BIELEFELD, LEGDEN, DRENSTEINFURT = "05711000", "05554036", "05570016"

DEFAULT_PATTERNS: tuple[SlotPattern, ...] = ("fri+sat", "sat+sun", "sat+sat7")
FEB_MAR_2026 = (D(2026, 2, 1), D(2026, 3, 15))


# --- builders ---------------------------------------------------------------------------------


def council(cid: str = "C-DUS", ags: str = DUESSELDORF, *, m1: int = 0, m2: int = 0,
            trained: int = 0) -> Council:
    return Council(council_id=cid, ags=ags, members=max(m1, m2), interested_m1=m1,
                   interested_m2=m2, trained_m1=trained)


def site(sid: str = "DUS", ags: str = DUESSELDORF, partner: str | None = "C-DUS", *,
         interested: bool = True, blocked: tuple[D, ...] = (),
         at: tuple[float, float] | None = None) -> Site:
    """A VHS at its municipality's centre, or at ``at`` = (lat, lon)."""
    lat, lon = at if at is not None else (None, None)
    return Site(site_id=sid, name=f"VHS {sid}", ags=ags, lat=lat, lon=lon,
                partner_council_id=partner, interested=interested, blocked_dates=blocked)


def trainer(tid: str = "T-EDU", role: str = "educator", home: str = DUESSELDORF, *,
            max_events: int = 5, modules: tuple[int, ...] = (1, 2),
            unavailable: tuple[D, ...] = ()) -> Trainer:
    return Trainer(trainer_id=tid, role=role, home_ags=home,  # type: ignore[arg-type]
                   max_events=max_events, modules=modules, unavailable_dates=unavailable)


#: A tandem living in Düsseldorf: no travel to a Düsseldorf site.
TANDEM = (trainer("T-EDU", "educator"), trainer("T-CNC", "council"))


def make_scenario(
    councils: tuple[Council, ...],
    sites: tuple[Site, ...] = (site(),),
    trainers: tuple[Trainer, ...] = TANDEM,
    *,
    budget_eur: float = 100_000,
    period: tuple[D, D] = FEB_MAR_2026,
    patterns: tuple[SlotPattern, ...] = DEFAULT_PATTERNS,
    avoid_school_holidays: bool = True,
    blocked_dates: tuple[D, ...] = (),
    neighbours: bool = True,
    radius_km: float | None = 25.0,
    **rules: int,
) -> Scenario:
    """A validated scenario; every setting not named is the RULES.md default."""
    return Scenario(
        name="rules",
        budget_eur=budget_eur,
        period=Period(start=period[0], end=period[1]),
        slots=SlotSettings(patterns=patterns, avoid_school_holidays=avoid_school_holidays,
                           blocked_dates=blocked_dates),
        catchment=CatchmentSettings(neighbours=neighbours, radius_km=radius_km),
        rules=RuleSettings(**rules),
        councils=councils,
        sites=sites,
        trainers=trainers,
    )


def cents(euros: float | str) -> int:
    return int((Decimal(str(euros)) * 100).to_integral_value())


def assert_optimum(plan: Plan, seats: int, cost_eur: str) -> None:
    """Proven optimal, with the hand-computed covered seats and total cost (to the cent)."""
    assert plan.status == "OPTIMAL", plan.message
    assert plan.objective.covered_seats == seats
    assert plan.bound.covered_seats == seats
    assert cents(plan.objective.total_cost_eur) == cents(cost_eur)
    assert cents(plan.totals.total_cost_eur) == cents(cost_eur)


def days_of(plan: Plan) -> list[list[D]]:
    return [e.days for e in plan.events]


# --- named instances --------------------------------------------------------------------------


def one_council_one_site(m1: int = 10, **settings: object) -> Scenario:
    """C-DUS (Düsseldorf, ``m1`` wanting module 1) at VHS DUS, tandem living in Düsseldorf."""
    return make_scenario((council(m1=m1),), **settings)  # type: ignore[arg-type]


def visitor_and_host(visitor_ags: str, **settings: object) -> Scenario:
    """VHS DUS with its partner C-DUS (no interest) and a visiting council C-VIS (10 for m1)."""
    return make_scenario(
        (council(), council("C-VIS", visitor_ags, m1=10)), **settings  # type: ignore[arg-type]
    )


def thirty_interested_two_sites(**settings: object) -> Scenario:
    """C-DUS with 30 wanting module 1; VHS DUS-A and DUS-B, both in Düsseldorf."""
    return make_scenario(
        (council(m1=30),),
        (site("DUS-A"), site("DUS-B")),
        **settings,  # type: ignore[arg-type]
    )


def two_councils_one_site_each_module(end: D) -> Scenario:
    """C-DUS wants module 1 (10); C-DU (Duisburg) wants module 2 (10) and did module 1 already.

    Only R5(a) links the two events: they are at one site, but no council attends both.
    """
    return make_scenario(
        (council(m1=10), council("C-DU", DUISBURG, m2=10, trained=10)),
        period=(D(2026, 2, 6), end),
    )


def one_council_two_sites(end: D) -> Scenario:
    """C-DUS wants both modules (10 each, 10 trained already); VHS DUS-A and DUS-B.

    With two sites R5(a) can be avoided; only R5(c) keeps the council's events apart.
    """
    return make_scenario(
        (council(m1=10, m2=10, trained=10),),
        (site("DUS-A"), site("DUS-B")),
        period=(D(2026, 2, 6), end),
    )


def two_sites_one_trainer(
    period: tuple[D, D], patterns: tuple[SlotPattern, ...] = DEFAULT_PATTERNS
) -> Scenario:
    """C-A and C-B (Düsseldorf, 10 each for module 1) at VHS A and B; one educator."""
    return make_scenario(
        (council("C-A", m1=10), council("C-B", m1=10)),
        (site("A", partner="C-A"), site("B", partner="C-B")),
        (trainer("T-EDU"),),
        period=period,
        patterns=patterns,
    )


def one_far_trainer(home: str, **settings: object) -> Scenario:
    """C-DUS (10 for module 1) at VHS DUS; the only trainer lives in ``home``."""
    return make_scenario(
        (council(m1=10),), trainers=(trainer("T-EDU", home=home),), **settings  # type: ignore[arg-type]
    )


# --- hand numbers -----------------------------------------------------------------------------


def test_travel_numbers_used_below(nrw_reference: Reference):
    """The distances and travel amounts of the module docstring, from the shipped gazetteer."""
    m = nrw_reference.municipalities
    dus = m[DUESSELDORF]

    def metres(ags: str) -> int:
        return distance_m(m[ags].lat, m[ags].lon, dus.lat, dus.lon)

    assert nrw_reference.are_neighbours(DUESSELDORF, DUISBURG)
    assert not nrw_reference.are_neighbours(DUESSELDORF, KREFELD)
    assert not nrw_reference.are_neighbours(DUESSELDORF, BIELEFELD)
    assert {ags: metres(ags) for ags in (DUISBURG, KREFELD, DRENSTEINFURT, LEGDEN, BIELEFELD)} == {
        DUISBURG: 23_279, KREFELD: 19_478, DRENSTEINFURT: 92_294, LEGDEN: 92_509,
        BIELEFELD: 150_237,
    }
    rates = (0.30, 1.3, 120.0, 92.0)  # km_rate_eur, road_factor, overnight_min_km, overnight_eur
    assert travel_cents(23_279, True, *rates) == 3632
    assert travel_cents(92_294, True, *rates) == travel_cents(92_294, False, *rates) == 14398
    assert (travel_cents(92_509, False, *rates), travel_cents(92_509, True, *rates)) == (
        14431, 16416)
    assert (travel_cents(150_237, False, *rates), travel_cents(150_237, True, *rates)) == (
        23437, 20918)


# --- R1, R2: dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "settings", "seats", "cost", "days"),
    [
        # Mon 2 .. Thu 5 Feb 2026: no Friday, no Saturday, no slot -> nothing.
        ((D(2026, 2, 2), D(2026, 2, 5)), {}, 0, "0.00", []),
        # Fri 6 .. Sat 7 Feb: exactly one slot, fri+sat -> C-DUS's 10, one trainer, 1,164.00.
        ((D(2026, 2, 6), D(2026, 2, 7)), {}, 10, "1164.00", [[D(2026, 2, 6), D(2026, 2, 7)]]),
        # Fri 2 .. Sun 4 Oct 2026: both slots contain Sat 3 Oct (German Unity Day) -> nothing.
        ((D(2026, 10, 2), D(2026, 10, 4)), {}, 0, "0.00", []),
        # The weekend after, Fri 9 .. Sat 10 Oct: held.
        ((D(2026, 10, 9), D(2026, 10, 10)), {}, 10, "1164.00",
         [[D(2026, 10, 9), D(2026, 10, 10)]]),
        # Sat 4 .. Sun 5 Apr 2026 (Easter Sunday, not a holiday) lies in the Osterferien.
        ((D(2026, 4, 4), D(2026, 4, 5)), {}, 0, "0.00", []),
        ((D(2026, 4, 4), D(2026, 4, 5)), {"avoid_school_holidays": False}, 10, "1164.00",
         [[D(2026, 4, 4), D(2026, 4, 5)]]),
        # Fri 6 .. Sun 8 Feb: (6, 7) and (7, 8) both use Sat 7, the scenario blocks it.
        ((D(2026, 2, 6), D(2026, 2, 8)), {"blocked_dates": (D(2026, 2, 7),)}, 0, "0.00", []),
        # Blocking Sun 8 leaves (6, 7).
        ((D(2026, 2, 6), D(2026, 2, 8)), {"blocked_dates": (D(2026, 2, 8),)}, 10, "1164.00",
         [[D(2026, 2, 6), D(2026, 2, 7)]]),
    ],
    ids=["no-slot", "one-slot", "unity-day", "week-after", "easter-school-holidays",
         "easter-allowed", "blocked-saturday", "blocked-sunday"],
)
def test_r1_r2_slots(
    solve_valid: SolveValid, period: tuple[D, D], settings: dict[str, object], seats: int,
    cost: str, days: list[list[D]],
):
    plan = solve_valid(one_council_one_site(period=period, **settings))
    assert_optimum(plan, seats, cost)
    assert days_of(plan) == days


@pytest.mark.parametrize(
    ("blocked", "seats", "cost"),
    [((D(2026, 2, 7),), 0, "0.00"), ((D(2026, 2, 8),), 10, "1164.00")],
    ids=["site-blocks-saturday", "site-blocks-sunday"],
)
def test_r2_site_blocked_dates(
    solve_valid: SolveValid, blocked: tuple[D, ...], seats: int, cost: str
):
    """Fri 6 .. Sun 8 Feb: the site's own blocked Saturday kills both slots, Sunday only one."""
    scenario = make_scenario(
        (council(m1=10),), (site(blocked=blocked),), period=(D(2026, 2, 6), D(2026, 2, 8))
    )
    plan = solve_valid(scenario)
    assert_optimum(plan, seats, cost)
    if seats:
        assert days_of(plan) == [[D(2026, 2, 6), D(2026, 2, 7)]]


# --- R3: one event per module and site --------------------------------------------------------


def test_r3_one_site_holds_one_event_per_module(solve_valid: SolveValid):
    """C-DUS has 30 wanting module 1 and may attend two events (limit raised to 2), but VHS DUS
    holds one module-1 event of at most 20: 20 seats, two trainers, 1,800 + 24 × 22 = 2,328.00."""
    plan = solve_valid(make_scenario((council(m1=30),), max_events_per_council_module=2))
    assert_optimum(plan, 20, "2328.00")
    assert [(e.module, e.participants, len(e.trainer_ids)) for e in plan.events] == [(1, 20, 2)]


def test_r3_second_site_takes_the_rest(solve_valid: SolveValid):
    """Two Düsseldorf sites, limit 2: all 30 seats. At most 11 per one-trainer event, so 30 needs
    at least three trainers (20 + 10 or 19 + 11 …): fees 2,700 + catering 24 × 33 = 792
    = 3,492.00 (two tandem events, 15 + 15, would cost one fee and one catered trainer more:
    3,600 + 24 × 34 = 4,416.00)."""
    plan = solve_valid(thirty_interested_two_sites(max_events_per_council_module=2))
    assert_optimum(plan, 30, "3492.00")
    assert sorted(len(e.trainer_ids) for e in plan.events) == [1, 2]


# --- R5: modules in order ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "seats", "cost"),
    [
        # Until Sat 21 Feb: module 1 must end by Sat 7 (only slot (6, 7) ends before the
        # 14th), module 2 would start on the 21st at the latest, but (21, 22) does not fit;
        # the latest start is Fri 20 (20 - 7 = 13 < 14) -> one module only, 1,164.00.
        (D(2026, 2, 21), 10, "1164.00"),
        # Until Sun 22 Feb: (6, 7) and (21, 22), gap 21 - 7 = 14 exactly -> both, 2 × 1,164.00.
        (D(2026, 2, 22), 20, "2328.00"),
    ],
    ids=["gap-13-days", "gap-14-days"],
)
def test_r5a_module_gap_at_a_site(solve_valid: SolveValid, end: D, seats: int, cost: str):
    plan = solve_valid(two_councils_one_site_each_module(end))
    assert_optimum(plan, seats, cost)
    if seats == 20:
        assert days_of(plan) == [[D(2026, 2, 6), D(2026, 2, 7)], [D(2026, 2, 21), D(2026, 2, 22)]]


@pytest.mark.parametrize(
    ("trainers", "seats", "cost"),
    [
        # Two trainers: module 1 on (6, 7), module 2 on (7, 8); 7 - 7 = 0 ≥ 0: 2 × 1,164.00.
        (TANDEM, 20, "2328.00"),
        # One trainer cannot teach both on Sat 7 (R12): one module, 1,164.00.
        ((trainer(),), 10, "1164.00"),
    ],
    ids=["two-trainers", "one-trainer"],
)
def test_r5a_gap_zero_allows_the_same_day(
    solve_valid: SolveValid, trainers: tuple[Trainer, ...], seats: int, cost: str
):
    """``module_gap_days: 0`` over Fri 6 .. Sun 8 Feb (slots (6, 7) and (7, 8)): module 2 may
    start on the day module 1 ends (RULES.md: first day minus last day ≥ 0)."""
    scenario = make_scenario(
        (council(m1=10), council("C-DU", DUISBURG, m2=10, trained=10)), trainers=trainers,
        period=(D(2026, 2, 6), D(2026, 2, 8)), module_gap_days=0,
    )
    plan = solve_valid(scenario)
    assert_optimum(plan, seats, cost)
    if seats == 20:
        assert days_of(plan) == [[D(2026, 2, 6), D(2026, 2, 7)], [D(2026, 2, 7), D(2026, 2, 8)]]


@pytest.mark.parametrize(
    ("trained", "seats", "cost"),
    [
        (0, 0, "0.00"),  # nobody did module 1: module 2 impossible
        (7, 0, "0.00"),  # at most 7 for module 2 < 8 minimum
        (8, 8, "1116.00"),  # 8 of the 10 interested may come
        (10, 10, "1164.00"),
    ],
)
def test_r5b_trained_m1_allows_module_2_alone(
    solve_valid: SolveValid, trained: int, seats: int, cost: str
):
    """C-DUS wants module 2 only (10 members): its module-2 seats ≤ 0 + ``trained_m1``."""
    plan = solve_valid(make_scenario((council(m2=10, trained=trained),)))
    assert_optimum(plan, seats, cost)
    assert all(e.module == 2 for e in plan.events)


def test_r5b_module_2_seats_follow_module_1_seats(solve_valid: SolveValid):
    """C-DUS wants 8 for module 1 and 12 for module 2, none trained: module 2 gets at most the 8
    of module 1 -> 16 seats, two one-trainer events of 8: 2 × 1,116.00 = 2,232.00."""
    plan = solve_valid(make_scenario((council(m1=8, m2=12),)))
    assert_optimum(plan, 16, "2232.00")
    assert sorted((e.module, e.participants) for e in plan.events) == [(1, 8), (2, 8)]


@pytest.mark.parametrize(
    ("end", "seats", "cost"),
    [
        # Same dates as in R5(a), but the two modules may be at different sites: only R5(c)
        # stops C-DUS attending module 1 on (6, 7) and module 2 on (20, 21) -> 10 seats.
        (D(2026, 2, 21), 10, "1164.00"),
        (D(2026, 2, 22), 20, "2328.00"),
    ],
    ids=["gap-13-days", "gap-14-days"],
)
def test_r5c_council_gap(solve_valid: SolveValid, end: D, seats: int, cost: str):
    plan = solve_valid(one_council_two_sites(end))
    assert_optimum(plan, seats, cost)


@pytest.mark.parametrize(
    ("trainers", "seats", "cost"),
    [
        # Tandem only: two module-1 events on (6, 7) need two trainers each day of it, so at
        # most 11 + 11 = 22 there (a tandem event alone seats 20); module 2 on (21, 22) with 10.
        # 32 seats (more than 30 = all of module 1 without module 2), three one-trainer
        # events: 2,700 + 24 × 35 = 840 -> 3,540.00.
        (TANDEM, 32, "3540.00"),
        # A third trainer: 20 (tandem) + 10 on (6, 7), then 10 on (21, 22): all 40 seats,
        # four trainers: 3,600 + 24 × 44 = 1,056 -> 4,656.00.
        ((*TANDEM, trainer("T-E2")), 40, "4656.00"),
    ],
    ids=["tandem", "three-trainers"],
)
def test_r5c_every_pair_of_module_events(
    solve_valid: SolveValid, trainers: tuple[Trainer, ...], seats: int, cost: str
):
    """C-DUS wants 30 for module 1 and 10 for module 2 (none trained), may attend two events
    per module, at VHS DUS-A and DUS-B, Fri 6 .. Sun 22 Feb. Module 2 can only start on Sat 21
    (the last slot (21, 22)), so every module-1 event it follows must end by Sat 7: on (6, 7)."""
    scenario = make_scenario(
        (council(m1=30, m2=10),), (site("DUS-A"), site("DUS-B")), trainers,
        period=(D(2026, 2, 6), D(2026, 2, 22)), max_events_per_council_module=2,
    )
    plan = solve_valid(scenario)
    assert_optimum(plan, seats, cost)
    assert {(e.module, e.days[0]) for e in plan.events} == {
        (1, D(2026, 2, 6)), (2, D(2026, 2, 21))}


# --- R6: event size ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("councils", "seats", "cost"),
    [
        ((council(m1=7),), 0, "0.00"),  # 7 < 8: no event
        ((council(m1=8),), 8, "1116.00"),
        # summed over councils: 4 + 3 = 7 -> nothing; 4 + 4 = 8 -> one event
        ((council(m1=4), council("C-DU", DUISBURG, m1=3)), 0, "0.00"),
        ((council(m1=4), council("C-DU", DUISBURG, m1=4)), 8, "1116.00"),
    ],
    ids=["one-council-7", "one-council-8", "two-councils-7", "two-councils-8"],
)
def test_r6_minimum_participants(
    solve_valid: SolveValid, councils: tuple[Council, ...], seats: int, cost: str
):
    plan = solve_valid(make_scenario(councils))
    assert_optimum(plan, seats, cost)


@pytest.mark.parametrize(
    ("m1", "rules", "seats", "cost", "staff"),
    [
        # min 5: 7 wanted are enough for one trainer: 900 + 24 × 8 = 1,092.00
        (7, {"min_participants": 5}, 7, "1092.00", 1),
        # two trainers from 10 on: 1,800 + 24 × 12 = 2,088.00
        (10, {"two_trainer_min": 10}, 10, "2088.00", 2),
        # at most 15 per event, 30 wanted, one site: 15 seats with a tandem, 1,800 + 24 × 17
        (30, {"max_participants": 15}, 15, "2208.00", 2),
    ],
    ids=["min-5", "tandem-from-10", "max-15"],
)
def test_r6_r11_limits_are_parameters(
    solve_valid: SolveValid, m1: int, rules: dict[str, int], seats: int, cost: str, staff: int
):
    plan = solve_valid(make_scenario((council(m1=m1),), **rules))
    assert_optimum(plan, seats, cost)
    assert [len(e.trainer_ids) for e in plan.events] == [staff]


def test_r6_maximum_participants(solve_valid: SolveValid):
    """C-DUS 15 + C-DU 10 wanting module 1, one site: at most 20 in its one module-1 event."""
    plan = solve_valid(make_scenario((council(m1=15), council("C-DU", DUISBURG, m1=10))))
    assert_optimum(plan, 20, "2328.00")


# --- R7: catchment ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("visitor", "neighbours", "radius_km", "seats"),
    [
        # Duisburg borders Düsseldorf; 23.279 km between the centres.
        (DUISBURG, True, 0, 10),
        (DUISBURG, False, 0, 0),
        (DUISBURG, False, None, 0),
        (DUISBURG, False, 25, 10),  # 23.279 ≤ 25
        (DUISBURG, False, 23.2, 0),  # 23.279 > 23.2
        # Krefeld: no border, 19.478 km.
        (KREFELD, True, 0, 0),
        (KREFELD, True, 19.4, 0),
        (KREFELD, True, 19.5, 10),
        # Bielefeld: no border, 150 km.
        (BIELEFELD, True, 25, 0),
    ],
)
def test_r7_catchment(
    solve_valid: SolveValid, visitor: str, neighbours: bool, radius_km: float | None, seats: int
):
    """Only the visitor C-VIS (10) wants module 1; held -> 1,164.00, else nothing."""
    plan = solve_valid(visitor_and_host(visitor, neighbours=neighbours, radius_km=radius_km))
    assert_optimum(plan, seats, "1164.00" if seats else "0.00")


@pytest.mark.parametrize(
    ("at", "seats", "cost"),
    [
        # The VHS's own coordinates (Bertha-von-Suttner-Platz) are 20.491 km from Krefeld's
        # centre: outside a 20 km radius.
        ((51.2203, 6.7936), 0, "0.00"),
        # Without them the site sits at Düsseldorf's centre, 19.478 km away: inside.
        (None, 10, "1164.00"),
    ],
    ids=["site-coordinates", "municipality-centre"],
)
def test_r7_radius_measures_to_the_site(
    solve_valid: SolveValid, at: tuple[float, float] | None, seats: int, cost: str
):
    scenario = make_scenario(
        (council(), council("C-VIS", KREFELD, m1=10)), (site(at=at),), radius_km=20
    )
    assert_optimum(solve_valid(scenario), seats, cost)


def test_r7_own_municipality_always_qualifies(solve_valid: SolveValid):
    plan = solve_valid(one_council_one_site(neighbours=False, radius_km=0))
    assert_optimum(plan, 10, "1164.00")


# --- R8: demand -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("limit", "seats", "cost"),
    [
        # One event per council and module: the 30 cannot split, one event of 20: 2,328.00.
        (1, 20, "2328.00"),
        # Two allowed: all 30 (see test_r3_second_site_takes_the_rest): 3,492.00.
        (2, 30, "3492.00"),
    ],
)
def test_r8_events_per_council_and_module(
    solve_valid: SolveValid, limit: int, seats: int, cost: str
):
    plan = solve_valid(thirty_interested_two_sites(max_events_per_council_module=limit))
    assert_optimum(plan, seats, cost)


def test_r8_interest_caps_each_module(solve_valid: SolveValid):
    """C-DUS wants 10 for module 1 and 9 for module 2 (members 10): 10 + 9 seats, not 20 + 20,
    though the site could seat 20 each: 1,164.00 + 1,140.00 = 2,304.00."""
    plan = solve_valid(make_scenario((council(m1=10, m2=9),)))
    assert_optimum(plan, 19, "2304.00")


# --- R9: host sites ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "seats", "cost"),
    [
        (site(interested=False), 0, "0.00"),
        (site(partner=None), 0, "0.00"),
        (site(), 10, "1164.00"),
    ],
    ids=["not-interested", "no-partner", "interested-with-partner"],
)
def test_r9_site_needs_interest_and_partner(
    solve_valid: SolveValid, host: Site, seats: int, cost: str
):
    plan = solve_valid(make_scenario((council(m1=10),), (host,)))
    assert_optimum(plan, seats, cost)


# --- R10, R11: trainers per event -------------------------------------------------------------


@pytest.mark.parametrize(
    ("m1", "trainers", "seats", "cost", "staff"),
    [
        # 11: one trainer, 1,188.00
        (11, TANDEM, 11, "1188.00", 1),
        # 12: two trainers, one of each role, 2,136.00
        (12, TANDEM, 12, "2136.00", 2),
        # 15 wanted but only educators: no tandem, so at most 11 (one trainer): 1,188.00
        (15, (trainer("T-E1"), trainer("T-E2")), 11, "1188.00", 1),
        # … likewise only council-side trainers
        (15, (trainer("T-C1", "council"), trainer("T-C2", "council")), 11, "1188.00", 1),
        # with a tandem all 15: 1,800 + 24 × 17 = 2,208.00
        (15, (trainer("T-E1"), trainer("T-E2"), trainer("T-C1", "council")), 15, "2208.00", 2),
    ],
    ids=["11-one-trainer", "12-two-trainers", "educators-only", "council-only", "tandem"],
)
def test_r11_trainers_per_event(
    solve_valid: SolveValid, m1: int, trainers: tuple[Trainer, ...], seats: int, cost: str,
    staff: int,
):
    plan = solve_valid(make_scenario((council(m1=m1),), trainers=trainers))
    assert_optimum(plan, seats, cost)
    assert [len(e.trainer_ids) for e in plan.events] == [staff]


# --- R12: trainers are persons ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("unavailable", "seats", "cost", "days"),
    [
        # Fri 6 .. Sun 8 Feb: both slots use Sat 7.
        ((D(2026, 2, 7),), 0, "0.00", []),
        ((D(2026, 2, 6),), 10, "1164.00", [[D(2026, 2, 7), D(2026, 2, 8)]]),
        ((D(2026, 2, 8),), 10, "1164.00", [[D(2026, 2, 6), D(2026, 2, 7)]]),
    ],
    ids=["off-saturday", "off-friday", "off-sunday"],
)
def test_r12_unavailable_dates(
    solve_valid: SolveValid, unavailable: tuple[D, ...], seats: int, cost: str,
    days: list[list[D]],
):
    plan = solve_valid(one_council_one_site(
        period=(D(2026, 2, 6), D(2026, 2, 8)), trainers=(trainer(unavailable=unavailable),)
    ))
    assert_optimum(plan, seats, cost)
    assert days_of(plan) == days


@pytest.mark.parametrize(
    ("max_events", "seats", "cost"),
    [(0, 0, "0.00"), (1, 10, "1164.00"), (2, 20, "2328.00")],
)
def test_r12_max_events(solve_valid: SolveValid, max_events: int, seats: int, cost: str):
    """C-DUS wants both modules (10 each, none trained), one trainer: with one event only
    module 1 (module 2 needs module-1 seats), with two both."""
    plan = solve_valid(make_scenario(
        (council(m1=10, m2=10),), trainers=(trainer(max_events=max_events),)
    ))
    assert_optimum(plan, seats, cost)
    assert [e.module for e in plan.events] == [1, 2][:max_events]


@pytest.mark.parametrize(
    ("modules", "trained", "seats", "cost", "held"),
    [
        ((2,), 10, 10, "1164.00", [2]),  # teaches module 2 only: the trained 10 come
        ((2,), 0, 0, "0.00", []),  # module 2 only, nobody trained: nothing
        ((1,), 10, 10, "1164.00", [1]),
        ((1, 2), 10, 20, "2328.00", [1, 2]),
    ],
)
def test_r12_modules_taught(
    solve_valid: SolveValid, modules: tuple[int, ...], trained: int, seats: int, cost: str,
    held: list[int],
):
    """C-DUS wants 10 for each module; the only trainer teaches ``modules``."""
    plan = solve_valid(make_scenario(
        (council(m1=10, m2=10, trained=trained),), trainers=(trainer(modules=modules),)
    ))
    assert_optimum(plan, seats, cost)
    assert sorted(e.module for e in plan.events) == held


@pytest.mark.parametrize(
    ("period", "seats", "cost"),
    [
        # Sat 7 .. Sun 8 Feb: one slot (7, 8). The trainer holds one event; one trainer seats
        # at most 11 (10 of one council + 1 of the other): 1,188.00.
        ((D(2026, 2, 7), D(2026, 2, 8)), 11, "1188.00"),
        # Fri 6 .. Sun 8 Feb: (6, 7) and (7, 8) share Sat 7: still one event.
        ((D(2026, 2, 6), D(2026, 2, 8)), 11, "1188.00"),
        # Sat 7 .. Sun 15 Feb: two weekends, two events of 10: 2 × 1,164.00.
        ((D(2026, 2, 7), D(2026, 2, 15)), 20, "2328.00"),
    ],
    ids=["one-slot", "two-slots-one-day-shared", "two-weekends"],
)
def test_r12_one_event_per_trainer_and_day(
    solve_valid: SolveValid, period: tuple[D, D], seats: int, cost: str
):
    plan = solve_valid(two_sites_one_trainer(period))
    assert_optimum(plan, seats, cost)
    days = [day for e in plan.events for day in e.days]
    assert len(days) == len(set(days))


@pytest.mark.parametrize(
    ("period", "patterns"),
    [
        # Sat 7 .. Sun 15 Feb, sat+sun and sat+sat7: (7, 8) and (14, 15) are disjoint, (7, 14)
        # clashes with both.
        ((D(2026, 2, 7), D(2026, 2, 15)), ("sat+sun", "sat+sat7")),
        # Fri 6 .. Fri 13 Feb, fri+fri7 and sat+sun: (6, 13) and (7, 8) interleave but share no
        # day; a trainer is busy on seminar days only, not on the days between.
        ((D(2026, 2, 6), D(2026, 2, 13)), ("fri+fri7", "sat+sun")),
    ],
    ids=["two-weekends", "interleaved"],
)
def test_r12_one_trainer_two_events_on_disjoint_days(
    solve_valid: SolveValid, period: tuple[D, D], patterns: tuple[SlotPattern, ...]
):
    """Two events of 10 with the one trainer: 2 × 1,164.00 = 2,328.00."""
    plan = solve_valid(two_sites_one_trainer(period, patterns))
    assert_optimum(plan, 20, "2328.00")


def test_r12_cheap_trainer_unavailable_on_the_only_slot(solve_valid: SolveValid):
    """Fri 6 .. Sat 7 Feb: one slot. The Duisburg educator (36.32) is off on Fri 6, so the one
    from Bielefeld teaches: night on a consecutive slot, 1,164.00 + 209.18 = 1,373.18."""
    plan = solve_valid(make_scenario(
        (council(m1=10),),
        trainers=(trainer("T-NEAR", home=DUISBURG, unavailable=(D(2026, 2, 6),)),
                  trainer("T-FAR", home=BIELEFELD)),
        period=(D(2026, 2, 6), D(2026, 2, 7)),
    ))
    assert_optimum(plan, 10, "1373.18")
    assert [e.trainer_ids for e in plan.events] == [["T-FAR"]]


# --- R13, R14, R15: costs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("home", "patterns", "travel", "gap_days"),
    [
        # 195 road km: the night (209.18) is cheaper than two round trips (234.37).
        (BIELEFELD, DEFAULT_PATTERNS, "209.18", 1),
        (BIELEFELD, ("sat+sat7",), "234.37", 7),
        # 120.26 road km: a night is due on consecutive days (164.16) and costs more than two
        # round trips a week apart (144.31), so the cheapest plan takes sat+sat7.
        (LEGDEN, DEFAULT_PATTERNS, "144.31", 7),
        (LEGDEN, ("fri+sat",), "164.16", 1),
        # 119.98 road km: not above 120, never a night: 143.98 on any slot.
        (DRENSTEINFURT, ("fri+sat",), "143.98", 1),
        # Duisburg, 30 road km: 36.32.
        (DUISBURG, ("sat+sun",), "36.32", 1),
    ],
    ids=["bielefeld-night", "bielefeld-week-apart", "legden-week-apart", "legden-night",
         "drensteinfurt-no-night", "duisburg"],
)
def test_r13_r14_r15_one_trainer_event(
    solve_valid: SolveValid, home: str, patterns: tuple[SlotPattern, ...], travel: str,
    gap_days: int,
):
    """C-DUS 10 at VHS DUS, one trainer from ``home``: fees 450 × 2 = 900.00, catering
    12 × 2 × 11 = 264.00, plus travel (module docstring)."""
    plan = solve_valid(one_far_trainer(home, patterns=patterns))
    assert_optimum(plan, 10, str(Decimal("1164.00") + Decimal(travel)))
    (event,) = plan.events
    assert (cents(event.cost_eur.fees), cents(event.cost_eur.travel),
            cents(event.cost_eur.catering)) == (90000, cents(travel), 26400)
    assert (event.days[1] - event.days[0]).days == gap_days


@pytest.mark.parametrize(
    ("unavailable", "travel", "gap_days"),
    [
        # Fri 6 .. Sun 15 Feb: the only week-apart slot is (7, 14): 144.31.
        ((), "144.31", 7),
        # Off on Sat 14: (7, 14), (13, 14), (14, 15) go; only consecutive slots remain and a
        # night is due: 164.16.
        ((D(2026, 2, 14),), "164.16", 1),
    ],
    ids=["week-apart-free", "week-apart-blocked"],
)
def test_r14_travel_depends_on_the_dates(
    solve_valid: SolveValid, unavailable: tuple[D, ...], travel: str, gap_days: int
):
    """The Legden trainer (120.26 road km) for C-DUS's 10: 1,164.00 + travel."""
    plan = solve_valid(one_council_one_site(
        period=(D(2026, 2, 6), D(2026, 2, 15)),
        trainers=(trainer(home=LEGDEN, unavailable=unavailable),),
    ))
    assert_optimum(plan, 10, str(Decimal("1164.00") + Decimal(travel)))
    assert [(e.days[1] - e.days[0]).days for e in plan.events] == [gap_days]


def test_r13_r14_r15_tandem_event(solve_valid: SolveValid):
    """C-DUS 12 at VHS DUS; educator from Düsseldorf (0.00), council-side trainer from Duisburg
    (36.32): fees 450 × 2 × 2 = 1,800.00, catering 12 × 2 × 14 = 336.00 -> 2,172.32."""
    plan = solve_valid(make_scenario(
        (council(m1=12),), trainers=(trainer("T-EDU"), trainer("T-CNC", "council", DUISBURG))
    ))
    assert_optimum(plan, 12, "2172.32")
    (event,) = plan.events
    assert event.trainer_ids == ["T-EDU", "T-CNC"]
    assert event.travel_eur_by_trainer == [0.0, 36.32]
    assert (cents(event.cost_eur.fees), cents(event.cost_eur.catering)) == (180000, 33600)


def test_r13_r15_rates_are_parameters(solve_valid: SolveValid):
    """Fee 500 €/day and catering 10 €/person-day: 500 × 2 + 10 × 2 × 11 = 1,220.00."""
    scenario = one_council_one_site()
    scenario = scenario.model_copy(update={"costs": scenario.costs.model_copy(
        update={"fee_per_trainer_day_eur": 500.0, "catering_per_person_day_eur": 10.0}
    )})
    assert_optimum(solve_valid(scenario), 10, "1220.00")


# --- R16: budget ------------------------------------------------------------------------------

# The only trainer lives in Duisburg: the cheapest event (8 participants) costs
# 900 + 12 × 2 × 9 = 216 + 36.32 travel = 1,152.32; each further participant 24.00.


@pytest.mark.parametrize(
    ("m1", "budget", "seats", "cost"),
    [
        (8, 1152.31, 0, "0.00"),  # one cent short
        (8, 1152.32, 8, "1152.32"),  # exactly the budget
        (10, 1176.31, 8, "1152.32"),  # 9 would cost 1,176.32
        (10, 1176.32, 9, "1176.32"),
    ],
    ids=["one-cent-short", "exact", "ninth-seat-one-cent-short", "ninth-seat-exact"],
)
def test_r16_budget(solve_valid: SolveValid, m1: int, budget: float, seats: int, cost: str):
    plan = solve_valid(make_scenario(
        (council(m1=m1),), trainers=(trainer(home=DUISBURG),), budget_eur=budget
    ))
    assert_optimum(plan, seats, cost)


@pytest.mark.parametrize(
    ("unavailable", "seats", "cost"),
    [
        # Week-apart slot free: all 10 for 1,164.00 + 144.31 = 1,308.31 = the budget.
        ((), 10, "1308.31"),
        # Only consecutive slots (164.16 travel): 10 would cost 1,328.16, 9 cost
        # 900 + 240 + 164.16 = 1,304.16 ≤ 1,308.31 -> 9 seats.
        ((D(2026, 2, 14),), 9, "1304.16"),
    ],
    ids=["week-apart-free", "week-apart-blocked"],
)
def test_r16_budget_with_date_dependent_travel(
    solve_valid: SolveValid, unavailable: tuple[D, ...], seats: int, cost: str
):
    """As ``test_r14_travel_depends_on_the_dates`` with a budget of 1,308.31."""
    plan = solve_valid(one_council_one_site(
        period=(D(2026, 2, 6), D(2026, 2, 15)),
        trainers=(trainer(home=LEGDEN, unavailable=unavailable),),
        budget_eur=1308.31,
    ))
    assert_optimum(plan, seats, cost)


# --- R17: coverage first, then cost -----------------------------------------------------------


def test_r17_twelfth_seat_is_worth_a_second_trainer(solve_valid: SolveValid):
    """C-DUS wants 12: 11 seats would cost 1,188.00, 12 need a tandem and cost 2,136.00.
    Coverage comes first: 12 seats at 2,136.00."""
    plan = solve_valid(make_scenario((council(m1=12),)))
    assert_optimum(plan, 12, "2136.00")


def test_r17_far_event_is_worth_its_travel(solve_valid: SolveValid):
    """C-DUS and C-BI (10 each) at their own VHS; one educator in Düsseldorf. Bielefeld's event
    adds 1,164.00 + 209.18 travel (night on a consecutive slot), still taken:
    20 seats, 2 × 1,164.00 + 209.18 = 2,537.18."""
    plan = solve_valid(make_scenario(
        (council(m1=10), council("C-BI", BIELEFELD, m1=10)),
        (site(), site("BI", BIELEFELD, "C-BI")),
        (trainer(),),
    ))
    assert_optimum(plan, 20, "2537.18")


def test_r17_closer_trainer_is_chosen(solve_valid: SolveValid):
    """Two educators for one one-trainer event of 10: from Duisburg (36.32) or from Bielefeld
    (209.18 at best). Same coverage, so the cheaper one: 1,164.00 + 36.32 = 1,200.32."""
    plan = solve_valid(make_scenario(
        (council(m1=10),),
        trainers=(trainer("T-FAR", home=BIELEFELD), trainer("T-NEAR", home=DUISBURG)),
    ))
    assert_optimum(plan, 10, "1200.32")
    assert [e.trainer_ids for e in plan.events] == [["T-NEAR"]]
