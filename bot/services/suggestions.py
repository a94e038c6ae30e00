"""What a member does with a suggestion: ask for an intro, or say "not for me" (silently, for good)."""

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, or_, select

from bot import texts
from bot.models import (
    DigestSuggestion,
    FeedbackKind,
    Intro,
    IntroOrigin,
    IntroStatus,
    Member,
    PairFeedback,
    SuggestionStatus,
)
from bot.services.errors import NotAllowed, NotFound


def own_suggestion(session: Session, *, member: Member, suggestion_id: int) -> DigestSuggestion:
    suggestion = session.get(DigestSuggestion, suggestion_id)
    if suggestion is None or suggestion.team_id != member.team_id:
        raise NotFound(texts.SUGGESTION_GONE)
    if suggestion.recipient_id != member.id:
        raise NotAllowed(texts.NOT_YOUR_SUGGESTION)
    return suggestion


def request_intro(session: Session, *, member: Member, suggestion_id: int, now: datetime) -> DigestSuggestion:
    """Record the member's wish to be introduced; clicking twice changes nothing."""
    suggestion = own_suggestion(session, member=member, suggestion_id=suggestion_id)
    if suggestion.status == SuggestionStatus.DISMISSED:
        raise NotAllowed(texts.ALREADY_DISMISSED)
    if suggestion.status == SuggestionStatus.INTRO_REQUESTED:
        return suggestion
    if open_intro(session, team_id=member.team_id, a=suggestion.recipient_id, b=suggestion.other_id) is None:
        session.add(
            Intro(
                team_id=member.team_id,
                requester_id=suggestion.recipient_id,
                other_id=suggestion.other_id,
                origin=IntroOrigin.DIGEST,
                suggestion_id=suggestion.id,
                reason=suggestion.reason,
                created_at=now,
                updated_at=now,
            )
        )
    suggestion.status, suggestion.acted_at = SuggestionStatus.INTRO_REQUESTED, now
    session.add(suggestion)
    return suggestion


def dismiss(session: Session, *, member: Member, suggestion_id: int, now: datetime) -> DigestSuggestion:
    """ "Not for me": that pair is never suggested again, and the other person is never told."""
    suggestion = own_suggestion(session, member=member, suggestion_id=suggestion_id)
    if suggestion.status == SuggestionStatus.INTRO_REQUESTED:
        raise NotAllowed(texts.ALREADY_REQUESTED)
    if suggestion.status == SuggestionStatus.SHOWN:
        try:
            with session.begin_nested():
                session.add(
                    PairFeedback(
                        team_id=member.team_id,
                        member_id=suggestion.recipient_id,
                        other_id=suggestion.other_id,
                        kind=FeedbackKind.NOT_FOR_ME,
                        created_at=now,
                    )
                )
        except IntegrityError:
            pass  # said before (an earlier digest): once is enough
        suggestion.status, suggestion.acted_at = SuggestionStatus.DISMISSED, now
        session.add(suggestion)
    return suggestion


def open_intro(session: Session, *, team_id: str, a: int, b: int) -> Intro | None:
    """An intro between these two members that is still under way (either one asked)."""
    return session.exec(
        select(Intro).where(
            Intro.team_id == team_id,
            Intro.status == IntroStatus.REQUESTED,
            or_(
                (Intro.requester_id == a) & (Intro.other_id == b),
                (Intro.requester_id == b) & (Intro.other_id == a),
            ),
        )
    ).first()
