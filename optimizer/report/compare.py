"""The comparison of several plans as HTML (with charts) and CSV.

The first plan is the baseline: the difference table lists, for every other plan, the events
added, dropped, moved in date or given other trainers relative to it
(:func:`optimizer.insight.comparison.diff_plans`). ``vergleich.csv`` holds the side-by-side figures
(one row per figure, one column per plan, money in euros with two decimals, shares as
fractions), ``unterschiede.csv`` the difference rows (German headers, dates ``TT.MM.JJJJ``);
both for people, in German Excel's dialect (BOM, ``;``, decimal comma,
:mod:`optimizer.io.csv_de`).

The German words of a comparison live here: the labels of the figures
(:func:`metric_label_de`), their units in ``vergleich.csv`` (:data:`UNIT_CSV`) and the kinds
of event change (:data:`KIND_DE`, :data:`CHANGE_DE`), which :mod:`optimizer.insight.
comparison` gives as codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.insight.comparison import (
    ADDED,
    CHANGED,
    DROPPED,
    MOVED,
    PARTICIPANTS,
    TRAINERS,
    EventChange,
    Metric,
    compare_metrics,
    diff_plans,
)
from optimizer.insight.figures import PlanAnalysis, analyse_plan
from optimizer.io.csv_de import csv_text_de, decimal_de
from optimizer.io.reference import load_reference
from optimizer.report import plots
from optimizer.report.document import (
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
    eur_cents,
    figure_png,
)
from optimizer.report.html import render_html
from optimizer.report.numbers import number_de

__all__ = ["CHANGE_DE", "COMPARISON_FILES", "FIGURE_DE", "KIND_DE", "UNIT_CSV", "analyse_plans",
           "comparison_document", "comparison_files", "diff_csv", "format_metric",
           "metric_label_de", "metrics_csv"]

COMPARISON_FILES = ("vergleich.html", "vergleich.csv", "unterschiede.csv")

#: Kind of an event change (column ``kind`` of ``unterschiede.csv``, "Art" in the report).
KIND_DE = {ADDED: "neu", DROPPED: "entfällt", CHANGED: "geändert"}
#: What changed about an event in both plans (column ``changes``, "Änderung").
CHANGE_DE = {MOVED: "Termin verschoben", TRAINERS: "Trainer*innen gewechselt",
             PARTICIPANTS: "Teilnehmende geändert"}
#: The label of each compared figure (:attr:`Metric.figure`).
FIGURE_DE = {
    "covered_seats": "Abgedeckte Plätze",
    "wanted_seats": "Gewünschte Plätze",
    "covered_share": "Anteil abgedeckt",
    "councils_reached": "Gremien erreicht",
    "events": "Veranstaltungen",
    "sites": "Standorte",
    "trainer_days": "Seminartage der Trainer*innen",
    "fees": "Honorare",
    "travel": "Reisekosten",
    "catering": "Verpflegung",
    "total_cost": "Gesamtkosten",
    "budget": "Budget",
}
#: Column ``einheit`` of ``vergleich.csv`` per unit (money there is in euros).
UNIT_CSV = {"seats": "plätze", "share": "anteil", "councils": "gremien",
            "events": "veranstaltungen", "sites": "standorte", "days": "tage", "cent": "eur"}


def metric_label_de(metric: Metric) -> str:
    """``Abgedeckte Plätze Modul 1``, ``Anteil abgedeckt Köln``: the figure's German label."""
    label = FIGURE_DE[metric.figure]
    if metric.module is not None:
        label += f" Modul {metric.module}"
    if metric.region is not None:
        label += f" {metric.region}"
    return label


def format_metric(metric: Metric, value: float | None) -> str:
    """One value in planners' German (``–`` where a plan has none)."""
    if value is None:
        return "–"
    if metric.unit == "cent":
        return eur_cents(int(value))
    if metric.unit == "share":
        return f"{number_de(100 * value, 1)} %"
    return number_de(value)


def _changes_de(change: EventChange) -> list[str]:
    return [CHANGE_DE[what] for what in change.changes]


def _days(days: tuple[dt.date, ...]) -> str:
    return " + ".join(f"{d:%d.%m.%Y}" for d in days) or "–"


def _count(n: int | None) -> str:
    return "–" if n is None else number_de(n)


def _diff_row(other: str, c: EventChange) -> tuple[str, ...]:
    return (other, c.event_id, str(c.module), KIND_DE[c.kind], ", ".join(_changes_de(c)) or "–",
            _days(c.days_before), _days(c.days_after),
            ", ".join(c.trainers_before) or "–", ", ".join(c.trainers_after) or "–",
            _count(c.participants_before), _count(c.participants_after))


_DIFF_COLUMNS = ("Plan", "Veranstaltung", "Modul", "Art", "Änderung", "Termin vorher",
                 "Termin nachher", "Trainer*innen vorher", "Trainer*innen nachher",
                 "Teilnehmende vorher", "Teilnehmende nachher")


def comparison_document(
    analyses: Mapping[str, PlanAnalysis], diffs: Mapping[str, list[EventChange]]
) -> Document:
    """Side-by-side table and charts of the plans, and the difference tables."""
    labels = list(analyses)
    metrics = compare_metrics(analyses)
    doc = Document(
        title="Vergleich der Pläne " + ", ".join(f"„{label}“" for label in labels),
        subtitle=f"Basis für die Unterschiede: „{labels[0]}“. Beträge aus den Szenarien auf den "
                 "Cent nachgerechnet; Abdeckung aus den Zuordnungen.",
    )
    doc.blocks += [
        Heading("Kennzahlen nebeneinander"),
        Table("vergleich", "Kennzahlen je Plan", ("Kennzahl", *labels),
              tuple((metric_label_de(m), *(format_metric(m, v) for v in m.values))
                    for m in metrics),
              numeric=frozenset(range(1, len(labels) + 1))),
    ]
    charts = [
        ("regionen", "Anteil abgedeckter Plätze je Regierungsbezirk.",
         lambda: plots.plot_compare_regions(analyses)),
        ("veranstaltungen", "Veranstaltungen je Plan.",
         lambda: plots.plot_compare_metric(
             {k: a.headline.total_events for k, a in analyses.items()},
             "Veranstaltungen", "Anzahl")),
        ("kosten", "Gesamtkosten je Plan (Euro).",
         lambda: plots.plot_compare_metric(
             {k: a.costs.total_cents / 100 for k, a in analyses.items()},
             "Gesamtkosten", "Euro")),
        ("trainertage", "Seminartage der Trainer*innen je Plan.",
         lambda: plots.plot_compare_metric(
             {k: a.trainer_days for k, a in analyses.items()},
             "Seminartage der Trainer*innen", "Tage")),
    ]
    doc.blocks.append(Heading("Abbildungen"))
    for key, caption, draw in charts:
        png, width, height = figure_png(draw)
        doc.blocks.append(Figure(key, png, caption, width, height, small=key != "regionen"))
    doc.blocks.append(Heading(f"Unterschiede zu „{labels[0]}“"))
    for other, changes in diffs.items():
        counts = {kind: sum(c.kind == kind for c in changes) for kind in KIND_DE}
        doc.blocks.append(Paragraph(
            f"„{other}“ gegenüber „{labels[0]}“: {counts[ADDED]} neu, {counts[DROPPED]} "
            f"entfallen, {counts[CHANGED]} geändert."
            if changes else f"„{other}“ hat dieselben Veranstaltungen wie „{labels[0]}“."))
    rows = tuple(_diff_row(other, c) for other, changes in diffs.items() for c in changes)
    if rows:
        doc.blocks.append(Table("unterschiede", "Veranstaltungen, die sich unterscheiden",
                                _DIFF_COLUMNS, rows, numeric=frozenset({2, 9, 10})))
    return doc


def metrics_csv(analyses: Mapping[str, PlanAnalysis]) -> str:
    """``vergleich.csv``: key, German label, unit, one column per plan (German Excel)."""
    rows = []
    for m in compare_metrics(analyses):
        values = [
            "" if v is None else decimal_de(v / 100, 2) if m.unit == "cent"
            else decimal_de(v, 4) if m.unit == "share" else decimal_de(v)
            for v in m.values
        ]
        rows.append([m.key, metric_label_de(m), UNIT_CSV[m.unit], *values])
    return csv_text_de(["kennzahl", "bezeichnung", "einheit", *analyses], rows)


#: Headers of ``unterschiede.csv``.
DIFF_CSV_HEADER = ("Plan", "Veranstaltung", "Standort", "Modul", "Art", "Änderungen",
                   "Tage vorher", "Tage nachher", "Trainer*innen vorher",
                   "Trainer*innen nachher", "Teilnehmende vorher", "Teilnehmende nachher")


def diff_csv(diffs: Mapping[str, list[EventChange]]) -> str:
    """``unterschiede.csv``: one row per changed event and compared plan (German Excel)."""
    rows = [
        [other, c.event_id, c.site_id, c.module, KIND_DE[c.kind], ", ".join(_changes_de(c)),
         " + ".join(f"{d:%d.%m.%Y}" for d in c.days_before),
         " + ".join(f"{d:%d.%m.%Y}" for d in c.days_after),
         ", ".join(c.trainers_before), ", ".join(c.trainers_after),
         c.participants_before, c.participants_after]
        for other, changes in diffs.items() for c in changes
    ]
    return csv_text_de(DIFF_CSV_HEADER, rows)


def analyse_plans(
    plans: Mapping[str, tuple[Scenario, Plan]], reference: Reference | None = None
) -> dict[str, PlanAnalysis]:
    """Each labelled (scenario, plan) analysed with its own scenario.

    Raises ``ValueError`` when a plan does not belong to its scenario.
    """
    reference = reference or load_reference()
    return {label: analyse_plan(s, p, reference) for label, (s, p) in plans.items()}


def comparison_files(
    analyses: Mapping[str, PlanAnalysis], plans: Mapping[str, Plan]
) -> dict[str, bytes]:
    """The files of a comparison (first plan = baseline of the differences).

    ``analyses`` and ``plans`` have the same labels in the same order.
    """
    labels = list(plans)
    diffs = {label: diff_plans(plans[labels[0]], plans[label]) for label in labels[1:]}
    html_text = render_html(comparison_document(analyses, diffs))
    return {
        COMPARISON_FILES[0]: html_text.encode("utf-8"),
        COMPARISON_FILES[1]: metrics_csv(analyses).encode("utf-8"),
        COMPARISON_FILES[2]: diff_csv(diffs).encode("utf-8"),
    }
