"""Every periodic job Kindred runs, in one list: a new scheduled kind of message is one line here. Each job
is declared, with its cadence, next to its feature (`<feature>/jobs.py`)."""

from collections.abc import Callable
from datetime import datetime

from apscheduler.schedulers.background import BackgroundScheduler

from bot.digest.jobs import WEEKLY_DIGEST
from bot.intros.jobs import INTROS
from bot.reconnect.jobs import RECONNECT
from bot.scheduler import jobs, triggers
from bot.scheduler.context import JobContext
from bot.scheduler.jobs import ScheduledJob
from bot.stats.jobs import MEMBER_COUNTS, NETWORK_SNAPSHOT

JOBS: tuple[ScheduledJob, ...] = (
    WEEKLY_DIGEST,
    INTROS,
    RECONNECT,
    MEMBER_COUNTS,
    NETWORK_SNAPSHOT,
)


def run_due(context: JobContext, now: datetime) -> list[tuple[str, object]]:
    """What `kindred tick` and every scheduler trigger run: each job of `JOBS` that is due at `now`."""
    return jobs.run_due(context, now, JOBS)


def build_scheduler(context: JobContext, clock: Callable[[], datetime]) -> BackgroundScheduler:
    return triggers.build_scheduler(context, clock, JOBS, tick=lambda: run_due(context, clock()))
