"""views.open / push / update / publish and trigger_id exchange, through a real WebClient."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk import WebClient

from tests.fakeslack import FakeSlack
from tests.fakeslack.conftest import refusal


def plain(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}


def modal(title: str = "Offer help", **extra: Any) -> dict[str, Any]:
    blocks = [
        {
            "type": "input",
            "block_id": "offer",
            "label": plain("What can you offer?"),
            "element": {"type": "plain_text_input", "action_id": "text"},
        }
    ]
    return {"type": "modal", "title": plain(title), "submit": plain("Save"), "blocks": blocks, **extra}


HOME = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "Welcome"}}]}


def test_views_open_returns_a_slack_view_object(client: WebClient, fake: FakeSlack) -> None:
    view = client.views_open(
        trigger_id=fake.issue_trigger_id(), view=modal(callback_id="offer", private_metadata="42")
    )["view"]
    assert view["id"].startswith("V")
    assert view["root_view_id"] == view["id"]
    assert view["previous_view_id"] is None
    assert (view["team_id"], view["type"], view["callback_id"], view["private_metadata"]) == (
        "T0FAKE",
        "modal",
        "offer",
        "42",
    )
    assert view["title"] == plain("Offer help")
    assert view["submit"] == plain("Save")
    assert view["state"] == {"values": {}}
    assert view["hash"]
    assert (view["app_id"], view["bot_id"]) == ("AFAKE", "BFAKE")
    assert fake.view(view["id"]) == view


def test_the_view_argument_is_decoded_in_the_recorded_call(client: WebClient, fake: FakeSlack) -> None:
    client.views_open(trigger_id=fake.issue_trigger_id(), view=modal())
    assert fake.wait_for("views.open")[0].args["view"] == modal()


def test_a_trigger_id_is_single_use(client: WebClient, fake: FakeSlack) -> None:
    trigger_id = fake.issue_trigger_id()
    client.views_open(trigger_id=trigger_id, view=modal())
    assert (
        refusal(lambda: client.views_open(trigger_id=trigger_id, view=modal()))["error"]
        == "exchanged_trigger_id"
    )


def test_trigger_ids_are_fresh_each_time(fake: FakeSlack) -> None:
    assert fake.issue_trigger_id() != fake.issue_trigger_id()


def test_an_unknown_trigger_id_is_invalid(client: WebClient) -> None:
    assert (
        refusal(lambda: client.views_open(trigger_id="123.456.abc", view=modal()))["error"]
        == "invalid_trigger_id"
    )


def test_a_trigger_id_expires_after_3_seconds(client: WebClient, fake: FakeSlack) -> None:
    now = [1000.0]
    fake.clock = lambda: now[0]
    trigger_id = fake.issue_trigger_id()
    now[0] += 3.01
    assert (
        refusal(lambda: client.views_open(trigger_id=trigger_id, view=modal()))["error"]
        == "expired_trigger_id"
    )


def test_a_trigger_id_is_good_for_3_seconds(client: WebClient, fake: FakeSlack) -> None:
    now = [1000.0]
    fake.clock = lambda: now[0]
    trigger_id = fake.issue_trigger_id()
    now[0] += 3.0
    assert client.views_open(trigger_id=trigger_id, view=modal())["ok"] is True


def test_a_25_character_title_is_rejected_without_using_the_trigger(
    client: WebClient, fake: FakeSlack
) -> None:
    trigger_id = fake.issue_trigger_id()
    answer = refusal(lambda: client.views_open(trigger_id=trigger_id, view=modal("x" * 25)))
    assert answer["error"] == "invalid_arguments"
    assert answer["response_metadata"]["messages"] == [
        "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"
    ]
    assert client.views_open(trigger_id=trigger_id, view=modal("x" * 24))["ok"] is True


def test_views_open_needs_a_modal(client: WebClient, fake: FakeSlack) -> None:
    answer = refusal(lambda: client.views_open(trigger_id=fake.issue_trigger_id(), view=HOME))
    assert answer["response_metadata"]["messages"] == [
        "[ERROR] must be a valid enum value [json-pointer:/view/type]"
    ]


def test_views_open_needs_a_trigger_id(client: WebClient) -> None:
    answer = refusal(lambda: client.api_call("views.open", json={"view": modal()}))
    assert answer["error"] == "invalid_arguments"


def test_views_push_stacks_on_the_open_modal(client: WebClient, fake: FakeSlack) -> None:
    root = client.views_open(trigger_id=fake.issue_trigger_id(), view=modal())["view"]
    pushed = client.views_push(trigger_id=fake.issue_trigger_id(view_id=root["id"]), view=modal("Step 2"))[
        "view"
    ]
    assert pushed["id"] != root["id"]
    assert pushed["root_view_id"] == root["id"]
    assert pushed["previous_view_id"] == root["id"]


def test_views_push_stops_at_three_views(client: WebClient, fake: FakeSlack) -> None:
    client.views_open(trigger_id=fake.issue_trigger_id(), view=modal())
    client.views_push(trigger_id=fake.issue_trigger_id(), view=modal("Two"))
    client.views_push(trigger_id=fake.issue_trigger_id(), view=modal("Three"))
    answer = refusal(lambda: client.views_push(trigger_id=fake.issue_trigger_id(), view=modal("Four")))
    assert answer["error"] == "push_limit_reached"


def test_views_push_needs_an_open_modal(client: WebClient, fake: FakeSlack) -> None:
    answer = refusal(lambda: client.views_push(trigger_id=fake.issue_trigger_id(), view=modal()))
    assert answer["error"] == "invalid_arguments"


def test_views_update_gives_a_new_hash(client: WebClient, fake: FakeSlack) -> None:
    opened = client.views_open(trigger_id=fake.issue_trigger_id(), view=modal())["view"]
    updated = client.views_update(view_id=opened["id"], view=modal("Thanks"), hash=opened["hash"])["view"]
    assert updated["id"] == opened["id"]
    assert updated["title"] == plain("Thanks")
    assert updated["hash"] != opened["hash"]
    assert fake.view(opened["id"]) == updated


def test_views_update_with_a_stale_hash_conflicts(client: WebClient, fake: FakeSlack) -> None:
    opened = client.views_open(trigger_id=fake.issue_trigger_id(), view=modal())["view"]
    client.views_update(view_id=opened["id"], view=modal("Second"))
    answer = refusal(
        lambda: client.views_update(view_id=opened["id"], view=modal("Third"), hash=opened["hash"])
    )
    assert answer["error"] == "hash_conflict"


def test_views_update_by_external_id(client: WebClient, fake: FakeSlack) -> None:
    client.views_open(trigger_id=fake.issue_trigger_id(), view=modal(external_id="offer-U123"))
    updated = client.views_update(external_id="offer-U123", view=modal("Saved", external_id="offer-U123"))
    assert updated["view"]["external_id"] == "offer-U123"


def test_views_update_of_an_unknown_view(client: WebClient) -> None:
    assert refusal(lambda: client.views_update(view_id="VNOPE", view=modal()))["error"] == "not_found"


def test_views_update_validates_the_view(client: WebClient, fake: FakeSlack) -> None:
    opened = client.views_open(trigger_id=fake.issue_trigger_id(), view=modal())["view"]
    bad = {**modal(), "submit": plain("s" * 25)}
    assert (
        refusal(lambda: client.views_update(view_id=opened["id"], view=bad))["error"] == "invalid_arguments"
    )


def test_external_ids_are_unique(client: WebClient, fake: FakeSlack) -> None:
    client.views_open(trigger_id=fake.issue_trigger_id(), view=modal(external_id="x"))
    answer = refusal(
        lambda: client.views_open(trigger_id=fake.issue_trigger_id(), view=modal(external_id="x"))
    )
    assert answer["error"] == "duplicate_external_id"


def test_views_publish_stores_the_home_tab(client: WebClient, fake: FakeSlack) -> None:
    view = client.views_publish(user_id="U123", view=HOME)["view"]
    assert view["type"] == "home"
    assert fake.home_of("U123") == view
    assert fake.home_of("U456") is None


def test_republishing_keeps_the_home_view_id(client: WebClient, fake: FakeSlack) -> None:
    first = client.views_publish(user_id="U123", view=HOME)["view"]
    second = client.views_publish(user_id="U123", view=HOME, hash=first["hash"])["view"]
    assert second["id"] == first["id"]
    assert second["hash"] != first["hash"]


def test_views_publish_with_a_stale_hash_conflicts(client: WebClient) -> None:
    first = client.views_publish(user_id="U123", view=HOME)["view"]
    client.views_publish(user_id="U123", view=HOME)
    assert refusal(lambda: client.views_publish(user_id="U123", view=HOME, hash=first["hash"]))["error"] == (
        "hash_conflict"
    )


@pytest.mark.parametrize(
    ("user_id", "view"),
    [("U123", {"type": "modal", "title": plain("x"), "blocks": []}), ("UNOPE", HOME)],
)
def test_views_publish_refusals(client: WebClient, user_id: str, view: dict[str, Any]) -> None:
    assert refusal(lambda: client.views_publish(user_id=user_id, view=view))["error"] == "invalid_arguments"


def test_home_tabs_allow_at_most_100_blocks(client: WebClient) -> None:
    view = {"type": "home", "blocks": [{"type": "divider"}] * 101}
    answer = refusal(lambda: client.views_publish(user_id="U123", view=view))
    assert answer["response_metadata"]["messages"] == [
        "[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]"
    ]


def test_reset_forgets_views(client: WebClient, fake: FakeSlack) -> None:
    opened = client.views_open(trigger_id=fake.issue_trigger_id(), view=modal())["view"]
    client.views_publish(user_id="U123", view=HOME)
    fake.reset()
    assert fake.view(opened["id"]) is None
    assert fake.home_of("U123") is None
