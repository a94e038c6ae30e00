"""Turning a stored digest plan into the DM a member sees (on first send, and after each click)."""

from collections.abc import Sequence

from sqlmodel import Session

from bot import repo
from bot.models import DigestSuggestion, Member, MemberStatus
from bot.slack.blocks.digest import DigestEntry, digest_message
from bot.slack.blocks.messages import Message


def digest_entries(session: Session, suggestions: Sequence[DigestSuggestion]) -> list[DigestEntry]:
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


def render_digest(
    session: Session, member: Member, suggestions: Sequence[DigestSuggestion]
) -> Message | None:
    entries = digest_entries(session, suggestions)
    return digest_message(entries, cadence=member.digest_cadence) if entries else None
