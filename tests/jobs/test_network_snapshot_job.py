"""The network-snapshot job: at the start of each digest period it stores every team's network picture, so
the dashboard's first look of the period reads it; re-runnable, and the page still copes without it."""

from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from bot.db import SessionFactory
from bot.models import NetworkSnapshot
from bot.schedule import build_scheduler
from bot.scheduler.context import JobContext
from bot.stats import service as stats
from bot.stats.drawing import VERSION
from bot.stats.jobs import snapshot_is_due, store_snapshots
from tests.factories import TEAM, make_member
from tests.fakeslack import FakeSlack
from tests.jobs.conftest import context_for

MONDAY = datetime(2026, 11, 30, 0, 0, tzinfo=UTC)  # 2026-W49 starts (KINDRED_TIMEZONE is UTC here)


def _snapshots(session: Session) -> list[tuple[str, str, datetime]]:
    session.expire_all()
    rows = session.exec(select(NetworkSnapshot)).all()
    return sorted((row.team_id, row.period, row.computed_at.replace(tzinfo=UTC)) for row in rows)


def test_each_team_gets_its_snapshot_as_the_period_starts_once(
    context: JobContext, session: Session, community: dict[str, int]
) -> None:
    make_member(session, "U0OTHER", name="Someone Elsewhere", team_id="T0OTHER")
    session.commit()
    assert snapshot_is_due(context, MONDAY)
    report = store_snapshots(context, MONDAY)
    assert (report.period, report.stored, report.errors) == ("2026-W49", ["T0OTHER", TEAM], [])
    assert _snapshots(session) == [("T0OTHER", "2026-W49", MONDAY), (TEAM, "2026-W49", MONDAY)]
    assert not snapshot_is_due(context, MONDAY + timedelta(minutes=5))
    assert store_snapshots(context, MONDAY + timedelta(minutes=5)).stored == []  # run again: nothing to do
    assert snapshot_is_due(context, MONDAY + timedelta(days=7))  # the next period


def test_the_page_reads_what_the_job_stored(
    context: JobContext, session: Session, community: dict[str, int]
) -> None:
    store_snapshots(context, MONDAY)
    later = MONDAY + timedelta(days=2)
    picture = stats.network_picture(session, team_id=TEAM, period="2026-W49", now=later)
    assert picture.isolated_total == len(community)  # nobody introduced in this community yet
    assert _snapshots(session) == [(TEAM, "2026-W49", MONDAY)]  # not computed again at the look


def test_the_period_starts_at_midnight_where_the_community_lives(
    fake: FakeSlack, sessions: SessionFactory, session: Session, community: dict[str, int]
) -> None:
    berlin = context_for(fake, sessions, KINDRED_TIMEZONE="Europe/Berlin")
    sunday_night = datetime(2026, 11, 29, 22, 59, tzinfo=UTC)  # 23:59 in Berlin: still 2026-W48
    assert store_snapshots(berlin, sunday_night).period == "2026-W48"
    assert not snapshot_is_due(berlin, sunday_night)
    assert snapshot_is_due(berlin, sunday_night + timedelta(minutes=1))  # Monday 00:00 in Berlin
    trigger = {job.id: job for job in build_scheduler(berlin, lambda: sunday_night).get_jobs()}
    woken = str(trigger["tick-at-network-snapshot"].trigger)
    assert "day_of_week='mon'" in woken
    assert "hour='0'" in woken
    assert "minute='0'" in woken


def test_a_picture_an_earlier_kindred_stored_is_drawn_again_by_the_job(
    context: JobContext, session: Session, community: dict[str, int]
) -> None:
    old = {"members": 0, "ties": 0, "sizes": [], "positions": [], "links": [], "bridges": [], "isolated": []}
    session.add(NetworkSnapshot(team_id=TEAM, period="2026-W49", picture=old, computed_at=MONDAY))
    session.commit()
    assert snapshot_is_due(context, MONDAY)  # stored, but not as this Kindred draws it

    assert store_snapshots(context, MONDAY + timedelta(minutes=5)).stored == [TEAM]

    session.expire_all()
    (redrawn,) = session.exec(select(NetworkSnapshot)).all()
    assert len(redrawn.picture["isolated"]) == len(community)  # this period's members, not the old picture's
    assert redrawn.picture["version"] == VERSION
    assert not snapshot_is_due(context, MONDAY + timedelta(minutes=10))
