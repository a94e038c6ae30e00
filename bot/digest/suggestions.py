"""What a member does with a suggestion: ask for an intro, or say "not for me" (silently, for good)."""

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.digest import texts
from bot.errors import NotAllowed, NotFound
from bot.intros import service as intros
from bot.intros.service import IntroRules
from bot.models import (
    DigestSuggestion,
    FeedbackKind,
    Intro,
    IntroOrigin,
    Member,
    PairFeedback,
    SuggestionStatus,
)


def own_suggestion(session: Session, *, member: Member, suggestion_id: int) -> DigestSuggestion:
    suggestion = session.get(DigestSuggestion, suggestion_id)
    if suggestion is None or suggestion.team_id != member.team_id:
        raise NotFound(texts.SUGGESTION_GONE)
    if suggestion.recipient_id != member.id:
        raise NotAllowed(texts.NOT_YOUR_SUGGESTION)
    return suggestion


def request_intro(
    session: Session, *, member: Member, suggestion_id: int, now: datetime, rules: IntroRules
) -> tuple[DigestSuggestion, Intro | None]:
    """ "Introduce us": the member's yes; the other person is asked next. Returns the new intro, or None
    when this suggestion was already acted on (a second click changes nothing)."""
    suggestion = own_suggestion(session, member=member, suggestion_id=suggestion_id)
    if suggestion.status == SuggestionStatus.DISMISSED:
        raise NotAllowed(texts.ALREADY_DISMISSED)
    if suggestion.status == SuggestionStatus.INTRO_REQUESTED:
        return suggestion, None
    other = session.get(Member, suggestion.other_id)
    if other is None:
        raise NotFound(texts.SUGGESTION_GONE)
    intro = intros.request(
        session,
        asker=member,
        other=other,
        origin=IntroOrigin.DIGEST,
        now=now,
        rules=rules,
        need_id=suggestion.need_id,
        offer_id=suggestion.offer_id,
        suggestion_id=suggestion.id,
    )
    suggestion.status, suggestion.acted_at = SuggestionStatus.INTRO_REQUESTED, now
    session.add(suggestion)
    return suggestion, intro


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
