"""R16 and the plan's own sums: the budget, ``totals`` and ``objective`` of ``plan.json``.

R16: the recomputed total of fees, travel and catering of all events is at most
``budget_eur``, compared in whole cents; equality is allowed.

The plan's ``totals`` and ``objective`` must add up its events and assignments (PLAN).
Money is compared with the sums of the events' stated amounts, which
:func:`optimizer.validate.costs.check_event_costs` compares with the recomputation; together
every total is checked against the recomputation, and a wrong amount is reported where it
arises. Covered seats are the plain number of assigned members (RULES.md); with the plain
objective (module weights 1, no bonus) the weighted coverage equals them too.
"""

from __future__ import annotations

from collections.abc import Iterator

from optimizer.validate.core import Context, Violation, as_decimal, cents_de, plan_cents, to_cents
from optimizer.validate.costs import EventCostCents

__all__ = ["check_budget", "check_totals"]


def check_totals(ctx: Context) -> Iterator[Violation]:
    """PLAN: ``totals`` and ``objective`` add up the plan's events and assignments.

    Counts first (events, covered seats), then money (fees, travel, catering, total, the
    objective's cost, the budget as the scenario states it).
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
        return sum(plan_cents(getattr(e.cost_eur, part)) for e in plan.events)

    money: list[tuple[str, float, int]] = [
        ("totals.fees_eur", totals.fees_eur, summed("fees")),
        ("totals.travel_eur", totals.travel_eur, summed("travel")),
        ("totals.catering_eur", totals.catering_eur, summed("catering")),
        ("totals.total_cost_eur", totals.total_cost_eur, summed("total")),
        ("objective.total_cost_eur", plan.objective.total_cost_eur, summed("total")),
        ("totals.budget_eur", totals.budget_eur, to_cents(as_decimal(ctx.scenario.budget_eur))),
    ]
    for key, stated_eur, right_cents in money:
        if plan_cents(stated_eur) != right_cents:
            source = "laut Szenario" if key == "totals.budget_eur" else "Summe der Veranstaltungen"
            yield Violation(
                "PLAN", key,
                f"Plan: {key} ist {cents_de(plan_cents(stated_eur))}, {source} "
                f"{cents_de(right_cents)}",
            )


def check_budget(ctx: Context, priced: list[EventCostCents | None]) -> Iterator[Violation]:
    """R16: the recomputed total of all events is at most ``budget_eur``, in whole cents.

    ``priced`` holds the recomputed cost of each of the plan's events; when one cannot be
    priced (unknown site or trainer, already a PLAN violation) there is no total to compare.
    """
    if any(cost is None for cost in priced):
        return  # an event cannot be priced: already a PLAN violation
    total = sum(cost.total for cost in priced if cost is not None)
    budget = to_cents(as_decimal(ctx.scenario.budget_eur))
    if total > budget:
        yield Violation(
            "R16", "plan",
            f"Gesamtkosten {cents_de(total)} überschreiten das Budget {cents_de(budget)} "
            f"um {cents_de(total - budget)}",
        )
