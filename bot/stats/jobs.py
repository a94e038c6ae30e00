"""The stats feature's jobs, both sending nothing:

- member-counts, on every tick: how many members are active, paused and paused for their silence, kept in
  the row of the current digest period for the dashboard's 12-week charts (a member keeps only their latest
  status, so these counts cannot be worked out afterwards). Each run brings the period's one row up to
  date, so a week that is over keeps its last count.
- network-snapshot: as each digest period starts (Monday 00:00 where the community lives), every team's
  network picture is computed and stored, so the dashboard's first look in the period reads a stored
  picture instead of computing it (seconds at 100,000 members). Due while a team has no snapshot of the
  period (team + period is a unique key, so two runs store one); until it has, the Network page shows the
  period before's picture, and computes one itself only for a team that has none at all.

One team's failure never stops the others; it is tried again at the next tick."""

import logging
from dataclasses import dataclass, field
from datetime import datetime, time

from bot import repo
from bot.config import Settings
from bot.db import session_scope
from bot.digest import service as digest
from bot.scheduler.context import JobContext
from bot.scheduler.jobs import ScheduledJob, Weekly, always
from bot.stats import service as stats
from bot.stats.snapshots import store_snapshot, teams_without_snapshot

log = logging.getLogger(__name__)


def count_members(context: JobContext, now: datetime) -> dict[str, stats.MemberCounts]:
    """team → the counts kept for it at `now`; a team whose count failed is left for the next tick."""
    period = digest.DigestRules.from_settings(context.settings).period(now).key
    with session_scope(context.sessions) as session:
        teams = list(repo.team_ids(session))
    counted = {}
    for team_id in teams:
        try:
            with session_scope(context.sessions) as session:
                counted[team_id] = stats.record_member_counts(
                    session, team_id=team_id, period=period, now=now
                )
        except Exception:
            log.warning("member counts of %s for %s not kept; next tick", team_id, period, exc_info=True)
    return counted


MEMBER_COUNTS = ScheduledJob(
    "member-counts",
    "Keep this week's numbers of active, paused and quiet members for the dashboard's charts",
    "every tick, into one row per team and digest period",
    always,
    count_members,
)


@dataclass
class SnapshotReport:
    period: str
    stored: list[str] = field(default_factory=list)  # the teams whose snapshot this run stored
    errors: list[str] = field(default_factory=list)


def store_snapshots(context: JobContext, now: datetime) -> SnapshotReport:
    report = SnapshotReport(_period(context, now))
    with session_scope(context.sessions) as session:
        teams = teams_without_snapshot(session, period=report.period)
    for team_id in teams:
        if context.stop.is_set():
            break  # re-runnable: the next tick stores the rest
        try:
            with session_scope(context.sessions) as session:
                store_snapshot(session, team_id=team_id, period=report.period, now=now)
            report.stored.append(team_id)
        except Exception as error:
            log.warning(
                "network snapshot %s for %s failed; retried next tick", report.period, team_id, exc_info=True
            )
            report.errors.append(f"{team_id}: {error}")
    log.info("network snapshot %s stored for %s team(s)", report.period, len(report.stored))
    return report


def snapshot_is_due(context: JobContext, now: datetime) -> bool:
    """While some team has no network snapshot of the period `now` is in."""
    with session_scope(context.sessions) as session:
        return bool(teams_without_snapshot(session, period=_period(context, now)))


def period_start(_settings: Settings) -> Weekly:
    """A period is an ISO week where the community lives: it starts on Monday at midnight."""
    return Weekly("mon", time(0, 0))


def _period(context: JobContext, now: datetime) -> str:
    return digest.DigestRules.from_settings(context.settings).period(now).key


NETWORK_SNAPSHOT = ScheduledJob(
    "network-snapshot",
    "compute and store each team's network picture for the dashboard",
    "weekly as the digest period starts (Monday 00:00 in KINDRED_TIMEZONE), until every team's is stored",
    snapshot_is_due,
    store_snapshots,
    wakes_at=period_start,
)
