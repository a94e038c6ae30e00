"""Unknown buttons, callback ids and retired modals are acknowledged and change nothing."""

from bot.models import Member
from tests.e2e.conftest import Bot


def test_unknown_action_ids_are_acknowledged_and_ignored(bot: Bot) -> None:
    for action_id in ("retired_button", "x" * 255, "edit_entry_v0"):
        assert bot.slack.click(action_id, view={"id": "V0HOME"}).status == 200
    bot.settle()
    assert bot.rows(Member) == []


def test_unknown_callback_ids_close_quietly(bot: Bot) -> None:
    view = {
        "id": "V0OLD",
        "type": "modal",
        "callback_id": "retired_modal",
        "blocks": [],
        "private_metadata": "",
    }
    reply = bot.slack.submit(view)
    assert (reply.status, reply.text) == (200, "")
    closed = bot.slack._interaction("view_closed", "U0ALICE") | {"view": view, "is_cleared": False}
    assert bot.slack.post_payload(closed).status == 200
    bot.settle()
    assert bot.rows(Member) == []


def test_a_get_or_a_wrong_path_is_not_served(bot: Bot) -> None:
    import urllib.error
    import urllib.request

    for path, expected in (("/slack/events", 405), ("/nope", 404)):
        try:
            urllib.request.urlopen(bot.url + path, timeout=5)
            status = 200
        except urllib.error.HTTPError as error:
            status = error.code
        assert status == expected
