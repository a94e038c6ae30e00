import pytest

from bot.privacy.blocks import forget_confirmation, forgotten_home_view
from bot.slack import ids
from bot.slack.blocks import messages
from tests.fakeslack import check_message_blocks, check_view
from tests.slack.blocks import samples


def buttons(blocks: list[dict]) -> list[dict]:
    return [element for block in blocks if block["type"] == "actions" for element in block["elements"]]


@pytest.mark.parametrize("user_id", ["U0ALICE", "W0" + "A" * 30, samples.UNUSUAL, samples.LONG])
def test_the_forget_me_confirmation_is_valid_and_asks_twice(user_id: str) -> None:
    kwargs = forget_confirmation(user_id).as_kwargs()
    assert check_message_blocks(kwargs["blocks"]) == []
    delete, cancel = buttons(kwargs["blocks"])
    assert (delete["action_id"], delete["style"]) == (ids.FORGET_ME_CONFIRM, "danger")
    assert delete["text"]["text"] == "Delete my data"
    assert delete["confirm"]["style"] == "danger"
    assert "can't be undone" in delete["confirm"]["text"]["text"]
    assert (cancel["action_id"], cancel["text"]["text"]) == (ids.FORGET_ME_CANCEL, "Cancel")
    assert "style" not in cancel
    assert delete["value"] == cancel["value"] == user_id[:2000]


def test_the_confirmation_says_what_is_deleted_and_that_it_is_final() -> None:
    shown = samples.mrkdwn_of(forget_confirmation("U0ALICE").as_kwargs())
    for words in ("profile", "offers", "needs (private ones too)", "projects", "intros", "can't be undone"):
        assert words in shown
    assert "U0ALICE" not in shown


def test_the_home_of_someone_forgotten_only_shows_the_way_back() -> None:
    view = forgotten_home_view().to_dict()
    assert check_view(view) == []
    assert "Kindred has forgotten you" in str(view["blocks"])
    assert [b["action_id"] for b in buttons(view["blocks"])] == [ids.ADD_OFFER, ids.ADD_NEED]


def test_help_lists_export_and_forget_me() -> None:
    shown = str(messages.help_message().as_kwargs())
    assert "/kindred export" in shown
    assert "/kindred forget-me" in shown
