"""Files added to an existing plan folder after the solve: ``erklaerungen.csv`` (why-not
explanations) and ``alternativen/`` (alternative plans).

All-or-nothing like :func:`optimizer.io.plan_io.write_plan`: a single file is written to a
temporary file beside it and renamed over the target (``os.replace`` is atomic on one file
system); the ``alternativen/`` folder is built in a temporary sibling and swapped in whole.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from optimizer.domain.plan import Plan
from optimizer.domain.scenario import Scenario
from optimizer.io.plan_io import write_plan

EXPLANATIONS_FILE = "erklaerungen.csv"
ALTERNATIVES_DIR = "alternativen"
COMPARISON_FILE = "vergleich.csv"


def write_file_atomic(folder: str | Path, name: str, text: str) -> Path:
    """Write ``text`` to ``folder/name`` so that readers see the old or the new file, never
    a part of it."""
    target = Path(folder) / name
    handle, temp = tempfile.mkstemp(prefix=f".{name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temp, 0o644)  # mkstemp's 0600 would hide the file from colleagues
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target


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
    staging = Path(tempfile.mkdtemp(prefix=f".{ALTERNATIVES_DIR}.", dir=target.parent))
    try:
        for number, plan in enumerate(plans, start=1):
            write_plan(plan, staging / alternative_name(number), scenario=scenario)
        (staging / COMPARISON_FILE).write_text(comparison_csv, encoding="utf-8")
        if target.exists():
            old = target.with_name(f".{ALTERNATIVES_DIR}.old")
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
            staging.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
