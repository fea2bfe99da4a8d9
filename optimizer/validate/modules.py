"""R3 and R5: the two modules, Basismodul 1 and Aufbaumodul 2.

R3: a site holds at most one event per module. R5: module 2 builds on module 1 —

* (a) at a site holding both, module 2's first day is at least ``rules.module_gap_days``
  after module 1's last day;
* (b) a council's members in module 2 are at most its members in module 1 plus
  ``trained_m1`` (members who already did module 1), comparing the council's totals;
* (c) every pair of a council's module-1 and module-2 events keeps the same gap.

R5's three parts stay together in one module, reported per site (R3, R5a) and then per
council (R5b, R5c), so a council's violations of R5 read as one block.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from optimizer.domain.plan import PlannedEvent
from optimizer.domain.scenario import MODULES
from optimizer.validate.core import Context, Violation, day_de

__all__ = ["check_modules"]


def check_modules(ctx: Context) -> Iterator[Violation]:
    """R3 (one event per site and module) and R5 (module 2 builds on module 1).

    R5(a) a site holding both modules; R5(b) a council's module-2 members are at most its
    module-1 members plus ``trained_m1``; R5(c) every pair of a council's module-1 and
    module-2 events keeps the gap. Sites first, then councils.
    """
    yield from _check_sites(ctx)
    yield from _check_councils(ctx)


def _gap_too_short(m1: PlannedEvent, m2: PlannedEvent, gap_days: int) -> str | None:
    """R5: why module 2 starts too soon after module 1 ends, or ``None`` if the gap is enough."""
    if not m1.days or not m2.days:
        return None  # already an R2 violation
    last_m1, first_m2 = max(m1.days), min(m2.days)
    days = (first_m2 - last_m1).days
    if days >= gap_days:
        return None
    when = f"{days} Tage nach" if days >= 0 else f"{-days} Tage vor"
    return (
        f"{m2.event_id} beginnt am {day_de(first_m2)}, {when} dem Ende von {m1.event_id} "
        f"am {day_de(last_m1)}; Mindestabstand {gap_days} Tage"
    )


def _check_sites(ctx: Context) -> Iterator[Violation]:
    """R3 and R5(a), per site in the order of its first event."""
    gap = ctx.scenario.rules.module_gap_days
    by_site: dict[str, dict[int, list[PlannedEvent]]] = defaultdict(lambda: defaultdict(list))
    for e in ctx.plan.events:
        if e.module in MODULES:
            by_site[e.site_id][e.module].append(e)
    for site_id, modules in by_site.items():
        for module, events in sorted(modules.items()):
            if len(events) > 1:
                yield Violation(
                    "R3", site_id,
                    f"Standort {site_id} hält Modul {module} {len(events)}-mal "
                    f"({', '.join(e.event_id for e in events)}); erlaubt ist eine Veranstaltung",
                )
        for m1 in modules[1]:
            for m2 in modules[2]:
                if (why := _gap_too_short(m1, m2, gap)) is not None:
                    yield Violation("R5", site_id, f"Standort {site_id}: {why}")


def _check_councils(ctx: Context) -> Iterator[Violation]:
    """R5(b) and R5(c), per council in the order of its first assignment."""
    gap = ctx.scenario.rules.module_gap_days
    for council_id, visits in ctx.attendance.items():
        council = ctx.councils.get(council_id)
        if council is None:
            continue
        seats = {m: sum(n for e, n in visits if e.module == m) for m in MODULES}
        if seats[2] > seats[1] + council.trained_m1:
            yield Violation(
                "R5", council_id,
                f"Gremium {council_id}: {seats[2]} Mitglieder in Modul 2, aber nur {seats[1]} "
                f"in Modul 1 plus {council.trained_m1} bereits geschult",
            )
        for m1 in (e for e, _ in visits if e.module == 1):
            for m2 in (e for e, _ in visits if e.module == 2):
                if (why := _gap_too_short(m1, m2, gap)) is not None:
                    yield Violation("R5", council_id, f"Gremium {council_id}: {why}")
