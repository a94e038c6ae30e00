"""Sending DMs exactly once, and only to whoever may be contacted: the one door for every message Kindred
sends on its own initiative (replies to a member's own action go back where they acted instead).

Every such message has a kind (`contact.Welcome()`, `contact.Digest("2026-W48")`…); `send_once` builds
its delivery key from it (`welcome`, `digest:2026-W48`…) and asks `contact.may_contact` about every person
it reaches before claiming the key; a message someone may not get is `SKIPPED`. One that must not land in
someone's night (`contact.quiet_until`, `KINDRED_QUIET_HOURS` on their own clock) is `WAITING`: nothing is
claimed, the caller leaves it due, and a run in their morning sends it.

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
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.db import SessionFactory
from bot.quiet_hours import QuietHours
from bot.slack.blocks.messages import Message
from bot.slack.contact import Kind, addresses_people, delivery_key
from bot.slack.delivery_ledger import Outcome, SlackDeliveryError, claim, mark_sent, record_error
from bot.slack.pacing import Pacer

log = logging.getLogger(__name__)

HISTORY_PAGES = 3

METADATA_EVENT = "kindred_delivery"


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
    quiet: QuietHours | None,
    pacer: Pacer | None = None,
) -> Outcome:
    """Send `dm` unless it was already sent or someone it reaches may not be contacted, or `WAITING` while
    it is `quiet` hours on someone's clock (the caller leaves it due, and a later run sends it). A channel
    post (whose history we do not read) is sent at most once instead: a claim left by a sender that died is
    recorded as failed. A job sending many messages passes its `pacer`, which spaces the posts (not the
    checks) below Slack's limit."""
    claimed = claim(sessions, dm, now, quiet)
    if isinstance(claimed, Outcome):
        return claimed
    if claimed and not dm.people:  # a channel post: we do not read its history, so we cannot tell
        return record_error(sessions, dm, "unconfirmed")
    if claimed:  # we took over a stale claim: did the earlier sender's message land after all?
        posted = find_posted(client, dm)
        if posted is not None:
            mark_sent(sessions, dm, posted[0], posted[1], now)
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
        return record_error(sessions, dm, str(error.response.get("error", "")))

    mark_sent(sessions, dm, str(response["channel"]), str(response["ts"]), now)
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
