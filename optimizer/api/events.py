"""What a long call of the API reports while it works, in order, so that a face can show it
as it happens (the CLI prints a line, the web app updates a page).

Every event is data; the solver's own improvements arrive as
:class:`optimizer.domain.options.Progress`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from optimizer.api.results import LoadedScenario, ScenarioSize, SolveResult
from optimizer.checks.presolve import Finding
from optimizer.domain.options import Progress
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Lock, Scenario
from optimizer.insight.explain import ExplainReport


@dataclass(frozen=True)
class ScenarioLoaded:
    """The scenario is read; ``loaded.geocode_notes`` says what became of its addresses."""

    loaded: LoadedScenario


@dataclass(frozen=True)
class LocksFixed:
    """A re-plan keeps these events as they are (the locks table and confirmed events)."""

    locks: tuple[Lock, ...]


@dataclass(frozen=True)
class SolveStarted:
    """The model is about to be solved: its size, the time limit, the pre-solve findings
    (``None`` if the checks failed; they only advise)."""

    scenario: Scenario
    size: ScenarioSize
    time_limit_s: float
    findings: list[Finding] | None


@dataclass(frozen=True)
class PlanWritten:
    """The plan is valid and written to ``target``; ``explanations`` are the cheap reasons
    why councils miss seats (``None`` if they failed: they only advise)."""

    result: SolveResult
    target: Path
    explanations: ExplainReport | None


@dataclass(frozen=True)
class AlternativesStarted:
    count: int
    time_limit_s: float


@dataclass(frozen=True)
class AlternativeFound:
    number: int
    plan: Plan


@dataclass(frozen=True)
class ExplainStarted:
    """Forced solves are about to run: at most ``time_limit_s`` each, ``jobs`` at a time."""

    plan: Plan
    time_limit_s: float
    jobs: int


@dataclass(frozen=True)
class ExplainProgress:
    """``done`` forced solves finished of ``planned`` so far (later checks may add some)."""

    done: int
    planned: int


Event = (ScenarioLoaded | LocksFixed | SolveStarted | Progress | PlanWritten
         | AlternativesStarted | AlternativeFound | ExplainStarted | ExplainProgress)
EventFn = Callable[[Event], None]


def ignore(_event: Event) -> None:
    """The default listener: a caller that does not want to know."""
