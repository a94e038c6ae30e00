"""users.info, conversations.* and chat.*, through a real WebClient."""

from __future__ import annotations

import re

import pytest
from slack_sdk import WebClient

from tests.fakeslack import FakeSlack
from tests.fakeslack.conftest import refusal

SECTION = {"type": "section", "text": {"type": "mrkdwn", "text": "Hello"}}

# ------------------------------------------------------------------ users.info


def test_users_info_returns_a_slack_user_object(client: WebClient) -> None:
    user = client.users_info(user="U123")["user"]
    assert user["id"] == "U123"
    assert user["team_id"] == "T0FAKE"
    assert (user["name"], user["real_name"], user["deleted"], user["is_bot"]) == (
        "dana",
        "Dana Diaz",
        False,
        False,
    )
    assert user["tz"] == "Europe/Berlin"
    assert user["tz_label"] in ("CET", "CEST")
    assert user["tz_offset"] in (3600, 7200)
    assert user["profile"]["title"] == "SEO consultant"
    assert user["profile"]["real_name"] == "Dana Diaz"
    assert user["profile"]["image_72"].startswith("https://")


def test_add_user_returns_what_users_info_returns(client: WebClient, fake: FakeSlack) -> None:
    added = fake.add_user("U789", name="fay", is_admin=True, is_owner=True)
    assert client.users_info(user="U789")["user"] == added


def test_users_info_for_an_unknown_user(client: WebClient) -> None:
    assert refusal(lambda: client.users_info(user="UNOPE"))["error"] == "user_not_found"


# ------------------------------------------------------------------ conversations.open


def test_a_dm_has_a_stable_id(client: WebClient, fake: FakeSlack) -> None:
    first = client.conversations_open(users="U123")["channel"]["id"]
    again = client.conversations_open(users="U123")["channel"]["id"]
    assert first == again == fake.dm_channel_for("U123")
    assert first.startswith("D")
    assert fake.dm_channel_for("U456") != first


def test_return_im_gives_the_full_channel(client: WebClient) -> None:
    first = client.conversations_open(users="U123", return_im=True)
    assert "already_open" not in first.data
    answer = client.conversations_open(users="U123", return_im=True)
    assert answer["channel"]["is_im"] is True
    assert answer["channel"]["user"] == "U123"
    assert answer["already_open"] is True


def test_a_group_dm_id_depends_only_on_the_set_of_users(client: WebClient) -> None:
    first = client.conversations_open(users="U123,U456")["channel"]["id"]
    assert first.startswith("G")
    assert client.conversations_open(users="U456, U123")["channel"]["id"] == first


@pytest.mark.parametrize(
    ("users", "error"),
    [
        ("UNOPE", "user_not_found"),
        ("U123,UNOPE", "user_not_found"),
        ("UHAL", "cannot_dm_bot"),
        ("UGONE", "user_disabled"),
        ("", "users_list_not_supplied"),
    ],
)
def test_conversations_open_refusals(client: WebClient, fake: FakeSlack, users: str, error: str) -> None:
    fake.add_user("UHAL", is_bot=True)
    fake.add_user("UGONE", deleted=True)
    assert refusal(lambda: client.conversations_open(users=users))["error"] == error


# ------------------------------------------------------------------ chat.postMessage


def test_posting_to_a_user_lands_in_their_dm(client: WebClient, fake: FakeSlack) -> None:
    answer = client.chat_postMessage(channel="U123", text="Hi", blocks=[SECTION])
    assert answer["channel"] == fake.dm_channel_for("U123")
    assert re.fullmatch(r"\d{10}\.\d{6}", answer["ts"])
    message = answer["message"]
    assert (message["type"], message["text"], message["user"], message["bot_id"]) == (
        "message",
        "Hi",
        "UBOT",
        "BFAKE",
    )
    assert message["blocks"] == [SECTION]
    assert fake.messages(answer["channel"]) == [message]


def test_message_ts_values_increase(client: WebClient) -> None:
    stamps = [client.chat_postMessage(channel="U123", text=str(i))["ts"] for i in range(5)]
    assert stamps == sorted(stamps, key=float)
    assert len(set(stamps)) == 5


def test_posting_to_an_added_channel(client: WebClient, fake: FakeSlack) -> None:
    fake.add_channel("C123", name="general", members=["U123"])
    client.chat_postMessage(channel="C123", text="one")
    client.chat_postMessage(channel="#general", text="two")
    assert [m["text"] for m in fake.messages("C123")] == ["one", "two"]


def test_posting_to_a_dm_id_from_conversations_open(client: WebClient, fake: FakeSlack) -> None:
    dm = client.conversations_open(users="U123")["channel"]["id"]
    client.chat_postMessage(channel=dm, text="hi")
    assert fake.messages("U123")[0]["text"] == "hi"


@pytest.mark.parametrize(
    ("channel", "error"),
    [
        ("CNOPE", "channel_not_found"),
        ("UGONE", "account_inactive"),
        ("CARCHIVED", "is_archived"),
        ("UHAL", "cannot_dm_bot"),
        ("UBOT", "cannot_dm_bot"),
    ],
)
def test_post_message_channel_refusals(client: WebClient, fake: FakeSlack, channel: str, error: str) -> None:
    fake.add_user("UHAL", is_bot=True)
    fake.add_user("UGONE", deleted=True)
    fake.add_channel("CARCHIVED", is_archived=True)
    assert refusal(lambda: client.chat_postMessage(channel=channel, text="hi"))["error"] == error


def test_a_message_needs_text_or_blocks(client: WebClient) -> None:
    assert (
        refusal(lambda: client.api_call("chat.postMessage", json={"channel": "U123"}))["error"] == "no_text"
    )


def test_51_blocks_are_invalid_blocks(client: WebClient, fake: FakeSlack) -> None:
    answer = refusal(
        lambda: client.chat_postMessage(channel="U123", text="x", blocks=[{"type": "divider"}] * 51)
    )
    assert answer["error"] == "invalid_blocks"
    assert answer["errors"] == ["no more than 50 items allowed [json-pointer:/blocks]"]
    assert answer["response_metadata"]["messages"] == [
        "[ERROR] no more than 50 items allowed [json-pointer:/blocks]"
    ]
    assert fake.messages("U123") == []


def test_undecodable_blocks_are_invalid_blocks_format(fake: FakeSlack, client: WebClient) -> None:
    answer = refusal(
        lambda: client.api_call("chat.postMessage", params={"channel": "U123", "blocks": "[{oops"})
    )
    assert answer["error"] == "invalid_blocks_format"


def test_malformed_metadata_is_refused(client: WebClient) -> None:
    bad = {"event_type": "intro_made"}  # no event_payload
    assert refusal(lambda: client.chat_postMessage(channel="U123", text="x", metadata=bad))["error"] == (
        "invalid_metadata_schema"
    )


def test_thread_replies_count_on_their_parent(client: WebClient, fake: FakeSlack) -> None:
    parent = client.chat_postMessage(channel="U123", text="parent")["ts"]
    client.chat_postMessage(channel="U123", text="reply", thread_ts=parent)
    stored_parent, reply = fake.messages("U123")
    assert (stored_parent["reply_count"], stored_parent["thread_ts"]) == (1, parent)
    assert reply["thread_ts"] == parent


# ------------------------------------------------------------------ chat.update and chat.postEphemeral


def test_chat_update_replaces_the_stored_message(client: WebClient, fake: FakeSlack) -> None:
    posted = client.chat_postMessage(channel="U123", text="old", blocks=[SECTION])
    answer = client.chat_update(channel=posted["channel"], ts=posted["ts"], text="new")
    assert (answer["channel"], answer["ts"], answer["text"]) == (posted["channel"], posted["ts"], "new")
    (message,) = fake.messages("U123")
    assert message["text"] == "new"
    assert "blocks" not in message
    assert message["edited"]["user"] == "UBOT"


def test_chat_update_keeps_metadata_unless_told(client: WebClient, fake: FakeSlack) -> None:
    metadata = {"event_type": "intro", "event_payload": {"id": 7}}
    posted = client.chat_postMessage(channel="U123", text="a", metadata=metadata)
    client.chat_update(channel=posted["channel"], ts=posted["ts"], text="b")
    assert fake.messages("U123")[0]["metadata"] == metadata


def test_chat_update_of_a_missing_message(client: WebClient, fake: FakeSlack) -> None:
    dm = fake.dm_channel_for("U123")
    answer = refusal(lambda: client.chat_update(channel=dm, ts="1700000000.000100", text="x"))
    assert answer["error"] == "message_not_found"


def test_chat_update_wants_the_dm_id_not_the_user_id(client: WebClient) -> None:
    posted = client.chat_postMessage(channel="U123", text="a")
    assert (
        refusal(lambda: client.chat_update(channel="U123", ts=posted["ts"], text="b"))["error"]
        == "channel_not_found"
    )


def test_chat_update_validates_blocks(client: WebClient) -> None:
    posted = client.chat_postMessage(channel="U123", text="a")
    bad = [{"type": "section", "text": {"type": "mrkdwn", "text": ""}}]
    answer = refusal(
        lambda: client.chat_update(channel=posted["channel"], ts=posted["ts"], text="b", blocks=bad)
    )
    assert answer["error"] == "invalid_blocks"


def test_post_ephemeral_is_delivered_but_not_stored(client: WebClient, fake: FakeSlack) -> None:
    fake.add_channel("C123", members=["U123"])
    answer = client.chat_postEphemeral(channel="C123", user="U123", text="psst")
    assert re.fullmatch(r"\d{10}\.\d{6}", answer["message_ts"])
    assert fake.messages("C123") == []
    (delivery,) = fake.ephemerals
    assert (delivery["channel"], delivery["user"], delivery["message"]["text"]) == ("C123", "U123", "psst")


@pytest.mark.parametrize(("user", "error"), [("U456", "user_not_in_channel"), ("UNOPE", "user_not_found")])
def test_post_ephemeral_refusals(client: WebClient, fake: FakeSlack, user: str, error: str) -> None:
    fake.add_channel("C123", members=["U123"])
    assert (
        refusal(lambda: client.chat_postEphemeral(channel="C123", user=user, text="psst"))["error"] == error
    )


def test_post_ephemeral_validates_blocks(client: WebClient) -> None:
    blocks = [{"type": "divider"}] * 51
    answer = refusal(lambda: client.chat_postEphemeral(channel="U123", user="U123", text="x", blocks=blocks))
    assert answer["error"] == "invalid_blocks"


# ------------------------------------------------------------------ conversations.history


def test_history_is_newest_first_without_metadata_by_default(client: WebClient, fake: FakeSlack) -> None:
    metadata = {"event_type": "intro", "event_payload": {"id": 1}}
    client.chat_postMessage(channel="U123", text="first", metadata=metadata)
    client.chat_postMessage(channel="U123", text="second")
    answer = client.conversations_history(channel=fake.dm_channel_for("U123"))
    assert [m["text"] for m in answer["messages"]] == ["second", "first"]
    assert "metadata" not in answer["messages"][1]
    assert answer["has_more"] is False


def test_history_includes_metadata_when_asked(client: WebClient, fake: FakeSlack) -> None:
    metadata = {"event_type": "intro", "event_payload": {"id": 1}}
    client.chat_postMessage(channel="U123", text="first", metadata=metadata)
    answer = client.conversations_history(channel=fake.dm_channel_for("U123"), include_all_metadata=True)
    assert answer["messages"][0]["metadata"] == metadata


def test_history_leaves_out_thread_replies(client: WebClient, fake: FakeSlack) -> None:
    parent = client.chat_postMessage(channel="U123", text="parent")["ts"]
    client.chat_postMessage(channel="U123", text="reply", thread_ts=parent)
    answer = client.conversations_history(channel=fake.dm_channel_for("U123"))
    assert [m["text"] for m in answer["messages"]] == ["parent"]


def test_history_honours_oldest_and_latest(client: WebClient, fake: FakeSlack) -> None:
    stamps = [client.chat_postMessage(channel="U123", text=str(i))["ts"] for i in range(4)]
    dm = fake.dm_channel_for("U123")
    window = client.conversations_history(channel=dm, oldest=stamps[0], latest=stamps[3])
    assert [m["text"] for m in window["messages"]] == ["2", "1"]
    inclusive = client.conversations_history(channel=dm, oldest=stamps[0], latest=stamps[3], inclusive=True)
    assert [m["text"] for m in inclusive["messages"]] == ["3", "2", "1", "0"]


def test_history_pages_with_a_cursor(client: WebClient, fake: FakeSlack) -> None:
    for i in range(5):
        client.chat_postMessage(channel="U123", text=str(i))
    pages = [
        [m["text"] for m in page["messages"]]
        for page in client.conversations_history(channel=fake.dm_channel_for("U123"), limit=2)
    ]
    assert pages == [["4", "3"], ["2", "1"], ["0"]]


def test_history_of_a_dm_with_a_deactivated_user_is_readable(client: WebClient, fake: FakeSlack) -> None:
    client.chat_postMessage(channel="U123", text="bye")
    fake.add_user("U123", name="dana", deleted=True)
    assert refusal(lambda: client.chat_postMessage(channel="U123", text="x"))["error"] == "account_inactive"
    assert len(client.conversations_history(channel=fake.dm_channel_for("U123"))["messages"]) == 1


def test_history_of_an_unknown_channel(client: WebClient) -> None:
    assert refusal(lambda: client.conversations_history(channel="CNOPE"))["error"] == "channel_not_found"
