"""Property: Kindred never sends a member anything unasked in their local night (so never more than one
DM a night — none at all, except the introduction both people just asked for), whatever their time zones,
the community's digest day and time, when intros start and are answered, and when the scheduler ticks.

Each example is six simulated weeks of a small community: the weekly digest, intro questions, expiries,
the "it didn't work out" notes, follow-ups, automatic pauses and reconnect nudges (after 30 days), all run
by `run_due` at random ticks, against the fake Slack."""

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, col, select

from bot.db import SessionFactory, make_engine, make_session_factory, session_scope
from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.intros import service as intros
from bot.intros import start as intro_start
from bot.intros.rules import IntroRules
from bot.models import Consent, Intro, IntroOrigin, IntroParticipant, IntroStatus, Member, Outcome
from bot.quiet_hours import QuietHours
from bot.schedule import run_due
from bot.slack.contact import SENT_AT_ANY_HOUR, kind_of_key
from tests.factories import TEAM, make_member, make_need, make_offer
from tests.fakeslack import FakeSlack
from tests.jobs.conftest import context_for

NIGHT = QuietHours.parse("20:00-08:00")
ZONES = [
    "Pacific/Kiritimati",  # UTC+14
    "Pacific/Tongatapu",  # UTC+13
    "Pacific/Auckland",  # UTC+13/+12, daylight saving in the southern summer
    "Asia/Kathmandu",  # UTC+5:45
    "Europe/Berlin",
    "UTC",
    "America/St_Johns",  # UTC−3:30/−2:30
    "America/Chicago",
    "Pacific/Honolulu",  # UTC−10
    "Pacific/Pago_Pago",  # UTC−11
]
PEOPLE = ["U0ANA", "U0BEN", "U0CAI", "U0DEV", "U0EVE"]
START = datetime(2027, 3, 1, 0, 0, tzinfo=UTC)  # a month with daylight-saving changes on both sides
SPAN = timedelta(weeks=6)


@dataclass(frozen=True)
class Event:
    at: timedelta  # after START
    what: str  # "request", "connect", "yes", "met"
    people: tuple[int, ...]  # indexes into PEOPLE


events = st.builds(
    Event,
    st.integers(0, int(SPAN.total_seconds() // 60)).map(lambda minutes: timedelta(minutes=minutes)),
    st.sampled_from(["request", "connect", "yes", "yes", "yes", "met", "met"]),
    st.permutations(range(len(PEOPLE))).map(lambda order: tuple(order[:3])),
)


@contextmanager
def _community(template: Path, zones: list[str]) -> Iterator[tuple[SessionFactory, FakeSlack]]:
    """A fresh database (a copy of the migrated template) and fake Slack holding PEOPLE in `zones`; each
    offers and needs something another can help with, so digests have people to suggest."""
    with tempfile.TemporaryDirectory() as folder, FakeSlack(team_id=TEAM) as fake:
        path = Path(folder) / "kindred.db"
        shutil.copy(template, path)
        engine = make_engine(f"sqlite:///{path}")
        sessions = make_session_factory(engine)
        with session_scope(sessions) as session:
            for number, (user_id, zone) in enumerate(zip(PEOPLE, zones, strict=True)):
                fake.add_user(user_id, name=user_id.lower(), real_name=user_id[3:].title(), tz=zone)
                member = make_member(
                    session, user_id, name=user_id[3:].title(), now=START - timedelta(days=60)
                )
                member.timezone = zone
                skills = (["seo"], ["logo-design"]) if number % 2 else (["logo-design"], ["seo"])
                make_offer(session, member, f"{skills[0][0]} help for small shops", skills=skills[0])
                make_need(session, member, f"Someone who knows {skills[1][0]}", skills=skills[1])
        try:
            yield sessions, fake
        finally:
            engine.dispose()


def _apply(sessions: SessionFactory, event: Event, now: datetime) -> None:
    """A member's action at `now`, straight through the services (the bot's buttons call the same)."""
    rules = IntroRules(max_pending=10, max_new_per_week=10)
    with session_scope(sessions) as session:
        people = [_member(session, PEOPLE[i]) for i in event.people]
        try:
            if event.what == "request":
                intro_start.request(
                    session, asker=people[0], other=people[1], origin=IntroOrigin.DIGEST, now=now, rules=rules
                )
            elif event.what == "connect":
                intro_start.connect(
                    session, connector=people[0], a=people[1], b=people[2], reason="", now=now, rules=rules
                )
            else:
                _answer(session, people[0], event.what, now)
        except (InvalidInput, NotAllowed, NotFound):
            pass  # the bot would have said why (a pair already under way, a limit…); nothing changes


def _answer(session: Session, member: Member, what: str, now: datetime) -> None:
    """Yes to the member's oldest open question, or "We met" to their oldest follow-up."""
    asked = session.exec(
        select(Intro, IntroParticipant)
        .join(IntroParticipant, col(IntroParticipant.intro_id) == Intro.id)
        .where(IntroParticipant.member_id == member.id)
        .order_by(col(Intro.id))
    ).all()
    for intro, me in asked:
        assert intro.id is not None
        if what == "yes" and intro.status == IntroStatus.AWAITING_CONSENT and me.consent == Consent.PENDING:
            intros.answer(session, member=member, intro_id=intro.id, yes=True, now=now)
            return
        if what == "met" and intro.status in (IntroStatus.FOLLOWED_UP, IntroStatus.NOT_YET):
            intros.record_outcome(session, member=member, intro_id=intro.id, outcome=Outcome.MET, now=now)
            return


def _member(session: Session, user_id: str) -> Member:
    return session.exec(select(Member).where(Member.user_id == user_id)).one()


def _unasked_at_night(
    fake: FakeSlack, seen: dict[str, int], now: datetime, zones: dict[str, str]
) -> list[str]:
    """The messages new in each DM since the last look that Kindred sent unasked in that member's night."""
    found = []
    for user_id, zone in zones.items():
        messages = fake.messages(user_id)
        for message in messages[seen[user_id] :]:
            key = ((message.get("metadata") or {}).get("event_payload") or {}).get("key", "")
            kind = kind_of_key(key)
            if (
                kind is not None
                and not isinstance(kind, SENT_AT_ANY_HOUR)
                and NIGHT.is_quiet(now, ZoneInfo(zone))
            ):
                local = now.astimezone(ZoneInfo(zone)).strftime("%a %H:%M")
                found.append(f"{key} to {user_id} at {local} in {zone}")
        seen[user_id] = len(messages)
    return found


@settings(max_examples=6, suppress_health_check=[HealthCheck.too_slow])
@given(
    zones=st.lists(st.sampled_from(ZONES), min_size=len(PEOPLE), max_size=len(PEOPLE)),
    community_zone=st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"]),
    digest_day=st.sampled_from(["mon", "wed", "fri", "sun"]),
    digest_time=st.sampled_from(["06:30", "09:00", "12:15", "18:45", "21:00"]),
    gaps=st.lists(st.integers(15, 240), min_size=60, max_size=60),
    happenings=st.lists(events, min_size=6, max_size=24),
)
def test_nothing_unasked_arrives_in_a_members_night(
    sqlite_template: Path,
    zones: list[str],
    community_zone: str,
    digest_day: str,
    digest_time: str,
    gaps: list[int],
    happenings: list[Event],
) -> None:
    by_user = dict(zip(PEOPLE, zones, strict=True))
    with _community(sqlite_template, zones) as (sessions, fake):
        context = context_for(
            fake,
            sessions,
            KINDRED_TIMEZONE=community_zone,
            KINDRED_DIGEST_DAY=digest_day,
            KINDRED_DIGEST_TIME=digest_time,
            KINDRED_RECONNECT_DAYS="30",
            KINDRED_EMBEDDING_MODEL="none",
        )
        pending = sorted(happenings, key=lambda event: event.at)
        seen = dict.fromkeys(PEOPLE, 0)
        violations: list[str] = []
        now, step = START, 0
        while now < START + SPAN:
            now += timedelta(minutes=gaps[step % len(gaps)])
            step += 1
            while pending and START + pending[0].at <= now:
                event = pending.pop(0)
                _apply(sessions, event, START + event.at)
            run_due(context, now)
            violations += _unasked_at_night(fake, seen, now, by_user)
        assert sum(len(fake.messages(user_id)) for user_id in PEOPLE) > 0
        assert violations == []
