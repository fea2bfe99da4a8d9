"""Benchmark why-not explanations and alternatives on a solved plan folder.

Prints the time of the cheap reasons (no solve), of the forced solves (``--max`` of them,
``--jobs`` processes, ``--time-limit`` deterministic seconds each) with their results, and,
with ``--alternatives K``, the time and result of the alternative search; appends one row to
``reports/benchmarks/<date>/explain.csv`` with the machine and commit.

    python benchmarks/explain_default.py PLAN_DIR [--max N] [--time-limit S] [--jobs J]
                                         [--alternatives K] [--alt-time-limit S] [--no-write]

PLAN_DIR is a folder written by ``qualiplan solve`` (it holds the scenario copy), e.g. of
the shipped NRW scenario.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import Counter
from pathlib import Path

from common import append_rows, commit, machine, print_row

import optimizer
from optimizer.domain.options import AlternativesOptions, ExplainOptions, SolveOptions
from optimizer.domain.problem import build_problem  # (the cheap reasons, timed alone)
from optimizer.insight.explain import classify
from optimizer.io.reference import load_reference


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("plan_dir", type=Path)
    parser.add_argument("--max", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--alternatives", type=int, default=0)
    parser.add_argument("--alt-time-limit", type=float, default=30.0)
    parser.add_argument("--no-write", action="store_true", help="only print")
    args = parser.parse_args()

    plan, scenario = optimizer.read_plan_and_scenario(args.plan_dir)
    reference = load_reference()
    data = build_problem(scenario, reference)

    t0 = time.perf_counter()
    shortfalls = classify(data, plan, reference)
    t_cheap = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = optimizer.explain(scenario, plan, ExplainOptions(
        time_limit_s=args.time_limit, max_solves=args.max, jobs=args.jobs), reference)
    t_explain = time.perf_counter() - t0
    print(f"plan: {plan.totals.covered_seats} seats, {plan.totals.total_cost_eur} EUR, "
          f"{plan.status}; shortfalls: {len(shortfalls)}")
    for ex in report.explanations:
        c = ex.consequence
        if c is None:
            continue
        print(f"  {ex.shortfall.council_id} M{ex.shortfall.module}: {ex.reason}, forced "
              f"{c.status}, seats {c.delta_seats} (bound {c.delta_seats_best}), "
              f"cost {c.delta_cost_eur}, losers {len(c.losers)}, "
              f"regions {', '.join(c.regions) or 'NRW'}")
    violations = sum(
        len(optimizer.validate(scenario, ex.consequence.plan, reference))
        for ex in report.explanations if ex.consequence is not None and ex.consequence.plan
    )
    row: dict[str, object] = {
        "date": dt.date.today().isoformat(), "scenario": scenario.name,
        "plan_seats": plan.totals.covered_seats, "shortfalls": len(shortfalls),
        "reasons": " ".join(f"{r}:{n}" for r, n in
                            Counter(ex.reason for ex in report.explanations).items()),
        "cheap_reasons_s": round(t_cheap, 2), "max": args.max, "jobs": args.jobs,
        "time_limit_s": args.time_limit, "forced_solves": report.solved,
        "explain_s": round(t_explain, 1), "forced_violations": violations,
    }
    if args.alternatives:
        settings = SolveOptions(time_limit_s=args.alt_time_limit, workers=1,
                                seed=scenario.solver.seed)
        t0 = time.perf_counter()
        result = optimizer.alternatives(scenario, plan,
                                        AlternativesOptions(count=args.alternatives), settings,
                                        reference=reference)
        row.update({
            "alternatives": len(result.plans), "alternatives_stopped": result.stopped,
            "alternatives_s": round(time.perf_counter() - t0, 1),
            "alternative_costs_eur": " ".join(str(p.totals.total_cost_eur)
                                              for p in result.plans),
            "alternative_violations": sum(len(optimizer.validate(scenario, p, reference))
                                          for p in result.plans),
        })
    row.update({"machine": machine(), "commit": commit()})
    print_row(row)
    if not args.no_write:
        append_rows("explain.csv", [row], str(row["date"]))
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
