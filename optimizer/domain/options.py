"""Every value that changes how the planner searches, in one place: :class:`Tuning`, and the
options of each door of the public API (:class:`SolveOptions`, :class:`ExplainOptions`,
:class:`AlternativesOptions`); the progress events (:class:`Progress`) and the cancel token
(:class:`CancelToken`) that every long call takes.

The options are frozen pydantic models, so a value out of range is refused where it is given
(a ``ValidationError`` naming the field), and the values a plan was made with are recorded in
its ``plan.json`` (``tuning``, beside ``seed`` and ``workers``). Nothing in the solver reads a
module-level constant for these: tests and benchmarks pass a ``Tuning`` instead of patching.

The defaults were measured on the shipped NRW scenario on 2 cores (README "Performance");
shares are of the time limit unless said otherwise.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from optimizer.domain.scenario import Scenario, SolverSettings

Formulation = Literal["decomposed", "monolithic"]

#: Names of the lexicographic stages (plan.json ``stages[].name``; R17).
STAGE_REGIONS = "regions"
STAGE_COVERAGE = "coverage"
STAGE_CHANGES = "changes"
STAGE_COST = "cost"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Tuning(_Frozen):
    """How the solver spends its time and where it cuts corners; never what a plan may be.

    Changing a value changes how fast a plan is found or proven, never which plans are valid
    (the rules are in the scenario) nor what is optimal.
    """

    # --- the stages' deadlines (optimizer.solve.pipeline) ---
    coverage_share: float = Field(
        default=0.7, gt=0, le=1, description="end of the coverage stage in a plain run")
    regions_stage_end: float = Field(
        default=0.3, gt=0, le=1, description="end of the max-min regions stage (when it runs)")
    coverage_stage_end: float = Field(
        default=0.6, gt=0, le=1,
        description="end of the coverage stage when an optional stage runs")
    changes_stage_end: float = Field(
        default=0.85, gt=0, le=1,
        description="end of the changes stage of a re-plan (hard to prove)")
    explain_share: float = Field(
        default=0.2, gt=0, le=1, description="at least this share names conflicting requirements")
    calendar_share: float = Field(
        default=0.05, ge=0, le=1,
        description="kept for dating each stage's plan (at most a quarter)")
    spread_s: float = Field(
        default=2.0, ge=0, description="seconds to spread the calendar of a plan that is not final")
    stage_min_share: float = Field(
        default=0.1, ge=0, le=1,
        description="every stage runs at least this share of the limit, even past its end")
    max_cuts: int = Field(
        default=200, ge=0, description="Benders cuts per stage before it gives up on a calendar")
    wall_safety: float = Field(
        default=4.0, ge=1, description="with one worker: wall-clock cap as a multiple of the "
        "deterministic limit, so a very slow machine still stops")
    # --- the quick first plan and the warm starts (optimizer.solve.warmstart) ---
    first_plan_share: float = Field(
        default=0.1, ge=0, le=1, description="the quick first pass from the greedy plan")
    first_plan_max_s: float = Field(default=6.0, ge=0, description="... but at most this")
    first_plan_min_s: float = Field(
        default=2.0, ge=0, description="... and at least this (or first_plan_short_share)")
    first_plan_short_share: float = Field(
        default=0.2, ge=0, le=1, description="of a short limit, if below first_plan_min_s")
    warm_start_share: float = Field(
        default=0.25, ge=0, le=1, description="at most, for the configuration warm start")
    warm_start_max_s: float = Field(
        default=15.0, ge=0,
        description="... and never more (its integer program needs ~8 s on NRW)")
    warm_start_targets: tuple[float, ...] = Field(
        default=(0.995, 0.98), description="shares of the LP's seats the warm start's integer "
        "program aims at, tried in order")
    warm_start_node_limit: int = Field(
        default=5000, ge=1,
        description="deterministic work limit of the warm start's integer program")
    warm_start_gap: float = Field(
        default=0.01, ge=0, le=1, description="relative gap at which that program stops")
    cost_bound_share: float = Field(
        default=0.05, ge=0, le=1, description="the configuration LP's cost bound at the "
        "plan's seats (before the cost stage, or at the end)")
    cost_bound_min_s: float = Field(default=1.0, ge=0, description="... but at least this")
    cost_start_share: float = Field(
        default=0.1, ge=0, le=1, description="at most, for the cost stage's configuration start")
    complete_share: float = Field(
        default=0.25, ge=0, le=1,
        description="of the cost stage, for giving that start its trainers")
    complete_max_s: float = Field(default=10.0, ge=0, description="... but at most this")
    # --- the regional neighbourhood search (optimizer.solve.neighbourhood) ---
    regions_after_share: float = Field(
        default=0.3, ge=0, le=1, description="of the coverage stage before the search may start")
    regions_after_max_s: float = Field(
        default=10.0, ge=0, description="... but at most this long (a stall shows within seconds)")
    regions_share: float = Field(
        default=0.6, ge=0, le=1, description="of the rest of the stage for the search")
    regions_min_events: int = Field(
        default=50, ge=0, description="candidate events from which the search runs (smaller "
        "scenarios keep one uninterrupted proving run)")
    region_digits: tuple[int, ...] = Field(
        default=(5, 3),
        description="AGS digits of the regions tried: Kreise, then Regierungsbezirke")
    regions_min_rest_s: float = Field(
        default=1.0, ge=0, description="CP-SAT goes on after a search that found nothing "
        "only with at least this much of the stage left")
    # --- naming conflicting requirements (optimizer.solve.conflicts) ---
    conflicts_alone_share: float = Field(
        default=0.3, ge=0, le=1, description="of its time, testing each group alone")
    conflicts_core_share: float = Field(
        default=0.2, ge=0, le=1, description="... CP-SAT's assumption core of all groups")
    conflicts_deletion_share: float = Field(
        default=0.5, ge=0, le=1, description="... dropping groups one by one")
    conflicts_min_step_s: float = Field(
        default=0.2, gt=0, description="the least time one test gets")
    # --- dating (optimizer.solve.dating) ---
    dating_spread_gap: float = Field(
        default=0.05, ge=0, le=1, description="relative gap of spreading a calendar over the "
        "period (any calendar is valid; the spread is a nicety)")
    # --- the split by Land (optimizer.solve.decompose) ---
    parts_share: float = Field(
        default=0.55, ge=0, le=1, description="for the parts of a scenario of several Länder")
    # --- the greedy plan (optimizer.solve.greedy) ---
    greedy_trim_slack: int = Field(
        default=1, ge=0, description="an event at most this far above the tandem threshold is also "
        "priced trimmed to one trainer")
    greedy_dating_s: float = Field(default=5.0, ge=0, description="dating the greedy plan")
    greedy_spread_s: float = Field(
        default=0.0, ge=0, description="spreading the greedy plan's calendar (it is a start only)")
    # --- the configuration LP (optimizer.solve.bound) ---
    lp_time_limit_s: float = Field(
        default=60.0, gt=0, description="default limit of one configuration LP bound")
    lp_rounding_slack: float = Field(
        default=1e-6, ge=0, description="an LP value this close to an integer rounds to it")
    lp_reduced_profit_tol: float = Field(
        default=1e-6, ge=0, description="a column enters only with at least this reduced profit")
    lp_artificial_penalty_eur: float = Field(
        default=1e5, gt=0, description="first price of a missing seat in the cost LP")
    lp_max_penalty_eur: float = Field(
        default=1e11, gt=0, description="the price stops rising here (the LP is then infeasible)")


class SolveOptions(SolverSettings):
    """The options of one solve: the scenario's ``solver`` section (time limit, workers,
    seed) plus :class:`Tuning` and the formulation.

    ``SolveOptions.of(scenario, time_limit_s=20)`` starts from the scenario's own settings.
    """

    formulation: Formulation = "decomposed"
    tuning: Tuning = Field(default_factory=Tuning)

    @classmethod
    def of(cls, scenario: Scenario, **overrides: object) -> SolveOptions:
        """The scenario's solver settings with ``overrides`` (``None`` values are ignored);
        a value out of range raises pydantic's ``ValidationError`` naming the field."""
        given = {key: value for key, value in overrides.items() if value is not None}
        return cls.model_validate({**scenario.solver.model_dump(), **given})


class ExplainOptions(_Frozen):
    """Why-not explanations (:func:`optimizer.explain`): forced solves per council."""

    time_limit_s: float = Field(default=10.0, gt=0, description="seconds per forced solve")
    max_solves: int = Field(
        default=10, ge=0,
        description="forced solves at most (councils with most unmet seats first)")
    jobs: int = Field(default=2, ge=1, description="parallel processes (spawned)")
    councils: tuple[str, ...] = Field(
        default=(), description="forced solves only for these council IDs (empty: those "
        "with most unmet seats)")


class AlternativesOptions(_Frozen):
    """Near-optimal, clearly different plans (:func:`optimizer.alternatives`)."""

    count: int = Field(default=1, ge=0, description="alternatives wanted")
    tolerance: float = Field(
        default=0.05, ge=0, le=1,
        description="an alternative costs at most (1 + tolerance) × the plan")
    min_diff: int = Field(
        default=2, ge=1, description="at least this many events (site, module) differ")


@dataclass(frozen=True)
class Progress:
    """One improvement of a stage: its best value and proven bound so far.

    ``objective`` and ``bound`` are in the stage's unit: seats (coverage), cents (cost),
    changes, or per mille of the reachable seats (regions). ``bound`` is ``None`` until a
    bound is known; ``seconds`` since the solve started.
    """

    stage: str
    objective: float
    bound: float | None
    seconds: float


ProgressFn = Callable[[Progress], None]


class CancelToken:
    """Stops a running solve from another thread: the current CP-SAT search ends at once,
    no further stage starts, and the solve returns its best plan so far.

    Solvers register themselves while they run (:meth:`watch`); :meth:`cancel` stops them.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._running: list[Callable[[], None]] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()
        with self._lock:
            stops = list(self._running)
        for stop in stops:
            stop()

    def watch(self, stop: Callable[[], None]) -> Callable[[], None]:
        """Register ``stop`` (e.g. a CP-SAT solver's ``stop_search``) until the returned
        function is called; if already cancelled, ``stop`` runs at once."""
        with self._lock:
            self._running.append(stop)
        if self.cancelled:
            stop()

        def release() -> None:
            with self._lock:
                if stop in self._running:
                    self._running.remove(stop)

        return release
