"""Venue addresses to coordinates (geopy, Nominatim), only when the planner asks for it.

A site may give a street address (``address`` column of ``sites.csv``) instead of ``lat`` and
``lon``. Without geocoding, such a site stands at its municipality's centre, as every site
without coordinates does (FORMAT.md). With ``qualiplan solve|check SCENARIO --geocode``,
:func:`geocode_sites` looks the addresses up and returns a scenario whose sites carry the
coordinates found, plus one :class:`GeocodeNote` per site with an address and no coordinates,
which the CLI shows per site. A site that gives coordinates is never geocoded: they win.

Nominatim's usage policy (https://operations.osmfoundation.org/policies/nominatim/) is kept:

* at most one request per second, through :class:`geopy.extra.rate_limiter.RateLimiter`
  (no retries: a failed request is not repeated at once, the site falls back to the centre
  and the next run may try again);
* a descriptive user agent, :data:`USER_AGENT`;
* results are cached on disk (:class:`GeocodeCache`, default
  ``~/.cache/qualiplan/geocode.json``), also "not found", so a repeated run sends no request
  for an address it has seen; the file is replaced atomically. To ask again, delete the file.
  A cached point is checked against NRW again on every run (the check depends on the site's
  municipality, not on the address alone);
* after the first sign that the service cannot be reached (no network, time-out, rate limit,
  refused), no further requests are sent in that run.

A result is accepted only if it lies in a generous bounding box around NRW
(:data:`NRW_BOUNDS`) and at most :data:`MAX_CENTRE_DISTANCE_KM` from the centre of the site's
municipality; a street of the same name elsewhere in Germany is the usual mistake. Nothing
here ever raises for a geocoding failure: the site keeps the centre and its note says why.

Notes are data (a status, a reason code and the numbers and names behind it), not sentences:
the German line for planners is rendered by :func:`optimizer.report.geocoding_de.note_de`.

Only venue addresses are sent, cached and logged; they are public places, not personal data
(R18). Nothing else from the scenario leaves the machine.

The geocoder is anything with geopy's interface, ``geocode(query, **kwargs)`` returning a
:class:`geopy.location.Location` or ``None`` and raising :mod:`geopy.exc` errors; the CLI
obtains it from :func:`default_geocoder` (tests replace that function with a fake).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Literal, Protocol

from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter

from optimizer.domain.geodesy import distance_m
from optimizer.domain.geography import Municipality, Reference
from optimizer.domain.scenario import Scenario, Site
from optimizer.io.reference import load_reference

log = logging.getLogger(__name__)

try:
    _VERSION = version("qualiplan")
except PackageNotFoundError:  # running from a source tree that was never installed
    _VERSION = "0+unknown"

#: Nominatim asks for a user agent that names the application.
USER_AGENT = f"qualiplan/{_VERSION} (planning tool of the Landesintegrationsrat NRW)"
#: Nominatim's policy: at most one request per second.
MIN_DELAY_S = 1.0
#: Seconds to wait for one answer of the service.
TIMEOUT_S = 10.0
#: (south, north, west, east) in degrees: NRW spans about 50.32–52.53 N and 5.87–9.46 E;
#: the box adds some 10 km on every side.
NRW_BOUNDS = (50.2, 52.65, 5.7, 9.6)
#: A result farther than this from the centre of the site's municipality is rejected. The
#: largest NRW municipalities reach some 15 km from their centre.
MAX_CENTRE_DISTANCE_KM = 30.0
CACHE_FORMAT = "qualiplan-geocode-cache/1"

# Errors that say the service cannot be reached or refuses us: stop asking for this run.
_SERVICE_DOWN = (
    GeocoderUnavailable,
    GeocoderTimedOut,
    GeocoderRateLimited,
    GeocoderQuotaExceeded,
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    OSError,
)

Status = Literal["geocoded", "cached", "not_geocoded", "not_found", "rejected", "failed"]
#: Why a point was rejected (``outside_nrw``: outside :data:`NRW_BOUNDS`; ``far_from_centre``:
#: farther than :data:`MAX_CENTRE_DISTANCE_KM` from the municipality's centre) or a request
#: failed (``service_down``: the service cannot be reached, no further requests in this run;
#: ``service_error``: the service refused this one query); empty for every other status.
Reason = Literal["", "outside_nrw", "far_from_centre", "service_down", "service_error"]


class Geocoder(Protocol):
    """geopy's geocoder interface, as far as it is used here."""

    def geocode(self, query: str, **kwargs: Any) -> Any: ...


def default_cache_path() -> Path:
    """``~/.cache/qualiplan/geocode.json``."""
    return Path.home() / ".cache" / "qualiplan" / "geocode.json"


def default_geocoder() -> Geocoder:
    """Nominatim (OpenStreetMap) with qualiplan's user agent.

    The CLI calls this (through the module, so tests can replace it); nothing is contacted
    before the first ``geocode`` call.
    """
    from geopy.geocoders import Nominatim

    return Nominatim(user_agent=USER_AGENT, timeout=TIMEOUT_S)


@dataclass(frozen=True)
class GeocodeNote:
    """What happened to one site with an address and no coordinates.

    ``lat``/``lon`` are the coordinates the site now has: the point found (``geocoded``,
    ``cached``) or its municipality's centre (every other status); ``municipality`` is that
    municipality's name. ``found`` is the address as the service wrote it (``geocoded``),
    ``found_point`` the point the service answered (``geocoded``, ``cached``, ``rejected``).
    ``reason`` says why a point was rejected or a request failed (:data:`Reason`), with
    ``distance_km`` (a point far from the centre) or ``error`` (the geopy error's class name
    of a failed request). ``from_cache``: the answer came from the cache.
    """

    site_id: str
    address: str
    status: Status
    lat: float
    lon: float
    municipality: str
    found: str = ""
    found_point: tuple[float, float] | None = None
    reason: Reason = ""
    distance_km: float | None = None
    error: str = ""
    from_cache: bool = False

    @property
    def uses_centre(self) -> bool:
        return self.status not in ("geocoded", "cached")


@dataclass(frozen=True)
class _Point:
    lat: float
    lon: float
    found: str  # the address as the service wrote it



class GeocodeCache:
    """Query → point (or ``None`` for "not found"), kept in one JSON file.

    The file is read on first use and written by :meth:`save` through a temporary sibling
    that replaces it (``os.replace``), so a crash never leaves half a file. An unreadable or
    foreign file is treated as empty (with a warning) and replaced on the next save.
    ``path=None`` keeps the cache in memory only.
    """

    def __init__(self, path: Path | str | None) -> None:
        self.path = None if path is None else Path(path).expanduser()
        self._entries: dict[str, dict[str, Any] | None] | None = None
        self._dirty = False

    def _load(self) -> dict[str, dict[str, Any] | None]:
        if self._entries is not None:
            return self._entries
        self._entries = {}
        if self.path is None or not self.path.is_file():
            return self._entries
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            log.warning("geocode cache %s unreadable, starting empty: %s", self.path, exc)
            return self._entries
        entries = raw.get("entries") if isinstance(raw, dict) else None
        if not isinstance(raw, dict) or raw.get("format") != CACHE_FORMAT or not isinstance(
            entries, dict
        ):
            log.warning("geocode cache %s has an unknown format, starting empty", self.path)
            return self._entries
        for query, entry in entries.items():
            if entry is None or (
                isinstance(entry, dict)
                and isinstance(entry.get("lat"), int | float)
                and isinstance(entry.get("lon"), int | float)
            ):
                self._entries[str(query)] = entry
        return self._entries

    def __contains__(self, query: str) -> bool:
        return query in self._load()

    def lookup(self, query: str) -> tuple[bool, _Point | None]:
        """``(known, point)``: the point is ``None`` for a cached "not found"."""
        entries = self._load()
        if query not in entries:
            return False, None
        entry = entries[query]
        if entry is None:
            return True, None
        return True, _Point(float(entry["lat"]), float(entry["lon"]),
                            str(entry.get("found", "")))

    def put(self, query: str, point: _Point | None) -> None:
        entry = None if point is None else {"lat": point.lat, "lon": point.lon,
                                            "found": point.found}
        self._load()[query] = entry
        self._dirty = True

    def save(self) -> bool:
        """Write the file if anything changed; ``False`` (with a warning) if that failed."""
        if self.path is None or not self._dirty:
            return True
        payload = {"format": CACHE_FORMAT, "user_agent": USER_AGENT,
                   "entries": dict(sorted(self._load().items()))}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                       dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(payload, handle, ensure_ascii=False, indent=1)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            log.warning("geocode cache %s not written: %s", self.path, exc)
            return False
        self._dirty = False
        return True


def needs_geocoding(site: Site) -> bool:
    """A site with an address and without (both) coordinates."""
    return bool(site.address) and (site.lat is None or site.lon is None)


def geocode_query(site: Site, reference: Reference) -> str:
    """The text sent to the geocoder: the address, plus the municipality if it is not named.

    Planners often write only "Musterstraße 1"; the municipality (from ``ags``) makes the
    query unambiguous. The query is also the cache key.
    """
    address = " ".join((site.address or "").split())
    name = reference.municipalities[site.ags].name
    if name.casefold() in address.casefold():
        return address
    return f"{address}, {name}"


def _check_point(
    point: _Point, site: Site, reference: Reference
) -> tuple[Reason, float | None] | None:
    """Why a point cannot be the site's venue (a reason code, and the distance in km from the
    municipality's centre when that is the reason), or ``None`` if it can."""
    south, north, west, east = NRW_BOUNDS
    if not (south <= point.lat <= north and west <= point.lon <= east):
        return "outside_nrw", None
    centre = reference.municipalities[site.ags]
    metres = distance_m(point.lat, point.lon, centre.lat, centre.lon)
    if metres > MAX_CENTRE_DISTANCE_KM * 1000:
        return "far_from_centre", metres / 1000
    return None


def _as_point(location: Any) -> _Point | None:
    """A geopy ``Location`` (or a one-element list of them) as a point; ``None`` if empty."""
    if isinstance(location, list | tuple):
        location = location[0] if location else None
    if location is None:
        return None
    return _Point(float(location.latitude), float(location.longitude),
                  str(getattr(location, "address", "") or ""))


@dataclass
class _Run:
    """One run of :func:`geocode_sites`: the rate-limited geocoder, the cache, and the class
    name of the error that showed the service down (empty while it answers)."""

    limited: Any
    cache: GeocodeCache
    down_error: str = ""


def _note(site: Site, centre: Municipality, status: Status, point: _Point | None = None,
          **details: Any) -> GeocodeNote:
    """The note of one site: at ``point`` if accepted, else at its municipality's centre."""
    lat, lon = (point.lat, point.lon) if point is not None else (centre.lat, centre.lon)
    return GeocodeNote(site.site_id, site.address or "", status, lat, lon, centre.name,
                       **details)


def _geocode_site(site: Site, reference: Reference, run: _Run) -> GeocodeNote:
    """Look one site up (cache first, then the service unless it is down) and check the
    point (module docstring); never raises for a geocoding failure."""
    centre = reference.municipalities[site.ags]
    query = geocode_query(site, reference)
    from_cache, point = run.cache.lookup(query)
    if not from_cache:
        if run.down_error:
            return _note(site, centre, "failed", reason="service_down", error=run.down_error)
        log.info("geocoding site %s: %s", site.site_id, query)
        try:
            point = _as_point(run.limited(query, exactly_one=True, country_codes="de"))
        except _SERVICE_DOWN as exc:
            run.down_error = type(exc).__name__
            log.warning("geocoding site %s failed (%s); no further requests",
                        site.site_id, run.down_error)
            return _note(site, centre, "failed", reason="service_down", error=run.down_error)
        except GeopyError as exc:
            log.warning("geocoding site %s failed: %s", site.site_id, type(exc).__name__)
            return _note(site, centre, "failed", reason="service_error",
                         error=type(exc).__name__)
        run.cache.put(query, point)
    if point is None:
        return _note(site, centre, "not_found", from_cache=from_cache)
    found_point = (point.lat, point.lon)
    rejection = _check_point(point, site, reference)
    if rejection is not None:
        reason, distance_km = rejection
        log.info("geocoding site %s: result rejected (%s)", site.site_id, reason)
        return _note(site, centre, "rejected", found_point=found_point, reason=reason,
                     distance_km=distance_km, from_cache=from_cache)
    return _note(site, centre, "cached" if from_cache else "geocoded", point,
                 found="" if from_cache else point.found, found_point=found_point,
                 from_cache=from_cache)


def geocode_sites(
    scenario: Scenario,
    geocoder: Geocoder | None,
    cache: GeocodeCache | None = None,
    *,
    reference: Reference | None = None,
    min_delay_s: float = MIN_DELAY_S,
) -> tuple[Scenario, list[GeocodeNote]]:
    """Coordinates for the sites that give an address and no coordinates.

    Returns the scenario with those sites' ``lat``/``lon`` set where an accepted point was
    found (geocoded now or from ``cache``), and one note per such site in scenario order.
    With ``geocoder=None`` nothing is looked up (not even the cache): every such site keeps
    its municipality's centre with status ``not_geocoded``. Never raises for a geocoding
    failure; the cache is saved once at the end.
    """
    pending = [site for site in scenario.sites if needs_geocoding(site)]
    notes: list[GeocodeNote] = []
    if not pending:
        return scenario, notes
    reference = reference or load_reference()
    if geocoder is None:
        notes = [_note(site, reference.municipalities[site.ags], "not_geocoded")
                 for site in pending]
        return scenario, notes
    limited = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_s, max_retries=0,
                          swallow_exceptions=False)
    run = _Run(limited, cache if cache is not None else GeocodeCache(None))
    updated: dict[str, Site] = {}
    for site in pending:
        note = _geocode_site(site, reference, run)
        notes.append(note)
        if not note.uses_centre:
            updated[site.site_id] = site.model_copy(update={"lat": note.lat, "lon": note.lon})
    run.cache.save()
    if updated:
        sites = tuple(updated.get(site.site_id, site) for site in scenario.sites)
        scenario = scenario.model_copy(update={"sites": sites})
    return scenario, notes
