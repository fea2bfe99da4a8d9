"""Solves in their own process (:mod:`optimizer.api.runner`): one at a time, the next one
waiting and saying so, cancels, refusals and progress reported back."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from optimizer.api.folders import SolveRequest
from optimizer.api.runner import Job, SolveRunner, plan_target

from testkit.tiny import WriteScenarioDir

DEFAULT = Path(__file__).resolve().parents[2] / "scenarios" / "nrw-2025-26"


def _wait(job: Job, seconds: float) -> None:
    ends = time.monotonic() + seconds
    while job.state in ("queued", "running") and time.monotonic() < ends:
        time.sleep(0.1)


@pytest.fixture
def runner() -> SolveRunner:
    running = SolveRunner()
    yield running
    running.shutdown()


def test_jobs_run_in_turn_and_the_waiting_one_says_so(
    runner: SolveRunner, write_scenario_dir: WriteScenarioDir, tmp_path: Path
) -> None:
    folder = write_scenario_dir()
    first = runner.submit("a", SolveRequest(DEFAULT, tmp_path / "a", time_limit_s=60,
                                            report=False))
    second = runner.submit("b", SolveRequest(folder, tmp_path / "b", time_limit_s=10,
                                             workers=1, report=False))
    ends = time.monotonic() + 30
    while first.state == "queued" and time.monotonic() < ends:
        time.sleep(0.1)
    assert (first.state, second.state, runner.ahead_of(second)) == ("running", "queued", 1)
    ends = time.monotonic() + 60
    while not first.points and time.monotonic() < ends:
        time.sleep(0.1)
    runner.cancel(first)  # a 60-s solve with a first plan ends with its best plan so far
    _wait(first, 30)
    _wait(second, 60)
    assert first.state == "cancelled" and first.points
    assert first.outcome["status"] == "FEASIBLE" and plan_target(first) == tmp_path / "a"
    assert second.state == "done" and second.outcome["status"] == "OPTIMAL"
    target = plan_target(second)
    assert target == tmp_path / "b" and (target / "plan.json").is_file()
    assert second.size["councils"] == 3


def test_a_queued_job_can_be_dropped(runner: SolveRunner, tmp_path: Path) -> None:
    first = runner.submit("a", SolveRequest(DEFAULT, tmp_path / "a", time_limit_s=30,
                                            report=False))
    second = runner.submit("a", SolveRequest(DEFAULT, tmp_path / "b", time_limit_s=30,
                                             report=False))
    runner.cancel(second)
    assert second.state == "cancelled"
    runner.cancel(first)
    _wait(first, 40)
    assert not (tmp_path / "b").exists()


def test_bad_input_ends_the_job_with_its_problems(runner: SolveRunner, tmp_path: Path
                                                  ) -> None:
    job = runner.submit("x", SolveRequest(tmp_path / "fehlt", tmp_path / "out"))
    _wait(job, 60)
    assert job.state == "failed" and job.problems and not job.error
    assert "fehlt" in job.problems[0]
    assert not (tmp_path / "out").exists()
