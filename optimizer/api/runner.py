"""Solves that run in their own process while a face stays responsive (the web app).

Each job is one :func:`optimizer.api.folders.solve_folder` in a spawned process (a clean
interpreter; OR-Tools objects never cross a process boundary: the request goes in, small
event records come out through a queue). Jobs run one at a time; a job asked for while
another runs waits in line and says so (``state == "queued"``). Cancelling a running job
sets an event the child watches and turns into its :class:`CancelToken`, so the solve ends
with its best plan so far, written as usual. A child that dies leaves no half-written plan
(the plan folder is written all-or-nothing) and its job says why.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import queue
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.synchronize import Event as ProcessEvent
from pathlib import Path
from typing import Any, Literal

from optimizer.api.events import Event, PlanWritten, SolveStarted
from optimizer.api.folders import SolveRequest, solve_folder
from optimizer.api.results import LocksBroken, OptionsInvalid, OutputUnwritable, PlanInvalid
from optimizer.domain.errors import InputError
from optimizer.domain.options import CancelToken, Progress

log = logging.getLogger(__name__)

JobState = Literal["queued", "running", "done", "failed", "cancelled"]
#: Seconds between two looks at a running child (queue and liveness).
POLL_S = 0.2


@dataclass
class Job:
    """One solve asked for: its state, what the solver reported, what came of it.

    ``points`` are (seconds, stage, best, bound) of the progress; ``outcome`` is set when
    the job ends: ``status`` (the plan's), ``target`` (the plan folder, if written),
    ``seats``, ``cost_eur``; ``problems`` the German lines of a refusal, ``error`` why the
    process failed.
    """

    job_id: int
    key: str
    request: SolveRequest
    state: JobState = "queued"
    points: list[tuple[float, str, float, float | None]] = field(default_factory=list)
    size: dict[str, Any] = field(default_factory=dict)
    outcome: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    error: str = ""
    started: float = 0.0
    ended: float = 0.0
    cancel_requested: bool = False


def _record(event: Event) -> dict[str, Any] | None:
    """A small, picklable record of an event for the parent (None: not needed there)."""
    if isinstance(event, Progress):
        return {"kind": "progress", "stage": event.stage, "best": event.objective,
                "bound": event.bound, "seconds": event.seconds}
    if isinstance(event, SolveStarted):
        size = event.size
        wanted = sum(c.interested_m1 + c.interested_m2 for c in event.scenario.councils)
        return {"kind": "started", "councils": size.councils, "sites": size.sites,
                "trainers": size.trainers, "events": size.events, "wanted": wanted,
                "time_limit_s": event.time_limit_s}
    if isinstance(event, PlanWritten):
        totals = event.result.plan.totals
        return {"kind": "written", "seats": totals.covered_seats,
                "cost_eur": totals.total_cost_eur, "target": str(event.target)}
    return None


def _child(request: SolveRequest, out: Any, stop: ProcessEvent) -> None:
    """The spawned process: solve, report events and the end through ``out``."""
    token = CancelToken()

    def watch() -> None:
        # Polled, not waited on: a process that ends while waiting on a multiprocessing
        # Event leaves a sleeper behind, and the parent's ``set()`` would block for good.
        while not stop.is_set():
            time.sleep(POLL_S)
        token.cancel()

    threading.Thread(target=watch, daemon=True).start()

    def send(event: Event) -> None:
        record = _record(event)
        if record is not None:
            out.put(record)

    try:
        run = solve_folder(request, send, token)
    except (InputError, LocksBroken, OptionsInvalid, PlanInvalid, OutputUnwritable) as exc:
        out.put({"kind": "refused", "problems": _refusal_lines(exc)})
        return
    plan = run.result.plan
    out.put({"kind": "end", "status": plan.status,
             "target": None if run.target is None else str(run.target),
             "seats": plan.totals.covered_seats, "cost_eur": plan.totals.total_cost_eur})


def _refusal_lines(exc: Exception) -> list[str]:
    """The lines of a refusal for the page (each problem's own German text)."""
    from optimizer.report.findings_de import lock_problem_de

    if isinstance(exc, InputError):
        return [str(p) for p in exc.problems]
    if isinstance(exc, LocksBroken):
        return [lock_problem_de(p) for p in exc.problems]
    if isinstance(exc, OptionsInvalid):
        return [f"{p.name}: {p.expected} (gefunden: {p.found!r})" for p in exc.problems]
    if isinstance(exc, PlanInvalid):
        return [f"{v.rule}: {v.message}" for v in exc.violations]
    return [str(exc)]


class SolveRunner:
    """Runs :class:`Job` s one after another in spawned processes (one worker thread)."""

    def __init__(self) -> None:
        self._jobs: dict[int, Job] = {}
        self._line: deque[int] = deque()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = False
        self._stop_child: ProcessEvent | None = None
        self._child: multiprocessing.process.BaseProcess | None = None
        self._context = multiprocessing.get_context("spawn")
        self._thread = threading.Thread(target=self._work, name="qualiplan-solves",
                                        daemon=True)
        self._thread.start()

    def submit(self, key: str, request: SolveRequest) -> Job:
        """Line up a solve; ``key`` names what it solves (the scenario)."""
        with self._lock:
            job = Job(next(self._ids), key, request)
            self._jobs[job.job_id] = job
            self._line.append(job.job_id)
        self._wake.set()
        return job

    def job(self, job_id: int) -> Job | None:
        return self._jobs.get(job_id)

    def jobs(self) -> list[Job]:
        return list(self._jobs.values())

    def ahead_of(self, job: Job) -> int:
        """How many jobs run or wait before ``job``."""
        with self._lock:
            running = any(j.state == "running" for j in self._jobs.values())
            waiting = list(self._line).index(job.job_id) if job.job_id in self._line else 0
        return waiting + (1 if running and job.state == "queued" else 0)

    def cancel(self, job: Job) -> None:
        """A queued job is dropped; a running one ends with its best plan so far."""
        with self._lock:
            job.cancel_requested = True
            if job.state == "queued" and job.job_id in self._line:
                self._line.remove(job.job_id)
                job.state, job.ended = "cancelled", time.monotonic()
                return
            stop = self._stop_child
        if stop is not None and job.state == "running":
            stop.set()

    def shutdown(self) -> None:
        """Cancel what runs, drop what waits, end the worker thread."""
        with self._lock:
            self._stopping = True
            for job_id in self._line:
                self._jobs[job_id].state = "cancelled"
            self._line.clear()
            stop = self._stop_child
        if stop is not None:
            stop.set()
        self._wake.set()
        self._thread.join(timeout=30)
        child = self._child
        if child is not None and child.is_alive():  # did not end in time: no waiting at exit
            child.kill()
            child.join()

    def _work(self) -> None:
        while True:
            self._wake.wait()
            with self._lock:
                if self._stopping:
                    return
                if not self._line:
                    self._wake.clear()
                    continue
                job = self._jobs[self._line.popleft()]
                job.state, job.started = "running", time.monotonic()
                self._stop_child = self._context.Event()
                stop = self._stop_child
            self._run(job, stop)
            with self._lock:
                self._stop_child = None

    def _run(self, job: Job, stop: ProcessEvent) -> None:
        out = self._context.Queue()
        # daemon: ends with the server (a solve never starts processes of its own)
        process = self._context.Process(target=_child, args=(job.request, out, stop),
                                        name=f"qualiplan-solve-{job.job_id}", daemon=True)
        self._child = process
        process.start()
        ended = False
        while not ended:
            try:
                ended = self._take(job, out.get(timeout=POLL_S))
            except queue.Empty:
                if not process.is_alive():
                    break
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
            process.join()
        out.close()
        job.ended = time.monotonic()
        if not ended:
            job.state = "failed"
            job.error = (f"Der Rechenprozess wurde unerwartet beendet (Code {process.exitcode})"
                         "; der vorige Plan ist unverändert.")
        elif job.state == "running":
            job.state = "cancelled" if job.cancel_requested else "done"

    def _take(self, job: Job, record: dict[str, Any]) -> bool:
        """Apply one record from the child; True when it was the last."""
        kind = record.pop("kind")
        if kind == "progress":
            job.points.append((record["seconds"], record["stage"], record["best"],
                               record["bound"]))
        elif kind == "started":
            job.size = record
        elif kind == "written":
            job.outcome.update(record)
        elif kind == "refused":
            job.problems, job.state = record["problems"], "failed"
            return True
        elif kind == "end":
            job.outcome.update(record)
            return True
        return False


def plan_target(job: Job) -> Path | None:
    """The plan folder a finished job wrote (None without one)."""
    target = job.outcome.get("target")
    return Path(target) if target else None
