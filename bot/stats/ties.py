"""The network of who Kindred introduced: every member still in the community, and a tie for every intro
that happened (the two were introduced; "We met" pairs among them). Fed to `network.analyse`."""

from sqlmodel import Session, col, select

from bot.models import Intro, IntroParticipant, Member, MemberStatus
from bot.stats.network import Network, analyse


def network_of(session: Session, *, team_id: str) -> Network:
    members = session.exec(
        select(Member.id).where(Member.team_id == team_id, Member.status != MemberStatus.LEFT)
    ).all()
    sides = session.exec(
        select(IntroParticipant.intro_id, IntroParticipant.member_id)
        .join(Intro, col(Intro.id) == IntroParticipant.intro_id)
        .where(Intro.team_id == team_id, col(Intro.introduced_at).is_not(None))
        .order_by(col(IntroParticipant.intro_id), col(IntroParticipant.id))
    ).all()
    pairs: dict[int, list[int]] = {}
    for intro_id, member_id in sides:
        pairs.setdefault(intro_id, []).append(member_id)
    ties = [(people[0], people[1]) for people in pairs.values() if len(people) == 2]
    return analyse([m for m in members if m is not None], ties)
