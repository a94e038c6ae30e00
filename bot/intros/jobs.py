"""The intro job, run on every tick: whatever the intro lifecycle has due at `now`, exactly once.

1. ask people whose consent request was queued behind the weekly limit;
2. let go of requests nobody answered in time, pause whoever left three in a row unanswered, and tell them
   once why and how to come back;
3. tell those who asked (or said yes) when an intro did not work out — at the moment it would have
   expired anyway, so a decline stays silent;
4. send "How did it go?" at the follow-up day, and once more at day 28 after a "not yet";
5. finish what a crash interrupted: introduce accepted pairs, tell connectors known outcomes.

What is due comes from the intros service (`bot.intros.service`), a team at a time, and `messaging` sends it.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from bot import repo
from bot.db import session_scope
from bot.intros import messaging as intro_flow
from bot.intros import service as intros
from bot.scheduler.context import JobContext
from bot.scheduler.jobs import ScheduledJob, always

log = logging.getLogger(__name__)


@dataclass
class IntroReport:
    asked: int = 0
    expired: int = 0
    paused: int = 0
    told_ended: int = 0
    followed_up: int = 0
    introduced: int = 0
    errors: list[str] = field(default_factory=list)


def run(context: JobContext, now: datetime) -> IntroReport:
    flow = intro_flow.Flow.of(context.client, context.sessions, context.settings, pacer=context.pacer)
    report = IntroReport()
    with session_scope(context.sessions) as session:
        teams = list(repo.team_ids(session))
    for team_id in teams:
        # Expire first: whoever that pauses for their silence is not asked anything new in the same tick.
        for step in (_expire, _ask_queued, _tell_ended, _follow_up, _finish_interrupted):
            if context.stop.is_set():
                return report  # every step is re-runnable: the next tick does the rest
            try:
                step(flow, team_id, now, report)
            except Exception as error:
                log.warning(
                    "intro step %s for %s failed; retried next tick", step.__name__, team_id, exc_info=True
                )
                report.errors.append(f"{step.__name__}: {error}")
    return report


def _ask_queued(flow: intro_flow.Flow, team_id: str, now: datetime, report: IntroReport) -> None:
    report.asked += intro_flow.ask_due(flow, team_id, now)


def _expire(flow: intro_flow.Flow, team_id: str, now: datetime, report: IntroReport) -> None:
    with session_scope(flow.sessions) as session:
        expired = intros.expire_due(session, team_id=team_id, now=now)
        report.expired += len(expired)
        report.paused += len(intros.pause_quiet(session, expired=expired, now=now))
    intro_flow.tell_auto_paused(flow, team_id, now)


def _tell_ended(flow: intro_flow.Flow, team_id: str, now: datetime, report: IntroReport) -> None:
    report.told_ended += intro_flow.tell_ended(flow, team_id, now)


def _follow_up(flow: intro_flow.Flow, team_id: str, now: datetime, report: IntroReport) -> None:
    report.followed_up += intro_flow.send_follow_ups(flow, team_id, now)


def _finish_interrupted(flow: intro_flow.Flow, team_id: str, now: datetime, report: IntroReport) -> None:
    report.introduced += intro_flow.introduce_due(flow, team_id, now)
    intro_flow.tell_connectors_due(flow, team_id, now)


INTROS = ScheduledJob(
    "intros",
    "consents, expiries, endings and follow-ups that are due",
    "every tick",
    always,
    run,
)
