"""Helpers of the browser tests: a ``qualiplan serve`` process on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

#: Chromium as the probe of this machine starts it (no sandbox as root, no network chatter).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
START_LIMIT_S = 20.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """A running ``qualiplan serve``: its address, workspace and the seconds it needed."""

    url: str
    workspace: Path
    process: subprocess.Popen[bytes]
    started_s: float


def server_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a server process: NiceGUI treats a process that sees pytest's
    variable as its own test server (fixed port), so the real server must not see it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    return {**env, **(extra or {})}


def start_server(workspace: Path, *args: str, env: dict[str, str] | None = None) -> Server:
    """``qualiplan serve`` on a free port, started in the workspace's parent folder; waits until
    it answers (at most 20 s)."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "optimizer", "serve", "--workspace", str(workspace),
         "--port", str(port), *args],
        env=server_env(env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        cwd=workspace.parent)
    url = f"http://127.0.0.1:{port}"
    while time.perf_counter() - started < START_LIMIT_S:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode() if process.stderr else "")
        try:
            with urllib.request.urlopen(url + "/login", timeout=1):
                return Server(url, workspace, process, time.perf_counter() - started)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"server did not answer within {START_LIMIT_S} s")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
