"""German words for the conflicting requirement groups of an infeasible scenario.

The solver names each group by kind and key (:class:`optimizer.domain.plan.Conflict`,
:func:`optimizer.solve.conflicts.explain_infeasible`) and says how far the set is proven
(``Plan.conflicts_proof``); this module says it to planners: a label per group and the lines
that introduce them.
"""

from __future__ import annotations

from optimizer.domain.plan import Conflict, Plan
from optimizer.domain.scenario import Scenario


def conflict_label_de(conflict: Conflict, plan: Plan, scenario: Scenario) -> str:
    """The group's name for planners: ``Festlegung S07-M1`` (a lock, by event ID),
    ``Pflicht-Standort S07 (VHS …)`` (a required site, with its name from ``scenario``),
    ``Regionalminimum Köln (120 Plätze)`` (a regional minimum, with the seats it requires
    from ``plan.regions``)."""
    if conflict.kind == "lock":
        return f"Festlegung {conflict.key}"
    if conflict.kind == "required":
        name = next((s.name for s in scenario.sites if s.site_id == conflict.key), None)
        return f"Pflicht-Standort {conflict.key}" + (f" ({name})" if name is not None else "")
    seats = next((r.minimum for r in plan.regions if r.regierungsbezirk == conflict.key), None)
    return f"Regionalminimum {conflict.key}" + (f" ({seats} Plätze)" if seats is not None
                                                 else "")


def conflicts_head_de(plan: Plan) -> list[str]:
    """The lines before the list of conflicting groups (none without conflicts): whether
    each group alone has no plan, or they exclude each other (and whether that set was
    proven to have no group to spare)."""
    if not plan.conflicts:
        return []
    if plan.conflicts_proof == "alone":
        lines = ["Jede dieser Vorgaben ist schon für sich allein nicht erfüllbar:"]
    elif len(plan.conflicts) == 1:
        lines = ["Diese Vorgabe ist für sich allein nicht erfüllbar:"]
    else:
        lines = ["Diese Vorgaben schließen sich gegenseitig aus (eine davon lockern):"]
    if plan.conflicts_proof == "unproven":
        lines.append("(In der Zeit nicht bewiesen, dass keine davon entbehrlich ist.)")
    return lines
