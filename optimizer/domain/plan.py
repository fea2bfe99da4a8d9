"""The plan: what ``qualiplan solve`` writes (``plan.json``, see FORMAT.md).

``plan.json`` is the interface for every later step (validator, reports, exports), so this
schema keeps FORMAT.md's keys exactly and only adds keys. Money is in euros with two
decimals; it is derived from integer cents.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PlanStatus = Literal["OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventCost(_Model):
    fees: float
    travel: float
    catering: float
    total: float


class PlannedEvent(_Model):
    """One held event: one module at one site on one slot (R2, R3)."""

    event_id: str
    site_id: str
    module: int
    days: list[dt.date]
    participants: int
    trainer_ids: list[str]
    cost_eur: EventCost
    # Per-trainer travel in euros, same order as trainer_ids (R14; summed into cost_eur.travel).
    travel_eur_by_trainer: list[float] = Field(default_factory=list)
    # Confirmed with the VHS and the trainers: a later re-plan keeps it as a lock.
    confirmed: bool = False


class Assignment(_Model):
    council_id: str
    event_id: str
    members: int


class Objective(_Model):
    covered_seats: int
    total_cost_eur: float
    # The value the first stage maximised (differs from covered_seats only with weights/bonus).
    weighted_coverage: int | None = None


class Bound(_Model):
    """Proven bounds: an upper bound on coverage, a lower bound on cost at that coverage."""

    covered_seats: int | None
    weighted_coverage: int | None = None
    total_cost_eur: float | None = None


class Gap(_Model):
    """Relative gaps between plan and bound (0 = proven optimal)."""

    covered_seats: float | None = None
    total_cost_eur: float | None = None


class Totals(_Model):
    events: int
    covered_seats: int
    fees_eur: float
    travel_eur: float
    catering_eur: float
    total_cost_eur: float
    budget_eur: float


class StageReport(_Model):
    """What one lexicographic stage of the solve did."""

    name: str
    status: str
    objective: float | None
    bound: float | None
    seconds: float
    cuts: int = 0  # Benders cuts added because a master solution had no calendar


class RegionCoverage(_Model):
    """Coverage of one Regierungsbezirk (see :mod:`optimizer.regions`)."""

    regierungsbezirk: str
    wanted: int  # interested members of its councils (both modules)
    reachable: int  # of these, seats some hosting site in their catchment could take
    covered: int  # seats covered by the plan
    minimum: int = 0  # seats required by objective.min_share_per_region (0: none)


class Conflict(_Model):
    """One group of hard requirements named as (part of) the reason a scenario has no plan
    (:func:`optimizer.solve.conflicts.explain_infeasible`); the German words for planners
    are :mod:`optimizer.report.conflicts_de`'s."""

    kind: Literal["lock", "required", "region"]
    key: str  # event ID (lock), site ID (required site) or Regierungsbezirk (regional minimum)


#: How far the named conflicts are proven: each group has no plan on its own ("alone"),
#: the groups conflict together and dropping any one leaves a plan ("minimal"), or they
#: conflict together but that was not proven minimal in the time ("unproven").
ConflictsProof = Literal["alone", "minimal", "unproven"]


class Plan(_Model):
    scenario: str
    status: PlanStatus
    objective: Objective
    bound: Bound
    gap: Gap = Field(default_factory=Gap)
    solve_seconds: float
    seed: int = 0
    workers: int = 0
    time_limit_s: float | None = None
    solver: str = ""
    # The search parameters the plan was made with (optimizer.domain.options.Tuning), recorded
    # with seed and workers so that a run can be repeated; None in plans of older versions.
    tuning: dict[str, Any] | None = None
    stages: list[StageReport] = Field(default_factory=list)
    # Unused: kept so that plan.json files of older versions stay readable (the solver
    # leaves it empty; conflicts are structured, see ``conflicts``).
    message: str = ""
    events: list[PlannedEvent] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    totals: Totals
    # Coverage per Regierungsbezirk (empty when the solver did not compute it).
    regions: list[RegionCoverage] = Field(default_factory=list)
    # INFEASIBLE only: the named groups of requirements that conflict (locks, required
    # sites, regional minimums), a small set found by the solver, and how far it is proven.
    conflicts: list[Conflict] = Field(default_factory=list)
    conflicts_proof: ConflictsProof | None = None
    # Re-plans only: number of changes against the previous plan (see optimizer.insight.changes).
    changes: int | None = None
