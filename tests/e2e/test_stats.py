"""/kindred stats: only for admins (KINDRED_ADMINS, or Slack workspace admins and owners)."""

from bot.db import session_scope
from bot.home.publish import publish_home
from bot.intros import service as intros
from bot.intros.service import IntroRules
from bot.members import Identity, ensure_member
from bot.models import IntroOrigin
from tests.conftest import NOW
from tests.e2e.community import seed
from tests.e2e.conftest import Bot, text_of


def test_members_who_are_not_admins_are_told_politely(bot: Bot) -> None:
    seed(bot)
    bot.slack.command("/kindred", "stats", user="U0MALLORY")
    answer = bot.next_call("response_url").args
    assert "for Kindred admins" in answer["text"]
    assert "Intros requested" not in text_of(answer)


def test_a_workspace_admin_sees_the_numbers(bot: Bot) -> None:
    ids = seed(bot)
    bot.fake.add_user("U0ADMIN", name="admin", real_name="Ada Admin", is_admin=True)
    with session_scope(bot.sessions) as session:
        alice, bob = (session.get(intros.Member, ids[u]) for u in ("U0ALICE", "U0BOB"))
        intros.request(
            session, asker=alice, other=bob, origin=IntroOrigin.DIGEST, now=NOW, rules=IntroRules()
        )
        ensure_member(session, who=Identity("T0FAKE", "U0ADMIN", "Ada"), now=NOW)
    bot.slack.command("/kindred", "stats", user="U0ADMIN")
    answer = text_of(bot.next_call("response_url").args["blocks"])
    assert "*Intros requested*\\n1" in answer
    assert "Supply and demand" in answer
    assert "SEO" in answer


def test_people_listed_in_kindred_admins_count_as_admins(fake_slack, sessions) -> None:
    from bot.config import load_settings
    from bot.slack.client import build_client
    from bot.slack.context import Deps
    from bot.slack.surfaces import is_admin

    settings = load_settings(
        SLACK_BOT_TOKEN=fake_slack.token, SLACK_API_URL=fake_slack.api_url, KINDRED_ADMINS="U0MALLORY"
    )
    deps = Deps(settings=settings, sessions=sessions, clock=lambda: NOW, home=publish_home)
    client = build_client(settings)
    assert is_admin(client, deps, user_id="U0MALLORY")
    assert not is_admin(client, deps, user_id="U0ALICE")
    assert not is_admin(client, deps, user_id="U0NOBODY")
