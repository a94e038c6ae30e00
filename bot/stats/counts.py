"""How many members are active, paused and paused for their silence: counted now, and kept once a week.

A member keeps only their latest status, so a past week's counts cannot be worked out afterwards. The
`member-counts` job counts them at every tick into the row of the current digest period; once the week is
over its row holds the week's last count. Weeks before the first count have no row: they are unknown, not
zero."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.intros import service as intros
from bot.models import Member, MemberCount, MemberStatus


@dataclass(frozen=True)
class MemberCounts:
    active: int
    paused: int
    quiet: int  # paused by Kindred after three intro requests went unanswered, and still paused


def member_counts(session: Session, *, team_id: str) -> MemberCounts:
    """The counts right now: one grouped query, and the few members Kindred paused for their silence."""
    statuses = dict(
        session.exec(
            select(Member.status, func.count()).where(Member.team_id == team_id).group_by(col(Member.status))
        ).all()
    )
    return MemberCounts(
        active=statuses.get(MemberStatus.ACTIVE, 0),
        paused=statuses.get(MemberStatus.PAUSED, 0),
        quiet=len(intros.auto_paused(session, team_id=team_id)),
    )


def record_member_counts(session: Session, *, team_id: str, period: str, now: datetime) -> MemberCounts:
    """Count the members now into `period`'s row: written by the period's first count, brought up to date by
    every later one (re-runnable; two replicas counting at once keep one row)."""
    counts = member_counts(session, team_id=team_id)
    row = _row(session, team_id, period)
    if row is None:
        row = MemberCount(team_id=team_id, period=period, active=0, paused=0, quiet=0, counted_at=now)
        try:
            with session.begin_nested():
                _set(session, row, counts, now)
            return counts
        except IntegrityError:  # another replica wrote this period's row first: bring theirs up to date
            row = _row(session, team_id, period)
            assert row is not None
    if (row.active, row.paused, row.quiet) != (counts.active, counts.paused, counts.quiet):
        _set(session, row, counts, now)
    return counts


def stored_member_counts(
    session: Session, *, team_id: str, periods: Sequence[str]
) -> dict[str, MemberCounts]:
    """period → the counts kept for it, for the periods that have a row."""
    query = select(MemberCount).where(MemberCount.team_id == team_id, col(MemberCount.period).in_(periods))
    return {row.period: MemberCounts(row.active, row.paused, row.quiet) for row in session.exec(query)}


def _row(session: Session, team_id: str, period: str) -> MemberCount | None:
    query = select(MemberCount).where(MemberCount.team_id == team_id, MemberCount.period == period)
    return session.exec(query).first()


def _set(session: Session, row: MemberCount, counts: MemberCounts, now: datetime) -> None:
    row.active, row.paused, row.quiet, row.counted_at = counts.active, counts.paused, counts.quiet, now
    session.add(row)
    session.flush()
