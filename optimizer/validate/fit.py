"""Does a plan fit its scenario, and does it fit together (PLAN)?

Two views of the same question, for two readers:

* :func:`plan_mismatches` asks whether a plan belongs to a scenario at all (its name, and every
  site, trainer, council, module and event it names). Only a fitting plan can be analysed or
  reported; a report of a plan for another scenario would show wrong numbers without noticing.
  The command line refuses such a plan as an input error.
* :func:`check_references` is the validator's PLAN check of the same IDs, one violation per
  place, plus what must agree inside the plan: an event's ID is ``<site_id>-M<module>``, no ID
  is repeated, ``travel_eur_by_trainer`` has one entry per trainer, an event's
  ``participants`` equals its assigned members, and every assignment has at least one member.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from optimizer.domain.plan import Plan
from optimizer.domain.scenario import MODULES, Scenario
from optimizer.validate.core import Context, Violation, at_event

__all__ = ["check_references", "plan_mismatches"]


def plan_mismatches(scenario: Scenario, plan: Plan) -> list[str]:
    """Why ``plan`` does not belong to ``scenario`` (German), empty when it does.

    A plan fits when its scenario name matches and every site, trainer, council and event it
    names exists. Only then can it be analysed; a report of a plan for another scenario would
    show wrong numbers without noticing.
    """
    problems: list[str] = []
    if plan.scenario != scenario.name:
        problems.append(
            f"der Plan gehört zum Szenario „{plan.scenario}“, nicht zu „{scenario.name}“"
        )
    sites = {s.site_id for s in scenario.sites}
    trainers = {t.trainer_id for t in scenario.trainers}
    councils = {c.council_id for c in scenario.councils}
    events = {e.event_id for e in plan.events}
    unknown: dict[str, set[str]] = defaultdict(set)
    for e in plan.events:
        if e.site_id not in sites:
            unknown["Standorte"].add(e.site_id)
        unknown["Trainer*innen"].update(t for t in e.trainer_ids if t not in trainers)
        if e.module not in MODULES:
            unknown["Module"].add(str(e.module))
    for a in plan.assignments:
        if a.council_id not in councils:
            unknown["Gremien"].add(a.council_id)
        if a.event_id not in events:
            unknown["Veranstaltungen"].add(a.event_id)
    for kind, ids in unknown.items():
        if ids:
            shown = ", ".join(sorted(ids)[:5]) + (" …" if len(ids) > 5 else "")
            problems.append(f"unbekannte {kind} im Plan: {shown}")
    return problems


def check_references(ctx: Context) -> Iterator[Violation]:
    """PLAN: IDs exist and fit together; participants agree with the assignments.

    Events first (repeated IDs, then each event in plan order), then assignments (repeated
    council–event pairs, then each assignment in plan order).
    """
    yield from _check_event_references(ctx)
    yield from _check_assignment_references(ctx)


def _check_event_references(ctx: Context) -> Iterator[Violation]:
    """PLAN: each event ID once, built from its site and module; site, module and trainers
    known; one travel amount per trainer; stated participants = assigned members."""
    for event_id, count in Counter(e.event_id for e in ctx.plan.events).items():
        if count > 1:
            yield Violation(
                "PLAN", event_id, f"Veranstaltung {event_id}: die ID kommt {count}-mal vor"
            )
    for e in ctx.plan.events:
        expected_id = f"{e.site_id}-M{e.module}"
        if e.event_id != expected_id:
            yield at_event(
                "PLAN", e,
                f"die ID passt nicht zu Standort {e.site_id} und Modul {e.module} "
                f"(erwartet {expected_id})",
            )
        if e.site_id not in ctx.sites:
            yield at_event("PLAN", e, f"unbekannter Standort {e.site_id}")
        if e.module not in MODULES:
            yield at_event("PLAN", e, f"Modul {e.module} gibt es nicht (nur 1 und 2)")
        for trainer_id in e.trainer_ids:
            if trainer_id not in ctx.trainers:
                yield at_event("PLAN", e, f"unbekannte Trainer*in {trainer_id}")
        by_trainer = len(e.travel_eur_by_trainer)
        if by_trainer and by_trainer != len(e.trainer_ids):
            yield at_event(
                "PLAN", e,
                f"travel_eur_by_trainer hat {by_trainer} Einträge für "
                f"{len(e.trainer_ids)} Trainer*innen",
            )
        assigned = ctx.participants(e)
        if e.participants != assigned:
            yield at_event(
                "PLAN", e,
                f"{e.participants} Teilnehmende angegeben, die Zuordnungen ergeben {assigned}",
            )


def _check_assignment_references(ctx: Context) -> Iterator[Violation]:
    """PLAN: each council–event pair once; event and council known; at least one member."""
    pairs = Counter((a.council_id, a.event_id) for a in ctx.plan.assignments)
    for (council_id, event_id), count in pairs.items():
        if count > 1:
            yield Violation(
                "PLAN", council_id,
                f"Gremium {council_id} ist {count}-mal der Veranstaltung {event_id} zugeordnet",
            )
    for a in ctx.plan.assignments:
        where = f"Zuordnung von {a.council_id} zu {a.event_id}"
        if a.event_id not in ctx.events:
            yield Violation("PLAN", a.council_id, f"{where}: diese Veranstaltung gibt es nicht")
        if a.council_id not in ctx.councils:
            yield Violation("PLAN", a.council_id, f"{where}: unbekanntes Gremium")
        if a.members < 1:
            yield Violation(
                "PLAN", a.council_id, f"{where}: {a.members} Mitglieder, mindestens 1 erforderlich"
            )
