"""qualiplan: plans the NRW integration-council training series with CP-SAT.

The public API (the one door every face, notebook, benchmark and end-to-end test uses)::

    import optimizer

    loaded = optimizer.load_scenario("scenarios/nrw-2025-26")
    result = optimizer.solve(loaded.scenario, optimizer.SolveOptions.of(loaded.scenario,
                                                                       time_limit_s=20))
    assert optimizer.validate(loaded.scenario, result.plan) == []

Flow of the packages (README "Layout"): domain → io → checks → model → solve → validate →
insight → report / export → api → faces.
"""

from optimizer import api
from optimizer.api import *  # noqa: F403 - the package root is the API
from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.options import (
    AlternativesOptions,
    CancelToken,
    ExplainOptions,
    Progress,
    SolveOptions,
    Tuning,
)
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Council, Scenario, Site, SolverSettings, Trainer
from optimizer.io.plan_io import read_plan, write_plan

__all__ = [  # the API's names and the types it takes and returns
    *api.__all__,
    "AlternativesOptions",
    "CancelToken",
    "Council",
    "ExplainOptions",
    "InputError",
    "InputProblem",
    "Plan",
    "Progress",
    "Scenario",
    "Site",
    "SolveOptions",
    "SolverSettings",
    "Trainer",
    "Tuning",
    "read_plan",
    "write_plan",
]
