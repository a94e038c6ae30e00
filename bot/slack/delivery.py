"""Sending DMs exactly once, and only to whoever may be contacted: the one door for every message Kindred
sends on its own initiative (replies to a member's own action go back where they acted instead).

Every such message has a kind (`contact.Welcome()`, `contact.Digest("2026-W48")`…); `send_once` builds
its delivery key from it (`welcome`, `digest:2026-W48`…) and asks `contact.may_contact` about every person
it reaches before claiming the key; a message someone may not get is `SKIPPED`.

A row keyed by the delivery key is claimed before the send and marked sent after, so re-running a job
never sends twice. If a sender dies between Slack accepting the message and the row being marked, the row
stays `pending`; once its claim is older than the lease, the next sender looks for the message in the DM
(each carries its key in message metadata) before deciding to send again — so a crash neither loses nor
doubles a message. A timeout or a 5xx after sending is treated the same way (Slack may or may not have
posted it); an explicit Slack error means nothing was posted, so the claim is released for a later retry,
or recorded if it is permanent.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot import repo
from bot.db import SessionFactory, session_scope
from bot.models import Delivery, DeliveryStatus
from bot.slack.blocks.messages import Message
from bot.slack.contact import Kind, MemberState, addresses_people, delivery_key, may_contact
from bot.slack.pacing import Pacer

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
HISTORY_PAGES = 3

METADATA_EVENT = "kindred_delivery"
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


class FatalSlackError(RuntimeError):
    """The token was rejected: stop the job instead of failing every member the same way."""


@dataclass(frozen=True)
class DM:
    """A message of one `kind` to one member; to several at once in a group DM (`user_id` then names them,
    sorted and comma-separated: see `group`, so the delivery stays theirs); or, for a kind that addresses no
    person (a channel digest), a post in the channel `user_id`."""

    team_id: str
    user_id: str
    kind: Kind
    message: Message

    @classmethod
    def group(cls, team_id: str, user_ids: Iterable[str], kind: Kind, message: Message) -> "DM":
        return cls(team_id, ",".join(sorted(user_ids)), kind, message)

    @property
    def key(self) -> str:
        return delivery_key(self.kind)

    @property
    def people(self) -> list[str]:
        """The members it reaches: each must pass `may_contact`."""
        return self.user_id.split(",") if addresses_people(self.kind) else []


def send_once(
    client: WebClient,
    sessions: SessionFactory,
    dm: DM,
    *,
    now: datetime,
    pacer: Pacer | None = None,
) -> Outcome:
    """Send `dm` unless it was already sent or someone it reaches may not be contacted. A channel post
    (whose history we do not read) is sent at most once instead: a claim left by a sender that died is
    recorded as failed. A job sending many messages passes its `pacer`, which spaces the posts (not the
    checks) below Slack's limit."""
    claim = _claim(sessions, dm, now)
    if isinstance(claim, Outcome):
        return claim
    if claim and not dm.people:  # a channel post: we do not read its history, so we cannot tell
        return _record_error(sessions, dm, "unconfirmed")
    if claim:  # we took over a stale claim: did the earlier sender's message land after all?
        posted = find_posted(client, dm)
        if posted is not None:
            with session_scope(sessions) as session:
                _mark_sent(session, dm, posted[0], posted[1], now)
            return Outcome.ALREADY_SENT
    try:
        channel = _conversation(client, dm)
        if pacer is not None:
            pacer.wait()
        response = client.chat_postMessage(
            channel=channel,
            metadata={"event_type": METADATA_EVENT, "event_payload": {"key": dm.key}},
            **dm.message.as_kwargs(),
        )
    except SlackApiError as error:
        if error.response.status_code >= 500:  # Slack may have posted it: leave the claim to be reconciled
            raise SlackDeliveryError(dm.key, f"HTTP {error.response.status_code}") from error
        return _record_error(sessions, dm, str(error.response.get("error", "")))

    with session_scope(sessions) as session:
        _mark_sent(session, dm, str(response["channel"]), str(response["ts"]), now)
    return Outcome.SENT


def _conversation(client: WebClient, dm: DM) -> str:
    """Where to post: a member's id (Slack posts in their DM), a group DM opened first, or a channel."""
    if len(dm.people) > 1:
        return str(client.conversations_open(users=dm.user_id)["channel"]["id"])
    return dm.user_id


def find_posted(client: WebClient, dm: DM) -> tuple[str, str] | None:
    """(channel, ts) of a message carrying this delivery key among the latest in the member's DM.

    Only the bot writes in that DM (the messages tab is read-only), so a message claimed minutes ago is
    among the latest few hundred; we do not filter by time because `now` may be simulated (`--now`)."""
    channel = str(client.conversations_open(users=dm.user_id)["channel"]["id"])
    cursor = None
    for _ in range(HISTORY_PAGES):
        page = client.conversations_history(
            channel=channel, include_all_metadata=True, limit=200, cursor=cursor
        )
        messages: list[dict[str, Any]] = page.get("messages", [])
        for message in messages:
            metadata = message.get("metadata") or {}
            if (
                metadata.get("event_type") == METADATA_EVENT
                and (metadata.get("event_payload") or {}).get("key") == dm.key
            ):
                return channel, str(message["ts"])
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return None
    return None


def _claim(sessions: SessionFactory, dm: DM, now: datetime) -> Outcome | bool:
    """Claim the key for this sender: False for a fresh claim, True when taking over a stale one,
    or an Outcome saying why not to send (already sent, someone else is sending, may not be contacted…)."""
    with session_scope(sessions) as session:
        if not all(may_contact(_state(session, dm.team_id, user_id), dm.kind, now) for user_id in dm.people):
            return Outcome.SKIPPED
        row = repo.get_delivery(session, team_id=dm.team_id, user_id=dm.user_id, key=dm.key)
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
        if row.status == DeliveryStatus.SENT:
            return Outcome.ALREADY_SENT
        if row.status == DeliveryStatus.FAILED:
            return Outcome.FAILED
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


def _record_error(sessions: SessionFactory, dm: DM, error: str) -> Outcome:
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


def _release(session: Session, dm: DM) -> None:
    row = repo.get_delivery(session, team_id=dm.team_id, user_id=dm.user_id, key=dm.key)
    if row is not None and row.status == DeliveryStatus.PENDING:
        session.delete(row)


def _mark_sent(session: Session, dm: DM, channel: str, ts: str, now: datetime) -> None:
    row = repo.get_delivery(session, team_id=dm.team_id, user_id=dm.user_id, key=dm.key)
    if row is None:  # released by a concurrent failure path; record what Slack accepted
        row = Delivery(team_id=dm.team_id, key=dm.key, user_id=dm.user_id, claimed_at=now)
    row.status, row.channel_id, row.message_ts, row.sent_at = DeliveryStatus.SENT, channel, ts, now
    session.add(row)
