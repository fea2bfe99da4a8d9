"""The distance helpers: the fast catchment test must agree with the exact geodesic."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from optimizer.domain.geodesy import distance_m, haversine_m, within_m

# NRW and well beyond it (the tiled 4× instances are shifted copies east and south).
lats = st.floats(min_value=47.0, max_value=56.0)
lons = st.floats(min_value=3.0, max_value=16.0)


@settings(max_examples=300, deadline=None)
@given(lats, lons, lats, lons, st.floats(min_value=0, max_value=300_000))
@example(47.00000000000001, 3.0, 47.0, 3.0, 0.0)  # found by CI: nanometres apart, limit 0
def test_within_agrees_with_the_exact_geodesic(
    lat_a: float, lon_a: float, lat_b: float, lon_b: float, limit_m: float
) -> None:
    assert within_m(lat_a, lon_a, lat_b, lon_b, limit_m) == (
        distance_m(lat_a, lon_a, lat_b, lon_b) <= limit_m)


@settings(max_examples=200, deadline=None)
@given(lats, lons, lats, lons)
def test_the_sphere_is_within_the_margin_of_the_ellipsoid(
    lat_a: float, lon_a: float, lat_b: float, lon_b: float
) -> None:
    exact = distance_m(lat_a, lon_a, lat_b, lon_b)
    assert abs(haversine_m(lat_a, lon_a, lat_b, lon_b) - exact) <= 0.006 * exact + 1


def test_duesseldorf_to_duisburg() -> None:
    # Municipality centres from the gazetteer, about 23.6 km apart: inside a 25 km radius,
    # outside a 20 km one (the haversine pre-check must not decide the first case alone).
    dus, du = (51.2254, 6.7763), (51.4344, 6.7623)
    assert 23_000 < distance_m(*dus, *du) < 24_000
    assert within_m(*dus, *du, 25_000) and not within_m(*dus, *du, 20_000)
