"""The member-counts job keeps one row per team and digest period, brought up to date at every tick, so a
week that is over keeps its last count; it sends nothing."""

from datetime import UTC, timedelta

from sqlmodel import Session, select

from bot import members
from bot.models import Member, MemberCount, MemberStatus
from bot.scheduler.context import JobContext
from bot.stats.jobs import count_members
from tests.conftest import NOW  # Monday 2026-11-23 09:00 UTC: 2026-W48
from tests.fakeslack import FakeSlack


def test_every_run_brings_the_weeks_one_row_up_to_date(
    context: JobContext, fake: FakeSlack, session: Session, community: dict[str, int]
) -> None:
    assert count_members(context, NOW + timedelta(days=1))["T0TEST"].active == len(community)
    paused = session.get(Member, community["U0DANA"])
    assert paused
    members.set_status(session, member=paused, status=MemberStatus.PAUSED, now=NOW + timedelta(days=2))
    session.commit()
    count_members(context, NOW + timedelta(days=2, minutes=5))
    count_members(context, NOW + timedelta(days=2, minutes=10))  # nothing changed: the row stays as it was
    count_members(context, NOW + timedelta(days=8))  # the next week: a row of its own

    session.expire_all()
    rows = session.exec(select(MemberCount).order_by(MemberCount.period)).all()
    assert [(row.period, row.active, row.paused, row.quiet) for row in rows] == [
        ("2026-W48", len(community) - 1, 1, 0),
        ("2026-W49", len(community) - 1, 1, 0),
    ]
    assert rows[0].counted_at.replace(tzinfo=UTC) == NOW + timedelta(days=2, minutes=5)
    assert fake.calls_to("chat.postMessage") == []
