"""Every intro with its state and dates, for the dashboard's Intros page (and its CSV). It never says who
declined: a declined intro reads "did not happen", exactly like one that expired or was cancelled."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from bot.intros import service as intros
from bot.models import Intro, IntroStatus, Member

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
) -> list[IntroRow]:
    """The team's intros, newest first; `states` (labels from STATES), `since` and `until` (when it
    started) narrow them down."""
    query = select(Intro).where(Intro.team_id == team_id)
    if since is not None:
        query = query.where(col(Intro.created_at) >= since)
    if until is not None:
        query = query.where(col(Intro.created_at) < until)
    found = list(session.exec(query.order_by(col(Intro.created_at).desc(), col(Intro.id).desc())).all())
    found = [intro for intro in found if not states or STATE_LABELS[intro.status] in states]
    people = intros.participants_by_intro(session, intro_ids=[intro.id for intro in found if intro.id])
    ids = {p.member_id for found_people in people.values() for p in found_people}
    ids |= {intro.connector_id for intro in found if intro.connector_id is not None}
    names = dict(session.exec(select(Member.id, Member.name).where(col(Member.id).in_(ids))).all())
    rows = []
    for intro in found:
        assert intro.id is not None
        first, second = (names.get(p.member_id, "") for p in people[intro.id][:2])
        connector = names.get(intro.connector_id, "") if intro.connector_id is not None else ""
        label = STATE_LABELS[intro.status]
        rows.append(
            IntroRow(
                intro.id,
                first,
                second,
                connector,
                label,
                intro.created_at,
                intro.introduced_at,
                intro.updated_at,
            )
        )
    return rows
