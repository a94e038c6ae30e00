"""Overview: the numbers a community manager looks at first."""

from bot.dashboard.page import Reply, Request
from bot.db import session_scope
from bot.stats import service as stats


def page(request: Request) -> Reply:
    with session_scope(request.sessions) as session:
        numbers = stats.overview(session, team_id=request.team_id)
    return request.html("overview", overview=numbers, percent=_percent, days=_days)


def _days(median: float | None) -> str:
    return "—" if median is None else f"{median:g}"


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"
