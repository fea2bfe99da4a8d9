"""Constraint families of the CP-SAT model, one function per family, each naming its rules.

:func:`add_master` adds every rule that does not need calendar dates; :func:`add_dates` adds
the dated rules (R1, R2, R5a, R5c, R12 day conflicts and availability) for the monolithic
formulation. The decomposed solver checks the dated rules in
:mod:`optimizer.solve.dating` instead and keeps only necessary conditions of them here
(:func:`_date_necessities`).

All participant and trainer-count rules are plain linear rows (no enforcement literals) so
the LP relaxation sees them; SOLVER-NOTES.md measured that this makes the coverage bound
usable.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from optimizer.domain.problem import ProblemData
from optimizer.model.variables import Variables, create_date_variables


def add_master(model: cp_model.CpModel, data: ProblemData, v: Variables) -> cp_model.LinearExpr:
    """Add every date-free constraint family in order; return the total cost in cents."""
    _event_size(model, data, v)
    _council_demand(model, data, v)
    _module_totals(model, data, v)
    _trainer_tandem(model, data, v)
    _trainer_load(model, data, v)
    _date_necessities(model, data, v)
    cost = total_cost_cents(data, v)
    _budget(model, data, cost)
    return cost


def add_dates(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """Add date variables and every dated rule (monolithic formulation)."""
    create_date_variables(model, data, v)
    _slots(model, data, v)
    _trainer_days(model, data, v)
    _module_gaps(model, data, v)


def _event_size(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """R6, R11: a held event has min..max participants; from ``two_trainer_min`` on two trainers.

    With ``one = held - two`` the feasible pairs are (held, two) in {(0,0), (1,0), (1,1)} and
    ``participants`` in [lo1, hi1] for one trainer, [lo2, hi2] for two; both bounds are linear
    in (one, two), which is the convex hull of each event's (participants, trainers) pairs and
    implies the cut ``participants <= 11 * trainers`` of SOLVER-NOTES.md.
    """
    rules = data.scenario.rules
    (lo1, hi1), (lo2, hi2) = rules.one_trainer_range, rules.two_trainer_range
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
            if lo1 <= hi1 < cap:
                # Valid cut: without a second trainer the whole event, hence this council,
                # has at most hi1 members. Forces two = 1 in the LP when a large council
                # comes in full (the event-level row alone would pay a fraction of the fee).
                model.add(seats <= hi1 * attends + (cap - hi1) * two)
            model.add(seats >= attends)
            model.add(attends <= held)


def _council_demand(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """R8: a council sends at most its interested members per module, to at most
    ``max_events_per_council_module`` events per module."""
    limit = data.scenario.rules.max_events_per_council_module
    for (c, module), events in _council_events(data).items():
        model.add(sum(v.seats[c, e] for e in events) <= data.interest[c][module - 1])
        if len(events) > limit:
            model.add(sum(v.attends[c, e] for e in events) <= limit)


def _council_events(data: ProblemData) -> dict[tuple[int, int], list[int]]:
    """(council, module) -> candidate events the council may attend."""
    events_of: dict[tuple[int, int], list[int]] = defaultdict(list)
    for e, event in enumerate(data.events):
        for c in event.council_idcs:
            events_of[c, event.module].append(e)
    return events_of


def _site_pairs(data: ProblemData) -> dict[int, tuple[int, int]]:
    """site -> (module-1 candidate, module-2 candidate) for sites with both candidates."""
    by_site: dict[int, dict[int, int]] = defaultdict(dict)
    for e, event in enumerate(data.events):
        by_site[event.site_idx][event.module] = e
    return {s: (m[1], m[2]) for s, m in by_site.items() if len(m) == 2}


def _module_totals(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """R5(b): a council's module-2 seats are at most its module-1 seats plus ``trained_m1``.

    Also defines the R4 indicator ``both[s]`` (site holds both modules).
    """
    events_of = _council_events(data)
    for c, council in enumerate(data.councils):
        m1, m2 = events_of.get((c, 1), []), events_of.get((c, 2), [])
        if m2:
            model.add(
                sum(v.seats[c, e] for e in m2)
                <= sum(v.seats[c, e] for e in m1) + council.trained_m1
            )
    for s, (e1, e2) in _site_pairs(data).items():
        both = model.new_bool_var(f"both[{s}]")
        v.both[s] = both
        model.add(both <= v.held[e1])
        model.add(both <= v.held[e2])
        model.add(both >= v.held[e1] + v.held[e2] - 1)


def _trainer_tandem(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """R10, R11, R12 (modules): one trainer for a small event, one of each role for a big one.

    Trainers of other modules have no variable (pre-filtered in :mod:`optimizer.domain.problem`).
    ``teaches_consec`` linearises ``teaches ∧ consecutive`` where R14 travel depends on it.
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


def _trainer_load(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """R12: a trainer works at most ``max_events`` events."""
    per_trainer: dict[int, list[int]] = defaultdict(list)
    for k, e in v.teaches:
        per_trainer[k].append(e)
    for k, events in per_trainer.items():
        if len(events) > data.trainers[k].max_events:
            model.add(sum(v.teaches[k, e] for e in events) <= data.trainers[k].max_events)


def _date_necessities(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """Necessary conditions of the dated rules that need no dates (R2, R5, R12).

    - the pattern kind is possible at the site (some allowed slot of that kind);
    - a trainer only takes an event of a kind for which they are free on some allowed slot;
    - a site holds both modules, a council attends a module-1 and a module-2 event, only if
      some pair of allowed slots keeps the module gap (R5a, R5c).
    These are implied by the monolithic model; in the decomposed solver they make schedule
    failures (and hence Benders cuts) rare.
    """
    gap = data.scenario.rules.module_gap_days
    for e, event in enumerate(data.events):
        kinds = {data.slots[i].consecutive for i in event.slot_idcs}
        if kinds == {True}:
            model.add(v.consecutive[e] == 1)
        elif kinds == {False}:
            model.add(v.consecutive[e] == 0)
        for k in event.trainer_idcs:
            free = data.trainer_slot_ok[k].intersection(event.slot_idcs)
            free_kinds = {data.slots[i].consecutive for i in free}
            if free_kinds == {True}:
                model.add_implication(v.teaches[k, e], v.consecutive[e])
            elif free_kinds == {False}:
                model.add_implication(v.teaches[k, e], ~v.consecutive[e])

    def gap_possible(e1: int, e2: int) -> bool:
        earliest_end1 = min(data.slot_day2[i] for i in data.events[e1].slot_idcs)
        latest_start2 = max(data.slot_day1[i] for i in data.events[e2].slot_idcs)
        return latest_start2 - earliest_end1 >= gap

    for e1, e2 in _site_pairs(data).values():
        if not gap_possible(e1, e2):
            model.add(v.held[e1] + v.held[e2] <= 1)
    events_of = _council_events(data)
    for c in range(len(data.councils)):
        for e1 in events_of.get((c, 1), []):
            for e2 in events_of.get((c, 2), []):
                if not gap_possible(e1, e2):
                    model.add(v.attends[c, e1] + v.attends[c, e2] <= 1)


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
    return cp_model.LinearExpr.sum(terms)


def _budget(model: cp_model.CpModel, data: ProblemData, cost: cp_model.LinearExpr) -> None:
    """R16: total cost at most the budget (whole cents, equality allowed)."""
    model.add(cost <= data.budget_cents)


def coverage_expr(data: ProblemData, v: Variables) -> cp_model.LinearExpr:
    """R17: the weighted coverage the first stage maximises (plain seats by default)."""
    weights = data.scenario.objective.module_weights
    bonus = data.scenario.objective.both_modules_bonus
    terms: list[cp_model.LinearExprT] = [
        weights[data.events[e].module] * var for (_, e), var in v.seats.items()
    ]
    if bonus:
        terms.extend(bonus * var for var in v.both.values())
    return cp_model.LinearExpr.sum(terms)


# --- dated rules (monolithic formulation) -----------------------------------------------------


def _slots(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """R1, R2: each candidate's slot is one of its allowed slots; days follow from the slot.

    A candidate that is not held is pinned to its first slot (removes pointless symmetry).
    """
    for e, event in enumerate(data.events):
        table = [
            (i, data.slot_day1[i], data.slot_day2[i], int(data.slots[i].consecutive))
            for i in event.slot_idcs
        ]
        model.add_allowed_assignments([v.slot[e], v.day1[e], v.day2[e], v.consecutive[e]], table)
        model.add(v.slot[e] == event.slot_idcs[0]).only_enforce_if(~v.held[e])


def _trainer_days(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """R12: a trainer works only on free days and at most one event per day.

    Each (trainer, event) pair contributes two optional one-day intervals (the seminar days),
    present when the trainer teaches there; one no-overlap per trainer.
    """
    per_trainer: dict[int, list[int]] = defaultdict(list)
    for k, e in v.teaches:
        per_trainer[k].append(e)
    for k, events in per_trainer.items():
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


def _module_gaps(model: cp_model.CpModel, data: ProblemData, v: Variables) -> None:
    """R5(a) at a site and R5(c) per council: module 2 starts ``module_gap_days`` after
    module 1 ends (councils via ``m1_end[c]`` and ``m2_start[c]``, free when not attending)."""
    gap = data.scenario.rules.module_gap_days
    for e1, e2 in _site_pairs(data).values():
        model.add(v.day1[e2] >= v.day2[e1] + gap).only_enforce_if([v.held[e1], v.held[e2]])
    events_of = _council_events(data)
    horizon = data.horizon_days
    for c in range(len(data.councils)):
        m1, m2 = events_of.get((c, 1), []), events_of.get((c, 2), [])
        if not (m1 and m2):
            continue
        end1 = model.new_int_var(-gap - 1, horizon, f"m1_end[{c}]")
        start2 = model.new_int_var(0, horizon + gap + 1, f"m2_start[{c}]")
        v.m1_end[c], v.m2_start[c] = end1, start2
        for e in m1:
            model.add(end1 >= v.day2[e]).only_enforce_if(v.attends[c, e])
        for e in m2:
            model.add(start2 <= v.day1[e]).only_enforce_if(v.attends[c, e])
        model.add(start2 >= end1 + gap)
