"""Names shared by the tests: the tiny instances' municipalities, solver settings and the
types of the fixtures in ``tests/conftest.py`` (which builds the instances themselves)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import optimizer
from optimizer.domain.geography import Reference
from optimizer.domain.options import SolveOptions
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Council, Scenario, Site, SolverSettings, Trainer

DUESSELDORF, DUISBURG, BIELEFELD = "05111000", "05112000", "05711000"
RATINGEN = "05158028"  # borders Düsseldorf and Duisburg

# (site_id, module, (first day, second day), trainer_ids)
EventSpec = tuple[str, int, tuple[dt.date, dt.date], Sequence[str]]
# (council_id, event_id, members)
AssignmentSpec = tuple[str, str, int]

PricePlan = Callable[[Scenario, Plan], Plan]
MakePlan = Callable[[Scenario, Sequence[EventSpec], Sequence[AssignmentSpec]], Plan]
SolveValid = Callable[[Scenario], Plan]

#: One worker and a fixed seed: CP-SAT is deterministic only so (SOLVER-NOTES.md); 20 s is far
#: more than any tiny instance needs.
TINY_SOLVER = SolveOptions(time_limit_s=20, workers=1, seed=0)


WriteScenarioDir = Callable[..., Path]

#: ``scenario.yaml`` of ``tiny_scenario``: only the required keys, so every setting is default.
TINY_YAML: dict[str, Any] = {
    "name": "tiny",
    "budget_eur": 10_000,
    "tables": {"councils": "councils.csv", "sites": "sites.csv", "trainers": "trainers.csv"},
}
#: The tables of ``tiny_scenario`` as text cells; empty cells are optional columns left blank.
TINY_COUNCILS: list[dict[str, str]] = [
    {"council_id": "C-DUS", "ags": DUESSELDORF, "members": "20",
     "interested_m1": "12", "interested_m2": "12", "trained_m1": ""},
    {"council_id": "C-DU", "ags": DUISBURG, "members": "12",
     "interested_m1": "8", "interested_m2": "8", "trained_m1": ""},
    {"council_id": "C-BI", "ags": BIELEFELD, "members": "10",
     "interested_m1": "8", "interested_m2": "8", "trained_m1": ""},
]
TINY_SITES: list[dict[str, str]] = [
    {"site_id": "DUS", "name": "VHS Düsseldorf", "ags": DUESSELDORF, "lat": "51.2203",
     "lon": "6.7936", "partner_council_id": "C-DUS", "interested": "true", "blocked_dates": ""},
    {"site_id": "DU", "name": "VHS Duisburg", "ags": DUISBURG, "lat": "", "lon": "",
     "partner_council_id": "C-DU", "interested": "true", "blocked_dates": ""},
    {"site_id": "BI", "name": "VHS Bielefeld", "ags": BIELEFELD, "lat": "", "lon": "",
     "partner_council_id": "C-BI", "interested": "true", "blocked_dates": ""},
]
TINY_TRAINERS: list[dict[str, str]] = [
    {"trainer_id": "T-EDU", "role": "educator", "home_ags": DUESSELDORF, "home_lat": "",
     "home_lon": "", "max_events": "3", "modules": "1;2", "unavailable_dates": ""},
    {"trainer_id": "T-CNC", "role": "council", "home_ags": DUISBURG, "home_lat": "",
     "home_lon": "", "max_events": "3", "modules": "", "unavailable_dates": ""},
]


# --- builders of small scenarios (every optional field at its default) ---------------------


def council(cid: str, ags: str, m1: int, m2: int = 0, trained: int = 0) -> Council:
    return Council(council_id=cid, ags=ags, members=max(m1, m2, 1), interested_m1=m1,
                   interested_m2=m2, trained_m1=trained)


def site(sid: str, ags: str, partner: str, interested: bool = True,
         blocked: tuple[dt.date, ...] = ()) -> Site:
    return Site(site_id=sid, name=f"VHS {sid}", ags=ags, partner_council_id=partner,
                interested=interested, blocked_dates=blocked)


def trainer(tid: str, role: str, ags: str, max_events: int = 3,
            unavailable: tuple[dt.date, ...] = ()) -> Trainer:
    return Trainer(trainer_id=tid, role=role, home_ags=ags,  # type: ignore[arg-type]
                   max_events=max_events, unavailable_dates=unavailable)


def scenario(name: str, councils: tuple[Council, ...], sites: tuple[Site, ...],
             trainers: tuple[Trainer, ...], budget_eur: float = 100_000, **extra: object
             ) -> Scenario:
    return Scenario(name=name, budget_eur=budget_eur, councils=councils, sites=sites,
                    trainers=trainers, **extra)  # type: ignore[arg-type]


def plan_of(
    scenario: Scenario,
    settings: SolverSettings = TINY_SOLVER,
    *,
    reference: Reference | None = None,
    previous: Plan | None = None,
) -> Plan:
    """The plan of ``scenario`` through the public API (:func:`optimizer.solve`, or
    :func:`optimizer.replan` against ``previous``)."""
    options = (settings if isinstance(settings, SolveOptions)
               else SolveOptions(**settings.model_dump()))
    if previous is None:
        return optimizer.solve(scenario, options, reference=reference).plan
    return optimizer.replan(scenario, previous, options, reference=reference).plan
