"""The digest plan: who receives one, what is excluded because of history, and that it is stored once."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from bot import members
from bot.digest import service as digest
from bot.digest.service import DigestRules, is_due
from bot.intros import service as intros
from bot.intros.service import IntroRules
from bot.models import (
    Delivery,
    DeliveryStatus,
    DigestCadence,
    DigestRun,
    DigestSuggestion,
    FeedbackKind,
    IntroOrigin,
    MemberStatus,
    Need,
    PairFeedback,
)
from bot.profiles import service as profiles
from tests.conftest import NOW
from tests.factories import TEAM, make_member, make_need, make_offer, make_project

RULES = DigestRules(zone=ZoneInfo("UTC"))


def small_community(session: Session) -> dict[str, int]:
    dana = make_member(session, "U0DANA", name="Dana Diaz", title="Local SEO consultant")
    tomas = make_member(session, "U0TOMAS", name="Tomás Oliveira")
    priya = make_member(session, "U0PRIYA", name="Priya Raman")
    make_offer(session, dana, "Local SEO audits for cafés and small shops", skills=["local-seo", "seo"])
    make_need(session, tomas, "Our bakery doesn't show up on Google maps", skills=["local-seo"])
    make_offer(session, priya, "Bookkeeping for freelancers", skills=["bookkeeping"])
    make_need(session, dana, "Drowning in receipts", skills=["bookkeeping"])
    session.commit()
    return {"dana": dana.id, "tomas": tomas.id, "priya": priya.id}


def pairs(plan: digest.Plan) -> set[tuple[str, int]]:
    return {(planned.member.user_id, row.other_id) for planned in plan.digests for row in planned.suggestions}


def test_a_plan_is_stored_once_and_reused(session: Session) -> None:
    small_community(session)
    first = digest.plan(session, team_id=TEAM, now=NOW, rules=RULES)
    session.commit()
    again = digest.plan(session, team_id=TEAM, now=NOW + timedelta(hours=5), rules=RULES)
    assert first.period.key == again.period.key == "2026-W48"
    assert first.run_id == again.run_id
    assert pairs(first) == pairs(again)
    assert len(session.exec(select(DigestRun)).all()) == 1
    assert all(row.reason for row in session.exec(select(DigestSuggestion)).all())


def test_a_plan_counts_its_suggestions_and_marks_each_needs_first_suggestion_once(session: Session) -> None:
    small_community(session)
    digest.plan(session, team_id=TEAM, now=NOW, rules=RULES)
    session.commit()
    (run,) = session.exec(select(DigestRun)).all()
    stored = session.exec(select(DigestSuggestion)).all()
    assert run.suggestions == len(stored) > 0
    for_needs = {row.need_id for row in stored if row.need_id}
    assert for_needs
    for need in session.exec(select(Need)).all():
        assert need.first_suggested_at == (NOW if need.id in for_needs else None)

    later = NOW + timedelta(weeks=1)
    digest.plan(session, team_id=TEAM, now=later, rules=RULES)  # the next period's plan
    session.commit()
    session.expire_all()
    newest = session.exec(select(DigestRun).where(DigestRun.period == "2026-W49")).one()
    assert newest.suggestions == len(
        session.exec(select(DigestSuggestion).where(DigestSuggestion.run_id == newest.id)).all()
    )
    assert {need.first_suggested_at for need in session.exec(select(Need)) if need.id in for_needs} == {NOW}


def test_a_preview_stores_nothing(session: Session) -> None:
    ids = small_community(session)
    plan = digest.preview(session, team_id=TEAM, now=NOW, rules=RULES)
    assert ("U0TOMAS", ids["dana"]) in pairs(plan)
    assert session.exec(select(DigestRun)).all() == []


def test_paused_left_and_cadence_off_members_neither_receive_nor_appear(session: Session) -> None:
    ids = small_community(session)
    dana = session.get(members.Member, ids["dana"])
    profiles.pause(session, member=dana, now=NOW)
    priya = session.get(members.Member, ids["priya"])
    profiles.set_cadence(session, member=priya, cadence=DigestCadence.OFF, now=NOW)
    session.commit()
    assert pairs(digest.preview(session, team_id=TEAM, now=NOW, rules=RULES)) == set()


def test_an_intro_request_or_not_for_me_keeps_the_pair_out(session: Session) -> None:
    ids = small_community(session)
    tomas, dana = session.get(members.Member, ids["tomas"]), session.get(members.Member, ids["dana"])
    intros.request(session, asker=tomas, other=dana, origin=IntroOrigin.DIGEST, now=NOW, rules=IntroRules())
    session.add(
        PairFeedback(
            team_id=TEAM,
            member_id=ids["priya"],
            other_id=ids["dana"],
            kind=FeedbackKind.NOT_FOR_ME,
            created_at=NOW,
        )
    )
    session.commit()
    found = pairs(digest.preview(session, team_id=TEAM, now=NOW, rules=RULES))
    for recipient, other in (
        ("U0TOMAS", "dana"),
        ("U0DANA", "tomas"),
        ("U0DANA", "priya"),
        ("U0PRIYA", "dana"),
    ):
        assert (recipient, ids[other]) not in found


def test_the_same_pair_is_not_suggested_again_within_four_weeks(session: Session) -> None:
    ids = small_community(session)
    digest.plan(session, team_id=TEAM, now=NOW, rules=RULES)
    session.commit()
    next_week = pairs(digest.preview(session, team_id=TEAM, now=NOW + timedelta(weeks=1), rules=RULES))
    assert ("U0TOMAS", ids["dana"]) not in next_week
    later = pairs(digest.preview(session, team_id=TEAM, now=NOW + timedelta(weeks=4, days=1), rules=RULES))
    assert ("U0TOMAS", ids["dana"]) in later


def test_an_offer_is_not_suggested_beyond_its_monthly_capacity(session: Session) -> None:
    helper = make_member(session, "U0HELP", name="Helper")
    make_offer(
        session, helper, "Logo design for small businesses", skills=["logo-design"], monthly_capacity=2
    )
    for number in range(4):
        needy = make_member(session, f"U0NEED{number}", name=f"Needy {number}")
        make_need(session, needy, f"A logo for my business number {number}", skills=["logo-design"])
    session.commit()
    plan = digest.preview(session, team_id=TEAM, now=NOW, rules=RULES)
    helped = [row for planned in plan.digests for row in planned.suggestions if row.kind == "can_help_you"]
    assert len(helped) == 2


def test_cadence_decides_who_is_due() -> None:
    assert is_due(DigestCadence.WEEKLY, None, NOW)
    assert is_due(DigestCadence.WEEKLY, NOW - timedelta(days=7), NOW)
    assert not is_due(DigestCadence.WEEKLY, NOW - timedelta(days=3), NOW)
    assert not is_due(DigestCadence.EVERY_TWO_WEEKS, NOW - timedelta(days=7), NOW)
    assert is_due(DigestCadence.EVERY_TWO_WEEKS, NOW - timedelta(days=14), NOW)
    assert not is_due(DigestCadence.MONTHLY, NOW - timedelta(days=21), NOW)
    assert is_due(DigestCadence.MONTHLY, NOW - timedelta(days=28), NOW)
    assert not is_due(DigestCadence.OFF, None, NOW)


def test_someone_who_had_a_digest_recently_is_not_due_again(session: Session) -> None:
    ids = small_community(session)
    session.add(
        Delivery(
            team_id=TEAM,
            key="digest:2026-W47",
            user_id="U0TOMAS",
            status=DeliveryStatus.SENT,
            claimed_at=NOW - timedelta(days=7),
            sent_at=NOW - timedelta(days=7),
        )
    )
    tomas = session.get(members.Member, ids["tomas"])
    profiles.set_cadence(session, member=tomas, cadence=DigestCadence.EVERY_TWO_WEEKS, now=NOW)
    session.commit()
    receivers = {
        planned.member.user_id
        for planned in digest.preview(session, team_id=TEAM, now=NOW, rules=RULES).digests
    }
    assert "U0TOMAS" not in receivers
    assert "U0DANA" in receivers


def test_kindred_projects_are_planned(session: Session) -> None:
    one, two = make_member(session, "U0ONE", name="One"), make_member(session, "U0TWO", name="Two")
    make_project(
        session, one, "Indie games newsletter", description="A weekly newsletter", skills=["newsletters"]
    )
    make_project(session, two, "Newsletter about board games", skills=["newsletters"])
    session.commit()
    plan = digest.preview(session, team_id=TEAM, now=NOW, rules=RULES)
    assert {row.kind for planned in plan.digests for row in planned.suggestions} == {"kindred"}


def test_a_member_paused_for_leaving_intros_unanswered_no_longer_appears(session: Session) -> None:
    ids = small_community(session)
    dana = session.get(members.Member, ids["dana"])
    at, rules = NOW, IntroRules()
    for number in range(3):
        assert ("U0TOMAS", ids["dana"]) in pairs(digest.preview(session, team_id=TEAM, now=at, rules=RULES))
        asker = make_member(session, f"U0ASKER{number}", name=f"Asker {number}")
        intro = intros.request(
            session, asker=asker, other=dana, origin=IntroOrigin.DIGEST, now=at, rules=rules
        )
        for person in intros.to_ask(session, intro=intro, now=at, rules=rules):
            intros.mark_asked(
                session, intro=intro, participant=person, channel="D0", ts="1", now=at, rules=rules
            )
        at += rules.expiry
        expired = intros.expire_due(session, team_id=TEAM, now=at)
        intros.pause_quiet(session, expired=expired, now=at)
        session.commit()
    assert dana.status == MemberStatus.PAUSED
    assert ids["dana"] not in {
        other for _, other in pairs(digest.preview(session, team_id=TEAM, now=at, rules=RULES))
    }
