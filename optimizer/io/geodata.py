"""Geodesic distances (WGS-84, geopy), rounded once to whole metres.

This is the only module that computes geometry. Everything downstream works with the
integer metres it returns, so the model and the validator see the same numbers.
"""

from __future__ import annotations

from geopy.distance import geodesic


def distance_m(lat_a: float, lon_a: float, lat_b: float, lon_b: float) -> int:
    """Geodesic distance in whole metres (Python ``round``) between two WGS-84 points."""
    return round(geodesic((lat_a, lon_a), (lat_b, lon_b)).meters)
