"""The Overview's numbers week by week, over the last 12 community weeks (Berlin's Mondays), at a fixed
`now`: what happened in each week lands in that week, an entry counts while it was open, member counts
exist only for the weeks they were kept, and a rate with nothing to divide is no rate at all."""

from collections.abc import Sequence
from dataclasses import astuple
from datetime import datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot import members
from bot.digest.service import DigestRules, store_suggestions
from bot.entries import service as entries
from bot.matching.model import Kind
from bot.models import (
    Consent,
    DigestRun,
    Intro,
    IntroOrigin,
    IntroParticipant,
    IntroStatus,
    Member,
    MemberCount,
    MemberStatus,
    Need,
    NeedCreate,
    OfferCreate,
    Outcome,
)
from bot.stats import service as stats
from tests.conftest import NOW
from tests.factories import TEAM, make_member

RULES = DigestRules(zone=ZoneInfo("Europe/Berlin"))
TODAY = NOW + timedelta(days=2)  # Wednesday of the week of Monday 23 November
WEEKS = RULES.periods(TODAY, count=12)  # 7 September … 23 November
GONE = [0] * 12


def day_in(week: int, hours: float = 0) -> datetime:
    """The Wednesday of one of the 12 weeks (0 is the oldest, 11 this one), `hours` later."""
    return WEEKS[week].starts_at + timedelta(days=2, hours=hours)


BEFORE = WEEKS[0].starts_at - timedelta(days=30)


def trends(session: Session) -> stats.Trends:
    session.commit()
    return stats.overview(session, team_id=TEAM, weeks=WEEKS, now=TODAY).trends


def weeks(**values: float) -> list[float | None]:
    """A series of zeros but for the weeks named w0 … w11."""
    found: list[float | None] = [0] * 12
    for name, value in values.items():
        found[int(name[1:])] = value
    return found


def intro(
    session: Session,
    people: Sequence[Member],
    status: IntroStatus,
    *,
    created: datetime,
    answers: Sequence[tuple[Consent, datetime | None]] = ((Consent.PENDING, None), (Consent.PENDING, None)),
    introduced: datetime | None = None,
    met: Sequence[datetime | None] = (None, None),
    need: Need | None = None,
) -> Intro:
    made = Intro(
        team_id=TEAM,
        origin=IntroOrigin.DIGEST,
        status=status,
        requested_by_id=people[0].id or 0,
        need_id=need.id if need else None,
        introduced_at=introduced,
        created_at=created,
        updated_at=created,
    )
    session.add(made)
    session.flush()
    for person, (consent, answered), said_met in zip(people, answers, met, strict=True):
        session.add(
            IntroParticipant(
                intro_id=made.id or 0,
                member_id=person.id or 0,
                consent=consent,
                answered_at=answered,
                outcome=Outcome.MET if said_met else None,
                outcome_at=said_met,
            )
        )
    return made


def suggest(
    session: Session, period: str, at: datetime, pairs: Sequence[tuple[Member, Member, Need | None]]
) -> None:
    run = DigestRun(team_id=TEAM, period=period, created_at=at)
    session.add(run)
    session.flush()
    rows = [
        {
            "team_id": TEAM,
            "run_id": run.id,
            "recipient_id": recipient.id,
            "other_id": other.id,
            "kind": Kind.YOU_CAN_HELP,
            "score": 0.5,
            "reason": "",
            "need_id": need.id if need else None,
            "created_at": at,
        }
        for recipient, other, need in pairs
    ]
    store_suggestions(session, run_id=run.id, rows=rows, now=at)  # as a digest's plan stores them


def need(session: Session, member: Member, text: str, at: datetime, **fields: str) -> Need:
    posted = entries.add_entry(session, member=member, data=NeedCreate(description=text, **fields), now=at)
    assert isinstance(posted, Need)
    return posted


def test_each_intro_counts_in_the_week_it_was_requested_accepted_introduced_and_first_met(
    session: Session,
) -> None:
    ana, ben, cleo, dev = (make_member(session, f"U0{n}", name=n) for n in ("ANA", "BEN", "CLEO", "DEV"))
    yes = Consent.YES
    intro(  # accepted and introduced in week 9, met in week 10 (Ben said so first) and 11 (Ana)
        session,
        (ana, ben),
        IntroStatus.MET,
        created=day_in(9),
        answers=((yes, day_in(9)), (yes, day_in(9, hours=2))),
        introduced=day_in(9, hours=3),
        met=(day_in(11), day_in(10)),
    )
    intro(  # declined in week 10: a no counts against the acceptance rate of its week
        session,
        (ana, cleo),
        IntroStatus.DECLINED,
        created=day_in(9),
        answers=((yes, day_in(9)), (Consent.NO, day_in(10))),
    )
    intro(  # accepted in week 10, introduced in week 11, not met (yet)
        session,
        (ben, dev),
        IntroStatus.INTRODUCED,
        created=day_in(10),
        answers=((yes, day_in(10)), (yes, day_in(10, hours=5))),
        introduced=day_in(11),
    )
    intro(  # made long before: only its "We met" in week 1 is within the 12 weeks
        session,
        (cleo, dev),
        IntroStatus.MET,
        created=BEFORE,
        answers=((yes, BEFORE), (yes, BEFORE)),
        introduced=BEFORE,
        met=(day_in(1), None),
    )
    intro(  # first met before the 12 weeks: the other's "We met" in week 2 is not a new meeting
        session,
        (ana, dev),
        IntroStatus.MET,
        created=BEFORE,
        answers=((yes, BEFORE), (yes, BEFORE)),
        introduced=BEFORE,
        met=(BEFORE + timedelta(days=20), day_in(2)),
    )
    intro(session, (cleo, ben), IntroStatus.AWAITING_CONSENT, created=day_in(11))  # asked this week
    intro(session, (dev, cleo), IntroStatus.REQUESTED, created=TODAY + timedelta(hours=1))  # after now

    found = trends(session)

    assert found.weeks == tuple(week.key for week in WEEKS)
    assert found.weeks[-1] == "2026-W48"
    assert list(found.requested) == weeks(w9=2, w10=1, w11=1)
    assert list(found.accepted) == weeks(w9=1, w10=1)
    assert list(found.introduced) == weeks(w9=1, w11=1)
    assert list(found.met) == weeks(w1=1, w10=1)
    assert list(found.acceptance_rate) == [None] * 9 + [1.0, 0.5, None]  # 1 of 1 answered, then 1 of 2
    assert list(found.met_rate) == [None] * 9 + [1.0, None, 0.0]  # of each week's introductions


def test_entries_count_in_every_week_they_were_open_and_a_private_need_is_only_counted(
    session: Session,
) -> None:
    ana, ben, cleo = (make_member(session, f"U0{n}", name=n) for n in ("ANA", "BEN", "CLEO"))
    entries.add_entry(session, member=ana, data=OfferCreate(description="Local SEO audits"), now=BEFORE)
    offer = entries.add_entry(session, member=ben, data=OfferCreate(description="Bookkeeping"), now=day_in(2))
    entries.close_entry(
        session,
        member=ben,
        kind=entries.EntryKind.OFFER,
        entry_id=offer.id or 0,
        closing=entries.Closing.WITHDRAW,
        now=day_in(5),
    )
    old = need(session, ana, "My shop isn't on Google", BEFORE)
    private = need(session, ben, "Burnout, honestly", day_in(1), visibility="private")
    recent = need(session, ana, "Drowning in receipts", day_in(8))
    entries.close_entry(
        session,
        member=ana,
        kind=entries.EntryKind.NEED,
        entry_id=recent.id or 0,
        closing=entries.Closing.RESOLVE,
        now=day_in(11),
    )
    suggest(session, "2026-W36", BEFORE, [(ben, ana, old)])  # the week before the twelve
    suggest(session, WEEKS[3].key, day_in(3), [(ana, ben, private), (ben, ana, old), (ana, cleo, None)])
    intro(
        session,
        (ben, ana),
        IntroStatus.INTRODUCED,
        created=day_in(9),
        introduced=day_in(11, hours=3),
        need=recent,
    )

    found = trends(session)

    assert list(found.offers) == [1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1]  # withdrawn in week 5
    assert list(found.needs) == [1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 2]  # the private one from week 1
    assert list(found.projects) == GONE
    assert list(found.suggested) == weeks(w3=3)  # by the digest's period; the one before is not counted
    # Week 3 holds the private need's first suggestion, 14 days after it was posted; the old need's first
    # came before the twelve weeks, so its second is no first at all.
    assert list(found.days_to_suggestion) == [None] * 3 + [14.0] + [None] * 8
    assert list(found.days_to_introduction) == [None] * 11 + [21.1]
    for value in astuple(found)[1:]:  # numbers only: nothing says which need or whose
        assert all(v is None or isinstance(v, int | float) for v in value)


def test_member_counts_exist_for_the_weeks_they_were_kept(session: Session) -> None:
    _, ben, cleo = (make_member(session, f"U0{n}", name=n) for n in ("ANA", "BEN", "CLEO"))
    stats.record_member_counts(session, team_id=TEAM, period=WEEKS[4].key, now=day_in(4))
    members.set_status(session, member=cleo, status=MemberStatus.PAUSED, now=day_in(4, hours=1))
    stats.record_member_counts(session, team_id=TEAM, period=WEEKS[4].key, now=day_in(4, hours=2))  # again
    members.set_status(session, member=ben, status=MemberStatus.PAUSED, now=day_in(6))
    stats.record_member_counts(session, team_id=TEAM, period=WEEKS[6].key, now=day_in(6, hours=1))
    members.set_status(session, member=ben, status=MemberStatus.ACTIVE, now=day_in(11))

    found = trends(session)

    # Nothing was counted before week 4, nor in week 5: unknown, not zero. This week is counted live.
    assert list(found.active) == [None] * 4 + [2, None, 1] + [None] * 4 + [2]
    assert list(found.paused) == [None] * 4 + [1, None, 2] + [None] * 4 + [1]
    assert list(found.paused_for_silence) == [None] * 4 + [0, None, 0] + [None] * 4 + [0]
    kept = session.exec(select(MemberCount.period, MemberCount.active).order_by(MemberCount.period)).all()
    assert kept == [(WEEKS[4].key, 2), (WEEKS[6].key, 1)]  # one row a week, the week's last count


def test_a_new_community_has_zeros_but_no_rates_waits_or_past_member_counts(session: Session) -> None:
    found = trends(session)
    for series in (found.requested, found.accepted, found.introduced, found.met, found.suggested):
        assert list(series) == GONE
    for series in (
        found.acceptance_rate,
        found.met_rate,
        found.days_to_suggestion,
        found.days_to_introduction,
    ):
        assert list(series) == [None] * 12
    assert list(found.active) == [None] * 11 + [0]
    assert list(found.offers) == GONE


def test_the_weeks_are_the_communitys_and_a_change_of_clocks_skips_none() -> None:
    spring = RULES.periods(datetime(2026, 4, 1, 12, tzinfo=ZoneInfo("UTC")), count=12)  # over 29 March
    assert [week.key for week in spring] == [f"2026-W{n:02d}" for n in range(3, 15)]
    assert all(a.ends_at == b.starts_at for a, b in pairwise(spring))
    assert spring[-1].starts_at == datetime(2026, 3, 29, 22, tzinfo=ZoneInfo("UTC"))  # Berlin's Monday
