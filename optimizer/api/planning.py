"""The one door to solving: load a scenario, solve it, re-plan it, check it.

Every face (CLI, web), the notebooks, the benchmarks and the end-to-end tests solve through
these functions; nothing else calls the solver pipeline (:mod:`optimizer.solve.pipeline`).

    loaded = load_scenario("scenarios/nrw-2025-26")
    result = solve(loaded.scenario, SolveOptions.of(loaded.scenario, time_limit_s=20))
    later = replan(changed_scenario, result.plan)
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from optimizer.api.results import (
    LoadedScenario,
    LocksBroken,
    OptionProblem,
    OptionsInvalid,
    ScenarioCheck,
    ScenarioSize,
    SolveResult,
)
from optimizer.checks.locks import check_locks
from optimizer.checks.presolve import Finding, demand_by_region, presolve_findings
from optimizer.domain.geography import Reference
from optimizer.domain.options import CancelToken, ProgressFn, SolveOptions
from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData, build_problem
from optimizer.domain.scenario import Scenario
from optimizer.insight.changes import diff, locks_from_plan, seat_changes
from optimizer.io import geocoding
from optimizer.io.reference import load_reference
from optimizer.io.scenario_reader import expected_de, read_scenario
from optimizer.solve.pipeline import solve as solve_problem
from optimizer.validate import Violation, validate_plan

log = logging.getLogger(__name__)


def load_scenario(
    path: str | Path, *, geocode: bool = False, geocode_cache: Path | None = None
) -> LoadedScenario:
    """Read a scenario folder, its ``scenario.yaml`` or an Excel workbook.

    Sites with an address and no coordinates stand at their municipality's centre, or with
    ``geocode`` at the point Nominatim finds (cached in ``geocode_cache``; see
    :mod:`optimizer.io.geocoding`); the notes say which. Bad input raises
    :class:`~optimizer.domain.errors.InputError` naming file, row and column.
    """
    scenario = read_scenario(path)
    if not geocode:
        _, notes = geocoding.geocode_sites(scenario, None)
        return LoadedScenario(scenario, notes, geocoded=False)
    cache = geocoding.GeocodeCache(geocode_cache or geocoding.default_cache_path())
    scenario, notes = geocoding.geocode_sites(scenario, geocoding.default_geocoder(), cache)
    return LoadedScenario(scenario, notes, geocoded=True)


def solve_options(scenario: Scenario, **overrides: object) -> SolveOptions:
    """The scenario's solver settings with the given overrides (``None``: keep), or
    :class:`OptionsInvalid` naming each option out of range."""
    try:
        return SolveOptions.of(scenario, **overrides)
    except ValidationError as exc:
        raise OptionsInvalid([
            OptionProblem(str(err["loc"][0]) if err["loc"] else "", expected_de(err),
                          err.get("input"))
            for err in exc.errors()
        ]) from None


@dataclass(frozen=True)
class Prepared:
    """A scenario turned into the solver's data, with what the pre-solve checks found."""

    data: ProblemData
    findings: list[Finding] | None

    @property
    def size(self) -> ScenarioSize:
        return ScenarioSize.of(self.data)


def prepare(scenario: Scenario, reference: Reference | None = None) -> Prepared:
    """The problem data and the pre-solve findings (``None`` if the checks themselves
    failed: they only advise, so a bug in them must not stop a solve)."""
    reference = reference or load_reference()
    data = build_problem(scenario, reference)
    try:
        findings: list[Finding] | None = presolve_findings(scenario, reference, data)
    except Exception:  # advisory step: log for developers, carry on
        log.debug("pre-solve checks failed", exc_info=True)
        findings = None
    return Prepared(data, findings)


def solve_prepared(
    prepared: Prepared,
    options: SolveOptions,
    *,
    previous: Plan | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> SolveResult:
    """Solve prepared data lexicographically (R17); with ``previous``, fewest changes against
    it come between coverage and cost, and the result lists them."""
    plan = solve_problem(prepared.data, options, progress, cancel=cancel, previous=previous)
    scenario = prepared.data.scenario
    if previous is None or plan.status not in ("OPTIMAL", "FEASIBLE"):
        return SolveResult(plan, scenario, prepared.findings)
    changes = diff(previous, plan)
    plan = plan.model_copy(update={"changes": len(changes)})
    return SolveResult(plan, scenario, prepared.findings,
                       changes + seat_changes(previous, plan), scenario.locks)


def solve(
    scenario: Scenario,
    options: SolveOptions | None = None,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    reference: Reference | None = None,
) -> SolveResult:
    """Plan a scenario: maximise covered seats, then minimise cost (R17).

    ``options`` default to the scenario's ``solver`` section; ``progress`` receives each
    improvement; ``cancel`` stops the solve with its best plan so far. Holding no event is a
    feasible plan; INFEASIBLE (with the conflicting requirements named) or UNKNOWN (nothing
    found in time) have no plan.
    """
    options = options or SolveOptions.of(scenario)
    return solve_prepared(prepare(scenario, reference), options, progress=progress,
                          cancel=cancel)


def with_locks(
    scenario: Scenario, previous: Plan | None = None,
    confirmed: Collection[str] | Mapping[str, str] = (), reference: Reference | None = None,
) -> Scenario:
    """The scenario with every lock: its own locks table plus the previous plan's confirmed
    events (those marked in its plan.json and those in ``confirmed``; a lock of the table
    wins over a confirmed event of the same ID). ``confirmed`` holds event IDs ("ja": event,
    date, venue and trainers fixed) or maps each to its level, "ja" or "Termin" (date and
    venue fixed, trainers re-planned; :func:`optimizer.insight.changes.locks_from_plan`).
    Every lock is checked before solving (:mod:`optimizer.checks.locks`);
    :class:`LocksBroken` lists every problem."""
    locks = list(scenario.locks)
    if previous is not None:
        known = {lock.event_id for lock in locks}
        levels = confirmed if isinstance(confirmed, Mapping) else set(confirmed)
        locks += [lock for lock in locks_from_plan(previous, levels)
                  if lock.event_id not in known]
    problems = check_locks(scenario, reference or load_reference(), locks)
    if problems:
        raise LocksBroken(problems)
    if len(locks) > len(scenario.locks):
        scenario = scenario.model_copy(update={"locks": tuple(locks)})
    return scenario


def replan(
    scenario: Scenario,
    previous: Plan,
    options: SolveOptions | None = None,
    *,
    confirmed: Collection[str] | Mapping[str, str] = (),
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
    reference: Reference | None = None,
) -> SolveResult:
    """Plan a changed scenario with as few changes against ``previous`` as possible.

    Confirmed events of ``previous`` (and the IDs in ``confirmed``) stay as they are;
    ``confirmed`` may map an event to "Termin" to keep only its date and venue (its trainers
    are re-planned). The result lists the changes (:func:`optimizer.insight.changes.diff`)
    and, after them, every council whose seats changed (:func:`~optimizer.insight.changes.
    seat_changes`).
    """
    reference = reference or load_reference()
    scenario = with_locks(scenario, previous, confirmed, reference)
    options = options or SolveOptions.of(scenario)
    return solve_prepared(prepare(scenario, reference), options, previous=previous,
                          progress=progress, cancel=cancel)


def validate(scenario: Scenario, plan: Plan, reference: Reference | None = None
             ) -> list[Violation]:
    """Every rule a plan breaks (empty: it keeps them all), each violation once; the
    solver-independent validator (:mod:`optimizer.validate`)."""
    return list(dict.fromkeys(validate_plan(scenario, plan, reference)))


def check_scenario(scenario: Scenario, reference: Reference | None = None) -> ScenarioCheck:
    """What can be known before solving: every pre-solve finding and the demand and
    reachable seats per Regierungsbezirk."""
    reference = reference or load_reference()
    prepared = prepare(scenario, reference)
    regions = (demand_by_region(scenario, reference, prepared.data)
               if prepared.findings is not None else [])
    return ScenarioCheck(scenario, prepared.size, prepared.findings, regions)
