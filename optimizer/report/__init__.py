"""Reports of a plan: one German HTML file (self-contained) and the same content as PDF.

Flow: (scenario, plan) → :func:`~optimizer.insight.figures.analyse_plan` → :func:`~optimizer.report.
document.build_report` (tables as text, figures as PNG) → :func:`~optimizer.report.html.
render_html` and :func:`~optimizer.report.pdf.render_pdf`. Nothing here solves or writes files;
the CLI writes the returned bytes with :mod:`optimizer.io.atomic`.
"""

from __future__ import annotations

from collections.abc import Sequence

from optimizer.domain.changes import Change
from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.insight.figures import analyse_plan
from optimizer.io.mapdata import load_municipality_shapes, map_attribution
from optimizer.io.reference import load_reference
from optimizer.report.document import FIGURE_DPI, Document, build_report
from optimizer.report.html import render_html
from optimizer.report.pdf import render_pdf
from optimizer.validate import validate_plan

__all__ = ["HTML_FILE", "PDF_FILE", "report_document", "report_files"]

HTML_FILE = "bericht.html"
PDF_FILE = "bericht.pdf"


def report_document(
    scenario: Scenario, plan: Plan, reference: Reference | None = None,
    changes: Sequence[Change] | None = None,
) -> Document:
    """The report's content for ``plan`` (validated, so a broken plan says so at the top).

    Raises ``ValueError`` when the plan does not belong to the scenario
    (:func:`optimizer.validate.plan_mismatches`).
    """
    reference = reference or load_reference()
    analysis = analyse_plan(scenario, plan, reference)
    violations = [str(v) for v in dict.fromkeys(validate_plan(scenario, plan, reference))]
    return build_report(analysis, load_municipality_shapes(), violations, map_attribution(),
                        changes)


def report_files(
    scenario: Scenario, plan: Plan, reference: Reference | None = None,
    changes: Sequence[Change] | None = None,
) -> dict[str, bytes]:
    """``{"bericht.html": …, "bericht.pdf": …}``: the report as bytes, ready to write
    (``changes``: a re-plan's change list, see :func:`report_document`)."""
    doc = report_document(scenario, plan, reference, changes)
    return {HTML_FILE: render_html(doc).encode("utf-8"), PDF_FILE: render_pdf(doc, FIGURE_DPI)}
