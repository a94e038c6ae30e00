"""Quiet members: someone who lets `QUIET_STREAK` intro questions in a row expire unanswered is paused, so
Kindred stops asking, and told once why and how to come back. Only silence counts: a yes or a "not now" is
an answer. Derived from the intros' participants and the delivery ledger (the `AutoPaused` message marks
where a member's count starts again). Functions take the session and `now`, never commit; other features
reach them through `intros.service`.
"""

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from bot import members, repo
from bot.intros.rules import QUIET_STREAK
from bot.intros.views import Paused
from bot.models import Consent, Intro, IntroParticipant, IntroStatus, Member, MemberStatus
from bot.slack.contact import AUTO_PAUSED_KEY_PREFIX

TELL_WITHIN = timedelta(days=2)


def pause_quiet(session: Session, *, expired: Sequence[Intro], now: datetime) -> list[Member]:
    """Whoever has now left `QUIET_STREAK` intro questions in a row to expire unanswered (the last among
    `expired`) is paused, so Kindred stops asking. Only silence counts: a yes or a "not now" is an answer
    and starts the count again, and so does being told of an earlier automatic pause."""
    if not expired:
        return []
    silent = set(
        session.exec(
            select(IntroParticipant.member_id).where(
                col(IntroParticipant.intro_id).in_([_id(intro) for intro in expired]),
                IntroParticipant.consent == Consent.PENDING,
                col(IntroParticipant.asked_at).is_not(None),
            )
        )
    )
    if not silent:
        return []
    found = [
        m for m in repo.members_by_id(session, ids=sorted(silent)).values() if m.status == MemberStatus.ACTIVE
    ]
    streaks = _silent_streaks(session, found)
    return [
        members.set_status(session, member=member, status=MemberStatus.PAUSED, now=now)
        for member in found
        if streaks[_id(member)][0] >= QUIET_STREAK
    ]


def auto_paused_untold(session: Session, *, team_id: str, now: datetime) -> list[Paused]:
    """Members paused for their silence who were not told yet: still paused, the streak still there (told,
    it ends), and paused at the moment the last unanswered question expired (not by themselves, before or
    after). Looked for during `TELL_WITHIN` of the pause (the job tells them on the same tick)."""
    query = select(Member).where(
        Member.team_id == team_id,
        Member.status == MemberStatus.PAUSED,
        col(Member.status_changed_at) >= now - TELL_WITHIN,
    )
    paused = list(session.exec(query))
    streaks = _silent_streaks(session, paused)
    untold = []
    for member in paused:
        count, last = streaks[_id(member)]
        if count >= QUIET_STREAK and last is not None and member.status_changed_at == last.updated_at:
            untold.append(Paused(team_id, member.user_id, _id(last)))
    return untold


def auto_paused(session: Session, *, team_id: str) -> list[Member]:
    """Members still paused whom Kindred paused for their silence (and told so), by name: not someone who
    came back since and then paused themselves (their status changed after they were told)."""
    told = repo.last_sent(session, team_id=team_id, key_prefix=AUTO_PAUSED_KEY_PREFIX)
    if not told:
        return []
    query = select(Member).where(
        Member.team_id == team_id, Member.status == MemberStatus.PAUSED, col(Member.user_id).in_(told)
    )
    found = session.exec(query.order_by(col(Member.name))).all()
    return [m for m in found if m.status_changed_at is not None and m.status_changed_at <= told[m.user_id]]


def _silent_streaks(session: Session, found: Sequence[Member]) -> dict[int, tuple[int, Intro | None]]:
    """For each member, how many of their latest intro questions in a row expired unanswered (since they
    were last told of an automatic pause), and the latest of those: two queries however many members.
    Questions still open, or ended by someone else before the member answered, neither count nor break
    the row."""
    streaks: dict[int, tuple[int, Intro | None]] = {_id(m): (0, None) for m in found}
    if not found:
        return streaks
    told = {}
    for team_id in {m.team_id for m in found}:
        told[team_id] = repo.last_sent(session, team_id=team_id, key_prefix=AUTO_PAUSED_KEY_PREFIX)
    since = {_id(m): told[m.team_id].get(m.user_id) for m in found}
    query = (
        select(IntroParticipant, Intro)
        .join(Intro, col(Intro.id) == IntroParticipant.intro_id)
        .where(col(IntroParticipant.member_id).in_(streaks), col(IntroParticipant.asked_at).is_not(None))
        .order_by(
            col(IntroParticipant.member_id), col(IntroParticipant.asked_at).desc(), col(Intro.id).desc()
        )
    )
    ended: set[int] = set()
    for participant, intro in session.exec(query):
        member_id, asked_at, after = participant.member_id, participant.asked_at, since[participant.member_id]
        assert asked_at is not None
        if member_id in ended:
            continue
        if (after is not None and asked_at <= after) or participant.consent != Consent.PENDING:
            ended.add(member_id)
        elif intro.status == IntroStatus.EXPIRED:
            count, last = streaks[member_id]
            streaks[member_id] = (count + 1, last or intro)
    return streaks


def _id(row: Member | Intro) -> int:
    assert row.id is not None
    return row.id
