"""The plan's map: NRW's municipality outlines (shipped, so the map works offline) shaded by
the share of wanted seats covered, the sites holding events, and a line from each council to
each event it attends. Online tiles only when the planner switches them on."""

from __future__ import annotations

import html
from typing import Any

from nicegui import ui

from optimizer.api import municipality_outlines
from optimizer.insight.figures import PlanAnalysis

NRW_CENTRE, NRW_ZOOM = (51.45, 7.55), 8
#: Coverage classes: (upper share, fill colour, German label).
SHADES = ((0.0, "#f4a582", "nichts abgedeckt"), (0.5, "#fddbc7", "bis 50 %"),
          (0.99, "#d1e5f0", "über 50 %"), (1.0, "#4393c3", "alles abgedeckt"))
NO_DEMAND = "#eeeeee"
MODULE_COLOUR = {1: "#1b7837", 2: "#762a83"}
OSM = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"


def _shade(share: float | None) -> str:
    if share is None:
        return NO_DEMAND
    for upper, colour, _ in SHADES:
        if share <= upper:
            return colour
    return SHADES[-1][1]


def _shares(analysis: PlanAnalysis) -> dict[str, float | None]:
    """Covered share of wanted seats per municipality (both modules)."""
    wanted: dict[str, int] = {}
    covered: dict[str, int] = {}
    for council in analysis.councils:
        wanted[council.ags] = wanted.get(council.ags, 0) + sum(
            s.wanted for s in council.seats.values())
        covered[council.ags] = covered.get(council.ags, 0) + sum(
            s.covered for s in council.seats.values())
    return {ags: (covered[ags] / wanted[ags] if wanted[ags] else None) for ags in wanted}


def _outline_layers(m: ui.leaflet, analysis: PlanAnalysis) -> None:
    """One GeoJSON layer per shade (Leaflet styles a layer, not a feature, from Python)."""
    shares = _shares(analysis)
    geojson = municipality_outlines()
    by_colour: dict[str, list[dict[str, Any]]] = {}
    every: list[dict[str, Any]] = geojson["features"]  # type: ignore[assignment]
    for feature in every:
        colour = _shade(shares.get(feature["properties"]["AGS"]))
        by_colour.setdefault(colour, []).append(feature)
    for colour, shaded in by_colour.items():
        m.generic_layer(name="geoJSON", args=[
            {"type": "FeatureCollection", "features": shaded},
            {"style": {"color": "#888888", "weight": 0.5, "fillColor": colour,
                       "fillOpacity": 0.7}}])


async def plan_map(analysis: PlanAnalysis, online: bool = False) -> ui.leaflet:
    """The map of a plan; ``online`` adds OpenStreetMap tiles (a request to the internet)."""
    m = ui.leaflet(center=NRW_CENTRE, zoom=NRW_ZOOM).classes("w-full h-[40rem]")
    m.clear_layers()  # NiceGUI adds an online tile layer by default; the map works offline
    if online:
        m.tile_layer(url_template=OSM, options={
            "attribution": "&copy; OpenStreetMap-Mitwirkende", "opacity": 0.5})
    _outline_layers(m, analysis)
    events = {e.event_id: e for e in analysis.events}
    for module in (1, 2):
        lines = [[[c.lat, c.lon], [events[eid].lat, events[eid].lon]]
                 for c in analysis.councils for eid in c.event_ids.get(module, ())
                 if eid in events]
        if lines:
            m.generic_layer(name="polyline", args=[lines, {
                "color": MODULE_COLOUR[module], "weight": 1.5, "opacity": 0.8}])
    markers = []
    for site_id in dict.fromkeys(e.site_id for e in analysis.events):
        held = [e for e in analysis.events if e.site_id == site_id]
        first = held[0]
        layer = m.generic_layer(name="circleMarker", args=[[first.lat, first.lon], {
            "radius": 7, "color": "#333333", "weight": 1, "fillOpacity": 0.9,
            "fillColor": MODULE_COLOUR[1] if len(held) == 1 and first.module == 1
            else MODULE_COLOUR[2] if len(held) == 1 else "#e08214"}])
        label = (f"{first.site_name} ({first.municipality}): "
                 + ", ".join(f"Modul {e.module}, {e.participants} Teilnehmende" for e in held))
        markers.append((layer, html.escape(label)))
    await m.initialized()
    for layer, label in markers:
        layer.run_method("bindTooltip", label)
    return m


def legend() -> None:
    """The map's legend in German."""
    with ui.row().classes("gap-4 text-sm items-center"):
        for _, colour, label in SHADES:
            ui.label(label).classes("px-2 rounded").style(f"background: {colour}")
        ui.label("kein Bedarf").classes("px-2 rounded").style(f"background: {NO_DEMAND}")
        ui.label("● Modul 1").style(f"color: {MODULE_COLOUR[1]}")
        ui.label("● Modul 2").style(f"color: {MODULE_COLOUR[2]}")
        ui.label("● beide Module").style("color: #e08214")
