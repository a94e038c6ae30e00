"""A small community for intro scenarios: Alice needs SEO help; Bob offers SEO, Mallory logos; Carol is a
connector. Plus helpers to send digests and to find the messages Slack holds."""

from typing import Any

from bot.db import session_scope
from bot.digest import jobs as digest_job
from bot.members import Identity, ensure_member
from bot.scheduler.context import JobContext
from bot.slack.client import build_client
from tests.conftest import NOW
from tests.e2e.conftest import Bot, text_of
from tests.factories import make_need, make_offer, make_project

PEOPLE = {
    "U0ALICE": "Alice Adams",
    "U0BOB": "Bob Brown",
    "U0MALLORY": "Mallory Moss",
    "U0CAROL": "Carol Chen",
}


def seed(bot: Bot) -> dict[str, int]:
    bot.fake.add_user("U0CAROL", name="carol", real_name="Carol Chen", tz="Europe/Paris")
    with session_scope(bot.sessions) as session:
        people = {}
        for user_id, name in PEOPLE.items():
            people[user_id], _ = ensure_member(session, who=Identity("T0FAKE", user_id, name), now=NOW)
        make_need(session, people["U0ALICE"], "My shop doesn't show up on Google", skills=["seo"])
        make_need(session, people["U0ALICE"], "Burnout, honestly", skills=["wellbeing"], visibility="private")
        make_offer(session, people["U0BOB"], "SEO audits for small shops", skills=["seo"])
        make_offer(session, people["U0MALLORY"], "Logo design", skills=["logo-design"])
        make_project(session, people["U0BOB"], "Shopify SEO zine", skills=["seo"])
        return {user_id: member.id for user_id, member in people.items() if member.id}


def digest_for(bot: Bot, user_id: str) -> dict[str, Any]:
    context = JobContext(sessions=bot.sessions, client=build_client(bot.settings), settings=bot.settings)
    digest_job.run(context, bot.clock())
    return latest(bot, user_id, "kindred spirits")


def buttons(message: dict[str, Any], action_id: str) -> list[str]:
    return [
        element["value"]
        for block in message["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == action_id and "value" in element
    ]


def latest(bot: Bot, user_id: str, containing: str) -> dict[str, Any]:
    """The newest message in `user_id`'s DM mentioning `containing`, as Slack now holds it."""
    for message in reversed(bot.fake.messages(user_id)):
        if containing.lower() in str(message).lower():
            return message | {"channel": bot.fake.dm_channel_for(user_id)}
    raise AssertionError(f"no message with {containing!r} for {user_id}: {bot.fake.messages(user_id)}")


def alice_asks_for_bob(bot: Bot) -> dict[str, Any]:
    """Alice clicks "Introduce us" on Bob in her digest; returns the consent question Bob receives."""
    seed(bot)
    digest = digest_for(bot, "U0ALICE")
    blocks = digest["blocks"]
    position = next(i for i, block in enumerate(blocks) if "<@U0BOB>" in text_of(block))
    value = next(e["value"] for e in blocks[position + 1]["elements"] if e["action_id"] == "digest_intro")
    assert bot.slack.click("digest_intro", value=value, message=digest).status == 200
    bot.settle()
    return latest(bot, "U0BOB", "Would you like an intro to Alice")
