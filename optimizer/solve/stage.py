"""One lexicographic stage of the solve (R17): its objective, one run of it, its result.

A :class:`Stage` is one objective (coverage, cost, …) that is optimised and then fixed at its
value for the next. :func:`run_stage` solves the model's current objective until a deadline
and dates the result: the ``decomposed`` formulation gives the master's solution to
:func:`optimizer.solve.dating.schedule`; if no calendar exists, a no-good cut on the
solution's trainer, kind and attendance literals is added and the stage re-solved
(logic-based Benders, at most ``Tuning.max_cuts`` cuts). The ``monolithic`` formulation reads
the dates off the solution. A :class:`StageResult` is what the plan is built from
(:func:`optimizer.solve.extract.build_plan`).
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from optimizer.domain.options import Progress, ProgressFn, SolveOptions, Tuning
from optimizer.domain.problem import ProblemData
from optimizer.domain.scenario import SolverSettings
from optimizer.model.variables import Variables
from optimizer.solve.clock import Clock
from optimizer.solve.dating import Calendar, ChosenEvent, Item, conflict, requirements, schedule

log = logging.getLogger(__name__)


def solve_options(settings: SolverSettings) -> SolveOptions:
    """``settings`` as :class:`SolveOptions` (a plain ``SolverSettings`` gets the default
    tuning and formulation)."""
    if isinstance(settings, SolveOptions):
        return settings
    return SolveOptions.model_validate(settings.model_dump())


@dataclass
class StageResult:
    """One stage's outcome: solver status, objective, bound and the dated solution."""

    name: str
    status: int  # a cp_model status (OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN, …)
    objective: float | None
    bound: float | None
    seconds: float
    values: dict[int, int] | None = None  # variable index -> value
    slots: dict[int, int] | None = None  # candidate event -> slot index
    cuts: int = 0


@dataclass
class Stage:
    """One lexicographic objective: optimised, then fixed at its value for the next."""

    name: str
    expr: cp_model.LinearExpr
    maximize: bool
    end_share: float  # the stage's deadline, as a share of the time limit
    #: Optional secondary objective that only breaks ties (maximised stages): CP-SAT
    #: maximises ``scale·expr − tie_break``; ``0 ≤ tie_break < scale`` must hold.
    tie_break: cp_model.LinearExpr | None = None
    scale: int = 1


@dataclass
class Search:
    """What every CP-SAT run of one solve shares: the model and its variables, the clock
    (with the cancel token), the tuning, and where progress goes (times since ``started``)."""

    data: ProblemData
    model: cp_model.CpModel
    v: Variables
    clock: Clock
    tuning: Tuning
    progress: ProgressFn | None
    started: float

    def report(self, stage: str, objective: float, bound: float | None) -> None:
        """Send one progress event (if anyone listens)."""
        if self.progress is not None:
            self.progress(Progress(stage, objective, bound,
                                   time.perf_counter() - self.started))


class _Progress(cp_model.CpSolverSolutionCallback):
    """Forwards improving solutions and bounds of one stage to the search's progress."""

    def __init__(self, stage: str, search: Search, scale: int = 1):
        super().__init__()
        self._stage, self._search = stage, search
        self._scale = scale  # a tie-broken stage reports its primary objective
        self.last_bound: float | None = None
        self.last_objective: float | None = None

    def on_solution_callback(self) -> None:
        self.last_objective = self.objective_value
        self.last_bound = self.best_objective_bound
        self._emit()

    def on_bound(self, bound: float) -> None:
        self.last_bound = bound
        self._emit()

    def _emit(self) -> None:
        if self._search.progress is not None and self.last_objective is not None:
            bound = self.last_bound if self.last_bound is not None else self.last_objective
            self._search.report(self._stage, self.last_objective / self._scale,
                                bound / self._scale)


def master_events(data: ProblemData, v: Variables, values: dict[int, int]) -> list[ChosenEvent]:
    """The master solution's events (variable index -> value), as the scheduling
    subproblem needs them."""
    events = []
    for e, cand in enumerate(data.events):
        if not values[v.held[e].index]:
            continue
        trainers = tuple(k for k in cand.trainer_idcs if values[v.teaches[k, e].index])
        kind_matters = any((k, e) in v.teaches_consec for k in trainers)
        events.append(ChosenEvent(
            event=e,
            trainers=trainers,
            councils=tuple(c for c in cand.council_idcs if values[v.attends[c, e].index]),
            consecutive=bool(values[v.consecutive[e].index]) if kind_matters else None,
        ))
    return events


def no_good(model: cp_model.CpModel, v: Variables, items: list[Item]) -> None:
    """Forbid every master solution that meets all of these calendar requirements together
    (no calendar can meet them; see :func:`optimizer.solve.dating.conflict`)."""
    literals: list[cp_model.LiteralT] = []
    for kind, e, other in items:
        if kind == "trainer":
            literals.append(v.teaches[other, e])
        elif kind == "kind":
            literals.append(v.held[e])
            literals.append(v.consecutive[e] if other else ~v.consecutive[e])
        elif kind == "attend":
            literals.append(v.attends[other, e])
        else:
            literals.extend((v.held[e], v.held[other]))
    model.add_bool_or([~lit for lit in literals])


def hint_values(model: cp_model.CpModel, values: dict[int, int] | None) -> None:
    """Replace the model's hint by a complete solution (variable index -> value)."""
    model.clear_hints()
    for index, hinted in (values or {}).items():
        model.add_hint(model.get_int_var_from_proto_index(index), hinted)


def _solve_master(
    search: Search, name: str, until: float, t0: float, cuts: int, repair_hint: bool,
    scale: int,
) -> tuple[StageResult, dict[int, int] | None]:
    """One CP-SAT run of the current objective until ``until`` on the clock: the stage
    result (objective and bound of the primary objective) and the values, if any."""
    clock, model = search.clock, search.model
    solver = clock.solver(until - clock.elapsed())
    solver.parameters.repair_hint = repair_hint
    callback = _Progress(name, search, scale)
    solver.best_bound_callback = callback.on_bound
    status = clock.solve(solver, model, callback)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    result = StageResult(
        name=name, status=int(status),
        objective=solver.objective_value if found else None,
        # (a run that ends UNKNOWN, e.g. within presolve, may report 0 for a maximised
        # objective, which is no bound)
        bound=solver.best_objective_bound if found else None,
        seconds=time.perf_counter() - t0, cuts=cuts,
    )
    if scale > 1:
        if result.objective is not None:
            result.objective = float(math.ceil(result.objective / scale - 1e-9))
        if result.bound is not None:
            result.bound = float(math.floor((result.bound + scale - 1) / scale + 1e-9))
    log.info("stage %s: %s, objective %s, bound %s (%.2fs)", name,
             solver.status_name(status), result.objective, result.bound, result.seconds)
    if result.objective is None:
        return result, None
    values = {i: int(solver.value(model.get_int_var_from_proto_index(i)))
              for i in range(len(model.proto.variables))}
    return result, values


def _no_plan(result: StageResult) -> StageResult:
    """The stage found a master solution but no dated plan."""
    result.status = int(cp_model.UNKNOWN)
    result.objective = None
    return result


def run_stage(
    search: Search, name: str, deadline: float, *,
    preferred: dict[int, int] | None = None,
    repair_hint: bool = False,
    scale: int = 1,
    slot_hint: dict[int, int] | None = None,
    reserve: float = 0.0,
    final_plan: bool = False,
) -> StageResult:
    """Solve the current objective until ``deadline`` (on the search's clock); date the
    result (decomposed) or read its dates (monolithic). ``repair_hint``: the hint may be
    infeasible (a previous plan), CP-SAT first tries to repair it. ``scale`` > 1: the
    objective is ``scale·primary − tie_break`` with ``0 ≤ tie_break < scale`` (a maximised
    stage, see :class:`Stage`); objective and bound are reported for the primary.
    ``preferred``: slots to keep (a re-plan's previous calendar). ``slot_hint``: the calendar
    of the last dated plan, tried first. ``reserve``: seconds before the deadline kept for
    dating (at most a quarter of the stage's time; what dating does not use goes to the next
    stage). ``final_plan``: the calendar is spread over the period as long as the deadline
    allows (else for ``Tuning.spread_s``).

    Once the clock's cancel token is cancelled, a master solution found is not dated: the
    stage ends without a plan (the solve keeps its last dated plan).
    """
    data, v, clock = search.data, search.v, search.clock
    cuts = 0
    t0 = time.perf_counter()
    reserve = min(reserve, 0.25 * max(deadline - clock.elapsed(), 0.0))
    while True:
        result, values = _solve_master(search, name, deadline - reserve, t0, cuts,
                                       repair_hint, scale)
        if values is None:
            return result
        if v.has_dates:
            result.values = values
            result.slots = {e: values[v.slot[e].index] for e in range(data.num_events)}
            return result
        if clock.cancelled:
            log.info("stage %s: cancelled before its solution was dated", name)
            return _no_plan(result)
        chosen = master_events(data, v, values)
        calendar = _date(search, chosen, deadline, preferred, slot_hint, final_plan)
        if calendar.slots is not None:
            result.values, result.slots = values, calendar.slots
            return result
        if (not calendar.infeasible or cuts >= search.tuning.max_cuts
                or clock.elapsed() >= deadline or clock.cancelled):
            log.warning("stage %s: no calendar for the master solution", name)
            return _no_plan(result)
        items = conflict(data, chosen, seconds=max(deadline - clock.elapsed(), 1.0),
                         tuning=search.tuning, cancel=clock.cancel)
        no_good(search.model, v, items if items is not None else requirements(data, chosen))
        cuts += 1
        log.info("stage %s: no calendar exists, Benders cut %d added", name, cuts)


def _date(
    search: Search, chosen: list[ChosenEvent], deadline: float,
    preferred: dict[int, int] | None, slot_hint: dict[int, int] | None, final_plan: bool,
) -> Calendar:
    """A calendar for the master's events within the stage's time (at least 2 s)."""
    clock = search.clock
    left = max(deadline - clock.elapsed(), 2.0)
    return schedule(search.data, chosen, seconds=left, seed=clock.seed, preferred=preferred,
                    hint=slot_hint, wall_clock=not clock.deterministic,
                    spread_seconds=left if final_plan else search.tuning.spread_s,
                    tuning=search.tuning, cancel=clock.cancel)
