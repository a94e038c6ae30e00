"""Community numbers for admins: how intros go, and which skills are offered versus needed."""

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from bot import repo
from bot.intros import service as intros
from bot.matching.concepts import concept_index
from bot.models import (
    DigestRun,
    Intro,
    IntroStatus,
    Need,
    NeedStatus,
    Offer,
    OfferStatus,
    Project,
    ProjectStatus,
    Visibility,
)
from bot.stats.counts import MemberCounts, member_counts, record_member_counts
from bot.stats.csv_rows import csv_chunks, to_csv
from bot.stats.intro_rows import DID_NOT_HAPPEN, STATES, IntroRow, count_intros, intro_batches, intro_rows
from bot.stats.people import WHY, PersonRow, left_out
from bot.stats.snapshots import Picture, network_picture, store_snapshot, teams_without_snapshot
from bot.stats.supply import GapRow, Supply, Theme, supply
from bot.stats.ties import network_of
from bot.stats.trends import ACCEPTED, WEEKS, Series, Trends, share, trends
from bot.stats.waits import introduction_waits, suggestion_waits
from bot.stats.weeks import Week

__all__ = [  # the dashboard's rows, reached by other features through this service
    "DID_NOT_HAPPEN",
    "STATES",
    "WEEKS",
    "WHY",
    "GapRow",
    "IntroRow",
    "MemberCounts",
    "PersonRow",
    "Picture",
    "Series",
    "Supply",
    "Theme",
    "Trends",
    "Week",
    "count_intros",
    "csv_chunks",
    "intro_batches",
    "intro_rows",
    "left_out",
    "network_of",
    "network_picture",
    "record_member_counts",
    "store_snapshot",
    "supply",
    "teams_without_snapshot",
    "to_csv",
    "trends",
]

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
        acceptance_rate=share(len(accepted), len(accepted) + len(declined)),
        median_hours_to_accept=round(statistics.median(waits), 1) if waits else None,
        follow_up_response_rate=share(len(answered), len(followed)),
        skills=_supply_and_demand(session, team_id=team_id),
        auto_paused=[member.name for member in intros.auto_paused(session, team_id=team_id)],
    )


@dataclass(frozen=True)
class Overview:
    """The dashboard's first page: how many people, entries and intros, as plain numbers. Private needs
    count in `needs` (and `private_needs`), and nothing of them but their number is here."""

    active: int
    paused: int
    paused_for_silence: int
    offers: int  # active
    needs: int  # open, shared and private
    private_needs: int
    projects: int  # active
    suggested: int  # digest suggestions shown, all time
    requested: int
    accepted: int
    introduced: int
    met: int
    acceptance_rate: float | None  # of the intros someone answered
    met_rate: float | None  # of the intros made, how many led to "We met"
    days_to_suggestion: float | None  # median, from a need to its first suggestion in a digest
    days_to_introduction: float | None  # median, from a need to the first introduction for it
    trends: Trends  # each of these, week by week


def overview(session: Session, *, team_id: str, weeks: Sequence[Week], now: datetime) -> Overview:
    """The community's numbers today, and week by week over `weeks` (oldest first, the last holding `now`):
    a few grouped queries, whatever the community's size."""
    members = member_counts(session, team_id=team_id)
    waits = (
        suggestion_waits(session, team_id=team_id, weeks=weeks, now=now),
        introduction_waits(session, team_id=team_id, weeks=weeks, now=now),
    )
    open_needs = dict(
        session.exec(
            select(Need.visibility, func.count())
            .where(Need.team_id == team_id, Need.status == NeedStatus.OPEN)
            .group_by(col(Need.visibility))
        ).all()
    )
    funnel = dict(
        session.exec(
            select(Intro.status, func.count()).where(Intro.team_id == team_id).group_by(col(Intro.status))
        ).all()
    )
    introduced = session.exec(
        select(func.count()).where(Intro.team_id == team_id, col(Intro.introduced_at).is_not(None))
    ).one()
    accepted = sum(funnel.get(status, 0) for status in ACCEPTED)
    declined = funnel.get(IntroStatus.DECLINED, 0)
    met = funnel.get(IntroStatus.MET, 0)
    return Overview(
        active=members.active,
        paused=members.paused,
        paused_for_silence=members.quiet,
        offers=_count_entries(session, Offer, team_id, Offer.status == OfferStatus.ACTIVE),
        needs=sum(open_needs.values()),
        private_needs=open_needs.get(Visibility.PRIVATE, 0),
        projects=_count_entries(session, Project, team_id, Project.status == ProjectStatus.ACTIVE),
        suggested=session.exec(
            select(func.coalesce(func.sum(DigestRun.suggestions), 0)).where(DigestRun.team_id == team_id)
        ).one(),
        requested=sum(funnel.values()),
        accepted=accepted,
        introduced=introduced,
        met=met,
        acceptance_rate=share(accepted, accepted + declined),
        met_rate=share(met, introduced),
        days_to_suggestion=waits[0].median,
        days_to_introduction=waits[1].median,
        trends=trends(session, team_id=team_id, weeks=weeks, now=now, members_now=members, waits=waits),
    )


def _count_entries(session: Session, model: type[Offer] | type[Project], team_id: str, alive: Any) -> int:
    return session.exec(select(func.count()).select_from(model).where(model.team_id == team_id, alive)).one()


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
