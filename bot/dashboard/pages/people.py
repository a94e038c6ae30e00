"""People: the members who may be missing out, as a page (the first ROWS_SHOWN) or all of them as CSV."""

from bot.dashboard.page import Reply, Request
from bot.db import session_scope
from bot.stats import service as stats

ROWS_SHOWN = 500  # rows on the page at most; the CSV has them all


def page(request: Request) -> Reply:
    rows = _left_out(request)
    return request.html("people", why=stats.WHY, rows=rows[:ROWS_SHOWN], total=len(rows), shown=ROWS_SHOWN)


def download(request: Request) -> Reply:
    return request.csv("people", stats.to_csv(_left_out(request), stats.PersonRow))


def _left_out(request: Request) -> list[stats.PersonRow]:
    with session_scope(request.sessions) as session:
        return stats.left_out(session, team_id=request.team_id, now=request.now)
