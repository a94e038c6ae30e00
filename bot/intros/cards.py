"""What intro messages say about people and why they should meet, read from the database.

The "why" shown to someone being asked is written for them, from the intro's need and offer: a need its
owner marked private is never quoted to the other person before both said yes. Once both said yes, the
introduction may name it.
"""

from sqlmodel import Session

from bot import repo, texts
from bot.intros.blocks import PersonCard
from bot.matching.engine import first_name
from bot.models import (
    Intro,
    IntroOrigin,
    Member,
    Need,
    NeedStatus,
    Offer,
    OfferStatus,
    Project,
    ProjectStatus,
    Visibility,
)


def person_card(session: Session, member: Member) -> PersonCard:
    assert member.id is not None
    offers = repo.entries_of_member(session, model=Offer, member_id=member.id, statuses=[OfferStatus.ACTIVE])
    projects = repo.entries_of_member(
        session, model=Project, member_id=member.id, statuses=[ProjectStatus.ACTIVE]
    )
    needs = repo.entries_of_member(session, model=Need, member_id=member.id, statuses=[NeedStatus.OPEN])
    return PersonCard(
        user_id=member.user_id,
        name=member.name,
        title=member.title,
        bio=member.bio,
        links=tuple(member.links),
        offers=tuple(offer.description for offer in offers),
        projects=tuple(project.name for project in projects),
        needs=tuple(need.description for need in needs if need.visibility == Visibility.SHARED),
    )


def why_for_invitee(session: Session, intro: Intro) -> str:
    """Why someone is being asked about this intro, in words meant for them."""
    if intro.origin == IntroOrigin.CONNECTOR:
        connector = session.get(Member, intro.connector_id) if intro.connector_id else None
        return texts.why_connector(first_name(connector.name) if connector else "A member", intro.reason)
    asker = session.get(Member, intro.requested_by_id)
    asker_name = first_name(asker.name) if asker else "A member"
    need = session.get(Need, intro.need_id) if intro.need_id else None
    offer = session.get(Offer, intro.offer_id) if intro.offer_id else None
    if need is None or offer is None:
        return texts.why_kindred(asker_name)
    if need.member_id == intro.requested_by_id:  # the asker needs help; the recipient offers it
        if need.visibility == Visibility.PRIVATE:
            return texts.why_help_private(asker_name, offer.description)
        return texts.why_help_wanted(asker_name, need.description, offer.description)
    return texts.why_help_offered(asker_name, offer.description, need.description)


def shared_why(session: Session, intro: Intro, a: Member, b: Member) -> str:
    """Why these two are meeting, for both of them (they both said yes, so a private need may be named)."""
    if intro.origin == IntroOrigin.CONNECTOR:
        connector = session.get(Member, intro.connector_id) if intro.connector_id else None
        return texts.why_connector(first_name(connector.name) if connector else "A member", intro.reason)
    need = session.get(Need, intro.need_id) if intro.need_id else None
    offer = session.get(Offer, intro.offer_id) if intro.offer_id else None
    if need is None or offer is None:
        return texts.neutral_why_kindred(first_name(a.name), first_name(b.name))
    names = {a.id: first_name(a.name), b.id: first_name(b.name)}
    return texts.neutral_why_help(
        names[need.member_id], need.description, names[offer.member_id], offer.description
    )
