"""/offer-help: command → modal → submission → stored → Home republished → confirmed."""

from bot.models import Offer
from tests.e2e.conftest import BOTH_TRANSPORTS, Bot, text_of

pytestmark = BOTH_TRANSPORTS


def test_offer_help_opens_a_prefilled_modal_and_saves_the_offer(bot: Bot) -> None:
    reply = bot.slack.command("/offer-help", "Shopify SEO audits for small shops")
    assert (reply.status, reply.text) == (200, "")  # acked at once, nothing posted in the channel

    view = bot.opened_view("offer_modal")
    description = next(b for b in view["blocks"] if b.get("block_id") == "description")
    assert description["element"]["initial_value"] == "Shopify SEO audits for small shops"

    submitted = bot.slack.submit(
        view,
        values={
            "skills": [("seo", "SEO"), ("shopify-seo", "Shopify SEO")],
            "details": "I look at your product pages and Google Business Profile.",
            "format": "async-review",
            "monthly_capacity": "3",
            "links": "portfolio.example/audits\nhttps://dana.example",
        },
    )
    assert (submitted.status, submitted.text) == (200, "")  # the modal closes

    [offer] = bot.rows(Offer)
    assert offer.description == "Shopify SEO audits for small shops"
    assert offer.skills == ["seo", "shopify-seo"]
    assert (offer.format, offer.monthly_capacity) == ("async-review", 3)
    assert offer.links == ["https://portfolio.example/audits", "https://dana.example"]

    home = bot.home()
    assert "Shopify SEO audits for small shops" in text_of(home["blocks"])
    confirmation = bot.next_call("response_url")
    assert confirmation.args["response_type"] == "ephemeral"
    assert "Your offer is saved" in confirmation.args["text"]
    assert "Shopify SEO audits" in text_of(confirmation.args["blocks"])


def test_the_member_is_created_with_their_slack_name_and_time_zone(bot: Bot) -> None:
    bot.slack.command("/offer-help", user="U0BOB")
    bot.slack.submit(bot.opened_view("offer_modal"), user="U0BOB", values={"description": "Copy editing"})
    bot.home("U0BOB")
    member = bot.member("U0BOB")
    assert member is not None
    assert (member.name, member.timezone, member.team_id) == ("Bob Brown", "America/New_York", "T0FAKE")


def test_invalid_input_comes_back_inline_and_nothing_is_stored(bot: Bot) -> None:
    bot.slack.command("/offer-help")
    view = bot.opened_view("offer_modal")
    reply = bot.slack.submit(
        view,
        values={
            "description": "   ",
            "links": "ftp://files.example",
            "skills": [(f"skill-{i}", f"Skill {i}") for i in range(11)],
        },
    )
    assert reply.status == 200
    body = reply.json()
    assert body["response_action"] == "errors"
    assert body["errors"]["description"] == "this can't be empty"
    assert "not a web link" in body["errors"]["links"]
    assert "at most 10" in body["errors"]["skills"]
    assert bot.rows(Offer) == []
    assert bot.fake.calls_to("views.publish") == []


def test_an_edit_of_an_offer_updates_it_in_place(bot: Bot) -> None:
    bot.slack.command("/offer-help", "Logo design")
    bot.slack.submit(bot.opened_view("offer_modal"))
    home = bot.home()
    [offer] = bot.rows(Offer)

    bot.slack.click("edit_entry", value=f"offer:{offer.id}", view=home)
    edit = bot.opened_view("offer_modal")
    assert edit["title"]["text"] == "Edit your offer"
    bot.slack.submit(edit, values={"description": "Logo and brand identity"})
    bot.home(count=2)

    [updated] = bot.rows(Offer)
    assert (updated.id, updated.description) == (offer.id, "Logo and brand identity")
    assert "Your offer is updated" in bot.next_call("chat.postMessage").args["text"]


def test_a_huge_or_strange_command_text_still_opens_the_modal(bot: Bot) -> None:
    text = ("🎉 <!channel> <@U0NOBODY> '; DROP TABLE offers; -- \x07" * 300)[:10_000]
    reply = bot.slack.command("/offer-help", text)
    assert reply.status == 200
    description = next(
        b for b in bot.opened_view("offer_modal")["blocks"] if b.get("block_id") == "description"
    )
    assert len(description["element"]["initial_value"]) <= 300
