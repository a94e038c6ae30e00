"""How long a need waits: the days from a need being posted to its first suggestion in a digest, and to the
first introduction made for it, as medians (all time, and week by week). Only durations and the weeks they
ended in leave here, never which need (a private need counts like any other)."""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Subquery, func
from sqlmodel import Session, col, select

from bot.db import days_between, plain_rows
from bot.models import Intro, Need
from bot.stats.weeks import Week, week_of


@dataclass(frozen=True)
class Waits:
    """Each need's wait in days, with the week it ended in (an index into the weeks asked for: -1 before
    the first, their number after the last)."""

    ended: tuple[tuple[int, float], ...]

    @property
    def median(self) -> float | None:
        return _median([days for _, days in self.ended])

    def weekly(self, weeks: int) -> tuple[float | None, ...]:
        """The median of the waits that ended in each week."""
        by_week: list[list[float]] = [[] for _ in range(weeks)]
        for week, days in self.ended:
            if 0 <= week < weeks:
                by_week[week].append(days)
        return tuple(_median(each) for each in by_week)


def median_days_to_suggestion(session: Session, *, team_id: str) -> float | None:
    return suggestion_waits(session, team_id=team_id).median


def median_days_to_introduction(session: Session, *, team_id: str) -> float | None:
    return introduction_waits(session, team_id=team_id).median


def suggestion_waits(
    session: Session, *, team_id: str, weeks: Sequence[Week] = (), now: datetime | None = None
) -> Waits:
    """Each need's wait for its first suggestion in a digest (kept on the need as the digest stores its
    plan, and read from an index: however many digests there have been)."""
    first = col(Need.first_suggested_at)
    query = select(week_of(first, weeks, now), days_between(Need.created_at, first)).where(
        Need.team_id == team_id, first.is_not(None)
    )
    return _rows(session, query)


def introduction_waits(
    session: Session, *, team_id: str, weeks: Sequence[Week] = (), now: datetime | None = None
) -> Waits:
    """Each need's wait for the first introduction made for it."""
    firsts = (
        select(Intro.need_id, func.min(Intro.introduced_at).label("first"))
        .where(
            Intro.team_id == team_id, col(Intro.need_id).is_not(None), col(Intro.introduced_at).is_not(None)
        )
        .group_by(col(Intro.need_id))
        .subquery()
    )
    return _waits(session, firsts, weeks, now)


def _waits(session: Session, firsts: Subquery, weeks: Sequence[Week], now: datetime | None) -> Waits:
    """From each need's posting to its `first` moment (grouped first, then joined to the needs by their key:
    never a scan of one table per row of the other), the days and the week worked out by the database."""
    query = select(week_of(firsts.c.first, weeks, now), days_between(Need.created_at, firsts.c.first)).join(
        firsts, firsts.c.need_id == Need.id
    )
    return _rows(session, query)


def _rows(session: Session, query: Any) -> Waits:
    rows = plain_rows(session, query)  # thousands of them, nothing to load
    return Waits(tuple((week, days) for week, days in rows if days is not None))


def _median(days: list[float]) -> float | None:
    """The median wait in days, to one decimal; None when nothing waited."""
    return round(statistics.median(days), 1) if days else None
