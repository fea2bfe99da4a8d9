"""What a plan achieves, in figures: the one source for reports, comparisons and exports.

:func:`analyse_plan` turns (scenario, plan, reference) into a :class:`PlanAnalysis`: seats
wanted / covered / unmet per council and module, the same by Kreis and by Regierungsbezirk,
headline figures, cost by line against the budget, per-trainer load and events per month.
It is pure (no files, no plotting, no solving), so every output that shows a number shows
the same number.

Where the numbers come from, and why:

* Covered seats are the members assigned in ``plan.assignments`` (RULES.md, "Covered seats is
  the plain number of assigned members"); wanted seats are the survey's ``interested_m1`` /
  ``interested_m2`` (R8). Unmet = wanted − covered, never below 0.
* Money comes from the validator's exact recomputation (:func:`optimizer.validate.
  recompute_costs`, integer cents, R13–R15), not from plan.json's floats, so a report can never
  show an amount the validator would reject. The budget (R16) is the scenario's, in cents.
* A council's Kreis and Regierungsbezirk are those of its municipality in the shipped
  gazetteer (:class:`~optimizer.domain.geography.Reference`).
* A trainer's fees are the event's fees split evenly over its trainers (R13: the same rate
  for each; a remainder cent, possible only with a sub-cent rate, goes to the first trainers),
  their travel is the validator's per-trainer amount (R14).
* An event counts in the month of its first seminar day.

The plan must fit the scenario (:func:`plan_mismatches` lists what does not); rule
violations inside a fitting plan (R1–R16) do not stop the analysis, they are the validator's
business.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from optimizer.domain.columns import CATERING, FEES, TRAVEL
from optimizer.domain.geography import Reference
from optimizer.domain.names import Names
from optimizer.domain.plan import Plan
from optimizer.domain.problem import site_point
from optimizer.domain.scenario import DAYS_PER_EVENT, MODULES, Scenario
from optimizer.io.reference import load_reference
from optimizer.validate import EventCostCents, plan_mismatches, recompute_costs

__all__ = [
    "CostSummary",
    "CouncilCoverage",
    "EventRow",
    "Headline",
    "MonthCount",
    "Optimality",
    "PlanAnalysis",
    "RegionCoverage",
    "Seats",
    "TrainerLoad",
    "analyse_plan",
    "sort_key_de",
]



@dataclass(frozen=True)
class Seats:
    """Seats wanted (survey, R8) and covered (assigned members) for one module or in total."""

    wanted: int = 0
    covered: int = 0

    @property
    def unmet(self) -> int:
        """Wanted seats the plan does not cover (never negative)."""
        return max(self.wanted - self.covered, 0)

    @property
    def share(self) -> float | None:
        """Covered / wanted, ``None`` without demand."""
        return self.covered / self.wanted if self.wanted else None

    def __add__(self, other: Seats) -> Seats:
        return Seats(self.wanted + other.wanted, self.covered + other.covered)


def _sum_seats(items: Iterable[Seats]) -> Seats:
    total = Seats()
    for item in items:
        total = total + item
    return total


@dataclass(frozen=True)
class CouncilCoverage:
    """One council: where it is, and its seats per module (keys 1 and 2)."""

    council_id: str
    ags: str
    municipality: str
    kreis: str
    regierungsbezirk: str
    lat: float  # municipality centre (for the map)
    lon: float
    seats: Mapping[int, Seats]
    event_ids: Mapping[int, tuple[str, ...]]  # events attended, per module

    @property
    def total(self) -> Seats:
        return _sum_seats(self.seats.values())

    @property
    def reached(self) -> bool:
        return self.total.covered > 0


@dataclass(frozen=True)
class RegionCoverage:
    """Councils of one Kreis or Regierungsbezirk, added up (seats per module, keys 1 and 2)."""

    name: str
    regierungsbezirk: str  # for a Regierungsbezirk: its own name
    councils: int
    councils_reached: int
    seats: Mapping[int, Seats]

    @property
    def total(self) -> Seats:
        return _sum_seats(self.seats.values())


@dataclass(frozen=True)
class Headline:
    """The figures at the top of a report (R17: coverage first)."""

    seats: Mapping[int, Seats]  # per module
    councils: int  # in the scenario
    councils_with_demand: int
    councils_reached: int
    events: Mapping[int, int]  # per module
    sites: int  # sites holding at least one event
    sites_both_modules: int  # R4: sites holding module 1 and module 2

    @property
    def total(self) -> Seats:
        return _sum_seats(self.seats.values())

    @property
    def total_events(self) -> int:
        return sum(self.events.values())


@dataclass(frozen=True)
class CostSummary:
    """Cost by line (R13 fees, R14 travel, R15 catering) and the budget (R16), in cents."""

    fees_cents: int
    travel_cents: int
    catering_cents: int
    budget_cents: int

    @property
    def total_cents(self) -> int:
        return self.fees_cents + self.travel_cents + self.catering_cents

    @property
    def remaining_cents(self) -> int:
        """Budget left (negative when over budget)."""
        return self.budget_cents - self.total_cents

    def lines(self) -> list[tuple[str, int]]:
        """(label, cents) of the three cost lines, in the order of RULES.md.

        The labels are the export's column names (:mod:`optimizer.domain.columns`), the one
        vocabulary the report's cost table and the budget sheet share.
        """
        return [
            (FEES, self.fees_cents),
            (TRAVEL, self.travel_cents),
            (CATERING, self.catering_cents),
        ]


@dataclass(frozen=True)
class Optimality:
    """What the solver proved (from plan.json): status, bounds and gaps."""

    status: str
    covered_bound: int | None
    cost_bound_eur: float | None
    gap_covered: float | None
    gap_cost: float | None
    solve_seconds: float
    solver: str


@dataclass(frozen=True)
class TrainerLoad:
    """One trainer's work in the plan (R12), fees (R13) and travel (R14) in cents."""

    trainer_id: str
    role: str
    max_events: int
    event_ids: tuple[str, ...]
    events_by_module: Mapping[int, int]
    seminar_days: int
    fees_cents: int
    travel_cents: int

    @property
    def events(self) -> int:
        return len(self.event_ids)


@dataclass(frozen=True)
class EventRow:
    """One event with where it is, who comes, and its recomputed cost (cents)."""

    event_id: str
    site_id: str
    site_name: str
    municipality: str
    kreis: str
    regierungsbezirk: str
    lat: float  # the site's point (R7, R14)
    lon: float
    module: int
    days: tuple[dt.date, ...]
    participants: int  # assigned members
    trainer_ids: tuple[str, ...]
    council_ids: tuple[str, ...]
    fees_cents: int
    travel_cents: int
    catering_cents: int
    #: Each trainer's share of the fees (R13, split evenly to the cent) and own travel (R14),
    #: in the order of ``trainer_ids``: what one contract or travel claim states.
    fee_by_trainer: tuple[int, ...] = ()
    travel_by_trainer: tuple[int, ...] = ()

    @property
    def total_cents(self) -> int:
        return self.fees_cents + self.travel_cents + self.catering_cents

    @property
    def first_day(self) -> dt.date:
        return min(self.days)


@dataclass(frozen=True)
class MonthCount:
    """Events starting in one month, per module."""

    month: dt.date  # first day of the month
    events: Mapping[int, int]

    @property
    def total(self) -> int:
        return sum(self.events.values())


@dataclass(frozen=True)
class PlanAnalysis:
    """Everything a report, a comparison or an export shows about one plan."""

    scenario_name: str
    headline: Headline
    costs: CostSummary
    optimality: Optimality
    councils: tuple[CouncilCoverage, ...]  # scenario order
    by_kreis: tuple[RegionCoverage, ...]  # by Regierungsbezirk, then Kreis (German order)
    by_regierungsbezirk: tuple[RegionCoverage, ...]  # by name (German order)
    trainers: tuple[TrainerLoad, ...]  # scenario order
    events: tuple[EventRow, ...]  # by first day, then event ID
    months: tuple[MonthCount, ...]  # every month of the planning period (R1), in order
    site_both_modules: frozenset[str] = field(default_factory=frozenset)
    #: How people are named in what they read (trainers, councils, sites, venues).
    names: Names = field(default_factory=Names)
    #: (council ID, event ID) -> members the council sends (R8): the seats a letter reserves.
    members: Mapping[tuple[str, str], int] = field(default_factory=dict)

    @property
    def unmet_councils(self) -> tuple[CouncilCoverage, ...]:
        """Councils with unmet demand, most unmet seats first."""
        rows = [c for c in self.councils if c.total.unmet > 0]
        return tuple(sorted(rows, key=lambda c: (-c.total.unmet, c.council_id)))

    @property
    def trainer_days(self) -> int:
        return sum(t.seminar_days for t in self.trainers)


def _budget_cents(budget_eur: float) -> int:
    """R16: the budget as the validator reads it (decimal as written, half up to the cent)."""
    return int((Decimal(str(budget_eur)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _split(cents: int, parts: int) -> list[int]:
    """``cents`` split into ``parts`` whole-cent shares that add up exactly."""
    if parts == 0:
        return []
    share, rest = divmod(cents, parts)
    return [share + (1 if i < rest else 0) for i in range(parts)]


_UMLAUTS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


def sort_key_de(text: str) -> str:
    """Alphabetical order as in German lists (DIN 5007-1: ä as a, ß as ss; case ignored)."""
    return text.casefold().translate(_UMLAUTS)


def _regions(
    councils: Iterable[CouncilCoverage], key: str
) -> tuple[RegionCoverage, ...]:
    groups: dict[tuple[str, str], list[CouncilCoverage]] = defaultdict(list)
    for c in councils:
        name = c.kreis if key == "kreis" else c.regierungsbezirk
        groups[(c.regierungsbezirk, name)].append(c)
    return tuple(
        RegionCoverage(
            name=name,
            regierungsbezirk=rb,
            councils=len(members),
            councils_reached=sum(c.reached for c in members),
            seats={m: _sum_seats(c.seats[m] for c in members) for m in MODULES},
        )
        for (rb, name), members in sorted(
            groups.items(), key=lambda item: (sort_key_de(item[0][0]), sort_key_de(item[0][1]))
        )
    )


@dataclass
class _Tally:
    """The plan's assignments added up: seats and events per (council, module), members and
    councils per event."""

    covered: dict[tuple[str, int], int] = field(default_factory=lambda: defaultdict(int))
    attended: dict[tuple[str, int], list[str]] = field(
        default_factory=lambda: defaultdict(list))
    participants: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    councils_at: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _tally(plan: Plan) -> _Tally:
    events = {e.event_id: e for e in plan.events}
    tally = _Tally()
    for a in plan.assignments:
        module = events[a.event_id].module
        tally.covered[(a.council_id, module)] += a.members
        tally.attended[(a.council_id, module)].append(a.event_id)
        tally.participants[a.event_id] += a.members
        tally.councils_at[a.event_id].append(a.council_id)
    return tally


def _council_coverage(
    scenario: Scenario, reference: Reference, tally: _Tally
) -> list[CouncilCoverage]:
    """Each council's place and its seats wanted (R8) and covered per module."""
    councils = []
    for c in scenario.councils:
        place = reference.municipalities[c.ags]
        councils.append(CouncilCoverage(
            council_id=c.council_id, ags=c.ags, municipality=place.name, kreis=place.kreis,
            regierungsbezirk=place.regierungsbezirk, lat=place.lat, lon=place.lon,
            seats={m: Seats(c.interested(m), tally.covered[(c.council_id, m)])
                   for m in MODULES},
            event_ids={m: tuple(tally.attended[(c.council_id, m)]) for m in MODULES},
        ))
    return councils


def _event_rows(
    scenario: Scenario, plan: Plan, reference: Reference, costs: Mapping[str, EventCostCents],
    tally: _Tally,
) -> list[EventRow]:
    """Each event with its place, participants and recomputed cost, by first day and ID."""
    sites = {s.site_id: s for s in scenario.sites}
    rows = []
    for e in plan.events:
        site = sites[e.site_id]
        place = reference.municipalities[site.ags]
        lat, lon = site_point(site, reference)
        cost = costs[e.event_id]
        rows.append(EventRow(
            event_id=e.event_id, site_id=e.site_id, site_name=site.name,
            municipality=place.name, kreis=place.kreis, regierungsbezirk=place.regierungsbezirk,
            lat=lat, lon=lon, module=e.module, days=tuple(sorted(e.days)),
            participants=tally.participants[e.event_id], trainer_ids=tuple(e.trainer_ids),
            council_ids=tuple(tally.councils_at[e.event_id]), fees_cents=cost.fees,
            travel_cents=cost.travel, catering_cents=cost.catering,
            fee_by_trainer=tuple(_split(cost.fees, len(e.trainer_ids))),
            travel_by_trainer=tuple(cost.travel_by_trainer),
        ))
    rows.sort(key=lambda r: (r.first_day, r.event_id))
    return rows


def _trainer_loads(
    scenario: Scenario, rows: list[EventRow], costs: Mapping[str, EventCostCents]
) -> tuple[TrainerLoad, ...]:
    """Each trainer's events (R12), fees (R13, split evenly) and travel (R14)."""
    trainer_events: dict[str, list[EventRow]] = defaultdict(list)
    trainer_fees: dict[str, int] = defaultdict(int)
    trainer_travel: dict[str, int] = defaultdict(int)
    for row in rows:
        cost = costs[row.event_id]
        for trainer_id, fee, travel in zip(
            row.trainer_ids, _split(cost.fees, len(row.trainer_ids)), cost.travel_by_trainer,
            strict=True,
        ):
            trainer_events[trainer_id].append(row)
            trainer_fees[trainer_id] += fee
            trainer_travel[trainer_id] += travel
    return tuple(
        TrainerLoad(
            trainer_id=t.trainer_id, role=t.role, max_events=t.max_events,
            event_ids=tuple(r.event_id for r in trainer_events[t.trainer_id]),
            events_by_module={
                m: sum(r.module == m for r in trainer_events[t.trainer_id]) for m in MODULES
            },
            seminar_days=DAYS_PER_EVENT * len(trainer_events[t.trainer_id]),
            fees_cents=trainer_fees[t.trainer_id],
            travel_cents=trainer_travel[t.trainer_id],
        )
        for t in scenario.trainers
    )


def _headline(plan: Plan, councils: list[CouncilCoverage]) -> tuple[Headline, frozenset[str]]:
    """The headline figures and the sites holding both modules (R4)."""
    modules_at: dict[str, set[int]] = defaultdict(set)
    for e in plan.events:
        modules_at[e.site_id].add(e.module)
    both = frozenset(s for s, mods in modules_at.items() if set(MODULES) <= mods)
    headline = Headline(
        seats={m: _sum_seats(c.seats[m] for c in councils) for m in MODULES},
        councils=len(councils),
        councils_with_demand=sum(c.total.wanted > 0 for c in councils),
        councils_reached=sum(c.reached for c in councils),
        events={m: sum(e.module == m for e in plan.events) for m in MODULES},
        sites=len(modules_at),
        sites_both_modules=len(both),
    )
    return headline, both


def _month_counts(scenario: Scenario, rows: list[EventRow]) -> tuple[MonthCount, ...]:
    """Events per month of the period (R1), by the month of their first day."""
    by_month: dict[dt.date, dict[int, int]] = {
        m: dict.fromkeys(MODULES, 0)
        for m in _months(scenario.period.start, scenario.period.end)
    }
    for row in rows:
        month = row.first_day.replace(day=1)
        by_month.setdefault(month, dict.fromkeys(MODULES, 0))[row.module] += 1
    return tuple(MonthCount(m, counts) for m, counts in sorted(by_month.items()))


def analyse_plan(
    scenario: Scenario, plan: Plan, reference: Reference | None = None
) -> PlanAnalysis:
    """The figures of ``plan`` for ``scenario`` (see the module docstring for their sources).

    Raises ``ValueError`` when the plan does not fit the scenario (:func:`plan_mismatches`).
    """
    problems = plan_mismatches(scenario, plan)
    if problems:
        raise ValueError("; ".join(problems))
    reference = reference or load_reference()
    costs = recompute_costs(scenario, plan, reference)
    tally = _tally(plan)
    councils = _council_coverage(scenario, reference, tally)
    rows = _event_rows(scenario, plan, reference, costs, tally)
    headline, both = _headline(plan, councils)
    cost_summary = CostSummary(
        fees_cents=sum(c.fees for c in costs.values()),
        travel_cents=sum(c.travel for c in costs.values()),
        catering_cents=sum(c.catering for c in costs.values()),
        budget_cents=_budget_cents(scenario.budget_eur),
    )
    optimality = Optimality(
        status=plan.status, covered_bound=plan.bound.covered_seats,
        cost_bound_eur=plan.bound.total_cost_eur, gap_covered=plan.gap.covered_seats,
        gap_cost=plan.gap.total_cost_eur, solve_seconds=plan.solve_seconds, solver=plan.solver,
    )
    return PlanAnalysis(
        scenario_name=scenario.name,
        headline=headline,
        costs=cost_summary,
        optimality=optimality,
        councils=tuple(councils),
        by_kreis=_regions(councils, "kreis"),
        by_regierungsbezirk=_regions(councils, "regierungsbezirk"),
        trainers=_trainer_loads(scenario, rows, costs),
        events=tuple(rows),
        months=_month_counts(scenario, rows),
        site_both_modules=both,
        names=Names.of(scenario, reference),
        members={(a.council_id, a.event_id): a.members for a in plan.assignments
                 if a.members > 0},
    )
