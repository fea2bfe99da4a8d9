"""Benchmark the infeasibility explanation on the default scenario (issue 5, item 4).

Asks every Regierungsbezirk for ``--share`` of its reachable seats (default 0.99, more than
the budget can pay in all of them together), solves, and prints how long the proof of
infeasibility and the search for a minimal set of conflicting groups took, and the groups.
Prints only (no report row): the explanation is not a number the issue asks for.

    python benchmarks/conflicts_default.py [--share S] [--time-limit S] [--workers N]
"""

from __future__ import annotations

import argparse
import sys
import time

from common import ROOT, commit, machine

import optimizer
from optimizer.domain.problem import build_problem  # (the reachable seats, printed)
from optimizer.io.reference import load_reference
from optimizer.report.conflicts_de import conflict_label_de


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--share", type=float, default=0.99)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    scenario = optimizer.load_scenario(ROOT / "scenarios" / "nrw-2025-26").scenario
    objective = scenario.objective.model_copy(update={"min_share_per_region": args.share})
    scenario = scenario.model_copy(update={"objective": objective})
    settings = optimizer.solve_options(scenario, time_limit_s=args.time_limit,
                                       workers=args.workers)
    data = build_problem(scenario, load_reference())
    t0 = time.perf_counter()
    plan = optimizer.solve(scenario, settings).plan
    total = time.perf_counter() - t0
    proof = plan.stages[0].seconds if plan.stages else float("nan")
    print(f"share {args.share}: status {plan.status}, infeasibility proved after "
          f"{proof:.1f} s of search, {total:.1f} s in all")
    print(f"reachable seats per region: {data.region_reachable}")
    print(f"conflicts ({plan.conflicts_proof}):")
    for conflict in plan.conflicts:
        print(f"  conflict group: {conflict_label_de(conflict, plan, scenario)}")
    print(f"{machine()}, commit {commit()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
