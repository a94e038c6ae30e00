"""A community with something on every dashboard page: the demo's 40 members with their offers, needs
(four of them private) and projects, joined over twelve weeks; intros in every state; "We met" pairs that
make four clusters, two members who bridge them, and members nobody was introduced to; ten weekly digests;
a member paused for silence."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from bot.community import service as community_file
from bot.db import SessionFactory, session_scope
from bot.demo import demo_text
from bot.digest.service import store_suggestions
from bot.matching.model import Kind
from bot.models import (
    Consent,
    Delivery,
    DeliveryStatus,
    DigestRun,
    Intro,
    IntroOrigin,
    IntroParticipant,
    IntroStatus,
    Member,
    MemberStatus,
    Need,
    Outcome,
    Visibility,
)
from bot.slack.contact import AUTO_PAUSED_KEY_PREFIX

TEAM = "T0FAKE"  # the fake Slack's workspace, where the admin signs in
NEWCOMERS = {16, 26, 34, 35}  # demo user numbers: joined three weeks ago, not "never introduced" yet
CLUSTERS = {  # demo user numbers, each group tied together by "We met"
    "shops": [1, 2, 13, 14, 32],
    "money": [3, 8, 15, 27],
    "words": [9, 10, 11, 38],
    "code": [5, 22, 25, 31],
}
BRIDGES = [(22, 27), (1, 9)]  # Ben the founder met the CFO; Dana the SEO consultant met the newsletter writer
ELSEWHERE = [  # every other state an intro can be in: (asker, other, state)
    (40, 24, IntroStatus.REQUESTED),
    (21, 7, IntroStatus.AWAITING_CONSENT),
    (17, 36, IntroStatus.ACCEPTED),
    (12, 2, IntroStatus.INTRODUCED),
    (33, 14, IntroStatus.FOLLOWED_UP),
    (20, 10, IntroStatus.NOT_YET),
    (28, 38, IntroStatus.DECLINED),
    (29, 32, IntroStatus.EXPIRED),
    (39, 31, IntroStatus.CANCELLED),
    (6, 4, IntroStatus.NOT_A_FIT),
]
CONNECTOR = (19, 20, 10)  # Ingrid, the community manager, thought Diego and Kwame should meet
QUIET = 23  # paused for silence: three intro questions in a row expired unanswered
INTRODUCED = {
    IntroStatus.INTRODUCED,
    IntroStatus.FOLLOWED_UP,
    IntroStatus.MET,
    IntroStatus.NOT_YET,
    IntroStatus.NOT_A_FIT,
}
CONSENT = dict.fromkeys(INTRODUCED | {IntroStatus.ACCEPTED}, Consent.YES) | {IntroStatus.DECLINED: Consent.NO}
LAST_CHANGE = {  # from the request to the intro's last change, by state
    IntroStatus.REQUESTED: timedelta(0),
    IntroStatus.AWAITING_CONSENT: timedelta(0),
    IntroStatus.ACCEPTED: timedelta(days=1),
    IntroStatus.DECLINED: timedelta(days=1),
    IntroStatus.CANCELLED: timedelta(days=2),
    IntroStatus.EXPIRED: timedelta(days=7),
    IntroStatus.INTRODUCED: timedelta(days=2),
    IntroStatus.FOLLOWED_UP: timedelta(days=16),
    IntroStatus.MET: timedelta(days=17),
    IntroStatus.NOT_YET: timedelta(days=17),
    IntroStatus.NOT_A_FIT: timedelta(days=17),
}


@dataclass(frozen=True)
class Planted:
    private_needs: tuple[str, ...]  # the descriptions of the private needs: never on any page


def plant(sessions: SessionFactory, *, now: datetime) -> Planted:
    community = community_file.parse(demo_text()).model_copy(update={"team_id": TEAM})
    new = [m for m in community.members if int(m.user_id.removeprefix("U0DEMO")) in NEWCOMERS]
    old = [m for m in community.members if m not in new]
    with session_scope(sessions) as session:
        community_file.import_community(
            session, community.model_copy(update={"members": old}), now=now - timedelta(weeks=12)
        )
        community_file.import_community(
            session, community.model_copy(update={"members": new}), now=now - timedelta(weeks=3)
        )
    with session_scope(sessions) as session:
        people = {int(m.user_id.removeprefix("U0DEMO")): m for m in session.exec(select(Member))}
        met = [
            (a, b) for group in CLUSTERS.values() for i, a in enumerate(group) for b in group[i + 1 : i + 3]
        ]
        for n, (a, b) in enumerate(met):  # spread over twelve weeks
            _intro(
                session, people[a], people[b], IntroStatus.MET, now - timedelta(days=84 - 3 * n), need=True
            )
        for a, b in BRIDGES:
            _intro(session, people[a], people[b], IntroStatus.MET, now - timedelta(weeks=5))
        for n, (a, b, state) in enumerate(ELSEWHERE):
            connector = people[CONNECTOR[0]] if (a, b) == CONNECTOR[1:] else None
            _intro(session, people[a], people[b], state, now - timedelta(days=3 + 5 * n), connector=connector)
        for n, asker in enumerate((39, 33, 18)):
            _intro(session, people[asker], people[QUIET], IntroStatus.EXPIRED, now - timedelta(weeks=6 - n))
        _paused_for_silence(session, people[QUIET], now - timedelta(weeks=3))
        _digests(session, people, now)
        private = session.exec(select(Need.description).where(Need.visibility == Visibility.PRIVATE)).all()
    return Planted(tuple(private))


def _intro(
    session: Session,
    asker: Member,
    other: Member,
    state: IntroStatus,
    started: datetime,
    *,
    connector: Member | None = None,
    need: bool = False,
) -> None:
    """An intro `asker` asked for (or `connector` made), for the asker's first need if `need`: the other
    answered the next day, they were introduced the day after, and said how it went two weeks later."""
    answered, introduced = started + timedelta(days=1), started + timedelta(days=2)
    first_need = session.exec(select(Need.id).where(Need.member_id == asker.id)).first() if need else None
    intro = Intro(
        team_id=TEAM,
        origin=IntroOrigin.CONNECTOR if connector else IntroOrigin.NEED if first_need else IntroOrigin.DIGEST,
        status=state,
        requested_by_id=(connector or asker).id or 0,
        connector_id=connector.id if connector else None,
        need_id=first_need,
        introduced_at=introduced if state in INTRODUCED else None,
        created_at=started,
        updated_at=started + LAST_CHANGE[state],
    )
    session.add(intro)
    session.flush()
    outcome = Outcome(state.value) if state.value in set(Outcome) else None
    for member, consent in ((asker, Consent.YES), (other, CONSENT.get(state, Consent.PENDING))):
        session.add(
            IntroParticipant(
                intro_id=intro.id or 0,
                member_id=member.id or 0,
                consent=consent,
                asked_at=None if state == IntroStatus.REQUESTED else started,
                answered_at=answered if consent != Consent.PENDING else None,
                outcome=outcome,
                outcome_at=intro.updated_at if outcome else None,
            )
        )


def _paused_for_silence(session: Session, member: Member, at: datetime) -> None:
    member.status, member.status_changed_at = MemberStatus.PAUSED, at
    session.add(member)
    session.add(
        Delivery(
            team_id=TEAM,
            key=f"{AUTO_PAUSED_KEY_PREFIX}{member.id}",
            user_id=member.user_id,
            status=DeliveryStatus.SENT,
            claimed_at=at,
            sent_at=at,
        )
    )


def _digests(session: Session, people: dict[int, Member], now: datetime) -> None:
    """Ten weekly digests: most active members got suggestions, a few got none in the last four."""
    needs = {need.member_id: need.id for need in session.exec(select(Need))}
    left_out = {4, 6, 16, 20}
    for weeks_ago in range(10, 0, -1):
        at = now - timedelta(weeks=weeks_ago)
        run = DigestRun(
            team_id=TEAM, period=f"{at.isocalendar().year}-W{at.isocalendar().week:02d}", created_at=at
        )
        session.add(run)
        session.flush()
        recipients = [
            n
            for n, m in people.items()
            if m.status == MemberStatus.ACTIVE and (weeks_ago > 4 or n not in left_out)
        ]
        rows = [
            {
                "team_id": TEAM,
                "run_id": run.id,
                "recipient_id": people[n].id,
                "other_id": people[other].id,
                "kind": Kind.CAN_HELP_YOU,
                "score": 0.5,
                "reason": "",
                "need_id": needs.get(people[n].id),
                "created_at": at,
            }
            for position, n in enumerate(recipients)
            for other in (recipients[(position + weeks_ago) % len(recipients)],)
            if other != n
        ]
        store_suggestions(session, run_id=run.id, rows=rows, now=at)  # as the digest's plan stores them
