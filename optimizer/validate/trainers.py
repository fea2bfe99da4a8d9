"""R10, R11 and R12: who teaches, and how much a trainer can take on.

R10: trainers have a role, ``educator`` or ``council``; a tandem has one of each. R11: an
event with at least ``rules.two_trainer_min`` participants has exactly two trainers, a smaller
one exactly one (either role). R12: a trainer works at most one event per day, only on days
they are available, at most ``max_events`` events in the plan, and only modules they teach.

Readings fixed here: two trainers of the same role are an R10 violation (the tandem of the
call); a wrong number of trainers, or a trainer listed twice, is an R11 violation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator

from optimizer.domain.scenario import MODULES
from optimizer.validate.core import Context, Violation, at_event, day_de

__all__ = ["check_tandems", "check_trainer_work"]


def check_tandems(ctx: Context) -> Iterator[Violation]:
    """R11 (two trainers from ``two_trainer_min`` participants, else one) and R10 (the tandem
    has one trainer of each role)."""
    two_from = ctx.scenario.rules.two_trainer_min
    for e in ctx.plan.events:
        for trainer_id, count in Counter(e.trainer_ids).items():
            if count > 1:
                yield at_event("R11", e, f"Trainer*in {trainer_id} ist {count}-mal eingetragen")
        n = ctx.participants(e)
        needed = 2 if n >= two_from else 1
        distinct = list(dict.fromkeys(e.trainer_ids))
        if len(distinct) != needed:
            team = "zwei Trainer*innen" if needed == 2 else "genau eine Trainer*in"
            yield at_event(
                "R11", e,
                f"{n} Teilnehmende erfordern {team} (zwei ab {two_from} Teilnehmenden), "
                f"eingeplant sind {len(distinct)}",
            )
        roles = [ctx.trainers[t].role for t in distinct if t in ctx.trainers]
        if needed == 2 and len(roles) == 2 and roles[0] == roles[1]:
            yield at_event(
                "R10", e,
                "das Tandem braucht je eine Person aus der Erwachsenenbildung (educator) und "
                f"aus dem Bereich Integrationsräte (council); eingeplant sind zweimal {roles[0]}",
            )


def check_trainer_work(ctx: Context) -> Iterator[Violation]:
    """R12: a trainer works one event per day, on available days, at most ``max_events``
    events, and only modules they teach.

    Per event in plan order, each trainer's unavailable days and untaught module; then, per
    trainer, the days with more than one event; then the trainers over ``max_events``.
    """
    events_on: dict[str, dict[dt.date, list[str]]] = defaultdict(lambda: defaultdict(list))
    events_of: dict[str, list[str]] = defaultdict(list)
    for e in ctx.plan.events:
        for trainer_id in dict.fromkeys(e.trainer_ids):
            trainer = ctx.trainers.get(trainer_id)
            if trainer is None:
                continue
            events_of[trainer_id].append(e.event_id)
            for day in sorted(set(e.days)):
                events_on[trainer_id][day].append(e.event_id)
                if day in trainer.unavailable_dates:
                    yield Violation(
                        "R12", trainer_id,
                        f"Trainer*in {trainer_id} ist am {day_de(day)} nicht verfügbar, aber für "
                        f"{e.event_id} eingeplant",
                    )
            if e.module in MODULES and e.module not in trainer.modules:
                yield Violation(
                    "R12", trainer_id,
                    f"Trainer*in {trainer_id} unterrichtet Modul {e.module} nicht, aber ist für "
                    f"{e.event_id} eingeplant",
                )
    for trainer_id, by_day in events_on.items():
        for day, event_ids in sorted(by_day.items()):
            if len(event_ids) > 1:
                yield Violation(
                    "R12", trainer_id,
                    f"Trainer*in {trainer_id} ist am {day_de(day)} in {len(event_ids)} "
                    f"Veranstaltungen eingeplant ({', '.join(event_ids)})",
                )
    for trainer_id, event_ids in events_of.items():
        limit = ctx.trainers[trainer_id].max_events
        if len(event_ids) > limit:
            yield Violation(
                "R12", trainer_id,
                f"Trainer*in {trainer_id} hat {len(event_ids)} Veranstaltungen "
                f"({', '.join(event_ids)}), höchstens {limit} erlaubt",
            )
