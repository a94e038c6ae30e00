"""The digest DM's buttons, clicked over signed HTTP: intro requests, "not for me", settings from the DM."""

from typing import Any

import pytest
from sqlmodel import select

from bot.db import session_scope
from bot.digest import jobs as digest_job
from bot.models import Intro, Member, PairFeedback
from bot.scheduler.context import JobContext
from bot.slack.client import build_client
from tests.conftest import NOW
from tests.e2e.conftest import BOTH_TRANSPORTS, Bot, text_of
from tests.factories import make_need, make_offer

pytestmark = BOTH_TRANSPORTS


@pytest.fixture
def digest_for_alice(bot: Bot) -> dict[str, Any]:
    """Alice needs SEO help and a logo; Bob and Mallory offer them. Returns Alice's digest message."""
    with session_scope(bot.sessions) as session:
        from bot.members import Identity, ensure_member

        people = {}
        for user_id, name in (
            ("U0ALICE", "Alice Adams"),
            ("U0BOB", "Bob Brown"),
            ("U0MALLORY", "Mallory Moss"),
        ):
            people[user_id], _ = ensure_member(session, who=Identity("T0FAKE", user_id, name), now=NOW)
        make_need(session, people["U0ALICE"], "My shop doesn't show up on Google", skills=["seo"])
        make_need(session, people["U0ALICE"], "A logo for my shop", skills=["logo-design"])
        make_offer(session, people["U0BOB"], "SEO audits for small shops", skills=["seo"])
        make_offer(session, people["U0MALLORY"], "Logo design", skills=["logo-design"])
    context = JobContext(sessions=bot.sessions, client=build_client(bot.settings), settings=bot.settings)
    digest_job.run(context, NOW)
    [message] = bot.fake.messages("U0ALICE")
    return message | {"channel": bot.fake.dm_channel_for("U0ALICE")}


def _button(message: dict[str, Any], action_id: str, nth: int = 0) -> str:
    values = [
        e["value"]
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == action_id
    ]
    return values[nth]


def test_introduce_us_records_the_request_and_updates_the_message(bot: Bot, digest_for_alice) -> None:
    value = _button(digest_for_alice, "digest_intro")
    assert bot.slack.click("digest_intro", value=value, message=digest_for_alice).status == 200
    update = bot.next_call("chat.update").args
    assert (update["channel"], update["ts"]) == (digest_for_alice["channel"], digest_for_alice["ts"])
    assert "Intro requested" in text_of(update["blocks"])
    assert value not in [
        e.get("value") for b in update["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    [intro] = bot.rows(Intro)
    assert (intro.status, intro.origin) == ("requested", "digest")

    bot.slack.click("digest_intro", value=value, message=digest_for_alice)  # an old copy, clicked again
    bot.next_call("chat.update")
    assert len(bot.rows(Intro)) == 1


def test_not_for_me_is_silent_and_final(bot: Bot, digest_for_alice) -> None:
    value = _button(digest_for_alice, "digest_not_for_me", nth=1)
    bot.slack.click("digest_not_for_me", value=value, message=digest_for_alice)
    assert "won't see" in text_of(bot.next_call("chat.update").args["blocks"])
    [feedback] = bot.rows(PairFeedback)
    assert feedback.kind == "not-for-me"
    bot.settle()
    assert {call.args["channel"] for call in bot.fake.calls_to("chat.postMessage")} <= {
        "U0ALICE",
        "U0BOB",
        "U0MALLORY",
    }
    assert len(bot.fake.calls_to("chat.postMessage")) == 3  # the three digests, nothing more


def test_someone_else_cannot_act_on_alices_suggestions(bot: Bot, digest_for_alice) -> None:
    value = _button(digest_for_alice, "digest_intro")
    bot.slack.click("digest_intro", user="U0MALLORY", value=value, message=digest_for_alice)
    answer = bot.next_call("response_url").args
    assert "for someone else" in answer["text"]
    bot.settle()
    assert bot.rows(Intro) == []
    assert bot.fake.calls_to("chat.update") == []


def test_cadence_and_pause_from_the_digest(bot: Bot, digest_for_alice) -> None:
    bot.slack.click("choose_cadence", selected="monthly", message=digest_for_alice)
    assert "monthly" in bot.next_call("response_url").args["text"]
    bot.slack.click("pause", message=digest_for_alice)
    assert "Paused" in bot.next_call("response_url").args["text"]
    with session_scope(bot.sessions) as session:
        alice = session.exec(select(Member).where(Member.user_id == "U0ALICE")).one()
        assert (alice.digest_cadence, alice.status) == ("monthly", "paused")
