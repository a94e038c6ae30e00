"""How long a need waits: the median days from a need being posted to its first suggestion in a digest, and
to the first introduction made for it. Only durations leave here, never which need (a private need counts
like any other)."""

import statistics
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot.models import DigestSuggestion, Intro, Need

DAY = timedelta(days=1)


def median_days_to_suggestion(session: Session, *, team_id: str) -> float | None:
    firsts = session.exec(
        select(Need.created_at, func.min(DigestSuggestion.created_at))
        .join(DigestSuggestion, col(DigestSuggestion.need_id) == Need.id)
        .where(Need.team_id == team_id)
        .group_by(col(Need.id), col(Need.created_at))
    ).all()
    return _median_days(firsts)


def median_days_to_introduction(session: Session, *, team_id: str) -> float | None:
    firsts = session.exec(
        select(Need.created_at, func.min(Intro.introduced_at))
        .join(Intro, col(Intro.need_id) == Need.id)
        .where(Need.team_id == team_id, col(Intro.introduced_at).is_not(None))
        .group_by(col(Need.id), col(Need.created_at))
    ).all()
    return _median_days(firsts)


def _median_days(pairs: Sequence[tuple[datetime, datetime | None]]) -> float | None:
    """The median wait in days (one decimal) over (posted, first) pairs; None without any."""
    waits = [(first - posted) / DAY for posted, first in pairs if first is not None]
    return round(statistics.median(waits), 1) if waits else None
