"""Hard requirements beyond RULES.md, and the objectives of re-planning.

Requirements come from the scenario (README "Re-planning"), in named *groups* so that an
infeasible scenario can be explained by the groups that conflict:

- a **lock** (``Scenario.locks``): a confirmed event is held exactly as given: its site,
  module, slot, trainers and, if given, the councils with their members; a lock without
  trainers (confirmed for date and venue only, "Termin") leaves the tandem to the solver,
  among the trainers free on its days;
- a **required site** (``Site.status == "required"``): holds at least one event (an
  ``excluded`` site has no candidate event at all, :attr:`Site.can_host`);
- a **regional minimum** (``objective.min_share_per_region``): the councils of each
  Regierungsbezirk get at least ``ceil(share × reachable)`` covered seats, ``reachable`` as
  :func:`optimizer.domain.problem.reachable_seats` defines it.

Each group is added with an optional enforcement literal: without one (every solve) it is a
plain requirement; with one (:func:`optimizer.solve.conflicts.explain_infeasible`) CP-SAT's
assumptions find a small set of groups that cannot hold together. A group is named by its
kind and key only; the German words for planners are :mod:`optimizer.report.conflicts_de`'s.

Objectives (each a stage of :func:`optimizer.solve.pipeline.solve`):

- **max-min regional share** (``objective.max_min_regions``): ``share`` in per mille, with
  ``1000·covered_r ≥ share·reachable_r`` for every region ``r`` with reachable seats;
- **changes** against a previous plan (:class:`Baseline`): the number of decisions that
  differ: candidate events held before and not now or the reverse, (trainer, event) and
  (council, event) pairs present in one plan only, and events kept but moved to another slot.
  The master has no dates, so "moved" is a lower bound there (:func:`changes_expr`); the
  scheduler then keeps every previous slot it can (:mod:`optimizer.solve.dating`).
  :mod:`optimizer.insight.changes` counts the same changes on the finished plans.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Literal

from ortools.sat.python import cp_model

from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData
from optimizer.domain.scenario import Lock
from optimizer.model.variables import Variables

GroupKind = Literal["lock", "required", "region"]
#: Resolution of the max-min share (per mille).
SHARE_SCALE = 1000


@dataclass(frozen=True)
class Group:
    """One named group of hard requirements (see the module docstring)."""

    kind: GroupKind
    key: str  # event ID, site ID or Regierungsbezirk

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"


def slot_index(data: ProblemData, days: tuple[dt.date, dt.date] | list[dt.date]) -> int | None:
    """The slot with exactly these two days, if it is an allowed slot (R1, R2)."""
    for i, slot in enumerate(data.slots):
        if slot.day1 == days[0] and slot.day2 == days[1]:
            return i
    return None


def candidate_index(data: ProblemData) -> dict[tuple[str, int], int]:
    """(site ID, module) -> candidate event index."""
    return {(data.sites[ev.site_idx].site_id, ev.module): e for e, ev in enumerate(data.events)}


def lock_slots(data: ProblemData) -> dict[int, int]:
    """Candidate event -> slot of its lock, for every lock that maps to both."""
    candidates = candidate_index(data)
    fixed: dict[int, int] = {}
    for lock in data.scenario.locks:
        e = candidates.get((lock.site_id, lock.module))
        t = slot_index(data, lock.days)
        if e is not None and t is not None:
            fixed[e] = t
    return fixed


def region_minimums(data: ProblemData) -> dict[str, int]:
    """Regierungsbezirk -> required covered seats (empty without ``min_share_per_region``)."""
    share = data.scenario.objective.min_share_per_region
    if not share:
        return {}
    return {
        region: math.ceil(share * reachable - 1e-9)
        for region, reachable in data.region_reachable.items()
        if reachable > 0
    }


def requirement_groups(data: ProblemData) -> list[Group]:
    """Every group of hard requirements in the scenario, in a stable order."""
    groups = [Group("lock", lock.event_id) for lock in data.scenario.locks]
    groups += [Group("required", s.site_id) for s in data.sites if s.status == "required"]
    groups += [Group("region", region) for region in region_minimums(data)]
    return groups


def _impossible(model: cp_model.CpModel, enforce: cp_model.IntVar | None) -> None:
    """A requirement that cannot hold (its group is a conflict on its own)."""
    if enforce is None:
        never = model.new_bool_var("impossible")
        model.add(never == 1)
        model.add(never == 0)
    else:
        model.add(enforce == 0)


def _add_lock(
    model: cp_model.CpModel, data: ProblemData, v: Variables, lock: Lock,
    enforce: cp_model.IntVar | None,
) -> None:
    """A lock: the event is held on its slot with exactly its trainers (and councils); without
    trainers, with any trainers free on its slot (R12)."""
    e = candidate_index(data).get((lock.site_id, lock.module))
    t = slot_index(data, lock.days)
    trainer_idx = {tr.trainer_id: k for k, tr in enumerate(data.trainers)}
    council_idx = {c.council_id: i for i, c in enumerate(data.councils)}
    if e is None or t is None or t not in data.events[e].slot_idcs:
        _impossible(model, enforce)
        return
    event = data.events[e]
    staff = {trainer_idx.get(k, -1) for k in lock.trainer_ids}
    councils = {council_idx.get(c, -1): n for c, n in (lock.councils or {}).items() if n > 0}
    if (not staff <= set(event.trainer_idcs)
            or any(t not in data.trainer_slot_ok[k] for k in staff)
            or not set(councils) <= set(event.council_idcs)):
        _impossible(model, enforce)
        return
    lits = [] if enforce is None else [enforce]
    rows = [v.held[e] == 1, v.consecutive[e] == int(data.slots[t].consecutive)]
    if staff:
        rows.append(v.two[e] == int(len(staff) == 2))
        rows += [v.teaches[k, e] == int(k in staff) for k in event.trainer_idcs]
    else:  # "Termin": any trainer free on the locked days
        rows += [v.teaches[k, e] == 0 for k in event.trainer_idcs
                 if t not in data.trainer_slot_ok[k]]
    if lock.councils is not None:
        for c in event.council_idcs:
            rows.append(v.seats[c, e] == councils.get(c, 0))
            rows.append(v.attends[c, e] == int(c in councils))
    if v.has_dates:
        rows.append(v.slot[e] == t)
    for row in rows:
        model.add(row).only_enforce_if(lits)


def _add_required(
    model: cp_model.CpModel, data: ProblemData, v: Variables, site_id: str,
    enforce: cp_model.IntVar | None,
) -> None:
    """A required site holds at least one event."""
    held = [v.held[e] for e, ev in enumerate(data.events) if data.sites[ev.site_idx].site_id
            == site_id]
    if not held:
        _impossible(model, enforce)
        return
    model.add(sum(held) >= 1).only_enforce_if([] if enforce is None else [enforce])


def region_seats(data: ProblemData, v: Variables) -> dict[str, cp_model.LinearExpr]:
    """Regierungsbezirk -> covered seats of its councils."""
    terms: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for (c, _), var in v.seats.items():
        terms[data.council_region[c]].append(var)
    return {region: cp_model.LinearExpr.sum(vars_) for region, vars_ in terms.items()}


def _add_region(
    model: cp_model.CpModel, data: ProblemData, v: Variables, region: str,
    enforce: cp_model.IntVar | None,
) -> None:
    """A regional minimum: the region's councils get at least the required seats."""
    seats = region_seats(data, v).get(region)
    minimum = region_minimums(data)[region]
    if seats is None:
        if minimum > 0:
            _impossible(model, enforce)
        return
    model.add(seats >= minimum).only_enforce_if([] if enforce is None else [enforce])


def add_group(
    model: cp_model.CpModel, data: ProblemData, v: Variables, group: Group,
    enforce: cp_model.IntVar | None = None,
) -> None:
    """Add one group's requirements (enforced by ``enforce`` when given)."""
    if group.kind == "lock":
        lock = next(lk for lk in data.scenario.locks if lk.event_id == group.key)
        _add_lock(model, data, v, lock, enforce)
    elif group.kind == "required":
        _add_required(model, data, v, group.key, enforce)
    else:
        _add_region(model, data, v, group.key, enforce)


def add_requirements(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """Every hard requirement of the scenario, unconditionally (every solve)."""
    for group in requirement_groups(data):
        add_group(model, data, v, group)


def worst_share_var(
    model: cp_model.CpModel, data: ProblemData, v: Variables
) -> cp_model.IntVar | None:
    """Max-min mode: a variable bounded by every region's share of its reachable seats
    (per mille); ``None`` when no region has reachable seats."""
    seats = region_seats(data, v)
    regions = [r for r, reach in data.region_reachable.items() if reach > 0]
    if not regions:
        return None
    share = model.new_int_var(0, SHARE_SCALE, "worst_region_share")
    for region in regions:
        covered = seats.get(region, cp_model.LinearExpr.constant(0))
        model.add(SHARE_SCALE * covered >= share * data.region_reachable[region])
    return share


# --- re-planning against a previous plan ------------------------------------------------------


@dataclass
class Baseline:
    """A previous plan in the indices of the current problem data.

    ``constant`` counts the previous decisions that cannot exist any more (an event at a site
    without candidate now, a trainer or council no longer in the scenario or no longer
    eligible): each is a change whatever the new plan does.
    """

    held: set[int] = field(default_factory=set)
    teaches: set[tuple[int, int]] = field(default_factory=set)
    attends: dict[tuple[int, int], int] = field(default_factory=dict)  # -> members
    slot: dict[int, int | None] = field(default_factory=dict)
    constant: int = 0


def baseline(data: ProblemData, v: Variables, previous: Plan) -> Baseline:
    """Map ``previous`` onto the candidates and variables of ``data``."""
    candidates = candidate_index(data)
    trainer_idx = {t.trainer_id: k for k, t in enumerate(data.trainers)}
    council_idx = {c.council_id: i for i, c in enumerate(data.councils)}
    base = Baseline()
    event_of: dict[str, int | None] = {}
    for event in previous.events:
        e = candidates.get((event.site_id, event.module))
        event_of[event.event_id] = e
        if e is None:
            base.constant += 1 + len(event.trainer_ids)
            continue
        base.held.add(e)
        base.slot[e] = slot_index(data, event.days)
        for trainer_id in event.trainer_ids:
            k = trainer_idx.get(trainer_id)
            if k is not None and (k, e) in v.teaches:
                base.teaches.add((k, e))
            else:
                base.constant += 1
    for a in previous.assignments:
        if a.members <= 0 or a.event_id not in event_of:
            continue
        e = event_of[a.event_id]
        c = council_idx.get(a.council_id)
        if e is not None and c is not None and (c, e) in v.attends:
            base.attends[c, e] = a.members
        else:
            base.constant += 1
    return base


def changes_expr(
    model: cp_model.CpModel, data: ProblemData, v: Variables, base: Baseline
) -> cp_model.LinearExpr:
    """The number of changes against ``base`` (module docstring; "moved" as a lower bound in
    the date-free master, exact in the monolithic model)."""
    terms: list[cp_model.LinearExprT] = [base.constant]
    for e in range(data.num_events):
        terms.append(1 - v.held[e] if e in base.held else v.held[e])
    for key, var in v.teaches.items():
        terms.append(1 - var if key in base.teaches else var)
    for key, var in v.attends.items():
        terms.append(1 - var if key in base.attends else var)
    fixed = lock_slots(data)
    for e in sorted(base.held):
        t = base.slot.get(e)
        if e in fixed and fixed[e] == t:
            continue  # a lock on the previous slot never moves
        moved = model.new_bool_var(f"moved[{e}]")
        terms.append(moved)
        event = data.events[e]
        if t is None or t not in event.slot_idcs:
            model.add(moved >= v.held[e])
            continue
        if v.has_dates:
            same = model.new_bool_var(f"same_slot[{e}]")
            model.add(v.slot[e] == t).only_enforce_if(same)
            model.add(moved >= v.held[e] - same)
            continue
        if data.slots[t].consecutive:
            model.add(moved >= v.held[e] - v.consecutive[e])
        else:
            model.add(moved >= v.held[e] + v.consecutive[e] - 1)
        for k in event.trainer_idcs:
            if t not in data.trainer_slot_ok[k]:
                model.add(moved >= v.teaches[k, e])
    return cp_model.LinearExpr.sum(terms)


def max_changes(data: ProblemData, v: Variables, base: Baseline) -> int:
    """An upper bound on :func:`changes_expr` (every term at 1)."""
    return (base.constant + data.num_events + len(v.teaches) + len(v.attends)
            + len(base.held))


def previous_hint(data: ProblemData, v: Variables, base: Baseline) -> dict[cp_model.IntVar, int]:
    """A complete hint of the date-free variables from a plan given as a :class:`Baseline`
    (a previous plan, the greedy plan, the part plans joined; where the variables exist)."""
    hint: dict[cp_model.IntVar, int] = {}
    for e, event in enumerate(data.events):
        held = e in base.held
        staff = [k for k in event.trainer_idcs if (k, e) in base.teaches]
        seats = {c: base.attends.get((c, e), 0) for c in event.council_idcs}
        t = base.slot.get(e)
        consecutive = int(data.slots[t].consecutive) if held and t is not None else 0
        hint[v.held[e]] = int(held)
        hint[v.two[e]] = int(held and len(staff) == 2)
        hint[v.participants[e]] = sum(seats.values())
        hint[v.consecutive[e]] = consecutive
        for c, n in seats.items():
            hint[v.seats[c, e]] = n
            hint[v.attends[c, e]] = int(n > 0)
        for k in event.trainer_idcs:
            hint[v.teaches[k, e]] = int(k in staff)
            if (k, e) in v.teaches_consec:
                hint[v.teaches_consec[k, e]] = int(k in staff and consecutive)
    held_at = Counter(data.events[e].site_idx for e in base.held)
    for s, var in v.both.items():
        hint[var] = int(held_at[s] == 2)  # one event per site and module (R3)
    return hint
