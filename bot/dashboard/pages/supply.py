"""Supply and demand: offers and needs by theme as bars and a table, and the needs no offer answers with
how long they have waited (the ROWS_SHOWN that waited longest on the page, all of them as CSV; a private
need is counted, never listed)."""

from bot.dashboard.bars import bars_of
from bot.dashboard.page import Reply, Request
from bot.db import session_scope
from bot.stats import service as stats

ROWS_SHOWN = 300  # gaps on the page at most; the CSV has them all


def page(request: Request) -> Reply:
    found = _supply(request, listed=ROWS_SHOWN)
    return request.html("supply", supply=found, chart=bars_of(found.themes), days=_days)


def download(request: Request) -> Reply:
    """The gaps: every shared need no offer answers."""
    return request.csv("gaps", stats.to_csv(_supply(request, listed=None).listed, stats.GapRow))


def themes(request: Request) -> Reply:
    return request.csv("themes", stats.to_csv(_supply(request, listed=0).themes, stats.Theme))


def _supply(request: Request, *, listed: int | None) -> stats.Supply:
    with session_scope(request.sessions) as session:
        return stats.supply(session, team_id=request.team_id, now=request.now, listed=listed)


def _days(days: float | None) -> str:
    return "—" if days is None else f"{days:g}"
