"""Decision variables of the CP-SAT model (one place, created from :class:`ProblemData`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from optimizer.problem import ProblemData

BoolVar = cp_model.IntVar  # CP-SAT returns IntVar objects for Boolean variables too


@dataclass
class Variables:
    """All decision variables, indexed by candidate event ``e``, council ``c``, trainer ``k``.

    - ``held[e]``: the candidate event takes place; ``two[e]``: it has two trainers (R11).
    - ``participants[e]``: members attending (R6).
    - ``slot[e]``, ``day1[e]``, ``day2[e]``, ``consecutive[e]``: its date (R1, R2).
    - ``seats[c, e]``, ``attends[c, e]``: members council ``c`` sends to ``e`` (R7, R8).
    - ``teaches[k, e]``: trainer ``k`` works at ``e`` (R10–R12);
      ``teaches_consec[k, e]``: and the slot is consecutive (only where R14 travel differs).
    - ``both[s]``: site ``s`` holds both modules (R4 bonus).
    - ``m1_end[c]``, ``m2_start[c]``: latest module-1 day, earliest module-2 day of council
      ``c`` (R5c); free when it attends none.
    """

    held: list[BoolVar]
    two: list[BoolVar]
    participants: list[cp_model.IntVar]
    slot: list[cp_model.IntVar]
    day1: list[cp_model.IntVar]
    day2: list[cp_model.IntVar]
    consecutive: list[BoolVar]
    seats: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    attends: dict[tuple[int, int], BoolVar] = field(default_factory=dict)
    teaches: dict[tuple[int, int], BoolVar] = field(default_factory=dict)
    teaches_consec: dict[tuple[int, int], BoolVar] = field(default_factory=dict)
    both: dict[int, BoolVar] = field(default_factory=dict)
    m1_end: dict[int, cp_model.IntVar] = field(default_factory=dict)
    m2_start: dict[int, cp_model.IntVar] = field(default_factory=dict)


def create_variables(model: cp_model.CpModel, data: ProblemData) -> Variables:
    rules = data.scenario.rules
    v = Variables(held=[], two=[], participants=[], slot=[], day1=[], day2=[], consecutive=[])
    for e, event in enumerate(data.events):
        v.held.append(model.new_bool_var(f"held[{e}]"))
        v.two.append(model.new_bool_var(f"two[{e}]"))
        v.participants.append(model.new_int_var(0, rules.max_participants, f"participants[{e}]"))
        v.slot.append(
            model.new_int_var_from_domain(
                cp_model.Domain.from_values(event.slot_idcs), f"slot[{e}]"
            )
        )
        v.day1.append(
            model.new_int_var_from_domain(
                cp_model.Domain.from_values(sorted({data.slot_day1[i] for i in event.slot_idcs})),
                f"day1[{e}]",
            )
        )
        v.day2.append(
            model.new_int_var_from_domain(
                cp_model.Domain.from_values(sorted({data.slot_day2[i] for i in event.slot_idcs})),
                f"day2[{e}]",
            )
        )
        v.consecutive.append(model.new_bool_var(f"consecutive[{e}]"))
        for c in event.council_idcs:
            cap = min(data.interest[c][event.module - 1], rules.max_participants)
            v.seats[c, e] = model.new_int_var(0, cap, f"seats[{c},{e}]")
            v.attends[c, e] = model.new_bool_var(f"attends[{c},{e}]")
        for k in event.trainer_idcs:
            v.teaches[k, e] = model.new_bool_var(f"teaches[{k},{e}]")
            if data.travel_consec[k][e] != data.travel_week[k][e]:
                v.teaches_consec[k, e] = model.new_bool_var(f"teaches_consec[{k},{e}]")
    return v
