"""Login for a server reachable from other machines: a password (from a file or the
environment, never the command line), sessions that expire, and failed logins limited per
address."""

from __future__ import annotations

import hmac
import time
from collections import defaultdict, deque

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import app, ui
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from optimizer.faces.web import state

SESSION_S = 8 * 3600  # a login holds for a working day
MAX_FAILURES, FAILURE_WINDOW_S = 5, 600  # per client address
OPEN_PATHS = ("/login", "/_nicegui")

_failures: dict[str, deque[float]] = defaultdict(deque)


def logged_in() -> bool:
    return float(app.storage.user.get("login_until", 0.0)) > time.time()


class LoginRequired(BaseHTTPMiddleware):
    """Every page but the login page (and NiceGUI's own files) needs a valid session."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint
                       ) -> Response:
        if not request.url.path.startswith(OPEN_PATHS) and not logged_in():
            return RedirectResponse("/login")
        return await call_next(request)


def _blocked(address: str) -> float:
    """Seconds until ``address`` may try again (0: now)."""
    recent = _failures[address]
    while recent and recent[0] < time.time() - FAILURE_WINDOW_S:
        recent.popleft()
    return 0.0 if len(recent) < MAX_FAILURES else recent[0] + FAILURE_WINDOW_S - time.time()


@ui.page("/login")
def login_page(request: Request) -> None:
    address = request.client.host if request.client else "?"
    ui.page_title("Anmelden – qualiplan")
    with ui.card().classes("absolute-center w-96"):
        ui.label("qualiplan – Anmelden").classes("text-xl font-bold")
        password = ui.input("Passwort", password=True).mark("password")
        message = ui.label().classes("text-negative")

        def try_login() -> None:
            wait = _blocked(address)
            if wait > 0:
                message.set_text(f"Zu viele Fehlversuche; in {int(wait // 60) + 1} Minuten "
                                 "erneut versuchen.")
                return
            expected = state.server().password or ""
            if hmac.compare_digest(str(password.value or "").encode(), expected.encode()):
                app.storage.user["login_until"] = time.time() + SESSION_S
                ui.navigate.to("/")
                return
            _failures[address].append(time.time())
            message.set_text("Passwort falsch.")

        password.on("keydown.enter", try_login)
        ui.button("Anmelden", on_click=try_login).mark("login")
