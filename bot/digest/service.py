"""The weekly digest's plan: who gets one this period, and which few people each of them should meet.

A period's plan is computed once and stored (a digest run and its suggestions), so re-running the job after
a crash sends exactly what was planned, and the rule "not the same pair within four weeks" cannot change
a plan halfway through sending it.
"""

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import sqlalchemy as sa
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from bot import repo, vectors
from bot.config import Settings
from bot.digest.periods import Period, period_of, periods_until
from bot.heap import without_collections
from bot.intros.service import DECLINE_MEMORY
from bot.matching.embeddings import DEFAULT_MODEL, Embedder, background, load_embedder
from bot.matching.engine import suggest
from bot.matching.model import (
    Community,
    History,
    Kind,
    Limits,
    NeedDoc,
    OfferDoc,
    Pair,
    Person,
    ProjectDoc,
    Tables,
    pair,
)
from bot.matching.readings import Columns, Table
from bot.models import (
    DigestCadence,
    DigestRun,
    DigestSuggestion,
    IntroStatus,
    Member,
    MemberStatus,
    Need,
    NeedStatus,
    Offer,
    OfferStatus,
    Project,
    ProjectStatus,
    SuggestionStatus,
    Visibility,
)
from bot.quiet_hours import QuietHours, zone_of
from bot.slack.contact import DIGEST_KEY_PREFIX

CADENCE_DAYS = {DigestCadence.WEEKLY: 7, DigestCadence.EVERY_TWO_WEEKS: 14, DigestCadence.MONTHLY: 28}
NOT_AGAIN_WITHIN = timedelta(weeks=4)
CAPACITY_WINDOW = timedelta(days=30)
FIRSTS_AT_A_TIME = 1000  # needs marked first suggested in one UPDATE (far below any bound-parameter limit)


@dataclass(frozen=True)
class DigestRules:
    zone: ZoneInfo
    day: str = "mon"
    at: time = time(9, 0)
    limits: Limits = field(default_factory=Limits)
    embedding_model: str = DEFAULT_MODEL  # KINDRED_EMBEDDING_MODEL; "none" matches by vocabulary alone
    quiet: QuietHours | None = None  # KINDRED_QUIET_HOURS, on each member's own clock

    @classmethod
    def from_settings(cls, settings: Settings) -> "DigestRules":
        limits = Limits(per_member=settings.digest_suggestions, appearances=settings.digest_max_appearances)
        return cls(
            zone=settings.zone,
            day=settings.digest_day,
            at=settings.digest_time,
            limits=limits,
            embedding_model=settings.embedding_model,
            quiet=settings.quiet,
        )

    @property
    def embedder(self) -> Embedder | None:
        return load_embedder(self.embedding_model)

    def period(self, now: datetime) -> Period:
        return period_of(now, zone=self.zone, day=self.day, at=self.at)

    def periods(self, now: datetime, *, count: int) -> list[Period]:
        """The last `count` periods, this one last: the weeks the dashboard's charts cover."""
        return periods_until(now, count=count, zone=self.zone, day=self.day, at=self.at)

    def slot(self, period: Period, timezone: str) -> datetime:
        """When a member in `timezone` (their Slack `tz`) gets this period's digest."""
        return period.local_slot(zone_of(timezone), day=self.day, at=self.at, quiet=self.quiet)


@dataclass(frozen=True)
class PlannedSuggestion:
    """One suggestion of a plan, as stored in `suggestions` (id and run are unset in a preview)."""

    recipient_id: int
    other_id: int
    kind: Kind
    score: float
    reason: str
    position: int
    need_id: int | None = None
    offer_id: int | None = None
    project_id: int | None = None
    other_project_id: int | None = None
    status: SuggestionStatus = SuggestionStatus.SHOWN
    id: int | None = None
    run_id: int | None = None


@dataclass(frozen=True)
class PlannedDigest:
    member: Member
    suggestions: list[PlannedSuggestion]


@dataclass(frozen=True)
class Plan:
    team_id: str
    period: Period
    run_id: int | None  # None for a preview that was not stored
    digests: list[PlannedDigest]


def plan(session: Session, *, team_id: str, now: datetime, rules: DigestRules) -> Plan:
    """This period's stored plan, computing and storing it first if needed (the caller commits)."""
    period = rules.period(now)
    run = repo.get_run(session, team_id=team_id, period=period.key)
    if run is None:
        try:
            with session.begin_nested():
                run = DigestRun(team_id=team_id, period=period.key, created_at=now)
                session.add(run)
                session.flush()
                vectors.refresh(session, embedder=rules.embedder, team_id=team_id)
                rows = _compute(session, team_id=team_id, now=now, rules=rules)
                if rows:
                    fixed = {"team_id": team_id, "run_id": run.id, "created_at": now}
                    store_suggestions(
                        session, run_id=run.id, rows=[_stored(row) | fixed for row in rows], now=now
                    )
        except IntegrityError:  # another process stored this period's plan first: use theirs
            run = repo.get_run(session, team_id=team_id, period=period.key)
            assert run is not None
    assert run.id is not None
    return Plan(team_id, period, run.id, _grouped(session, _load(session, run.id)))


def preview(session: Session, *, team_id: str, now: datetime, rules: DigestRules) -> Plan:
    """What this period's digest would be, computed now and stored nowhere."""
    period = rules.period(now)
    return Plan(
        team_id, period, None, _grouped(session, _compute(session, team_id=team_id, now=now, rules=rules))
    )


def slots(session: Session, *, team_id: str, period: Period, rules: DigestRules) -> tuple[datetime, datetime]:
    """The first and the last moment a member of the team gets this period's digest."""
    zones = session.exec(
        select(Member.timezone)
        .where(Member.team_id == team_id, Member.status == MemberStatus.ACTIVE)
        .distinct()
    ).all()
    moments = [rules.slot(period, zone) for zone in zones] or [period.scheduled_at]
    return min(moments), max(moments)


def is_due(cadence: DigestCadence, last_digest: datetime | None, now: datetime) -> bool:
    """Weekly, every two weeks, or monthly (every fourth week); a day's slack for a late run."""
    if cadence == DigestCadence.OFF:
        return False
    return last_digest is None or now - last_digest >= timedelta(days=CADENCE_DAYS[cadence] - 1)


def _compute(session: Session, *, team_id: str, now: datetime, rules: DigestRules) -> list[PlannedSuggestion]:
    with without_collections():
        community = load_community(session, team_id=team_id, now=now, embedder=rules.embedder)
        history = load_history(session, team_id=team_id, now=now)
        chosen = suggest(community, history, rules.limits)
    return [
        PlannedSuggestion(
            recipient_id=member_id,
            other_id=found.other_id,
            kind=found.kind,
            score=found.score,
            reason=found.reason,
            position=position,
            need_id=found.need_id,
            offer_id=found.offer_id,
            project_id=found.project_id,
            other_project_id=found.other_project_id,
        )
        for member_id in sorted(chosen)
        for position, found in enumerate(chosen[member_id])
    ]


STORED_FIELDS = (
    "recipient_id",
    "other_id",
    "kind",
    "score",
    "reason",
    "position",
    "need_id",
    "offer_id",
    "project_id",
    "other_project_id",
    "status",
)


def store_suggestions(
    db: Session | sa.Connection, *, run_id: int | None, rows: Sequence[dict[str, Any]], now: datetime
) -> None:
    """Store a plan's suggestions (made at `now`) with what the dashboard reads instead of counting them
    all: the run's number of suggestions, and each need's first suggestion (left alone if it had one)."""
    runs, needs = DigestRun.__table__, Need.__table__  # type: ignore[attr-defined]
    db.execute(insert(DigestSuggestion), list(rows))
    db.execute(sa.update(runs).where(runs.c.id == run_id).values(suggestions=runs.c.suggestions + len(rows)))
    chosen = sorted({row["need_id"] for row in rows if row.get("need_id")})
    for start in range(0, len(chosen), FIRSTS_AT_A_TIME):
        db.execute(
            sa.update(needs)
            .where(
                needs.c.id.in_(chosen[start : start + FIRSTS_AT_A_TIME]), needs.c.first_suggested_at.is_(None)
            )
            .values(first_suggested_at=now)
        )


def _stored(row: PlannedSuggestion) -> dict[str, object]:
    return {name: getattr(row, name) for name in STORED_FIELDS}


def _load(session: Session, run_id: int) -> list[PlannedSuggestion]:
    table = DigestSuggestion.__table__  # type: ignore[attr-defined]
    query = sa.select(*(table.c[name] for name in (*STORED_FIELDS, "id", "run_id"))).where(
        table.c.run_id == run_id
    )
    return [
        PlannedSuggestion(**{**row._mapping, "kind": Kind(row.kind), "status": SuggestionStatus(row.status)})
        for row in session.execute(query)
    ]


def load_community(
    session: Session,
    *,
    team_id: str,
    now: datetime,
    embedder: Embedder | None = None,
    needs: Collection[int] | None = None,
) -> Community:
    """Everyone's profile and open entries, with their sentence vectors when a model is configured. With
    `needs`, only what matching those needs against every offer takes: those needs and no projects (at
    100,000 members, reading the others' stored readings took a third of the time)."""
    # With stored readings, what the details and tags say is already read: only headlines are quoted.
    community = _load_texts(session, team_id=team_id, now=now, headlines_only=embedder is not None)
    if needs is not None:
        community = replace(
            community, needs=tuple(n for n in community.needs if n.entry_id in needs), projects=()
        )
    if embedder is None:
        return community

    columns = Columns()

    def table(source: vectors.Source, rows: Sequence[tuple[int, int]]) -> Table:
        return vectors.stored_table(
            session,
            source,
            embedder=embedder,
            ids=[row_id for row_id, _ in rows],
            owners=[owner for _, owner in rows],
            columns=columns,
        )

    tables = Tables(
        people=table(vectors.PROFILE, [(p.member_id, p.member_id) for p in community.people]),
        offers=table(vectors.OFFER, [(o.entry_id, o.member_id) for o in community.offers]),
        needs=table(vectors.NEED, [(n.entry_id, n.member_id) for n in community.needs]),
        projects=table(vectors.PROJECT, [(p.entry_id, p.member_id) for p in community.projects]),
        embedded=np.ones(len(community.people), dtype=bool),
    )
    return replace(community, background=background(embedder), embedder=embedder, tables=tables)


def _load_texts(session: Session, *, team_id: str, now: datetime, headlines_only: bool = False) -> Community:
    """Everyone's profile and open entries; with `headlines_only`, no details and no tags (at 100,000
    members they are a sizeable share of the memory a digest takes)."""

    def entry_columns(last: str) -> tuple[str | None, ...]:
        extra = (None, None) if headlines_only else ("details", "skills")
        return ("id", "member_id", "description", *extra, last)

    last_digest = repo.last_sent(session, team_id=team_id, key_prefix=DIGEST_KEY_PREFIX)
    people = []
    for member_id, user_id, name, title, bio, status, cadence in repo.rows_of_team(
        session,
        model=Member,
        team_id=team_id,
        columns=("id", "user_id", "name", "title", "bio", "status", "digest_cadence"),
    ):
        opted_in = status == MemberStatus.ACTIVE and cadence != DigestCadence.OFF
        due = opted_in and is_due(DigestCadence(cadence), last_digest.get(user_id), now)
        people.append(Person(member_id, user_id, name, title, bio, suggestible=opted_in, receives=due))
    used = _offer_use(session, team_id=team_id, since=now - CAPACITY_WINDOW)
    offers = tuple(
        OfferDoc(
            entry_id,
            member_id,
            description,
            details or "",
            tuple(skills or ()),
            None if capacity is None else max(0, capacity - used[entry_id]),
        )
        for entry_id, member_id, description, details, skills, capacity in repo.rows_of_team(
            session,
            model=Offer,
            team_id=team_id,
            statuses=[OfferStatus.ACTIVE],
            columns=entry_columns("monthly_capacity"),
        )
    )
    needs = tuple(
        NeedDoc(
            entry_id,
            member_id,
            description,
            details or "",
            tuple(skills or ()),
            private=visibility == Visibility.PRIVATE,
        )
        for entry_id, member_id, description, details, skills, visibility in repo.rows_of_team(
            session,
            model=Need,
            team_id=team_id,
            statuses=[NeedStatus.OPEN],
            columns=entry_columns("visibility"),
        )
    )
    projects = tuple(
        ProjectDoc(entry_id, member_id, name, description, help_wanted or "", tuple(skills or ()))
        for entry_id, member_id, name, description, help_wanted, skills in repo.rows_of_team(
            session,
            model=Project,
            team_id=team_id,
            statuses=[ProjectStatus.ACTIVE],
            columns=(
                "id",
                "member_id",
                "name",
                "description",
                *((None, None) if headlines_only else ("help_wanted", "skills")),
            ),
        )
    )
    return Community(people=tuple(people), offers=offers, needs=needs, projects=projects)


def load_history(session: Session, *, team_id: str, now: datetime) -> History:
    """Pairs never to suggest (an intro under way or made, a decline within 180 days, "not a fit",
    "not for me"), pairs suggested in the last four weeks, and pairs who met (they count as connected)."""
    blocked: set[Pair] = set()
    connected: set[Pair] = set()
    for intro, people in repo.intros_with_people(session, team_id=team_id):
        together = pair(*people)
        if intro.status == IntroStatus.MET:
            connected.add(together)
        forgotten = intro.status == IntroStatus.DECLINED and now - intro.updated_at >= DECLINE_MEMORY
        if intro.status not in (IntroStatus.EXPIRED, IntroStatus.CANCELLED) and not forgotten:
            blocked.add(together)
    feedback = repo.feedback_of_team(session, team_id=team_id)
    blocked |= {pair(given.member_id, given.other_id) for given in feedback}
    recent = {
        pair(shown.recipient_id, shown.other_id)
        for shown in repo.suggestions_since(session, team_id=team_id, since=now - NOT_AGAIN_WITHIN)
    }
    return History(blocked=frozenset(blocked), recent=frozenset(recent), connected=frozenset(connected))


def _offer_use(session: Session, *, team_id: str, since: datetime) -> Counter[int]:
    """How often each offer was the reason someone was suggested a helper, recently."""
    return Counter(
        shown.offer_id
        for shown in repo.suggestions_since(session, team_id=team_id, since=since)
        if shown.kind == Kind.CAN_HELP_YOU and shown.offer_id is not None
    )


def _grouped(session: Session, rows: list[PlannedSuggestion]) -> list[PlannedDigest]:
    by_member: dict[int, list[PlannedSuggestion]] = {}
    for row in rows:
        by_member.setdefault(row.recipient_id, []).append(row)
    members = repo.members_by_id(session, ids=sorted(by_member))
    return [
        PlannedDigest(members[member_id], sorted(found, key=lambda row: row.position))
        for member_id, found in sorted(by_member.items(), key=lambda item: members[item[0]].user_id)
    ]
