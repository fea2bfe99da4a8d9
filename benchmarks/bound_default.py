"""Benchmark the configuration-LP bounds (optimizer.solve.bound) on one scenario.

Prints, per bound, the time, column-generation iterations, columns in the shared pool, the
configuration-LP bound and, for comparison, the plain LP bound of the master model: the
coverage upper bound, and the cost lower bound at the given seat counts (default 1,473 and
1,455, the range CP-SAT reaches in 60 s, and 1,479, the structural maximum). Appends the rows
to ``reports/benchmarks/<date>/bound.csv`` with the machine, commit and OR-Tools version.

    python benchmarks/bound_default.py [SCENARIO] [--seats 1473 1455 1479] [--no-plain]
                                       [--trainers assignment|aggregate] [--time-limit S]
                                       [--no-trainer-cut] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from importlib.metadata import version

from common import ROOT, append_rows, commit, machine

from optimizer.domain.problem import build_problem
from optimizer.io.reference import load_reference
from optimizer.io.scenario_reader import read_scenario
from optimizer.solve.bound import BoundReport, ConfigurationLP, plain_lp_bound

REFERENCE_PLAN_COST_EUR = 184_000  # cheapest plans CP-SAT found in 60 s (1,455–1,474 seats)


def _row(report: BoundReport, trainers: str, plain: float | None,
         plain_s: float | None) -> dict[str, object]:
    cost = report.kind == "cost"
    unit = 100 if cost else 1  # cost bounds are in cents; print euros
    bound = report.bound / unit
    row: dict[str, object] = {
        "bound": report.kind,
        "trainers": trainers,
        "min_seats": report.min_seats if cost else "",
        "seconds": round(report.seconds, 2),
        "iterations": report.iterations,
        "columns": report.columns,
        "converged": report.converged,
        "config_bound": bound,
        "config_lagrangian": round(report.lagrangian / unit, 4),
        "config_lp": round(report.lp_value / unit, 4),
        "plain_lp": "" if plain is None else round(plain / unit, 2),
        "plain_s": "" if plain_s is None else round(plain_s, 2),
        "below_184k_eur": round(REFERENCE_PLAN_COST_EUR - bound, 2) if cost else "",
        "trainer_floor": report.trainer_floor if cost else "",
    }
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "nrw-2025-26"))
    parser.add_argument("--seats", type=int, nargs="+", default=[1473, 1455, 1479])
    parser.add_argument("--time-limit", type=float, default=60.0, help="per bound, seconds")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain master LP")
    parser.add_argument("--trainers", choices=["assignment", "aggregate"], default="assignment",
                        help="trainer rows of the configuration LP")
    parser.add_argument("--no-trainer-cut", action="store_true",
                        help="cost bounds without the rounding cut on the trainer count")
    parser.add_argument("--no-write", action="store_true", help="only print")
    args = parser.parse_args()

    scenario = read_scenario(args.scenario)
    t0 = time.perf_counter()
    data = build_problem(scenario, load_reference())
    t_data = time.perf_counter() - t0

    t0 = time.perf_counter()
    lp = ConfigurationLP(data, trainers=args.trainers)
    t_setup = time.perf_counter() - t0
    reports = [lp.coverage(time_limit_s=args.time_limit)]
    reports += [lp.cost(n, time_limit_s=args.time_limit, trainer_cut=not args.no_trainer_cut)
                for n in args.seats]
    t_total = t_setup + sum(r.seconds for r in reports)

    rows = []
    for report in reports:
        plain = plain_s = None
        if not args.no_plain:
            t0 = time.perf_counter()
            plain = plain_lp_bound(data, report.min_seats)
            plain_s = time.perf_counter() - t0
        rows.append(_row(report, args.trainers, plain, plain_s))

    print(f"scenario {scenario.name}: {len(scenario.councils)} councils, "
          f"{data.num_events} candidate events, budget {scenario.budget_eur:,.0f} €; "
          f"data {t_data:.2f} s, setup {t_setup:.2f} s, all bounds {t_total:.2f} s")
    columns = list(rows[0])
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in columns}
    print("  ".join(f"{c:>{widths[c]}}" for c in columns))
    for r in rows:
        print("  ".join(f"{r[c]!s:>{widths[c]}}" for c in columns))

    if not args.no_write:
        stamp = {
            "date": dt.date.today().isoformat(), "scenario": scenario.name,
            "machine": machine(),
            "ortools": version("ortools"), "commit": commit(),
        }
        append_rows("bound.csv", [{**stamp, **r} for r in rows], str(stamp["date"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
