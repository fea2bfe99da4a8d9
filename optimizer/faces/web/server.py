"""Start the web app: the workspace, the solve runner, the pages, the login when a password
is set; on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import multiprocessing
import secrets
import shutil
import tempfile
from pathlib import Path

from nicegui import app, ui
from nicegui.storage import Storage

from optimizer.api.runner import SolveRunner
from optimizer.api.workspace import Workspace
from optimizer.faces.web import state

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def serve(workspace: Path, host: str = "127.0.0.1", port: int = 8080,
          password: str | None = None) -> None:
    """Run the web app until stopped (Ctrl-C); solves run in spawned processes."""
    from optimizer.faces.web import auth, pages  # noqa: F401 - importing registers the pages

    multiprocessing.set_start_method("spawn", force=True)
    runner = SolveRunner()
    state.start(state.Server(Workspace(workspace), runner, password))
    if password:
        app.add_middleware(auth.LoginRequired)
    app.on_shutdown(runner.shutdown)
    _sessions_in_temp()
    ui.run(host=host, port=port, title="qualiplan", reload=False, show=False, language="de",
           storage_secret=secrets.token_hex(32), show_welcome_message=False,
           favicon="🗓", uvicorn_logging_level="warning")


def _sessions_in_temp() -> None:
    """Keep the visitors' session storage out of the current folder and the workspace.

    NiceGUI writes it to ``.nicegui/`` in the working directory by default; sessions end with
    the server anyway (a fresh secret per start), so a temporary folder, removed at shutdown,
    is the honest place.
    """
    folder = Path(tempfile.mkdtemp(prefix="qualiplan-sitzungen-"))
    Storage.path = folder
    app.on_shutdown(lambda: shutil.rmtree(folder, ignore_errors=True))
