"""People: the members who may be missing out, each once with every reason, as a page (how many for each
reason, narrowed to one reason with `?why=`, the first ROWS_SHOWN listed) or all of them as CSV."""

from collections import Counter

from bot.dashboard.page import Reply, Request
from bot.db import session_scope
from bot.stats import service as stats

ROWS_SHOWN = 500  # rows on the page at most; the CSV has them all


def page(request: Request) -> Reply:
    everyone = _left_out(request)
    chosen = _reason(request)
    rows = [row for row in everyone if not chosen or chosen in row.why]
    counts = Counter(reason for row in everyone for reason in row.why)
    return request.html(
        "people",
        why=stats.WHY,
        counts=counts,
        everyone=len(everyone),
        chosen=chosen,
        rows=rows[:ROWS_SHOWN],
        total=len(rows),
        csv="/admin/people.csv" + (f"?why={chosen}" if chosen else ""),
    )


def download(request: Request) -> Reply:
    chosen = _reason(request)
    rows = [row for row in _left_out(request) if not chosen or chosen in row.why]
    return request.csv("people", stats.to_csv(rows, stats.PersonRow))


def _reason(request: Request) -> str:
    """The reason asked for, if it is one of WHY's; anything else shows everyone."""
    asked = request.param("why")
    return asked if asked in stats.WHY else ""


def _left_out(request: Request) -> list[stats.PersonRow]:
    with session_scope(request.sessions) as session:
        return stats.left_out(session, team_id=request.team_id, now=request.now)
