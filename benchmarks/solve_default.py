"""Benchmark the planner on one scenario (default: the shipped NRW scenario).

Prints scenario size, model build time, time to first feasible plan, time to the proven
optimum of each stage, final status, bound and gap, and peak memory; appends one row to
``reports/benchmarks/<date>/solve.csv`` with the machine, commit and OR-Tools version.

    python benchmarks/solve_default.py [SCENARIO] [--time-limit S] [--workers N] [--seed N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import time
from importlib.metadata import version

from common import ROOT, append_rows, commit, machine, print_row

import optimizer
from optimizer.domain.options import STAGE_COVERAGE, Progress
from optimizer.domain.problem import build_problem  # (sizes and build times only)
from optimizer.io.reference import load_reference
from optimizer.model.cpmodel import build_model


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "nrw-2025-26"))
    parser.add_argument("--time-limit", type=float, default=None)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--no-write", action="store_true", help="only print")
    args = parser.parse_args()

    scenario = optimizer.load_scenario(args.scenario).scenario
    settings = optimizer.solve_options(scenario, time_limit_s=args.time_limit,
                                       workers=args.workers, seed=args.seed)
    reference = load_reference()

    t0 = time.perf_counter()
    data = build_problem(scenario, reference)
    t_data = time.perf_counter() - t0
    t0 = time.perf_counter()
    model, _, _ = build_model(data)
    t_model = time.perf_counter() - t0

    first: dict[str, float] = {}

    def progress(event: Progress) -> None:
        first.setdefault(event.stage, event.seconds)

    t0 = time.perf_counter()
    plan = optimizer.solve(scenario, settings, progress=progress, reference=reference).plan
    t_solve = time.perf_counter() - t0
    violations = optimizer.validate(scenario, plan, reference)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    stage_time = {s.name: s.seconds for s in plan.stages}
    stage_status = {s.name: s.status for s in plan.stages}
    row = {
        "date": dt.date.today().isoformat(),
        "scenario": scenario.name,
        "councils": len(scenario.councils), "sites": len(scenario.sites),
        "trainers": len(scenario.trainers), "slots": len(data.slots),
        "candidate_events": data.num_events, "variables": len(model.proto.variables),
        "constraints": len(model.proto.constraints),
        "workers": settings.workers or os.cpu_count(), "seed": settings.seed,
        "time_limit_s": settings.time_limit_s,
        "data_s": round(t_data, 2), "model_build_s": round(t_model, 2),
        "first_feasible_s": round(first.get(STAGE_COVERAGE, float("nan")), 2),
        "coverage_stage_s": round(stage_time.get("coverage", float("nan")), 2),
        "coverage_status": stage_status.get("coverage", ""),
        "cost_stage_s": round(stage_time.get("cost", float("nan")), 2),
        "cost_status": stage_status.get("cost", ""),
        "total_s": round(t_solve, 2), "status": plan.status,
        "covered_seats": plan.objective.covered_seats,
        "coverage_bound": plan.bound.covered_seats,
        "coverage_gap": plan.gap.covered_seats,
        "total_cost_eur": plan.objective.total_cost_eur,
        "cost_bound_eur": plan.bound.total_cost_eur, "cost_gap": plan.gap.total_cost_eur,
        "benders_cuts": sum(s.cuts for s in plan.stages),
        "peak_memory_mb": round(peak_mb), "violations": len(violations),
        "machine": machine(),
        "ortools": version("ortools"), "commit": commit(),
    }
    print_row(row)
    if not args.no_write:
        append_rows("solve.csv", [row], str(row["date"]))
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
