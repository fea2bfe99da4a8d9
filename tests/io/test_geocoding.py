"""Tests of venue geocoding (``optimizer/io/geocoding.py``) and the CLI's ``--geocode``.

No test contacts a service: a fake geocoder with geopy's interface (``geocode(query, **kw)``
returning a :class:`geopy.location.Location` or ``None``, or raising :mod:`geopy.exc` errors)
stands in for Nominatim; the CLI gets it by replacing ``geocoding.default_geocoder``.

The instance is the tiny scenario (``conftest.py``) whose Duisburg and Bielefeld sites have
no coordinates; here they get a street address. VHS Duisburg (Königstraße 47) lies about
0.5 km from Duisburg's centre point, so the fake's point is accepted; a point in Munich is
outside NRW, one in Dortmund is inside NRW but some 50 km from Duisburg.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from geopy.exc import GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable
from geopy.extra.rate_limiter import RateLimiter
from geopy.location import Location
from geopy.point import Point

from optimizer.domain.geography import Reference
from optimizer.domain.scenario import Scenario, Site
from optimizer.io import geocoding
from optimizer.io.geocoding import GeocodeCache, GeocodeNote, geocode_sites
from optimizer.io.scenario_reader import read_scenario
from optimizer.report.geocoding_de import note_de

from testkit.cli import run_cli as _run

DU_ADDRESS, BI_ADDRESS = "Königstraße 47", "Ravensberger Park 1"
DU_QUERY, BI_QUERY = "Königstraße 47, Duisburg", "Ravensberger Park 1, Bielefeld"
DU_POINT = (51.4339, 6.7668)  # VHS Duisburg, city centre
BI_POINT = (52.0259, 8.5449)  # VHS Bielefeld, Ravensberger Park
MUNICH = (48.1372, 11.5756)
DORTMUND = (51.5136, 7.4653)

AUTUMN_2026 = {"start": dt.date(2026, 9, 1), "end": dt.date(2026, 11, 30)}  # fast solve
Answer = tuple[float, float] | None | Exception


def _location(query: str, point: tuple[float, float]) -> Location:
    return Location(f"{query}, Nordrhein-Westfalen, Deutschland", Point(*point), {})


class FakeGeocoder:
    """geopy's interface: answers by query; an exception answer is raised. Records calls."""

    def __init__(self, answers: dict[str, Answer], clock: Callable[[], float] | None = None):
        self.answers = answers
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.times: list[float] = []
        self._clock = clock

    def geocode(self, query: str, **kwargs: Any) -> Location | None:
        self.calls.append((query, kwargs))
        if self._clock is not None:
            self.times.append(self._clock())
        answer = self.answers.get(query)
        if isinstance(answer, Exception):
            raise answer
        return None if answer is None else _location(query, answer)


class FakeClock:
    """RateLimiter's clock and sleep: sleeping advances the clock at once."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    """Replace RateLimiter's clock and sleep by a :class:`FakeClock` (tests never wait)."""
    clock = FakeClock()
    monkeypatch.setattr(RateLimiter, "_clock", lambda _self: clock.now)
    monkeypatch.setattr(RateLimiter, "_sleep", lambda _self, seconds: clock.sleep(seconds))
    return clock


@pytest.fixture
def addressed(tiny_scenario: Scenario) -> Scenario:
    """The tiny scenario with addresses for DU and BI (no coordinates) and for DUS (which has
    coordinates, so it is never geocoded)."""
    address = {"DUS": "Bertha-von-Suttner-Platz 1", "DU": DU_ADDRESS, "BI": BI_ADDRESS}
    sites = tuple(s.model_copy(update={"address": address[s.site_id]})
                  for s in tiny_scenario.sites)
    return tiny_scenario.model_copy(update={"sites": sites})


def _site(scenario: Scenario, site_id: str) -> Site:
    return next(s for s in scenario.sites if s.site_id == site_id)


def _by_site(notes: list[GeocodeNote]) -> dict[str, GeocodeNote]:
    return {n.site_id: n for n in notes}


# --- geocode_sites ------------------------------------------------------------------------------


def test_success_sets_coordinates_and_notes_each_site(
    addressed: Scenario, nrw_reference: Reference, tmp_path: Path, no_sleep: FakeClock
) -> None:
    fake = FakeGeocoder({DU_QUERY: DU_POINT, BI_QUERY: BI_POINT})

    result, notes = geocode_sites(addressed, fake, GeocodeCache(tmp_path / "c.json"),
                                  reference=nrw_reference)

    assert [n.site_id for n in notes] == ["DU", "BI"]  # DUS has coordinates: no note
    assert {n.status for n in notes} == {"geocoded"}
    assert (_site(result, "DU").lat, _site(result, "DU").lon) == DU_POINT
    assert (_site(result, "BI").lat, _site(result, "BI").lon) == BI_POINT
    assert _site(result, "DUS") == _site(addressed, "DUS")
    assert [q for q, _ in fake.calls] == [DU_QUERY, BI_QUERY]
    assert all(kw == {"exactly_one": True, "country_codes": "de"} for _, kw in fake.calls)
    assert "geokodiert" in note_de(notes[0])


def test_query_names_the_municipality_once(nrw_reference: Reference) -> None:
    site = Site(site_id="S", name="VHS", ags="05112000", address="Königstraße 47, 47051 Duisburg",
                interested=True)
    assert geocoding.geocode_query(site, nrw_reference) == "Königstraße 47, 47051 Duisburg"
    bare = site.model_copy(update={"address": "  Königstraße   47 "})
    assert geocoding.geocode_query(bare, nrw_reference) == DU_QUERY


def test_cache_hit_does_not_ask_again_and_file_is_replaced_atomically(
    addressed: Scenario, nrw_reference: Reference, tmp_path: Path, no_sleep: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "cache" / "geocode.json"  # the folder does not exist yet
    replaced: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy_replace(src: Any, dst: Any) -> None:
        replaced.append((str(src), str(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy_replace)
    first = FakeGeocoder({DU_QUERY: DU_POINT, BI_QUERY: None})
    geocode_sites(addressed, first, GeocodeCache(path), reference=nrw_reference)

    # written once, through a temporary sibling that replaced the target; nothing left over
    assert len(replaced) == 1 and replaced[0][1] == str(path)
    assert Path(replaced[0][0]).parent == path.parent
    assert [p.name for p in path.parent.iterdir()] == ["geocode.json"]
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["format"] == geocoding.CACHE_FORMAT
    assert stored["entries"][BI_QUERY] is None  # "not found" is cached too
    assert stored["entries"][DU_QUERY]["lat"] == DU_POINT[0]

    second = FakeGeocoder({})  # would answer "not found" to everything
    result, notes = geocode_sites(addressed, second, GeocodeCache(path), reference=nrw_reference)

    assert second.calls == []
    assert _by_site(notes)["DU"].status == "cached"
    assert _by_site(notes)["BI"].status == "not_found" and _by_site(notes)["BI"].from_cache
    assert (_site(result, "DU").lat, _site(result, "DU").lon) == DU_POINT
    assert len(replaced) == 1  # nothing new: not written again


def test_failed_cache_write_keeps_the_old_file_and_does_not_crash(
    addressed: Scenario, nrw_reference: Reference, tmp_path: Path, no_sleep: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "geocode.json"
    path.write_text("old", encoding="utf-8")  # unreadable: treated as empty, with a warning

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    _, notes = geocode_sites(addressed, FakeGeocoder({DU_QUERY: DU_POINT}),
                             GeocodeCache(path), reference=nrw_reference)

    assert _by_site(notes)["DU"].status == "geocoded"
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["geocode.json"]


def test_not_found_uses_the_municipality_centre(
    addressed: Scenario, nrw_reference: Reference, no_sleep: FakeClock
) -> None:
    result, notes = geocode_sites(addressed, FakeGeocoder({}), None, reference=nrw_reference)

    centre = nrw_reference.municipalities["05112000"]
    note = _by_site(notes)["DU"]
    assert note.status == "not_found" and note.uses_centre
    assert (note.lat, note.lon) == (centre.lat, centre.lon)
    assert _site(result, "DU").lat is None  # the site keeps the centre (no coordinates)
    assert "Adresse nicht gefunden" in note_de(note)
    assert "Gemeindemitte von Duisburg verwendet" in note_de(note)


@pytest.mark.parametrize(("point", "code", "reason"), [
    (MUNICH, "outside_nrw", "außerhalb von NRW (48.13720, 11.57560)"),
    (DORTMUND, "far_from_centre", "49,4 km von der Mitte von Duisburg entfernt (höchstens 30 km)"),
])
def test_result_outside_nrw_or_far_from_the_municipality_is_rejected(
    addressed: Scenario, nrw_reference: Reference, no_sleep: FakeClock,
    point: tuple[float, float], code: str, reason: str,
) -> None:
    result, notes = geocode_sites(addressed, FakeGeocoder({DU_QUERY: point}), None,
                                  reference=nrw_reference)

    note = _by_site(notes)["DU"]
    assert note.status == "rejected" and note.uses_centre
    assert (note.reason, note.found_point) == (code, point)
    assert (note.distance_km is not None) == (code == "far_from_centre")
    assert f"Treffer verworfen, er liegt {reason}" in note_de(note)
    assert _site(result, "DU").lat is None


@pytest.mark.parametrize("error", [
    GeocoderUnavailable("no network"), GeocoderTimedOut("slow"), OSError("unreachable"),
])
def test_network_error_falls_back_and_stops_asking(
    addressed: Scenario, nrw_reference: Reference, tmp_path: Path, no_sleep: FakeClock,
    error: Exception,
) -> None:
    fake = FakeGeocoder({DU_QUERY: error, BI_QUERY: BI_POINT})
    path = tmp_path / "geocode.json"

    result, notes = geocode_sites(addressed, fake, GeocodeCache(path), reference=nrw_reference)

    assert [n.status for n in notes] == ["failed", "failed"]
    assert all((n.reason, n.error) == ("service_down", type(error).__name__) for n in notes)
    assert all(f"(Dienst nicht erreichbar: {type(error).__name__})" in note_de(n) for n in notes)
    assert [q for q, _ in fake.calls] == [DU_QUERY]  # service down: BI not requested
    assert result == addressed
    assert not path.exists()  # a failure is never cached


def test_service_error_of_one_query_does_not_stop_the_others(
    addressed: Scenario, nrw_reference: Reference, no_sleep: FakeClock
) -> None:
    fake = FakeGeocoder({DU_QUERY: GeocoderServiceError("bad request"), BI_QUERY: BI_POINT})

    _, notes = geocode_sites(addressed, fake, None, reference=nrw_reference)

    assert [n.status for n in notes] == ["failed", "geocoded"]
    assert "Geokodierung fehlgeschlagen (Dienstfehler: GeocoderServiceError)" in note_de(notes[0])
    assert len(fake.calls) == 2  # no retry of the failed query


def test_requests_are_at_least_one_second_apart(
    addressed: Scenario, nrw_reference: Reference, no_sleep: FakeClock
) -> None:
    fake = FakeGeocoder({DU_QUERY: DU_POINT, BI_QUERY: BI_POINT}, clock=lambda: no_sleep.now)

    geocode_sites(addressed, fake, None, reference=nrw_reference)

    assert len(fake.times) == 2
    assert fake.times[1] - fake.times[0] >= geocoding.MIN_DELAY_S == 1.0
    assert no_sleep.sleeps == [pytest.approx(1.0)]


def test_without_geocoder_nothing_is_asked(addressed: Scenario, nrw_reference: Reference) -> None:
    result, notes = geocode_sites(addressed, None, None, reference=nrw_reference)

    assert result == addressed
    assert [(n.site_id, n.status) for n in notes] == [("DU", "not_geocoded"),
                                                      ("BI", "not_geocoded")]


def test_user_agent_names_qualiplan() -> None:
    assert geocoding.USER_AGENT.startswith("qualiplan/")
    assert geocoding.USER_AGENT.endswith("(planning tool of the Landesintegrationsrat NRW)")


# --- reader and CLI -----------------------------------------------------------------------------


@pytest.fixture
def addressed_dir(write_scenario_dir: Callable[..., Path], tiny_files: dict[str, Any]) -> Path:
    """The tiny scenario folder with an ``address`` column: DU and BI without coordinates."""
    sites = tiny_files["sites"]
    for row, address in zip(sites, ["", DU_ADDRESS, BI_ADDRESS], strict=True):
        row["address"] = address
    return write_scenario_dir(sites=sites, period=AUTUMN_2026)




def test_reader_accepts_the_optional_address_column(addressed_dir: Path) -> None:
    scenario = read_scenario(addressed_dir)
    assert [s.address for s in scenario.sites] == [None, DU_ADDRESS, BI_ADDRESS]


def test_cli_without_geocode_lists_the_sites_using_the_centre(
    addressed_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> FakeGeocoder:
        raise AssertionError("no geocoder without --geocode")

    monkeypatch.setattr(geocoding, "default_geocoder", refuse)

    result = _run("check", addressed_dir)

    assert result.exit_code == 0, result.output
    line = "Adresse nicht geokodiert, Gemeindemitte verwendet: DU, BI"
    assert result.output.count(line) == 1


def test_cli_solve_and_check_with_geocode_use_the_injected_geocoder(
    addressed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_sleep: FakeClock
) -> None:
    fake = FakeGeocoder({DU_QUERY: DU_POINT, BI_QUERY: GeocoderUnavailable("offline")})
    monkeypatch.setattr(geocoding, "default_geocoder", lambda: fake)
    cache = tmp_path / "geo" / "cache.json"
    target = tmp_path / "plan"

    solved = _run("solve", addressed_dir, "--out", target, "--time-limit", "10",
                  "--workers", "1", "--geocode", "--geocode-cache", cache)

    assert solved.exit_code == 0, solved.output
    assert [q for q, _ in fake.calls] == [DU_QUERY, BI_QUERY]
    assert f"DU ({DU_ADDRESS}): geokodiert → 51.43390, 6.76680" in solved.output
    assert "BI (Ravensberger Park 1): Geokodierung fehlgeschlagen" in solved.output
    assert "Gemeindemitte von Bielefeld verwendet" in solved.output
    assert json.loads(cache.read_text(encoding="utf-8"))["entries"][DU_QUERY]["lon"] == 6.7668

    # the same coordinates again (from the cache) for the independent check of the plan
    checked = _run("check", addressed_dir, target, "--geocode", "--geocode-cache", cache)

    assert checked.exit_code == 0, checked.output
    assert "DU (Königstraße 47): Koordinaten aus dem Geokodier-Cache" in checked.output
    assert [q for q, _ in fake.calls].count(DU_QUERY) == 1
