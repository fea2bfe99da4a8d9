"""Checks of the locks (confirmed events) before solving, one German message per problem.

A lock (:class:`optimizer.domain.scenario.Lock`) is an event the planner has confirmed with a
VHS and trainers; the solver keeps it exactly. When the scenario changed since (a trainer
fell ill, a VHS withdrew, the budget shrank), a lock may break a rule; then solving is
pointless and the planner must decide. Each problem names the lock (its event ID) and the
rule of RULES.md it breaks:

- R1 a day outside the period; R2 not an allowed pair of days (pattern, public or school
  holiday, blocked day of the scenario or the site);
- R9 the site is excluded, has no interest or no partner council;
- R10 two trainers of the same role; R12 a trainer who does not teach the module, is not
  available on a day, has ``max_events`` 0 or fewer than the locks give them, or works two
  locks on one day; R5 a site's locked module 2 too soon after its locked module 1;
- with councils given: R6 participants outside min..max, R11 the number of trainers for that
  many participants, R7 a council outside the catchment, R8 more members than interested;
- R16 the locks alone (at their known or least participants) cost more than the budget.

Anything else that keeps a lock from holding (e.g. too little interest in reach for the
minimum, without councils given) shows when solving, as a named conflict group
(:func:`optimizer.solve.conflicts.explain_infeasible`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from optimizer.domain.calendar import excluded_days, slot_calendar
from optimizer.domain.geodesy import distance_m
from optimizer.domain.geography import Reference
from optimizer.domain.problem import (
    DAYS_PER_EVENT,
    _site_point,
    _trainer_point,
    euros_to_cents,
    may_attend,
    travel_cents,
)
from optimizer.domain.scenario import Lock, Scenario
from optimizer.report.numbers import eur_de


@dataclass(frozen=True)
class LockProblem:
    """One broken lock: its event ID, the rule and what is wrong (German)."""

    event_id: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"Festlegung {self.event_id} verletzt {self.rule}: {self.message}"


def _day(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def _days_problems(
    scenario: Scenario, reference: Reference, lock: Lock,
    allowed: set[tuple[dt.date, dt.date]], excluded: frozenset[dt.date],
) -> list[LockProblem]:
    """R1, R2: both days in the period, an allowed slot, no blocked day of the site."""
    found = []
    period = scenario.period
    outside = [d for d in lock.days if not period.start <= d <= period.end]
    if outside:
        found.append(LockProblem(lock.event_id, "R1", "Tag außerhalb des Zeitraums "
                                 f"{_day(period.start)}–{_day(period.end)}: "
                                 + ", ".join(_day(d) for d in outside)))
        return found
    site = next(s for s in scenario.sites if s.site_id == lock.site_id)
    if tuple(lock.days) not in allowed:
        bad = [d for d in lock.days if d in excluded]
        why = (f"gesperrt (Feiertag, Ferien oder gesperrter Tag): {', '.join(map(_day, bad))}"
               if bad else "kein erlaubtes Terminmuster " + ", ".join(scenario.slots.patterns))
        found.append(LockProblem(lock.event_id, "R2", f"{_day(lock.days[0])} + "
                                 f"{_day(lock.days[1])} ist kein erlaubter Termin ({why})"))
    blocked = [d for d in lock.days if d in site.blocked_dates]
    if blocked:
        found.append(LockProblem(lock.event_id, "R2", f"Standort {site.site_id} ist am "
                                 f"{', '.join(map(_day, blocked))} gesperrt"))
    return found


def _unknown(scenario: Scenario, lock: Lock) -> list[LockProblem]:
    """IDs a lock names that the scenario no longer has (e.g. from a previous plan)."""
    found = []
    if lock.site_id not in {s.site_id for s in scenario.sites}:
        found.append(LockProblem(lock.event_id, "R9", f"Standort {lock.site_id} gibt es im "
                                 "Szenario nicht (mehr)"))
    trainer_ids = {t.trainer_id for t in scenario.trainers}
    found += [LockProblem(lock.event_id, "R12", f"Trainer*in {k} gibt es im Szenario nicht "
                          "(mehr)") for k in lock.trainer_ids if k not in trainer_ids]
    council_ids = {c.council_id for c in scenario.councils}
    found += [LockProblem(lock.event_id, "R8", f"Gremium {c} gibt es im Szenario nicht (mehr)")
              for c in (lock.councils or {}) if c not in council_ids]
    return found


def check_locks(
    scenario: Scenario, reference: Reference, locks: list[Lock] | None = None
) -> list[LockProblem]:
    """Every problem of every lock (empty: all locks can be kept), in lock order.

    ``locks`` defaults to the scenario's; others (e.g. confirmed events of a previous plan)
    may name IDs the scenario no longer has, which is reported first and ends that lock's
    checks.
    """
    unknown = [p for lock in (locks or []) for p in _unknown(scenario, lock)]
    if unknown:
        return unknown
    if locks is not None:
        scenario = scenario.model_copy(update={"locks": tuple(locks)})
    if not scenario.locks:
        return []
    rules, costs = scenario.rules, scenario.costs
    allowed = {s.days for s in slot_calendar(scenario, reference)}
    excluded = excluded_days(scenario, reference)
    sites = {s.site_id: s for s in scenario.sites}
    trainers = {t.trainer_id: t for t in scenario.trainers}
    councils = {c.council_id: c for c in scenario.councils}
    found: list[LockProblem] = []
    trainer_locks: dict[str, list[Lock]] = defaultdict(list)
    council_members: dict[tuple[str, int], int] = defaultdict(int)
    total_cents = 0
    for lock in scenario.locks:
        eid = lock.event_id
        site = sites[lock.site_id]
        if site.status == "excluded":
            found.append(LockProblem(eid, "R9", f"Standort {site.site_id} ist ausgeschlossen "
                                     "(Status excluded)"))
        if not site.interested:
            found.append(LockProblem(eid, "R9", f"die VHS {site.site_id} hat kein Interesse "
                                     "(mehr) erklärt"))
        if site.partner_council_id is None:
            found.append(LockProblem(eid, "R9", f"Standort {site.site_id} hat kein "
                                     "Partnergremium"))
        found += _days_problems(scenario, reference, lock, allowed, excluded)
        staff = [trainers[k] for k in lock.trainer_ids]
        if len(staff) == 2 and staff[0].role == staff[1].role:
            found.append(LockProblem(eid, "R10", "zwei Trainer*innen derselben Rolle "
                                     f"({staff[0].role})"))
        for trainer in staff:
            trainer_locks[trainer.trainer_id].append(lock)
            if lock.module not in trainer.modules:
                found.append(LockProblem(eid, "R12", f"Trainer*in {trainer.trainer_id} "
                                         f"unterrichtet Modul {lock.module} nicht"))
            busy = [d for d in lock.days if d in trainer.unavailable_dates]
            if busy:
                found.append(LockProblem(eid, "R12", f"Trainer*in {trainer.trainer_id} ist am "
                                         f"{', '.join(map(_day, busy))} nicht verfügbar"))
        participants = rules.min_participants
        if lock.councils is not None:
            participants = sum(lock.councils.values())
            if not rules.min_participants <= participants <= rules.max_participants:
                found.append(LockProblem(eid, "R6", f"{participants} Teilnehmende, erlaubt "
                                         f"sind {rules.min_participants}–"
                                         f"{rules.max_participants}"))
            needed = 2 if participants >= rules.two_trainer_min else 1
            if len(staff) != needed:
                found.append(LockProblem(eid, "R11", f"{participants} Teilnehmende brauchen "
                                         f"{needed} Trainer*in(nen), festgelegt sind "
                                         f"{len(staff)}"))
            for council_id, members in lock.councils.items():
                council = councils[council_id]
                council_members[council_id, lock.module] += members
                if members and not may_attend(council, site, scenario, reference):
                    found.append(LockProblem(eid, "R7", f"Gremium {council_id} darf Standort "
                                             f"{site.site_id} nicht besuchen (Einzugsbereich)"))
        elif len(staff) == 2:
            participants = max(participants, rules.two_trainer_min)
        consecutive = (lock.days[1] - lock.days[0]).days == 1
        travel = sum(
            travel_cents(distance_m(*_trainer_point(t, reference), *_site_point(site, reference)),
                         consecutive, costs.km_rate_eur, costs.road_factor,
                         costs.overnight_min_km, costs.overnight_eur)
            for t in staff
        )
        total_cents += (
            euros_to_cents(costs.fee_per_trainer_day_eur) * DAYS_PER_EVENT * len(staff) + travel
            + euros_to_cents(costs.catering_per_person_day_eur) * DAYS_PER_EVENT
            * (participants + len(staff))
        )
    for (council_id, module), members in council_members.items():
        interest = councils[council_id].interested(module)
        if members > interest:
            named = [lk.event_id for lk in scenario.locks if lk.module == module
                     and council_id in (lk.councils or {})]
            for eid in named:
                found.append(LockProblem(eid, "R8", f"Gremium {council_id} schickt in Modul "
                                         f"{module} zusammen {members} Mitglieder "
                                         f"({', '.join(named)}), Interesse nur {interest}"))
    for trainer_id, locks in trainer_locks.items():
        trainer = trainers[trainer_id]
        if len(locks) > trainer.max_events:
            for lock in locks:
                found.append(LockProblem(lock.event_id, "R12", f"Trainer*in {trainer_id} hat "
                                         f"{len(locks)} Festlegungen, höchstens "
                                         f"{trainer.max_events} Veranstaltungen"))
        for i, first in enumerate(locks):
            for second in locks[i + 1:]:
                shared = sorted(set(first.days) & set(second.days))
                if shared:
                    found.append(LockProblem(second.event_id, "R12", f"Trainer*in {trainer_id} "
                                             f"ist am {', '.join(map(_day, shared))} schon bei "
                                             f"{first.event_id}"))
    by_site: dict[str, dict[int, Lock]] = defaultdict(dict)
    for lock in scenario.locks:
        by_site[lock.site_id][lock.module] = lock
    for modules in by_site.values():
        if 1 in modules and 2 in modules:
            gap = (modules[2].days[0] - modules[1].days[1]).days
            if gap < rules.module_gap_days:
                found.append(LockProblem(modules[2].event_id, "R5", f"Modul 2 beginnt {gap} Tage "
                                         f"nach Modul 1 ({modules[1].event_id}), mindestens "
                                         f"{rules.module_gap_days}"))
    budget = euros_to_cents(scenario.budget_eur)
    if total_cents > budget:
        ids = ", ".join(lock.event_id for lock in scenario.locks)
        found.append(LockProblem(ids, "R16", "die Festlegungen kosten zusammen mindestens "
                                 f"{eur_de(total_cents / 100)}, das Budget ist "
                                 f"{eur_de(scenario.budget_eur)}"))
    order = {lock.event_id: i for i, lock in enumerate(scenario.locks)}
    return sorted(found, key=lambda p: order.get(p.event_id, len(order)))
