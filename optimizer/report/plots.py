"""Plots of a plan's figures (matplotlib, German labels).

Every function takes a :class:`~optimizer.insight.figures.PlanAnalysis` (the figures of one plan,
computed by :func:`~optimizer.insight.figures.analyse_plan`) and an optional ``ax``; it draws into
``ax`` if given, else into a new figure, and returns the ``Axes``. None of them solves, reads
files or changes the analysis (habit taken from PyVRP's ``pyvrp/plotting``). The caller owns
the figure: close it when done (``plt.close(ax.figure)``). The backend is left to the
caller (a notebook keeps its inline backend; the CLI chooses Agg).

Colours: module 1 blue, module 2 orange, unmet demand grey, on every chart, so a reader
learns them once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import Normalize
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from optimizer.domain.scenario import MODULES
from optimizer.insight.figures import PlanAnalysis, RegionCoverage
from optimizer.report.numbers import number_de

__all__ = [
    "MODULE_COLOURS",
    "plot_calendar",
    "plot_compare_metric",
    "plot_compare_regions",
    "plot_costs",
    "plot_coverage_by_region",
    "plot_map",
    "plot_trainer_load",
    "plot_unmet_demand",
]

MODULE_COLOURS: dict[int, str] = {1: "#1f77b4", 2: "#ff7f0e"}
UNMET_COLOUR = "#c7c7c7"
MONTHS_DE = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")

Shapes = Mapping[str, Sequence[Sequence[tuple[float, float]]]]
"""Municipality key → outer rings of (lon, lat) points (:mod:`optimizer.io.mapdata`)."""


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    _, new = plt.subplots(figsize=size)
    return new


def _legend_on_top(ax: Axes, ncol: int, **kwargs: object) -> None:
    """Legend in one row between title and plot, so it never hides a bar."""
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=ncol, fontsize="small",
              frameon=False, **kwargs)


def _value_limit(ax: Axes, largest: float, axis: str = "x") -> None:
    """Axis from 0 to 6 % beyond the longest bar. Set by hand: zero-length bars at the end
    of a stack keep matplotlib's automatic margin from growing past them."""
    limit = max(largest, 1.0) * 1.06
    (ax.set_xlim if axis == "x" else ax.set_ylim)(0, limit)


def _german_ticks(ax: Axes, axis: str = "x", decimals: int = 0) -> None:
    formatter = FuncFormatter(lambda value, _pos: number_de(value, decimals))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(formatter)


def plot_coverage_by_region(
    analysis: PlanAnalysis, level: str = "regierungsbezirk", ax: Axes | None = None
) -> Axes:
    """Seats per Regierungsbezirk (``level="regierungsbezirk"``) or Kreis (``"kreis"``):
    covered in module 1, covered in module 2, and unmet, as stacked horizontal bars.

    One bar of three segments per region (3 × regions patches), the first region on top.
    """
    regions: Sequence[RegionCoverage] = (
        analysis.by_regierungsbezirk if level == "regierungsbezirk" else analysis.by_kreis
    )
    ax = _axes(ax, (8, max(2.5, 0.28 * len(regions) + 1.2)))
    names = [r.name.replace(" (kreisfreie Stadt)", " (Stadt)") for r in regions]
    y = np.arange(len(regions))
    left = np.zeros(len(regions))
    for module in MODULES:
        values = np.array([r.seats[module].covered for r in regions], dtype=float)
        ax.barh(y, values, left=left, color=MODULE_COLOURS[module],
                label=f"abgedeckt Modul {module}")
        left += values
    unmet = np.array([r.total.unmet for r in regions], dtype=float)
    ax.barh(y, unmet, left=left, color=UNMET_COLOUR, label="ungedeckt")
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    _value_limit(ax, float(max(left, default=0.0)))
    ax.set_xlabel("Plätze (Mitglieder)")
    ax.set_title("Abdeckung nach " + ("Regierungsbezirk" if level == "regierungsbezirk"
                                      else "Kreis bzw. kreisfreier Stadt"), pad=22)
    _german_ticks(ax)
    _legend_on_top(ax, 3)
    return ax


def plot_unmet_demand(analysis: PlanAnalysis, top: int = 25, ax: Axes | None = None) -> Axes:
    """Councils with unmet demand (the ``top`` largest), unmet seats per module stacked.

    With no unmet demand the axes say so in words instead of drawing an empty chart.
    """
    councils = analysis.unmet_councils[:top]
    ax = _axes(ax, (8, max(2.0, 0.28 * len(councils) + 1.2)))
    ax.set_title("Ungedeckter Bedarf nach Gremium"
                 + (f" (die {top} größten)" if len(analysis.unmet_councils) > top else ""),
                 pad=22)
    if not councils:
        ax.text(0.5, 0.5, "Kein ungedeckter Bedarf: alle gewünschten Plätze sind abgedeckt.",
                ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    y = np.arange(len(councils))
    left = np.zeros(len(councils))
    for module in MODULES:
        values = np.array([c.seats[module].unmet for c in councils], dtype=float)
        ax.barh(y, values, left=left, color=MODULE_COLOURS[module],
                label=f"ungedeckt Modul {module}")
        left += values
    ax.set_yticks(y, [f"{c.municipality} ({c.council_id})" for c in councils])
    ax.invert_yaxis()
    ax.set_xlabel("ungedeckte Plätze")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    _value_limit(ax, float(max(left, default=0.0)))
    _german_ticks(ax)
    _legend_on_top(ax, 2)
    return ax


def _map_labels(analysis: PlanAnalysis, ax: Axes) -> None:
    """Site names beside their markers; the names of the councils served, small, at their
    municipality's centre (drawn as text, so a vector map stays searchable and sharp)."""
    names = analysis.names
    placed: set[tuple[float, float]] = set()
    for e in analysis.events:
        if (e.lon, e.lat) in placed:
            continue
        placed.add((e.lon, e.lat))
        ax.annotate(names.site(e.site_id), (e.lon, e.lat), xytext=(4, 3),
                    textcoords="offset points", fontsize=6, fontweight="bold", zorder=4,
                    color="#111111")
    for c in analysis.councils:
        if c.total.covered:
            ax.annotate(names.council(c.council_id), (c.lon, c.lat), xytext=(0, -7),
                        textcoords="offset points", fontsize=4.5, ha="center", zorder=4,
                        color="#444444")


def plot_map(
    analysis: PlanAnalysis, shapes: Shapes, ax: Axes | None = None, lines: bool = True,
    labels: bool = False,
) -> Axes:
    """Map of NRW: councils' municipalities shaded by the share of wanted seats covered,
    lines from each council to the events it attends (its route), sites marked by module;
    with ``labels`` the sites' names and the names of the councils served.

    Municipalities without a council are light grey. Sites: circle = module 1 only, square =
    module 2 only, diamond = both modules (R4). Longitudes are scaled by cos(51.5°) so the
    map keeps its shape (an equirectangular view, good enough for one Land).
    """
    ax = _axes(ax, (9, 8.5))
    share_by_ags: dict[str, float] = {}
    wanted_by_ags: dict[str, int] = {}
    covered_by_ags: dict[str, int] = {}
    for c in analysis.councils:
        wanted_by_ags[c.ags] = wanted_by_ags.get(c.ags, 0) + c.total.wanted
        covered_by_ags[c.ags] = covered_by_ags.get(c.ags, 0) + c.total.covered
    for ags, wanted in wanted_by_ags.items():
        if wanted:
            share_by_ags[ags] = covered_by_ags[ags] / wanted
    cmap = plt.get_cmap("RdYlGn")
    norm = Normalize(0.0, 1.0)
    polygons, faces = [], []
    for ags, rings in sorted(shapes.items()):
        colour = cmap(norm(share_by_ags[ags])) if ags in share_by_ags else "#eeeeee"
        for ring in rings:
            polygons.append(np.asarray(ring))
            faces.append(colour)
    ax.add_collection(PolyCollection(polygons, facecolors=faces, edgecolors="#999999",
                                     linewidths=0.2, zorder=1))
    if lines:
        sites = {e.event_id: (e.lon, e.lat) for e in analysis.events}
        segments = [
            [(c.lon, c.lat), sites[event_id]]
            for c in analysis.councils
            for module in MODULES
            for event_id in c.event_ids[module]
        ]
        ax.add_collection(LineCollection(segments, colors="#222222", linewidths=0.8,
                                         alpha=0.8, zorder=2))
    modules_at: dict[tuple[float, float], set[int]] = {}
    for e in analysis.events:
        modules_at.setdefault((e.lon, e.lat), set()).add(e.module)
    markers = {frozenset({1}): ("o", MODULE_COLOURS[1], "nur Modul 1"),
               frozenset({2}): ("s", MODULE_COLOURS[2], "nur Modul 2"),
               frozenset({1, 2}): ("D", "#6a3d9a", "Modul 1 und 2")}
    handles = []
    for kind, (marker, colour, label) in markers.items():
        points = [p for p, mods in modules_at.items() if frozenset(mods) == kind]
        if points:
            xs, ys = zip(*points, strict=True)
            ax.scatter(xs, ys, marker=marker, s=28, c=colour, edgecolors="black",
                       linewidths=0.6, zorder=3, label=label)
        handles.append(Line2D([], [], marker=marker, color="none", markerfacecolor=colour,
                              markeredgecolor="black", label=f"Standort: {label}"))
    if lines:
        handles.append(Line2D([], [], color="#333333", linewidth=0.8,
                              label="Gremium → Veranstaltung"))
    if labels:
        _map_labels(analysis, ax)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2,
              fontsize="small", frameon=False)
    colourbar = ax.figure.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax,
                                   shrink=0.6, pad=0.01)
    colourbar.set_label("Anteil der gewünschten Plätze abgedeckt")
    colourbar.ax.yaxis.set_major_formatter(
        FuncFormatter(lambda value, _pos: f"{number_de(100 * value)} %"))
    ax.autoscale_view()
    ax.set_aspect(1 / np.cos(np.radians(51.5)))
    ax.set_axis_off()
    ax.set_title("Abdeckung der Gremien, Standorte und Wege zu den Veranstaltungen")
    return ax


def plot_calendar(analysis: PlanAnalysis, ax: Axes | None = None) -> Axes:
    """Events per month of the planning period (R1), stacked by module."""
    ax = _axes(ax, (9, 3.2))
    months = analysis.months
    x = np.arange(len(months))
    bottom = np.zeros(len(months))
    for module in MODULES:
        values = np.array([m.events[module] for m in months], dtype=float)
        ax.bar(x, values, bottom=bottom, color=MODULE_COLOURS[module], label=f"Modul {module}")
        bottom += values
    ax.set_xticks(x, [f"{MONTHS_DE[m.month.month - 1]}\n{m.month.year}" for m in months],
                  fontsize="small")
    ax.set_ylabel("Veranstaltungen")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _value_limit(ax, float(max(bottom, default=0.0)), "y")
    ax.set_title("Veranstaltungen je Monat (nach erstem Seminartag)", pad=22)
    _legend_on_top(ax, 2)
    return ax


def plot_trainer_load(analysis: PlanAnalysis, ax: Axes | None = None) -> Axes:
    """Events per trainer (R12), stacked by module, with each trainer's ``max_events`` as a
    black tick; trainers in scenario order."""
    trainers = analysis.trainers
    ax = _axes(ax, (8, max(2.5, 0.26 * len(trainers) + 1.2)))
    y = np.arange(len(trainers))
    left = np.zeros(len(trainers))
    for module in MODULES:
        values = np.array([t.events_by_module[module] for t in trainers], dtype=float)
        ax.barh(y, values, left=left, color=MODULE_COLOURS[module], label=f"Modul {module}")
        left += values
    ax.scatter([t.max_events for t in trainers], y, marker="|", s=120, c="black",
               zorder=3, label="höchstens (max_events)")
    role = {"educator": "EB", "council": "IR"}
    ax.set_yticks(y, [f"{t.trainer_id} ({role.get(t.role, t.role)})" for t in trainers],
                  fontsize="small")
    ax.invert_yaxis()
    _value_limit(ax, float(max([*left, *(t.max_events for t in trainers)], default=0)))
    ax.set_xlabel("Veranstaltungen (je 2 Seminartage)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Auslastung der Trainer*innen (EB: Erwachsenenbildung, IR: Integrationsräte)",
                 pad=22)
    _legend_on_top(ax, 3)
    return ax


def plot_costs(analysis: PlanAnalysis, ax: Axes | None = None) -> Axes:
    """Cost by line (R13–R15) as one stacked bar against the budget (R16, dashed line)."""
    ax = _axes(ax, (8, 1.9))
    left = 0.0
    colours = ("#4c72b0", "#dd8452", "#55a868")
    for (label, cents), colour in zip(analysis.costs.lines(), colours, strict=True):
        ax.barh([0], [cents / 100], left=left, color=colour, label=label)
        left += cents / 100
    budget = analysis.costs.budget_cents / 100
    ax.axvline(budget, color="black", linestyle="--", label="Budget")
    ax.set_yticks([])
    ax.set_xlim(0, max(budget, left) * 1.05 or 1.0)
    ax.set_xlabel("Euro")
    _german_ticks(ax)
    ax.set_title("Kosten nach Posten und Budget", pad=22)
    _legend_on_top(ax, 4)
    return ax


def plot_compare_regions(analyses: Mapping[str, PlanAnalysis], ax: Axes | None = None) -> Axes:
    """Share of wanted seats covered per Regierungsbezirk, one bar per plan (grouped).

    Regions are the union over the plans, in name order; a plan without councils in a
    region has no bar there.
    """
    ax = _axes(ax, (9, 3.6))
    names = sorted({r.name for a in analyses.values() for r in a.by_regierungsbezirk})
    width = 0.8 / max(len(analyses), 1)
    x = np.arange(len(names))
    for i, (label, analysis) in enumerate(analyses.items()):
        regions = {r.name: r for r in analysis.by_regierungsbezirk}
        shares = [
            100 * (regions[n].total.share or 0.0) if n in regions else np.nan for n in names
        ]
        ax.bar(x + (i - (len(analyses) - 1) / 2) * width, shares, width, label=label)
    ax.set_xticks(x, names)
    ax.set_ylim(0, 105)
    ax.set_ylabel("abgedeckt in %")
    _german_ticks(ax, "y")
    ax.set_title("Abdeckung nach Regierungsbezirk im Vergleich", pad=22)
    _legend_on_top(ax, min(len(analyses), 4))
    return ax


def plot_compare_metric(
    values: Mapping[str, float], title: str, unit: str, ax: Axes | None = None
) -> Axes:
    """One figure per plan (events, cost, trainer days …) as a bar each, labelled in German."""
    ax = _axes(ax, (4, 3))
    labels = list(values)
    bars = ax.bar(range(len(labels)), [values[k] for k in labels],
                  color=[f"C{i}" for i in range(len(labels))])
    ax.bar_label(bars, labels=[number_de(values[k]) for k in labels], fontsize="small")
    ax.set_xticks(range(len(labels)), labels, rotation=15)
    ax.set_ylabel(unit)
    _german_ticks(ax, "y")
    ax.set_title(title)
    ax.margins(y=0.15)
    return ax
