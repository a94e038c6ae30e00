"""What a scheduled job is, and which are due at a given instant. Each feature declares its jobs (in its
`jobs.py`); `bot/schedule.py` lists them all, and `kindred tick` and the scheduler (triggers.py, whose
triggers only ever tick) both run that one list, so what runs in production is exactly what
`kindred tick --now …` runs.

A job is due when its `is_due` says so, at any tick; a job with a fixed time of day (`wakes_at`) also gets
a tick at exactly that time, so it does not wait for the next regular one."""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time

from bot.config import Settings
from bot.scheduler.context import JobContext

log = logging.getLogger(__name__)


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


def always(_context: JobContext, _now: datetime) -> bool:
    return True


def run_due(context: JobContext, now: datetime, jobs: Sequence[ScheduledJob]) -> list[tuple[str, object]]:
    """Run every job due at `now`; returns (job id, its report) for each that ran."""
    ran: list[tuple[str, object]] = []
    for job in jobs:
        if job.is_due(context, now):
            log.info("running %s at %s", job.id, now.isoformat())
            ran.append((job.id, job.run(context, now)))
    return ran
