"""The report's content, once, for both renderers (HTML and PDF).

:func:`build_report` turns a :class:`~optimizer.insight.figures.PlanAnalysis` into a
:class:`Document`: headings, paragraphs, tables of already formatted German text, and figures
as PNG bytes. :mod:`optimizer.report.html` and :mod:`optimizer.report.pdf` only lay it out,
so both files show the same numbers, and a test can check those numbers in one place.

Every number comes from the analysis (coverage from the assignments, money from the
validator's recomputation in cents); nothing here reads plan.json's totals.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import cast

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure as MplFigure

from optimizer.domain.changes import CSV_HEADER, Change
from optimizer.domain.scenario import MODULES
from optimizer.insight.figures import PlanAnalysis, RegionCoverage, Seats
from optimizer.report import plots
from optimizer.report.changes_de import kind_de, summary_de
from optimizer.report.numbers import number_de, percent_de

__all__ = ["Document", "Figure", "Heading", "Paragraph", "Table", "build_report",
           "eur_cents", "figure_png", "optimality_de", "seats_de"]

FIGURE_DPI = 100
UNMET_TOP = 25


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    note: bool = False  # a warning or remark, shown highlighted


@dataclass(frozen=True)
class Table:
    """A table of formatted cells; ``numeric`` columns are right-aligned.

    ``key`` names the table (HTML ``id``), so tests and readers can find it.
    """

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()
    total_row: bool = False  # the last row is a sum
    widths: tuple[float, ...] = ()  # relative column widths for the PDF


@dataclass(frozen=True)
class Figure:
    key: str
    png: bytes
    caption: str
    width_px: int
    height_px: int
    small: bool = False  # a small chart: the HTML sets several of them side by side
    #: The same figure as SVG (vector, text kept as text): the HTML shows it instead of the
    #: PNG; the PDF keeps the PNG.
    svg: str = ""


Block = Heading | Paragraph | Table | Figure


@dataclass
class Document:
    title: str
    subtitle: str
    blocks: list[Block] = field(default_factory=list)

    def tables(self) -> dict[str, Table]:
        return {b.key: b for b in self.blocks if isinstance(b, Table)}

    def figures(self) -> dict[str, Figure]:
        return {b.key: b for b in self.blocks if isinstance(b, Figure)}


#: Columns of the change table (as in changes.csv).
CHANGE_COLUMNS = CSV_HEADER


def eur_cents(cents: int) -> str:
    """German money from whole cents, exact (no float): ``1.234,56 €``."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{number_de(euros)},{rest:02d} €"


def seats_de(seats: Seats) -> str:
    """``873 von 916 (95,3 %)``."""
    return (f"{number_de(seats.covered)} von {number_de(seats.wanted)} "
            f"({percent_de(seats.covered, seats.wanted)})")


def optimality_de(status: str, gap_covered: float | None) -> str:
    """The solver status in planners' German (as the end of ``solve`` says it)."""
    if status == "FEASIBLE" and gap_covered == 0:
        return "Abdeckung bewiesen optimal, Kosten nicht bewiesen minimal"
    return {
        "OPTIMAL": "bewiesen optimal (Abdeckung und Kosten)",
        "FEASIBLE": "zulässig, Optimalität nicht bewiesen",
        "INFEASIBLE": "kein zulässiger Plan",
        "UNKNOWN": "kein Plan gefunden",
    }.get(status, status)


def _gap_de(gap: float | None) -> str:
    return "–" if gap is None else f"{number_de(100 * gap, 2)} %"


def figure_png(draw: Callable[[], Axes], dpi: int = FIGURE_DPI) -> tuple[bytes, int, int]:
    """Run a plot function, return its figure as PNG bytes with its pixel size; closes it."""
    ax = draw()
    figure = cast(MplFigure, ax.figure)  # plot functions draw on a whole figure
    try:
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight",
                       metadata={"Software": None})
    finally:
        plt.close(figure)
    data = buffer.getvalue()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return data, width, height


def _figure(key: str, caption: str, draw: Callable[[], Axes]) -> Figure:
    png, width, height = figure_png(draw)
    return Figure(key, png, caption, width, height)


def _vector_figure(key: str, caption: str, draw: Callable[[], Axes]) -> Figure:
    """A figure drawn once, kept as SVG (text as text, no date, stable IDs: the same plan
    gives the same file) and as PNG at twice the resolution for the PDF."""
    ax = draw()
    figure = cast(MplFigure, ax.figure)
    try:
        with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": "qualiplan"}):
            text = io.StringIO()
            figure.savefig(text, format="svg", bbox_inches="tight", metadata={"Date": None})
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=2 * FIGURE_DPI, bbox_inches="tight",
                       metadata={"Software": None})
    finally:
        plt.close(figure)
    data = buffer.getvalue()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return Figure(key, data, caption, width // 2, height // 2, svg=_inline_svg(text.getvalue()))


_SVG_NOISE = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"|<metadata>.*?</metadata>\s*', re.DOTALL)


def _inline_svg(svg: str) -> str:
    """matplotlib's SVG as an HTML page holds it inline: no XML prolog or doctype, no RDF
    metadata, no namespace declarations (HTML5 knows SVG's, and they only look like web
    addresses)."""
    return _SVG_NOISE.sub("", svg[svg.index("<svg"):])


def _region_rows(regions: Sequence[RegionCoverage], with_bezirk: bool) -> list[tuple[str, ...]]:
    rows = []
    for r in regions:
        cells = [r.name] + ([r.regierungsbezirk] if with_bezirk else [])
        rows.append((
            *cells, number_de(r.councils), number_de(r.councils_reached),
            *(number_de(getattr(r.seats[m], kind)) for m in MODULES
              for kind in ("wanted", "covered")),
            number_de(r.total.unmet), percent_de(r.total.covered, r.total.wanted),
        ))
    return rows


_REGION_COLUMNS = ("Gremien", "erreicht", "Modul 1 gewünscht", "Modul 1 abgedeckt",
                   "Modul 2 gewünscht", "Modul 2 abgedeckt", "ungedeckt", "Anteil abgedeckt")


def _headline_blocks(a: PlanAnalysis) -> list[Block]:
    h, o = a.headline, a.optimality
    key_figures = (
        ("Abgedeckte Plätze Modul 1", seats_de(h.seats[1])),
        ("Abgedeckte Plätze Modul 2", seats_de(h.seats[2])),
        ("Abgedeckte Plätze gesamt", seats_de(h.total)),
        ("Ungedeckte Plätze", number_de(h.total.unmet)),
        ("Gremien erreicht", f"{number_de(h.councils_reached)} von {number_de(h.councils)} "
                             f"({number_de(h.councils_with_demand)} mit Bedarf)"),
        ("Veranstaltungen", f"{number_de(h.total_events)} (Modul 1: {number_de(h.events[1])}, "
                            f"Modul 2: {number_de(h.events[2])})"),
        ("Standorte mit Veranstaltungen", f"{number_de(h.sites)}, davon "
                                          f"{number_de(h.sites_both_modules)} mit beiden Modulen"),
        ("Seminartage der Trainer*innen", number_de(a.trainer_days)),
    )
    c = a.costs
    cost_rows = [
        *((label, eur_cents(cents), percent_de(cents, c.budget_cents))
          for label, cents in c.lines()),
        ("Gesamtkosten", eur_cents(c.total_cents), percent_de(c.total_cents, c.budget_cents)),
        ("Budget", eur_cents(c.budget_cents), percent_de(c.budget_cents, c.budget_cents)),
        ("Verbleibend" if c.remaining_cents >= 0 else "Überschreitung",
         eur_cents(abs(c.remaining_cents)), percent_de(abs(c.remaining_cents), c.budget_cents)),
    ]
    optimality = (
        ("Status", f"{o.status} – {optimality_de(o.status, o.gap_covered)}"),
        ("Schranke Abdeckung", "–" if o.covered_bound is None
         else f"höchstens {number_de(o.covered_bound)} Plätze erreichbar"),
        ("Lücke Abdeckung", _gap_de(o.gap_covered)),
        ("Schranke Kosten", "–" if o.cost_bound_eur is None
         else f"bei dieser Abdeckung mindestens {eur_cents(round(100 * o.cost_bound_eur))}"),
        ("Lücke Kosten", _gap_de(o.gap_cost)),
        ("Rechenzeit", f"{number_de(o.solve_seconds, 1)} s" + (f" ({o.solver})"
                                                               if o.solver else "")),
    )
    return [
        Heading("Kennzahlen"),
        Table("kennzahlen", "Plätze, Gremien, Veranstaltungen", ("Kennzahl", "Wert"),
              key_figures, widths=(1, 1.6)),
        Table("kosten", "Kosten nach Posten (nachgerechnet, R13–R16)",
              ("Posten", "Betrag", "Anteil am Budget"), tuple(cost_rows),
              numeric=frozenset({1, 2}), widths=(1.2, 1, 1)),
        _figure("kosten", "Kosten nach Posten gegen das Budget.",
                lambda: plots.plot_costs(a)),
        Table("optimalitaet", "Optimalität (laut Solver)", ("", "Wert"), optimality,
              widths=(1, 2.2)),
    ]


def _region_blocks(a: PlanAnalysis) -> list[Block]:
    total = a.headline
    nrw_row = (
        "NRW gesamt", number_de(total.councils), number_de(total.councils_reached),
        *(number_de(getattr(total.seats[m], kind)) for m in MODULES
          for kind in ("wanted", "covered")),
        number_de(total.total.unmet), percent_de(total.total.covered, total.total.wanted),
    )
    numeric = frozenset(range(1, 9))
    return [
        Heading("Abdeckung nach Regierungsbezirk"),
        Table("regierungsbezirke", "Plätze je Regierungsbezirk",
              ("Regierungsbezirk", *_REGION_COLUMNS),
              (*map(tuple, _region_rows(a.by_regierungsbezirk, False)), nrw_row),
              numeric=numeric, total_row=True, widths=(1.6, 0.8, 0.8, 1, 1, 1, 1, 0.9, 1)),
        _figure("regierungsbezirke", "Plätze je Regierungsbezirk: abgedeckt je Modul und "
                "ungedeckt.", lambda: plots.plot_coverage_by_region(a, "regierungsbezirk")),
        Heading("Abdeckung nach Kreis"),
        Table("kreise", "Plätze je Kreis bzw. kreisfreier Stadt",
              ("Kreis", "Bezirk", *_REGION_COLUMNS),
              tuple(map(tuple, _region_rows(a.by_kreis, True))),
              numeric=frozenset(range(2, 10)),
              widths=(2.2, 1.1, 0.9, 0.9, 1, 1, 1, 1, 1.1, 1)),
        _figure("kreise", "Plätze je Kreis bzw. kreisfreier Stadt.",
                lambda: plots.plot_coverage_by_region(a, "kreis")),
    ]


def _unmet_blocks(a: PlanAnalysis) -> list[Block]:
    unmet = a.unmet_councils
    rows = tuple(
        (c.council_id, c.municipality, c.kreis, number_de(c.seats[1].unmet),
         number_de(c.seats[2].unmet), number_de(c.total.unmet))
        for c in unmet
    )
    text = (f"{number_de(len(unmet))} Gremien haben ungedeckten Bedarf, zusammen "
            f"{number_de(a.headline.total.unmet)} Plätze." if unmet
            else "Alle gewünschten Plätze sind abgedeckt.")
    return [
        Heading("Ungedeckter Bedarf"),
        Paragraph(text),
        _figure("ungedeckt", "Gremien mit ungedecktem Bedarf (die größten zuerst).",
                lambda: plots.plot_unmet_demand(a, top=UNMET_TOP)),
        Table("ungedeckt", "Gremien mit ungedecktem Bedarf",
              ("Gremium", "Gemeinde", "Kreis", "Modul 1 ungedeckt", "Modul 2 ungedeckt",
               "gesamt"), rows, numeric=frozenset({3, 4, 5}), widths=(1.2, 1.6, 2, 1, 1, 0.8)),
    ]


def _event_rows(a: PlanAnalysis) -> tuple[tuple[str, ...], ...]:
    """Events as people name them: VHS, councils by municipality, trainers by name."""
    names = a.names
    return tuple(
        (e.event_id, e.site_name, e.municipality, str(e.module),
         " + ".join(f"{day:%d.%m.%Y}" for day in e.days), number_de(e.participants),
         names.council_list(e.council_ids), names.trainer_list(e.trainer_ids),
         eur_cents(e.total_cents))
        for e in a.events
    )


def _trainer_rows(a: PlanAnalysis) -> tuple[tuple[str, ...], ...]:
    role = {"educator": "Erwachsenenbildung", "council": "Integrationsräte"}
    return tuple(
        (a.names.trainer(t.trainer_id), role.get(t.role, t.role), number_de(t.events),
         number_de(t.events_by_module[1]), number_de(t.events_by_module[2]),
         number_de(t.max_events), number_de(t.seminar_days), eur_cents(t.fees_cents),
         eur_cents(t.travel_cents))
        for t in a.trainers
    )


def _council_rows(a: PlanAnalysis) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (c.council_id, c.municipality, c.kreis, c.regierungsbezirk,
         *(number_de(getattr(c.seats[m], kind)) for m in MODULES
           for kind in ("wanted", "covered")),
         ", ".join(e for m in MODULES for e in c.event_ids[m]) or "–",
         percent_de(c.total.covered, c.total.wanted))
        for c in a.councils
    )


def _change_blocks(changes: list[Change]) -> list[Block]:
    """A re-plan's change list: the summary line and one row per change (R-independent)."""
    blocks: list[Block] = [Heading("Änderungen gegenüber dem vorigen Plan"),
                           Paragraph(summary_de(changes) + ".")]
    if changes:
        rows = tuple(
            (kind_de(c), c.event_id, c.site_id, str(c.module), c.trainer_id, c.council_id,
             c.before, c.after)
            for c in sorted(changes, key=lambda c: (c.event_id, c.kind, c.trainer_id,
                                                    c.council_id))
        )
        blocks.append(Table("aenderungen", "Änderungen je Veranstaltung (auch in changes.csv)",
                            CHANGE_COLUMNS, rows, numeric=frozenset({3}),
                            widths=(1.8, 1.3, 1.0, 0.6, 1.0, 1.2, 1.5, 1.5)))
    return blocks


def build_report(
    analysis: PlanAnalysis,
    shapes: plots.Shapes,
    violations: Sequence[str] = (),
    map_attribution: str = "",
    changes: Sequence[Change] | None = None,
) -> Document:
    """The report of one plan (German): figures, tables and the map.

    ``violations`` are the validator's messages (shown as a warning at the top; a valid plan
    has none). ``map_attribution`` is printed under the map (licence of the outlines).
    ``changes``: a re-plan's changes against the previous plan (:mod:`optimizer.insight.changes`),
    shown after the headline figures; ``None`` for a plan made from scratch.
    """
    a = analysis
    doc = Document(
        title=f"Bericht zum Plan „{a.scenario_name}“",
        subtitle="Qualifizierungsreihe für Integrationsräte in NRW – wer wird wo, wann und zu "
                 "welchen Kosten erreicht",
    )
    if violations:
        doc.blocks.append(Paragraph(
            f"Achtung: Der Plan verletzt {len(violations)} Regel(n) (qualiplan check): "
            + "; ".join(violations[:5]) + (" …" if len(violations) > 5 else ""), note=True))
    else:
        doc.blocks.append(Paragraph(
            "Der Plan erfüllt alle Regeln R1–R16 (unabhängig nachgeprüft). Beträge sind aus "
            "dem Szenario auf den Cent nachgerechnet."))
    doc.blocks += _headline_blocks(a)
    if changes is not None:
        doc.blocks += _change_blocks(list(changes))
    doc.blocks += _region_blocks(a)
    doc.blocks += _unmet_blocks(a)
    doc.blocks += [
        Heading("Karte"),
        _vector_figure("karte", "Gremien nach Anteil abgedeckter Plätze (grau: kein Gremium), "
                       "Standorte mit Namen nach Modul, die bedienten Gremien mit Namen und "
                       "ihre Wege (Linie vom Gremium zu seiner Veranstaltung). "
                       + (f"Kartengrundlage: {map_attribution}" if map_attribution else ""),
                       lambda: plots.plot_map(a, shapes, labels=True)),
        Heading("Kalender"),
        _figure("kalender", "Veranstaltungen je Monat des Planungszeitraums.",
                lambda: plots.plot_calendar(a)),
        Table("veranstaltungen", "Veranstaltungen in zeitlicher Folge",
              ("Veranstaltung", "Standort", "Gemeinde", "Modul", "Seminartage",
               "Teilnehmende", "Gremien", "Trainer*innen", "Kosten"), _event_rows(a),
              numeric=frozenset({3, 5, 8}),
              widths=(1.55, 1.4, 1.25, 0.7, 1.5, 1.5, 1.8, 1.5, 1.2)),
        Heading("Trainer*innen"),
        _figure("trainer", "Veranstaltungen je Trainer*in und Modul; Strich: höchstens "
                "erlaubte Zahl (max_events).", lambda: plots.plot_trainer_load(a)),
        Table("trainer", "Auslastung, Honorare und Reisekosten je Trainer*in",
              ("Trainer*in", "Rolle", "Veranstaltungen", "Modul 1", "Modul 2", "höchstens",
               "Seminartage", "Honorare", "Reisekosten"), _trainer_rows(a),
              numeric=frozenset(range(2, 9)),
              widths=(0.9, 1.5, 1.3, 0.8, 0.8, 0.9, 1.1, 1.1, 1.1)),
        Heading("Abdeckung je Gremium"),
        Table("gremien", "Plätze und Veranstaltungen je Gremium",
              ("Gremium", "Gemeinde", "Kreis", "Bezirk", "Modul 1 gewünscht",
               "Modul 1 abgedeckt", "Modul 2 gewünscht", "Modul 2 abgedeckt", "Veranstaltungen",
               "Anteil"), _council_rows(a), numeric=frozenset({4, 5, 6, 7, 9}),
              widths=(1.1, 1.3, 1.5, 1.1, 1, 1, 1, 1, 1.6, 0.8)),
    ]
    return doc
