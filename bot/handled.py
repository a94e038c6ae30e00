"""The record of Slack requests already taken on (`handled_requests`): a key is claimed once, by whichever
process gets there first, and old keys are pruned as claims go by."""

import itertools
from collections.abc import Callable
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from bot.db import SessionFactory, session_scope
from bot.models import HandledRequest

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
