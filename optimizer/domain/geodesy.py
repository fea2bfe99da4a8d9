"""Geodesic distances (WGS-84, geopy), rounded once to whole metres.

This is the only module that computes geometry. Everything downstream works with the
integer metres it returns, so the model and the validator see the same numbers.

Speed: a geodesic costs about 0.2 ms in pure Python (geographiclib), and building a 4× NRW
instance asks for about 150,000 of them, mostly the same points again (municipality centres,
sites) or pairs far outside any catchment. So distances are memoised, and
:func:`within_m` rules out far pairs with a spherical (haversine) distance first, which is
within 0.6 % of the ellipsoidal one; only pairs that may be inside get the exact geodesic.
"""

from __future__ import annotations

import math
from functools import lru_cache

from geopy.distance import geodesic

#: Mean Earth radius (IUGG), metres: the sphere of the haversine pre-check.
EARTH_RADIUS_M = 6_371_008.8
#: The haversine distance on that sphere differs from the WGS-84 geodesic by less than 0.6 %;
#: with a 1 % margin the pre-check never rules out a pair the geodesic would keep.
SPHERE_MARGIN = 0.01
#: ... plus an absolute metre: at a distance of nanometres the two round differently (the
#: geodesic to 0, the sphere not), so a relative margin alone ruled out a pair at limit 0.
SPHERE_MARGIN_M = 1.0


@lru_cache(maxsize=1 << 18)
def distance_m(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> int:
    """Geodesic distance in whole metres (Python ``round``) between two WGS-84 points."""
    return round(geodesic((lat_a, lon_a), (lat_b, lon_b)).meters)


def haversine_m(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> float:
    """Great-circle distance on the mean sphere, metres (a fast estimate, never a result)."""
    phi_a, phi_b = math.radians(lat_a), math.radians(lat_b)
    d_phi, d_lambda = phi_b - phi_a, math.radians(lon_b - lon_a)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi_a) * math.cos(phi_b) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def within_m(lat_a: float, lon_a: float, lat_b: float, lon_b: float, limit_m: float) -> bool:
    """Whether :func:`distance_m` ≤ ``limit_m``, with the exact geodesic only where needed."""
    if haversine_m(lat_a, lon_a, lat_b, lon_b) * (1 - SPHERE_MARGIN) - SPHERE_MARGIN_M > limit_m:
        return False
    return distance_m(lat_a, lon_a, lat_b, lon_b) <= limit_m
