"""How long a need waits: the median days from a need being posted to its first suggestion in a digest, and
to the first introduction made for it. Only durations leave here, never which need (a private need counts
like any other)."""

import statistics
from datetime import timedelta

from sqlalchemy import Subquery, func
from sqlmodel import Session, col, select

from bot.models import DigestSuggestion, Intro, Need

DAY = timedelta(days=1)


def median_days_to_suggestion(session: Session, *, team_id: str) -> float | None:
    firsts = (
        select(DigestSuggestion.need_id, func.min(DigestSuggestion.created_at).label("first"))
        .where(DigestSuggestion.team_id == team_id, col(DigestSuggestion.need_id).is_not(None))
        .group_by(col(DigestSuggestion.need_id))
        .subquery()
    )
    return _median_days(session, firsts)


def median_days_to_introduction(session: Session, *, team_id: str) -> float | None:
    firsts = (
        select(Intro.need_id, func.min(Intro.introduced_at).label("first"))
        .where(
            Intro.team_id == team_id, col(Intro.need_id).is_not(None), col(Intro.introduced_at).is_not(None)
        )
        .group_by(col(Intro.need_id))
        .subquery()
    )
    return _median_days(session, firsts)


def _median_days(session: Session, firsts: Subquery) -> float | None:
    """The median wait in days (one decimal) from each need's posting to its `first` moment (grouped first,
    then joined to the needs by their key: never a scan of one table per row of the other)."""
    pairs = session.exec(
        select(Need.created_at, firsts.c.first).join(firsts, firsts.c.need_id == Need.id)
    ).all()
    waits = [(first - posted) / DAY for posted, first in pairs if first is not None]
    return round(statistics.median(waits), 1) if waits else None
