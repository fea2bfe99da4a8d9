"""qualiplan: plans the NRW integration-council training series with CP-SAT.

Flow: scenario files -> :class:`Scenario` -> :class:`ProblemData` -> CP-SAT model ->
:class:`Plan` -> validator, reports and exports.
"""

from optimizer.api.planning import plan_scenario
from optimizer.bench.instances import generate_instance, generate_scenario
from optimizer.domain.errors import InputError, InputProblem
from optimizer.domain.plan import Plan
from optimizer.domain.problem import build_problem
from optimizer.domain.scenario import Council, Scenario, Site, SolverSettings, Trainer
from optimizer.insight.figures import analyse_plan
from optimizer.io.plan_io import read_plan, read_plan_folder, write_plan
from optimizer.io.reference import load_reference
from optimizer.io.scenario_reader import read_scenario

__all__ = [
    "Council",
    "InputError",
    "InputProblem",
    "Plan",
    "Scenario",
    "Site",
    "SolverSettings",
    "Trainer",
    "analyse_plan",
    "build_problem",
    "generate_instance",
    "generate_scenario",
    "load_reference",
    "plan_scenario",
    "read_plan",
    "read_plan_folder",
    "read_scenario",
    "write_plan",
]
