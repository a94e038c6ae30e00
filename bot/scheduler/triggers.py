"""APScheduler wiring for `kindred run`. Its triggers only tick: they call `run_due`, as `kindred tick` does,
at once, then every `KINDRED_TICK_SECONDS` (catching up after a restart or a change of leader), and at the
exact time of each job that has one (the weekly digest). What runs is decided by the job list
(`bot/schedule.py`) alone. APScheduler 3 cannot share a job store between processes, so only the leader
(`scheduler/leader.py`) runs it."""

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.scheduler.context import JobContext
from bot.scheduler.jobs import ScheduledJob

log = logging.getLogger(__name__)


def build_scheduler(
    context: JobContext,
    clock: Callable[[], datetime],
    jobs: Sequence[ScheduledJob],
    *,
    tick: Callable[[], object],
) -> BackgroundScheduler:
    """A scheduler whose every trigger calls `tick` (run whatever of `jobs` is due)."""
    settings = context.settings
    scheduler = BackgroundScheduler(
        timezone=settings.zone, job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 900}
    )
    logged_tick = _logged("tick", tick)
    scheduler.add_job(
        logged_tick,
        IntervalTrigger(seconds=settings.tick_seconds, timezone=settings.zone),
        next_run_time=clock(),  # catch up at once
        id="tick",
        replace_existing=True,
    )
    for job in jobs:
        if job.wakes_at is not None:
            weekly = job.wakes_at(settings)
            scheduler.add_job(
                logged_tick,
                CronTrigger(
                    day_of_week=weekly.day,
                    hour=weekly.at.hour,
                    minute=weekly.at.minute,
                    timezone=settings.zone,
                ),
                id=f"tick-at-{job.id}",
                replace_existing=True,
            )
    return scheduler


def _logged(name: str, job: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        try:
            job()
        except Exception:
            log.exception("scheduled job %s failed; it will be retried on the next run", name)

    return run
