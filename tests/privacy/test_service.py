"""A member's own data: the export holds exactly theirs (never others' private answers), and forgetting
deletes it all, leaves everyone else's intact, and records a tombstone once."""

import json
from datetime import timedelta
from typing import Any, get_args

import pytest
from sqlmodel import Session, select

from bot import members
from bot.intros import service as intros
from bot.intros.service import IntroRules
from bot.members import Identity
from bot.models import (
    Delivery,
    DeliveryStatus,
    DigestRun,
    DigestSuggestion,
    FeedbackKind,
    ForgottenUser,
    Intro,
    IntroOrigin,
    IntroPair,
    IntroParticipant,
    IntroStatus,
    Member,
    Need,
    Offer,
    PairFeedback,
    Project,
    SuggestionStatus,
)
from bot.privacy import service as privacy
from bot.slack.contact import (
    AutoPaused,
    ChannelDigest,
    ConnectorOutcome,
    Digest,
    FollowUp,
    Introduction,
    IntroEnded,
    IntroRequest,
    Kind,
    Reconnect,
    ReconnectCredit,
    Welcome,
    delivery_key,
)
from tests.conftest import NOW
from tests.factories import TEAM, make_member, make_need, make_offer, make_project

RULES = IntroRules()
DAY = timedelta(days=1)


def ask(session: Session, asker: Member, other: Member, at=NOW) -> Intro:
    intro = intros.request(session, asker=asker, other=other, origin=IntroOrigin.DIGEST, now=at, rules=RULES)
    for participant in intros.to_ask(session, intro=intro, now=at, rules=RULES):
        intros.mark_asked(
            session, intro=intro, participant=participant, channel="D0", ts="1.0", now=at, rules=RULES
        )
    return intro


def suggest(
    session: Session, run: DigestRun, recipient: Member, other: Member, reason: str
) -> DigestSuggestion:
    assert run.id is not None
    assert recipient.id is not None
    assert other.id is not None
    row = DigestSuggestion(
        team_id=TEAM,
        run_id=run.id,
        recipient_id=recipient.id,
        other_id=other.id,
        kind="kindred",
        score=0.5,
        reason=reason,
        created_at=NOW,
    )
    session.add(row)
    session.flush()
    return row


def deliver(session: Session, user_id: str, key: str) -> None:
    session.add(
        Delivery(
            team_id=TEAM, user_id=user_id, key=key, status=DeliveryStatus.SENT, claimed_at=NOW, sent_at=NOW
        )
    )


@pytest.fixture
def world(session: Session) -> dict[str, Any]:
    """Alice (the one asking about her data) and four others, linked in every way Kindred stores."""
    people = {
        name: make_member(session, f"U0{name.upper()}", name=name.title())
        for name in ("alice", "bob", "carol", "dave", "erin")
    }
    alice, bob, carol, dave, erin = people.values()
    alice.title, alice.bio, alice.links = "Baker", "I bake.", ["https://alice.example"]
    make_offer(session, alice, "Sourdough lessons")
    make_need(session, alice, "A logo for the bakery")
    make_need(session, alice, "Burnout, honestly", visibility="private")
    make_project(session, alice, "Bakery website")
    make_need(session, bob, "Bob's own secret worry", visibility="private")
    make_offer(session, carol, "Carol's logo design")

    run = DigestRun(team_id=TEAM, period="2026-W48", created_at=NOW)
    session.add(run)
    session.flush()
    suggest(session, run, alice, carol, "You both like logos.")  # received by Alice
    shown = suggest(session, run, carol, alice, "Carol sees Alice")  # Alice shown to Carol
    shown.status = SuggestionStatus.DISMISSED
    session.add(
        PairFeedback(team_id=TEAM, member_id=carol.id, other_id=alice.id, kind="not-for-me", created_at=NOW)
    )
    session.add(
        PairFeedback(team_id=TEAM, member_id=alice.id, other_id=dave.id, kind="not-for-me", created_at=NOW)
    )
    suggest(session, run, bob, dave, "Bob and Dave")  # nothing to do with Alice

    declined = ask(session, alice, bob)  # Bob will say no
    expired = ask(session, alice, erin)  # Erin will never answer
    others = ask(session, bob, carol)  # an intro between two other people
    made = intros.connect(session, connector=alice, a=dave, b=erin, reason="Both bake", now=NOW, rules=RULES)

    deliver(session, "U0ALICE", "welcome")
    deliver(session, "U0ALICE", "digest:2026-W48")
    deliver(session, "U0BOB", f"intro:{declined.id}:ask")
    deliver(session, "U0ALICE,U0BOB", f"intro:{declined.id}:introduction")
    deliver(session, "U0BOB", "digest:2026-W48")
    deliver(session, "U0CAROL", f"intro:{others.id}:ask")
    session.commit()
    return people | {"declined": declined.id, "expired": expired.id, "others": others.id, "made": made.id}


def export_of(session: Session, user_id: str = "U0ALICE", at=NOW) -> dict[str, Any]:
    document = privacy.export(session, team_id=TEAM, user_id=user_id, now=at)
    assert document is not None
    json.dumps(document)  # ready for a file as it is
    return document


def test_the_export_holds_the_members_own_data_private_needs_included(session: Session, world) -> None:
    document = export_of(session)
    assert (document["user_id"], document["team_id"], document["version"]) == ("U0ALICE", TEAM, 1)
    member = document["member"]
    assert (member["name"], member["title"], member["bio"], member["links"]) == (
        "Alice",
        "Baker",
        "I bake.",
        ["https://alice.example"],
    )
    assert {"status", "digest_cadence", "timezone", "created_at", "onboarded_at"} <= set(member)
    assert [offer["description"] for offer in document["offers"]] == ["Sourdough lessons"]
    needs = {need["description"]: need["visibility"] for need in document["needs"]}
    assert needs == {"A logo for the bakery": "shared", "Burnout, honestly": "private"}
    assert [project["name"] for project in document["projects"]] == ["Bakery website"]
    assert document["suggestions_received"] == [
        {
            "period": "2026-W48",
            "user_id": "U0CAROL",
            "kind": "kindred",
            "reason": "You both like logos.",
            "status": "shown",
            "suggested_at": "2026-11-23T09:00:00Z",
            "acted_at": None,
        }
    ]
    assert document["times_suggested_to_others"] == 1
    assert document["not_for_me"] == [
        {"user_id": "U0DAVE", "kind": FeedbackKind.NOT_FOR_ME, "said_at": "2026-11-23T09:00:00Z"}
    ]
    assert sorted(intro["user_id"] for intro in document["intros"]) == ["U0BOB", "U0ERIN"]
    [made] = document["intros_you_made"]
    assert (made["user_ids"], made["why"], made["status"]) == (["U0DAVE", "U0ERIN"], "Both bake", "waiting")
    assert {d["key"] for d in document["deliveries"]} == {
        "welcome",
        "digest:2026-W48",
        f"intro:{world['declined']}:introduction",
    }


def test_the_export_holds_nothing_of_other_members_private_answers(session: Session, world) -> None:
    shown = json.dumps(export_of(session))
    assert "Bob's own secret worry" not in shown
    assert "Carol sees Alice" not in shown  # the reason Carol was shown, and that Carol said not for me
    assert "Bob and Dave" not in shown
    assert "U0CAROL" in shown  # only as someone suggested to Alice
    document = export_of(session)
    assert all(row["user_id"] != "U0CAROL" for row in document["not_for_me"])


def test_a_declined_intro_reads_exactly_like_an_expired_one(session: Session, world) -> None:
    intros.answer(session, member=world["bob"], intro_id=world["declined"], yes=False, now=NOW + DAY)
    session.commit()

    def alices_view(at) -> dict[str, dict[str, Any]]:
        return {intro.pop("user_id"): intro for intro in export_of(session, at=at)["intros"]}

    soon = alices_view(NOW + 2 * DAY)
    assert soon["U0BOB"] == soon["U0ERIN"]
    assert soon["U0BOB"]["status"] == "waiting"

    intros.expire_due(session, team_id=TEAM, now=NOW + RULES.expiry)
    session.commit()
    later = alices_view(NOW + RULES.expiry + DAY)
    assert later["U0BOB"] == later["U0ERIN"]
    assert (later["U0BOB"]["status"], later["U0BOB"]["ended_at"]) == (
        "did-not-work-out",
        "2026-11-30T09:00:00Z",
    )
    assert later["U0BOB"]["your_consent"] == "yes"
    assert "declined" not in json.dumps(later)
    assert "expired" not in json.dumps(later)

    [bobs] = [i for i in export_of(session, "U0BOB")["intros"] if i["user_id"] == "U0ALICE"]
    assert (bobs["user_id"], bobs["status"], bobs["your_consent"]) == ("U0ALICE", "you-said-not-now", "no")


def test_someone_kindred_never_knew_has_nothing_to_export(session: Session, world) -> None:
    assert privacy.export(session, team_id=TEAM, user_id="U0STRANGER", now=NOW) is None
    assert privacy.export(session, team_id="T0OTHER", user_id="U0ALICE", now=NOW) is None
    assert not privacy.stores_anything(session, team_id=TEAM, user_id="U0STRANGER")


def rows(session: Session, model: Any) -> list[Any]:
    session.expire_all()
    return list(session.exec(select(model)).all())


def test_forgetting_deletes_everything_about_the_member(session: Session, world) -> None:
    alice_id = world["alice"].id
    deleted = privacy.forget(session, team_id=TEAM, user_id="U0ALICE", now=NOW + DAY)
    session.commit()

    assert deleted["members"] == 1
    assert session.exec(select(Member).where(Member.user_id == "U0ALICE")).first() is None
    for model in (Offer, Need, Project):
        assert all(row.member_id != alice_id for row in rows(session, model))
    assert all(alice_id not in (s.recipient_id, s.other_id) for s in rows(session, DigestSuggestion))
    assert all(alice_id not in (f.member_id, f.other_id) for f in rows(session, PairFeedback))
    assert all(p.member_id != alice_id for p in rows(session, IntroParticipant))
    assert all(alice_id not in (p.low_id, p.high_id) for p in rows(session, IntroPair))
    remaining = {intro.id for intro in rows(session, Intro)}
    assert world["declined"] not in remaining
    assert world["expired"] not in remaining
    keys = {(d.user_id, d.key) for d in rows(session, Delivery)}
    assert keys == {("U0BOB", "digest:2026-W48"), ("U0CAROL", f"intro:{world['others']}:ask")}
    [tombstone] = rows(session, ForgottenUser)
    assert (tombstone.team_id, tombstone.user_id, tombstone.forgotten_at) == (TEAM, "U0ALICE", NOW + DAY)
    assert privacy.is_forgotten(session, team_id=TEAM, user_id="U0ALICE")
    assert privacy.export(session, team_id=TEAM, user_id="U0ALICE", now=NOW) is None
    assert privacy.forgotten_at(session, team_id=TEAM, user_id="U0ALICE") == NOW + DAY


def test_forgetting_deletes_a_delivery_of_every_kind_sent_to_the_member(session: Session, world) -> None:
    declined, made = world["declined"], world["made"]
    sent_to_alice = {
        Welcome(): "U0ALICE",
        Digest("2026-W49"): "U0ALICE",
        IntroRequest(declined): "U0ALICE",
        Introduction(world["expired"]): "U0ALICE,U0ERIN",
        IntroEnded(declined): "U0ALICE",
        FollowUp(declined, 2): "U0ALICE",
        ConnectorOutcome(made): "U0ALICE",  # about an intro that goes on without her
        Reconnect(declined, 1): "U0ALICE",
        ReconnectCredit(made): "U0ALICE",
        AutoPaused(declined): "U0ALICE",
    }
    assert {type(kind) for kind in sent_to_alice} == set(get_args(Kind)) - {ChannelDigest}
    stored = {(d.user_id, d.key) for d in rows(session, Delivery)}  # the world has her welcome already
    for kind, user_id in sent_to_alice.items():
        if (user_id, delivery_key(kind)) not in stored:
            deliver(session, user_id, delivery_key(kind))
    deliver(session, "U0ALICE", "a-key-no-kind-builds")  # found by whom it went to, whatever its name
    session.commit()

    privacy.forget(session, team_id=TEAM, user_id="U0ALICE", now=NOW + DAY)
    session.commit()
    assert [d.key for d in rows(session, Delivery) if "U0ALICE" in d.user_id.split(",")] == []
    assert privacy.export(session, team_id=TEAM, user_id="U0ALICE", now=NOW + DAY) is None


def test_forgetting_deletes_the_others_messages_about_intros_that_go_with_her(
    session: Session, world
) -> None:
    deliver(session, "U0ERIN", delivery_key(IntroEnded(world["expired"])))  # her intro with Alice: gone
    deliver(session, "U0ERIN", delivery_key(IntroRequest(world["made"])))  # Dave and Erin's: stays
    session.commit()
    privacy.forget(session, team_id=TEAM, user_id="U0ALICE", now=NOW + DAY)
    session.commit()
    assert {(d.user_id, d.key) for d in rows(session, Delivery)} == {
        ("U0BOB", "digest:2026-W48"),
        ("U0CAROL", f"intro:{world['others']}:ask"),
        ("U0ERIN", f"intro:{world['made']}:ask"),
    }


def test_forgetting_leaves_everyone_elses_data_intact(session: Session, world) -> None:
    before = {user_id: export_of(session, user_id) for user_id in ("U0BOB", "U0CAROL", "U0DAVE")}
    privacy.forget(session, team_id=TEAM, user_id="U0ALICE", now=NOW + DAY)
    session.commit()

    assert {m.user_id for m in rows(session, Member)} == {"U0BOB", "U0CAROL", "U0DAVE", "U0ERIN"}
    others = session.get(Intro, world["others"])
    assert others is not None
    assert others.status == IntroStatus.AWAITING_CONSENT
    assert len(intros.participants(session, others)) == 2
    assert session.exec(select(IntroPair).where(IntroPair.intro_id == others.id)).one()
    assert [n.description for n in rows(session, Need) if n.visibility == "private"] == [
        "Bob's own secret worry"
    ]
    after = {user_id: export_of(session, user_id) for user_id in before}
    assert after["U0BOB"]["needs"] == before["U0BOB"]["needs"]
    assert [i["user_id"] for i in after["U0BOB"]["intros"]] == ["U0CAROL"]  # the intro with Alice is gone
    assert after["U0CAROL"]["offers"] == before["U0CAROL"]["offers"]
    assert after["U0CAROL"]["suggestions_received"] == []  # the one about Alice
    assert after["U0DAVE"]["times_suggested_to_others"] == before["U0DAVE"]["times_suggested_to_others"] == 1


def test_an_intro_alice_made_between_two_others_goes_on_without_her(session: Session, world) -> None:
    made = world["made"]
    status = session.get(Intro, made).status
    privacy.forget(session, team_id=TEAM, user_id="U0ALICE", now=NOW + DAY)
    session.commit()

    session.expire_all()
    intro = session.get(Intro, made)
    assert intro is not None
    assert intro.connector_id is None
    assert intro.requested_by_id == world["dave"].id  # one of the two people, since every intro needs one
    assert intro.status == status
    assert intro.reason == "Both bake"
    assert {p.member_id for p in intros.participants(session, intro)} == {world["dave"].id, world["erin"].id}


def test_forgetting_twice_changes_nothing_more_and_keeps_the_first_date(session: Session, world) -> None:
    privacy.forget(session, team_id=TEAM, user_id="U0ALICE", now=NOW + DAY)
    session.commit()
    again = privacy.forget(session, team_id=TEAM, user_id="U0ALICE", now=NOW + 2 * DAY)
    session.commit()
    assert again == {"deliveries": 0}
    [tombstone] = rows(session, ForgottenUser)
    assert tombstone.forgotten_at == NOW + DAY


def test_forgetting_is_per_workspace(session: Session, world) -> None:
    privacy.forget(session, team_id="T0OTHER", user_id="U0ALICE", now=NOW)
    session.commit()
    assert export_of(session)["member"]["name"] == "Alice"
    assert not privacy.is_forgotten(session, team_id=TEAM, user_id="U0ALICE")


def test_coming_back_of_their_own_accord_removes_the_tombstone(session: Session, world) -> None:
    privacy.forget(session, team_id=TEAM, user_id="U0ALICE", now=NOW + DAY)
    session.commit()
    member, created = members.ensure_member(
        session, who=Identity(TEAM, "U0ALICE", "Alice"), now=NOW + 2 * DAY
    )
    session.commit()
    assert created
    assert not privacy.is_forgotten(session, team_id=TEAM, user_id="U0ALICE")
    document = export_of(session)
    assert (document["offers"], document["intros"], document["deliveries"]) == ([], [], [])
    assert member.created_at == NOW + 2 * DAY


def test_an_imported_community_file_does_not_bring_a_forgotten_member_back(session: Session, world) -> None:
    from bot.community import service as community_file

    exported = community_file.export_community(session, team_id=TEAM)
    privacy.forget(session, team_id=TEAM, user_id="U0ALICE", now=NOW + DAY)
    session.commit()
    report = community_file.import_community(
        session, community_file.parse(json.dumps(exported)), now=NOW + 2 * DAY
    )
    session.commit()
    assert report.forgotten_skipped == ["U0ALICE"]
    assert privacy.is_forgotten(session, team_id=TEAM, user_id="U0ALICE")
    assert session.exec(select(Member).where(Member.user_id == "U0ALICE")).first() is None
    assert report.members_created == 0  # everyone else was already there
