"""R7 and R9: which council may go where, and which site may host.

R7: a council may attend a site in its own municipality, in a bordering municipality (with
``catchment.neighbours``; every row of the neighbour table is a border, valid both ways), or
within ``catchment.radius_km`` — geodesic distance in whole metres from the council's
municipality centre to the site's coordinates, distance ≤ radius; ``radius_km`` 0 or ``None``
switches the radius off. The own municipality always qualifies.

R9: a site hosts events only if its VHS declared interest and it names a partner council.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from optimizer.domain.scenario import Council, Site
from optimizer.validate.core import Context, Violation, as_decimal, at_event, decimal_de

__all__ = ["check_catchment", "check_hosts", "in_catchment"]


def in_catchment(ctx: Context, council: Council, site: Site) -> bool:
    """R7: own municipality, a neighbour (if enabled) or within the radius."""
    catchment = ctx.scenario.catchment
    if council.ags == site.ags:
        return True
    if catchment.neighbours and ctx.reference.are_neighbours(council.ags, site.ags):
        return True
    radius_km = catchment.radius_km
    metres = ctx.distance_m(ctx.centre(council.ags), ctx.site_point(site))
    return bool(radius_km) and Decimal(metres) <= as_decimal(radius_km or 0) * 1000


def check_catchment(ctx: Context) -> Iterator[Violation]:
    """R7: a council attends a site in its own municipality, a neighbour, or within the radius.

    The radius test is geodesic distance (whole metres) ≤ ``radius_km``, from the council's
    municipality centre to the site's coordinates; ``radius_km`` 0 or ``None`` switches it off.
    """
    catchment = ctx.scenario.catchment
    radius_km = catchment.radius_km
    for a in ctx.plan.assignments:
        council = ctx.councils.get(a.council_id)
        event = ctx.events.get(a.event_id)
        site = ctx.sites.get(event.site_id) if event is not None else None
        if council is None or site is None or in_catchment(ctx, council, site):
            continue
        metres = ctx.distance_m(ctx.centre(council.ags), ctx.site_point(site))
        kind = "keine Nachbargemeinde" if catchment.neighbours else "nicht die eigene Gemeinde"
        reach = f"mehr als {decimal_de(radius_km)} km" if radius_km else "Radius ausgeschaltet"
        yield Violation(
            "R7", a.council_id,
            f"Gremium {a.council_id} ({council.ags}) darf {a.event_id} nicht besuchen: "
            f"Standort {site.site_id} ({site.ags}) ist {kind}, Entfernung "
            f"{decimal_de(Decimal(metres) / 1000)} km ({reach})",
        )


def check_hosts(ctx: Context) -> Iterator[Violation]:
    """R9: only a site whose VHS declared interest and that names a partner council hosts."""
    for e in ctx.plan.events:
        site = ctx.sites.get(e.site_id)
        if site is None:
            continue
        if not site.interested:
            yield at_event("R9", e, f"die VHS {site.site_id} hat kein Interesse erklärt")
        if site.partner_council_id is None:
            yield at_event("R9", e, f"Standort {site.site_id} hat kein Partnergremium")
