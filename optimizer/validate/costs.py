"""R13, R14 and R15: what one event costs, recomputed exactly in whole cents.

R13: fees = ``fee_per_trainer_day_eur`` × 2 days × trainers. R14 (LRKG NRW § 5, § 7): one-way
road km = geodesic km × ``road_factor``; a round trip costs 2 × road km × ``km_rate_eur``; per
trainer and event one round trip per seminar day, or — on a slot of two consecutive days whose
one-way road km is strictly above ``overnight_min_km`` — one round trip plus ``overnight_eur``.
Each trainer's travel for one event is rounded to the cent (half up), then summed. R15:
catering = ``catering_per_person_day_eur`` × 2 days × persons, persons = participants +
trainers.

:func:`recompute_costs` is the one exact recomputation (decimal arithmetic, parameters read as
the planner wrote them); reports and exports show its amounts, so they never show one the
validator would reject. :func:`check_event_costs` compares a plan's stated amounts with it:

* a stated amount that differs is reported under the rule that defines it (fees R13, travel
  R14, catering R15);
* sums that do not add up (an event's total, its travel against ``travel_eur_by_trainer``)
  are reported as PLAN.

``travel_eur_by_trainer`` is optional in ``plan.json`` (FORMAT.md does not list it): when given
for every trainer, each trainer's amount is checked (R14); when empty, the event's travel is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan, PlannedEvent
from optimizer.domain.scenario import Scenario, Site, Trainer
from optimizer.io.reference import load_reference
from optimizer.validate.core import (
    DAYS_PER_EVENT,
    Context,
    Violation,
    as_decimal,
    at_event,
    cents_de,
    decimal_de,
    plan_cents,
    to_cents,
)

__all__ = ["EventCostCents", "check_event_costs", "price_event", "recompute_costs"]


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


def _is_consecutive(event: PlannedEvent) -> bool:
    """R14: a slot of two consecutive days (the only kind that may use the overnight option)."""
    days = sorted(set(event.days))
    return len(days) == DAYS_PER_EVENT and (days[1] - days[0]).days == 1


def _trainer_travel_cents(ctx: Context, trainer: Trainer, site: Site, consecutive: bool) -> int:
    """R14: one trainer's travel to one event, rounded to the cent (half up).

    One-way road km = geodesic km × ``road_factor``; a round trip costs 2 × road km ×
    ``km_rate_eur``. A consecutive slot whose one-way road km is strictly above
    ``overnight_min_km`` costs one round trip plus ``overnight_eur``; every other slot costs
    one round trip per seminar day.
    """
    costs = ctx.scenario.costs
    metres = ctx.distance_m(ctx.home_point(trainer), ctx.site_point(site))
    road_km = Decimal(metres) * as_decimal(costs.road_factor) / 1000
    round_trip = 2 * road_km * as_decimal(costs.km_rate_eur)
    if consecutive and road_km > as_decimal(costs.overnight_min_km):
        return to_cents(round_trip + as_decimal(costs.overnight_eur))
    return to_cents(DAYS_PER_EVENT * round_trip)


def price_event(ctx: Context, event: PlannedEvent) -> EventCostCents | None:
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
        fees=to_cents(as_decimal(costs.fee_per_trainer_day_eur) * DAYS_PER_EVENT * num_trainers),
        travel_by_trainer=tuple(
            _trainer_travel_cents(ctx, t, site, consecutive) for t in trainers if t is not None
        ),
        catering=to_cents(
            as_decimal(costs.catering_per_person_day_eur) * DAYS_PER_EVENT * persons
        ),
    )


def recompute_costs(
    scenario: Scenario, plan: Plan, reference: Reference | None = None
) -> dict[str, EventCostCents]:
    """Recompute every event's cost in integer cents from the scenario (R13, R14, R15).

    Participants are the members assigned to the event. Events with an unknown site or
    trainer cannot be priced and are left out (:func:`optimizer.validate.validate_plan`
    reports them as PLAN). With duplicate event IDs the last one wins (also a PLAN violation).
    """
    ctx = Context.build(scenario, plan, reference or load_reference())
    priced = {}
    for event in plan.events:
        cost = price_event(ctx, event)
        if cost is not None:
            priced[event.event_id] = cost
    return priced


def check_event_costs(ctx: Context, priced: list[EventCostCents | None]) -> Iterator[Violation]:
    """R13 fees, R14 travel, R15 catering of each event as recomputed; PLAN if its sums do not
    add up.

    ``priced`` holds :func:`price_event` of each of the plan's events, in plan order. With a
    complete ``travel_eur_by_trainer``, each trainer's amount is checked (R14) and the event's
    travel must be their sum (PLAN); otherwise the event's travel is checked (R14).
    """
    costs = ctx.scenario.costs
    for e, cost in zip(ctx.plan.events, priced, strict=True):
        fees, travel, catering, total = (
            plan_cents(x)
            for x in (e.cost_eur.fees, e.cost_eur.travel, e.cost_eur.catering, e.cost_eur.total)
        )
        if total != fees + travel + catering:
            yield at_event(
                "PLAN", e,
                f"Gesamtkosten {cents_de(total)} ≠ Honorare + Reisekosten + Verpflegung "
                f"= {cents_de(fees + travel + catering)}",
            )
        if cost is None:
            continue  # unknown site or trainer: already a PLAN violation
        num_trainers = len(e.trainer_ids)
        if fees != cost.fees:
            yield at_event(
                "R13", e,
                f"Honorare {cents_de(fees)} angegeben, richtig sind {cents_de(cost.fees)} "
                f"({decimal_de(costs.fee_per_trainer_day_eur)} € × 2 Tage × {num_trainers} "
                "Trainer*in(nen))",
            )
        yield from _check_travel(e, cost, travel)
        if catering != cost.catering:
            persons = ctx.participants(e) + num_trainers
            yield at_event(
                "R15", e,
                f"Verpflegung {cents_de(catering)} angegeben, richtig sind "
                f"{cents_de(cost.catering)} "
                f"({decimal_de(costs.catering_per_person_day_eur)} € × 2 Tage × {persons} "
                "Personen)",
            )


def _check_travel(e: PlannedEvent, cost: EventCostCents, travel: int) -> Iterator[Violation]:
    """R14 per trainer and PLAN for their sum when the breakdown is complete, else R14 for the
    event's stated ``travel`` (in cents)."""
    by_trainer = [plan_cents(x) for x in e.travel_eur_by_trainer]
    if by_trainer and len(by_trainer) == len(e.trainer_ids):
        for trainer_id, stated, right in zip(
            e.trainer_ids, by_trainer, cost.travel_by_trainer, strict=True
        ):
            if stated != right:
                yield at_event(
                    "R14", e,
                    f"Reisekosten von {trainer_id} {cents_de(stated)} angegeben, "
                    f"richtig sind {cents_de(right)}",
                )
        if sum(by_trainer) != travel:
            yield at_event(
                "PLAN", e,
                f"Reisekosten {cents_de(travel)} ≠ Summe je Trainer*in {cents_de(sum(by_trainer))}",
            )
    elif travel != cost.travel:
        yield at_event(
            "R14", e,
            f"Reisekosten {cents_de(travel)} angegeben, richtig sind {cents_de(cost.travel)}",
        )
