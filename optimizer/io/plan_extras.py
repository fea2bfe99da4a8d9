"""Files added to an existing plan folder after the solve: ``erklaerungen.csv`` (why-not
explanations) and ``alternativen/`` (alternative plans).

All-or-nothing (:mod:`optimizer.io.atomic`): ``erklaerungen.csv`` through
:func:`~optimizer.io.atomic.write_files`; the ``alternativen/`` folder is built in a temporary
sibling and swapped in whole.
"""

from __future__ import annotations

from pathlib import Path

from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.io.atomic import staged_folder
from optimizer.io.plan_io import write_plan

EXPLANATIONS_FILE = "erklaerungen.csv"
ALTERNATIVES_DIR = "alternativen"
COMPARISON_FILE = "vergleich.csv"


def alternative_name(number: int) -> str:
    """Folder name of the ``number``-th alternative (1-based): ``alt-1``, ``alt-2``, …"""
    return f"alt-{number}"


def write_alternatives(
    plan_dir: str | Path, plans: list[Plan], scenario: Scenario, comparison_csv: str
) -> Path:
    """Write ``plan_dir/alternativen/`` with one plan folder per alternative (``alt-1/``, …,
    each with its scenario copy, so ``check`` and ``explain`` work on it) and the comparison
    table; an earlier ``alternativen/`` is replaced whole."""
    target = Path(plan_dir) / ALTERNATIVES_DIR
    with staged_folder(target) as staging:
        for number, plan in enumerate(plans, start=1):
            write_plan(plan, staging / alternative_name(number), scenario=scenario)
        (staging / COMPARISON_FILE).write_text(comparison_csv, encoding="utf-8")
    return target
