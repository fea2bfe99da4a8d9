"""The one door: the public API that every face, notebook, benchmark and end-to-end test
uses (re-exported by :mod:`optimizer`).

Planning: :func:`load_scenario`, :func:`solve`, :func:`replan`, :func:`validate`,
:func:`check_scenario`. Insight: :func:`explain`, :func:`alternatives`, :func:`compare`.
Jobs on folders, one call per planner's command (what the CLI and the web app call):
:func:`solve_folder`, :func:`check_folder`, :func:`explain_folder`, :func:`report_folder`,
:func:`export_folder`, :func:`compare_folders`, :func:`write_template`,
:func:`convert_scenario`, :func:`write_guide`. Each takes an options object
(:class:`SolveOptions` with its :class:`Tuning`, :class:`ExplainOptions`,
:class:`AlternativesOptions`), long ones an event callback and a :class:`CancelToken`, and
returns a typed result (:mod:`.results`). German words for notebooks: number formatting
(:func:`eur_de`, :func:`number_de`, :func:`percent_de`) and the label of a compared figure
(:func:`metric_label_de`).
"""

from optimizer.api.documents import (
    compare_folders,
    convert_scenario,
    export_folder,
    report_folder,
    write_guide,
    write_template,
)
from optimizer.api.events import Event, EventFn
from optimizer.api.folders import SolveRequest, check_folder, explain_folder, solve_folder
from optimizer.api.insight import alternatives, analyse, compare, explain
from optimizer.api.planning import (
    check_scenario,
    load_scenario,
    replan,
    solve,
    solve_options,
    validate,
)
from optimizer.api.plans import municipality_outlines, read_plan_and_scenario, write_report
from optimizer.api.results import (
    Comparison,
    LoadedScenario,
    PlanCheck,
    ScenarioCheck,
    SolveResult,
    SolveRun,
)
from optimizer.io.plan_io import read_changes
from optimizer.io.reference import load_reference
from optimizer.report.compare import metric_label_de
from optimizer.report.numbers import eur_de, number_de, percent_de

__all__ = [
    "Comparison",
    "Event",
    "EventFn",
    "LoadedScenario",
    "PlanCheck",
    "ScenarioCheck",
    "SolveRequest",
    "SolveResult",
    "SolveRun",
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
    "load_reference",
    "load_scenario",
    "metric_label_de",
    "municipality_outlines",
    "number_de",
    "percent_de",
    "read_changes",
    "read_plan_and_scenario",
    "replan",
    "report_folder",
    "solve",
    "solve_folder",
    "solve_options",
    "validate",
    "write_guide",
    "write_report",
    "write_template",
]
