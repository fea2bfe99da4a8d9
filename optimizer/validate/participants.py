"""R6 and R8: who takes part, and how many.

R6: a held event has between ``rules.min_participants`` and ``rules.max_participants``
participants, summed over the councils assigned to it. R8: a council sends at most its
surveyed interest (``interested_m1``, ``interested_m2``) to each module and attends at most
``rules.max_events_per_council_module`` events of each module.

Participants are always the assigned members; a ``participants`` field that says otherwise is
a PLAN violation (:mod:`optimizer.validate.fit`). R5(b), module 2 against module 1 per council,
is checked with the rest of R5 in :mod:`optimizer.validate.modules`.
"""

from __future__ import annotations

from collections.abc import Iterator

from optimizer.domain.scenario import MODULES
from optimizer.validate.core import Context, Violation, at_event, ids_de

__all__ = ["check_demand", "check_participants"]


def check_participants(ctx: Context) -> Iterator[Violation]:
    """R6: a held event has between min_participants and max_participants participants."""
    rules = ctx.scenario.rules
    for e in ctx.plan.events:
        n = ctx.participants(e)
        if not rules.min_participants <= n <= rules.max_participants:
            yield at_event(
                "R6", e,
                f"{n} Teilnehmende, erlaubt sind {rules.min_participants}–{rules.max_participants}",
            )


def check_demand(ctx: Context) -> Iterator[Violation]:
    """R8: a council sends at most its interested members and attends few events per module."""
    limit = ctx.scenario.rules.max_events_per_council_module
    for council_id, visits in ctx.attendance.items():
        council = ctx.councils.get(council_id)
        if council is None:
            continue
        for module in MODULES:
            seats = sum(n for e, n in visits if e.module == module)
            if seats > council.interested(module):
                yield Violation(
                    "R8", council_id,
                    f"Gremium {council_id}: {seats} Mitglieder in Modul {module} eingeplant, "
                    f"Interesse nur {council.interested(module)}",
                )
            events = {e.event_id for e, _ in visits if e.module == module}
            if len(events) > limit:
                yield Violation(
                    "R8", council_id,
                    f"Gremium {council_id} besucht {len(events)} Veranstaltungen von Modul "
                    f"{module} ({ids_de(events)}); höchstens {limit} erlaubt",
                )
