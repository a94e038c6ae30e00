"""Events: team_join welcomes once; user_change with a deleted user marks them left for good."""

from bot.models import Delivery, Member, MemberStatus
from tests.e2e.conftest import Bot, text_of


def _user(bot: Bot, user_id: str, **extra) -> dict:
    return bot.fake.add_user(
        user_id, name=user_id.lower(), real_name=f"New {user_id}", tz="Asia/Tokyo", **extra
    )


def test_a_new_member_gets_one_welcome_dm_with_buttons(bot: Bot) -> None:
    user = _user(bot, "U0NEWBIE")
    assert bot.slack.event({"type": "team_join", "user": user}).status == 200
    bot.slack.event({"type": "team_join", "user": user})  # Slack retried, or sent it twice
    welcome = bot.fake.wait_for("chat.postMessage")
    assert welcome[0].args["channel"] == "U0NEWBIE"
    buttons = [
        e["action_id"] for b in welcome[0].args["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert buttons == ["add_offer", "add_need"]
    bot.settle()
    [delivery] = bot.rows(Delivery)
    assert (delivery.key, delivery.status) == ("welcome", "sent")
    assert len(bot.fake.calls_to("chat.postMessage")) == 1
    member = bot.member("U0NEWBIE")
    assert member is not None
    assert (member.name, member.timezone) == ("New U0NEWBIE", "Asia/Tokyo")


def test_bots_and_deleted_accounts_are_not_welcomed(bot: Bot) -> None:
    bot.slack.event({"type": "team_join", "user": _user(bot, "U0ROBOT", is_bot=True)})
    bot.slack.event({"type": "team_join", "user": _user(bot, "U0GONE", deleted=True)})
    bot.settle()
    assert bot.fake.calls_to("chat.postMessage") == []
    assert bot.rows(Member) == []


def test_a_deleted_user_is_marked_left_and_never_contacted_again(bot: Bot) -> None:
    bot.slack.open_home("U0BOB")
    bot.home("U0BOB")
    deleted = bot.fake.add_user("U0BOB", name="bob", real_name="Bob Brown", deleted=True)
    bot.slack.event({"type": "user_change", "user": deleted})
    bot.settle()
    bot.slack.event({"type": "team_join", "user": deleted | {"deleted": False}})
    bot.settle()
    member = bot.member("U0BOB")
    assert member is not None
    assert member.status == MemberStatus.LEFT
    assert bot.fake.calls_to("chat.postMessage") == []


def test_a_name_change_in_slack_is_followed(bot: Bot) -> None:
    bot.slack.open_home("U0BOB")
    bot.home("U0BOB")
    renamed = bot.fake.add_user("U0BOB", name="bob", real_name="Roberta Brown", tz="Europe/Rome")
    bot.slack.event({"type": "user_change", "user": renamed})
    bot.settle()
    bot.slack.open_home("U0BOB")

    bot.home("U0BOB", count=2)
    member = bot.member("U0BOB")
    assert member is not None
    assert (member.name, member.timezone) == ("Roberta Brown", "Europe/Rome")
    assert "Roberta Brown" in text_of(bot.fake.home_of("U0BOB"))


def test_url_verification_is_answered(bot: Bot) -> None:
    reply = bot.slack.post_event(
        {
            "token": "x",
            "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            "type": "url_verification",
        }
    )
    assert reply.status == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in reply.text


def test_events_nobody_subscribed_to_are_acknowledged_and_ignored(bot: Bot) -> None:
    assert bot.slack.event({"type": "reaction_added", "user": "U0ALICE", "reaction": "tada"}).status == 200
    bot.settle()
    assert bot.fake.calls_to("chat.postMessage") == []


def test_every_new_member_gets_their_own_welcome(bot: Bot) -> None:
    for user_id in ("U0FIRST", "U0SECOND"):
        bot.slack.event({"type": "team_join", "user": _user(bot, user_id)})
    bot.settle()
    assert sorted(c.args["channel"] for c in bot.fake.calls_to("chat.postMessage")) == ["U0FIRST", "U0SECOND"]
