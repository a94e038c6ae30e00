"""Intros: every intro with its state and dates, filtered by state and time; the newest ROWS_SHOWN on the
page with the total, and every matching one as CSV."""

from collections.abc import Iterator

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
    """Every matching intro, written as it is read, a batch at a time (500,000 at 100,000 members)."""
    return request.csv("intros", _csv(request, filters(request.query)))


def _csv(request: Request, chosen: IntroFilters) -> Iterator[str]:
    with session_scope(request.sessions) as session:  # one read: batches of one consistent view
        batches = stats.intro_batches(
            session, team_id=request.team_id, states=chosen.states, since=chosen.since, until=chosen.until
        )
        yield from stats.csv_chunks(batches, stats.IntroRow)


def _rows(request: Request, chosen: IntroFilters, *, limit: int) -> list[stats.IntroRow]:
    with session_scope(request.sessions) as session:
        return stats.intro_rows(
            session,
            team_id=request.team_id,
            states=chosen.states,
            since=chosen.since,
            until=chosen.until,
            limit=limit,
        )
