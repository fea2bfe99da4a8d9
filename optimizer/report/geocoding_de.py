"""What geocoding did to a site, in one German line for planners.

:func:`optimizer.io.geocoding.geocode_sites` returns structured notes (a status, a reason
code and the numbers behind it); the CLI prints one line per note with :func:`note_de`, e.g.
``S05 (Musterstraße 1): Adresse nicht gefunden; Gemeindemitte von Duisburg verwendet``.
"""

from __future__ import annotations

from optimizer.io.geocoding import MAX_CENTRE_DISTANCE_KM, GeocodeNote
from optimizer.report.numbers import number_de


def _rejection_de(note: GeocodeNote) -> str:
    """Why the service's point cannot be the venue (status ``rejected``)."""
    if note.reason == "outside_nrw" and note.found_point is not None:
        lat, lon = note.found_point
        return f"er liegt außerhalb von NRW ({lat:.5f}, {lon:.5f})"
    distance_km = note.distance_km or 0.0
    return (f"er liegt {number_de(distance_km, 1)} km von der Mitte von {note.municipality} "
            f"entfernt (höchstens {number_de(MAX_CENTRE_DISTANCE_KM)} km)")


def _failure_de(note: GeocodeNote) -> str:
    """Why the request failed (status ``failed``)."""
    if note.reason == "service_down":
        return f"Dienst nicht erreichbar: {note.error}"
    return f"Dienstfehler: {note.error}"


def note_de(note: GeocodeNote) -> str:
    """One line for planners, e.g. ``S05 (Musterstraße 1): Adresse nicht gefunden; …``."""
    point = f"{note.lat:.5f}, {note.lon:.5f}"
    head = f"{note.site_id} ({note.address}): "
    centre = f"Gemeindemitte von {note.municipality} verwendet"
    cached = " (Ergebnis aus dem Cache)" if note.from_cache else ""
    if note.status == "geocoded":
        return head + f"geokodiert → {point}" + (f" ({note.found})" if note.found else "")
    if note.status == "cached":
        return head + f"Koordinaten aus dem Geokodier-Cache → {point}"
    if note.status == "not_geocoded":
        return head + f"nicht geokodiert; {centre}"
    if note.status == "not_found":
        return head + f"Adresse nicht gefunden{cached}; {centre}"
    if note.status == "rejected":
        return head + f"Treffer verworfen, {_rejection_de(note)}{cached}; {centre}"
    return head + f"Geokodierung fehlgeschlagen ({_failure_de(note)}); {centre}"
