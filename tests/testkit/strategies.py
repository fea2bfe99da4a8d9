"""Hypothesis strategies for small, valid scenarios on real NRW municipalities.

Every generated :class:`Scenario` passes the domain model's validation (unique IDs, partner
councils that exist, interest within members) and is small enough for CP-SAT to prove its
lexicographic optimum in well under a second with one worker:

* municipalities from one region, twelve neighbouring municipalities around Düsseldorf,
  Duisburg, Essen, Krefeld and Neuss (borders as in ``optimizer/data/nrw_neighbours.csv``),
  plus Bielefeld, about 150 km away, so that catchment misses and overnight travel (R7, R14)
  occur;
* a planning period of 2–6 weeks inside 1 Feb .. 29 Mar 2026, which has no NRW public holiday
  and no school holiday (Easter holidays start on 30 Mar), so there are only 2–18 slots;
* 1–5 councils, 1–3 sites, 1–4 trainers (limits are parameters), few blocked and unavailable
  dates, and the rule settings that change the model's shape: ``module_gap_days`` 0/7/14,
  ``radius_km`` 0/25, neighbours on/off, budget 0 .. 20,000 €, any non-empty pattern subset.

``micro_scenarios`` draws the instances the brute-force enumerator of ``test_agreement.py``
can search exhaustively: one site, 1–3 councils with little interest, 1–2 trainers and a
period with 1–3 slots.

``region_scenario(num_councils, seed)`` builds one fixed, larger scenario (about ten councils)
without hypothesis, for determinism tests that must solve the very same instance twice.
"""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import strategies as st

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

#: Twelve municipalities of one region (Regierungsbezirk Düsseldorf). Borders used:
#: Düsseldorf–Duisburg/Neuss/Meerbusch/Ratingen/Mettmann, Duisburg–Krefeld/Mülheim/Oberhausen/
#: Moers/Ratingen/Meerbusch, Essen–Mülheim/Oberhausen/Ratingen, Krefeld–Meerbusch/Moers,
#: Neuss–Kaarst/Meerbusch, Kaarst–Meerbusch.
REGION: dict[str, str] = {
    "05111000": "Düsseldorf",
    "05112000": "Duisburg",
    "05113000": "Essen",
    "05114000": "Krefeld",
    "05162024": "Neuss",
    "05162022": "Meerbusch",
    "05158028": "Ratingen",
    "05117000": "Mülheim an der Ruhr",
    "05119000": "Oberhausen",
    "05170024": "Moers",
    "05162016": "Kaarst",
    "05158024": "Mettmann",
}
BIELEFELD = "05711000"
MUNICIPALITIES: tuple[str, ...] = (*REGION, BIELEFELD)

PATTERNS: tuple[SlotPattern, ...] = ("fri+sat", "sat+sun", "sat+sat7", "fri+fri7")
FIRST_START, LAST_END = D(2026, 2, 1), D(2026, 3, 29)


def weekend_days(start: D, end: D) -> list[D]:
    """Fridays, Saturdays and Sundays in ``[start, end]``: the only days a slot can use (R2)."""
    days = []
    day = start
    while day <= end:
        if day.weekday() >= 4:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


# --- building blocks ----------------------------------------------------------------------------

#: Mostly the region, now and then Bielefeld (far from everything else).
municipalities = st.one_of(
    st.sampled_from(tuple(REGION)), st.sampled_from(tuple(REGION)), st.just(BIELEFELD)
)


@st.composite
def periods(draw: st.DrawFn, min_weeks: int = 2, max_weeks: int = 6) -> Period:
    """A period of ``min_weeks``..``max_weeks`` weeks within 1 Feb .. 29 Mar 2026."""
    weeks = draw(st.integers(min_weeks, max_weeks))
    latest_start = LAST_END - dt.timedelta(days=7 * weeks - 1)
    offset = draw(st.integers(0, (latest_start - FIRST_START).days))
    start = FIRST_START + dt.timedelta(days=offset)
    return Period(start=start, end=start + dt.timedelta(days=7 * weeks - 1))


def _some_days(draw: st.DrawFn, days: list[D], most: int) -> tuple[D, ...]:
    if not days:
        return ()
    return tuple(sorted(draw(st.sets(st.sampled_from(days), max_size=most))))


@st.composite
def councils(draw: st.DrawFn, index: int) -> Council:
    """A council with 0–25 members, interest within members and some already trained."""
    members = draw(st.one_of(st.integers(0, 25), st.sampled_from(range(6, 26))))
    m1 = draw(st.one_of(st.integers(0, members), st.just(members),
                        st.sampled_from(range(members + 1))))
    m2 = draw(st.one_of(st.integers(0, members), st.sampled_from(range(members + 1))))
    trained = draw(st.sampled_from((0, 0, 0, members // 2, members)))
    return Council(council_id=f"C{index}", ags=draw(municipalities), members=members,
                   interested_m1=m1, interested_m2=m2, trained_m1=trained)


@st.composite
def sites(draw: st.DrawFn, index: int, council_list: tuple[Council, ...],
          days: list[D]) -> Site:
    """A site, mostly in a council's municipality, mostly able to host (R9)."""
    ags = draw(st.one_of(st.sampled_from([c.ags for c in council_list]), municipalities))
    ids = [c.council_id for c in council_list]
    partner = draw(st.sampled_from([*ids * 6, None]))
    return Site(site_id=f"S{index}", name=f"VHS {REGION.get(ags, 'Bielefeld')} {index}",
                ags=ags, partner_council_id=partner,
                interested=draw(st.sampled_from((True, True, True, True, True, False))),
                blocked_dates=_some_days(draw, days, 2))


@st.composite
def trainers(draw: st.DrawFn, index: int, days: list[D]) -> Trainer:
    """A trainer of either role, 0–3 events, some modules, a few unavailable days."""
    return Trainer(
        trainer_id=f"T{index}",
        role=draw(st.sampled_from(("educator", "council"))),
        home_ags=draw(municipalities),
        max_events=draw(st.sampled_from((0, 1, 2, 2, 3, 3, 3))),
        modules=draw(st.sampled_from(((1, 2), (1, 2), (1,), (2,)))),
        unavailable_dates=_some_days(draw, days, 3),
    )


#: Budgets from 0 to 20,000 €, whole euros or with cents, often large enough for some events
#: (one small event costs about 1,100 €).
budgets = st.one_of(
    st.sampled_from((0.0, 1_116.0, 2_500.0, 5_000.0, 8_000.0, 12_000.0, 20_000.0)),
    st.integers(0, 20_000).map(float),
    st.integers(0, 2_000_000).map(lambda cents: cents / 100),
)


@st.composite
def scenarios(draw: st.DrawFn, max_councils: int = 5, max_sites: int = 3,
              max_trainers: int = 4, min_trainers: int = 1) -> Scenario:
    """A small valid scenario (see the module docstring)."""
    period = draw(periods())
    days = weekend_days(period.start, period.end)
    council_list = tuple(
        draw(councils(i)) for i in range(draw(st.integers(1, max_councils)))
    )
    site_list = tuple(
        draw(sites(i, council_list, days)) for i in range(draw(st.integers(1, max_sites)))
    )
    trainer_list = tuple(
        draw(trainers(i, days)) for i in range(draw(st.integers(min_trainers, max_trainers)))
    )
    patterns = draw(st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=4, unique=True))
    return Scenario(
        name="generated",
        budget_eur=draw(budgets),
        period=period,
        slots=SlotSettings(patterns=tuple(patterns), blocked_dates=_some_days(draw, days, 1)),
        catchment=CatchmentSettings(neighbours=draw(st.booleans()),
                                    radius_km=draw(st.sampled_from((0.0, 25.0)))),
        rules=RuleSettings(module_gap_days=draw(st.sampled_from((0, 7, 14)))),
        councils=council_list,
        sites=site_list,
        trainers=trainer_list,
    )


# --- micro instances for the brute-force enumerator ---------------------------------------------


@st.composite
def micro_scenarios(draw: st.DrawFn) -> Scenario:
    """One site, 1–3 councils (interest ≤ 14), 1–2 trainers, a period of 1–3 weekends.

    The period runs from a Friday between 6 Feb and 13 Mar 2026 over one to three weekends,
    with a single pattern, so the slot calendar has at most 3 slots; fewer when the site blocks
    a day or a day falls in the NRW Easter school holidays (from 30 Mar) or on Good Friday.
    """
    weeks = draw(st.sampled_from((3, 2, 1)))
    friday = D(2026, 2, 6) + dt.timedelta(days=7 * draw(st.integers(0, 5)))
    pattern = draw(st.sampled_from(PATTERNS))
    # up to the last weekend's Sunday; a week-apart pattern needs one more week for its second day
    last = 7 * (weeks - 1) + 2 + (7 if pattern.endswith("7") else 0)
    period = Period(start=friday, end=friday + dt.timedelta(days=last))
    days = weekend_days(period.start, period.end)
    council_list = tuple(
        Council(council_id=f"C{i}", ags=draw(municipalities), members=25,
                interested_m1=draw(st.one_of(st.integers(8, 14), st.integers(0, 14))),
                interested_m2=draw(st.one_of(st.integers(8, 14), st.integers(0, 14))),
                trained_m1=draw(st.sampled_from((0, 0, 3, 10))))
        for i in range(draw(st.integers(1, 3)))
    )
    # the site lies in its partner council's municipality, so some demand is always in reach
    site = Site(site_id="S0", name="VHS", ags=council_list[0].ags, partner_council_id="C0",
                interested=True, blocked_dates=_some_days(draw, days, 1))
    trainer_list = tuple(
        Trainer(trainer_id=f"T{k}", role=draw(st.sampled_from(("educator", "council"))),
                home_ags=draw(municipalities), max_events=draw(st.sampled_from((2, 1))),
                modules=draw(st.sampled_from(((1, 2), (1, 2), (1,), (2,)))),
                unavailable_dates=_some_days(draw, days, 1))
        for k in range(draw(st.integers(1, 2)))
    )
    return Scenario(
        name="micro",
        budget_eur=draw(st.one_of(st.sampled_from((20_000.0, 1_200.0, 2_500.0, 4_000.0, 0.0)),
                                  st.integers(1_100, 6_000).map(float))),
        period=period,
        slots=SlotSettings(patterns=(pattern,)),
        catchment=CatchmentSettings(neighbours=draw(st.booleans()),
                                    radius_km=draw(st.sampled_from((0.0, 25.0)))),
        rules=RuleSettings(module_gap_days=draw(st.sampled_from((0, 7, 0, 14)))),
        councils=council_list,
        sites=(site,),
        trainers=trainer_list,
    )


# --- one fixed, larger scenario -----------------------------------------------------------------


def region_scenario(num_councils: int = 10, seed: int = 7) -> Scenario:
    """A fixed scenario: one council per region municipality (cycling), sites in every other
    council's municipality, four trainers, six weeks from 1 Feb 2026, budget 25,000 €.

    Drawn from ``random.Random(seed)`` so it is the same on every run and machine.
    """
    rng = random.Random(seed)
    ags_list = list(REGION)
    council_list = []
    for i in range(num_councils):
        members = rng.randint(8, 22)
        m1 = rng.randint(0, members)
        council_list.append(Council(
            council_id=f"C{i}", ags=ags_list[i % len(ags_list)], members=members,
            interested_m1=m1, interested_m2=rng.randint(0, members),
            trained_m1=rng.choice((0, 0, 2, 5)),
        ))
    site_list = tuple(
        Site(site_id=f"S{i}", name=f"VHS {REGION[c.ags]}", ags=c.ags,
             partner_council_id=c.council_id, interested=True)
        for i, c in enumerate(council_list[::2])
    )
    period = Period(start=D(2026, 2, 1), end=D(2026, 3, 14))
    days = weekend_days(period.start, period.end)
    trainer_list = tuple(
        Trainer(trainer_id=f"T{k}", role=("educator", "council")[k % 2],
                home_ags=rng.choice(ags_list), max_events=rng.randint(2, 3),
                unavailable_dates=tuple(sorted(rng.sample(days, 2))))
        for k in range(4)
    )
    return Scenario(
        name=f"region-{num_councils}", budget_eur=25_000, period=period,
        councils=tuple(council_list), sites=site_list, trainers=trainer_list,
    )
