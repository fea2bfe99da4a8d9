"""The planner's own requirements (README "Re-planning"), checked when the scenario has them.

* LOCK: every confirmed event of the scenario (``locks``) is in the plan exactly as locked.
* STATUS: a ``required`` site holds at least one event, an ``excluded`` site none.
* REGION: with ``objective.min_share_per_region``, the councils of every Regierungsbezirk get
  at least ``ceil(share × reachable)`` covered seats, where reachable seats are those a hosting
  site in the council's catchment (R7) could take (:func:`reachable_by_region`).

None of these is a rule of the call; they are what the planner asked for on top of RULES.md.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from optimizer.domain.geography import Reference
from optimizer.domain.plan import Bound, Objective, Plan, Totals
from optimizer.domain.scenario import Scenario
from optimizer.io.reference import load_reference
from optimizer.validate.catchment import in_catchment
from optimizer.validate.core import Context, Violation, day_de, decimal_de, ids_de

__all__ = ["check_locks", "check_regions", "check_site_status", "reachable_by_region"]


def check_locks(ctx: Context) -> Iterator[Violation]:
    """LOCK: every confirmed event of the scenario is in the plan exactly as locked: same
    site, module and days, the same trainers (if the lock names them; a "Termin" lock does
    not), and (if the lock names councils) the same councils with the same members."""
    for lock in ctx.scenario.locks:
        name = f"Festlegung {lock.event_id}"
        event = ctx.events.get(lock.event_id)
        if event is None or event.site_id != lock.site_id or event.module != lock.module:
            yield Violation("LOCK", lock.event_id, f"{name}: Veranstaltung fehlt im Plan")
            continue
        if tuple(event.days) != tuple(lock.days):
            yield Violation("LOCK", lock.event_id, f"{name}: Termin {day_de(event.days[0])} + "
                            f"{day_de(event.days[1])} statt {day_de(lock.days[0])} + "
                            f"{day_de(lock.days[1])}")
        if lock.trainer_ids and set(event.trainer_ids) != set(lock.trainer_ids):
            yield Violation("LOCK", lock.event_id, f"{name}: Trainer*innen "
                            f"{ids_de(list(event.trainer_ids))} statt "
                            f"{ids_de(list(lock.trainer_ids))}")
        if lock.councils is not None:
            planned = {a.council_id: a.members for a in ctx.plan.assignments
                       if a.event_id == lock.event_id and a.members > 0}
            wanted = {c: n for c, n in lock.councils.items() if n > 0}
            if planned != wanted:
                yield Violation("LOCK", lock.event_id, f"{name}: Gremien {planned} statt "
                                f"{wanted}")


def check_site_status(ctx: Context) -> Iterator[Violation]:
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
    empty = Plan(scenario=scenario.name, status="OPTIMAL",
                 objective=Objective(covered_seats=0, total_cost_eur=0.0),
                 bound=Bound(covered_seats=0), solve_seconds=0.0,
                 totals=Totals(events=0, covered_seats=0, fees_eur=0.0, travel_eur=0.0,
                               catering_eur=0.0, total_cost_eur=0.0,
                               budget_eur=scenario.budget_eur))
    return _reachable(Context.build(scenario, empty, reference or load_reference()))


def _reachable(ctx: Context) -> dict[str, int]:
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
        if not any(in_catchment(ctx, council, site) for site in hosts):
            continue
        m2 = min(council.interested_m2, council.interested_m1 + council.trained_m1)
        reachable[region] += min(council.interested_m1, cap) + min(m2, cap)
    return dict(reachable)


def check_regions(ctx: Context) -> Iterator[Violation]:
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
                            f"({decimal_de(Decimal(str(share)) * 100)} % von {reachable} "
                            "erreichbaren)")
