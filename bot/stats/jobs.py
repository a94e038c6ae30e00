"""The network-snapshot job: as each digest period starts (Monday 00:00 where the community lives), every
team's network picture is computed and stored, so the dashboard's first look in the period reads a stored
picture instead of computing it (seconds at 100,000 members).

Re-runnable: due while a team has no snapshot of the period, and a team whose snapshot is stored is left
alone (team + period is a unique key, so two runs store one). One team's failure never stops the others;
it is tried again at the next tick, and the Network page still computes a missing picture itself."""

import logging
from dataclasses import dataclass, field
from datetime import datetime, time

from bot.config import Settings
from bot.db import session_scope
from bot.digest import service as digest
from bot.scheduler.context import JobContext
from bot.scheduler.jobs import ScheduledJob, Weekly
from bot.stats.snapshots import store_snapshot, teams_without_snapshot

log = logging.getLogger(__name__)


@dataclass
class SnapshotReport:
    period: str
    stored: list[str] = field(default_factory=list)  # the teams whose snapshot this run stored
    errors: list[str] = field(default_factory=list)


def run(context: JobContext, now: datetime) -> SnapshotReport:
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
    run,
    wakes_at=period_start,
)
