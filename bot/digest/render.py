"""Turning a stored digest plan into the DM a member sees (on first send, and after each click)."""

from collections.abc import Sequence
from typing import Protocol

from sqlmodel import Session

from bot import repo
from bot.digest.blocks import DigestEntry, digest_message
from bot.models import Member, MemberStatus
from bot.slack.blocks.messages import Message


class Shown(Protocol):
    """A suggestion as planned or as stored: what the digest shows about it."""

    @property
    def id(self) -> int | None: ...
    @property
    def other_id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def status(self) -> str: ...


def digest_entries(session: Session, suggestions: Sequence[Shown]) -> list[DigestEntry]:
    """The suggestions, minus anyone who has left the workspace since they were planned."""
    others = repo.members_by_id(session, ids=sorted({s.other_id for s in suggestions}))
    return [
        DigestEntry(
            suggestion_id=suggestion.id or 0,
            kind=suggestion.kind,
            reason=suggestion.reason,
            status=suggestion.status,
            user_id=other.user_id,
            name=other.name,
            title=other.title,
            links=tuple(other.links),
        )
        for suggestion in suggestions
        if (other := others.get(suggestion.other_id)) is not None and other.status != MemberStatus.LEFT
    ]


def render_digest(session: Session, member: Member, suggestions: Sequence[Shown]) -> Message | None:
    entries = digest_entries(session, suggestions)
    return digest_message(entries, cadence=member.digest_cadence) if entries else None
