"""Every scheduled job, with its cadence, and which are due at a given instant. This is the one place periodic
work is declared: `kindred tick` and the scheduler (scheduler.py, whose triggers only ever tick) both call
`run_due`, so what runs in production is exactly what `kindred tick --now …` runs.

A job is due when its `is_due` says so, at any tick; a job with a fixed time of day (`wakes_at`) also gets
a tick at exactly that time, so it does not wait for the next regular one."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from bot import repo
from bot.config import Settings
from bot.db import session_scope
from bot.digest import jobs as digest
from bot.intros import jobs as intros
from bot.scheduler.context import JobContext

log = logging.getLogger(__name__)

DIGEST_WINDOW = timedelta(days=2)  # a digest not sent within two days of its time waits for next period


@dataclass(frozen=True)
class Weekly:
    """A weekday and a time of day, in the community's time zone."""

    day: str  # mon … sun
    at: time


@dataclass(frozen=True)
class ScheduledJob:
    id: str
    description: str
    cadence: str  # when it is due, in words
    is_due: Callable[[JobContext, datetime], bool]
    run: Callable[[JobContext, datetime], object]
    wakes_at: Callable[[Settings], Weekly] | None = None  # a time to tick at exactly, besides every tick


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


def digest_time(settings: Settings) -> Weekly:
    return Weekly(settings.digest_day, settings.digest_time)


JOBS: tuple[ScheduledJob, ...] = (
    ScheduledJob(
        "weekly-digest",
        "DM each opted-in member this period's kindred spirits",
        "weekly from KINDRED_DIGEST_DAY at KINDRED_DIGEST_TIME, for two days until every digest is sent",
        digest_is_due,
        digest.run,
        wakes_at=digest_time,
    ),
    ScheduledJob(
        "intros",
        "consents, expiries, endings and follow-ups that are due",
        "every tick",
        always,
        intros.run,
    ),
)


def run_due(context: JobContext, now: datetime) -> list[tuple[str, object]]:
    """Run every job due at `now`; returns (job id, its report) for each that ran."""
    ran: list[tuple[str, object]] = []
    for job in JOBS:
        if job.is_due(context, now):
            log.info("running %s at %s", job.id, now.isoformat())
            ran.append((job.id, job.run(context, now)))
    return ran
