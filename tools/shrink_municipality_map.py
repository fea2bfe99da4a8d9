"""Make ``optimizer/data/nrw_municipalities.geojson`` from the shared source file.

The source (``shared/data/nrw_municipalities.geojson``, BKG VG250 simplified to about 200 m,
see ``optimizer/data/README.md``) carries some thirty attributes per municipality and
coordinates with 15 decimals. The report's map needs only the key, the name and the outline,
so this keeps the properties ``AGS`` and ``GEN``, rounds coordinates to 4 decimals (about
10 m, far below the 200 m simplification) and drops points that rounding made repeat.
Deterministic: the same source gives the same bytes.

    python tools/shrink_municipality_map.py SOURCE.geojson optimizer/data/nrw_municipalities.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DECIMALS = 4


def _ring(points: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"unexpected geometry {geometry['type']}")


def shrink(source: dict) -> dict:
    features = []
    for feature in sorted(source["features"], key=lambda f: f["properties"]["AGS"]):
        polygons = [[_ring(ring) for ring in poly] for poly in _polygons(feature["geometry"])]
        features.append({
            "type": "Feature",
            "properties": {"AGS": feature["properties"]["AGS"],
                           "GEN": feature["properties"]["GEN"]},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
        })
    return {
        "type": "FeatureCollection",
        "attribution": "© GeoBasis-DE / BKG (Daten verändert); Statistisches Bundesamt "
                       "(Destatis); Datenlizenz Deutschland – Namensnennung 2.0",
        "features": features,
    }


def main(source_path: str, target_path: str) -> None:
    source = json.loads(Path(source_path).read_text(encoding="utf-8"))
    text = json.dumps(shrink(source), ensure_ascii=False, separators=(",", ":"))
    Path(target_path).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
