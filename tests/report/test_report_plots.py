"""Plot functions (optimizer/report/plots.py): structure of the figures on ``tiny_plan``.

Checked by counting what is drawn (bars, polygons, lines, markers) and reading labels, never
by pixels. ``tiny_plan``: DUS-M1 (C-DUS 12 + C-DU 8, T-EDU + T-CNC, Feb 2026), DUS-M2
(C-DUS 10, T-EDU, Mar 2026), BI-M1 (C-BI 8, T-CNC, Feb 2026); survey 12/12, 8/8, 8/8.
"""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.patches import Rectangle

from optimizer.domain.geography import Reference
from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.insight.figures import PlanAnalysis, analyse_plan
from optimizer.report import plots

from testkit.tiny import BIELEFELD, DUESSELDORF, DUISBURG, MakePlan

OTHER = "05315000"  # Köln: a municipality without a council in the tiny scenario


@pytest.fixture
def analysis(tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference) -> PlanAnalysis:
    return analyse_plan(tiny_scenario, tiny_plan, nrw_reference)


@pytest.fixture
def ax() -> Iterator[Axes]:
    figure, axes = plt.subplots(figsize=(4, 3))
    yield axes
    plt.close(figure)


def _bars(ax: Axes) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def _square(x: float, y: float) -> tuple[tuple[float, float], ...]:
    return ((x, y), (x + 0.1, y), (x + 0.1, y + 0.1), (x, y + 0.1), (x, y))


def test_every_plot_draws_into_the_axes_given(analysis: PlanAnalysis, ax: Axes):
    shapes = {DUESSELDORF: (_square(6.7, 51.2),)}
    calls = [
        lambda a: plots.plot_coverage_by_region(analysis, ax=a),
        lambda a: plots.plot_unmet_demand(analysis, ax=a),
        lambda a: plots.plot_map(analysis, shapes, ax=a),
        lambda a: plots.plot_calendar(analysis, ax=a),
        lambda a: plots.plot_trainer_load(analysis, ax=a),
        lambda a: plots.plot_costs(analysis, ax=a),
        lambda a: plots.plot_compare_regions({"a": analysis}, ax=a),
        lambda a: plots.plot_compare_metric({"a": 1.0}, "T", "U", ax=a),
    ]
    for call in calls:
        ax.clear()
        assert call(ax) is ax
    # Without an axes, each makes its own figure.
    own = plots.plot_calendar(analysis)
    assert own is not ax and own.figure is not ax.figure
    plt.close(own.figure)


def test_coverage_by_regierungsbezirk(analysis: PlanAnalysis, ax: Axes):
    plots.plot_coverage_by_region(analysis, "regierungsbezirk", ax=ax)
    bars = _bars(ax)
    # Two regions (Detmold, Düsseldorf) × three segments (M1, M2 covered, unmet).
    assert len(bars) == 6
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Detmold", "Düsseldorf"]
    # Drawn segment by segment: M1 covered (Detmold 8, Düsseldorf 20), M2 covered (0, 10),
    # unmet (8, 10); each segment starts where the one before ended.
    assert [b.get_width() for b in bars] == [8, 20, 0, 10, 8, 10]
    assert [b.get_x() for b in bars] == [0, 0, 8, 20, 8, 30]
    assert ax.get_legend() is not None
    assert "Regierungsbezirk" in ax.get_title()


def test_coverage_by_kreis(analysis: PlanAnalysis, ax: Axes):
    plots.plot_coverage_by_region(analysis, "kreis", ax=ax)
    assert len(_bars(ax)) == 9  # three kreisfreie Städte × three segments
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # German order (ü sorts as u): Duisburg before Düsseldorf.
    assert labels == ["Bielefeld (Stadt)", "Duisburg (Stadt)", "Düsseldorf (Stadt)"]


def test_unmet_demand(analysis: PlanAnalysis, ax: Axes, tiny_scenario: Scenario,
                      make_plan: MakePlan, nrw_reference: Reference):
    plots.plot_unmet_demand(analysis, ax=ax)
    # C-BI 8, C-DU 8, C-DUS 2 unmet (all module 2): 3 councils × 2 module segments.
    bars = _bars(ax)
    assert len(bars) == 6
    assert sorted(b.get_width() for b in bars if b.get_width() > 0) == [2, 8, 8]
    assert "C-BI" in ax.get_yticklabels()[0].get_text()
    # Nothing unmet: a sentence, no bars.
    everything = make_plan(
        tiny_scenario.model_copy(update={"councils": tuple(
            c.model_copy(update={"interested_m2": 0}) for c in tiny_scenario.councils)}),
        [], [])
    full = analyse_plan(
        tiny_scenario.model_copy(update={"councils": ()}), everything, nrw_reference)
    ax.clear()
    plots.plot_unmet_demand(full, ax=ax)
    assert _bars(ax) == []
    assert any("Kein ungedeckter Bedarf" in t.get_text() for t in ax.texts)


def test_map(analysis: PlanAnalysis, ax: Axes):
    shapes = {
        DUESSELDORF: (_square(6.7, 51.2),),
        DUISBURG: (_square(6.7, 51.4),),
        BIELEFELD: (_square(8.5, 52.0), _square(8.7, 52.0)),  # two parts
        OTHER: (_square(6.9, 50.9),),
    }
    plots.plot_map(analysis, shapes, ax=ax)
    polys = [c for c in ax.collections if isinstance(c, PolyCollection)
             and not isinstance(c, PathCollection)]
    assert len(polys) == 1 and len(polys[0].get_paths()) == 5  # every ring drawn
    faces = polys[0].get_facecolors()
    # Sorted by key: 05111000 DUS, 05112000 DU, 05315000 Köln, 05711000 BI (two rings).
    # Köln has no council: light grey. C-DUS covers 22 of 24 seats, C-DU and C-BI 8 of 16.
    cmap = plt.get_cmap("RdYlGn")
    assert np.allclose(faces[0], cmap(22 / 24))
    assert np.allclose(faces[1], cmap(0.5))
    assert np.allclose(faces[2], matplotlib.colors.to_rgba("#eeeeee"))
    assert np.allclose(faces[3], faces[4])
    # One line per assignment: C-DUS → DUS-M1 and DUS-M2, C-DU → DUS-M1, C-BI → BI-M1.
    lines = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(lines) == 1 and len(lines[0].get_segments()) == 4
    # Sites: DUS holds both modules (one diamond), BI only module 1 (one circle).
    markers = {c.get_label(): len(c.get_offsets()) for c in ax.collections
               if isinstance(c, PathCollection)}
    assert markers == {"Modul 1 und 2": 1, "nur Modul 1": 1}
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Standort: nur Modul 2" in legend and "Gremium → Veranstaltung" in legend


def test_calendar(analysis: PlanAnalysis, ax: Axes):
    plots.plot_calendar(analysis, ax=ax)
    bars = _bars(ax)
    # Default period Oct 2025 – Nov 2026: 14 months × 2 modules.
    assert len(bars) == 28
    assert sum(b.get_height() for b in bars) == 3
    heights = [b.get_height() for b in bars]
    assert heights[4] == 2  # module 1, Feb 2026 (fifth month): DUS-M1 and BI-M1
    assert heights[14 + 5] == 1  # module 2, Mar 2026: DUS-M2
    assert ax.get_xticklabels()[0].get_text() == "Okt\n2025"


def test_trainer_load(analysis: PlanAnalysis, ax: Axes):
    plots.plot_trainer_load(analysis, ax=ax)
    widths = [b.get_width() for b in _bars(ax)]
    # Module-1 segments first (T-EDU 1, T-CNC 2), then module 2 (T-EDU 1, T-CNC 0).
    assert widths == [1, 2, 1, 0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["T-EDU (EB)", "T-CNC (IR)"]
    limits = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert [tuple(p) for p in limits[0].get_offsets()] == [(3, 0), (3, 1)]  # max_events 3


def test_costs(analysis: PlanAnalysis, ax: Axes):
    plots.plot_costs(analysis, ax=ax)
    widths = [b.get_width() for b in _bars(ax)]
    assert widths == pytest.approx([c / 100 for _, c in analysis.costs.lines()])
    budget = [line for line in ax.get_lines() if line.get_label() == "Budget"]
    assert budget[0].get_xdata()[0] == 10_000


def test_compare_plots(analysis: PlanAnalysis, ax: Axes, tiny_scenario: Scenario,
                       make_plan: MakePlan, nrw_reference: Reference):
    empty = analyse_plan(tiny_scenario, make_plan(tiny_scenario, [], []), nrw_reference)
    plots.plot_compare_regions({"Plan": analysis, "leer": empty}, ax=ax)
    heights = [b.get_height() for b in _bars(ax)]
    # Plan: Detmold 8/16 = 50 %, Düsseldorf 30/40 = 75 %; empty plan: 0 and 0.
    assert heights == pytest.approx([50, 75, 0, 0])
    ax.clear()
    plots.plot_compare_metric({"Plan": 3, "leer": 0}, "Veranstaltungen", "Anzahl", ax=ax)
    assert [b.get_height() for b in _bars(ax)] == [3, 0]
    assert [t.get_text() for t in ax.texts] == ["3", "0"]
