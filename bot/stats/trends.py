"""The Overview's numbers week by week: one value a week over the last community weeks (digest periods),
oldest first, the last being this week so far. Each series is one grouped query, whatever the community's
size, and holds numbers only: a private need counts like any other and nothing says which need or who.

- Members (active, paused, quiet): the counts the `member-counts` job kept each week, and today's live
  counts for this week; a week before counting began is None (unknown), never 0.
- Offers, needs and projects: how many were open at each week's end, from when each was posted and closed
  (a closed entry changes no more, so its last change is its closing). Entries of members Kindred has
  forgotten are gone from every week.
- The funnel: what happened each week: suggestions shown in that week's digest (as its plan counted them),
  intros requested, accepted by both (the second yes), introduced, and met (the first "We met").
- Rates: of the intros answered that week, the share accepted; of that week's introductions, the share
  that has met since. None when the week has nothing to divide by.
- Waits: the median days a need waited, for the needs whose first suggestion (or introduction) came that
  week."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Subquery, case, func, or_
from sqlmodel import Session, col, select

from bot.models import (
    DigestRun,
    Intro,
    IntroParticipant,
    IntroStatus,
    Need,
    NeedStatus,
    Offer,
    OfferStatus,
    Outcome,
    Project,
    ProjectStatus,
)
from bot.stats.counts import MemberCounts, stored_member_counts
from bot.stats.waits import Waits
from bot.stats.weeks import Week, week_of

WEEKS = 12  # the Overview's charts cover the last twelve weeks
ACCEPTED = frozenset(  # both said yes, whatever came after
    {
        IntroStatus.ACCEPTED,
        IntroStatus.INTRODUCED,
        IntroStatus.FOLLOWED_UP,
        IntroStatus.MET,
        IntroStatus.NOT_YET,
        IntroStatus.NOT_A_FIT,
    }
)
Series = tuple[float | None, ...]  # one value a week, oldest first; None: not known, or nothing to divide
Counts = tuple[int, ...]  # one count a week, oldest first


@dataclass(frozen=True)
class Trends:
    weeks: tuple[str, ...]  # the periods' keys, oldest first: 2026-W49
    active: Series
    paused: Series
    paused_for_silence: Series
    offers: Series
    needs: Series  # open, shared and private
    projects: Series
    suggested: Series
    requested: Series
    accepted: Series
    introduced: Series
    met: Series
    acceptance_rate: Series
    met_rate: Series
    days_to_suggestion: Series
    days_to_introduction: Series


def trends(
    session: Session,
    *,
    team_id: str,
    weeks: Sequence[Week],
    now: datetime,
    members_now: MemberCounts,
    waits: tuple[Waits, Waits],
) -> Trends:
    """`weeks` oldest first, the last holding `now`; nothing after `now` counts. What the Overview read
    already is given: today's member counts (this week's values) and the needs' waits for a first suggestion
    and a first introduction, each with the week it ended in."""
    stored = stored_member_counts(session, team_id=team_id, periods=[week.key for week in weeks[:-1]])
    members = [stored.get(week.key) for week in weeks[:-1]] + [members_now]
    since = weeks[0].starts_at
    mine = Intro.team_id == team_id
    introductions = _introductions(session, team_id, weeks, now)
    introduced = tuple(met + not_met for met, not_met in zip(*introductions, strict=True))
    since_met = introductions[0]
    accepted, declined = _answered(session, team_id, weeks, now)
    return Trends(
        weeks=tuple(week.key for week in weeks),
        active=tuple(None if m is None else m.active for m in members),
        paused=tuple(None if m is None else m.paused for m in members),
        paused_for_silence=tuple(None if m is None else m.quiet for m in members),
        offers=_open_at(session, Offer, Offer.status == OfferStatus.ACTIVE, team_id, weeks, now),
        needs=_open_at(session, Need, Need.status == NeedStatus.OPEN, team_id, weeks, now),
        projects=_open_at(session, Project, Project.status == ProjectStatus.ACTIVE, team_id, weeks, now),
        suggested=_suggested(session, team_id, weeks),
        requested=_per_week(session, _moments(col(Intro.created_at), mine), weeks, now),
        accepted=accepted,
        introduced=introduced,
        met=_per_week(session, _first_met(team_id, since), weeks, now),
        acceptance_rate=tuple(share(yes, yes + no) for yes, no in zip(accepted, declined, strict=True)),
        met_rate=tuple(share(met, made) for met, made in zip(since_met, introduced, strict=True)),
        days_to_suggestion=waits[0].weekly(len(weeks)),
        days_to_introduction=waits[1].weekly(len(weeks)),
    )


def share(part: int, whole: int) -> float | None:
    """part / whole to two decimals; None when there is nothing to divide by."""
    return round(part / whole, 2) if whole else None


def _moments(moment: Any, *where: Any) -> Subquery:
    return select(moment.label("at")).where(moment.is_not(None), *where).subquery()


def _answered(session: Session, team_id: str, weeks: Sequence[Week], now: datetime) -> tuple[Counts, Counts]:
    """How many intros were accepted (the second yes) and declined (the no) each week: each intro by its last
    answer, among the intros someone answered since the first week began (found by the answers' time
    first, so only the last weeks' are read, and grouped before they are joined to their intros)."""
    since = weeks[0].starts_at
    recent = select(IntroParticipant.intro_id).where(col(IntroParticipant.answered_at) >= since)
    answers = (
        select(IntroParticipant.intro_id, func.max(IntroParticipant.answered_at).label("at"))
        .where(col(IntroParticipant.intro_id).in_(recent))
        .group_by(col(IntroParticipant.intro_id))
        .subquery()
    )
    last = (
        select(answers.c.at, col(Intro.status).in_(ACCEPTED).label("flag"))
        .join(Intro, col(Intro.id) == answers.c.intro_id)
        .where(Intro.team_id == team_id, col(Intro.status).in_(ACCEPTED | {IntroStatus.DECLINED}))
        .subquery()
    )
    return _split_per_week(session, last, weeks, now)


def _introductions(
    session: Session, team_id: str, weeks: Sequence[Week], now: datetime
) -> tuple[Counts, Counts]:
    """How many of each week's introductions have met since, and how many not (yet)."""
    made = (
        select(col(Intro.introduced_at).label("at"), (col(Intro.status) == IntroStatus.MET).label("flag"))
        .where(Intro.team_id == team_id, col(Intro.introduced_at) >= weeks[0].starts_at)
        .subquery()
    )
    return _split_per_week(session, made, weeks, now)


def _first_met(team_id: str, since: datetime) -> Subquery:
    """When each intro that met was first said to have met, for the intros someone said so of since `since`
    (found by the outcomes' time first, and grouped before they are joined to their intros; the other's "We
    met" may be older, and then it is the first)."""
    recent = select(IntroParticipant.intro_id).where(
        IntroParticipant.outcome == Outcome.MET, col(IntroParticipant.outcome_at) >= since
    )
    firsts = (
        select(IntroParticipant.intro_id, func.min(IntroParticipant.outcome_at).label("at"))
        .where(col(IntroParticipant.intro_id).in_(recent), IntroParticipant.outcome == Outcome.MET)
        .group_by(col(IntroParticipant.intro_id))
        .subquery()
    )
    return (
        select(firsts.c.at)
        .join(Intro, col(Intro.id) == firsts.c.intro_id)
        .where(Intro.team_id == team_id, Intro.status == IntroStatus.MET)
        .subquery()
    )


def _per_week(session: Session, moments: Subquery, weeks: Sequence[Week], now: datetime) -> Counts:
    """How many of `moments` (a subquery's `at`) fell in each week, counted by the database: the week is
    labelled inside, then grouped outside (PostgreSQL groups a labelled column, not a repeated expression);
    whatever came after `now` is labelled past the last week and left out."""
    at = moments.c.at
    inside = select(week_of(at, weeks, now).label("week")).where(at >= weeks[0].starts_at).subquery()
    counted = dict(session.exec(select(inside.c.week, func.count()).group_by(inside.c.week)).all())
    return tuple(counted.get(n, 0) for n in range(len(weeks)))


def _split_per_week(
    session: Session, moments: Subquery, weeks: Sequence[Week], now: datetime
) -> tuple[Counts, Counts]:
    """Like `_per_week`, in two: the `moments` whose `flag` is true, and the others."""
    at = moments.c.at
    inside = (
        select(week_of(at, weeks, now).label("week"), moments.c.flag)
        .where(at >= weeks[0].starts_at)
        .subquery()
    )
    counted = session.exec(
        select(inside.c.week, inside.c.flag, func.count()).group_by(inside.c.week, inside.c.flag)
    ).all()
    by = {(week, bool(flag)): n for week, flag, n in counted}
    return (
        tuple(by.get((week, True), 0) for week in range(len(weeks))),
        tuple(by.get((week, False), 0) for week in range(len(weeks))),
    )


def _suggested(session: Session, team_id: str, weeks: Sequence[Week]) -> Series:
    """Suggestions shown in each week's digest (by its period, whenever within it they were sent), as each
    plan counted them."""
    query = select(DigestRun.period, DigestRun.suggestions).where(
        DigestRun.team_id == team_id, col(DigestRun.period).in_([week.key for week in weeks])
    )
    counted = dict(session.exec(query).all())
    return tuple(counted.get(week.key, 0) for week in weeks)


def _open_at(
    session: Session,
    model: type[Offer] | type[Need] | type[Project],
    alive: Any,
    team_id: str,
    weeks: Sequence[Week],
    now: datetime,
) -> Series:
    """How many entries were open at each week's end: posted by then, and still open or closed after it.
    The database counts the team's entries by the week each was posted in and closed in (-1: before the
    first week; closed before it: not counted at all), and the weeks' ends are summed up here."""
    since = weeks[0].starts_at
    inside = (
        select(
            week_of(col(model.created_at), weeks, now).label("posted"),
            case((alive, None), else_=week_of(col(model.updated_at), weeks, now)).label("closed"),
        )
        .where(model.team_id == team_id, or_(alive, col(model.updated_at) >= since))
        .subquery()
    )
    query = select(inside.c.posted, inside.c.closed, func.count()).group_by(inside.c.posted, inside.c.closed)
    counted = session.exec(query).all()
    return tuple(
        sum(n for posted, closed, n in counted if posted <= week and (closed is None or closed > week))
        for week in range(len(weeks))
    )
