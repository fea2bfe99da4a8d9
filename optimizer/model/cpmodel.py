"""The whole CP-SAT model of one scenario, in one ordered place.

:func:`build_model` creates the variables (:mod:`optimizer.model.variables`), adds the
date-free master's rules and returns its cost (R3–R16, :func:`add_master`), the dated rules
for the ``monolithic`` formulation (R1, R2, R5a, R5c, R12 days, :func:`add_dates`), the
scenario's hard requirements (locks, required sites, regional minimums,
:mod:`optimizer.model.requirements`) and then every :data:`ExtraConstraint` a caller gives.
It never solves: the stages, objectives and hints are :mod:`optimizer.solve`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ortools.sat.python import cp_model

from optimizer.domain.options import Formulation
from optimizer.domain.problem import ProblemData
from optimizer.model.constraints import add_dates, add_master
from optimizer.model.requirements import add_requirements
from optimizer.model.variables import Variables, create_variables

#: A further requirement on the date-free model (e.g. a forced council, a regional minimum,
#: a no-good against an earlier plan); called once after the rules are added. One that adds
#: a solution hint (a plan to start from) replaces the configuration warm start.
ExtraConstraint = Callable[[cp_model.CpModel, ProblemData, Variables], None]


def build_model(
    data: ProblemData,
    formulation: Formulation = "decomposed",
    extra: Sequence[ExtraConstraint] = (),
) -> tuple[cp_model.CpModel, Variables, cp_model.LinearExpr]:
    """The CP-SAT model; returns model, variables and the cost expression in cents."""
    model = cp_model.CpModel()
    variables = create_variables(model, data)
    cost = add_master(model, data, variables)
    if formulation == "monolithic":
        add_dates(model, data, variables)
    add_requirements(model, data, variables)
    for constraint in extra:
        constraint(model, data, variables)
    return model, variables, cost
