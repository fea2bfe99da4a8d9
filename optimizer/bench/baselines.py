"""Baselines the benchmarks compare the CP-SAT planner with (issue 6, item 2).

* :func:`greedy_as_plan`: the planner's rule of thumb (:func:`optimizer.solve.greedy.greedy_plan`)
  dated by :func:`optimizer.solve.dating.schedule` and written as a :class:`Plan`, so the
  independent validator can check it like any plan.
* :func:`highs_coverage`: the *same* date-free master model as the CP-SAT planner (every row
  of :func:`optimizer.model.cpmodel.build_model`, translated one to one by
  :func:`optimizer.solve.bound.master_mathopt`) solved as a MIP by HiGHS through OR-Tools
  MathOpt, coverage stage only (R17 stage 1: maximise covered seats within the budget; the
  cost of the solution found is reported, not minimised). A master solution is a plan only
  once it is dated: its events go to the same scheduling subproblem the decomposed solver
  uses; if no calendar exists the result says so (``dated`` is false) and no Benders loop is
  run (on the default scenario the master's date necessities make that rare).
* The LP bound of the master with the trainer-count cut is
  :func:`optimizer.solve.bound.plain_lp_bound`; the configuration LP is
  :class:`optimizer.solve.bound.ConfigurationLP`. Both are used as they are.

HiGHS and the ``highspy`` package cannot share a process with OR-Tools; HiGHS here is the one
bundled in OR-Tools, reached through MathOpt (as in :mod:`optimizer.solve.warmstart`).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.math_opt.python import mathopt
from ortools.sat.python import cp_model

from optimizer.domain.options import STAGE_COVERAGE
from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData
from optimizer.domain.scenario import SolverSettings
from optimizer.model.constraints import coverage_expr
from optimizer.model.cpmodel import build_model
from optimizer.model.variables import create_variables
from optimizer.solve.bound import master_mathopt
from optimizer.solve.dating import schedule
from optimizer.solve.extract import build_plan
from optimizer.solve.greedy import GreedyEvent

# The exact conversions the greedy and the solver use before dating (reused, not copied, so
# the baselines are dated exactly as those are).
from optimizer.solve.greedy import chosen_events as greedy_chosen
from optimizer.solve.stage import StageResult, master_events

log = logging.getLogger(__name__)

__all__ = ["MipResult", "greedy_as_plan", "highs_coverage"]

#: progress(seconds since the call, coverage or None, bound or None), as HiGHS reports it
MipProgressFn = Callable[[float, float | None, float | None], None]
#: A row of HiGHS's MIP log table: [source letter] nodes, queue, leaves, explored %,
#: best bound, best solution, … (values of the minimised internal objective).
_HIGHS_ROW = re.compile(r"^\s*(?:[A-Za-z]\s+)?\d+\s+\d+\s+\d+\s+[\d.]+%\s+(\S+)\s+(\S+)\s")



def parse_highs_row(line: str) -> tuple[float, float] | None:
    """(best bound, best solution) of one row of HiGHS's MIP log table, ``None`` for any
    other line. Values are of HiGHS's (minimised) objective; ``inf`` where none exists."""
    match = _HIGHS_ROW.match(line)
    if match is None:
        return None
    try:
        best_bound, best_solution = (float(x) for x in match.groups())
    except ValueError:
        return None
    return best_bound, best_solution


#: Time for dating a master or greedy solution (CP-SAT deterministic seconds, one worker).
SCHEDULE_SECONDS = 10.0


def greedy_as_plan(data: ProblemData, events: list[GreedyEvent], seconds: float = 0.0,
                   slots: dict[int, int] | None = None) -> Plan:
    """The greedy plan ``events`` with dates, trainers, assignments and exact costs.

    ``greedy_plan`` guarantees that :func:`schedule` dates exactly these events; the calendar
    is asked for the kind each event is costed with, so the plan costs what the greedy
    computed (R13–R15 recomputed by :func:`build_plan`). ``slots``: the calendar to use
    instead (e.g. that of :func:`optimizer.solve.greedy.dated_greedy_plan`).
    """
    if slots is None:
        slots = schedule(data, greedy_chosen(data, events), seconds=SCHEDULE_SECONDS).slots
    if slots is None:  # greedy_plan only returns events that have a calendar
        raise RuntimeError("greedy plan without a calendar")
    v = create_variables(cp_model.CpModel(), data)
    values: dict[int, int] = {}
    for ev in events:
        values[v.held[ev.event].index] = 1
        values[v.participants[ev.event].index] = ev.participants()
        for c, n in ev.seats.items():
            values[v.seats[c, ev.event].index] = n
        for k in ev.trainers:
            values[v.teaches[k, ev.event].index] = 1
    seats = sum(ev.participants() for ev in events)
    stage = StageResult(name=STAGE_COVERAGE, status=int(cp_model.FEASIBLE), objective=seats,
                        bound=None, seconds=seconds, values=values, slots=slots)
    plan = build_plan(data, v, [stage], stage, SolverSettings(workers=1), seconds=seconds)
    return plan.model_copy(update={"solver": "greedy (optimizer.solve.greedy)"})


@dataclass(frozen=True)
class MipResult:
    """HiGHS on the master's coverage stage.

    ``coverage`` and ``bound`` are the master's objective and HiGHS's proven bound (plain
    seats by default); ``plan`` is the dated plan (``None`` without a solution or calendar).
    """

    termination: str  # MathOpt termination reason, e.g. "OPTIMAL", "FEASIBLE", "NO_SOLUTION_FOUND"
    coverage: float | None
    bound: float | None
    seconds: float
    build_seconds: float
    plan: Plan | None
    dated: bool

    @property
    def optimal(self) -> bool:
        return self.termination == "OPTIMAL"


def highs_coverage(
    data: ProblemData, time_limit_s: float, seed: int = 0, progress: MipProgressFn | None = None
) -> MipResult:
    """Maximise covered seats (R17 stage 1) of the master model as a MIP with HiGHS.

    ``progress`` receives every incumbent and bound HiGHS logs, timed when the log line
    arrives (from the start of this call, model translation included). MathOpt offers no
    solution callback for HiGHS, so the log table is read; a line that does not parse is
    skipped, so at worst the progress is incomplete, never wrong.
    """
    started = time.perf_counter()
    model, v, _ = build_model(data)
    model.maximize(coverage_expr(data, v))
    mip, xs = master_mathopt(model, integer=True)
    objective = model.proto.objective
    scale = objective.scaling_factor or 1.0
    build_seconds = time.perf_counter() - started
    params = mathopt.SolveParameters(time_limit=dt.timedelta(seconds=time_limit_s),
                                     random_seed=seed)
    def on_log(lines: list[str]) -> None:
        now = time.perf_counter() - started
        for line in lines:
            row = parse_highs_row(line)
            if progress is None or row is None:
                continue
            best_bound, best_solution = row
            progress(now,
                     scale * (best_solution + objective.offset)
                     if math.isfinite(best_solution) else None,
                     scale * (best_bound + objective.offset)
                     if math.isfinite(best_bound) else None)

    t0 = time.perf_counter()
    result = mathopt.solve(mip, mathopt.SolverType.HIGHS, params=params, msg_cb=on_log)
    seconds = time.perf_counter() - t0
    reason = result.termination.reason.name
    dual = result.termination.objective_bounds.dual_bound
    bound = scale * (dual + objective.offset) if abs(dual) != float("inf") else None
    if not result.has_primal_feasible_solution():
        return MipResult(reason, None, bound, seconds, build_seconds, None, False)
    coverage = scale * (result.objective_value() + objective.offset)
    values = {i: round(value) for i, value in enumerate(result.variable_values(xs))}
    calendar = schedule(data, master_events(data, v, values), seconds=SCHEDULE_SECONDS,
                        seed=seed)
    if calendar.slots is None:
        log.warning("HiGHS master solution has no calendar (%s)",
                    "infeasible" if calendar.infeasible else "time limit")
        return MipResult(reason, coverage, bound, seconds, build_seconds, None, False)
    status = cp_model.OPTIMAL if reason == "OPTIMAL" else cp_model.FEASIBLE
    stage = StageResult(name=STAGE_COVERAGE, status=int(status), objective=coverage,
                        bound=bound, seconds=seconds, values=values, slots=calendar.slots)
    plan = build_plan(data, v, [stage], stage,
                      SolverSettings(time_limit_s=time_limit_s, workers=1, seed=seed),
                      seconds=seconds)
    plan = plan.model_copy(update={"solver": "HiGHS (OR-Tools MathOpt), coverage stage only"})
    return MipResult(reason, coverage, bound, seconds, build_seconds, plan, True)
