"""Tests of ``optimizer/io/gazetteer.py``: municipality names to keys, and the reader using it.

Matching uses the shipped NRW gazetteer, where every name's core is unique; the ambiguous
cases therefore add a made-up "Langenfeld (Eifel)" / "Halle (Saale)" with a key outside NRW
(``99…``) to a copy of the reference.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from optimizer.domain.errors import InputError
from optimizer.domain.geography import Municipality, Reference
from optimizer.domain.scenario import Scenario
from optimizer.io.gazetteer import Gazetteer, match_municipality, match_problem_de
from optimizer.io.scenario_reader import read_scenario

WriteScenarioDir = Callable[..., Path]  # the ``write_scenario_dir`` fixture (conftest.py)
Files = dict[str, Any]  # the ``tiny_files`` fixture (conftest.py)

MUELHEIM, LANGENFELD, DUESSELDORF = "05117000", "05158020", "05111000"


def _with_extra(reference: Reference, *names: str) -> Reference:
    """A copy of ``reference`` with made-up municipalities (keys 99000001, …)."""
    extra = {
        f"{99000001 + i}": Municipality(
            ags=f"{99000001 + i}", name=name, kreis="Landkreis Test", kreis_ags="99000",
            regierungsbezirk="Test", population=1000, lat=50.0, lon=7.0,
        )
        for i, name in enumerate(names)
    }
    return dataclasses.replace(
        reference, municipalities={**reference.municipalities, **extra}, _neighbours={}
    )


# --- names that match -------------------------------------------------------------------------

VARIANTS = [
    ("Mülheim an der Ruhr", MUELHEIM),
    ("Muelheim an der Ruhr", MUELHEIM),
    ("Mülheim", MUELHEIM),
    ("Muelheim", MUELHEIM),
    ("MÜLHEIM A. D. RUHR", MUELHEIM),
    ("Mülheim/Ruhr", MUELHEIM),
    ("Mülheim (Ruhr)", MUELHEIM),
    ("  mülheim   an der  ruhr ", MUELHEIM),
    ("Mu\u0308lheim an der Ruhr", MUELHEIM),  # decomposed umlaut (macOS file names)
    ("Stadt Mülheim an der Ruhr", MUELHEIM),
    ("Langenfeld (Rhld.)", LANGENFELD),
    ("Langenfeld", LANGENFELD),
    ("Langenfeld (Rhld)", LANGENFELD),
    ("Langenfeld (Rheinland)", LANGENFELD),
    ("Stadt Düsseldorf", DUESSELDORF),
    ("Düsseldorf, Stadt", DUESSELDORF),
    ("Landeshauptstadt Düsseldorf", DUESSELDORF),
    ("duesseldorf", DUESSELDORF),
    ("Gemeinde Much", "05382036"),
    ("St. Augustin", "05382056"),
    ("Schloss Holte Stukenbrock", "05754036"),
    ("Gronau", "05554020"),
    ("Gronau (Westfalen)", "05554020"),
    ("Emmerich", "05154008"),
    ("Fröndenberg", "05978012"),
    ("Bedburg", "05362004"),  # not Bedburg-Hau: a hyphenated name is one name
    ("Bedburg Hau", "05154004"),
    ("Stadtlohn", "05554056"),  # "Stadt" is a prefix only as a separate word
]


@pytest.mark.parametrize(("name", "ags"), VARIANTS, ids=[v[0].strip() for v in VARIANTS])
def test_a_name_variant_matches_its_municipality(
    nrw_reference: Reference, name: str, ags: str
) -> None:
    match = match_municipality(name, nrw_reference)

    assert (match.status, match.ags) == ("unique", ags)


def test_every_gazetteer_name_matches_itself(nrw_reference: Reference) -> None:
    gazetteer = Gazetteer(nrw_reference)

    wrong = {
        ags: m.name for ags, m in nrw_reference.municipalities.items()
        if gazetteer.match(m.name).ags != ags
    }

    assert wrong == {}


# --- ambiguous and unknown names --------------------------------------------------------------


def test_a_name_without_its_suffix_is_ambiguous_when_two_municipalities_share_it(
    nrw_reference: Reference,
) -> None:
    reference = _with_extra(nrw_reference, "Langenfeld (Eifel)")

    match = match_municipality("Langenfeld", reference)

    assert match.status == "ambiguous"
    assert match.ags is None
    assert [m.name for m in match.candidates] == ["Langenfeld (Rhld.)", "Langenfeld (Eifel)"]
    expected = match_problem_de(match)
    assert "passt auf mehrere Gemeinden" in expected
    assert "Langenfeld (Rhld.) (05158020, Kreis Mettmann)" in expected


def test_the_written_suffix_decides_between_two_municipalities(nrw_reference: Reference) -> None:
    reference = _with_extra(nrw_reference, "Langenfeld (Eifel)")

    assert match_municipality("Langenfeld (Rheinland)", reference).ags == LANGENFELD
    assert match_municipality("Langenfeld (Eifel)", reference).ags == "99000001"


def test_a_suffix_that_does_not_agree_is_unknown_and_suggests_the_same_core(
    nrw_reference: Reference,
) -> None:
    match = match_municipality("Halle (Saale)", nrw_reference)  # not in NRW

    assert match.status == "unknown"
    assert match.candidates[0].name == "Halle (Westf.)"


@pytest.mark.parametrize(
    ("name", "closest"),
    [("Dusseldorf", "Düsseldorf"), ("Mühlheim an der Ruhr", "Mülheim an der Ruhr"),
     ("Langenfeldt", "Langenfeld (Rhld.)")],
)
def test_an_unknown_name_lists_the_closest_names(
    nrw_reference: Reference, name: str, closest: str
) -> None:
    match = match_municipality(name, nrw_reference)

    assert (match.status, match.ags) == ("unknown", None)
    assert match.candidates[0].name == closest
    assert f"ähnliche Namen: {closest} (" in match_problem_de(match)


def test_a_name_like_no_municipality_says_so(nrw_reference: Reference) -> None:
    match = match_municipality("Xyzzy", nrw_reference)

    assert (match.status, match.candidates) == ("unknown", ())
    assert "keine ähnliche NRW-Gemeinde" in match_problem_de(match)


# --- the reader with names --------------------------------------------------------------------


def test_a_scenario_with_names_reads_as_with_keys(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files, tiny_scenario: Scenario
) -> None:
    councils, sites, trainers = tiny_files["councils"], tiny_files["sites"], tiny_files["trainers"]
    for row, name in zip(councils, ["Stadt Düsseldorf", "duisburg", "Bielefeld"], strict=True):
        row["ags"] = name
    for row, name in zip(sites, ["Düsseldorf, Stadt", "DUISBURG", "Bielefeld"], strict=True):
        row["ags"] = name
    trainers[0]["home_ags"] = "Duesseldorf"  # the other keeps its key: both forms mix

    folder = write_scenario_dir(councils=councils, sites=sites, trainers=trainers)

    assert read_scenario(folder) == tiny_scenario


def _problems(folder: Path, reference: Reference | None = None) -> list[Any]:
    with pytest.raises(InputError) as caught:
        read_scenario(folder, reference)
    return caught.value.problems


def test_an_unknown_name_is_reported_with_file_line_column_and_suggestions(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files
) -> None:
    tiny_files["councils"][1]["ags"] = "Duisbrug"
    tiny_files["trainers"][0]["home_ags"] = "Hamburg"

    problems = _problems(write_scenario_dir(
        councils=tiny_files["councils"], trainers=tiny_files["trainers"]
    ))

    assert [(p.file, p.row, p.column, p.value) for p in problems] == [
        ("councils.csv", 3, "ags", "Duisbrug"),
        ("trainers.csv", 2, "home_ags", "Hamburg"),
    ]
    assert "ähnliche Namen: Duisburg (05112000, kreisfreie Stadt)" in problems[0].expected
    assert "councils.csv, Zeile 3, Spalte 'ags': " in str(problems[0])


def test_an_ambiguous_name_is_reported_with_every_candidate(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files, nrw_reference: Reference
) -> None:
    reference = _with_extra(nrw_reference, "Langenfeld (Eifel)")
    tiny_files["sites"][1]["ags"] = "Langenfeld"

    problems = _problems(write_scenario_dir(sites=tiny_files["sites"]), reference)

    assert [(p.file, p.row, p.column, p.value) for p in problems] == [
        ("sites.csv", 3, "ags", "Langenfeld")
    ]
    assert "Langenfeld (Rhld.) (05158020, Kreis Mettmann)" in problems[0].expected
    assert "Langenfeld (Eifel) (99000001, Landkreis Test)" in problems[0].expected


def test_digits_are_always_a_key_never_a_name(
    write_scenario_dir: WriteScenarioDir, tiny_files: Files
) -> None:
    tiny_files["councils"][0]["ags"] = "5111000"  # Excel dropped the leading zero

    (problem,) = _problems(write_scenario_dir(councils=tiny_files["councils"]))

    assert "8-stelligen Gemeindeschlüssel" in problem.expected
    assert "ähnliche" not in problem.expected
