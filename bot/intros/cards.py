"""What intro messages say about people and why they should meet: pure, from rows the service loaded.

The "why" shown to someone being asked is written for them, from the intro's need and offer: a need its
owner marked private is never quoted to the other person before both said yes. Once both said yes, the
introduction may name it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from bot.intros import texts
from bot.matching.engine import first_name
from bot.models import Intro, IntroOrigin, Member, Need, Offer, Project, Visibility


@dataclass(frozen=True)
class PersonCard:
    """What one member shows another: who they are, what they offer, work on and (shared) need."""

    user_id: str
    name: str
    title: str = ""
    bio: str = ""
    links: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()  # shared needs only: a private need is never on a card


@dataclass(frozen=True)
class Background:
    """What an intro's "why" draws on besides its two people (each None when there is none, or it is gone)."""

    asker: Member | None
    connector: Member | None
    need: Need | None
    offer: Offer | None


def person_card(
    member: Member, *, offers: Sequence[Offer], projects: Sequence[Project], needs: Sequence[Need]
) -> PersonCard:
    """`member`'s card from their active offers, projects and open needs."""
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


def why_for_invitee(intro: Intro, background: Background) -> str:
    """Why someone is being asked about this intro, in words meant for them."""
    if intro.origin == IntroOrigin.CONNECTOR:
        return _why_connector(intro, background.connector)
    asker_name = first_name(background.asker.name) if background.asker else "A member"
    need, offer = background.need, background.offer
    if need is None or offer is None:
        return texts.why_kindred(asker_name)
    if need.member_id == intro.requested_by_id:  # the asker needs help; the recipient offers it
        if need.visibility == Visibility.PRIVATE:
            return texts.why_help_private(asker_name, offer.description)
        return texts.why_help_wanted(asker_name, need.description, offer.description)
    return texts.why_help_offered(asker_name, offer.description, need.description)


def shared_why(intro: Intro, a: Member, b: Member, background: Background) -> str:
    """Why these two are meeting, for both of them (they both said yes, so a private need may be named)."""
    if intro.origin == IntroOrigin.CONNECTOR:
        return _why_connector(intro, background.connector)
    need, offer = background.need, background.offer
    if need is None or offer is None:
        return texts.neutral_why_kindred(first_name(a.name), first_name(b.name))
    names = {a.id: first_name(a.name), b.id: first_name(b.name)}
    return texts.neutral_why_help(
        names[need.member_id], need.description, names[offer.member_id], offer.description
    )


def _why_connector(intro: Intro, connector: Member | None) -> str:
    return texts.why_connector(first_name(connector.name) if connector else "A member", intro.reason)
