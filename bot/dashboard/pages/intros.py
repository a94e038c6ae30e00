"""Intros: every intro with its state and dates, filtered by state and time; the newest ROWS_SHOWN on the
page with the total, and every matching one as CSV."""

from bot.dashboard.filters import IntroFilters, filters
from bot.dashboard.page import Reply, Request
from bot.db import session_scope
from bot.stats import service as stats

ROWS_SHOWN = 500  # rows on the page at most; the CSV has them all


def page(request: Request) -> Reply:
    chosen = filters(request.query)
    rows = _rows(request, chosen, limit=ROWS_SHOWN)
    with session_scope(request.sessions) as session:
        total = stats.count_intros(
            session, team_id=request.team_id, states=chosen.states, since=chosen.since, until=chosen.until
        )
    return request.html(
        "intros",
        rows=rows,
        total=total,
        shown=ROWS_SHOWN,
        filters=chosen,
        states=stats.STATES,
        csv=f"/admin/intros.csv?{chosen.query()}",
    )


def download(request: Request) -> Reply:
    rows = _rows(request, filters(request.query), limit=None)
    return request.csv("intros", stats.to_csv(rows, stats.IntroRow))


def _rows(request: Request, chosen: IntroFilters, *, limit: int | None) -> list[stats.IntroRow]:
    with session_scope(request.sessions) as session:
        return stats.intro_rows(
            session,
            team_id=request.team_id,
            states=chosen.states,
            since=chosen.since,
            until=chosen.until,
            limit=limit,
        )
