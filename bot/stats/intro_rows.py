"""Every intro with its state and dates, for the dashboard's Intros page (and its CSV). It never says who
declined: a declined intro reads "did not happen", exactly like one that expired or was cancelled."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from bot.models import Intro, IntroParticipant, IntroStatus, Member

DID_NOT_HAPPEN = "did not happen"
STATE_LABELS = {
    IntroStatus.REQUESTED: "waiting to be asked",
    IntroStatus.AWAITING_CONSENT: "asked",
    IntroStatus.ACCEPTED: "accepted",
    IntroStatus.INTRODUCED: "introduced",
    IntroStatus.FOLLOWED_UP: "introduced",
    IntroStatus.MET: "met",
    IntroStatus.NOT_YET: "introduced",
    IntroStatus.NOT_A_FIT: "not a fit",
    IntroStatus.DECLINED: DID_NOT_HAPPEN,
    IntroStatus.EXPIRED: DID_NOT_HAPPEN,
    IntroStatus.CANCELLED: DID_NOT_HAPPEN,
}
STATES = tuple(dict.fromkeys(STATE_LABELS.values()))  # the filter's choices, in the lifecycle's order


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
) -> list[IntroRow]:
    """The team's intros, newest first; `states` (labels from STATES), `since` and `until` (when it
    started) narrow them down, `limit` keeps the newest few. Three queries however many intros."""
    chosen = _chosen(team_id, states, since, until)
    connector = aliased(Member)
    query = (
        select(Intro, connector.name)
        .outerjoin(connector, col(connector.id) == Intro.connector_id)
        .where(col(Intro.id).in_(chosen))
        .order_by(col(Intro.created_at).desc(), col(Intro.id).desc())
    )
    found = session.exec(query.limit(limit) if limit is not None else query).all()
    newest = chosen.order_by(col(Intro.created_at).desc(), col(Intro.id).desc())
    if limit is not None:
        newest = newest.limit(limit)
    sides: dict[int, list[str]] = {}
    for intro_id, name in session.exec(
        select(IntroParticipant.intro_id, Member.name)
        .join(Member, col(Member.id) == IntroParticipant.member_id)
        .where(col(IntroParticipant.intro_id).in_(newest.subquery().select()))
        .order_by(col(IntroParticipant.intro_id), col(IntroParticipant.id))
    ).all():
        sides.setdefault(intro_id, []).append(name)
    rows = []
    for intro, connector_name in found:
        assert intro.id is not None
        first, second = [*sides.get(intro.id, []), "", ""][:2]
        rows.append(
            IntroRow(
                intro.id,
                first,
                second,
                connector_name or "",
                STATE_LABELS[intro.status],
                intro.created_at,
                intro.introduced_at,
                intro.updated_at,
            )
        )
    return rows


def count_intros(
    session: Session,
    *,
    team_id: str,
    states: Collection[str] = (),
    since: datetime | None = None,
    until: datetime | None = None,
) -> int:
    """How many intros `intro_rows` would give without a limit."""
    chosen = _chosen(team_id, states, since, until).subquery()
    return session.exec(select(func.count()).select_from(chosen)).one()


def _chosen(
    team_id: str, states: Collection[str], since: datetime | None, until: datetime | None
) -> SelectOfScalar[Any]:
    query = select(Intro.id).where(Intro.team_id == team_id)
    if states:
        query = query.where(
            col(Intro.status).in_([s for s, label in STATE_LABELS.items() if label in states])
        )
    if since is not None:
        query = query.where(col(Intro.created_at) >= since)
    if until is not None:
        query = query.where(col(Intro.created_at) < until)
    return query
