"""Constraint families of the CP-SAT model, one function per family, each naming its rules.

All participant and trainer-count rules are written as plain linear rows (no enforcement
literals) so the LP relaxation sees them; SOLVER-NOTES.md measured that this is what makes
the coverage bound usable.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from optimizer.model.variables import Variables
from optimizer.problem import ProblemData


def add_all(model: cp_model.CpModel, data: ProblemData, v: Variables) -> cp_model.LinearExpr:
    """Add every constraint family in order; return the total cost expression in cents."""
    _dates(model, data, v)
    _event_size(model, data, v)
    _council_demand(model, data, v)
    _module_order(model, data, v)
    _trainer_tandem(model, data, v)
    _trainer_capacity(model, data, v)
    cost = total_cost_cents(data, v)
    _budget(model, data, cost)
    return cost


def _dates(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """R1, R2: each candidate's slot is one of its allowed slots; days follow from the slot.

    A candidate that is not held is pinned to its first slot (removes pointless symmetry).
    """
    for e, event in enumerate(data.events):
        table = [
            (i, data.slot_day1[i], data.slot_day2[i], int(data.slots[i].consecutive))
            for i in event.slot_idcs
        ]
        model.add_allowed_assignments(
            [v.slot[e], v.day1[e], v.day2[e], v.consecutive[e]], table
        )
        model.add(v.slot[e] == event.slot_idcs[0]).only_enforce_if(~v.held[e])


def _event_size(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """R6, R11: a held event has min..max participants; from ``two_trainer_min`` on two trainers.

    With ``one = held - two`` the feasible pairs are (held, two) in {(0,0), (1,0), (1,1)} and
    ``participants`` in [lo1, hi1] for one trainer, [lo2, hi2] for two; both bounds are linear
    in (one, two). This row also implies the cut ``participants <= 11 * trainers`` of
    SOLVER-NOTES.md.
    """
    rules = data.scenario.rules
    lo1, hi1 = rules.min_participants, min(rules.two_trainer_min - 1, rules.max_participants)
    lo2, hi2 = max(rules.two_trainer_min, rules.min_participants), rules.max_participants
    for e, event in enumerate(data.events):
        held, two, p = v.held[e], v.two[e], v.participants[e]
        model.add(two <= held)
        if hi1 < lo1:
            model.add(two == held)
        if lo2 > hi2:
            model.add(two == 0)
        model.add(p == sum(v.seats[c, e] for c in event.council_idcs))
        model.add(p >= lo1 * (held - two) + lo2 * two)
        model.add(p <= max(hi1, 0) * (held - two) + hi2 * two)
        for c in event.council_idcs:
            seats, attends = v.seats[c, e], v.attends[c, e]
            cap = min(data.interest[c][event.module - 1], rules.max_participants)
            model.add(seats <= cap * attends)
            model.add(seats >= attends)
            model.add(attends <= held)


def _council_demand(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """R8: a council sends at most its interested members per module, to at most
    ``max_events_per_council_module`` events per module."""
    limit = data.scenario.rules.max_events_per_council_module
    per_module: dict[tuple[int, int], list[int]] = defaultdict(list)
    for e, event in enumerate(data.events):
        for c in event.council_idcs:
            per_module[c, event.module].append(e)
    for (c, module), events in per_module.items():
        model.add(sum(v.seats[c, e] for e in events) <= data.interest[c][module - 1])
        if len(events) > limit:
            model.add(sum(v.attends[c, e] for e in events) <= limit)


def _module_order(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """R5 (and the R4 ``both`` indicator).

    (a) At a site holding both modules, module 2 starts ``module_gap_days`` after module 1 ends.
    (b) A council's module-2 seats are at most its module-1 seats plus ``trained_m1``.
    (c) A council attending both modules: every module-2 event starts ``module_gap_days`` after
        every module-1 event it attends ends (via ``m1_end[c]`` and ``m2_start[c]``).
    """
    gap = data.scenario.rules.module_gap_days
    by_site: dict[int, dict[int, int]] = defaultdict(dict)
    for e, event in enumerate(data.events):
        by_site[event.site_idx][event.module] = e
    for s, modules in by_site.items():
        if len(modules) < 2:
            continue
        e1, e2 = modules[1], modules[2]
        both = model.new_bool_var(f"both[{s}]")
        v.both[s] = both
        model.add(both <= v.held[e1])
        model.add(both <= v.held[e2])
        model.add(both >= v.held[e1] + v.held[e2] - 1)
        model.add(v.day1[e2] >= v.day2[e1] + gap).only_enforce_if([v.held[e1], v.held[e2]])

    events_of: dict[tuple[int, int], list[int]] = defaultdict(list)
    for c, e in v.seats:
        events_of[c, data.events[e].module].append(e)
    for c, council in enumerate(data.councils):
        m1, m2 = events_of.get((c, 1), []), events_of.get((c, 2), [])
        if m2:
            model.add(
                sum(v.seats[c, e] for e in m2)
                <= sum(v.seats[c, e] for e in m1) + council.trained_m1
            )
        if m1 and m2:
            horizon = data.horizon_days
            end1 = model.new_int_var(-gap - 1, horizon, f"m1_end[{c}]")
            start2 = model.new_int_var(0, horizon + gap + 1, f"m2_start[{c}]")
            v.m1_end[c], v.m2_start[c] = end1, start2
            for e in m1:
                model.add(end1 >= v.day2[e]).only_enforce_if(v.attends[c, e])
            for e in m2:
                model.add(start2 <= v.day1[e]).only_enforce_if(v.attends[c, e])
            model.add(start2 >= end1 + gap)


def _trainer_tandem(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """R10, R11, R12 (modules): one trainer for a small event, one of each role for a big one.

    Trainers of other modules have no variable (pre-filtered in :mod:`optimizer.problem`).
    """
    trainers = data.trainers
    for e, event in enumerate(data.events):
        staff = [v.teaches[k, e] for k in event.trainer_idcs]
        model.add(sum(staff) == v.held[e] + v.two[e])
        for role in ("educator", "council"):
            of_role = [v.teaches[k, e] for k in event.trainer_idcs if trainers[k].role == role]
            model.add(sum(of_role) >= v.two[e])
            model.add(sum(of_role) <= v.held[e])
        for k in event.trainer_idcs:
            model.add(v.teaches[k, e] <= v.held[e])
            both = v.teaches_consec.get((k, e))
            if both is not None:
                model.add(both <= v.teaches[k, e])
                model.add(both <= v.consecutive[e])
                model.add(both >= v.teaches[k, e] + v.consecutive[e] - 1)


def _trainer_capacity(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """R12: at most ``max_events`` events, only on available days, one event per day.

    Each (trainer, event) pair contributes two optional one-day intervals (the seminar days),
    present when the trainer teaches there; one no-overlap per trainer forbids two events on
    one day.
    """
    per_trainer: dict[int, list[int]] = defaultdict(list)
    for k, e in v.teaches:
        per_trainer[k].append(e)
    for k, events in per_trainer.items():
        trainer = data.trainers[k]
        model.add(sum(v.teaches[k, e] for e in events) <= trainer.max_events)
        intervals = []
        for e in events:
            teaches = v.teaches[k, e]
            allowed = sorted(data.trainer_slot_ok[k].intersection(data.events[e].slot_idcs))
            if len(allowed) < len(data.events[e].slot_idcs):
                model.add_linear_expression_in_domain(
                    v.slot[e], cp_model.Domain.from_values(allowed)
                ).only_enforce_if(teaches)
            for day in (v.day1[e], v.day2[e]):
                intervals.append(
                    model.new_optional_fixed_size_interval_var(day, 1, teaches, f"day[{k},{e}]")
                )
        if len(events) > 1:
            model.add_no_overlap(intervals)


def total_cost_cents(data: ProblemData, v: Variables) -> cp_model.LinearExpr:
    """R13 fees + R14 travel + R15 catering of all events, in cents."""
    fee = data.fee_per_event_trainer_cents
    catering = data.catering_per_person_cents
    terms: list[cp_model.LinearExprT] = []
    for e in range(data.num_events):
        trainers = v.held[e] + v.two[e]
        terms.append(fee * trainers)
        terms.append(catering * (v.participants[e] + trainers))
    for (k, e), teaches in v.teaches.items():
        week = data.travel_week[k][e]
        terms.append(week * teaches)
        both = v.teaches_consec.get((k, e))
        if both is not None:
            terms.append((data.travel_consec[k][e] - week) * both)
    return sum(terms)  # type: ignore[return-value]


def _budget(model: cp_model.CpModel, data: ProblemData, cost: cp_model.LinearExpr) -> None:
    """R16: total cost at most the budget (whole cents, equality allowed)."""
    model.add(cost <= data.budget_cents)


def coverage_expr(data: ProblemData, v: Variables) -> tuple[cp_model.LinearExpr, cp_model.LinearExpr]:
    """R17: (weighted coverage the first stage maximises, plain covered seats)."""
    weights = data.scenario.objective.module_weights
    bonus = data.scenario.objective.both_modules_bonus
    plain = sum(v.seats.values())
    weighted = sum(weights[data.events[e].module] * var for (_, e), var in v.seats.items())
    if bonus:
        weighted += bonus * sum(v.both.values())
    return weighted, plain  # type: ignore[return-value]
