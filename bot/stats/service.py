"""Community numbers for admins: how intros go, and which skills are offered versus needed."""

import statistics
from collections import Counter
from dataclasses import dataclass, field

from sqlmodel import Session

from bot import repo
from bot.intros import service as intros
from bot.matching.concepts import concept_index
from bot.models import IntroStatus, Need, NeedStatus, Offer, OfferStatus, Visibility

ACCEPTED = frozenset(
    {
        IntroStatus.ACCEPTED,
        IntroStatus.INTRODUCED,
        IntroStatus.FOLLOWED_UP,
        IntroStatus.MET,
        IntroStatus.NOT_YET,
        IntroStatus.NOT_A_FIT,
    }
)
TOP_SKILLS = 8


@dataclass(frozen=True)
class Stats:
    requested: int
    accepted: int
    declined: int
    introduced: int
    met: int
    acceptance_rate: float | None  # of the intros someone answered
    median_hours_to_accept: float | None
    follow_up_response_rate: float | None
    skills: list[tuple[str, int, int]]  # (skill, offers, needs): supply versus demand
    auto_paused: list[str] = field(default_factory=list)  # still paused after leaving intros unanswered


def team_stats(session: Session, *, team_id: str) -> Stats:
    made = repo.intros_of_team(session, team_id=team_id)
    accepted = [intro for intro in made if intro.status in ACCEPTED]
    declined = [intro for intro in made if intro.status == IntroStatus.DECLINED]
    people = intros.participants_by_intro(session, intro_ids=[intro.id for intro in made if intro.id])
    waits = []
    for intro in accepted:
        answers = [p.answered_at for p in people.get(intro.id or 0, []) if p.answered_at]
        if answers:
            waits.append((max(answers) - intro.created_at).total_seconds() / 3600)
    followed = [intro for intro in made if intro.follow_ups_sent > 0]
    answered = [intro for intro in followed if any(p.outcome for p in people.get(intro.id or 0, []))]
    return Stats(
        requested=len(made),
        accepted=len(accepted),
        declined=len(declined),
        introduced=sum(1 for intro in made if intro.introduced_at is not None),
        met=sum(1 for intro in made if intro.status == IntroStatus.MET),
        acceptance_rate=_share(len(accepted), len(accepted) + len(declined)),
        median_hours_to_accept=round(statistics.median(waits), 1) if waits else None,
        follow_up_response_rate=_share(len(answered), len(followed)),
        skills=_supply_and_demand(session, team_id=team_id),
        auto_paused=[member.name for member in intros.auto_paused(session, team_id=team_id)],
    )


def _supply_and_demand(session: Session, *, team_id: str) -> list[tuple[str, int, int]]:
    """The most offered and most needed skills (shared needs only), each entry counted once per skill."""
    index = concept_index()
    offered: Counter[str] = Counter()
    needed: Counter[str] = Counter()
    for offer in repo.entries_of_team(session, model=Offer, team_id=team_id, statuses=[OfferStatus.ACTIVE]):
        offered.update(set(index.read_tags(offer.skills)) | set(index.read(offer.description).concepts))
    for need in repo.entries_of_team(session, model=Need, team_id=team_id, statuses=[NeedStatus.OPEN]):
        if need.visibility == Visibility.SHARED:
            needed.update(set(index.read_tags(need.skills)) | set(index.read(need.description).concepts))
    top = [skill for skill, _ in offered.most_common(TOP_SKILLS)]
    top += [skill for skill, _ in needed.most_common(TOP_SKILLS) if skill not in top]
    return sorted(
        ((skill, offered[skill], needed[skill]) for skill in top), key=lambda row: (-row[1] - row[2], row[0])
    )


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 2) if whole else None
