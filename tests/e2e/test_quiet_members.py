"""Quiet members over signed HTTP: three intro questions left to expire unanswered pause Bob at the third
expiry (`kindred tick`), with one friendly DM whose Resume button brings him back; admins see him in
/kindred stats meanwhile (and not once he paused himself after coming back). A question queued behind the
weekly limit waits through the pause and is asked after the resume."""

from typing import Any

from bot.db import session_scope
from bot.intros import service as intros
from bot.intros import texts as intros_texts
from bot.intros.service import IntroRules
from bot.members import Identity, ensure_member
from bot.models import Intro, IntroOrigin, Member
from tests.e2e.community import latest, seed
from tests.e2e.conftest import Bot, text_of

ASKERS = ("U0ALICE", "U0MALLORY", "U0CAROL")


def _asked_and_ignored(bot: Bot, ids: dict[str, int], asker: str) -> None:
    _request(bot, ids, asker)
    bot.tick()  # the question goes out
    bot.tick(bot.clock.advance(days=7, minutes=1))  # and expires unanswered


def _status(bot: Bot, user_id: str) -> str:
    member = bot.member(user_id)
    assert member is not None
    return member.status


def _paused_notes(bot: Bot) -> list[dict[str, Any]]:
    return [m for m in bot.fake.messages("U0BOB") if intros_texts.AUTO_PAUSED_TEXT in str(m)]


def _stats(bot: Bot) -> str:
    bot.slack.command("/kindred", "stats", user="U0ADMIN")
    return text_of(bot.next_call("response_url").args["blocks"])


def test_three_unanswered_intro_requests_pause_with_one_dm_and_resume_brings_him_back(bot: Bot) -> None:
    ids = seed(bot)
    bot.fake.add_user("U0ADMIN", name="admin", real_name="Ada Admin", is_admin=True)
    for asker in ASKERS[:2]:
        _asked_and_ignored(bot, ids, asker)
    assert _status(bot, "U0BOB") == "active"
    assert _paused_notes(bot) == []

    _asked_and_ignored(bot, ids, ASKERS[2])
    assert [intro.status for intro in bot.rows(Intro)] == ["expired"] * 3
    assert _status(bot, "U0BOB") == "paused"
    [note] = _paused_notes(bot)
    shown = text_of(note["blocks"])
    assert "three intro requests went unanswered" in shown
    assert "paused intros and digests" in shown
    assert [e["action_id"] for b in note["blocks"] if b["type"] == "actions" for e in b["elements"]] == [
        "resume"
    ]
    assert _status(bot, "U0ALICE") == "active"  # the askers are not quiet
    bot.tick(bot.clock.advance(hours=1))
    assert len(_paused_notes(bot)) == 1  # once
    assert "*Paused for silence*\\n1" in (stats := _stats(bot))
    assert "Bob Brown" in stats

    message = latest(bot, "U0BOB", intros_texts.AUTO_PAUSED_TEXT)
    assert bot.slack.click("resume", user="U0BOB", message=message).status == 200
    assert "Welcome back" in bot.next_call("response_url").args["text"]
    bot.settle()
    assert _status(bot, "U0BOB") == "active"
    assert "*Paused for silence*\\n0" in (stats := _stats(bot))
    assert "Bob Brown" not in stats


def test_a_pause_of_his_own_after_coming_back_is_not_silence(bot: Bot) -> None:
    ids = seed(bot)
    bot.fake.add_user("U0ADMIN", name="admin", real_name="Ada Admin", is_admin=True)
    for asker in ASKERS:
        _asked_and_ignored(bot, ids, asker)
    message = latest(bot, "U0BOB", intros_texts.AUTO_PAUSED_TEXT)
    assert "Bob Brown" in _stats(bot)
    bot.clock.advance(days=1)
    assert bot.slack.click("resume", user="U0BOB", message=message).status == 200
    assert "Welcome back" in bot.next_call("response_url").args["text"]
    bot.clock.advance(days=1)
    bot.slack.command("/kindred", "pause", user="U0BOB")
    bot.next_call("response_url")
    bot.settle()
    assert _status(bot, "U0BOB") == "paused"
    assert "*Paused for silence*\\n0" in (stats := _stats(bot))
    assert "Bob Brown" not in stats


def test_a_question_queued_behind_the_weekly_limit_waits_through_the_pause(bot: Bot) -> None:
    ids = seed(bot)
    with session_scope(bot.sessions) as session:
        for user_id, name in (("U0DAN", "Dan Dale"), ("U0EVE", "Eve Evans")):
            bot.fake.add_user(user_id, name=user_id.lower(), real_name=name)
            member, _ = ensure_member(session, who=Identity("T0FAKE", user_id, name), now=bot.clock())
            ids[user_id] = _id(member)
    for asker in ASKERS[:2]:
        _asked_and_ignored(bot, ids, asker)
    for asker in ("U0CAROL", "U0DAN", "U0EVE"):  # three at once: two are asked, Eve's waits its turn
        _request(bot, ids, asker)
    bot.tick()
    assert len(_questions(bot)) == 4
    bot.tick(bot.clock.advance(days=7, minutes=1))  # Carol's and Dan's expire unanswered: paused
    assert _status(bot, "U0BOB") == "paused"
    bot.tick(bot.clock.advance(hours=2))
    assert len(_questions(bot)) == 4  # paused: Eve's question waits
    assert max(bot.rows(Intro), key=lambda intro: intro.id).status == "requested"

    message = latest(bot, "U0BOB", intros_texts.AUTO_PAUSED_TEXT)
    assert bot.slack.click("resume", user="U0BOB", message=message).status == 200
    assert "Welcome back" in bot.next_call("response_url").args["text"]
    bot.settle()
    bot.tick(bot.clock.advance(minutes=5))
    assert len(_questions(bot)) == 5
    assert "Eve Evans" in text_of(_questions(bot)[-1]["blocks"])


def _request(bot: Bot, ids: dict[str, int], asker: str) -> None:
    with session_scope(bot.sessions) as session:
        member, bob = session.get(Member, ids[asker]), session.get(Member, ids["U0BOB"])
        assert member is not None
        assert bob is not None
        intros.request(
            session, asker=member, other=bob, origin=IntroOrigin.DIGEST, now=bot.clock(), rules=IntroRules()
        )


def _questions(bot: Bot) -> list[dict[str, Any]]:
    return [m for m in bot.fake.messages("U0BOB") if "Would you like an intro" in str(m)]


def _id(member: Member) -> int:
    assert member.id is not None
    return member.id
