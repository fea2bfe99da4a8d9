"""The report's content (optimizer/report): every number shown equals the recomputation.

The HTML is parsed back into its tables and each figure is compared with a value computed
here from the plan's assignments and the validator's ``recompute_costs`` (or by hand on
``tiny_plan``, see tests/insight/test_figures.py for the reasoning). The PDF is rendered from the
same document; where pymupdf is installed (``.[dev]``), its text is checked too.
"""

from __future__ import annotations

from collections import defaultdict

import matplotlib

matplotlib.use("Agg")

import pytest

from optimizer.domain.geography import Reference
from optimizer.domain.plan import EventCost, Plan
from optimizer.domain.scenario import Scenario
from optimizer.report import report_document
from optimizer.report.document import Document
from optimizer.report.html import render_html
from optimizer.report.pdf import render_pdf
from optimizer.validate import recompute_costs, validate_plan

from testkit.report import as_dict, eur, read_tables
from testkit.tiny import MakePlan

_DOCUMENTS: dict[tuple[str, str], Document] = {}


def _document(scenario: Scenario, plan: Plan, reference: Reference) -> Document:
    """The report document, built once per distinct (scenario, plan) in this module: drawing
    the seven figures is the slow part, and most tests read the same tiny report."""
    key = (scenario.model_dump_json(), plan.model_dump_json())
    if key not in _DOCUMENTS:
        _DOCUMENTS[key] = report_document(scenario, plan, reference)
    return _DOCUMENTS[key]


def _html(scenario: Scenario, plan: Plan, reference: Reference) -> str:
    return render_html(_document(scenario, plan, reference))


def test_headline_figures_by_hand(tiny_scenario: Scenario, tiny_plan: Plan,
                                  nrw_reference: Reference):
    assert validate_plan(tiny_scenario, tiny_plan, nrw_reference) == []
    tables = read_tables(_html(tiny_scenario, tiny_plan, nrw_reference)).tables
    figures = {k: v[0] for k, v in as_dict(tables["kennzahlen"]).items()}
    # Module 1: 12 + 8 + 8 of 28; module 2: C-DUS's 10 of 28 (see tests/insight/test_figures.py).
    assert figures == {
        "Abgedeckte Plätze Modul 1": "28 von 28 (100,0 %)",
        "Abgedeckte Plätze Modul 2": "10 von 28 (35,7 %)",
        "Abgedeckte Plätze gesamt": "38 von 56 (67,9 %)",
        "Ungedeckte Plätze": "18",
        "Gremien erreicht": "3 von 3 (3 mit Bedarf)",
        "Veranstaltungen": "3 (Modul 1: 2, Modul 2: 1)",
        "Standorte mit Veranstaltungen": "2, davon 1 mit beiden Modulen",
        "Seminartage der Trainer*innen": "8",
    }


def test_cost_lines_equal_the_validators_recomputation(
    tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference
):
    tables = read_tables(_html(tiny_scenario, tiny_plan, nrw_reference)).tables
    costs = {k: v[0] for k, v in as_dict(tables["kosten"]).items()}
    cents = recompute_costs(tiny_scenario, tiny_plan, nrw_reference).values()
    travel = sum(c.travel for c in cents)
    total = sum(c.total for c in cents)
    # Fees 4 trainer-events × 900 € (R13); catering 12 € × 2 days × 42 persons (R15).
    assert costs == {
        "Honorare": "3.600,00 €",
        "Reisekosten": eur(travel),
        "Verpflegung": "1.008,00 €",
        "Gesamtkosten": eur(total),
        "Budget": "10.000,00 €",
        "Verbleibend": eur(1_000_000 - total),
    }
    # The events table shows each event's recomputed total (last column).
    events = as_dict(tables["veranstaltungen"])
    recomputed = recompute_costs(tiny_scenario, tiny_plan, nrw_reference)
    assert {k: v[-1] for k, v in events.items()} == {
        k: eur(c.total) for k, c in recomputed.items()}
    # Trainers' fees and travel add up to the cost lines.
    trainers = as_dict(tables["trainer"])
    assert trainers["T-EDU"][6] == "1.800,00 €"  # two events × 900 €


def test_amounts_come_from_the_recomputation_not_from_plan_json(
    tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference
):
    """A plan.json that states wrong fees: the report shows the right ones and warns."""
    wrong = tiny_plan.model_copy(update={"events": [
        e.model_copy(update={"cost_eur": EventCost(fees=1.0, travel=e.cost_eur.travel,
                                                   catering=e.cost_eur.catering,
                                                   total=1.0 + e.cost_eur.travel
                                                   + e.cost_eur.catering)})
        for e in tiny_plan.events
    ]})
    assert validate_plan(tiny_scenario, wrong, nrw_reference) != []
    page = _html(tiny_scenario, wrong, nrw_reference)
    costs = as_dict(read_tables(page).tables["kosten"])
    assert costs["Honorare"][0] == "3.600,00 €"
    assert "Achtung: Der Plan verletzt" in page and "R13" in page


def test_regions_equal_an_independent_count(
    tiny_scenario: Scenario, tiny_plan: Plan, nrw_reference: Reference
):
    """Coverage per Regierungsbezirk counted here from the assignments and the gazetteer."""
    tables = read_tables(_html(tiny_scenario, tiny_plan, nrw_reference)).tables
    module = {e.event_id: e.module for e in tiny_plan.events}
    ags = {c.council_id: c.ags for c in tiny_scenario.councils}
    wanted: dict[tuple[str, int], int] = defaultdict(int)
    covered: dict[tuple[str, int], int] = defaultdict(int)
    for c in tiny_scenario.councils:
        region = nrw_reference.municipalities[c.ags].regierungsbezirk
        wanted[(region, 1)] += c.interested_m1
        wanted[(region, 2)] += c.interested_m2
    for a in tiny_plan.assignments:
        region = nrw_reference.municipalities[ags[a.council_id]].regierungsbezirk
        covered[(region, module[a.event_id])] += a.members
    rows = as_dict(tables["regierungsbezirke"])
    for region in ("Detmold", "Düsseldorf"):
        shown = rows[region]
        assert shown[2:6] == [str(wanted[(region, 1)]), str(covered[(region, 1)]),
                              str(wanted[(region, 2)]), str(covered[(region, 2)])]
    # By hand: Düsseldorf 2 councils, both reached, 10 unmet of 40 (75 %); NRW 18 unmet.
    assert rows["Düsseldorf"] == ["2", "2", "20", "20", "20", "10", "10", "75,0 %"]
    assert rows["NRW gesamt"] == ["3", "3", "28", "28", "28", "10", "18", "67,9 %"]
    kreise = as_dict(tables["kreise"])
    assert list(kreise) == ["Bielefeld (kreisfreie Stadt)", "Duisburg (kreisfreie Stadt)",
                            "Düsseldorf (kreisfreie Stadt)"]
    unmet = as_dict(tables["ungedeckt"])
    assert {k: v[-1] for k, v in unmet.items()} == {"C-BI": "8", "C-DU": "8", "C-DUS": "2"}
    councils = as_dict(tables["gremien"])
    assert councils["C-DUS"][-2:] == ["DUS-M1, DUS-M2", "91,7 %"]  # 22 of 24


def test_html_is_self_contained_and_german(tiny_scenario: Scenario, tiny_plan: Plan,
                                           nrw_reference: Reference):
    page = _html(tiny_scenario, tiny_plan, nrw_reference)
    reader = read_tables(page)
    assert '<html lang="de">' in page
    assert "script" not in reader.tags and "link" not in reader.tags
    assert reader.sources and all(s.startswith("data:image/png;base64,") for s in reader.sources)
    assert "http://" not in page and "https://" not in page and "@import" not in page
    # Seven figures: costs, two region charts, unmet, calendar, trainers as PNG, the map as
    # inline SVG (a vector map with the sites' names as text).
    assert len(reader.sources) == 6
    assert page.count("<svg") == 1
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert ">VHS Düsseldorf</text>" in svg and ">Bielefeld</text>" in svg  # names as text
    assert "Bericht zum Plan „tiny“" in page
    assert "GeoBasis-DE / BKG" in page  # licence of the map outlines


def test_pdf_has_the_same_content(tiny_scenario: Scenario, tiny_plan: Plan,
                                  nrw_reference: Reference):
    pdf = render_pdf(_document(tiny_scenario, tiny_plan, nrw_reference))
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    pymupdf = pytest.importorskip("pymupdf")
    with pymupdf.open(stream=pdf, filetype="pdf") as document:
        text = "\n".join(page.get_text() for page in document)
        assert document.page_count >= 3
        assert sum(len(page.get_images()) for page in document) == 7
    for expected in ("Bericht zum Plan „tiny“", "38 von 56 (67,9 %)", "3.600,00 €",
                     "1.008,00 €", "Abdeckung nach Regierungsbezirk", "NRW gesamt",
                     "Trainer*innen", "T-EDU"):
        assert expected in text


def test_pdf_renders_without_figures_or_rows(tiny_scenario: Scenario, nrw_reference: Reference,
                                             make_plan: MakePlan):
    """An empty plan (holding no event is feasible) still gives a full report."""
    empty = make_plan(tiny_scenario, [], [])
    doc = _document(tiny_scenario, empty, nrw_reference)
    assert render_pdf(doc).startswith(b"%PDF-")
    tables = read_tables(render_html(doc)).tables
    assert len(tables["veranstaltungen"]) == 1  # header only
    assert as_dict(tables["kosten"])["Gesamtkosten"] == ["0,00 €", "0,0 %"]
