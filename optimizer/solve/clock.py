"""The time budget of one solve, and CP-SAT runs that a :class:`CancelToken` can stop.

With several workers the budget is wall-clock time. With one worker it is CP-SAT's
deterministic time (about seconds on a current machine), so one worker and a fixed seed give
the same plan on any machine and under any load; a wall-clock safety net of
``Tuning.wall_safety`` × the budget stops a very slow machine.

Every CP-SAT solve of the pipeline goes through :func:`solve_watched`: while it runs, the
cancel token may stop it (``stop_search``); CP-SAT then returns its best solution so far.
"""

from __future__ import annotations

import os
import time
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

from ortools.sat.python import cp_model

from optimizer.domain.options import CancelToken, Tuning
from optimizer.domain.scenario import SolverSettings

Key = TypeVar("Key", bound=Hashable)


def single_worker(seconds: float, seed: int | None, tuning: Tuning) -> cp_model.CpSolver:
    """One worker (assumption cores need it; the answer depends only on the data), on
    deterministic time with the wall-clock safety net; ``seed`` ``None``: CP-SAT's own."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    if seed is not None:
        solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = max(seconds, 0.1)
    solver.parameters.max_time_in_seconds = tuning.wall_safety * max(seconds, 0.1)
    return solver


def infeasible_under(
    model: cp_model.CpModel, literal: Mapping[Key, cp_model.IntVar], keys: Sequence[Key],
    solver: cp_model.CpSolver, cancel: CancelToken | None,
) -> tuple[bool, list[Key]]:
    """Solve with the literals of ``keys`` assumed true: (proved infeasible, CP-SAT's core
    among them, or all of them if it names none). Not guaranteed minimal (SOLVER-NOTES)."""
    model.clear_assumptions()
    model.add_assumptions([literal[k] for k in keys])
    if solve_watched(solver, model, cancel) != cp_model.INFEASIBLE:
        return False, list(keys)
    by_index = {literal[k].index: k for k in keys}
    core = [by_index[j] for j in solver.sufficient_assumptions_for_infeasibility()
            if j in by_index]
    return True, core or list(keys)


def solve_watched(
    solver: cp_model.CpSolver, model: cp_model.CpModel, cancel: CancelToken | None,
    callback: cp_model.CpSolverSolutionCallback | None = None,
) -> cp_model.CpSolverStatus:
    """``solver.solve(model, callback)``, stopped by ``cancel`` while it runs.

    ``stop_search`` reaches only a running search, so a token that is already cancelled sets
    the limits to zero instead: CP-SAT returns at once (UNKNOWN) with a complete response.
    """
    if cancel is None:
        return solver.solve(model, callback)
    if cancel.cancelled:
        solver.parameters.max_time_in_seconds = 0.0
        solver.parameters.max_deterministic_time = 0.0
    release = cancel.watch(solver.stop_search)
    try:
        return solver.solve(model, callback)
    finally:
        release()


class Clock:
    """The time budget of one solve (module docstring), and its cancel token."""

    def __init__(self, settings: SolverSettings, tuning: Tuning,
                 cancel: CancelToken | None = None):
        self.workers = settings.workers or os.cpu_count() or 1
        self.seed = settings.seed
        self.deterministic = self.workers == 1
        self.wall_safety = tuning.wall_safety
        self.cancel = cancel
        self._started = time.perf_counter()
        self._used = 0.0

    @property
    def cancelled(self) -> bool:
        """Whether the solve was cancelled: no further stage or step starts."""
        return self.cancel is not None and self.cancel.cancelled

    def elapsed(self) -> float:
        return self._used if self.deterministic else time.perf_counter() - self._started

    def solver(self, seconds: float) -> cp_model.CpSolver:
        """A CP-SAT solver limited to ``seconds`` of this clock."""
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = self.workers
        params.random_seed = self.seed
        if self.deterministic:
            params.max_deterministic_time = max(seconds, 0.05)
            params.max_time_in_seconds = self.wall_safety * max(seconds, 1.0)
        else:
            params.max_time_in_seconds = max(seconds, 0.05)
        return solver

    def solve(self, solver: cp_model.CpSolver, model: cp_model.CpModel,
              callback: cp_model.CpSolverSolutionCallback | None = None
              ) -> cp_model.CpSolverStatus:
        """Run ``solver`` on ``model`` (stopped by the cancel token) and charge its time."""
        status = solve_watched(solver, model, self.cancel, callback)
        self.charge(solver)
        return status

    def charge(self, solver: cp_model.CpSolver) -> None:
        """Count the deterministic time ``solver`` used (one worker)."""
        if self.deterministic:
            self._used += solver.response_proto.deterministic_time

    def spend(self, seconds: float) -> None:
        """Count ``seconds`` given to other solves (their own deterministic limits)."""
        if self.deterministic:
            self._used += seconds
