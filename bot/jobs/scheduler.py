"""APScheduler wiring for `kindred run`: the weekly digest at its cron time, and a tick (at once, then every
`KINDRED_TICK_SECONDS`) that runs whatever is due, catching up after a restart or a change of leader.
APScheduler 3 cannot share a job store between processes, so only the leader (`jobs/leader.py`) runs it."""

import logging
from collections.abc import Callable
from datetime import datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.jobs import digest
from bot.jobs.context import JobContext
from bot.jobs.registry import run_due

log = logging.getLogger(__name__)


def build_scheduler(context: JobContext, clock: Callable[[], datetime]) -> BackgroundScheduler:
    settings = context.settings
    scheduler = BackgroundScheduler(
        timezone=settings.zone, job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 900}
    )
    at = settings.digest_time
    scheduler.add_job(
        _logged("weekly-digest", lambda: digest.run(context, clock())),
        CronTrigger(day_of_week=settings.digest_day, hour=at.hour, minute=at.minute, timezone=settings.zone),
        id="weekly-digest",
        replace_existing=True,
    )
    scheduler.add_job(
        _logged("tick", lambda: run_due(context, clock())),
        IntervalTrigger(seconds=settings.tick_seconds, timezone=settings.zone),
        next_run_time=clock(),  # catch up at once
        id="tick",
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
