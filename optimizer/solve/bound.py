"""Configuration LP bounds (Dantzig–Wolfe / Gilmore–Gomory), solved by column generation.

Why: the LP relaxation of the master model (:mod:`optimizer.model.constraints`) spreads a
council fractionally over several events and holds events at exactly ``hi1`` participants
(one trainer) or ``hi2`` (two), so it under-prices plans in which each council goes whole to
one event per module (a bin-packing gap). Here every LP column is one whole, integer
*configuration* of one event, so the LP pays for the trainers a configuration really needs.

Only for the default rule ``max_events_per_council_module == 1`` (R8); otherwise
:func:`coverage_upper_bound` and :func:`cost_lower_bound` return ``None``.

Configuration LP
----------------
A *column* ``j`` is a configuration of one candidate event ``e = e(j)`` of module ``m``: a
trainer count ``T_j`` and seats ``s_cj`` for councils ``c`` of the catchment of ``e`` with

* ``1 ≤ s_cj ≤ cap_c`` for the councils that attend, ``cap_c = min(interest_cm, hi2)``, and
  for module 2 also ``≤ interested_m1 + trained_m1`` (R5b with R8) (R6, R7, R8);
* ``p_j = Σ_c s_cj ∈ [lo1, hi1]`` with ``T_j = 1`` or ``∈ [lo2, hi2]`` with ``T_j = 2``
  (R6, R11; ``lo1 = min_participants``, ``hi1 = min(two_trainer_min − 1, max_participants)``,
  ``lo2 = max(two_trainer_min, min_participants)``, ``hi2 = max_participants``);
* trainers exist for it: ``T = 1`` needs a trainer of ``trainer_idcs(e)``, ``T = 2`` an
  educator and a council-side trainer of it, free on slots of a common pattern kind
  (R10–R12).

``travel(k, e)`` is the least travel of trainer ``k`` at ``e`` over the pattern kinds (week
apart, consecutive) of the slots of ``e`` on which ``k`` is free (R2, R12, R14). Master LP
over all columns (``λ_j ≥ 0``; ``K_k = max_events`` of trainer ``k``)::

    max  Σ_j w_m(j)·p_j·λ_j + bonus·Σ_s y_s                       (coverage, R17, R4)
    min  Σ_j cost_j·λ_j + Σ_ke travel(k, e)·u_ke                  (cost, R13–R15)
         s.t. Σ_j p_j·λ_j ≥ min_seats
    cost_j = fee·T_j + catering·(p_j + T_j)                                   (R13, R15)
    Σ_{j∈e} λ_j ≤ 1                                   per candidate event        (R3)
    Σ_{j∋c, m(j)=m} λ_j ≤ 1                           per council and module     (R8)
    Σ_{j∈M2} s_cj·λ_j − Σ_{j∈M1} s_cj·λ_j ≤ trained_c  per council                (R5b)
    Σ_{j∈e, T_j=2} λ_j ≤ Σ_{k∈e, educator} u_ke       per event, same for council (R10, R11)
    Σ_{j∈e} T_j·λ_j ≤ Σ_{k∈e} u_ke                    per event                  (R11)
    Σ_e u_ke ≤ K_k,  0 ≤ u_ke ≤ 1,  k ∈ trainer_idcs(e)                         (R12)
    Σ_j cost_j·λ_j + Σ_ke travel(k, e)·u_ke ≤ budget                            (R16)
    y_s ≤ Σ_{j∈e1(s)} λ_j,  y_s ≤ Σ_{j∈e2(s)} λ_j,  0 ≤ y_s ≤ 1   (R4 bonus, only if > 0)

``u_ke`` is the (fractional) assignment of trainer ``k`` to event ``e``: the trainer rows are
a transportation problem from trainers (capacity ``max_events``, only to events they may
teach) to the events' demand of educators, council-side trainers and trainers of either role
(one-trainer events take either), and travel is priced per trainer, so it rises when the
nearest trainers are used up.

``trainers="aggregate"`` (the brief's variant) replaces ``u`` by aggregated rows and a travel
lower bound per column: demand *types* ``(m, educator)``, ``(m, council)`` (a unit each per
two-trainer event of module ``m``) and ``(m, any)`` (a unit per one-trainer event); for every
set ``S`` of types ``Σ_j a_Sj·λ_j ≤ Σ_{k∈N(S)} K_k`` (``a_Sj``: units of ``S`` that ``j``
demands; ``N(S)``: trainers teaching a module of ``S`` in a role of ``S``) — Hall's
conditions of the same transportation problem with the events merged per module, so they
include the rows per module, in total and per role — and ``cost_j`` adds
``travel_lb(e, 1) = min_k travel(k, e)``, ``travel_lb(e, 2) = min_κ [min_{educator}
travel_κ + min_{council} travel_κ]`` (both trainers on one kind ``κ``). On the default
scenario it is 0.2–0.3 % weaker (cost) and about 40 % faster.

The cost LP leaves the budget row out: with it, the optimum is the same when that is within
the budget and there is none otherwise; so :meth:`ConfigurationLP.cost` returns ``inf`` when
its bound exceeds the budget. (With the row in, the seat dual grows without limit near the
largest coverage.)

Rounding cut on the trainer count
---------------------------------
Before the cost LP, the same master with the objective ``min Σ_j T_j·λ_j`` (its own column
generation; pricing with fee 1 per trainer, no catering, no travel) bounds the number of
trainer assignments ``N = Σ_e (held_e + two_e)`` of any plan with ``min_seats`` seats from
below. ``N`` is an integer, so ``N ≥ ⌈that bound⌉`` and the cost LP gets the row
``Σ_j T_j·λ_j ≥ ⌈bound⌉`` (with an artificial variable at a penalty, like the seat row, so
that the restricted master stays feasible; its dual ``δ`` is clipped to that penalty and
adds ``δ·T`` to ``K_e(T)``). On the default scenario at 1,479 seats: 147.14 → 148 trainer
assignments, cost bound 175,193 → 175,882 €.

Why it is a relaxation
----------------------
Take any plan that keeps R3, R5b, R6–R8 (at most one event per council and module), R10–R12
and R16: every valid plan, and every solution of the date-free master model. For each held
event ``e`` let ``j(e)`` be the column of its trainer count and seats (councils with zero seats
left out); set ``λ_{j(e)} = 1``, all other ``λ = 0``, ``u_ke = 1`` if ``k`` teaches ``e`` (else
0) and ``y_s = both_s``.

* ``j(e)`` is a column: participants and seats keep R6, R8, R11; module-2 seats are at most
  module-1 seats plus ``trained_m1`` (R5b) and module-1 seats at most ``interested_m1`` (R8).
  Its trainers are in ``trainer_idcs(e)`` (:mod:`optimizer.domain.problem` keeps every trainer who
  teaches the module, has ``max_events > 0`` and is free on one of the site's slots), of the
  required roles (R10, R11), and free on the event's slot, whose kind is thus a common kind
  of theirs.
* Rows: one column per held event; one event per council and module (R8); the R5b row is
  R5b; the demand rows hold with equality; a trainer teaches at most ``max_events`` events
  (R12), each at most once; the aggregated rows are necessary conditions of that
  assignment; ``y_s = both_s`` meets the bonus rows.
* Cost: fees and catering are exact; a trainer's travel to an event is that of the event's
  slot kind, one of the kinds on which the trainer is free there, so at least
  ``travel(k, e)`` (and the two trainers' sum at least ``travel_lb(e, 2)``). So the LP cost
  is at most the plan's cost, which is within the budget. Seats and weighted coverage are
  equal.

* The rounding cut holds: the plan's image has ``Σ_j T_j·λ_j = N``, an integer at least the
  least count's bound.

Hence the LP optimum is at least the best (weighted) coverage, and at most the least cost at
``min_seats``, of any plan. Neither it nor the master's LP is stronger in general (the
master's LP ties trainers to the event's kind and to each other); on the hand-made instance
of ``tests/solve/test_bound.py`` and on the default scenario it is clearly stronger.

Column generation and the Lagrangian bound
------------------------------------------
The restricted master (the columns found so far; none at first: ``λ = 0`` is feasible; the
``u`` and ``y`` variables are all there from the start) is solved by GLOP through MathOpt
(incremental: columns are added to the same model). All rows are ``≤`` rows of a
maximisation (the cost LP maximises ``−cost``), so their duals are ``≥ 0``. The reduced
profit of a column of event ``e`` is separable over councils::

    rp_j = Σ_{c∈j} (a_c·s_cj − b_c) + K_e(T_j) − α_e
    a_c    = ω − κ·catering − γ_c·(+1 at module 2, −1 at module 1)
    b_c    = β_cm
    K_e(T) = −κ·(fee + catering)·T − T·ψ_e,any − [T = 2]·(ψ_e,educator + ψ_e,council) + ζ_e
             (aggregated: − κ·travel_lb(e, T) − Σ_S π_S·a_S(m, T) instead of the ψ terms)

with ``(ω, κ) = (w_m, μ)`` for coverage and ``(σ, 1)`` for cost (``α, β, γ, ψ, π, μ, σ, ζ``:
duals of the event, council, R5b, trainer demand, aggregated trainer, budget, seat and bonus
rows). Pricing one event is a knapsack over its councils (0 seats, or ``1..cap_c`` seats at
value ``a_c·s − b_c``), solved exactly by dynamic programming over the total ``0..hi2``
(vectorised over all events) and read off on ``[lo1, hi1]`` and ``[lo2, hi2]``; each event's
best column of each range enters if its reduced profit is positive.

For *any* duals ``≥ 0`` weak duality gives the Lagrangian (Farley) bound::

    LP ≤ Σ_{r not an event row} y_r·rhs_r + Σ_e max(0, max_j (rp_j + α_e))
         + Σ_ke max(0, −κ·travel(k, e) − θ_k + ψ_e,role(k) + ψ_e,any)
         + Σ_s max(0, bonus − ζ_s1 − ζ_s2)

(``θ``: capacity duals; every ``u_ke`` and ``y_s`` at its best bound in ``[0, 1]``; the cost
LP's artificial seat variable, penalty ``M``, adds nothing since ``σ`` is clipped to ``M``).
It is computed in every iteration from the exact pricing and the best one is kept, so the
result is valid when column generation stops early (time limit) and whatever GLOP's
tolerances; at convergence it equals the LP value. Rounding: coverage ``floor(b + 1e-6)``,
cost ``ceil(b − 1e-6)`` cents. Column generation stops when no column has a positive reduced
profit, when rounding makes the bound and the restricted master's value equal (the rounded
bound cannot move any more), or at the time limit.

Measured on ``scenarios/nrw-2025-26``: ``benchmarks/bound_default.py``.
"""

from __future__ import annotations

import itertools
import logging
import math
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
from ortools.math_opt.python import mathopt

from optimizer.domain.options import CancelToken, Tuning
from optimizer.domain.problem import ProblemData
from optimizer.model.constraints import coverage_expr
from optimizer.model.cpmodel import build_model

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

log = logging.getLogger(__name__)

__all__ = [
    "BoundReport",
    "Column",
    "ConfigurationLP",
    "cost_lower_bound",
    "coverage_upper_bound",
    "master_mathopt",
    "plain_lp_bound",
]

EUR = 100  # cents per euro; the LPs work in euros so that costs and seat counts are of similar size

Kind = Literal["coverage", "cost", "trainers"]
_DemandType = tuple[int, str]  # (module, "educator" | "council" | "any")
_ROLES = ("educator", "council")
_EDUCATOR, _COUNCIL, _ANY = 0, 1, 2  # demand rows of the trainer assignment
TrainerRows = Literal["assignment", "aggregate"]


@dataclass(frozen=True)
class Column:
    """One configuration: event ``event`` with ``trainers`` trainers and these seats.

    ``seats``: sorted ``(council index, members)`` pairs; ``cost_cents``: exact fees and
    catering, plus (aggregated trainer rows only) the least possible travel; with the trainer
    assignment travel is priced on the assignment instead.
    """

    event: int
    trainers: int
    seats: tuple[tuple[int, int], ...]
    cost_cents: int

    @property
    def participants(self) -> int:
        return sum(s for _, s in self.seats)


@dataclass(frozen=True)
class BoundReport:
    """The outcome of one column-generation run.

    ``bound``: the rounded, valid bound (coverage rounded down; cost in cents rounded up, ``inf``
    when no plan reaches ``min_seats`` within the budget). ``lagrangian``: the best unrounded
    Lagrangian bound (seats or cents). ``lp_value``: the last restricted master's value (equal
    to ``lagrangian`` up to tolerances when ``converged``). ``iterations`` count master solves,
    ``columns`` the shared pool after the run.
    """

    kind: Kind
    bound: float
    lagrangian: float
    lp_value: float
    iterations: int
    columns: int
    seconds: float
    converged: bool
    min_seats: int | None = None
    trainer_floor: int = 0


class _Master:
    """The restricted master LP in MathOpt: a maximisation with ``≤`` rows only (see the
    module docstring); amounts in euros."""

    def __init__(self, lp: ConfigurationLP, kind: Kind, min_seats: int, weighted: bool,
                 trainer_floor: int = 0):
        self.lp, self.kind, self.weighted = lp, kind, weighted
        data = lp.data
        self._assign_vars: list[tuple[mathopt.Variable, float]] = []
        model = mathopt.Model(name=f"configuration-{kind}")
        self.model = model
        self.event_rows = [model.add_linear_constraint(ub=1.0) for _ in range(data.num_events)]
        self.council_rows = {key: model.add_linear_constraint(ub=1.0) for key in lp.council_keys}
        self.r5b_rows = {
            c: model.add_linear_constraint(ub=float(data.councils[c].trained_m1))
            for c in lp.r5b_councils
        }
        self.trainer_rows = [model.add_linear_constraint(ub=float(cap)) for _, cap in lp.halls]
        # per-trainer assignment: demand rows (event, educator|council|any), capacity rows
        self.demand_rows: dict[tuple[int, int], mathopt.LinearConstraint] = {}
        self.capacity_rows: dict[int, mathopt.LinearConstraint] = {}
        if lp.assignment:
            for k in sorted(set(lp.assign_k.tolist())):
                self.capacity_rows[k] = model.add_linear_constraint(
                    ub=float(data.trainers[k].max_events))
            for e in range(data.num_events):
                for r in range(3):
                    self.demand_rows[e, r] = model.add_linear_constraint(ub=0.0)
            for k, e, r, travel in zip(lp.assign_k.tolist(), lp.assign_e.tolist(),
                                       lp.assign_role.tolist(), lp.assign_travel_eur.tolist(),
                                       strict=True):
                u = model.add_variable(lb=0.0, ub=1.0)
                self.capacity_rows[k].set_coefficient(u, 1.0)
                self.demand_rows[e, r].set_coefficient(u, -1.0)
                self.demand_rows[e, _ANY].set_coefficient(u, -1.0)
                if kind == "cost":
                    model.objective.set_linear_coefficient(u, -travel)
                else:
                    self._assign_vars.append((u, travel))
        self.budget_row: mathopt.LinearConstraint | None = None
        self.seat_row: mathopt.LinearConstraint | None = None
        # Σ_j T_j·λ_j ≥ trainer_floor as a ≤ row (the cost LP's rounding cut), with an
        # artificial variable like the seat row's so that the master is always feasible
        self.floor_row: mathopt.LinearConstraint | None = None
        if trainer_floor > 0:
            self.floor_row = model.add_linear_constraint(ub=-float(trainer_floor))
            missing = model.add_variable(lb=0.0, name="missing_trainers")
            self.floor_row.set_coefficient(missing, -1.0)
            model.objective.set_linear_coefficient(missing, -lp.tuning.lp_artificial_penalty_eur)
        self.artificial: mathopt.Variable | None = None
        self.penalty = lp.tuning.lp_artificial_penalty_eur
        if kind == "coverage":
            self.budget_row = model.add_linear_constraint(ub=data.budget_cents / EUR)
            for u, travel in self._assign_vars:
                self.budget_row.set_coefficient(u, travel)
        else:
            self.seat_row = model.add_linear_constraint(ub=-float(min_seats))
            self.artificial = model.add_variable(lb=0.0, name="missing_seats")
            self.seat_row.set_coefficient(self.artificial, -1.0)
            model.objective.set_linear_coefficient(self.artificial, -self.penalty)
        self.bonus_rows: dict[tuple[int, int], mathopt.LinearConstraint] = {}
        bonus = data.scenario.objective.both_modules_bonus if weighted else 0
        if kind == "coverage" and bonus:
            for s in lp.site_pairs:
                y = model.add_variable(lb=0.0, ub=1.0, name=f"both[{s}]")
                model.objective.set_linear_coefficient(y, float(bonus))
                for side in (0, 1):
                    row = model.add_linear_constraint(ub=0.0)
                    row.set_coefficient(y, 1.0)
                    self.bonus_rows[s, side] = row
        model.objective.is_maximize = True
        self.variables: list[mathopt.Variable] = []
        self.solver = mathopt.IncrementalSolver(model, mathopt.SolverType.GLOP)

    def add(self, col: Column) -> None:
        lp = self.lp
        module = lp.data.events[col.event].module
        x = self.model.add_variable(lb=0.0)
        if self.kind == "cost":
            objective = -col.cost_cents / EUR
        elif self.kind == "trainers":
            objective = -float(col.trainers)
        else:
            objective = float(lp.weights[module] if self.weighted else 1) * col.participants
        self.model.objective.set_linear_coefficient(x, objective)
        self.event_rows[col.event].set_coefficient(x, 1.0)
        for c, s in col.seats:
            self.council_rows[c, module].set_coefficient(x, 1.0)
            if c in self.r5b_rows:
                self.r5b_rows[c].set_coefficient(x, float(s if module == 2 else -s))
        for row, (coefs, _) in zip(self.trainer_rows, lp.halls, strict=True):
            units = coefs.get((module, col.trainers), 0)
            if units:
                row.set_coefficient(x, float(units))
        if self.budget_row is not None:
            self.budget_row.set_coefficient(x, col.cost_cents / EUR)
        if self.demand_rows:
            if col.trainers == 2:
                self.demand_rows[col.event, _EDUCATOR].set_coefficient(x, 1.0)
                self.demand_rows[col.event, _COUNCIL].set_coefficient(x, 1.0)
            self.demand_rows[col.event, _ANY].set_coefficient(x, float(col.trainers))
        if self.seat_row is not None:
            self.seat_row.set_coefficient(x, -float(col.participants))
        if self.floor_row is not None:
            self.floor_row.set_coefficient(x, -float(col.trainers))
        site = lp.pair_of_event.get(col.event)
        if site is not None and self.bonus_rows:
            side = lp.site_pairs[site].index(col.event)
            self.bonus_rows[site, side].set_coefficient(x, -1.0)
        self.variables.append(x)

    def raise_penalty(self) -> None:
        assert self.artificial is not None
        self.penalty *= 100
        self.model.objective.set_linear_coefficient(self.artificial, -self.penalty)

    def missing_seats(self, result: mathopt.SolveResult) -> float:
        return 0.0 if self.artificial is None else float(result.variable_values(self.artificial))

    def solve(self) -> mathopt.SolveResult:
        result = self.solver.solve()
        if result.termination.reason != mathopt.TerminationReason.OPTIMAL:
            raise RuntimeError(f"configuration LP: GLOP ended with {result.termination}")
        return result


@dataclass(frozen=True)
class _Duals:
    """The master's duals, clipped to ``≥ 0`` (any such vector gives a valid bound)."""

    beta: np.ndarray  # (councils, 3): council rows by module
    gamma: np.ndarray  # (councils,): R5b rows
    pi: np.ndarray  # (trainer rows,)
    zeta: np.ndarray  # (events,): bonus rows of the event's site
    psi: np.ndarray  # (events, 3): trainer demand rows (educator, council, any)
    theta: np.ndarray  # (trainers,): trainer capacity rows
    mu: float  # budget row (coverage)
    sigma: float  # seat row (cost), at most the artificial penalty
    delta: float  # trainer floor row (cost), at most its artificial's penalty
    bonus_rest: float  # Σ_s max(0, bonus − ζ_s1 − ζ_s2)


class ConfigurationLP:
    """Pricing data and the column pool of the configuration LP of one :class:`ProblemData`.

    ``trainers``: ``"assignment"`` (default: per-trainer assignment rows, travel per trainer)
    or ``"aggregate"`` (Hall rows per demand type, travel lower bound per column).

    The pool is shared by all runs on this object (every column is a valid configuration, so
    any pool makes a valid restricted master): :meth:`coverage` and :meth:`cost` each run
    column generation to convergence or to their time limit and return a :class:`BoundReport`.

    ``tuning`` (the defaults unless given): ``lp_time_limit_s`` (a run's default limit),
    ``lp_rounding_slack`` (a bound ``b`` is rounded as ``floor(b + slack)`` or
    ``ceil(b − slack)``), ``lp_reduced_profit_tol`` (a column enters when its reduced profit
    exceeds it: seats, or euros in the cost LP), ``lp_artificial_penalty_eur`` (the cost
    LP's first price of a missing seat, raised ×100 while it is used) up to
    ``lp_max_penalty_eur``. ``cancel``: column generation stops after the current master
    solve (the Lagrangian bound so far stays valid).
    """

    def __init__(self, data: ProblemData, trainers: TrainerRows = "assignment",
                 tuning: Tuning | None = None, cancel: CancelToken | None = None):
        if data.scenario.rules.max_events_per_council_module != 1:
            raise ValueError("the configuration LP needs max_events_per_council_module == 1")
        self.data = data
        self.tuning = tuning or Tuning()
        self.cancel = cancel
        rules = data.scenario.rules
        (self.lo1, self.hi1), (self.lo2, self.hi2) = (
            rules.one_trainer_range, rules.two_trainer_range)
        self.ranges = {t: r for t, r in {1: (self.lo1, self.hi1), 2: (self.lo2, self.hi2)}.items()
                       if r[0] <= r[1]}
        self.weights = data.scenario.objective.module_weights
        self.fee = data.fee_per_event_trainer_cents
        self.catering = data.catering_per_person_cents
        self.assignment = trainers == "assignment"
        self._caps_and_rows()
        self._travel_bounds()
        self._trainer_rows()
        self._assignment_arrays()
        self._site_pairs()
        self._pricing_arrays()
        self.pool: list[Column] = []
        self._keys: set[tuple[int, int, tuple[tuple[int, int], ...]]] = set()
        self._reach: BoundReport | None = None

    @property
    def cancelled(self) -> bool:
        """Whether the solve this LP serves was cancelled (no further run should start)."""
        return self.cancel is not None and self.cancel.cancelled

    # --- data preparation ------------------------------------------------------------------

    def _caps_and_rows(self) -> None:
        """Seat caps per (event, catchment council); council rows (R8); R5b councils."""
        data = self.data
        self.caps: list[list[int]] = []
        keys: set[tuple[int, int]] = set()
        r5b: set[int] = set()
        for event in data.events:
            caps = []
            for c in event.council_idcs:
                cap = min(data.interest[c][event.module - 1], self.hi2)
                if event.module == 2:
                    council = data.councils[c]
                    cap = min(cap, council.interested_m1 + council.trained_m1)
                    r5b.add(c)
                caps.append(cap)
                keys.add((c, event.module))
            self.caps.append(caps)
        self.council_keys = sorted(keys)
        self.r5b_councils = sorted(r5b)

    def _travel_bounds(self) -> None:
        """``travel_lb[e][T]`` in cents, ``None`` if ``e`` cannot have ``T`` trainers."""
        data = self.data
        self.travel_lb: list[dict[int, int | None]] = []
        for e, event in enumerate(data.events):
            least: dict[tuple[str, bool], int] = {}  # (role, consecutive) -> cents
            for k in event.trainer_idcs:
                role = data.trainers[k].role
                free = data.trainer_slot_ok[k].intersection(event.slot_idcs)
                for kind in {data.slots[i].consecutive for i in free}:
                    cents = data.travel_consec[k][e] if kind else data.travel_week[k][e]
                    least[role, kind] = min(cents, least.get((role, kind), cents))
            two = [least["educator", kind] + least["council", kind] for kind in (False, True)
                   if ("educator", kind) in least and ("council", kind) in least]
            self.travel_lb.append({1: min(least.values(), default=None),
                                   2: min(two, default=None)})
        # euros; inf where the event cannot have that many trainers
        self.travel_eur = {
            t: np.array([math.inf if (v := lb[t]) is None else v / EUR for lb in self.travel_lb])
            for t in (1, 2)
        }

    def _trainer_rows(self) -> None:
        """Hall rows of the aggregated trainer transportation problem (R10–R12).

        ``halls``: (units per column ``{(module, T): units}``, capacity) per row. Rows no
        columns can violate (capacity ≥ 2 per candidate event they concern) are left out, and
        of rows with equal units only the one of least capacity is kept.
        """
        data = self.data
        self.halls: list[tuple[dict[tuple[int, int], int], int]] = []
        self.hall_units = {t: np.zeros((0, data.num_events)) for t in (1, 2)}
        if self.assignment:
            return  # implied by the assignment rows
        modules_of: dict[int, set[int]] = defaultdict(set)  # trainer -> modules taught here
        for event in data.events:
            for k in event.trainer_idcs:
                modules_of[k].add(event.module)
        types: list[_DemandType] = [
            (m, role) for m in sorted({e.module for e in data.events}) for role in (*_ROLES, "any")
        ]

        def serves(k: int, demand: _DemandType) -> bool:
            module, role = demand
            return module in modules_of[k] and role in ("any", data.trainers[k].role)

        least: dict[tuple[tuple[tuple[int, int], int], ...], int] = {}
        for size in range(1, len(types) + 1):
            for subset in itertools.combinations(types, size):
                capacity = sum(data.trainers[k].max_events for k in modules_of
                               if any(serves(k, demand) for demand in subset))
                units: dict[tuple[int, int], int] = defaultdict(int)
                for module, role in subset:
                    units[module, 1 if role == "any" else 2] += 1
                most = sum(2 for e in data.events if {(e.module, 1), (e.module, 2)} & set(units))
                key = tuple(sorted(units.items()))
                if capacity < most and capacity < least.get(key, math.inf):
                    least[key] = capacity
        self.halls = [(dict(key), capacity) for key, capacity in sorted(least.items())]
        self.hall_units = {  # [row, event]: units one T-trainer column of the event demands
            t: np.array([[units.get((e.module, t), 0) for e in data.events]
                         for units, _ in self.halls], dtype=float
                        ).reshape(len(self.halls), data.num_events)
            for t in (1, 2)
        }

    def _assignment_arrays(self) -> None:
        """One entry per (trainer ``k``, candidate ``e``) with ``k`` in ``trainer_idcs(e)``:
        trainer, event, role row and the least travel (euros) over ``k``'s free kinds at ``e``
        (R2, R12, R14). Empty with aggregated trainer rows."""
        data = self.data
        entries = [] if not self.assignment else [
            (k, e, _ROLES.index(data.trainers[k].role), min(
                data.travel_consec[k][e] if data.slots[i].consecutive
                else data.travel_week[k][e]
                for i in data.trainer_slot_ok[k].intersection(event.slot_idcs)) / EUR)
            for e, event in enumerate(data.events) for k in event.trainer_idcs
        ]
        self.assign_k = np.array([k for k, _, _, _ in entries], dtype=np.int64)
        self.assign_e = np.array([e for _, e, _, _ in entries], dtype=np.int64)
        self.assign_role = np.array([r for _, _, r, _ in entries], dtype=np.int64)
        self.assign_travel_eur = np.array([t for _, _, _, t in entries], dtype=float)
        self.max_events = np.array([t.max_events for t in data.trainers], dtype=float)

    def _site_pairs(self) -> None:
        """site -> (module-1 candidate, module-2 candidate), for the R4 bonus rows."""
        by_site: dict[int, dict[int, int]] = defaultdict(dict)
        for e, event in enumerate(self.data.events):
            by_site[event.site_idx][event.module] = e
        self.site_pairs = {s: (m[1], m[2]) for s, m in by_site.items() if len(m) == 2}
        self.pair_of_event = {e: s for s, pair in self.site_pairs.items() for e in pair}

    def _pricing_arrays(self) -> None:
        """Padded (event × catchment position) arrays for the vectorised knapsack."""
        data = self.data
        width = max((len(e.council_idcs) for e in data.events), default=0)
        self.council_at = np.full((data.num_events, width), -1, dtype=np.int64)
        self.cap_at = np.zeros((data.num_events, width), dtype=np.int64)
        for e, event in enumerate(data.events):
            self.council_at[e, : len(event.council_idcs)] = event.council_idcs
            self.cap_at[e, : len(event.council_idcs)] = self.caps[e]
        self.present = self.council_at >= 0
        self.council_or_0 = np.where(self.present, self.council_at, 0)
        self.module_of = np.array([e.module for e in data.events], dtype=np.int64)
        self.r5b_sign = np.where(self.module_of == 2, 1.0, -1.0)
        self.max_total = max((hi for _, hi in self.ranges.values()), default=0)

    # --- column pool -----------------------------------------------------------------------

    def make_column(self, event: int, trainers: int, seats: dict[int, int]) -> Column:
        """The column of ``event`` with ``trainers`` trainers and these seats per council.

        Raises ``ValueError`` if that is not a configuration (see the module docstring).
        """
        items = tuple(sorted((c, s) for c, s in seats.items() if s > 0))
        participants = sum(s for _, s in items)
        lo, hi = self.ranges.get(trainers, (1, 0))
        travel = self.travel_lb[event][trainers] if trainers in (1, 2) else None
        caps = dict(zip(self.data.events[event].council_idcs, self.caps[event], strict=True))
        if not lo <= participants <= hi or travel is None:
            raise ValueError(f"event {event}: {participants} seats with {trainers} trainers")
        if any(s > caps.get(c, 0) for c, s in items):
            raise ValueError(f"event {event}: seats above a council's cap or catchment")
        if self.assignment:
            travel = 0  # priced on the trainer assignment instead
        cost = self.fee * trainers + self.catering * (participants + trainers) + travel
        return Column(event, trainers, items, cost)

    def remember(self, col: Column) -> bool:
        """Add ``col`` to the pool unless it is there; whether it was new."""
        key = (col.event, col.trainers, col.seats)
        if key in self._keys:
            return False
        self._keys.add(key)
        self.pool.append(col)
        return True

    # --- pricing ---------------------------------------------------------------------------

    def _duals(self, master: _Master, result: mathopt.SolveResult) -> _Duals:
        data = self.data

        def dual(row: mathopt.LinearConstraint) -> float:
            return max(0.0, float(result.dual_values(row)))

        beta = np.zeros((len(data.councils), 3))
        for (c, m), row in master.council_rows.items():
            beta[c, m] = dual(row)
        gamma = np.zeros(len(data.councils))
        for c, row in master.r5b_rows.items():
            gamma[c] = dual(row)
        pi = np.array([dual(row) for row in master.trainer_rows])
        zeta = np.zeros(data.num_events)
        bonus_rest = 0.0
        if master.bonus_rows:
            bonus = float(data.scenario.objective.both_modules_bonus)
            for s, pair in self.site_pairs.items():
                for side, e in enumerate(pair):
                    zeta[e] = dual(master.bonus_rows[s, side])
                bonus_rest += max(0.0, bonus - zeta[pair[0]] - zeta[pair[1]])
        psi = np.zeros((data.num_events, 3))
        for (e, r), row in master.demand_rows.items():
            psi[e, r] = dual(row)
        theta = np.zeros(len(data.trainers))
        for k, row in master.capacity_rows.items():
            theta[k] = dual(row)
        mu = 0.0 if master.budget_row is None else dual(master.budget_row)
        sigma = 0.0 if master.seat_row is None else min(dual(master.seat_row), master.penalty)
        delta = (0.0 if master.floor_row is None
                 else min(dual(master.floor_row), self.tuning.lp_artificial_penalty_eur))
        return _Duals(beta, gamma, pi, zeta, psi, theta, mu, sigma, delta, bonus_rest)

    def _price(self, master: _Master, y: _Duals) -> tuple[float, list[tuple[float, Column]]]:
        """Exact pricing: (Lagrangian bound of the master's maximisation, candidate columns
        with their reduced profit before the event dual ``α_e``)."""
        data = self.data
        if master.kind == "coverage":
            omega = (np.array([self.weights[m] for m in self.module_of], dtype=float)
                     if master.weighted else np.ones(data.num_events))
            kappa = y.mu
        else:
            omega, kappa = np.full(data.num_events, y.sigma), 1.0
        catering, fee, travel_weight = self.catering / EUR, self.fee / EUR, 1.0
        if master.kind == "trainers":  # count trainers: one per trainer, nothing else
            catering, fee, travel_weight = 0.0, 1.0, 0.0
        gamma_at = np.where(self.present, y.gamma[self.council_or_0], 0.0)
        per_seat = (omega - kappa * catering)[:, None] - gamma_at * self.r5b_sign[:, None]
        per_attend = np.where(
            self.present, y.beta[self.council_or_0, self.module_of[:, None]], 0.0)
        f, choice = self._knapsack(per_seat, per_attend)

        best = np.zeros(data.num_events)  # max(0, best reduced profit + α_e) per event
        candidates: list[tuple[float, Column]] = []
        for trainers, (lo, hi) in self.ranges.items():
            travel = self.travel_eur[trainers]
            constant = (-kappa * (fee * trainers + catering * trainers)
                        - y.pi @ self.hall_units[trainers] + y.zeta
                        - trainers * y.psi[:, _ANY] + trainers * y.delta)
            if trainers == 2:
                constant -= y.psi[:, _EDUCATOR] + y.psi[:, _COUNCIL]
            if not self.assignment:
                constant -= kappa * travel_weight * np.where(np.isfinite(travel), travel, 0.0)
            constant = np.where(np.isfinite(travel), constant, -np.inf)
            window = f[:, lo: hi + 1] + constant[:, None]
            arg = np.argmax(window, axis=1)
            value = window[np.arange(data.num_events), arg]
            best = np.maximum(best, value)
            for e in np.flatnonzero(value > self.tuning.lp_reduced_profit_tol):
                seats = self._backtrack(choice, int(e), lo + int(arg[e]))
                candidates.append((float(value[e]), self.make_column(int(e), trainers, seats)))

        rows = (float(y.beta.sum())
                + sum(float(y.gamma[c]) * data.councils[c].trained_m1 for c in master.r5b_rows)
                + sum(float(p) * cap for p, (_, cap) in zip(y.pi, self.halls, strict=True)))
        if self.assignment:  # trainer capacities; each u_ke ∈ [0, 1] at its best bound
            rows += float(y.theta @ self.max_events)
            profit = (-kappa * travel_weight * self.assign_travel_eur - y.theta[self.assign_k]
                      + y.psi[self.assign_e, self.assign_role] + y.psi[self.assign_e, _ANY])
            rows += float(np.maximum(profit, 0.0).sum())
        if master.budget_row is not None:
            rows += y.mu * data.budget_cents / EUR
        if master.seat_row is not None:
            rows += y.sigma * float(master.seat_row.upper_bound)
        if master.floor_row is not None:
            rows += y.delta * float(master.floor_row.upper_bound)
        return rows + float(best.sum()) + y.bonus_rest, candidates

    def _knapsack(self, per_seat: np.ndarray,
                  per_attend: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``f[e, t]``: the best ``Σ_c (per_seat·s_c − per_attend)`` over seat choices
        ``s_c ∈ {0} ∪ [1, cap_c]`` of the catchment of ``e`` with ``Σ_c s_c = t`` (``-inf``
        if none); ``choice[i, e, t]``: the seats of the ``i``-th catchment council there."""
        num_events, width = self.council_at.shape
        top = self.max_total
        f = np.full((num_events, top + 1), -np.inf)
        f[:, 0] = 0.0
        choice = np.zeros((width, num_events, top + 1), dtype=np.int8)
        for i in range(width):
            g = f.copy()
            for s in range(1, top + 1):
                fits = self.cap_at[:, i] >= s
                if not fits.any():
                    break
                gain = np.where(fits, per_seat[:, i] * s - per_attend[:, i], -np.inf)
                candidate = f[:, : top + 1 - s] + gain[:, None]
                better = candidate > g[:, s:]
                g[:, s:] = np.where(better, candidate, g[:, s:])
                choice[i, :, s:][better] = s
            f = g
        return f, choice

    def _backtrack(self, choice: np.ndarray, e: int, total: int) -> dict[int, int]:
        seats: dict[int, int] = {}
        for i in range(choice.shape[0] - 1, -1, -1):
            s = int(choice[i, e, total])
            if s:
                seats[int(self.council_at[e, i])] = s
                total -= s
        assert total == 0, "knapsack backtrack out of step"
        return seats

    # --- column generation -----------------------------------------------------------------

    def _run(self, master: _Master, time_limit_s: float, stop_when_rounded: bool
             ) -> tuple[float, float, int, bool]:
        """Column generation on ``master``: (best Lagrangian bound, last master value, both
        in the master's units; iterations; converged)."""
        started = time.perf_counter()
        tolerance, slack = self.tuning.lp_reduced_profit_tol, self.tuning.lp_rounding_slack
        for col in self.pool:
            master.add(col)
        # the bound in integer units (seats, or cents of cost) to test whether it can move
        scale = {"coverage": 1.0, "cost": -float(EUR), "trainers": -1.0}[master.kind]
        best, value, iterations = math.inf, 0.0, 0
        while True:
            result = master.solve()
            iterations += 1
            value = float(result.objective_value())
            lagrangian, candidates = self._price(master, self._duals(master, result))
            best = min(best, lagrangian)
            alpha = np.maximum(np.asarray(result.dual_values(master.event_rows)), 0.0)
            added = 0
            for profit, col in candidates:
                if profit - alpha[col.event] > tolerance and self.remember(col):
                    master.add(col)
                    added += 1
            log.debug("%s iteration %d: master %.6f, Lagrangian %.6f, %d new columns",
                      master.kind, iterations, value, lagrangian, added)
            if added == 0:
                if (master.missing_seats(result) > 1e-7
                        and master.penalty < self.tuning.lp_max_penalty_eur):
                    master.raise_penalty()
                    continue
                return best, value, iterations, True
            if stop_when_rounded and _rounded(scale * best, master.kind, slack) == _rounded(
                    scale * value, master.kind, slack):
                return best, value, iterations, False
            if self.cancelled:
                log.info("%s bound: cancelled after %d iterations (bound stays valid)",
                         master.kind, iterations)
                return best, value, iterations, False
            if time.perf_counter() - started > time_limit_s:
                log.warning("%s bound: time limit after %d iterations (bound stays valid)",
                            master.kind, iterations)
                return best, value, iterations, False

    def coverage(self, *, weighted: bool = True, time_limit_s: float | None = None,
                 stop_when_rounded: bool = True) -> BoundReport:
        """Upper bound on the stage-1 objective (R17: module-weighted seats plus the R4 bonus;
        plain seats with ``weighted=False``), rounded down; ``time_limit_s`` defaults to
        ``tuning.lp_time_limit_s``."""
        started = time.perf_counter()
        if time_limit_s is None:
            time_limit_s = self.tuning.lp_time_limit_s
        slack = self.tuning.lp_rounding_slack
        if self.data.num_events == 0:
            return BoundReport("coverage", 0.0, 0.0, 0.0, 0, len(self.pool), 0.0, True)
        master = _Master(self, "coverage", 0, weighted)
        best, value, iterations, converged = self._run(master, time_limit_s, stop_when_rounded)
        report = BoundReport("coverage", _rounded(best, "coverage", slack), best, value, iterations,
                             len(self.pool), time.perf_counter() - started, converged)
        if not weighted:
            self._reach = report
        return report

    def cost(self, min_seats: int, *, time_limit_s: float | None = None,
             stop_when_rounded: bool = True, trainer_cut: bool = True) -> BoundReport:
        """Lower bound (cents, rounded up) on the total cost of any plan with at least
        ``min_seats`` covered seats within the budget; ``inf`` if there is no such plan.

        First (once per object) the plain coverage LP: it proves ``inf`` when ``min_seats`` is
        out of reach and seeds the pool with columns that reach it. Then, with
        ``trainer_cut``, :meth:`least_trainers` (half the remaining time) for the rounding cut.
        ``time_limit_s`` defaults to ``tuning.lp_time_limit_s``.
        """
        started = time.perf_counter()
        if time_limit_s is None:
            time_limit_s = self.tuning.lp_time_limit_s
        if min_seats <= 0:
            return BoundReport("cost", 0.0, 0.0, 0.0, 0, len(self.pool), 0.0, True, min_seats)
        fresh = self._reach is None
        reach = self._reach or self.coverage(weighted=False, time_limit_s=time_limit_s)
        phase1 = reach.iterations if fresh else 0
        if reach.bound < min_seats:
            return BoundReport("cost", math.inf, math.inf, math.inf, phase1, len(self.pool),
                               time.perf_counter() - started, reach.converged, min_seats)
        floor, counted, count_converged = self.least_trainers(
            min_seats, (time_limit_s - (time.perf_counter() - started)) / 2
        ) if trainer_cut else (0, 0, True)
        master = _Master(self, "cost", min_seats, weighted=False, trainer_floor=floor)
        rest = max(time_limit_s - (time.perf_counter() - started), 0.0)
        best, value, iterations, converged = self._run(master, rest, stop_when_rounded)
        lagrangian, lp_value = -best * EUR, -value * EUR
        bound = _rounded(lagrangian, "cost", self.tuning.lp_rounding_slack)
        if bound > self.data.budget_cents:
            bound = math.inf
        return BoundReport("cost", bound, lagrangian, lp_value, phase1 + counted + iterations,
                           len(self.pool), time.perf_counter() - started,
                           converged and count_converged, min_seats, floor)

    def least_trainers(self, min_seats: int, time_limit_s: float) -> tuple[int, int, bool]:
        """A lower bound on the number of trainer assignments (``Σ_e held_e + two_e``) of any
        plan with at least ``min_seats`` seats: the configuration LP's least ``Σ_j T_j·λ_j``
        (its Lagrangian bound), rounded up, since every plan's count is an integer. Returns
        (that bound, master iterations, converged).

        The cost LP adds ``Σ_j T_j·λ_j ≥`` this bound (a rounding cut): each plan's image
        (module docstring) keeps it. On the default scenario the LP's least count is 147.14
        and its cheapest solution uses exactly that many, so the cut raises the cost bound
        by about 0.86 trainer assignments (``benchmarks/bound_default.py``).
        """
        master = _Master(self, "trainers", min_seats, weighted=False)
        best, _, iterations, converged = self._run(master, max(time_limit_s, 0.0), True)
        return (max(int(_rounded(-best, "trainers", self.tuning.lp_rounding_slack)), 0),
                iterations, converged)


def _rounded(value: float, kind: Kind, slack: float) -> float:
    """Round a bound to the integer it implies: seats down, cents up (``slack``:
    ``Tuning.lp_rounding_slack``)."""
    if kind == "coverage":
        return float(math.floor(value + slack))
    return float(math.ceil(value - slack))


def coverage_upper_bound(data: ProblemData, time_limit_s: float | None = None,
                         tuning: Tuning | None = None) -> float | None:
    """A proven upper bound on the stage-1 objective (R17; plain covered seats by default),
    from the configuration LP; ``None`` unless ``max_events_per_council_module == 1``."""
    if data.scenario.rules.max_events_per_council_module != 1:
        return None
    return ConfigurationLP(data, tuning=tuning).coverage(time_limit_s=time_limit_s).bound


def cost_lower_bound(data: ProblemData, min_seats: int, time_limit_s: float | None = None,
                     tuning: Tuning | None = None) -> float | None:
    """A proven lower bound (cents) on the total cost (R13–R15) of any plan with at least
    ``min_seats`` covered seats within the budget (R16), from the configuration LP; ``inf`` if
    there is no such plan; ``None`` unless ``max_events_per_council_module == 1``."""
    if data.scenario.rules.max_events_per_council_module != 1:
        return None
    return ConfigurationLP(data, tuning=tuning).cost(min_seats, time_limit_s=time_limit_s).bound


def plain_lp_bound(data: ProblemData, min_seats: int | None = None) -> float:
    """The LP relaxation of the date-free master model, for comparison (unrounded).

    Without ``min_seats``: its optimum of the stage-1 objective (an upper bound); with it:
    its least cost in cents with at least ``min_seats`` plain seats (a lower bound; the
    master keeps the budget row). Built from the CP-SAT model's own rows (all plain linear
    rows without enforcement literals; clauses as their LP rows), so it is exactly the LP
    the CP-SAT model presents. GLOP through MathOpt.
    """
    model, v, cost = build_model(data)
    if min_seats is None:
        model.maximize(coverage_expr(data, v))
    else:
        model.add(sum(v.seats.values()) >= min_seats)
        model.minimize(cost)
    lp, _ = master_mathopt(model, integer=False)
    objective = model.proto.objective
    scale = objective.scaling_factor or 1.0
    result = mathopt.solve(lp, mathopt.SolverType.GLOP)
    if result.termination.reason == mathopt.TerminationReason.INFEASIBLE:
        return -math.inf if min_seats is None else math.inf
    if result.termination.reason != mathopt.TerminationReason.OPTIMAL:
        raise RuntimeError(f"plain_lp_bound: GLOP ended with {result.termination}")
    return scale * (float(result.objective_value()) + objective.offset)


def master_mathopt(
    model: cp_model.CpModel, integer: bool
) -> tuple[mathopt.Model, list[mathopt.Variable]]:
    """The CP-SAT model ``model`` as a MathOpt model: its LP relaxation (``integer=False``) or
    the same model as a MIP (``integer=True``, the HiGHS baseline of the benchmarks).

    One MathOpt variable per CP-SAT variable (same index, bounds of its domain); plain linear
    rows as rows, clauses (``bool_or``, ``bool_and`` with enforcement literals, e.g.
    implications and Benders no-goods) as their linear rows. The objective is CP-SAT's
    internal one, always minimised: ``scaling_factor · (internal + offset)`` is the model's
    objective (for a maximisation the scaling factor is negative). Only the constraint kinds
    of the date-free master are supported; others raise ``ValueError``.
    """
    proto = model.proto
    out = mathopt.Model(name="master-mip" if integer else "master-lp")
    # (no negative indices: the proto containers of OR-Tools 9.15 do not support them)
    xs = [out.add_variable(lb=float(var.domain[0]), ub=float(var.domain[len(var.domain) - 1]),
                           is_integer=integer)
          for var in proto.variables]

    def literal(ref: int) -> mathopt.LinearExpression:
        return mathopt.LinearExpression(xs[ref] if ref >= 0 else 1 - xs[-ref - 1])

    def bound(limit: int) -> float:
        return -math.inf if limit <= -(2**62) else math.inf if limit >= 2**62 else float(limit)

    for ct in proto.constraints:
        slack = mathopt.fast_sum(1 - literal(r) for r in ct.enforcement_literal)
        if (ct.has_linear() and not ct.enforcement_literal
                and (not integer or len(ct.linear.domain) == 2)):
            terms = mathopt.fast_sum(float(a) * literal(r) for r, a in
                                     zip(ct.linear.vars, ct.linear.coeffs, strict=True))
            domain = ct.linear.domain
            out.add_linear_constraint(lb=bound(domain[0]), expr=terms,
                                      ub=bound(domain[len(domain) - 1]))
        elif ct.has_bool_and():
            for r in ct.bool_and.literals:
                out.add_linear_constraint(literal(r) + slack >= 1)
        elif ct.has_bool_or():
            out.add_linear_constraint(mathopt.fast_sum(literal(r) for r in ct.bool_or.literals)
                                      + slack >= 1)
        else:
            raise ValueError(f"master_mathopt: unsupported constraint {ct}")
    objective = proto.objective
    out.minimize(mathopt.fast_sum(float(a) * xs[r] for r, a in
                                  zip(objective.vars, objective.coeffs, strict=True)))
    return out, xs
