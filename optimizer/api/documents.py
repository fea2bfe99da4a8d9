"""Documents from plans and scenarios, each one call: the report, the exports for the
parties, the comparison of plans, the Excel template and the conversion between a workbook
and a scenario folder. Reports never solve; every folder is written all-or-nothing."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from optimizer.api.insight import analyse
from optimizer.api.planning import validate
from optimizer.api.plans import DEFAULT_PLANS_DIR, read_plan_and_scenario, write_report
from optimizer.api.results import (
    CompareRun,
    Comparison,
    Conversion,
    ExportRun,
    OutputUnwritable,
    PlanInvalid,
    TargetRefused,
)
from optimizer.domain import columns
from optimizer.domain.geography import Reference
from optimizer.insight.comparison import compare_metrics, diff_plans
from optimizer.insight.figures import analyse_plan
from optimizer.io.atomic import write_files, write_folder
from optimizer.io.export_io import KnownEntry, export_target_problem, read_calendar_entries
from optimizer.io.plan_io import read_changes, read_previous_plan
from optimizer.io.reference import load_reference
from optimizer.io.scenario_reader import WORKBOOK_SUFFIXES, read_scenario
from optimizer.io.workbook import example_scenario, write_scenario_folder, write_workbook

log = logging.getLogger(__name__)

#: Where ``compare`` writes without ``--out``.
DEFAULT_COMPARISON_DIR = DEFAULT_PLANS_DIR / "vergleich"


def report_folder(plan_dir: Path, scenario_path: Path | None = None,
                  out_dir: Path | None = None) -> list[Path]:
    """``qualiplan report``: the report of a plan folder, into the folder or ``out_dir``."""
    plan, scenario = read_plan_and_scenario(plan_dir, scenario_path)
    changes = read_changes(plan_dir)
    target = out_dir or plan_dir
    try:
        return write_report(scenario, plan, target, changes=changes)
    except OSError as exc:
        raise OutputUnwritable(target, str(exc)) from None


def _previous_entries(target: Path, folder: Path, reference: Reference
                      ) -> dict[str, KnownEntry]:
    """The calendar entries people have from before: those of the last export in the target
    or, for a re-plan exported the first time, those of its previous plan (its export's
    calendars, else built from it), so the export can cancel what is gone."""
    from optimizer.export import ExportContext, known_entries

    entries = read_calendar_entries(target / columns.CALENDAR_DIR)
    replaced = None if entries else read_previous_plan(folder)
    if replaced is None:
        return entries
    plan, scenario, copy = replaced
    entries = read_calendar_entries(copy / columns.CALENDAR_DIR)
    if entries:
        return entries
    try:
        return known_entries(ExportContext.build(plan, scenario, reference))
    except ValueError:  # a previous plan that does not fit its copy: nothing to cancel
        log.debug("previous plan's calendars not rebuilt", exc_info=True)
        return {}


def export_folder(plan_dir: Path, scenario_path: Path | None = None,
                  out_dir: Path | None = None) -> ExportRun:
    """``qualiplan export``: the schedule workbook, CSV tables, calendars (per trainer, site
    and council, with the cancellations of a re-plan) and letters (``briefe/``) of a valid
    plan.

    An unchanged plan gives the same calendar files; a changed entry keeps its UID with a
    higher SEQUENCE; an entry that is gone (dropped, moved, a trainer taken off) is
    cancelled in the calendar of the person it concerned (the calendars already in the
    target, else the re-plan's previous plan, are read first)."""
    from optimizer.export import export_files
    from optimizer.report.letters import letter_files

    folder = plan_dir.parent if plan_dir.is_file() else plan_dir
    plan, scenario = read_plan_and_scenario(plan_dir, scenario_path)
    reference = load_reference()
    violations = validate(scenario, plan, reference)
    if violations:
        raise PlanInvalid(violations, "export")
    target = out_dir or folder / columns.DEFAULT_EXPORT_DIR
    refusal = export_target_problem(target, folder, columns.WORKBOOK_FILE)
    if refusal:
        raise TargetRefused(target, "unsuitable", refusal)
    previous = _previous_entries(target, folder, reference)
    files = export_files(plan, scenario, reference, previous)
    stamp = dt.datetime.combine(scenario.period.start, dt.time(0, 0), tzinfo=dt.UTC)
    files.update(letter_files(analyse_plan(scenario, plan, reference), scenario, stamp))
    try:
        write_folder(target, files)
    except OSError as exc:
        raise OutputUnwritable(target, str(exc)) from None
    return ExportRun(target, sorted(files))


def plan_labels(plan_dirs: list[Path]) -> list[str]:
    """Folder names as plan labels; a repeated name gets its position appended."""
    names = [p.resolve().name or str(p) for p in plan_dirs]
    return [name if names.count(name) == 1 else f"{name} ({i + 1})"
            for i, name in enumerate(names)]


def compare_folders(plan_dirs: list[Path], out_dir: Path | None = None) -> CompareRun:
    """``qualiplan compare``: two or more plan folders (each with its scenario copy; the
    first is the base) side by side, written as ``vergleich.html``, ``vergleich.csv`` and
    ``unterschiede.csv`` into one folder that appears complete or not at all."""
    if len(plan_dirs) < 2:
        raise TargetRefused(None, "too-few-plans")
    plans = {label: read_plan_and_scenario(path)[::-1]
             for label, path in zip(plan_labels(plan_dirs), plan_dirs, strict=True)}
    import matplotlib

    matplotlib.use("Agg")
    from optimizer.report.compare import comparison_files

    analyses = analyse(plans)
    labels = list(plans)
    base = plans[labels[0]][1]
    comparison = Comparison(labels, compare_metrics(analyses),
                            {label: diff_plans(base, plans[label][1]) for label in labels[1:]})
    target = out_dir or DEFAULT_COMPARISON_DIR
    try:
        write_folder(target, comparison_files(
            analyses, {label: plan for label, (_, plan) in plans.items()}))
    except OSError as exc:
        raise OutputUnwritable(target, str(exc)) from None
    return CompareRun(comparison, target)


def write_template(target: Path, force: bool = False) -> Path:
    """``qualiplan template``: the Excel workbook to fill in, with a filled example."""
    if target.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise TargetRefused(target, "not-xlsx")
    if target.exists() and not force:
        raise TargetRefused(target, "exists")
    try:
        write_workbook(example_scenario(), target)
    except OSError as exc:
        raise OutputUnwritable(target, str(exc)) from None
    return target


#: Where ``qualiplan anleitung`` writes without a target.
DEFAULT_GUIDE_FILE = Path("qualiplan-anleitung.html")
GUIDE_SUFFIXES = (".html", ".htm", ".pdf", ".md")


def write_guide(target: Path | None = None) -> Path:
    """``qualiplan anleitung``: the planners' guide (every chapter the package holds, in
    order) as HTML, PDF or Markdown, by the target's suffix (default: HTML in the current
    folder)."""
    from optimizer.io.guide import guide_chapters
    from optimizer.report.guide import guide_html, guide_markdown, guide_pdf

    target = target or DEFAULT_GUIDE_FILE
    suffix = target.suffix.lower()
    if suffix not in GUIDE_SUFFIXES:
        raise TargetRefused(target, "not-guide")
    chapters = guide_chapters()
    content: bytes | str = (guide_pdf(chapters) if suffix == ".pdf"
                            else guide_markdown(chapters) if suffix == ".md"
                            else guide_html(chapters))
    try:
        write_files(target.parent if str(target.parent) else Path("."), {target.name: content})
    except OSError as exc:
        raise OutputUnwritable(target, str(exc), "file") from None
    return target


def convert_scenario(source: Path, target: Path) -> Conversion:
    """``qualiplan convert``: a workbook into a scenario folder (FORMAT.md) or back,
    without loss."""
    scenario = read_scenario(source)
    to_workbook = target.suffix.lower() in WORKBOOK_SUFFIXES
    try:
        if to_workbook:
            write_workbook(scenario, target)
        else:
            write_scenario_folder(scenario, target)
    except OSError as exc:
        raise OutputUnwritable(target, str(exc)) from None
    return Conversion(scenario, target, to_workbook)
