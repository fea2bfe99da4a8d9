"""Checks of the locks (confirmed events) before solving: one problem per broken rule.

A lock (:class:`optimizer.domain.scenario.Lock`) is an event the planner has confirmed with a
VHS and trainers; the solver keeps it exactly. When the scenario changed since (a trainer
fell ill, a VHS withdrew, the budget shrank), a lock may break a rule; then solving is
pointless and the planner must decide. Each :class:`LockProblem` names the lock (its event
ID), the rule of RULES.md it breaks, a code and the facts; the German sentence is
:func:`optimizer.report.findings_de.lock_problem_de`. The codes, by rule (facts in brackets):

- R1 ``day-outside-period`` (``start``, ``end``, ``days``); R2 ``days-blocked`` (``days``,
  ``blocked``: holidays or blocked days among them), ``days-no-pattern`` (``days``,
  ``patterns``), ``site-blocked-day`` (``site_id``, ``days``);
- R9 ``unknown-site``, ``site-excluded``, ``site-not-interested``, ``site-no-partner``
  (``site_id``); R12 ``unknown-trainer`` and R8 ``unknown-council`` (``trainer_id`` /
  ``council_id``): IDs the scenario no longer has;
- R10 ``same-role`` (``role``): two trainers of the same role; R12 ``trainer-lacks-module``
  (``trainer_id``, ``module``), ``trainer-unavailable`` (``trainer_id``, ``days``),
  ``trainer-over-max-events`` (``trainer_id``, ``locks``, ``max_events``: a trainer with
  ``max_events`` 0 or fewer than the locks give them), ``trainer-double-booked``
  (``trainer_id``, ``days``, ``other_event_id``: two locks on one day);
  R5 ``module-gap`` (``gap_days``, ``module1_event_id``, ``min_gap_days``): a site's
  locked module 2 too soon after its locked module 1;
- with councils given: R6 ``participants-out-of-range`` (``participants``,
  ``min_participants``, ``max_participants``), R11 ``trainer-count`` (``participants``,
  ``needed``, ``given``), R7 ``council-outside-catchment`` (``council_id``, ``site_id``),
  R8 ``council-over-interest`` (``council_id``, ``module``, ``members``, ``event_ids``,
  ``interest``);
- R16 ``over-budget`` (``cost_cents``, ``budget_eur``): the locks alone (at their known or
  least participants) cost more than the budget; its event ID lists every lock.

Anything else that keeps a lock from holding (e.g. too little interest in reach for the
minimum, without councils given) shows when solving, as a named conflict group
(:func:`optimizer.solve.conflicts.explain_infeasible`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from optimizer.domain.calendar import excluded_days, slot_calendar
from optimizer.domain.geodesy import distance_m
from optimizer.domain.geography import Reference
from optimizer.domain.problem import (
    DAYS_PER_EVENT,
    euros_to_cents,
    may_attend,
    site_point,
    trainer_point,
    travel_cents,
)
from optimizer.domain.scenario import Council, Lock, Scenario, Site, Trainer

__all__ = ["CODES", "LockProblem", "check_locks"]

#: Every lock problem code (module docstring).
CODES: tuple[str, ...] = (
    "day-outside-period", "days-blocked", "days-no-pattern", "site-blocked-day",
    "unknown-site", "unknown-trainer", "unknown-council", "site-excluded",
    "site-not-interested", "site-no-partner", "same-role", "trainer-lacks-module",
    "trainer-unavailable", "participants-out-of-range", "trainer-count",
    "council-outside-catchment", "council-over-interest", "trainer-over-max-events",
    "trainer-double-booked", "module-gap", "over-budget",
)


@dataclass(frozen=True)
class LockProblem:
    """One broken lock: its event ID, the rule, a code and the facts (module docstring)."""

    event_id: str
    rule: str
    code: str
    facts: Mapping[str, Any] = field(default_factory=dict, hash=False)  # hashed by the other fields


def _days_problems(
    scenario: Scenario, lock: Lock, allowed: set[tuple[dt.date, dt.date]],
    excluded: frozenset[dt.date],
) -> list[LockProblem]:
    """R1, R2: both days in the period, an allowed slot, no blocked day of the site."""
    eid, period = lock.event_id, scenario.period
    outside = tuple(d for d in lock.days if not period.start <= d <= period.end)
    if outside:
        return [LockProblem(eid, "R1", "day-outside-period",
                            {"start": period.start, "end": period.end, "days": outside})]
    found = []
    site = next(s for s in scenario.sites if s.site_id == lock.site_id)
    days = tuple(lock.days)
    if days not in allowed:
        bad = tuple(d for d in days if d in excluded)
        found.append(LockProblem(eid, "R2", "days-blocked", {"days": days, "blocked": bad})
                     if bad else LockProblem(eid, "R2", "days-no-pattern",
                                             {"days": days, "patterns": scenario.slots.patterns}))
    blocked = tuple(d for d in days if d in site.blocked_dates)
    if blocked:
        found.append(LockProblem(eid, "R2", "site-blocked-day",
                                 {"site_id": site.site_id, "days": blocked}))
    return found


def _unknown(scenario: Scenario, lock: Lock) -> list[LockProblem]:
    """IDs a lock names that the scenario no longer has (e.g. from a previous plan)."""
    found = []
    if lock.site_id not in {s.site_id for s in scenario.sites}:
        found.append(LockProblem(lock.event_id, "R9", "unknown-site", {"site_id": lock.site_id}))
    trainer_ids = {t.trainer_id for t in scenario.trainers}
    found += [LockProblem(lock.event_id, "R12", "unknown-trainer", {"trainer_id": k})
              for k in lock.trainer_ids if k not in trainer_ids]
    council_ids = {c.council_id for c in scenario.councils}
    found += [LockProblem(lock.event_id, "R8", "unknown-council", {"council_id": c})
              for c in (lock.councils or {}) if c not in council_ids]
    return found


def _site_problems(lock: Lock, site: Site) -> list[LockProblem]:
    """R9: the site may host (not excluded, interested, with a partner council)."""
    facts = {"site_id": site.site_id}
    return [
        LockProblem(lock.event_id, "R9", code, facts)
        for code, broken in (("site-excluded", site.status == "excluded"),
                             ("site-not-interested", not site.interested),
                             ("site-no-partner", site.partner_council_id is None))
        if broken
    ]


def _staff_problems(lock: Lock, staff: list[Trainer]) -> list[LockProblem]:
    """R10: a tandem of both roles; R12: each trainer teaches the module and is free."""
    eid, found = lock.event_id, []
    if len(staff) == 2 and staff[0].role == staff[1].role:
        found.append(LockProblem(eid, "R10", "same-role", {"role": staff[0].role}))
    for trainer in staff:
        if lock.module not in trainer.modules:
            found.append(LockProblem(eid, "R12", "trainer-lacks-module",
                                     {"trainer_id": trainer.trainer_id, "module": lock.module}))
        busy = tuple(d for d in lock.days if d in trainer.unavailable_dates)
        if busy:
            found.append(LockProblem(eid, "R12", "trainer-unavailable",
                                     {"trainer_id": trainer.trainer_id, "days": busy}))
    return found


def _council_problems(
    scenario: Scenario, reference: Reference, lock: Lock, site: Site, staff: list[Trainer],
    councils: Mapping[str, Council],
) -> tuple[int, list[LockProblem]]:
    """The lock's participants (known, else the least it may have) and, with councils given,
    R6 (min..max participants), R11 (trainers for that many) and R7 (catchment)."""
    rules, eid = scenario.rules, lock.event_id
    participants = rules.min_participants
    if lock.councils is None or not staff:
        if len(staff) == 2:
            participants = max(participants, rules.two_trainer_min)
        return participants, []
    found = []
    participants = sum(lock.councils.values())
    if not rules.min_participants <= participants <= rules.max_participants:
        found.append(LockProblem(eid, "R6", "participants-out-of-range", {
            "participants": participants, "min_participants": rules.min_participants,
            "max_participants": rules.max_participants}))
    needed = 2 if participants >= rules.two_trainer_min else 1
    if len(staff) != needed:
        found.append(LockProblem(eid, "R11", "trainer-count", {
            "participants": participants, "needed": needed, "given": len(staff)}))
    for council_id, members in lock.councils.items():
        if members and not may_attend(councils[council_id], site, scenario, reference):
            found.append(LockProblem(eid, "R7", "council-outside-catchment",
                                     {"council_id": council_id, "site_id": site.site_id}))
    return participants, found


def _lock_cents(
    scenario: Scenario, reference: Reference, lock: Lock, site: Site, staff: list[Trainer],
    participants: int,
) -> int:
    """R13–R15: fees, travel and catering of one lock with ``participants``."""
    costs = scenario.costs
    consecutive = (lock.days[1] - lock.days[0]).days == 1
    travel = sum(
        travel_cents(distance_m(*trainer_point(t, reference), *site_point(site, reference)),
                     consecutive, costs.km_rate_eur, costs.road_factor,
                     costs.overnight_min_km, costs.overnight_eur)
        for t in staff
    )
    trainers = max(len(staff), 1)  # a lock without trainers ("Termin") still needs one
    return (
        euros_to_cents(costs.fee_per_trainer_day_eur) * DAYS_PER_EVENT * trainers + travel
        + euros_to_cents(costs.catering_per_person_day_eur) * DAYS_PER_EVENT
        * (participants + trainers)
    )


def _interest_problems(scenario: Scenario, councils: Mapping[str, Council]) -> list[LockProblem]:
    """R8: a council sends no more members to a module's locks than are interested."""
    members: dict[tuple[str, int], int] = defaultdict(int)
    for lock in scenario.locks:
        for council_id, n in (lock.councils or {}).items():
            members[council_id, lock.module] += n
    found = []
    for (council_id, module), sent in members.items():
        interest = councils[council_id].interested(module)
        if sent <= interest:
            continue
        named = tuple(lk.event_id for lk in scenario.locks if lk.module == module
                      and council_id in (lk.councils or {}))
        found += [LockProblem(eid, "R8", "council-over-interest", {
            "council_id": council_id, "module": module, "members": sent,
            "event_ids": named, "interest": interest}) for eid in named]
    return found


def _trainer_load_problems(
    scenario: Scenario, trainers: Mapping[str, Trainer]
) -> list[LockProblem]:
    """R12: a trainer's locks are at most ``max_events`` and never on the same day."""
    by_trainer: dict[str, list[Lock]] = defaultdict(list)
    for lock in scenario.locks:
        for trainer_id in lock.trainer_ids:
            by_trainer[trainer_id].append(lock)
    found = []
    for trainer_id, locks in by_trainer.items():
        most = trainers[trainer_id].max_events
        if len(locks) > most:
            found += [LockProblem(lock.event_id, "R12", "trainer-over-max-events", {
                "trainer_id": trainer_id, "locks": len(locks), "max_events": most})
                for lock in locks]
        for i, first in enumerate(locks):
            for second in locks[i + 1:]:
                shared = tuple(sorted(set(first.days) & set(second.days)))
                if shared:
                    found.append(LockProblem(second.event_id, "R12", "trainer-double-booked", {
                        "trainer_id": trainer_id, "days": shared,
                        "other_event_id": first.event_id}))
    return found


def _module_gap_problems(scenario: Scenario) -> list[LockProblem]:
    """R5: a site's locked module 2 starts at least ``module_gap_days`` after module 1."""
    by_site: dict[str, dict[int, Lock]] = defaultdict(dict)
    for lock in scenario.locks:
        by_site[lock.site_id][lock.module] = lock
    found = []
    for modules in by_site.values():
        if 1 in modules and 2 in modules:
            gap = (modules[2].days[0] - modules[1].days[1]).days
            if gap < scenario.rules.module_gap_days:
                found.append(LockProblem(modules[2].event_id, "R5", "module-gap", {
                    "gap_days": gap, "module1_event_id": modules[1].event_id,
                    "min_gap_days": scenario.rules.module_gap_days}))
    return found


def _each_lock(scenario: Scenario, reference: Reference) -> tuple[int, list[LockProblem]]:
    """The problems of each lock on its own (R1, R2, R5–R7, R9–R12) and their least cost."""
    allowed = {s.days for s in slot_calendar(scenario, reference)}
    excluded = excluded_days(scenario, reference)
    sites = {s.site_id: s for s in scenario.sites}
    trainers = {t.trainer_id: t for t in scenario.trainers}
    councils = {c.council_id: c for c in scenario.councils}
    found: list[LockProblem] = []
    total_cents = 0
    for lock in scenario.locks:
        site = sites[lock.site_id]
        staff = [trainers[k] for k in lock.trainer_ids]
        found += _site_problems(lock, site)
        found += _days_problems(scenario, lock, allowed, excluded)
        found += _staff_problems(lock, staff)
        participants, problems = _council_problems(scenario, reference, lock, site, staff,
                                                   councils)
        found += problems
        total_cents += _lock_cents(scenario, reference, lock, site, staff, participants)
    return total_cents, found


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
    total_cents, found = _each_lock(scenario, reference)
    councils = {c.council_id: c for c in scenario.councils}
    found += _interest_problems(scenario, councils)
    found += _trainer_load_problems(scenario, {t.trainer_id: t for t in scenario.trainers})
    found += _module_gap_problems(scenario)
    if total_cents > euros_to_cents(scenario.budget_eur):
        ids = ", ".join(lock.event_id for lock in scenario.locks)
        found.append(LockProblem(ids, "R16", "over-budget",
                                 {"cost_cents": total_cents, "budget_eur": scenario.budget_eur}))
    order = {lock.event_id: i for i, lock in enumerate(scenario.locks)}
    return sorted(found, key=lambda p: order.get(p.event_id, len(order)))
