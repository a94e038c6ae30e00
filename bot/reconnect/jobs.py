"""The reconnect job, run on every tick: plant reconnects for intros that ended in "We met", send the
nudges due at `now` (at most one per member a week), and tell connectors their intro is still going."""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk.errors import SlackApiError

from bot import repo
from bot.db import session_scope
from bot.matching.embeddings import load_embedder
from bot.reconnect import service as reconnects
from bot.reconnect import texts
from bot.reconnect.blocks import reconnect_message
from bot.scheduler.context import JobContext
from bot.scheduler.jobs import ScheduledJob, always
from bot.slack.blocks.messages import text_message
from bot.slack.contact import Reconnect, ReconnectCredit
from bot.slack.delivery import DM, send_once
from bot.slack.delivery_ledger import Outcome

log = logging.getLogger(__name__)
DONE = (Outcome.SENT, Outcome.ALREADY_SENT)


@dataclass
class ReconnectReport:
    planted: int = 0
    nudged: int = 0
    credited: int = 0
    errors: list[str] = field(default_factory=list)


def run(context: JobContext, now: datetime) -> ReconnectReport:
    days = context.settings.reconnect_days
    report = ReconnectReport()
    with session_scope(context.sessions) as session:
        teams = list(repo.team_ids(session))
    for team_id in teams:
        if context.stop.is_set():
            return report  # re-runnable: the next tick does the rest
        try:
            with session_scope(context.sessions) as session:
                report.planted += reconnects.plant(session, team_id=team_id, days=days)
                due: list[reconnects.Nudge] = []
                if reconnects.any_due(session, team_id=team_id, now=now):  # the matcher only when needed
                    embedder = load_embedder(context.settings.embedding_model)
                    due = reconnects.due(session, team_id=team_id, now=now, embedder=embedder)
            report.nudged += _nudge(context, due, now, days)
            report.credited += _credit(context, team_id, now)
        except Exception as error:
            log.warning("reconnects for %s failed; retried next tick", team_id, exc_info=True)
            report.errors.append(f"{team_id}: {error}")
    return report


def _nudge(context: JobContext, due: list[reconnects.Nudge], now: datetime, days: int) -> int:
    done: list[int] = []
    for nudge in due:
        if context.stop.is_set():
            break
        news = nudge.news
        message = reconnect_message(
            nudge.intro_id,
            nudge.other_name,
            news_kind=news.kind if news else None,
            news_text=news.text if news else "",
            yours=news.yours if news else "",
        )
        dm = DM(nudge.team_id, nudge.user_id, Reconnect(nudge.intro_id, nudge.number), message)
        if _send(context, dm, now) in DONE:
            done.append(nudge.reconnect_id)
    with session_scope(context.sessions) as session:
        reconnects.sent(session, reconnect_ids=done, now=now, days=days)
    return len(done)


def _credit(context: JobContext, team_id: str, now: datetime) -> int:
    with session_scope(context.sessions) as session:
        due = reconnects.credits_due(session, team_id=team_id)
    told: list[int] = []
    for credit in due:
        message = text_message(texts.connector_credit(*credit.names, credit.months))
        dm = DM(team_id, credit.connector_user_id, ReconnectCredit(credit.intro_id), message)
        if _send(context, dm, now) not in (None, Outcome.WAITING):
            told.append(credit.reconnect_id)  # sent, sent before, or not wanted: asked once either way
    with session_scope(context.sessions) as session:
        reconnects.credited(session, reconnect_ids=told)
    return len(told)


def _send(context: JobContext, dm: DM, now: datetime) -> Outcome | None:
    try:
        return send_once(
            context.client, context.sessions, dm, now=now, quiet=context.settings.quiet, pacer=context.pacer
        )
    except SlackApiError as error:
        log.warning("could not send %s to %s: %s", dm.key, dm.user_id, error.response.get("error"))
        return None


RECONNECT = ScheduledJob(
    "reconnect",
    'reconnect nudges to members who said "We met" a while ago, and credit to their connectors',
    "every tick",
    always,
    run,
)
