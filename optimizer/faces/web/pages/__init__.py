"""One module per page; importing them registers the pages."""

from optimizer.faces.web.pages import (
    compare,
    export,
    plan,
    planning,
    replan,
    scenario,
    whynot,
)

__all__ = ["compare", "export", "plan", "planning", "replan", "scenario", "whynot"]
