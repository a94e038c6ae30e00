"""The delivery ledger behind `send_once`: one row per message and recipient, claimed before the send,
marked sent after, released when Slack said no (so a later run retries) or marked failed for good. Also
who may be contacted: each person a message reaches is looked up here and asked `may_contact`."""

import logging
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot import repo
from bot.db import SessionFactory, session_scope
from bot.models import Delivery, DeliveryStatus

if TYPE_CHECKING:
    from bot.slack.delivery import DM
from bot.quiet_hours import QuietHours
from bot.slack.contact import MemberState, may_contact, quiet_until

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)


# Slack errors that will not change on retry: record them and never try this member again for this key.
PERMANENT_ERRORS = frozenset(
    {
        "user_not_found",
        "cannot_dm_bot",
        "account_inactive",
        "is_archived",
        "user_disabled",
        "channel_not_found",
        "not_in_channel",
        "restricted_action",
        "user_is_restricted",
        "messages_tab_disabled",
        "unconfirmed",  # our own: a channel post whose sender died mid-send (we do not read channels)
    }
)


# Errors that mean the token itself is bad: stop everything, sending more would only fail the same way.
FATAL_ERRORS = frozenset(
    {"invalid_auth", "token_revoked", "account_inactive_token", "not_authed", "token_expired"}
)


class Outcome(StrEnum):
    SENT = "sent"
    ALREADY_SENT = "already-sent"
    IN_PROGRESS = "in-progress"  # another sender holds a fresh claim
    SKIPPED = "skipped"  # `may_contact` said no (the member left, paused, asked to be forgotten…)
    FAILED = "failed"  # permanent for this member; recorded with the reason
    WAITING = "waiting"  # not now: quiet hours on someone's clock; a later run sends it


SETTLED = {DeliveryStatus.SENT: Outcome.ALREADY_SENT, DeliveryStatus.FAILED: Outcome.FAILED}


class FatalSlackError(RuntimeError):
    """The token was rejected: stop the job instead of failing every member the same way."""


def claim(sessions: SessionFactory, dm: "DM", now: datetime, quiet: QuietHours | None) -> Outcome | bool:
    """Claim the key for this sender: False for a fresh claim, True when taking over a stale one,
    or an Outcome saying why not to send (already sent, someone else is sending, may not be contacted, not
    in someone's quiet hours…)."""
    with session_scope(sessions) as session:
        people = [_state(session, dm.team_id, user_id) for user_id in dm.people]
        if not all(may_contact(person, dm.kind, now) for person in people):
            return Outcome.SKIPPED
        row = repo.get_delivery(session, team_id=dm.team_id, user_id=dm.user_id, key=dm.key)
        if row is not None and row.status in SETTLED:
            return SETTLED[row.status]
        if any(quiet_until(person, dm.kind, now, quiet) is not None for person in people):
            return Outcome.WAITING
        if row is None:
            try:
                with session.begin_nested():
                    session.add(
                        Delivery(
                            team_id=dm.team_id, key=dm.key, user_id=dm.user_id, attempts=1, claimed_at=now
                        )
                    )
            except IntegrityError:
                return Outcome.IN_PROGRESS
            return False
        if now - row.claimed_at < LEASE:
            return Outcome.IN_PROGRESS
        assert row.id is not None
        if not repo.take_over_delivery(session, delivery_id=row.id, stale_since=row.claimed_at, now=now):
            return Outcome.IN_PROGRESS
        return True


def _state(session: Session, team_id: str, user_id: str) -> MemberState:
    member = repo.get_member(session, team_id=team_id, user_id=user_id)
    if member is not None:  # a person is a member or forgotten, never both
        return MemberState.of(member)
    return MemberState.of(
        None, forgotten=repo.get_forgotten(session, team_id=team_id, user_id=user_id) is not None
    )


def record_error(sessions: SessionFactory, dm: "DM", error: str) -> Outcome:
    if error in FATAL_ERRORS:
        with session_scope(sessions) as session:
            _release(session, dm)
        raise FatalSlackError(f"Slack rejected the bot token ({error}); check SLACK_BOT_TOKEN")
    with session_scope(sessions) as session:
        if error in PERMANENT_ERRORS:
            row = repo.get_delivery(session, team_id=dm.team_id, user_id=dm.user_id, key=dm.key)
            if row is not None:
                row.status, row.error = DeliveryStatus.FAILED, error[:200]
                session.add(row)
            log.info("delivery %s to %s failed permanently: %s", dm.key, dm.user_id, error)
            return Outcome.FAILED
        _release(session, dm)  # Slack answered with an error, so nothing was posted: safe to retry later
    raise SlackDeliveryError(dm.key, error)


class SlackDeliveryError(RuntimeError):
    def __init__(self, key: str, error: str) -> None:
        super().__init__(f"could not deliver {key}: {error}")
        self.error = error


def _release(session: Session, dm: "DM") -> None:
    row = repo.get_delivery(session, team_id=dm.team_id, user_id=dm.user_id, key=dm.key)
    if row is not None and row.status == DeliveryStatus.PENDING:
        session.delete(row)


def mark_sent(sessions: SessionFactory, dm: "DM", channel: str, ts: str, now: datetime) -> None:
    with session_scope(sessions) as session:
        _mark_sent(session, dm, channel, ts, now)


def _mark_sent(session: Session, dm: "DM", channel: str, ts: str, now: datetime) -> None:
    row = repo.get_delivery(session, team_id=dm.team_id, user_id=dm.user_id, key=dm.key)
    if row is None:  # released by a concurrent failure path; record what Slack accepted
        row = Delivery(team_id=dm.team_id, key=dm.key, user_id=dm.user_id, claimed_at=now)
    row.status, row.channel_id, row.message_ts, row.sent_at = DeliveryStatus.SENT, channel, ts, now
    session.add(row)
