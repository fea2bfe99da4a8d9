"""What the doors of the API return and what they refuse: typed results with codes and
numbers, never sentences. Each face renders them in its own words (the CLI in
:mod:`optimizer.faces.cli.words`).

A refusal is an exception carrying the data a face needs to say what went wrong; the CLI
maps them to its exit codes (2 for bad input or an unusable output folder, 1 for a plan that
breaks rules).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from optimizer.checks.locks import LockProblem
from optimizer.checks.presolve import Finding, RegionDemand
from optimizer.domain.changes import Change
from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.problem import ProblemData
from optimizer.domain.scenario import Lock, Scenario
from optimizer.insight.alternatives import AlternativesResult
from optimizer.insight.comparison import EventChange, Metric
from optimizer.insight.explain import ExplainReport
from optimizer.io.geocoding import GeocodeNote
from optimizer.validate import Violation

# --- refusals ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionProblem:
    """One solver option out of range: its name (``time_limit_s``), what was expected
    (German, as the reader's messages), the value found."""

    name: str
    expected: str
    found: object


class OptionsInvalid(Exception):
    def __init__(self, problems: list[OptionProblem]):
        super().__init__(problems)
        self.problems = problems


class LocksBroken(Exception):
    """A lock (a confirmed event, a row of the locks table) breaks a rule."""

    def __init__(self, problems: list[LockProblem]):
        super().__init__(problems)
        self.problems = problems


#: Why a plan was checked: a fresh solve, ``check``, ``export``, ``explain``, an alternative.
Situation = Literal["solved", "check", "export", "explain", "alternative"]


class PlanInvalid(Exception):
    """A plan breaks rules of its scenario (the validator's violations)."""

    def __init__(self, violations: list[Violation], situation: Situation, number: int = 0):
        super().__init__(violations)
        self.violations, self.situation, self.number = violations, situation, number


#: Which output could not be written: a plan or comparison folder, a plan's own folder (an
#: explanation file), a single file (template, converted scenario, report).
OutputKind = Literal["out", "plan", "file"]


class OutputUnwritable(Exception):
    def __init__(self, path: Path, reason: str, kind: OutputKind = "file"):
        super().__init__(path, reason)
        self.path, self.reason, self.kind = path, reason, kind


#: Why an output target is refused before anything is written.
TargetReason = Literal["not-xlsx", "exists", "unsuitable", "too-few-plans", "not-guide"]


class TargetRefused(Exception):
    def __init__(self, path: Path | None, reason: TargetReason, detail: str = ""):
        super().__init__(path, reason, detail)
        self.path, self.reason, self.detail = path, reason, detail


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioSize:
    """How big the planning problem is: the scenario's tables and the derived candidates."""

    councils: int
    sites: int
    trainers: int
    slots: int
    events: int

    @classmethod
    def of(cls, data: ProblemData) -> ScenarioSize:
        scenario = data.scenario
        return cls(len(scenario.councils), len(scenario.sites), len(scenario.trainers),
                   len(data.slots), data.num_events)


@dataclass(frozen=True)
class SolveResult:
    """A solve or re-plan: the plan (status OPTIMAL / FEASIBLE / INFEASIBLE / UNKNOWN), the
    scenario it was solved with (locks of a re-plan included), the pre-solve findings
    (``None`` if the checks failed), and in a re-plan the changes and the locks kept."""

    plan: Plan
    scenario: Scenario
    findings: list[Finding] | None = None
    changes: list[Change] | None = None
    locks: tuple[Lock, ...] = ()

    @property
    def has_plan(self) -> bool:
        return self.plan.status in ("OPTIMAL", "FEASIBLE")


@dataclass(frozen=True)
class ScenarioCheck:
    """``check SCENARIO``: every pre-solve finding (``None`` if the checks failed) and the
    demand per Regierungsbezirk."""

    scenario: Scenario
    size: ScenarioSize
    findings: list[Finding] | None
    regions: list[RegionDemand] = field(default_factory=list)

    @property
    def no_event_possible(self) -> bool:
        return self.findings is None or any(f.severity == "error" for f in self.findings)


@dataclass(frozen=True)
class PlanCheck:
    """``check SCENARIO PLAN``: a plan that passed the validator."""

    plan: Plan
    plan_dir: Path


@dataclass(frozen=True)
class AlternativesRun:
    """``solve --alternatives K``: the alternatives found and where they were written."""

    result: AlternativesResult
    wanted: int
    folder: Path | None


@dataclass(frozen=True)
class ReportOutcome:
    """The report written after a solve (``paths``) or why not (``error``)."""

    paths: list[Path] = field(default_factory=list)
    error: str = ""


@dataclass(frozen=True)
class SolveRun:
    """``solve`` end to end: the result, where it went, what came after it."""

    result: SolveResult
    target: Path | None
    seconds: float = 0.0
    alternatives: AlternativesRun | None = None
    report: ReportOutcome | None = None


@dataclass(frozen=True)
class ExplainRun:
    """``explain``: the report and the file written."""

    report: ExplainReport
    scenario: Scenario
    reference: Reference
    written: Path


@dataclass(frozen=True)
class ExportRun:
    """``export``: the folder and the names of the files written into it."""

    target: Path
    files: list[str]


@dataclass(frozen=True)
class Comparison:
    """Plans side by side: figures per plan (by label) and the changed events of each plan
    against the first."""

    labels: list[str]
    metrics: list[Metric]
    diffs: dict[str, list[EventChange]]


@dataclass(frozen=True)
class CompareRun:
    comparison: Comparison
    target: Path


@dataclass(frozen=True)
class Conversion:
    """``convert``: what was written (a workbook or a scenario folder) from which scenario."""

    scenario: Scenario
    target: Path
    to_workbook: bool


@dataclass(frozen=True)
class LoadedScenario:
    """A scenario read from disk, and what geocoding did with its addresses."""

    scenario: Scenario
    geocode_notes: list[GeocodeNote]
    geocoded: bool
