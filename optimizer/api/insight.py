"""What a plan means and what else was possible, through the one door: why councils miss
seats (:func:`explain`), clearly different plans of the same coverage (:func:`alternatives`),
plans side by side (:func:`compare`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from optimizer.api.events import EventFn, ExplainProgress
from optimizer.api.results import Comparison
from optimizer.domain.geography import Reference
from optimizer.domain.options import (
    AlternativesOptions,
    CancelToken,
    ExplainOptions,
    SolveOptions,
)
from optimizer.domain.plan import Plan
from optimizer.domain.problem import build_problem
from optimizer.domain.scenario import Scenario
from optimizer.insight import explain as explaining
from optimizer.insight.alternatives import AlternativesResult, find_alternatives
from optimizer.insight.comparison import compare_metrics, diff_plans
from optimizer.insight.explain import ExplainReport
from optimizer.insight.figures import PlanAnalysis, analyse_plan
from optimizer.io.reference import load_reference


def site_regions(scenario: Scenario, reference: Reference) -> dict[str, str]:
    """Each site's Regierungsbezirk: explanations and alternatives change one region at a
    time, as planners think of the series."""
    return {site.site_id: reference.municipalities[site.ags].regierungsbezirk
            for site in scenario.sites}


def explain(
    scenario: Scenario,
    plan: Plan,
    options: ExplainOptions | None = None,
    reference: Reference | None = None,
    *,
    progress: EventFn | None = None,
    cancel: CancelToken | None = None,
) -> ExplainReport:
    """Why each council with unmet demand misses seats, and (for up to
    ``options.max_solves`` of them) what serving it would take: the best plan that serves
    it, with the change in seats and cost and the councils that would gain or lose.
    ``ExplainOptions(max_solves=0)`` gives the cheap reasons only, without solving.
    ``progress`` hears of each finished forced solve (:class:`ExplainProgress`); ``cancel``
    ends the remaining ones at once (their councils' reason reads ``unbekannt``)."""
    options = options or ExplainOptions()
    reference = reference or load_reference()
    return explaining.explain(
        build_problem(scenario, reference), plan, reference, options,
        site_groups=site_regions(scenario, reference), cancel=cancel,
        progress=None if progress is None
        else lambda done, planned: progress(ExplainProgress(done, planned)))


def alternatives(
    scenario: Scenario,
    plan: Plan,
    options: AlternativesOptions | None = None,
    solve_options: SolveOptions | None = None,
    *,
    on_found: Callable[[int, Plan], None] | None = None,
    cancel: CancelToken | None = None,
    reference: Reference | None = None,
) -> AlternativesResult:
    """Up to ``options.count`` plans of the same coverage as ``plan``, each at most
    ``1 + options.tolerance`` times its cost and differing in at least ``options.min_diff``
    events; ``solve_options.time_limit_s`` is the time per alternative. ``on_found`` hears of
    each alternative found; ``cancel`` ends the search with those found so far."""
    options = options or AlternativesOptions()
    solve_options = solve_options or SolveOptions.of(scenario)
    reference = reference or load_reference()
    return find_alternatives(build_problem(scenario, reference), plan, options, solve_options,
                             on_found, site_groups=site_regions(scenario, reference),
                             cancel=cancel)


def analyse(
    plans: Mapping[str, tuple[Scenario, Plan]], reference: Reference | None = None
) -> dict[str, PlanAnalysis]:
    """Each labelled (scenario, plan) analysed with its own scenario (figures for reports
    and comparisons; money recomputed in cents by the validator)."""
    reference = reference or load_reference()
    return {label: analyse_plan(s, p, reference) for label, (s, p) in plans.items()}


def compare(
    plans: Mapping[str, tuple[Scenario, Plan]], reference: Reference | None = None
) -> Comparison:
    """Plans side by side (each with its own scenario; they may differ): the figures of
    each, and the events of each later plan that are new, dropped, moved or changed
    against the first. (It solves nothing and takes well under a second per plan, so it has
    no progress callback or cancel token.)"""
    analyses = analyse(plans, reference)
    labels = list(plans)
    base = plans[labels[0]][1]
    return Comparison(labels, compare_metrics(analyses),
                      {label: diff_plans(base, plans[label][1]) for label in labels[1:]})
