"""Every intro with its state and dates, for the dashboard's Intros page (and its CSV). It never says who
declined: a declined intro reads "did not happen", exactly like one that expired or was cancelled."""

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_
from sqlalchemy import select as sa_select  # sqlmodel's select is typed for at most four columns
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from bot.db import plain_rows
from bot.models import Intro, IntroParticipant, IntroStatus, Member

DID_NOT_HAPPEN = "did not happen"
STATE_LABELS = {
    IntroStatus.REQUESTED: "waiting to be asked",
    IntroStatus.AWAITING_CONSENT: "waiting for answers",
    IntroStatus.ACCEPTED: "accepted",
    IntroStatus.INTRODUCED: "introduced",
    IntroStatus.FOLLOWED_UP: "introduced",
    IntroStatus.MET: "met",
    IntroStatus.NOT_YET: "not met yet",
    IntroStatus.NOT_A_FIT: "not a fit",
    IntroStatus.DECLINED: DID_NOT_HAPPEN,
    IntroStatus.EXPIRED: DID_NOT_HAPPEN,
    IntroStatus.CANCELLED: DID_NOT_HAPPEN,
}
STATES = tuple(dict.fromkeys(STATE_LABELS.values()))  # the filter's choices, in the lifecycle's order
BATCH = 5000  # intros read at a time for a download


@dataclass(frozen=True)
class IntroRow:
    intro_id: int
    first: str  # the two people's names
    second: str
    connector: str  # "" when the two asked for it themselves (a digest or /need-help)
    state: str  # one of STATES
    started: datetime
    introduced: datetime | None
    last_change: datetime


def intro_rows(
    session: Session,
    *,
    team_id: str,
    states: Collection[str] = (),
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int | None = None,
    before: IntroRow | None = None,
) -> list[IntroRow]:
    """The team's intros, newest first; `states` (labels from STATES), `since` and `until` (when it
    started) narrow them down, `limit` keeps the newest few, and `before` starts after that row (the next
    batch). Two queries however many intros."""
    conditions = _conditions(team_id, states, since, until)
    if before is not None:
        started = col(Intro.created_at)  # a range of the index, then the ties of that instant by id
        conditions += [
            started <= before.started,
            or_(started < before.started, col(Intro.id) < before.intro_id),
        ]
    connector = aliased(Member)
    newest_first = (col(Intro.created_at).desc(), col(Intro.id).desc())
    query = (  # columns, not Intro objects: building 50,000 ORM objects for a CSV took most of its time
        sa_select(
            col(Intro.id),
            col(Intro.status),
            col(Intro.created_at),
            col(Intro.introduced_at),
            col(Intro.updated_at),
            col(connector.name),
        )
        .outerjoin(connector, col(connector.id) == Intro.connector_id)
        .where(*conditions)
        .order_by(*newest_first)
    )
    found = plain_rows(session, query.limit(limit) if limit is not None else query)
    sides_of = select(IntroParticipant.intro_id, Member.name).join(
        Member, col(Member.id) == IntroParticipant.member_id
    )
    if limit is None:
        sides_of = sides_of.join(Intro, col(Intro.id) == IntroParticipant.intro_id).where(*conditions)
    else:
        newest = select(Intro.id).where(*conditions).order_by(*newest_first).limit(limit)
        sides_of = sides_of.where(col(IntroParticipant.intro_id).in_(newest.subquery().select()))
    sides: dict[int, list[str]] = {}
    for intro_id, name in plain_rows(
        session, sides_of.order_by(col(IntroParticipant.intro_id), col(IntroParticipant.id))
    ):
        sides.setdefault(intro_id, []).append(name)
    rows = []
    for intro_id, status, started, introduced, last_change, connector_name in found:
        first, second = [*sides.get(intro_id, []), "", ""][:2]
        rows.append(
            IntroRow(
                intro_id,
                first,
                second,
                connector_name or "",
                STATE_LABELS[status],
                started,
                introduced,
                last_change,
            )
        )
    return rows


def intro_batches(
    session: Session,
    *,
    team_id: str,
    states: Collection[str] = (),
    since: datetime | None = None,
    until: datetime | None = None,
    size: int | None = None,
) -> Iterator[list[IntroRow]]:
    """What `intro_rows` gives without a limit, `size` rows at a time (BATCH by default) as they are read
    (for a download of hundreds of thousands: never all of them in memory at once)."""
    size = size or BATCH
    last = None
    while True:
        rows = intro_rows(
            session, team_id=team_id, states=states, since=since, until=until, limit=size, before=last
        )
        if rows:
            yield rows
        if len(rows) < size:
            return
        last = rows[-1]


def count_intros(
    session: Session,
    *,
    team_id: str,
    states: Collection[str] = (),
    since: datetime | None = None,
    until: datetime | None = None,
) -> int:
    """How many intros `intro_rows` would give without a limit."""
    conditions = _conditions(team_id, states, since, until)
    return session.exec(select(func.count()).select_from(Intro).where(*conditions)).one()


def _conditions(
    team_id: str, states: Collection[str], since: datetime | None, until: datetime | None
) -> list[ColumnElement[bool]]:
    """Which intros: the team's, in one of `states`, started within [since, until)."""
    conditions: list[ColumnElement[bool]] = [col(Intro.team_id) == team_id]
    if states:
        chosen = [status for status, label in STATE_LABELS.items() if label in states]
        conditions.append(col(Intro.status).in_(chosen))
    if since is not None:
        conditions.append(col(Intro.created_at) >= since)
    if until is not None:
        conditions.append(col(Intro.created_at) < until)
    return conditions
