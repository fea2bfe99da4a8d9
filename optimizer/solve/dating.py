"""Scheduling subproblem of the decomposed solver: dates for a chosen set of events.

Given the events the master chose (with their trainers, attending councils and, where the
travel cost depends on it, the pattern kind), find one slot per event such that

- the slot is allowed at the site and of the required kind (R1, R2),
- every trainer is free on both days and works at most one event per day (R12),
- module 2 starts ``module_gap_days`` after module 1 ends at a site holding both (R5a) and for
  every council attending both modules (R5c).

Model: ``x[e, t]`` = event ``e`` on slot ``t``; exactly one slot per event; per trainer and day
at most one chosen slot containing that day; gaps as linear rows on the start and end days.
Among valid calendars it prefers one that spreads the events over the period (module 1 in
the first half, module 2 in the second), stopping at a 5 % gap.

A locked event (``Scenario.locks``) has only its lock's slot. In a re-plan, ``preferred``
gives the previous slot of each kept event: the subproblem first minimises the number of
events not on their previous slot (to optimality) and then spreads the others. Either
calendar is tried first (a hint); ``hint`` gives such slots without the objective (the
solver's previous stage or start: often still valid, which dates large plans quickly).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from optimizer.domain.options import CancelToken, Tuning
from optimizer.domain.problem import ProblemData
from optimizer.model.requirements import lock_slots
from optimizer.solve.clock import infeasible_under, single_worker, solve_watched


@dataclass(frozen=True)
class ChosenEvent:
    """One event the master chose, with what its date depends on."""

    event: int
    trainers: tuple[int, ...]
    councils: tuple[int, ...]
    consecutive: bool | None  # None: the kind does not change the cost, any kind will do


def _spread_objective(
    data: ProblemData, chosen: list[ChosenEvent],
    x: dict[tuple[int, int], cp_model.IntVar], module_of: dict[int, int],
) -> cp_model.LinearExpr:
    """Distance in days from a target date per event that spreads the calendar: module 1 over
    the first half of the period, module 2 over the second, in event order. A plain weighted
    sum of the slot literals, so its LP is nearly integral and dating stays fast."""
    terms: list[cp_model.LinearExprT] = []
    for module, (low, high) in ((1, (0.0, 0.5)), (2, (0.5, 1.0))):
        events = [ch.event for ch in chosen if module_of[ch.event] == module]
        for rank, e in enumerate(events):
            target = int(data.horizon_days * (low + (high - low) * (rank + 0.5) / len(events)))
            terms.extend(
                abs(data.slot_day1[t] - target) * var for (ev, t), var in x.items() if ev == e
            )
    return cp_model.LinearExpr.sum(terms)


@dataclass(frozen=True)
class Calendar:
    """The subproblem's answer: slots per event, or proof that none exist (``infeasible``).

    Neither (``slots is None`` and not ``infeasible``) means no answer within the time limit.
    """

    slots: dict[int, int] | None
    infeasible: bool = False


@dataclass
class _SlotModel:
    """The scheduling model: ``x[e, t]`` and each event's first and last day as sums of it."""

    model: cp_model.CpModel
    x: dict[tuple[int, int], cp_model.IntVar]
    start: dict[int, cp_model.LinearExpr]
    end: dict[int, cp_model.LinearExpr]
    module_of: dict[int, int]


def _slot_model(data: ProblemData, chosen: list[ChosenEvent]) -> _SlotModel | None:
    """One slot per event among those its site, kind, trainers and lock allow (R1, R2, R12
    availability), one event per trainer and day (R12), the module gaps (R5a, R5c);
    ``None`` if an event has no allowed slot at all."""
    fixed = lock_slots(data)
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    start: dict[int, cp_model.LinearExpr] = {}
    end: dict[int, cp_model.LinearExpr] = {}
    trainer_day: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)
    for ch in chosen:
        options = [
            t for t in data.events[ch.event].slot_idcs
            if (ch.consecutive is None or data.slots[t].consecutive == ch.consecutive)
            and all(t in data.trainer_slot_ok[k] for k in ch.trainers)
            and (ch.event not in fixed or t == fixed[ch.event])
        ]
        if not options:
            return None
        for t in options:
            x[ch.event, t] = model.new_bool_var(f"x[{ch.event},{t}]")
            for k in ch.trainers:
                trainer_day[k, data.slot_day1[t]].append(x[ch.event, t])
                trainer_day[k, data.slot_day2[t]].append(x[ch.event, t])
        model.add_exactly_one(x[ch.event, t] for t in options)
        picks = [x[ch.event, t] for t in options]
        start[ch.event] = cp_model.LinearExpr.weighted_sum(
            picks, [data.slot_day1[t] for t in options])
        end[ch.event] = cp_model.LinearExpr.weighted_sum(
            picks, [data.slot_day2[t] for t in options])
    for literals in trainer_day.values():
        if len(literals) > 1:
            model.add_at_most_one(literals)
    module_of = {ch.event: data.events[ch.event].module for ch in chosen}
    _add_module_gaps(model, data, chosen, start, end, module_of)
    return _SlotModel(model, x, start, end, module_of)


def _add_module_gaps(
    model: cp_model.CpModel, data: ProblemData, chosen: list[ChosenEvent],
    start: dict[int, cp_model.LinearExpr], end: dict[int, cp_model.LinearExpr],
    module_of: dict[int, int],
) -> None:
    """Module 2 starts ``module_gap_days`` after module 1 ends at a site holding both (R5a)
    and for every council attending both (R5c)."""
    gap = data.scenario.rules.module_gap_days
    by_site: dict[int, dict[int, int]] = defaultdict(dict)
    for ch in chosen:
        by_site[data.events[ch.event].site_idx][module_of[ch.event]] = ch.event
    pairs = {(m[1], m[2]) for m in by_site.values() if len(m) == 2}
    by_council: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for ch in chosen:
        for c in ch.councils:
            by_council[c][module_of[ch.event]].append(ch.event)
    for modules in by_council.values():
        pairs.update((e1, e2) for e1 in modules[1] for e2 in modules[2])
    for e1, e2 in sorted(pairs):
        model.add(start[e2] >= end[e1] + gap)


class _Limits:
    """The scheduling solver's limits: deterministic time (the calendar depends only on the
    master's choice) with a wall-clock safety net of ``wall_safety`` × the budget, or
    wall-clock seconds alone (``wall_clock``: the caller runs on the wall clock anyway)."""

    def __init__(self, solver: cp_model.CpSolver, wall_clock: bool, wall_safety: float):
        self.solver, self.wall_clock = solver, wall_clock
        self.wall = 1.0 if wall_clock else wall_safety

    def set(self, budget: float) -> None:
        if not self.wall_clock:
            self.solver.parameters.max_deterministic_time = budget
        self.solver.parameters.max_time_in_seconds = self.wall * budget

    def used(self) -> float:
        solver = self.solver
        return solver.wall_time if self.wall_clock else solver.response_proto.deterministic_time


def schedule(
    data: ProblemData, chosen: list[ChosenEvent], seconds: float, seed: int = 0,
    preferred: dict[int, int] | None = None,
    hint: dict[int, int] | None = None,
    spread_seconds: float | None = None,
    wall_clock: bool = False,
    *,
    tuning: Tuning | None = None,
    cancel: CancelToken | None = None,
) -> Calendar:
    """Find a slot for every chosen event (see the module docstring); ``hint``: slots to
    try first, without keeping them as an objective. ``spread_seconds``: find any calendar
    first, then spread it for at most this long (0: not at all). ``seconds`` are
    deterministic time (the calendar depends only on the input), or wall-clock seconds with
    ``wall_clock`` (a multi-worker solve, whose deadlines are wall-clock time).
    ``tuning.wall_safety``: the wall-clock safety net; ``cancel`` stops every solve."""
    if not chosen:
        return Calendar({})
    sm = _slot_model(data, chosen)
    if sm is None:
        return Calendar(None, infeasible=True)
    model, x = sm.model, sm.x
    solver = cp_model.CpSolver()
    limits = _Limits(solver, wall_clock, (tuning or Tuning()).wall_safety)
    limits.set(max(seconds, 0.5))
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    for e, t in (hint or preferred or {}).items():
        if (e, t) in x:
            model.add_hint(x[e, t], 1)  # often the whole earlier calendar is still valid
    kept = [x[e, t] for e, t in (preferred or {}).items() if (e, t) in x]
    if kept:
        # Re-plan: first keep as many previous slots as possible (proved), then spread.
        model.maximize(cp_model.LinearExpr.sum(kept))
        status = solve_watched(solver, model, cancel)
        if status == cp_model.INFEASIBLE:
            return Calendar(None, infeasible=True)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            model.add(cp_model.LinearExpr.sum(kept) >= round(solver.objective_value))
    found: dict[int, int] | None = None
    if spread_seconds is not None and not kept:
        # Any calendar first (all the time it needs), then the spread for a short while.
        status = solve_watched(solver, model, cancel)
        if status == cp_model.INFEASIBLE:
            return Calendar(None, infeasible=True)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Calendar(None)
        found = {e: t for (e, t), var in x.items() if solver.boolean_value(var)}
        if spread_seconds <= 0:
            return Calendar(found)
        model.clear_hints()
        for (e, t), var in x.items():
            model.add_hint(var, int(found[e] == t))
        limits.set(max(min(spread_seconds, seconds - limits.used()), 0.1))
    model.minimize(_spread_objective(data, chosen, x, sm.module_of))
    # Any calendar is valid; the spread is a nicety, so a gap is enough.
    solver.parameters.relative_gap_limit = (tuning or Tuning()).dating_spread_gap
    status = solve_watched(solver, model, cancel)
    if status == cp_model.INFEASIBLE:
        return Calendar(None, infeasible=True)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Calendar(found)
    return Calendar({e: t for (e, t), var in x.items() if solver.boolean_value(var)})


#: One requirement the master imposed on the calendar, as a conflict item:
#: ("trainer", e, k) trainer k teaches e; ("kind", e, 1/0) e has a consecutive / week-apart
#: slot; ("attend", e, c) council c (attending both modules) attends e; ("site", e1, e2) the
#: site holds module 1 as e1 and module 2 as e2.
Item = tuple[str, int, int]


def requirements(data: ProblemData, chosen: list[ChosenEvent]) -> list[Item]:
    """Every requirement the chosen events put on the calendar (see :data:`Item`)."""
    items: list[Item] = []
    modules_of: dict[int, set[int]] = defaultdict(set)
    for ch in chosen:
        for c in ch.councils:
            modules_of[c].add(data.events[ch.event].module)
    by_site: dict[int, dict[int, int]] = defaultdict(dict)
    for ch in chosen:
        items.extend(("trainer", ch.event, k) for k in ch.trainers)
        if ch.consecutive is not None:
            items.append(("kind", ch.event, int(ch.consecutive)))
        items.extend(("attend", ch.event, c) for c in ch.councils if len(modules_of[c]) == 2)
        by_site[data.events[ch.event].site_idx][data.events[ch.event].module] = ch.event
    items.extend(("site", m[1], m[2]) for m in by_site.values() if len(m) == 2)
    return items


def _conflict_model(
    data: ProblemData, items: list[Item]
) -> tuple[cp_model.CpModel, dict[Item, cp_model.IntVar]]:
    """The calendar rules with one enforcement literal per item (for assumption cores)."""
    model = cp_model.CpModel()
    events = sorted({i[1] for i in items} | {i[2] for i in items if i[0] == "site"})
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    day1: dict[int, cp_model.IntVar] = {}
    day2: dict[int, cp_model.IntVar] = {}
    fixed = lock_slots(data)  # locks hold in every calendar: a fact, not a conflict item
    for e in events:
        options = data.events[e].slot_idcs
        for t in options:
            x[e, t] = model.new_bool_var(f"x[{e},{t}]")
            if e in fixed and t != fixed[e]:
                model.add(x[e, t] == 0)
        model.add_exactly_one(x[e, t] for t in options)
        day1[e] = model.new_int_var(0, data.horizon_days, f"day1[{e}]")
        day2[e] = model.new_int_var(0, data.horizon_days, f"day2[{e}]")
        model.add(day1[e] == sum(data.slot_day1[t] * x[e, t] for t in options))
        model.add(day2[e] == sum(data.slot_day2[t] * x[e, t] for t in options))
    literal = {item: model.new_bool_var(str(item)) for item in items}
    gap = data.scenario.rules.module_gap_days
    intervals: dict[int, list[cp_model.IntervalVar]] = defaultdict(list)
    attends: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for item, lit in literal.items():
        kind, e, other = item
        if kind == "trainer":
            for t in data.events[e].slot_idcs:
                if t not in data.trainer_slot_ok[other]:
                    model.add_bool_or([~lit, ~x[e, t]])
            for day in (day1[e], day2[e]):
                intervals[other].append(
                    model.new_optional_fixed_size_interval_var(day, 1, lit, f"d{item}")
                )
        elif kind == "kind":
            for t in data.events[e].slot_idcs:
                if data.slots[t].consecutive != bool(other):
                    model.add_bool_or([~lit, ~x[e, t]])
        elif kind == "attend":
            attends[other][data.events[e].module].append(e)
        else:  # site
            model.add(day1[other] >= day2[e] + gap).only_enforce_if(lit)
    for spans in intervals.values():
        model.add_no_overlap(spans)
    for c, modules in attends.items():
        for e1 in modules[1]:
            for e2 in modules[2]:
                model.add(day1[e2] >= day2[e1] + gap).only_enforce_if(
                    [literal["attend", e1, c], literal["attend", e2, c]]
                )
    return model, literal


def conflict(
    data: ProblemData, chosen: list[ChosenEvent], seconds: float, *,
    tuning: Tuning | None = None, cancel: CancelToken | None = None,
) -> list[Item] | None:
    """A small set of the master's requirements that no calendar can meet together.

    CP-SAT's assumption core is a start (it need not be minimal, and presolve can return
    literals that are not assumptions, OR-Tools issue 5141), then a deletion pass drops every
    item whose removal keeps the rest infeasible, within ``seconds``. ``None`` if the
    requirements were not proved infeasible in time (or ``cancel`` stopped the search).
    """
    tuning = tuning or Tuning()
    items = requirements(data, chosen)
    model, literal = _conflict_model(data, items)
    infeasible, core = infeasible_under(model, literal, items, single_worker(seconds, None, tuning),
                                      cancel)
    if not infeasible:
        return None
    for item in list(core):
        trial = [i for i in core if i != item]
        still, smaller = infeasible_under(
            model, literal, trial, single_worker(seconds / 4, None, tuning), cancel)
        if still:
            core = [i for i in smaller if i in trial] or trial
    return core
