"""Seeded benchmark instances at 0.5×, 1×, 2×, 4× … NRW's size (issue 6, item 1).

``generate_instance(scale, seed)`` returns an :class:`Instance`: a validated
:class:`~optimizer.domain.scenario.Scenario` and the :class:`~optimizer.domain.geography.Reference`
it lives in. It reads no files itself; the shipped geography comes from
:func:`optimizer.io.reference.load_reference`. ``benchmarks/generate_instances.py`` writes the
instances as scenario folders (:func:`optimizer.bench.instance_io.write_instance`).

How an instance is built
------------------------
The recipe is that of the default scenario's generator (``scenarios/nrw-2025-26/generate.py``,
which keeps its own code so its committed files stay byte-identical), with every count
multiplied by a *tile factor* ``f`` and all randomness drawn from ``seed``:

* **Tiles.** ``scale`` is split into ``n = ceil(scale)`` tiles of factor ``f = scale / n``
  (0.5 → one tile of 0.5; 2 → two tiles of 1; 3.5 → four tiles of 0.875). Tile 0 is NRW
  itself with its real AGS keys. Tile ``k ≥ 1`` is a *synthetic copy* of NRW: every
  municipality and border is copied, the AGS prefix ``05`` (NRW's Land key) becomes
  ``9k`` (no real Land has it), names get the suffix ``[Kopie k]``, and the centres are
  shifted on a grid (``TILE_STEP_LAT`` ° south per row, ``TILE_STEP_LON`` ° east per column,
  ``ceil(√n)`` columns), which leaves a few kilometres between neighbouring copies, like
  neighbouring Länder. A copy shares no border rows with other tiles; the catchment radius
  and trainers' travel work across tiles as anywhere (geodesic distance of the shifted
  points; a copy further south is slightly wider in kilometres). The school holidays, the
  public holidays (``holidays``, NW) and the planning period are NRW's for every tile. So
  4× is "four NRW-like Länder side by side": about 450 councils, 280 sites, 120 trainers, the
  same rules and period. Real AGS keys cannot express more councils than NRW's 396
  municipalities, hence the synthetic keys; the instance therefore carries its own
  reference, and a folder of it carries that reference as a gazetteer (see ``instance_io``).
* **Regions (f < 1).** A tile of factor ``f < 1`` is a compact part of NRW: from an anchor
  municipality (drawn with weights by population) the municipalities nearest to it are taken
  until they hold the share ``f`` of NRW's population. So 0.5× is a subset of NRW of about
  half its population, with its real AGS keys.
* **Councils.** The ``round(113·f)`` most populous municipalities of the tile's region (the
  default adds 25 confirmed councils first; here population alone decides, as GO NRW § 27's
  threshold follows population). Elected seats ``7 + k·(√population − √smallest)`` with ±20 %
  jitter, 7–25 each, summing to ``round(1,262·f)`` (bisection on ``k``, largest remainder);
  appointed members 40–60 % of the elected, at least 3 and fewer than the elected.
  Interest: module 1 20–80 % of members, module 2 40–100 % of module 1; ``round(5f)``
  councils outside the largest fifth without interest, ``round(9f)`` without module-2
  interest, ``round(7f)`` with 2–6 members who already did module 1.
* **Sites.** ``round(70·f)`` VHS sites: the ``round(30·f)`` most populous council towns;
  then every council without a site in reach (own town, a neighbour or ≤ 25 km, R7) gets one
  in its own town (70 %) or a neighbouring one (30 %); then, weighted by √population, more
  sites in council towns (80 %) or their neighbours (20 %). Partner: the town's own council,
  else the largest neighbouring council (R9); ``round(6f)`` sites without partner and
  ``round(7f)`` not interested (never among the ten largest towns); ``round(8f)`` with 2–5
  blocked weekend days; 85 % have venue coordinates within 2 km of the centre.
* **Trainers.** ``round(30·f)`` trainers, alternately educator and council-side, spread over
  the Regierungsbezirke of the region in proportion to population (≥ 1 each); homes drawn by
  population (council-side trainers in council towns), at most two per town;
  ``max_events`` 3–8 (mostly 5–7); one in six teaches one module only; 3–8 unavailable
  weekend days each.
* **Budget.** 75 % of the rough cost of serving all interest (``ceil(seats / 14)`` events at
  1,950 € plus 24 € catering per person and event), rounded to 1,000 € — the default
  scenario's calibration (R16), so no instance can serve all demand.

At scale 1 this reproduces the default's statistics (113 councils, 1,262 elected seats, 70
sites, 30 trainers, a budget of about 75 % of demand), not its files.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from dataclasses import dataclass

from optimizer.domain.geodesy import distance_m
from optimizer.domain.geography import Municipality, Reference
from optimizer.domain.scenario import Council, Period, Role, Scenario, Site, Trainer

__all__ = ["NRW_SIZE", "Instance", "generate_instance", "generate_scenario", "tiled_reference"]

#: NRW's size in the default scenario: councils, elected seats, sites, trainers.
NRW_SIZE = {"councils": 113, "elected_seats": 1262, "sites": 70, "trainers": 30}
MAX_TILES = 9  # synthetic Land keys 91..98 (tile 0 is NRW, Land key 05)
TILE_STEP_LAT = 2.3  # degrees south per tile row (NRW spans 50.32–52.53 °N)
TILE_STEP_LON = 3.75  # degrees east per tile column (NRW spans 5.87–9.46 °E)
PERIOD = Period(start=dt.date(2025, 10, 1), end=dt.date(2026, 11, 30))
MIN_ELECTED, MAX_ELECTED = 7, 25
RADIUS_M = 25_000  # catchment.radius_km default (R7)
BUDGET_SHARE = 0.75
SEATS_PER_EVENT = 14  # rough fill of an event for the budget estimate
EVENT_EUR, CATERING_EUR = 1950, 24  # fees + travel per event; catering per person and event


@dataclass(frozen=True)
class Instance:
    """A generated scenario and the reference geography its AGS keys refer to."""

    scenario: Scenario
    reference: Reference
    scale: float
    seed: int
    tiles: int

    @property
    def synthetic(self) -> bool:
        """True when the reference holds synthetic copies of NRW (scale > 1)."""
        return self.tiles > 1


def tile_ags(ags: str, tile: int) -> str:
    """The AGS of municipality ``ags`` in tile ``tile`` (tile 0: the real key)."""
    return ags if tile == 0 else f"9{tile}{ags[2:]}"


def tiled_reference(base: Reference, tiles: int) -> Reference:
    """``base`` (NRW) plus ``tiles − 1`` shifted synthetic copies (see the module docstring)."""
    if not 1 <= tiles <= MAX_TILES:
        raise ValueError(f"tiles must be 1..{MAX_TILES}, not {tiles}")
    if tiles == 1:
        return base
    columns = math.ceil(math.sqrt(tiles))
    municipalities = dict(base.municipalities)
    pairs = set(base.neighbour_pairs)
    for k in range(1, tiles):
        dlat, dlon = -TILE_STEP_LAT * (k // columns), TILE_STEP_LON * (k % columns)
        tag = f" [Kopie {k}]"
        for m in base.municipalities.values():
            municipalities[tile_ags(m.ags, k)] = Municipality(
                ags=tile_ags(m.ags, k), name=m.name + tag, kreis=m.kreis + tag,
                kreis_ags=tile_ags(m.kreis_ags + "000", k)[:5],
                regierungsbezirk=m.regierungsbezirk + tag, population=m.population,
                lat=round(m.lat + dlat, 6), lon=round(m.lon + dlon, 6),
            )
        for pair in base.neighbour_pairs:
            pairs.add(frozenset(tile_ags(a, k) for a in pair))
    return Reference(municipalities=municipalities, neighbour_pairs=frozenset(pairs),
                     school_holidays=base.school_holidays)


def generate_instance(scale: float, seed: int = 0, base: Reference | None = None) -> Instance:
    """A seeded instance of ``scale`` × NRW's size (module docstring). Same arguments, same
    instance: every draw goes through ``random.Random`` streams derived from ``seed``."""
    if not 0 < scale <= MAX_TILES:
        raise ValueError(f"scale must be in (0, {MAX_TILES}], not {scale}")
    if base is None:
        from optimizer.io.reference import load_reference

        base = load_reference()
    tiles = math.ceil(scale - 1e-9)
    factor = scale / tiles
    reference = tiled_reference(base, tiles)
    councils: list[Council] = []
    sites: list[Site] = []
    trainers: list[Trainer] = []
    for tile in range(tiles):
        streams = [random.Random(seed * 1000 + tile * 10 + i) for i in range(4)]
        everyone = [reference.municipalities[tile_ags(a, tile)]
                    for a in sorted(base.municipalities)]
        region = _region(streams[3], everyone, factor)
        tile_councils = _councils(streams[0], region, factor)
        council_munis = [reference.municipalities[c.ags] for c in tile_councils]
        tile_sites = _sites(streams[1], reference, region, council_munis, factor, len(sites))
        tile_trainers = _trainers(streams[2], region, council_munis, factor, len(trainers))
        councils += tile_councils
        sites += tile_sites
        trainers += tile_trainers
    seats = sum(c.interested_m1 + c.interested_m2 for c in councils)
    scenario = Scenario(
        name=f"nrw-{scale:g}x-seed{seed}", budget_eur=budget_eur(seats), period=PERIOD,
        councils=tuple(councils), sites=tuple(sites), trainers=tuple(trainers),
    )
    return Instance(scenario, reference, scale, seed, tiles)


def generate_scenario(scale: float, seed: int = 0) -> Scenario:
    """Only the scenario of :func:`generate_instance`. Up to 1× it works with the shipped
    reference everywhere; beyond 1× its synthetic AGS keys need the instance's reference
    (use :func:`generate_instance`)."""
    return generate_instance(scale, seed).scenario


def budget_eur(interested_seats: int) -> float:
    """R16 calibration of the default: 75 % of the rough cost of all demand, to 1,000 €."""
    events = math.ceil(interested_seats / SEATS_PER_EVENT)
    full = events * EVENT_EUR + CATERING_EUR * (interested_seats + 2 * events)
    return float(round(full * BUDGET_SHARE, -3))


# --- helpers ----------------------------------------------------------------------------------


def _scaled(count: int, factor: float) -> int:
    return max(1, round(count * factor))


def _by_size(munis: list[Municipality]) -> list[Municipality]:
    """Most populous first; ties by key, so order never depends on input order."""
    return sorted(munis, key=lambda m: (-m.population, m.ags))


def _weighted_pick(rng: random.Random, pool: list[Municipality], weights: list[float]) -> str:
    return pool[rng.choices(range(len(pool)), weights=weights)[0]].ags


def _weekend_days() -> list[dt.date]:
    days, day = [], PERIOD.start
    while day <= PERIOD.end:
        if day.weekday() in (4, 5, 6):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _region(rng: random.Random, everyone: list[Municipality], factor: float) -> list[Municipality]:
    """The whole tile, or (factor < 1) the municipalities nearest a population-weighted anchor
    until they hold ``factor`` of the population."""
    if factor >= 1 - 1e-9:
        return everyone
    anchor = everyone[rng.choices(range(len(everyone)),
                                  weights=[m.population for m in everyone])[0]]
    order = sorted(everyone, key=lambda m: (distance_m(anchor.lat, anchor.lon, m.lat, m.lon),
                                            m.ags))
    target = factor * sum(m.population for m in everyone)
    region, population = [], 0
    for m in order:
        if population >= target:
            break
        region.append(m)
        population += m.population
    return sorted(region, key=lambda m: m.ags)


def _elected(rng: random.Random, munis: list[Municipality], total: int) -> dict[str, int]:
    """Elected seats growing with √population, 7..25 each, summing to ``total``."""
    total = min(max(total, MIN_ELECTED * len(munis)), MAX_ELECTED * len(munis))
    base = min(math.sqrt(m.population) for m in munis)
    shape = {m.ags: (math.sqrt(m.population) - base) * rng.uniform(0.8, 1.2) for m in munis}

    def raw(k: float) -> dict[str, float]:
        return {a: min(MAX_ELECTED, MIN_ELECTED + k * s) for a, s in shape.items()}

    low, high = 0.0, 1.0
    while sum(raw(high).values()) < total and high < 1e9:
        high *= 2
    for _ in range(100):
        mid = (low + high) / 2
        low, high = (mid, high) if sum(raw(mid).values()) < total else (low, mid)
    exact = raw(high)
    seats = {a: math.floor(v) for a, v in exact.items()}
    order = sorted(exact, key=lambda a: (-(exact[a] - seats[a]), a))
    for a in [a for a in order if seats[a] < MAX_ELECTED][: total - sum(seats.values())]:
        seats[a] += 1
    return seats


def _councils(rng: random.Random, region: list[Municipality], factor: float) -> list[Council]:
    munis = sorted(_by_size(region)[: _scaled(NRW_SIZE["councils"], factor)], key=lambda m: m.ags)
    elected = _elected(rng, munis, round(NRW_SIZE["elected_seats"] * factor))
    ids = [m.ags for m in munis]
    smaller = sorted(m.ags for m in _by_size(munis)[len(munis) // 5:])
    no_interest = set(rng.sample(smaller, min(len(smaller), round(5 * factor))))
    rest = [a for a in ids if a not in no_interest]
    no_m2 = set(rng.sample(rest, min(len(rest), round(9 * factor))))
    trainable = [a for a in rest if a not in no_m2]
    already = set(rng.sample(trainable, min(len(trainable), round(7 * factor))))
    councils = []
    for m in munis:
        e = elected[m.ags]
        members = e + min(e - 1, max(3, round(e * rng.uniform(0.4, 0.6))))
        trained = rng.randint(2, 6) if m.ags in already else 0
        m1 = m2 = 0
        if m.ags not in no_interest:
            m1 = min(members - trained, max(1, round(members * rng.uniform(0.2, 0.8))))
            if m.ags in no_m2:
                m2 = 0
            elif trained:
                m2 = min(members, round(m1 * rng.uniform(0.5, 1.0)) + rng.randint(0, trained))
            else:
                m2 = round(m1 * rng.uniform(0.4, 1.0))
        councils.append(Council(council_id=f"C{m.ags}", ags=m.ags, members=members,
                                interested_m1=m1, interested_m2=m2, trained_m1=trained))
    return councils


def _reaches(ref: Reference, council: Municipality, site: Municipality) -> bool:
    """R7 with the default catchment, from the site town's centre."""
    return (council.ags == site.ags or ref.are_neighbours(council.ags, site.ags)
            or distance_m(council.lat, council.lon, site.lat, site.lon) <= RADIUS_M)


def _sites(
    rng: random.Random, ref: Reference, region: list[Municipality],
    councils: list[Municipality], factor: float, offset: int,
) -> list[Site]:
    in_region = {m.ags: m for m in region}
    council_set = {m.ags for m in councils}
    n_sites = _scaled(NRW_SIZE["sites"], factor)
    chosen = [m.ags for m in _by_size(councils)[: _scaled(30, factor)]]
    order = [m.ags for m in councils]
    rng.shuffle(order)
    for a in order:  # every council gets a VHS within reach
        council = in_region[a]
        if any(_reaches(ref, council, in_region[s]) for s in chosen):
            continue
        options = sorted(n for n in ref.neighbours(a) if n in in_region and n not in chosen)
        chosen.append(rng.choice(options) if options and rng.random() < 0.3 else a)
    while len(chosen) < n_sites:
        if rng.random() < 0.8:
            pool = [a for a in sorted(council_set) if a not in chosen]
        else:
            pool = sorted({n for a in council_set for n in ref.neighbours(a)
                           if n in in_region} - set(chosen))
        if not pool:
            pool = [a for a in sorted(in_region) if a not in chosen]
        munis = [in_region[a] for a in pool]
        chosen.append(_weighted_pick(rng, munis, [math.sqrt(m.population) for m in munis]))
    site_ags = sorted(chosen[:n_sites])
    ids = [f"S{offset + i:02d}" for i in range(1, len(site_ags) + 1)]
    largest = {m.ags for m in _by_size(councils)[:10]}
    others = [i for i, a in zip(ids, site_ags, strict=True) if a not in largest]
    no_partner = set(rng.sample(others, min(len(others), round(6 * factor))))
    rest = [i for i in others if i not in no_partner]
    not_interested = set(rng.sample(rest, min(len(rest), round(7 * factor))))
    blocked = set(rng.sample(ids, min(len(ids), round(8 * factor))))
    weekend = _weekend_days()
    sites = []
    for site_id, a in zip(ids, site_ags, strict=True):
        m = in_region[a]
        near = _by_size([in_region[n] for n in sorted(ref.neighbours(a)) if n in council_set])
        partner = a if a in council_set else (near[0].ags if near else None)
        lat = lon = None
        if rng.random() < 0.85:
            dist, bearing = rng.uniform(200.0, 1900.0), rng.uniform(0.0, 2.0 * math.pi)
            lat = round(m.lat + dist * math.cos(bearing) / 111_320.0, 5)
            lon = round(m.lon + dist * math.sin(bearing)
                        / (111_320.0 * math.cos(math.radians(m.lat))), 5)
        sites.append(Site(
            site_id=site_id, name=f"VHS {m.name}", ags=a, lat=lat, lon=lon,
            partner_council_id=None if site_id in no_partner or partner is None
            else f"C{partner}",
            interested=site_id not in not_interested,
            blocked_dates=tuple(sorted(rng.sample(weekend, rng.randint(2, 5))))
            if site_id in blocked else (),
        ))
    return sites


def _trainer_quotas(region: list[Municipality], n_trainers: int) -> dict[str, int]:
    """Trainers per Regierungsbezirk, proportional to population (largest remainder, ≥ 1)."""
    population = Counter[str]()
    for m in region:
        population[m.regierungsbezirk] += m.population
    total = sum(population.values())
    exact = {r: n_trainers * p / total for r, p in sorted(population.items())}
    quotas = {r: max(1, math.floor(v)) for r, v in exact.items()}
    by_remainder = sorted(exact, key=lambda r: (-(exact[r] - math.floor(exact[r])), r))
    for r in by_remainder[: max(0, n_trainers - sum(quotas.values()))]:
        quotas[r] += 1
    return quotas


def _trainers(
    rng: random.Random, region: list[Municipality], councils: list[Municipality],
    factor: float, offset: int,
) -> list[Trainer]:
    n_trainers = _scaled(NRW_SIZE["trainers"], factor)
    districts = [r for r, q in _trainer_quotas(region, n_trainers).items() for _ in range(q)]
    roles: list[Role] = ["educator" if i % 2 == 0 else "council" for i in range(len(districts))]
    pairs = list(zip(districts, roles, strict=True))
    rng.shuffle(pairs)
    homes: list[str] = []
    for district, role in pairs:
        pool = []
        for candidates in ((councils if role == "council" else region), region):
            pool = [m for m in candidates if m.regierungsbezirk == district
                    and homes.count(m.ags) < 2]
            if pool:
                break
        pool = pool or [m for m in region if homes.count(m.ags) < 2] or region
        homes.append(_weighted_pick(rng, pool, [float(m.population) for m in pool]))
    weekend = _weekend_days()
    modules: list[tuple[int, ...]] = [(1, 2)] * len(pairs)
    for i in rng.sample(range(len(pairs)), len(pairs) // 6):
        modules[i] = (1,) if rng.random() < 0.6 else (2,)
    return [
        Trainer(
            trainer_id=f"T{offset + i + 1:02d}", role=role, home_ags=home,
            max_events=rng.choices(range(3, 9), weights=[1, 2, 3, 3, 3, 2])[0],
            modules=modules[i],
            unavailable_dates=tuple(sorted(rng.sample(weekend, rng.randint(3, 8)))),
        )
        for i, ((_, role), home) in enumerate(zip(pairs, homes, strict=True))
    ]
