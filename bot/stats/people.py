"""The members a community manager should look at: left out of the last four digests, never introduced,
or paused for their silence. Plain rows for the dashboard's People page (and its CSV)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from bot.db import plain_rows
from bot.intros import service as intros
from bot.models import DigestRun, DigestSuggestion, Intro, IntroParticipant, Member, MemberStatus

DIGESTS_LOOKED_AT = 4
SETTLING_IN = timedelta(weeks=4)  # a newer member is not "never introduced" yet: Kindred has barely met them
WHY = {
    "no-suggestion": "no suggestion in the last four digests",
    "never-introduced": "never introduced, after four weeks or more",
    "paused-for-silence": "paused for silence",
}


@dataclass(frozen=True)
class PersonRow:
    user_id: str
    name: str
    why: tuple[str, ...]  # WHY's keys, in WHY's order
    member_since: datetime
    slack_link: str  # opens their profile in the Slack app


def left_out(session: Session, *, team_id: str, now: datetime) -> list[PersonRow]:
    """Everyone left out, once each with every reason they are, by name."""
    active = plain_rows(  # the columns shown only: a member row also holds their stored readings
        session,
        select(Member.id, Member.user_id, Member.name, Member.created_at).where(
            Member.team_id == team_id, Member.status == MemberStatus.ACTIVE
        ),
    )
    runs = select(DigestRun.id).where(DigestRun.team_id == team_id)
    recent = session.exec(runs.order_by(col(DigestRun.id).desc()).limit(DIGESTS_LOOKED_AT)).all()
    suggested = {  # each member once: the rows are three or so a member a digest
        member_id
        for (member_id,) in plain_rows(
            session,
            select(DigestSuggestion.recipient_id).where(col(DigestSuggestion.run_id).in_(recent)).distinct(),
        )
    }
    introductions = select(Intro.id).where(Intro.team_id == team_id, col(Intro.introduced_at).is_not(None))
    introduced = {  # the introductions first (an index), then their people: half the time of a join
        member_id
        for (member_id,) in plain_rows(
            session,
            select(IntroParticipant.member_id)
            .where(col(IntroParticipant.intro_id).in_(introductions))
            .distinct(),
        )
    }
    reasons: dict[str, list[str]] = {}
    shown: dict[str, tuple[str, datetime]] = {}
    for member_id, user_id, name, since in active:
        shown[user_id] = (name, since)
        if recent and member_id not in suggested:
            reasons.setdefault(user_id, []).append("no-suggestion")
        if member_id not in introduced and now - since >= SETTLING_IN:
            reasons.setdefault(user_id, []).append("never-introduced")
    for member in intros.auto_paused(session, team_id=team_id):
        shown[member.user_id] = (member.name, member.created_at)
        reasons.setdefault(member.user_id, []).append("paused-for-silence")
    rows = [
        PersonRow(user_id, shown[user_id][0], tuple(why), shown[user_id][1], slack_link(team_id, user_id))
        for user_id, why in reasons.items()
    ]
    return sorted(rows, key=lambda row: (row.name.lower(), row.user_id))


def slack_link(team_id: str, user_id: str) -> str:
    return f"slack://user?team={team_id}&id={user_id}"
