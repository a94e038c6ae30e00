"""The member-counts job, run on every tick: how many members are active, paused and paused for their
silence, kept in the row of the current digest period for the dashboard's 12-week charts (a member keeps
only their latest status, so these counts cannot be worked out afterwards). Re-runnable: each run brings
the period's one row up to date, so a week that is over keeps its last count. Sends nothing."""

import logging
from datetime import datetime

from bot import repo
from bot.db import session_scope
from bot.digest import service as digest
from bot.scheduler.context import JobContext
from bot.scheduler.jobs import ScheduledJob, always
from bot.stats import service as stats

log = logging.getLogger(__name__)


def run(context: JobContext, now: datetime) -> dict[str, stats.MemberCounts]:
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
    run,
)
