"""Every scheduled job, and which are due at a given instant: `kindred tick` and the scheduler's periodic
tick both call `run_due`, so what runs in production is exactly what `kindred tick --now …` runs."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import repo
from bot.db import session_scope
from bot.jobs import digest, intros
from bot.jobs.context import JobContext

log = logging.getLogger(__name__)

DIGEST_WINDOW = timedelta(days=2)  # a digest not sent within two days of its time waits for next period


@dataclass(frozen=True)
class ScheduledJob:
    id: str
    description: str
    is_due: Callable[[JobContext, datetime], bool]
    run: Callable[[JobContext, datetime], object]


def digest_is_due(context: JobContext, now: datetime) -> bool:
    """From the digest's time (default Monday 09:00, community time) for two days, until every workspace's
    digest of the period is complete."""
    period = context.rules.period(now)
    if not period.scheduled_at <= now < period.scheduled_at + DIGEST_WINDOW:
        return False
    with session_scope(context.sessions) as session:
        for team_id in repo.team_ids(session):
            run = repo.get_run(session, team_id=team_id, period=period.key)
            if run is None or run.completed_at is None:
                return True
    return False


def always(_context: JobContext, _now: datetime) -> bool:
    return True


JOBS: tuple[ScheduledJob, ...] = (
    ScheduledJob(
        "weekly-digest", "DM each opted-in member this period's kindred spirits", digest_is_due, digest.run
    ),
    ScheduledJob("intros", "consents, expiries, endings and follow-ups that are due", always, intros.run),
)


def run_due(context: JobContext, now: datetime) -> list[tuple[str, object]]:
    """Run every job due at `now`; returns (job id, its report) for each that ran."""
    ran: list[tuple[str, object]] = []
    for job in JOBS:
        if job.is_due(context, now):
            log.info("running %s at %s", job.id, now.isoformat())
            ran.append((job.id, job.run(context, now)))
    return ran
