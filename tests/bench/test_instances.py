"""The benchmark instance generator (:mod:`optimizer.bench.instances`) and its folders
(:mod:`optimizer.bench.instance_io`).

What must hold: same seed, same instance; sizes within ±10 % of scale × NRW (113 councils,
70 sites, 30 trainers); at 1× the default scenario's statistics; every instance passes the
reader (written as a folder and read back, it is the same scenario; every AGS is known to
its reference); 0.5× is a part of real NRW; beyond 1× the copies of NRW are disjoint from it
and from each other and border nothing across tiles.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.bench.instance_io import GAZETTEER, read_instance, write_instance
from optimizer.bench.instances import NRW_SIZE, budget_eur, generate_instance, tiled_reference
from optimizer.domain.errors import InputError
from optimizer.domain.geography import Reference
from optimizer.domain.problem import build_problem
from optimizer.domain.scenario import Scenario
from optimizer.io.scenario_reader import read_scenario

DEFAULT = Path(__file__).resolve().parents[2] / "scenarios" / "nrw-2025-26"
DUESSELDORF, DUISBURG = "05111000", "05112000"


def test_same_seed_same_instance_other_seed_other_instance() -> None:
    assert generate_instance(0.5, 3).scenario == generate_instance(0.5, 3).scenario
    assert generate_instance(0.5, 3).scenario != generate_instance(0.5, 4).scenario


@pytest.mark.parametrize("scale", [0.5, 1, 2, 4])
def test_sizes_are_within_ten_percent_of_scale_times_nrw(scale: float) -> None:
    scenario = generate_instance(scale, 0).scenario
    for kind, count in (("councils", len(scenario.councils)), ("sites", len(scenario.sites)),
                        ("trainers", len(scenario.trainers))):
        assert abs(count - scale * NRW_SIZE[kind]) <= 0.1 * scale * NRW_SIZE[kind], kind


def _figures(scenario: Scenario) -> dict[str, float]:
    return {
        "members": sum(c.members for c in scenario.councils),
        "interest_m1": sum(c.interested_m1 for c in scenario.councils),
        "interest_m2": sum(c.interested_m2 for c in scenario.councils),
        "hostable_sites": sum(s.can_host for s in scenario.sites),
        "trainer_events": sum(t.max_events for t in scenario.trainers),
        "budget_eur": scenario.budget_eur,
    }


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_scale_one_has_the_default_scenario_s_statistics(seed: int) -> None:
    """Default: 1,889 members, interest 916 + 617, 57 hostable sites, 173 trainer-events,
    192,000 €; each figure of a 1× instance within ±10 % of it."""
    default = _figures(read_scenario(DEFAULT))
    generated = _figures(generate_instance(1, seed).scenario)
    for key, value in default.items():
        assert abs(generated[key] - value) <= 0.1 * value, (key, generated[key], value)


def test_budget_is_three_quarters_of_the_rough_full_cost() -> None:
    # 1,533 seats (the default's): 110 events × 1,950 € + 24 € × (1,533 + 220) = 256,572 €;
    # 75 % = 192,429 € -> 192,000 €, the default scenario's budget.
    assert budget_eur(1533) == 192_000


@pytest.mark.parametrize("scale", [0.5, 1, 2])
def test_written_folder_reads_back_as_the_same_scenario(scale: float, tmp_path: Path) -> None:
    instance = generate_instance(scale, 1)
    folder = write_instance(instance.scenario, instance.reference, tmp_path / "instance")
    scenario, reference = read_instance(folder)
    assert scenario == instance.scenario
    assert (folder / GAZETTEER).is_dir() == instance.synthetic
    known = reference.municipalities
    assert all(c.ags in known for c in scenario.councils)
    assert all(s.ags in known for s in scenario.sites)
    assert all(t.home_ags in known for t in scenario.trainers)
    if not instance.synthetic:  # (2×: geodesic distances take seconds; the reader is the point)
        assert build_problem(scenario, reference).num_events > 0


def test_scaled_folder_needs_its_gazetteer(tmp_path: Path) -> None:
    """2×: the synthetic AGS keys are unknown to the shipped gazetteer, a clear input error."""
    instance = generate_instance(2, 0)
    folder = write_instance(instance.scenario, instance.reference, tmp_path / "two")
    with pytest.raises(InputError):
        read_scenario(folder)


def test_half_size_is_part_of_real_nrw(nrw_reference: Reference) -> None:
    instance = generate_instance(0.5, 0)
    assert instance.tiles == 1 and instance.reference is nrw_reference
    assert all(c.ags in nrw_reference.municipalities for c in instance.scenario.councils)


def test_tiles_are_shifted_copies_without_borders_across(nrw_reference: Reference) -> None:
    """Tile 1 of 2: Düsseldorf's copy is 91111000, it borders Duisburg's copy (as the real
    towns border) but not Duisburg, and lies 3.75° east of Düsseldorf (about 260 km)."""
    tiled = tiled_reference(nrw_reference, 2)
    assert len(tiled.municipalities) == 2 * len(nrw_reference.municipalities)
    copy = tiled.municipalities["91111000"]
    real = nrw_reference.municipalities[DUESSELDORF]
    assert copy.name == f"{real.name} [Kopie 1]"
    assert math.isclose(copy.lon - real.lon, 3.75, abs_tol=1e-6) and copy.lat == real.lat
    assert tiled.are_neighbours("91111000", "91112000")
    assert not tiled.are_neighbours("91111000", DUISBURG)
    assert len(tiled.neighbour_pairs) == 2 * len(nrw_reference.neighbour_pairs)


def test_four_tiles_hold_each_nrw_municipality_four_times() -> None:
    instance = generate_instance(4, 0)
    prefixes = {c.ags[:2] for c in instance.scenario.councils}
    assert prefixes == {"05", "91", "92", "93"}
    assert len({c.council_id for c in instance.scenario.councils}) == len(
        instance.scenario.councils)


@pytest.mark.parametrize("scale", [0.0, -1.0, 10.0])
def test_scale_out_of_range_is_refused(scale: float) -> None:
    with pytest.raises(ValueError):
        generate_instance(scale, 0)


def test_bad_gazetteer_row_names_file_and_line(tmp_path: Path) -> None:
    """A corrupted population in the synthetic gazetteer: an input error naming the file and
    the line, not a traceback or a silently dropped municipality."""
    instance = generate_instance(2, 0)
    folder = write_instance(instance.scenario, instance.reference, tmp_path / "two")
    path = folder / GAZETTEER / "municipalities.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[2].split(",")
    cells[5] = "viele"
    lines[2] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_instance(folder)
    [problem] = caught.value.problems
    assert (problem.file, problem.row) == ("municipalities.csv", 3)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scale=st.sampled_from([0.25, 0.75, 1.5, 2.5, 3.5]), seed=st.integers(0, 10_000))
def test_any_scale_and_seed_gives_a_readable_instance_of_its_size(scale: float,
                                                                  seed: int) -> None:
    """Counts within ±10 % of scale × NRW (plus one for rounding per tile), every reference
    known, partners in the councils table, and the folder reads back unchanged."""
    instance = generate_instance(scale, seed)
    scenario = instance.scenario
    for kind, count in (("councils", len(scenario.councils)), ("sites", len(scenario.sites)),
                        ("trainers", len(scenario.trainers))):
        target = scale * NRW_SIZE[kind]
        assert abs(count - target) <= 0.1 * target + instance.tiles, kind
    known = instance.reference.municipalities
    assert {c.ags for c in scenario.councils} | {s.ags for s in scenario.sites} <= set(known)
    council_ids = {c.council_id for c in scenario.councils}
    assert all(s.partner_council_id in council_ids for s in scenario.sites
               if s.partner_council_id is not None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_instance(scenario, instance.reference, Path(tmp) / "instance")
        assert read_instance(folder)[0] == scenario
