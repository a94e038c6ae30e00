"""The weekly digest job: plan the period once, then DM every planned member exactly once, each at the
digest's day and time on their own clock (`DigestRules.slot`): the job runs from the team's first slot of
the week to two days after its last, and a member whose moment has not come yet is `WAITING`.

Re-runnable: members who already have this period's digest are skipped, the rest are sent; a member whose
DM fails is counted and retried on the next run, and one member's failure never stops the others. A rejected
token (invalid_auth, token_revoked) stops the job at once with a clear log line.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot import repo
from bot.config import Settings
from bot.db import session_scope
from bot.digest import planning
from bot.digest import service as digest
from bot.digest.blocks import channel_digest_message
from bot.digest.periods import Period
from bot.digest.render import render_digest
from bot.digest.service import DigestRules
from bot.models import DigestRun, Member, MemberStatus, Need, NeedStatus, Offer, OfferStatus, Visibility
from bot.scheduler.context import JobContext
from bot.scheduler.jobs import ScheduledJob, Weekly
from bot.slack.contact import ChannelDigest, Digest, delivery_key
from bot.slack.delivery import DM, send_once
from bot.slack.delivery_ledger import FatalSlackError, Outcome

log = logging.getLogger(__name__)

DIGEST_WINDOW = timedelta(days=2)  # a digest not sent within two days of its time waits for next period
MISSED = "missed"  # its two days passed unsent (Kindred was down): it waits for the next period


@dataclass
class DigestReport:
    team_id: str
    period: str
    planned: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    errors: int = 0

    @property
    def waiting(self) -> int:
        return self.outcomes.get(Outcome.WAITING, 0)

    @property
    def complete(self) -> bool:
        finished = self.outcomes.get(Outcome.SENT, 0) + self.outcomes.get(Outcome.ALREADY_SENT, 0)
        finished += self.outcomes.get(Outcome.FAILED, 0) + self.outcomes.get(Outcome.SKIPPED, 0)
        finished += self.outcomes.get(MISSED, 0)
        return self.errors == 0 and finished == self.planned

    def count(self, outcome: str) -> None:
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


def run(context: JobContext, now: datetime) -> list[DigestReport]:
    with session_scope(context.sessions) as session:
        teams = list(repo.team_ids(session))
    return [run_team(context, team_id, now) for team_id in teams]


def run_team(context: JobContext, team_id: str, now: datetime, *, own_time: bool = True) -> DigestReport:
    """Send the team's digests due at `now`; `own_time=False` (`kindred digest`, run by hand) sends every
    planned digest now instead of at each member's own time — still never in someone's quiet hours."""
    if context.plan_apart and not _plan_apart(context, team_id, now):
        period = _rules(context).period(now).key
        log.info(
            "digest %s for %s: stopping before it was planned; it is planned on the next run", period, team_id
        )
        return DigestReport(team_id=team_id, period=period)
    rules = _rules(context)
    with session_scope(context.sessions) as session:
        plan = digest.plan(session, team_id=team_id, now=now, rules=rules)  # its members as they are now
    kind = Digest(plan.period.key)
    report = DigestReport(team_id=team_id, period=plan.period.key, planned=len(plan.digests))
    with session_scope(context.sessions) as session:
        done = repo.sent_to(session, team_id=team_id, key=delivery_key(kind))
    for planned in plan.digests:
        if context.stop.is_set():
            log.info("digest %s for %s: stopping; the rest is sent on the next run", plan.period.key, team_id)
            break
        if planned.member.user_id in done:
            report.count(Outcome.ALREADY_SENT)
            continue
        if own_time:
            slot = rules.slot(plan.period, planned.member.timezone)
            if now < slot or now >= slot + DIGEST_WINDOW:
                report.count(Outcome.WAITING if now < slot else MISSED)
                continue
        try:
            report.count(_send(context, planned, kind=kind, now=now))
        except FatalSlackError:
            log.error(
                "digest %s stopped: Slack rejected the bot token; check SLACK_BOT_TOKEN", plan.period.key
            )
            raise
        except Exception:
            report.errors += 1
            log.warning(
                "digest %s for %s not sent this time", plan.period.key, planned.member.user_id, exc_info=True
            )
    if report.complete and plan.run_id is not None:
        with session_scope(context.sessions) as session:
            run_row = session.get(DigestRun, plan.run_id)
            if run_row is not None and run_row.completed_at is None:
                run_row.completed_at = now
                session.add(run_row)
    if context.settings.digest_channel and (now >= plan.period.scheduled_at or not own_time):
        post_channel_digest(context, team_id=team_id, period=plan.period, now=now)
    log.info(
        "digest %s for %s: %s planned, %s, %s errors",
        report.period,
        team_id,
        report.planned,
        report.outcomes,
        report.errors,
    )
    return report


def _plan_apart(context: JobContext, team_id: str, now: datetime) -> bool:
    """The plan is stored, by a child process if it was not yet. False: stopped first."""
    with session_scope(context.sessions) as session:
        if planning.is_planned(session, team_id=team_id, now=now, rules=_rules(context)):
            return True
    settings = context.settings
    return planning.plan_in_child(
        context.sessions,
        team_id=team_id,
        now=now,
        rules=_rules(context),
        stop=context.stop,
        log_level=settings.log_level,
        log_format=settings.log_format,
    )


def _send(context: JobContext, planned: digest.PlannedDigest, *, kind: Digest, now: datetime) -> Outcome:
    """Paused, left or digests off since the plan was made: `send_once` skips them (never surprise anyone)."""
    member = planned.member
    with session_scope(context.sessions) as session:
        current = session.get(Member, member.id)
        if current is None:
            return Outcome.SKIPPED  # forgotten since the plan was made
        message = render_digest(session, current, planned.suggestions)
    if message is None:
        return Outcome.SKIPPED
    dm = DM(member.team_id, member.user_id, kind, message)
    return send_once(
        context.client, context.sessions, dm, now=now, quiet=context.settings.quiet, pacer=context.pacer
    )


def post_channel_digest(context: JobContext, *, team_id: str, period: Period, now: datetime) -> Outcome:
    """New offers and shared asks of the past week, in the community channel: once per period."""
    channel = context.settings.digest_channel
    assert channel is not None
    since = period.scheduled_at - timedelta(days=7)
    with session_scope(context.sessions) as session:
        names = {
            m.id: m.name
            for m in repo.members_of_team(session, team_id=team_id)
            if m.status != MemberStatus.LEFT
        }
        offers = [
            (names[o.member_id], o.description)
            for o in repo.entries_of_team(
                session, model=Offer, team_id=team_id, statuses=[OfferStatus.ACTIVE]
            )
            if o.created_at >= since and o.member_id in names
        ]
        needs = [
            (names[n.member_id], n.description)
            for n in repo.entries_of_team(session, model=Need, team_id=team_id, statuses=[NeedStatus.OPEN])
            if n.created_at >= since and n.member_id in names and n.visibility == Visibility.SHARED
        ]
    if not offers and not needs:
        return Outcome.SKIPPED
    post = DM(team_id, channel, ChannelDigest(period.key), channel_digest_message(offers, needs))
    return send_once(context.client, context.sessions, post, now=now, quiet=context.settings.quiet)


def _rules(context: JobContext) -> DigestRules:
    return DigestRules.from_settings(context.settings)


def digest_is_due(context: JobContext, now: datetime) -> bool:
    """From a workspace's first member's digest time of the week (default Monday 09:00 on their clock) until
    two days after its last member's, while that workspace's digest of the period is not complete."""
    rules = _rules(context)
    period = rules.period(now)
    with session_scope(context.sessions) as session:
        for team_id in repo.team_ids(session):
            run = repo.get_run(session, team_id=team_id, period=period.key)
            if run is not None and run.completed_at is not None:
                continue
            first, last = digest.slots(session, team_id=team_id, period=period, rules=rules)
            if first <= now < last + DIGEST_WINDOW:
                return True
    return False


def digest_time(settings: Settings) -> Weekly:
    return Weekly(settings.digest_day, settings.digest_time)


WEEKLY_DIGEST = ScheduledJob(
    "weekly-digest",
    "DM each opted-in member this period's kindred spirits",
    "weekly on KINDRED_DIGEST_DAY at KINDRED_DIGEST_TIME on each member's clock, until every digest is sent",
    digest_is_due,
    run,
    wakes_at=digest_time,
)
