"""Compare the CP-SAT planner with its baselines on generated instances (issue 6, items 2–3).

For every size (``nrw`` = the shipped default scenario; a number = ``scale`` × NRW from
:func:`optimizer.bench.instances.generate_instance`), every seed and every method it runs one
subprocess (memory and isolation: peak memory is the child's ``ru_maxrss``, which counts the
C++ solvers) and records

* ``data_s`` (scenario → problem data), ``build_s`` (model build), time to the first
  non-empty plan (``first_feasible_s``), coverage and gap at every time mark, time to proven
  optimal coverage (``coverage_optimal_s``) and to the proven lexicographic optimum
  (``optimal_s``, CP-SAT only), covered seats, total cost, the method's own bound, peak
  memory and the validator's verdict on the final plan.

Methods (see ``reports/benchmarks/README.md`` for what exactly is compared):

* ``greedy``: :func:`optimizer.solve.greedy.greedy_plan` (a planner's rule of thumb), dated.
* ``lp``: upper bounds on coverage: the master model's LP relaxation with the trainer-count
  cut (GLOP) and the configuration LP (column generation, GLOP); no plan.
* ``highs``: the same date-free master as a MIP, HiGHS through OR-Tools MathOpt, coverage
  stage only, one run with the largest mark as time limit; its final solution is dated.
* ``cpsat``: :func:`optimizer.solve.pipeline.solve` with its default settings, one run with
  the largest mark as time limit (the solver splits it between its stages itself).

Coverage at a mark is the best coverage the method had found by then (CP-SAT and HiGHS:
their incumbent of the date-free master; at the largest mark: the final result). Gaps are
``(best bound − coverage) / best bound`` against the best valid bound of the instance (the
least of all methods' bounds). Results go to ``reports/benchmarks/<date>/`` (or ``--out``):
``compare-<time>.csv`` (one row per instance and method), ``traces-<time>.csv``
(coverage and bound over time), ``compare-<time>.md`` (tables, the issue's targets, machine,
commit, OR-Tools version and settings) and two plots, ``gap-<time>.png`` (gap over time) and
``scaling-<time>.png`` (gap and times over the size). Nothing is timed in tests; the CI smoke
test runs ``--smoke``.

    python benchmarks/compare_methods.py [--sizes nrw,0.5,1,2,4] [--marks 10,60,300]
        [--methods greedy,lp,highs,cpsat] [--seeds 0] [--workers 0] [--out DIR] [--smoke]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import logging
import math
import resource
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the checkout's package, also in the subprocesses
    sys.path.insert(0, str(ROOT))

from common import commit, machine_details  # noqa: E402

METHODS = ("greedy", "lp", "highs", "cpsat")
DEFAULT_SIZES = "nrw,0.5,1,2,4"
DEFAULT_MARKS = "10,60,300"
SMOKE_SIZES, SMOKE_MARKS = "0.5", "2,5"
NRW = "nrw"  # the shipped default scenario
LP_TIME_LIMIT_S = 120.0  # configuration LP (column generation)
#: The issue's "done means" targets, checked (not asserted) in the Markdown report.
TARGETS = {"optimal_s": 30.0, "first_feasible_s": 2.0, "build_s": 3.0, "memory_mb": 1024.0,
           "gap_4x": 0.01, "greedy_factor": 1.10}

log = logging.getLogger("compare_methods")


# --- one method on one instance (runs in a subprocess) ----------------------------------------


def scale_of(size: str) -> float | None:
    """The scale of a generated size ("0.5" -> 0.5); ``None`` for ``nrw`` or a folder."""
    try:
        return float(size)
    except ValueError:
        return None


def _instance(size: str, seed: int) -> tuple[Any, Any]:
    """Scenario and reference: the shipped default (``nrw``), a generated instance (a
    number), or a scenario folder (a path, with its ``gazetteer/`` if it has one)."""
    from optimizer.bench.instance_io import read_instance
    from optimizer.bench.instances import generate_instance

    if size == NRW:
        return read_instance(ROOT / "scenarios" / "nrw-2025-26")
    scale = scale_of(size)
    if scale is None:
        return read_instance(size)
    instance = generate_instance(scale, seed)
    return instance.scenario, instance.reference


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_one(method: str, size: str, seed: int, marks: list[float], workers: int) -> dict[str, Any]:
    """Run ``method`` on one instance; everything the parent needs, JSON-ready."""
    from optimizer.domain.problem import build_problem
    from optimizer.validate import validate_plan

    t0 = time.perf_counter()
    scenario, reference = _instance(size, seed)
    gen_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    data = build_problem(scenario, reference)
    out: dict[str, Any] = {
        "method": method, "size": size, "seed": seed, "instance": scenario.name,
        "councils": len(scenario.councils), "sites": len(scenario.sites),
        "trainers": len(scenario.trainers), "candidate_events": data.num_events,
        "budget_eur": scenario.budget_eur, "gen_s": round(gen_s, 3),
        "data_s": round(time.perf_counter() - t0, 3), "trace": [],
    }
    limit = max(marks)
    plan = None
    if method == "greedy":
        from optimizer.bench.baselines import greedy_as_plan
        from optimizer.solve.greedy import greedy_plan

        t0 = time.perf_counter()
        events = greedy_plan(data)
        seconds = time.perf_counter() - t0
        plan = greedy_as_plan(data, events, seconds)
        out.update(status="FEASIBLE", seconds=round(seconds, 3), build_s=None,
                   trace=[[seconds, plan.objective.covered_seats, None]])
    elif method == "lp":
        from optimizer.solve.bound import ConfigurationLP, plain_lp_bound

        t0 = time.perf_counter()
        master = plain_lp_bound(data)
        out["master_lp_s"] = round(time.perf_counter() - t0, 3)
        out["master_lp_bound"] = round(master, 4)
        bounds = [math.floor(master + 1e-6)]
        if data.scenario.rules.max_events_per_council_module == 1 and data.num_events:
            report = ConfigurationLP(data).coverage(time_limit_s=LP_TIME_LIMIT_S)
            out["config_lp_s"] = round(report.seconds, 3)
            out["config_lp_bound"] = report.bound
            bounds.append(report.bound)
        best = min(bounds)
        out.update(status="BOUND", bound=int(best) if math.isfinite(best) else None,
                   build_s=None,
                   seconds=round(out["master_lp_s"] + out.get("config_lp_s", 0.0), 3))
    elif method == "highs":
        from optimizer.bench.baselines import highs_coverage

        trace: list[list[float | None]] = []
        result = highs_coverage(data, limit, seed=seed,
                                progress=lambda t, c, b: trace.append([t, c, b]))
        plan = result.plan
        final = result.build_seconds + result.seconds
        trace.append([final, result.coverage, result.bound])
        out.update(status=result.termination, build_s=round(result.build_seconds, 3),
                   bound=None if result.bound is None else math.floor(result.bound + 1e-6),
                   dated=result.dated, trace=trace, seconds=round(final, 3),
                   coverage_optimal_s=round(final, 3) if result.optimal else None)
        if plan is None and result.coverage is not None:
            out["master_coverage"] = round(result.coverage)
    elif method == "cpsat":
        import optimizer
        from optimizer.domain.options import STAGE_COVERAGE, Progress
        from optimizer.model.cpmodel import build_model

        t0 = time.perf_counter()
        build_model(data)
        out["build_s"] = round(time.perf_counter() - t0, 3)
        trace = []

        def progress(event: Progress) -> None:
            if event.stage == STAGE_COVERAGE:
                bound = event.bound if event.bound is not None else event.objective
                trace.append([event.seconds, event.objective, bound])

        settings = optimizer.SolveOptions(time_limit_s=limit, workers=workers, seed=seed)
        t0 = time.perf_counter()
        plan = optimizer.solve(scenario, settings, progress=progress, reference=reference).plan
        seconds = time.perf_counter() - t0
        coverage_stage = plan.stages[0] if plan.stages else None
        if coverage_stage is not None and coverage_stage.status == "OPTIMAL":
            closed = [t for t, c, b in trace if math.floor(b + 1e-6) <= round(c)]
            out["coverage_optimal_s"] = round(closed[0] if closed else seconds, 3)
        out.update(status=plan.status, bound=plan.bound.covered_seats, seconds=round(seconds, 3),
                   optimal_s=round(seconds, 3) if plan.status == "OPTIMAL" else None,
                   trace=trace, workers=plan.workers)
    else:
        raise ValueError(f"unknown method {method}")
    if plan is not None:
        out.update(covered_seats=plan.objective.covered_seats,
                   total_cost_eur=plan.objective.total_cost_eur,
                   violations=len(validate_plan(scenario, plan, reference)))
    positive = [t for t, c, _ in out["trace"] if c is not None and c > 0.5]
    out["first_feasible_s"] = round(positive[0], 3) if positive else None
    out["peak_memory_mb"] = _peak_mb()
    return out


# --- the parent: runs, summary, files ---------------------------------------------------------


def spawn(method: str, size: str, seed: int, marks: list[float], workers: int) -> dict[str, Any]:
    """Run one method on one instance in a fresh Python process; its JSON result."""
    command = [sys.executable, str(Path(__file__).resolve()), "--one", method, "--sizes", size,
               "--seeds", str(seed), "--marks", ",".join(f"{m:g}" for m in marks),
               "--workers", str(workers)]
    timeout = 4 * max(marks) + 900
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        return {"method": method, "size": size, "seed": seed, "status": "TIMEOUT", "trace": []}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = done.stderr.strip().splitlines()[-5:]
        log.error("%s on %s (seed %d) failed: %s", method, size, seed, " | ".join(tail))
        return {"method": method, "size": size, "seed": seed, "status": "ERROR", "trace": []}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def value_at(trace: list[list[Any]], mark: float, index: int, last: bool) -> float | None:
    """The last non-empty value (1 coverage, 2 bound) at or before ``mark`` (or the last)."""
    points = [p[index] for p in trace if p[index] is not None and (last or p[0] <= mark)]
    return points[-1] if points else None


def summarise(results: list[dict[str, Any]], marks: list[float]) -> list[dict[str, Any]]:
    """Rows with coverage and gap at each mark against the instance's best valid bound."""
    best: dict[tuple[str, int], int | float] = {}
    for r in results:
        bound = r.get("bound")
        if bound is not None and math.isfinite(bound):
            key = (r["size"], r["seed"])
            best[key] = min(best.get(key, math.inf), int(bound))
    rows = []
    for r in results:
        best_bound = best.get((r["size"], r["seed"]))
        row = {k: v for k, v in r.items() if k != "trace"}
        row["best_bound"] = best_bound
        for i, mark in enumerate(marks):
            coverage = None if r["method"] == "lp" else value_at(
                r["trace"], mark, 1, last=i == len(marks) - 1)
            if coverage is not None:
                coverage = round(coverage)
            row[f"cov_{mark:g}s"] = coverage
            row[f"gap_{mark:g}s"] = (
                None if coverage is None or not best_bound
                else round((best_bound - coverage) / best_bound, 6))
        covered = r.get("covered_seats")
        row["gap"] = (None if covered is None or not best_bound
                      else round((best_bound - covered) / best_bound, 6))
        rows.append(row)
    return rows


COLUMNS = ["date", "instance", "size", "seed", "councils", "sites", "trainers",
           "candidate_events", "budget_eur", "method", "status", "gen_s", "data_s", "build_s",
           "first_feasible_s", "MARKS", "coverage_optimal_s", "optimal_s", "seconds",
           "covered_seats", "total_cost_eur", "bound", "best_bound", "gap", "peak_memory_mb",
           "violations", "dated", "master_coverage", "master_lp_bound", "master_lp_s",
           "config_lp_bound", "config_lp_s", "time_limit_s", "workers"]


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def _pct(value: Any) -> str:
    return "–" if value is None else f"{100 * value:.2f} %"


def target_checks(rows: list[dict[str, Any]], marks: list[float]) -> list[tuple[str, str, str]]:
    """The issue's "done means", as (target, measured, verdict) — reported, never asserted."""
    def same(size: str, wanted: str) -> bool:
        scale = scale_of(size)
        return size == wanted if scale is None else scale == scale_of(wanted)

    def find(size: str, method: str) -> dict[str, Any] | None:
        """The first seed's row (targets are read off one run, as the issue states them)."""
        return next((r for r in rows if same(r["size"], size) and r["method"] == method
                     and r["seed"] == rows[0]["seed"]), None)

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else "PASS" if ok else "FAIL"

    checks = []
    nrw, greedy, highs = find(NRW, "cpsat"), find(NRW, "greedy"), find(NRW, "highs")
    for label, key, limit in (("NRW default proven optimal ≤ 30 s", "optimal_s", "optimal_s"),
                              ("NRW default first feasible ≤ 2 s", "first_feasible_s",
                               "first_feasible_s"),
                              ("NRW default model build ≤ 3 s", "build_s", "build_s"),
                              ("NRW default memory ≤ 1 GB", "peak_memory_mb", "memory_mb")):
        value = None if nrw is None else nrw.get(key)
        ok = None if nrw is None else value is not None and value <= TARGETS[limit]
        text = _fmt(value, 2)
        if key == "build_s" and nrw is not None:
            text += f" (problem data before it: {_fmt(nrw.get('data_s'), 2)})"
        checks.append((label, text, verdict(ok)))
    big = find("4", "cpsat")
    mark = 300.0 if 300.0 in marks else max(marks)
    gap = None if big is None else big.get(f"gap_{mark:g}s")
    checks.append((f"4× NRW coverage gap ≤ 1 % at {mark:g} s", _pct(gap),
                   verdict(None if big is None else gap is not None and gap <= TARGETS["gap_4x"])))
    ratio = None
    if nrw and greedy and nrw.get("covered_seats") and greedy.get("covered_seats"):
        ratio = nrw["covered_seats"] / greedy["covered_seats"]
    checks.append(("NRW: CP-SAT seats ≥ 1.10 × greedy (same budget)", _fmt(ratio, 3),
                   verdict(None if ratio is None else ratio >= TARGETS["greedy_factor"])))
    if nrw and highs:
        pairs = [(nrw.get(f"cov_{m:g}s"), highs.get(f"cov_{m:g}s")) for m in marks]
        # no incumbent yet counts as the empty plan (always feasible): 0 seats
        ok = all((c or 0) >= (h or 0) for c, h in pairs)
        text = ", ".join(f"{m:g}s {_fmt(c)}/{_fmt(h)}" for m, (c, h) in zip(marks, pairs,
                                                                             strict=True))
        checks.append(("NRW: CP-SAT ≥ HiGHS coverage at every mark", text, verdict(ok)))
    else:
        checks.append(("NRW: CP-SAT ≥ HiGHS coverage at every mark", "–", "n/a"))
    return checks


def markdown(rows: list[dict[str, Any]], marks: list[float], meta: dict[str, Any]) -> str:
    lines = [f"# Method comparison {meta['date']} {meta['time']}", "",
             f"- command: `{meta['command']}`",
             f"- machine: {meta['cpu']}, {meta['cores']} cores, {meta['ram_gb']} GB RAM, "
             f"Python {meta['python']}",
             f"- commit {meta['commit']}, OR-Tools {meta['ortools']}",
             f"- settings: marks {', '.join(f'{m:g} s' for m in marks)}; CP-SAT workers "
             f"{meta['workers']} (0 = all cores), seeds {meta['seeds']}; HiGHS defaults; "
             f"configuration LP ≤ {LP_TIME_LIMIT_S:g} s", "",
             "Coverage (gap to the best valid bound) at each mark; time until coverage was "
             "proven optimal, and (CP-SAT) until the lexicographic optimum (coverage, then "
             "cost) was proven; seats and cost of the final plan; `valid`: the validator's "
             "verdict on the final plan.", ""]
    header = (["size", "method", "status", "data s", "build s", "run s", "first feasible s"]
              + [f"{m:g} s" for m in marks]
              + ["coverage proven s", "optimum s", "seats", "cost €", "bound", "best bound",
                 "peak MB", "valid"])
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        cells = [f"{r['size']} ({r.get('councils', '?')} councils)", r["method"],
                 str(r.get("status", "")), _fmt(r.get("data_s"), 2), _fmt(r.get("build_s"), 2),
                 _fmt(r.get("seconds"), 1), _fmt(r.get("first_feasible_s"), 2)]
        for m in marks:
            cov = r.get(f"cov_{m:g}s")
            cells.append("–" if cov is None else f"{cov} ({_pct(r.get(f'gap_{m:g}s'))})")
        cells += [_fmt(r.get("coverage_optimal_s"), 1), _fmt(r.get("optimal_s"), 1),
                  _fmt(r.get("covered_seats")), _fmt(r.get("total_cost_eur"), 0),
                  _fmt(r.get("bound")), _fmt(r.get("best_bound")),
                  _fmt(r.get("peak_memory_mb"), 0),
                  "–" if r.get("violations") is None else
                  ("yes" if r["violations"] == 0 else f"{r['violations']} violations")]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "## The issue's targets (measured here, not asserted)", "",
              "| target | measured | verdict |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in target_checks(rows, marks)]
    lines += ["", "Timings on a shared or loaded machine are not comparable; see "
              "`reports/benchmarks/README.md` for what each method is.", ""]
    return "\n".join(lines)


def _legend(ax: Any) -> None:
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8)


def plot(rows: list[dict[str, Any]], results: list[dict[str, Any]], marks: list[float],
         gap_path: Path, scaling_path: Path) -> None:
    """Gap over time per instance; gap at the marks and times over the size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    instances = list(dict.fromkeys((r["size"], r["seed"]) for r in results))
    best = {(r["size"], r["seed"]): r.get("best_bound") for r in rows}
    colours = {"cpsat": "tab:blue", "highs": "tab:orange", "greedy": "tab:green"}
    fig, axes = plt.subplots(1, len(instances), figsize=(4.5 * len(instances), 3.6),
                             squeeze=False)
    for ax, key in zip(axes[0], instances, strict=True):
        bound = best.get(key)
        for r in results:
            if (r["size"], r["seed"]) != key or r["method"] not in colours or not bound:
                continue
            points = [(max(t, 1e-2), 100 * (bound - c) / bound) for t, c, _ in r["trace"]
                      if c is not None]
            if not points:
                continue
            xs, ys = zip(*points, strict=True)
            if r["method"] == "greedy":  # its plan, from when it is ready
                ax.plot([xs[0], max(marks)], [ys[0], ys[0]], "o--", color=colours["greedy"],
                        label="greedy", markevery=[0])
            else:
                ax.step([*xs, max(marks)], [*ys, ys[-1]], where="post",
                        color=colours[r["method"]], label=r["method"])
        for m in marks:
            ax.axvline(m, color="grey", linestyle=":", linewidth=0.8)
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(matplotlib.ticker.FormatStrFormatter("%g"))
        ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        ax.set_ylim(bottom=0)
        ax.set_title(f"size {key[0]}, seed {key[1]}")
        ax.set_xlabel("seconds")
        ax.set_ylabel("gap to best bound (%)")
        _legend(ax)
    fig.tight_layout()
    fig.savefig(gap_path, dpi=110)
    plt.close(fig)

    numeric = [r for r in rows if scale_of(r["size"]) is not None]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    for method, colour in colours.items():
        pts = sorted((scale_of(r["size"]) or 0.0, r.get(f"gap_{max(marks):g}s")) for r in numeric
                     if r["method"] == method and r.get(f"gap_{max(marks):g}s") is not None)
        if pts:
            left.plot(*zip(*[(s, 100 * g) for s, g in pts], strict=True), "o-", color=colour,
                      label=method)
    left.set_xlabel("size (× NRW)")
    left.set_ylabel(f"gap at {max(marks):g} s (%)")
    _legend(left)
    for key, style in (("data_s", "s--"), ("build_s", "^-"), ("first_feasible_s", "o-"),
                       ("coverage_optimal_s", "d-")):
        pts = sorted((scale_of(r["size"]) or 0.0, r[key]) for r in numeric
                     if r["method"] == "cpsat" and r.get(key) is not None)
        if pts:
            right.plot(*zip(*pts, strict=True), style, label=f"CP-SAT {key}")
    right.set_xlabel("size (× NRW)")
    right.set_ylabel("seconds")
    right.set_yscale("log")
    _legend(right)
    fig.tight_layout()
    fig.savefig(scaling_path, dpi=110)
    plt.close(fig)


def write_outputs(rows: list[dict[str, Any]], results: list[dict[str, Any]],
                  marks: list[float], meta: dict[str, Any], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    stamp = meta["time"].replace(":", "")
    paths = [out / f"compare-{stamp}.csv", out / f"traces-{stamp}.csv",
             out / f"compare-{stamp}.md", out / f"gap-{stamp}.png", out / f"scaling-{stamp}.png"]
    columns = []
    for c in COLUMNS:
        columns += ([x for m in marks for x in (f"cov_{m:g}s", f"gap_{m:g}s")]
                    if c == "MARKS" else [c])
    columns += ["machine", "commit", "ortools"]
    machine = f"{meta['cpu']}, {meta['cores']} cores, {meta['ram_gb']} GB, Python {meta['python']}"
    with paths[0].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            writer.writerow({**r, "date": meta["date"], "time_limit_s": max(marks),
                             "workers": r.get("workers", meta["workers"]), "machine": machine,
                             "commit": meta["commit"], "ortools": meta["ortools"]})
    with paths[1].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["size", "seed", "method", "seconds", "coverage", "bound"])
        for r in results:
            for t, c, b in r.get("trace", []):
                writer.writerow([r["size"], r["seed"], r["method"], round(t, 3),
                                 "" if c is None else round(c, 3),
                                 "" if b is None else round(b, 3)])
    paths[2].write_text(markdown(rows, marks, meta), encoding="utf-8")
    plot(rows, results, marks, paths[3], paths[4])
    return paths


def _floats(text: str) -> list[float]:
    return [float(x) for x in text.split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=None,
                        help=f"comma-separated: '{NRW}' (shipped scenario), a scale, or a "
                             f"scenario folder (default {DEFAULT_SIZES})")
    parser.add_argument("--marks", default=None, help=f"seconds (default {DEFAULT_MARKS})")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--seeds", default="0", help="instance and solver seeds, e.g. 0,1")
    parser.add_argument("--workers", type=int, default=0, help="CP-SAT workers (0 = all cores)")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder (default reports/benchmarks/<date>; --smoke: a temp dir)")
    parser.add_argument("--smoke", action="store_true",
                        help=f"sizes {SMOKE_SIZES}, marks {SMOKE_MARKS} (CI)")
    parser.add_argument("--one", choices=METHODS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)
    sizes = (args.sizes or (SMOKE_SIZES if args.smoke else DEFAULT_SIZES)).split(",")
    marks = sorted(_floats(args.marks or (SMOKE_MARKS if args.smoke else DEFAULT_MARKS)))
    seeds = [int(s) for s in args.seeds.split(",")]
    methods = [m for m in args.methods.split(",") if m]
    unknown = [m for m in methods if m not in METHODS]
    if unknown or not marks or any(m <= 0 for m in marks):
        parser.error(f"methods from {', '.join(METHODS)}; marks positive seconds")

    if args.one:  # child: one method on one instance, JSON on stdout
        print(json.dumps(run_one(args.one, sizes[0], seeds[0], marks, args.workers)))
        return 0

    now = dt.datetime.now()
    meta = {"date": now.date().isoformat(), "time": now.strftime("%H:%M:%S"),
            "command": " ".join(["python", "benchmarks/compare_methods.py",
                                 *(sys.argv[1:] if argv is None else argv)]),
            **machine_details(), "commit": commit(), "ortools": version("ortools"),
            "workers": args.workers, "seeds": ",".join(map(str, seeds))}
    out = args.out or (Path(tempfile.mkdtemp(prefix="qualiplan-smoke-")) if args.smoke
                       else ROOT / "reports" / "benchmarks" / meta["date"])
    results = []
    for size in sizes:
        for seed in seeds:
            for method in methods:
                t0 = time.perf_counter()
                result = spawn(method, size, seed, marks, args.workers)
                results.append(result)
                log.info("size %s seed %d %-6s %-9s seats %s bound %s (%.0f s)", size, seed,
                         method, result.get("status"), result.get("covered_seats", "–"),
                         result.get("bound", "–"), time.perf_counter() - t0)
    rows = summarise(results, marks)
    paths = write_outputs(rows, results, marks, meta, out)
    print(paths[2].read_text(encoding="utf-8"))
    for path in paths:
        print(f"wrote {path}")
    failed = [r for r in results if r.get("status") in ("ERROR", "TIMEOUT")
              or (r.get("violations") or 0) > 0]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
