"""What the intros service and `messaging` hand each other: plain data, no session.

Out: each intro due for a message as an `IntroView`, with everything its messages show (the intros service
builds them with `load`, which reads the people, their cards, the need and offer for a whole batch in a
fixed number of queries). Back: what `messaging` sent (`Done`), which the service records (`service.record`).
"""

from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

from sqlmodel import Session

from bot import repo
from bot.intros.cards import Background, PersonCard, person_card, shared_why, why_for_invitee
from bot.models import (
    Consent,
    Intro,
    IntroParticipant,
    IntroStatus,
    Member,
    Need,
    NeedStatus,
    Offer,
    OfferStatus,
    Project,
    ProjectStatus,
)


@dataclass(frozen=True)
class Person:
    """One of an intro's two people: their card, their answer, and the question that asked them."""

    participant_id: int
    member_id: int
    card: PersonCard
    consent: Consent
    asked: bool  # whether the consent question was sent to them
    asked_in: tuple[str, str] | None  # (channel, ts) of that question

    @property
    def user_id(self) -> str:
        return self.card.user_id

    @property
    def name(self) -> str:
        return self.card.name


@dataclass(frozen=True)
class IntroView:
    """An intro with everything its messages show."""

    id: int
    team_id: str
    status: IntroStatus
    follow_ups_sent: int
    people: tuple[Person, ...]  # the two, in the order they joined
    connector_user_id: str | None
    asker_user_id: str | None  # who asked, when no connector did (the introduction names them)
    why_invitee: str  # for the consent question
    why_shared: str  # for the introduction

    def person(self, member_id: int | None) -> Person:
        return next(person for person in self.people if person.member_id == member_id)

    def other(self, member_id: int | None) -> Person:
        """The other of the two."""
        return next(person for person in self.people if person.member_id != member_id)


class AskQueue:
    """The consent questions due, intro by intro: whoever waits to be asked, within the weekly limit, which
    counts the questions already asked (`asked`) while the queue is worked through."""

    def __init__(
        self, waiting: list[tuple[IntroView, list[Person]]], asked: Counter[int], limit: int
    ) -> None:
        self._waiting, self._asked, self._limit = waiting, asked, limit

    def __iter__(self) -> Iterator[tuple[IntroView, list[Person]]]:
        for view, people in self._waiting:
            yield view, [person for person in people if self._asked[person.member_id] < self._limit]

    def asked(self, person: Person) -> None:
        self._asked[person.member_id] += 1


@dataclass(frozen=True)
class Paused:
    """A member Kindred paused because their last intro questions went unanswered (the last: an intro id)."""

    team_id: str
    user_id: str
    last_unanswered: int


@dataclass(frozen=True)
class Sent:
    """A delivered message: its delivery row (by team, address and key) says in which channel, at which ts."""

    team_id: str
    user_id: str
    key: str


@dataclass(frozen=True)
class Asked:
    """A participant's consent question was delivered (now, or before)."""

    intro_id: int
    participant_id: int
    sent: Sent


@dataclass(frozen=True)
class Unreachable:
    """A consent question could not be delivered, for good: the intro cannot go on."""

    intro_id: int


@dataclass(frozen=True)
class IntroductionSent:
    """The introduction was delivered to both."""

    intro_id: int
    sent: Sent


@dataclass(frozen=True)
class EndingTold:
    intro_id: int


@dataclass(frozen=True)
class FollowUpSent:
    intro_id: int


@dataclass(frozen=True)
class ConnectorTold:
    intro_id: int


Done = Asked | Unreachable | IntroductionSent | EndingTold | FollowUpSent | ConnectorTold


def load(
    session: Session, *, found: Sequence[Intro], people: Mapping[int, Sequence[IntroParticipant]]
) -> list[IntroView]:
    """Views of the intros `found`, whose participants are `people` (by intro id): six queries at most."""
    member_ids = {participant.member_id for each in people.values() for participant in each}
    member_ids |= {intro.requested_by_id for intro in found}
    member_ids |= {intro.connector_id for intro in found if intro.connector_id}
    members = repo.members_by_id(session, ids=sorted(member_ids))
    needs = repo.entries_by_id(session, model=Need, ids={i.need_id for i in found if i.need_id})
    offers = repo.entries_by_id(session, model=Offer, ids={i.offer_id for i in found if i.offer_id})
    cards = _cards(session, [members[p.member_id] for each in people.values() for p in each])
    built = []
    for intro in found:
        assert intro.id is not None
        background = Background(
            asker=members.get(intro.requested_by_id),
            connector=members.get(intro.connector_id) if intro.connector_id else None,
            need=needs.get(intro.need_id) if intro.need_id else None,
            offer=offers.get(intro.offer_id) if intro.offer_id else None,
        )
        built.append(_view(intro, people[intro.id], members=members, cards=cards, background=background))
    return built


def _cards(session: Session, people: Collection[Member]) -> dict[int, PersonCard]:
    ids = {member.id for member in people if member.id}
    offers = repo.entries_of_members(session, model=Offer, member_ids=ids, statuses=[OfferStatus.ACTIVE])
    projects = repo.entries_of_members(
        session, model=Project, member_ids=ids, statuses=[ProjectStatus.ACTIVE]
    )
    needs = repo.entries_of_members(session, model=Need, member_ids=ids, statuses=[NeedStatus.OPEN])
    return {
        member_id: person_card(
            member,
            offers=offers.get(member_id, []),
            projects=projects.get(member_id, []),
            needs=needs.get(member_id, []),
        )
        for member in people
        if (member_id := member.id)
    }


def _view(
    intro: Intro,
    participants: Sequence[IntroParticipant],
    *,
    members: Mapping[int, Member],
    cards: Mapping[int, PersonCard],
    background: Background,
) -> IntroView:
    assert intro.id is not None
    people = tuple(_person(participant, cards[participant.member_id]) for participant in participants)
    a, b = (members[participant.member_id] for participant in participants)
    connector = background.connector
    asker = None if connector else background.asker
    return IntroView(
        id=intro.id,
        team_id=intro.team_id,
        status=intro.status,
        follow_ups_sent=intro.follow_ups_sent,
        people=people,
        connector_user_id=connector.user_id if connector else None,
        asker_user_id=asker.user_id if asker else None,
        why_invitee=why_for_invitee(intro, background),
        why_shared=shared_why(intro, a, b, background),
    )


def _person(participant: IntroParticipant, card: PersonCard) -> Person:
    assert participant.id is not None
    channel, ts = participant.consent_channel, participant.consent_ts
    return Person(
        participant_id=participant.id,
        member_id=participant.member_id,
        card=card,
        consent=participant.consent,
        asked=participant.asked_at is not None,
        asked_in=(channel, ts) if channel and ts else None,
    )
