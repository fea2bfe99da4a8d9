"""The municipality outlines of NRW shipped for the report's map (``data/*.geojson``).

The file is a shrunk copy of the BKG VG250 polygons (see ``optimizer/data/README.md`` and
``tools/shrink_municipality_map.py``). Only outer rings are returned: holes in NRW
municipalities are other municipalities, which are drawn on top anyway.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

MAP_FILE = "nrw_municipalities.geojson"

Ring = tuple[tuple[float, float], ...]
"""One closed outline as (lon, lat) points."""


@cache
def load_municipality_shapes() -> dict[str, tuple[Ring, ...]]:
    """Outer rings of every NRW municipality by its 8-digit key (read once per process)."""
    text = resources.files("optimizer.data").joinpath(MAP_FILE).read_text(encoding="utf-8")
    shapes: dict[str, tuple[Ring, ...]] = {}
    for feature in json.loads(text)["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon"
            else geometry["coordinates"]
        )
        shapes[feature["properties"]["AGS"]] = tuple(
            tuple((float(lon), float(lat)) for lon, lat in polygon[0]) for polygon in polygons
        )
    return shapes


def map_attribution() -> str:
    """The licence note to print under every map drawn from these outlines."""
    text = resources.files("optimizer.data").joinpath(MAP_FILE).read_text(encoding="utf-8")
    return str(json.loads(text).get("attribution", ""))


@cache
def load_municipality_geojson() -> dict[str, object]:
    """The shipped outlines as a GeoJSON feature collection (for a web map); read once."""
    text = resources.files("optimizer.data").joinpath(MAP_FILE).read_text(encoding="utf-8")
    data: dict[str, object] = json.loads(text)
    return data
