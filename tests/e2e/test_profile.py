"""The profile modal: title, bio, links, and projects added from inside it (a pushed modal)."""

from bot.models import Project
from tests.e2e.conftest import Bot, text_of


def test_a_profile_is_saved_and_confirmed(bot: Bot) -> None:
    bot.slack.command("/kindred", "profile")
    view = bot.opened_view("profile_modal")
    reply = bot.slack.submit(
        view, values={"title": "Brand designer", "bio": "Ten years of identities.", "links": "aisha.example"}
    )
    assert (reply.status, reply.text) == (200, "")
    member = bot.member()
    assert member is not None
    assert (member.title, member.bio, member.links) == (
        "Brand designer",
        "Ten years of identities.",
        ["https://aisha.example"],
    )
    assert "Your profile is saved" in bot.next_call("response_url").args["text"]
    assert "Brand designer" in text_of(bot.home()["blocks"])


def test_bad_profile_links_come_back_inline(bot: Bot) -> None:
    bot.slack.command("/kindred", "profile")
    reply = bot.slack.submit(bot.opened_view("profile_modal"), values={"links": "my site, also this"})
    assert "doesn't look like a web address" in reply.json()["errors"]["links"]


def test_a_project_added_from_the_profile_shows_up_in_it(bot: Bot) -> None:
    bot.slack.command("/kindred", "profile")
    profile = bot.opened_view("profile_modal")
    assert bot.slack.click("profile_add_project", view=profile).status == 200
    pushed = bot.opened_view("project_modal", method="views.push")
    assert pushed["previous_view_id"] == profile["id"]

    reply = bot.slack.submit(pushed, values={"name": "Linie 8", "help_wanted": "A letterer"})
    assert (reply.status, reply.text) == (200, "")  # back to the profile modal
    [project] = bot.rows(Project)
    updated = bot.fake.wait_for("views.update", where=lambda c: c.args.get("view_id") == profile["id"])[-1]
    assert "Linie 8" in text_of(updated.args["view"]["blocks"])

    refreshed = bot.fake.view(profile["id"])
    assert refreshed is not None
    bot.slack.click("profile_edit_project", value=str(project.id), view=refreshed)
    edit = bot.opened_view("project_modal", method="views.push")
    assert (
        next(b for b in edit["blocks"] if b.get("block_id") == "name")["element"]["initial_value"]
        == "Linie 8"
    )


def test_a_member_first_seen_through_the_profile_command_gets_their_slack_name(bot: Bot) -> None:
    bot.slack.command("/kindred", "profile", user="U0BOB")
    bot.opened_view("profile_modal")
    member = bot.member("U0BOB")
    assert member is not None
    assert (member.name, member.timezone) == ("Bob Brown", "America/New_York")


def test_a_member_first_seen_through_a_button_gets_their_slack_name(bot: Bot) -> None:
    bot.slack.click("pause", user="U0BOB", view={"id": "V0HOME"})
    bot.home("U0BOB")
    member = bot.member("U0BOB")
    assert member is not None
    assert (member.name, member.status) == ("Bob Brown", "paused")
