"""Who is acting in a request, and the request's one unit of work.

`listeners.errors.guard` hands an `Acting` to every handler that names an `acting` argument. Building it
looks nothing up, so it costs the ack nothing: the member is resolved when the handler opens
`acting.work()`, in the listener's thread, after the ack (and, for a modal, after validation). A Bolt
listener middleware would not do: Bolt runs those in the request's thread before the response is sent.

`acting.work()` is one session and one transaction: the member is looked up in the transaction that the
handler's service call then commits, once. Only someone new costs more: the lookup's transaction ends,
Slack's users.info gives their real name and time zone, and the member is created in the handler's
transaction.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from sqlmodel import Session

from bot import members, texts
from bot.db import session_scope
from bot.errors import NotFound
from bot.members import Identity
from bot.models import Member
from bot.slack.context import Deps, deps_of, identity_of
from bot.slack.surfaces import fetch_identity


@dataclass(frozen=True)
class Work:
    """The request's unit of work: its session, the acting member in it, and the app clock's `now`."""

    session: Session
    member: Member
    now: datetime


@dataclass(frozen=True)
class Acting:
    """The member behind a command, click or submission, with what a handler needs to act for them."""

    who: Identity
    deps: Deps
    client: WebClient

    @classmethod
    def of(cls, body: dict[str, Any], context: Any, client: WebClient) -> "Acting":
        return cls(who=identity_of(body, context), deps=deps_of(context), client=client)

    @contextmanager
    def work(self) -> Iterator[Work]:
        """The member's unit of work, committed once when the block ends (rolled back if it raises).
        Someone Kindred has forgotten is not re-created by a click or a command: they are told how to come
        back."""
        with self.work_unless_forgotten() as work:
            if work is None:
                raise NotFound(texts.FORGOTTEN)
            yield work

    @contextmanager
    def work_unless_forgotten(self) -> Iterator[Work | None]:
        """Like `work`, but None (and nothing created) for someone who asked Kindred to forget them."""
        now = self.deps.clock()
        with session_scope(self.deps.sessions) as session:
            member = members.acting_member(session, who=self.who, now=now, look_up=self._look_up)
            yield None if member is None else Work(session, member, now)

    def join(self) -> None:
        """Make someone new a member (a first visit to the Home); someone Kindred has forgotten stays so."""
        with self.work_unless_forgotten():
            pass

    def refresh_home(self) -> None:
        """Show the member their Home as it is now (the Home feature publishes it)."""
        self.deps.home(self.client, self.deps, team_id=self.who.team_id, user_id=self.who.user_id)

    def sync_identity(self) -> None:
        """Someone created from a form submission has only their username: fetch their real name and time
        zone from Slack."""
        found = self._look_up()
        if found is None:
            return
        with session_scope(self.deps.sessions) as session:
            member, _ = members.known(session, who=self.who)
            if member is not None:
                now = self.deps.clock()
                members.refresh_identity(
                    session, member=member, name=found.name, timezone=found.timezone, now=now
                )

    def stranger(self) -> Member:
        """Who is acting, as an unsaved member row: for a form shown to someone Kindred has forgotten."""
        return Member(team_id=self.who.team_id, user_id=self.who.user_id, name=self.who.name, links=[])

    def _look_up(self) -> Identity | None:
        return fetch_identity(self.client, team_id=self.who.team_id, user_id=self.who.user_id)
