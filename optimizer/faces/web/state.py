"""What the server shares between all visitors: the workspace and the solve runner (set
once when the server starts), and what each visitor has chosen (their session storage)."""

from __future__ import annotations

from dataclasses import dataclass

from nicegui import app

from optimizer.api.runner import SolveRunner
from optimizer.api.workspace import Workspace


@dataclass
class Server:
    """The server's workspace and runner; ``password`` set when a login is required."""

    workspace: Workspace
    runner: SolveRunner
    password: str | None = None


_server: list[Server] = []


def start(server: Server) -> None:
    _server.clear()
    _server.append(server)


def server() -> Server:
    return _server[0]


def chosen_scenario() -> str | None:
    """The scenario this visitor works on (session storage), if it still exists."""
    name = app.storage.user.get("szenario")
    return name if name in server().workspace.scenario_names() else None


def choose_scenario(name: str) -> None:
    app.storage.user["szenario"] = name
    app.storage.user.pop("plan", None)


def chosen_plan() -> str | None:
    """The plan (folder label of the chosen scenario) this visitor looks at."""
    scenario, label = chosen_scenario(), app.storage.user.get("plan")
    if scenario is None or label is None:
        return None
    labels = [entry.label for entry in server().workspace.plans(scenario)]
    return label if label in labels else None


def choose_plan(label: str) -> None:
    app.storage.user["plan"] = label
