"""Precomputed, integer problem data: everything the CP-SAT model iterates over.

Built once from a validated :class:`Scenario` and the shipped :class:`Reference`. This is the
boundary where euros become integer cents and geometry becomes integer metres, and where
every candidate is pre-filtered so the model only loops:

- *event candidates* (site, module): only sites that may host (R9), with at least one slot
  free of site blocked dates (R2), a trainer teaching the module (R12), and enough interest in
  the catchment to reach ``min_participants`` (R6, R7, R8);
- *catchment* per candidate: councils allowed to attend (R7) with interest in the module;
- *travel cost* per (trainer, candidate) for week-apart and consecutive slots (R14).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from optimizer.domain.calendar import Slot, slot_calendar
from optimizer.domain.geodesy import distance_m, within_m
from optimizer.domain.geography import Reference
from optimizer.domain.scenario import DAYS_PER_EVENT, MODULES, Council, Scenario, Site, Trainer

CENT = Decimal("0.01")


def euros_to_cents(amount: float | Decimal) -> int:
    """Euros to whole cents, half up (money is decided once, here)."""
    return int((Decimal(str(amount)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def travel_cents(
    one_way_m: int, consecutive: bool, km_rate_eur: float, road_factor: float,
    overnight_min_km: float, overnight_eur: float,
) -> int:
    """R14 (LRKG NRW §§ 5, 7): one trainer's travel for one event, in cents (half up).

    One round trip per seminar day; for a consecutive slot whose one-way road distance is
    strictly above ``overnight_min_km``, one round trip plus one night instead.
    """
    road_km = Decimal(one_way_m) * Decimal(str(road_factor)) / 1000
    round_trip = 2 * road_km * Decimal(str(km_rate_eur))
    if consecutive and road_km > Decimal(str(overnight_min_km)):
        euros = round_trip + Decimal(str(overnight_eur))
    else:
        euros = DAYS_PER_EVENT * round_trip
    return int((euros / CENT).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class EventCandidate:
    """A possible event: one module at one site, with its allowed slots and catchment."""

    site_idx: int
    module: int
    slot_idcs: tuple[int, ...]
    council_idcs: tuple[int, ...]
    trainer_idcs: tuple[int, ...]

    def event_id(self, sites: tuple[Site, ...]) -> str:
        return f"{sites[self.site_idx].site_id}-M{self.module}"


@dataclass(frozen=True)
class ProblemData:
    """Integer data for the model. Indices refer to the scenario's tuples."""

    scenario: Scenario
    slots: tuple[Slot, ...]
    slot_day1: tuple[int, ...]  # day number (days since period start) of each slot's day 1
    slot_day2: tuple[int, ...]
    horizon_days: int
    events: tuple[EventCandidate, ...]
    # travel_week[k][e], travel_consec[k][e]: cents for trainer k at candidate e (R14)
    travel_week: tuple[dict[int, int], ...]
    travel_consec: tuple[dict[int, int], ...]
    trainer_slot_ok: tuple[frozenset[int], ...]  # slots whose two days trainer k is free (R12)
    fee_per_event_trainer_cents: int  # R13: fee × 2 days
    catering_per_person_cents: int  # R15: rate × 2 days
    budget_cents: int
    interest: tuple[tuple[int, int], ...]  # per council: (interested_m1, interested_m2)
    # Regierungsbezirk of each council, and per Regierungsbezirk the reachable seats of its
    # councils (regional minimums, see :func:`reachable_seats`).
    council_region: tuple[str, ...] = ()
    region_reachable: dict[str, int] = field(default_factory=dict)
    #: The geography the data was built in (parts of the scenario are built in it again,
    #: :mod:`optimizer.solve.decompose`).
    reference: Reference | None = None

    @property
    def councils(self) -> tuple[Council, ...]:
        return self.scenario.councils

    @property
    def sites(self) -> tuple[Site, ...]:
        return self.scenario.sites

    @property
    def trainers(self) -> tuple[Trainer, ...]:
        return self.scenario.trainers

    @property
    def num_events(self) -> int:
        return len(self.events)

    def day_of(self, number: int) -> dt.date:
        return self.scenario.period.start + dt.timedelta(days=number)


def site_point(site: Site, reference: Reference) -> tuple[float, float]:
    """Where a site's events take place: its own coordinates if given as a pair (FORMAT.md),
    else the centre of its municipality; used for catchment radii (R7) and travel (R14)."""
    if site.lat is not None and site.lon is not None:
        return site.lat, site.lon
    m = reference.municipalities[site.ags]
    return m.lat, m.lon


def trainer_point(trainer: Trainer, reference: Reference) -> tuple[float, float]:
    """Where a trainer's journeys start (R14): the home coordinates if given as a pair, else
    the centre of the home municipality. Used for costs only, never shown (R18)."""
    if trainer.home_lat is not None and trainer.home_lon is not None:
        return trainer.home_lat, trainer.home_lon
    m = reference.municipalities[trainer.home_ags]
    return m.lat, m.lon


def may_attend(council: Council, site: Site, scenario: Scenario, reference: Reference) -> bool:
    """R7: own municipality, a bordering one (if enabled) or within the radius."""
    if council.ags == site.ags:
        return True
    if scenario.catchment.neighbours and reference.are_neighbours(council.ags, site.ags):
        return True
    radius_km = scenario.catchment.radius_km
    if not radius_km:
        return False
    centre = reference.municipalities[council.ags]
    return within_m(centre.lat, centre.lon, *site_point(site, reference), radius_km * 1000)


def reachable_seats(council: Council, module: int, in_catchment: bool, scenario: Scenario) -> int:
    """Seats of one council in one module that count as reachable for regional minimums.

    Reachable means: some hosting site (R9, not excluded) has the council in its catchment
    (R7); then its interest (R8; module 2 capped by R5b at module-1 interest plus
    ``trained_m1``), at most ``max_participants`` × ``max_events_per_council_module``.
    Trainers, dates and the budget are ignored on purpose: the cap depends on the scenario's
    geography and survey only, so the validator can recompute it without the solver, and a
    minimum the budget cannot pay is reported as a conflict rather than silently lowered.
    """
    if not in_catchment:
        return 0
    rules = scenario.rules
    wanted = (council.interested_m1 if module == 1
              else min(council.interested_m2, council.interested_m1 + council.trained_m1))
    return min(wanted, rules.max_participants * rules.max_events_per_council_module)


def _reachable_interest(scenario: Scenario) -> dict[int, list[int]]:
    """Per module, each council's seats that can ever be filled (R8; R5(b): module-2 seats
    never exceed the module-1 interest plus ``trained_m1``)."""
    return {
        1: [c.interested_m1 for c in scenario.councils],
        2: [min(c.interested_m2, c.interested_m1 + c.trained_m1) for c in scenario.councils],
    }


def _trainer_free_slots(scenario: Scenario, slots: tuple[Slot, ...]) -> tuple[frozenset[int], ...]:
    """Per trainer, the slots whose two days the trainer is available (R12)."""
    return tuple(
        frozenset(
            i for i, s in enumerate(slots)
            if s.day1 not in t.unavailable_dates and s.day2 not in t.unavailable_dates
        )
        for t in scenario.trainers
    )


def _event_candidates(
    scenario: Scenario,
    reference: Reference,
    slots: tuple[Slot, ...],
    trainer_slot_ok: tuple[frozenset[int], ...],
    reachable: dict[int, list[int]],
) -> tuple[list[EventCandidate], set[int]]:
    """The event candidates (module docstring) and the councils in the catchment of some
    hosting site.

    A candidate is a site that may host (R9) with a module, at least one slot free of the
    site's blocked dates (R2), a trainer teaching the module with a free slot and events left
    (R12), and enough reachable interest in its catchment (R7) for ``min_participants`` (R6).
    """
    rules = scenario.rules
    events: list[EventCandidate] = []
    served: set[int] = set()  # councils in the catchment of some hosting site
    for s_idx, site in enumerate(scenario.sites):
        if not site.can_host:
            continue
        blocked = set(site.blocked_dates)
        slot_idcs = tuple(
            i for i, s in enumerate(slots) if s.day1 not in blocked and s.day2 not in blocked
        )
        catchment = [
            c_idx for c_idx, c in enumerate(scenario.councils)
            if may_attend(c, site, scenario, reference)
        ]
        served.update(catchment)
        for module in MODULES:
            councils = tuple(c for c in catchment if reachable[module][c] > 0)
            trainers = tuple(
                k for k, t in enumerate(scenario.trainers)
                if module in t.modules and t.max_events > 0
                and trainer_slot_ok[k].intersection(slot_idcs)
            )
            seats = sum(min(reachable[module][c], rules.max_participants) for c in councils)
            if slot_idcs and trainers and seats >= rules.min_participants:
                events.append(EventCandidate(s_idx, module, slot_idcs, councils, trainers))
    return events, served


def _travel_tables(
    scenario: Scenario, reference: Reference, events: list[EventCandidate]
) -> tuple[list[dict[int, int]], list[dict[int, int]]]:
    """R14: per trainer and candidate, the travel cents for a week-apart and for a
    consecutive slot."""
    costs = scenario.costs
    args = (costs.km_rate_eur, costs.road_factor, costs.overnight_min_km, costs.overnight_eur)
    travel_week: list[dict[int, int]] = []
    travel_consec: list[dict[int, int]] = []
    for trainer in scenario.trainers:
        home = trainer_point(trainer, reference)
        week: dict[int, int] = {}
        consec: dict[int, int] = {}
        for e_idx, event in enumerate(events):
            metres = distance_m(*home, *site_point(scenario.sites[event.site_idx], reference))
            week[e_idx] = travel_cents(metres, False, *args)
            consec[e_idx] = travel_cents(metres, True, *args)
        travel_week.append(week)
        travel_consec.append(consec)
    return travel_week, travel_consec


def _regions(
    scenario: Scenario, reference: Reference, served: set[int]
) -> tuple[tuple[str, ...], dict[str, int]]:
    """Each council's Regierungsbezirk, and per Regierungsbezirk its reachable seats
    (:func:`reachable_seats`, for regional minimums)."""
    council_region = tuple(
        reference.municipalities[c.ags].regierungsbezirk for c in scenario.councils
    )
    region_reachable: dict[str, int] = dict.fromkeys(sorted(set(council_region)), 0)
    for c_idx, council in enumerate(scenario.councils):
        region_reachable[council_region[c_idx]] += sum(
            reachable_seats(council, m, c_idx in served, scenario) for m in MODULES
        )
    return council_region, region_reachable


def build_problem(scenario: Scenario, reference: Reference) -> ProblemData:
    """Pre-compute slots, candidates, catchments and costs for the model (module docstring)."""
    slots = tuple(slot_calendar(scenario, reference))
    start = scenario.period.start
    trainer_slot_ok = _trainer_free_slots(scenario, slots)
    events, served = _event_candidates(scenario, reference, slots, trainer_slot_ok,
                                       _reachable_interest(scenario))
    travel_week, travel_consec = _travel_tables(scenario, reference, events)
    council_region, region_reachable = _regions(scenario, reference, served)
    costs = scenario.costs
    return ProblemData(
        scenario=scenario,
        slots=slots,
        slot_day1=tuple((s.day1 - start).days for s in slots),
        slot_day2=tuple((s.day2 - start).days for s in slots),
        horizon_days=(scenario.period.end - start).days + 1,
        events=tuple(events),
        travel_week=tuple(travel_week),
        travel_consec=tuple(travel_consec),
        trainer_slot_ok=trainer_slot_ok,
        fee_per_event_trainer_cents=euros_to_cents(costs.fee_per_trainer_day_eur) * DAYS_PER_EVENT,
        catering_per_person_cents=euros_to_cents(costs.catering_per_person_day_eur)
        * DAYS_PER_EVENT,
        budget_cents=euros_to_cents(scenario.budget_eur),
        interest=tuple((c.interested_m1, c.interested_m2) for c in scenario.councils),
        council_region=council_region,
        region_reachable=region_reachable,
        reference=reference,
    )
