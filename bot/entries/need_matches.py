"""The /need-help confirmation: what was saved, and who could help right now, with "Ask for an intro"."""

from datetime import datetime

from slack_sdk.models.blocks import DividerBlock
from sqlmodel import Session

from bot.digest.matches import helpers_for_need, requested_offers
from bot.intros.blocks import HelperMatch, need_matches_blocks
from bot.matching.embeddings import DEFAULT_MODEL, load_embedder
from bot.models import Member, Need, Offer
from bot.slack.blocks.messages import Message, saved_message

SHOWN = 3


def need_confirmation(
    session: Session, need: Need, *, created: bool, now: datetime, embedding_model: str = DEFAULT_MODEL
) -> Message:
    assert need.id is not None
    base = saved_message(need, created=created)
    requested = requested_offers(session, need_id=need.id)
    cards = [card for offer_id in sorted(requested) if (card := _card(session, offer_id)) is not None]
    for found in helpers_for_need(
        session, need=need, now=now, limit=SHOWN, embedder=load_embedder(embedding_model)
    ):
        if len(cards) < SHOWN and found.offer.id not in requested:
            cards.append(_card_for(found.member, found.offer))
    blocks = [*base.blocks, DividerBlock(), *need_matches_blocks(need.id, cards, requested)]
    return Message(text=base.text, blocks=blocks)


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
