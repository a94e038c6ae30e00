"""Only the member can edit or close their own entries; forged or stale clicks change nothing."""

from bot.models import Offer
from tests.e2e.conftest import Bot, text_of


def _alice_offer(bot: Bot) -> Offer:
    bot.slack.command("/offer-help", "Alice's offer")
    bot.slack.submit(bot.opened_view("offer_modal"))
    bot.home()
    [offer] = bot.rows(Offer)
    return offer


def test_someone_else_cannot_withdraw_an_offer(bot: Bot) -> None:
    offer = _alice_offer(bot)
    reply = bot.slack.click(
        "withdraw_entry", user="U0MALLORY", value=f"offer:{offer.id}", view={"id": "V0HOME"}
    )
    assert reply.status == 200
    notice = bot.fake.wait_for(
        "views.open", where=lambda c: c.args["view"].get("callback_id") == "notice_modal"
    )
    assert "belongs to someone else" in text_of(notice[-1].args["view"])
    assert bot.rows(Offer)[0].status == "active"
    assert [c.args["user_id"] for c in bot.fake.calls_to("views.publish")] == ["U0ALICE"]


def test_someone_else_cannot_open_an_offer_for_editing(bot: Bot) -> None:
    offer = _alice_offer(bot)
    bot.slack.click("edit_entry", user="U0MALLORY", value=f"offer:{offer.id}", view={"id": "V0HOME"})
    notice = bot.fake.wait_for(
        "views.open", where=lambda c: c.args["view"].get("callback_id") == "notice_modal"
    )
    assert "Alice's offer" not in text_of(notice[-1].args["view"])
    assert not any(
        c.args["view"].get("callback_id") == "offer_modal"
        and "entry_id" in c.args["view"].get("private_metadata", "")
        for c in bot.fake.calls_to("views.open")
    )


def test_a_forged_submission_editing_someone_elses_offer_is_refused_inline(bot: Bot) -> None:
    offer = _alice_offer(bot)
    bot.slack.command("/offer-help", user="U0MALLORY")
    view = bot.opened_view("offer_modal")
    view["private_metadata"] = text_of({"entry_id": offer.id})
    reply = bot.slack.submit(view, user="U0MALLORY", values={"description": "Mallory was here"})
    assert reply.json()["response_action"] == "errors"
    assert "belongs to someone else" in reply.json()["errors"]["description"]
    assert bot.rows(Offer)[0].description == "Alice's offer"


def test_stale_or_garbled_button_values_are_answered_politely(bot: Bot) -> None:
    _alice_offer(bot)
    for value in ("offer:999999", "bogus", "offer:-1", "need:", "offer:1e9", "x" * 3000):
        assert bot.slack.click("withdraw_entry", value=value, view={"id": "V0HOME"}).status == 200
    notices = bot.fake.wait_for(
        "views.open", count=6, where=lambda c: c.args["view"].get("callback_id") == "notice_modal"
    )
    assert all("GENERIC" not in text_of(n.args) and "went wrong" not in text_of(n.args) for n in notices)
    assert bot.rows(Offer)[0].status == "active"
