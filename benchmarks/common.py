"""Shared helpers of the benchmark scripts (run as scripts: this folder is on sys.path)."""

from __future__ import annotations

import csv
import datetime as dt
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    # The checkout's package, not an installed copy: the numbers belong to the commit that
    # the row records (scripts import this module before ``optimizer``).
    sys.path.insert(0, str(ROOT))


def commit() -> str:
    """The short commit hash of the checkout, or "unknown"."""
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def machine_details() -> dict[str, object]:
    """CPU model, logical cores, RAM (GB) and Python version, for benchmark records."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle
                        if line.startswith("model name")), cpu)
    except OSError:
        pass
    try:
        ram_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        ram_gb = float("nan")
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": ram_gb,
            "python": platform.python_version()}


def print_row(row: dict[str, object]) -> None:
    """One benchmark row as aligned ``key  value`` lines."""
    width = max(map(len, row))
    for key, value in row.items():
        print(f"{key:<{width}}  {value}")


def append_rows(name: str, rows: list[dict[str, object]], day: str | None = None) -> Path:
    """Append rows to ``reports/benchmarks/<day>/<name>``; ``day`` defaults to today. Returns
    the file's path. A new file gets a header; if the rows bring columns the file does not
    have yet (a benchmark that records more than it used to), the file is rewritten with
    the columns of both, old rows empty in the new ones."""
    folder = ROOT / "reports" / "benchmarks" / (day or dt.date.today().isoformat())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    columns = list(dict.fromkeys(key for row in rows for key in row))
    old: list[dict[str, str]] = []
    if path.exists():
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            old = list(reader)
            known = list(reader.fieldnames or [])
        columns = known + [c for c in columns if c not in known]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(old)
        writer.writerows(rows)
    print(f"appended to {path.relative_to(ROOT)}")
    return path
