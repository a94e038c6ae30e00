"""The App Home: onboarding on a first visit, then entries with Edit/Withdraw, pause/resume and cadence."""

from bot.models import MemberStatus, Need, Offer, Project
from tests.e2e.conftest import BOTH_TRANSPORTS, Bot, text_of

pytestmark = BOTH_TRANSPORTS


def _actions(home: dict) -> list[tuple[str, str | None]]:
    return [
        (e["action_id"], e.get("value"))
        for b in home["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]


def test_a_first_visit_is_onboarding_and_the_next_shows_the_member(bot: Bot) -> None:
    bot.slack.open_home()
    first = bot.home()
    assert "Welcome to Kindred" in text_of(first["blocks"])
    assert [a for a, _ in _actions(first)] == ["add_offer", "add_need", "edit_profile"]
    member = bot.member()
    assert member is not None
    assert member.name == "Alice Adams"  # from users.info

    bot.slack.open_home()
    second = bot.home(count=2)
    assert "Your Kindred" in text_of(second["blocks"])


def test_the_messages_tab_opening_publishes_nothing(bot: Bot) -> None:
    bot.slack.event({"type": "app_home_opened", "user": "U0ALICE", "channel": "D0X", "tab": "messages"})
    bot.slack.open_home(user="U0BOB")
    bot.home("U0BOB")
    bot.settle()
    assert all(call.args["user_id"] == "U0BOB" for call in bot.fake.calls_to("views.publish"))


def test_add_buttons_open_the_right_modals(bot: Bot) -> None:
    bot.slack.open_home()
    home = bot.home()
    for action_id, callback_id in (
        ("add_offer", "offer_modal"),
        ("add_need", "need_modal"),
        ("edit_profile", "profile_modal"),
    ):
        assert bot.slack.click(action_id, view=home).status == 200
        bot.opened_view(callback_id)
    bot.slack.click("add_project", view=home)
    bot.opened_view("project_modal")


def test_withdraw_resolve_and_archive_from_the_home(bot: Bot) -> None:
    bot.slack.command("/offer-help", "Illustration")
    bot.slack.submit(bot.opened_view("offer_modal"))
    bot.slack.command("/need-help", "Receipts chaos")
    bot.slack.submit(bot.opened_view("need_modal"))
    bot.slack.click("add_project", view={"id": "V0HOME", "type": "home"})
    bot.slack.submit(bot.opened_view("project_modal"), values={"name": "Graphic novel"})
    home = bot.home(count=3)
    offer, need, project = bot.rows(Offer)[0], bot.rows(Need)[0], bot.rows(Project)[0]
    assert ("withdraw_entry", f"offer:{offer.id}") in _actions(home)

    bot.slack.click("withdraw_entry", value=f"offer:{offer.id}", view=home)
    bot.slack.click("resolve_entry", value=f"need:{need.id}", view=home)
    bot.slack.click("archive_entry", value=f"project:{project.id}", view=home)
    home = bot.home(count=6)

    assert (bot.rows(Offer)[0].status, bot.rows(Need)[0].status, bot.rows(Project)[0].status) == (
        "withdrawn",
        "resolved",
        "archived",
    )
    assert not any(value for _, value in _actions(home) if value and ":" in value)


def test_pause_resume_and_cadence_from_the_home(bot: Bot) -> None:
    bot.slack.open_home()
    home = bot.home()
    bot.slack.click("pause", view=home)
    paused_home = bot.home(count=2)
    member = bot.member()
    assert member is not None
    assert member.status == MemberStatus.PAUSED
    assert ("resume", None) in _actions(paused_home)

    bot.slack.click("resume", view=paused_home)
    bot.home(count=3)
    bot.slack.click("choose_cadence", view=paused_home, selected="monthly")
    bot.home(count=4)
    member = bot.member()
    assert member is not None
    assert (member.status, member.digest_cadence) == ("active", "monthly")
