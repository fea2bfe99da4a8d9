"""Warm starts for the coverage stage: the greedy plan and price-and-branch.

The greedy plan
---------------
:func:`greedy_hint` turns the planner's rule of thumb (:mod:`optimizer.solve.greedy`, dated)
into a complete hint of the master's variables. The quick first pass of the solver starts
from it, so the first plan is never worse than the greedy one and comes even where CP-SAT
alone needs minutes for a first solution (the 4× benchmark instance).

Price-and-branch
----------------

CP-SAT alone, maximising coverage under a binding budget, fills the budget with costly
choices and stalls a few seats short of the optimum. The configuration LP of
:mod:`optimizer.solve.bound` knows cheap event configurations: its columns, solved as an
integer program (HiGHS through MathOpt: the cheapest set of configurations reaching
``Tuning.warm_start_targets`` of the coverage bound), give a plan that leaves budget to
spare. Handed to CP-SAT as a hint (events, two-trainer flags, seats, attendance; trainers are
left to CP-SAT), the search starts from there.

Measured on the default scenario (60 s): 1,479 seats, the proven bound, with this start,
against 1,455–1,474 without (see README, Performance).

Its tuning (:class:`optimizer.domain.options.Tuning`): ``warm_start_targets``, shares of the
coverage bound tried in order until the integer program has a solution: high, yet with room
for cheap configurations (measured on the default scenario, 60 s: 0.987 → 1,477 seats,
0.995 → 1,479, the bound; 1.0 → no solution, 1,456 seats); ``warm_start_node_limit``, the
integer program's deterministic work limit; ``warm_start_gap``, the share of the cheapest
cost within which it stops: the hint needs cheap configurations, not a proof (measured on 2
cores: the default scenario's program took 10.5 s to prove, 6.3 s at 1 %, cost +0.5 %; the
1× benchmark instance's 30 s, its time limit, with the same plan as at 1 %, against 3.3 s).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import time
from collections import defaultdict

from ortools.math_opt.python import mathopt
from ortools.sat.python import cp_model

from optimizer.domain.options import CancelToken, Tuning
from optimizer.domain.problem import ProblemData
from optimizer.model.requirements import Baseline, previous_hint
from optimizer.model.variables import Variables
from optimizer.solve.bound import Column, ConfigurationLP
from optimizer.solve.greedy import dated_greedy_plan

log = logging.getLogger(__name__)


def greedy_hint(
    data: ProblemData, v: Variables, tuning: Tuning, cancel: CancelToken | None = None,
) -> tuple[dict[cp_model.IntVar, int], dict[int, int]]:
    """The dated greedy plan as a complete hint of the master and its slots by event
    (both empty if the greedy holds no event)."""
    events, slots = dated_greedy_plan(data, tuning, cancel)
    if not events:
        return {}, {}
    base = Baseline(
        held={ev.event for ev in events},
        teaches={(k, ev.event) for ev in events for k in ev.trainers},
        attends={(c, ev.event): n for ev in events for c, n in ev.seats.items() if n > 0},
        slot={ev.event: slots[ev.event] for ev in events},
    )
    return previous_hint(data, v, base), slots


def configuration_hint(
    data: ProblemData, v: Variables, seconds: float, lp: ConfigurationLP, tuning: Tuning,
) -> tuple[dict[cp_model.IntVar, int], int] | None:
    """A partial hint for the master from the configuration columns and its seats, or
    ``None``; all of it within ``seconds`` (each LP at most a third of them)."""
    deadline = time.perf_counter() + seconds

    def left(share: float = 1.0) -> float:
        return max(min(share * seconds, deadline - time.perf_counter()), 0.05)

    reach = lp.coverage(weighted=False, time_limit_s=left(1 / 3))
    if not math.isfinite(reach.bound) or reach.bound <= 0:
        return None
    chosen = None
    for share in tuning.warm_start_targets:
        if deadline - time.perf_counter() < 0.5 or lp.cancelled:
            break
        target = math.floor(share * reach.bound)
        lp.cost(target, stop_when_rounded=False, time_limit_s=left(1 / 3))
        if lp.cancelled:  # (HiGHS through MathOpt cannot be interrupted: not started)
            break
        chosen = _cheapest_configurations(data, lp, target, left(), tuning)
        if chosen is not None:
            break
    if chosen is None:
        return None
    log.info("warm start: %d configurations, %d seats", len(chosen),
             sum(col.participants for col in chosen.values()))
    return (_configuration_values(data, v, chosen),
            sum(col.participants for col in chosen.values()))


def cost_hint(
    data: ProblemData, v: Variables, lp: ConfigurationLP, values: dict[int, int], seconds: float,
    tuning: Tuning,
) -> dict[int, int] | None:
    """A hint for the cost stage (variable index -> value): the plan ``values`` with the
    cheapest pooled configurations of its seats in place of its own events, if those are
    cheaper in fees and catering; ``None`` otherwise.

    The pool holds the cost LP's columns at those seats (the caller ran it) and, added here,
    the plan's own events, so the integer program always has the plan as a solution. Its
    rows keep the trainers' total capacity and that of each role; which trainer teaches a
    changed event is left to CP-SAT (the hint keeps the plan's trainers where an event
    keeps its trainer count and leaves them open where it changes;
    :func:`optimizer.solve.start.complete_start` fills them in).
    """
    seats = v.seat_total(values)
    own = 0
    for e, event in enumerate(data.events):
        if not values[v.held[e].index]:
            continue
        members = {c: values[v.seats[c, e].index] for c in event.council_idcs}
        col = lp.make_column(e, 2 if values[v.two[e].index] else 1, members)
        lp.remember(col)
        own += col.cost_cents
    if lp.cancelled:
        return None
    chosen = _cheapest_configurations(data, lp, seats, seconds, tuning, trainer_rows=True)
    if chosen is None:
        return None
    cheaper = sum(col.cost_cents for col in chosen.values())
    log.info("cost start: configurations %.0f € against the plan's %.0f €", cheaper / 100,
             own / 100)
    if cheaper >= own:
        return None
    hint = dict(values)
    for var, value in _configuration_values(data, v, chosen).items():
        hint[var.index] = value
    for e, event in enumerate(data.events):
        config = chosen.get(e)
        kept = (config is not None and values[v.held[e].index]
                and config.trainers == 1 + values[v.two[e].index])
        if kept:
            continue
        for k in event.trainer_idcs:
            if config is None:
                hint[v.teaches[k, e].index] = 0
            else:
                del hint[v.teaches[k, e].index]
            if (k, e) in v.teaches_consec:
                hint.pop(v.teaches_consec[k, e].index, None)
        if config is not None:
            hint.pop(v.consecutive[e].index, None)
    return hint


def _configuration_values(
    data: ProblemData, v: Variables, chosen: dict[int, Column]
) -> dict[cp_model.IntVar, int]:
    """Events, trainer counts, participants, seats and attendance of ``chosen``."""
    hint: dict[cp_model.IntVar, int] = {}
    for e, event in enumerate(data.events):
        config = chosen.get(e)
        members = dict(config.seats) if config else {}
        hint[v.held[e]] = int(config is not None)
        hint[v.two[e]] = int(config is not None and config.trainers == 2)
        hint[v.participants[e]] = config.participants if config else 0
        for c in event.council_idcs:
            hint[v.seats[c, e]] = members.get(c, 0)
            hint[v.attends[c, e]] = int(c in members)
    return hint


def _cheapest_configurations(
    data: ProblemData, lp: ConfigurationLP, target: int, seconds: float, tuning: Tuning,
    trainer_rows: bool = False,
) -> dict[int, Column] | None:
    """The cheapest set of pooled configurations with at least ``target`` seats (one per
    event, one event per council and module, R5b), by event; ``None`` without a solution.
    ``trainer_rows``: also at most the trainers' total ``max_events`` in trainer units, and
    at most each role's in two-trainer events (R10–R12, aggregated)."""
    model = mathopt.Model()
    pick = [model.add_binary_variable() for _ in lp.pool]
    per_event: dict[int, list[mathopt.Variable]] = defaultdict(list)
    per_council: dict[tuple[int, int], list[mathopt.Variable]] = defaultdict(list)
    module2_minus_1: dict[int, list[tuple[int, mathopt.Variable]]] = defaultdict(list)
    for x, col in zip(pick, lp.pool, strict=True):
        module = data.events[col.event].module
        per_event[col.event].append(x)
        for c, seats in col.seats:
            per_council[c, module].append(x)
            module2_minus_1[c].append((seats if module == 2 else -seats, x))
    for group in (*per_event.values(), *per_council.values()):
        model.add_linear_constraint(mathopt.fast_sum(group) <= 1)
    for c, terms in module2_minus_1.items():  # R5b
        model.add_linear_constraint(
            mathopt.fast_sum(a * x for a, x in terms) <= data.councils[c].trained_m1
        )
    model.add_linear_constraint(
        mathopt.fast_sum(col.participants * x for x, col in zip(pick, lp.pool, strict=True))
        >= target
    )
    if trainer_rows:
        capacity = {role: sum(t.max_events for t in data.trainers if t.role == role)
                    for role in ("educator", "council")}
        model.add_linear_constraint(mathopt.fast_sum(
            col.trainers * x for x, col in zip(pick, lp.pool, strict=True)
        ) <= sum(capacity.values()))
        tandems = mathopt.fast_sum(
            x for x, col in zip(pick, lp.pool, strict=True) if col.trainers == 2)
        model.add_linear_constraint(tandems <= min(capacity.values()))
    model.minimize(
        mathopt.fast_sum(col.cost_cents * x for x, col in zip(pick, lp.pool, strict=True))
    )
    params = mathopt.SolveParameters(
        node_limit=tuning.warm_start_node_limit, relative_gap_tolerance=tuning.warm_start_gap,
        time_limit=dt.timedelta(seconds=max(seconds, 0.05)),
    )
    result = mathopt.solve(model, mathopt.SolverType.HIGHS, params=params)
    if not result.has_primal_feasible_solution():
        return None
    return {col.event: col for x, col in zip(pick, lp.pool, strict=True)
            if result.variable_values(x) > 0.5}
