"""Each request from Slack is handled once, however often it arrives and whichever replica it reaches.

Slack redelivers what it thinks was not acknowledged in time: a Socket Mode envelope comes again with the
same `envelope_id` (`retry_attempt` 1, 2…), an Events API callback over HTTP with the same `event_id` and an
`X-Slack-Retry-Num` header. A redelivery may reach another replica, so the record of what was taken on is a
table with a unique key (`handled_requests`), not memory. A submitted form also claims its view id in the
transaction that stores it, so the same modal submitted twice stores one entry, while a submission that
failed leaves nothing behind and can be sent again.
"""

import itertools
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from slack_bolt import BoltRequest, BoltResponse
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from bot.db import SessionFactory, session_scope
from bot.models import HandledRequest

log = logging.getLogger(__name__)

KEEP_FOR = timedelta(days=1)  # Slack redelivers within minutes; a day is plenty
PRUNE_EVERY = 500  # claims between two clean-ups of old keys, per process


def claim(session: Session, key: str, *, now: datetime) -> bool:
    """Record `key` in the caller's transaction; False when it was already recorded (by any process)."""
    table = HandledRequest.__table__  # type: ignore[attr-defined]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    added = insert.values(key=key, handled_at=now).on_conflict_do_nothing().returning(table.c.key)
    return session.execute(added).first() is not None  # a row comes back only when it was inserted


def prune(session: Session, *, now: datetime) -> None:
    table = HandledRequest.__table__  # type: ignore[attr-defined]
    session.execute(sa.delete(table).where(table.c.handled_at < now - KEEP_FOR))


class Ledger:
    """Claims request keys in transactions of their own."""

    def __init__(self, sessions: SessionFactory, clock: Callable[[], datetime]) -> None:
        self.sessions, self.clock = sessions, clock
        self._claims = itertools.count()

    def first_time(self, key: str) -> bool:
        now = self.clock()
        with session_scope(self.sessions) as session:
            if next(self._claims) % PRUNE_EVERY == 0:
                prune(session, now=now)
            return claim(session, key, now=now)


def event_key(body: dict[str, Any]) -> str | None:
    """What identifies an Events API callback across deliveries."""
    if body.get("type") == "event_callback" and body.get("event_id"):
        return f"event:{body['event_id']}"
    return None


def envelope_key(envelope_id: str) -> str:
    return f"envelope:{envelope_id}"


def submission_key(view: dict[str, Any]) -> str | None:
    """A modal is stored once: Slack closes it on success, so its id never comes back with new content."""
    return f"view:{view['id']}" if view.get("id") else None


def events_once(ledger: Ledger) -> Callable[..., BoltResponse | None]:
    """Bolt middleware for HTTP: an event callback already handled is acknowledged and goes no further.
    (In Socket Mode the envelope itself is claimed, see socket_mode.py.)"""

    def middleware(
        request: BoltRequest, body: dict[str, Any], next: Callable[[], None]
    ) -> BoltResponse | None:
        key = event_key(body) if request.mode == "http" else None
        if key is not None and not ledger.first_time(key):
            log.info("event %s delivered again (retry %s): already handled", key, _retry_number(request))
            return BoltResponse(status=200, body="")
        next()
        return None

    return middleware


def _retry_number(request: BoltRequest) -> str:
    found = request.headers.get("x-slack-retry-num") or ["0"]
    return found[0]
