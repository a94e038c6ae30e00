"""Who could help with a need right now: shown right after /need-help, each with "Ask for an intro"."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from bot import repo, vectors
from bot.digest.service import load_community, load_history
from bot.matching.embeddings import Embedder, load_embedder
from bot.matching.engine import helpers_for
from bot.matching.model import NeedDoc, Suggestion
from bot.models import Intro, Member, Need, Offer, Visibility


@dataclass(frozen=True)
class HelperFound:
    member: Member
    offer: Offer
    score: float


def helpers_for_need(
    session: Session, *, need: Need, now: datetime, limit: int = 3, embedder: Embedder | None = None
) -> list[HelperFound]:
    """The same matcher as the digest, for one need: its best helpers right now, one per person."""
    assert need.id is not None
    return helpers_for_needs(session, needs=[need], now=now, limit=limit, embedder=embedder)[need.id]


def helpers_for_needs(
    session: Session,
    *,
    needs: Sequence[Need],
    now: datetime,
    limit: int = 3,
    embedder: Embedder | None = None,
) -> dict[int, list[HelperFound]]:
    """Need id → its best helpers right now (the App Home lists them under each need); the community is
    read once for all of them."""
    if not needs:
        return {}
    team_id = needs[0].team_id
    community = load_community(session, team_id=team_id, now=now, embedder=embedder)
    history = load_history(session, team_id=team_id, now=now)
    loaded = {need.entry_id: need for need in community.needs}  # open needs, read with the community
    others = [need.id for need in needs if need.id is not None and need.id not in loaded]
    stored = vectors.stored_of(session, vectors.NEED, embedder=embedder, ids=others)
    found: dict[int, list[HelperFound]] = {}
    for need in needs:
        assert need.id is not None
        doc = loaded.get(need.id) or NeedDoc(
            need.id,
            need.member_id,
            need.description,
            need.details,
            tuple(need.skills),
            private=need.visibility == Visibility.PRIVATE,
            vector=stored[need.id].vector if need.id in stored else None,
            analysis=stored[need.id].analysis if need.id in stored else None,
        )
        found[need.id] = _resolved(session, helpers_for(doc, community, history, limit=limit))
    return found


def _resolved(session: Session, found: list[Suggestion]) -> list[HelperFound]:
    people = repo.members_by_id(session, ids=[suggestion.other_id for suggestion in found])
    return [
        HelperFound(people[suggestion.other_id], offer, suggestion.score)
        for suggestion in found
        if suggestion.offer_id is not None and (offer := session.get(Offer, suggestion.offer_id)) is not None
    ]


def requested_offers(session: Session, *, need_id: int) -> set[int]:
    """Offers the need's owner already asked an intro about, for this need."""
    intros = session.exec(select(Intro).where(Intro.need_id == need_id)).all()
    return {intro.offer_id for intro in intros if intro.offer_id is not None}


@dataclass(frozen=True)
class HelperMatch:
    offer_id: int
    user_id: str
    name: str
    title: str
    offer: str


SHOWN = 3


def _card(session: Session, offer_id: int) -> HelperMatch | None:
    offer = session.get(Offer, offer_id)
    member = session.get(Member, offer.member_id) if offer else None
    return _card_for(member, offer) if offer and member else None


def _card_for(member: Member, offer: Offer) -> HelperMatch:
    assert offer.id is not None
    return HelperMatch(
        offer_id=offer.id,
        user_id=member.user_id,
        name=member.name,
        title=member.title,
        offer=offer.description,
    )


@dataclass(frozen=True)
class NeedHelpers:
    """Who could help with a need: the offers the member already asked about (`requested`), and up to
    `SHOWN` cards, those asked about first."""

    requested: set[int]
    cards: list[HelperMatch]


def need_helpers(session: Session, *, need: Need, now: datetime, embedding_model: str) -> NeedHelpers:
    assert need.id is not None
    requested = requested_offers(session, need_id=need.id)
    cards = [card for offer_id in sorted(requested) if (card := _card(session, offer_id)) is not None]
    for found in helpers_for_need(
        session, need=need, now=now, limit=SHOWN, embedder=load_embedder(embedding_model)
    ):
        if len(cards) < SHOWN and found.offer.id not in requested:
            cards.append(_card_for(found.member, found.offer))
    return NeedHelpers(requested, cards)
