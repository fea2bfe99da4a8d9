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

from optimizer.api import (
    Comparison,
    Event,
    EventFn,
    LoadedScenario,
    PlanCheck,
    ScenarioCheck,
    SolveRequest,
    SolveResult,
    SolveRun,
    alternatives,
    analyse,
    check_folder,
    check_scenario,
    compare,
    compare_folders,
    convert_scenario,
    eur_de,
    explain,
    explain_folder,
    export_folder,
    load_scenario,
    metric_label_de,
    number_de,
    percent_de,
    read_plan_and_scenario,
    replan,
    report_folder,
    solve,
    solve_folder,
    solve_options,
    validate,
    write_report,
    write_template,
)
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

__all__ = [
    "AlternativesOptions",
    "CancelToken",
    "Comparison",
    "Council",
    "Event",
    "EventFn",
    "ExplainOptions",
    "InputError",
    "InputProblem",
    "LoadedScenario",
    "Plan",
    "PlanCheck",
    "Progress",
    "Scenario",
    "ScenarioCheck",
    "Site",
    "SolveOptions",
    "SolveRequest",
    "SolveResult",
    "SolveRun",
    "SolverSettings",
    "Trainer",
    "Tuning",
    "alternatives",
    "analyse",
    "check_folder",
    "check_scenario",
    "compare",
    "compare_folders",
    "convert_scenario",
    "eur_de",
    "explain",
    "explain_folder",
    "export_folder",
    "load_scenario",
    "metric_label_de",
    "number_de",
    "percent_de",
    "read_plan",
    "read_plan_and_scenario",
    "replan",
    "report_folder",
    "solve",
    "solve_folder",
    "solve_options",
    "validate",
    "write_plan",
    "write_report",
    "write_template",
]
