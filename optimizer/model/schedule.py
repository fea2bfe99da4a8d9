"""Scheduling subproblem of the decomposed solver: dates for a chosen set of events.

Given the events the master chose (with their trainers, attending councils and, where the
travel cost depends on it, the pattern kind), find one slot per event such that

- the slot is allowed at the site and of the required kind (R1, R2),
- every trainer is free on both days and works at most one event per day (R12),
- module 2 starts ``module_gap_days`` after module 1 ends at a site holding both (R5a) and for
  every council attending both modules (R5c).

Model: ``x[e, t]`` = event ``e`` on slot ``t``; exactly one slot per event; per trainer and day
at most one chosen slot containing that day; gaps as linear rows on the start and end days.
Among feasible calendars it prefers module-1 events early and module-2 events late, so a
later re-plan has room on both sides.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from optimizer.problem import ProblemData


@dataclass(frozen=True)
class ChosenEvent:
    """One event the master chose, with what its date depends on."""

    event: int
    trainers: tuple[int, ...]
    councils: tuple[int, ...]
    consecutive: bool | None  # None: the kind does not change the cost, any kind will do


@dataclass(frozen=True)
class Calendar:
    """The subproblem's answer: slots per event, or proof that none exist (``infeasible``).

    Neither (``slots is None`` and not ``infeasible``) means no answer within the time limit.
    """

    slots: dict[int, int] | None
    infeasible: bool = False


def schedule(
    data: ProblemData, chosen: list[ChosenEvent], seconds: float, seed: int = 0
) -> Calendar:
    """Find a slot for every chosen event (see the module docstring)."""
    if not chosen:
        return Calendar({})
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
        ]
        if not options:
            return Calendar(None, infeasible=True)
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

    gap = data.scenario.rules.module_gap_days
    module_of = {ch.event: data.events[ch.event].module for ch in chosen}
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

    model.minimize(
        sum(start[e] for e in start if module_of[e] == 1)
        - sum(start[e] for e in start if module_of[e] == 2)
    )
    solver = cp_model.CpSolver()
    # One worker and deterministic time: the calendar depends only on the master's choice.
    solver.parameters.max_deterministic_time = max(seconds, 0.5)
    solver.parameters.max_time_in_seconds = 4 * max(seconds, 0.5)
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    # A calendar is enough; its preference is a nicety, so stop at a 1 % gap.
    solver.parameters.relative_gap_limit = 0.01
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        return Calendar(None, infeasible=True)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Calendar(None)
    return Calendar({e: t for (e, t), var in x.items() if solver.boolean_value(var)})
