"""/kindred export and /kindred forget-me over signed HTTP: the file in the DM, the confirmation, and that
a forgotten member is never re-created or written to again, whatever Slack or the scheduler sends."""

import json
from datetime import timedelta
from typing import Any

from bot.db import session_scope
from bot.members import Identity, ensure_member
from bot.models import (
    Delivery,
    DigestSuggestion,
    ForgottenUser,
    Intro,
    IntroParticipant,
    Member,
    Need,
    Offer,
    PairFeedback,
    Project,
)
from bot.slack import ids
from tests.e2e.community import alice_asks_for_bob, digest_for, latest, seed
from tests.e2e.conftest import Bot, text_of
from tests.factories import make_need, make_offer


def _reply(bot: Bot, text: str, user: str = "U0ALICE") -> dict[str, Any]:
    assert bot.slack.command("/kindred", text, user=user).status == 200
    answer = bot.next_call("response_url").args
    assert answer["response_type"] == "ephemeral"
    return answer


def _as_message(answer: dict[str, Any]) -> dict[str, Any]:
    """The ephemeral answer as Slack shows it, for clicking its buttons."""
    return {"type": "message", "ts": "1700000000.000100", "channel": "C0GENERAL", "blocks": answer["blocks"]}


def _button(answer: dict[str, Any], action_id: str) -> dict[str, Any]:
    return next(
        element
        for block in answer["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == action_id
    )


def _forget_alice(bot: Bot) -> dict[str, Any]:
    answer = _reply(bot, "forget-me")
    confirm = _button(answer, ids.FORGET_ME_CONFIRM)
    assert (
        bot.slack.click(confirm["action_id"], value=confirm["value"], message=_as_message(answer)).status
        == 200
    )
    bot.settle()
    return bot.next_call("response_url").args


def _to_alice(bot: Bot) -> list[Any]:
    """Everything the bot posted to Alice: DMs by user id or by her DM channel."""
    dm = bot.fake.dm_channel_for("U0ALICE")
    return [c for c in bot.fake.calls_to("chat.postMessage") if c.args.get("channel") in ("U0ALICE", dm)]


def _alices_rows(bot: Bot, member_id: int) -> dict[str, int]:
    return {
        "members": len([m for m in bot.rows(Member) if m.user_id == "U0ALICE"]),
        "offers": len([o for o in bot.rows(Offer) if o.member_id == member_id]),
        "needs": len([n for n in bot.rows(Need) if n.member_id == member_id]),
        "projects": len([p for p in bot.rows(Project) if p.member_id == member_id]),
        "suggestions": len(
            [s for s in bot.rows(DigestSuggestion) if member_id in (s.recipient_id, s.other_id)]
        ),
        "feedback": len([f for f in bot.rows(PairFeedback) if member_id in (f.member_id, f.other_id)]),
        "intros": len([p for p in bot.rows(IntroParticipant) if p.member_id == member_id]),
        "deliveries": len([d for d in bot.rows(Delivery) if "U0ALICE" in d.user_id.split(",")]),
    }


def _dave_joins_with_seo(bot: Bot) -> None:
    bot.fake.add_user("U0DAVE", name="dave", real_name="Dave Diaz", tz="UTC")
    with session_scope(bot.sessions) as session:
        dave, _ = ensure_member(session, who=Identity("T0FAKE", "U0DAVE", "Dave Diaz"), now=bot.clock())
        make_offer(session, dave, "Local SEO audits for shops that don't show up on Google", skills=["seo"])
        make_need(session, dave, "My own website doesn't rank on Google", skills=["seo"])


# --- export ---------------------------------------------------------------------------------------------


def test_export_sends_a_json_file_of_the_members_data_to_their_dm(bot: Bot) -> None:
    alice_asks_for_bob(bot)
    answer = _reply(bot, "export")
    assert "on its way to your DMs" in answer["text"]
    bot.settle()

    [upload] = bot.fake.uploads
    assert upload["channel"] == bot.fake.dm_channel_for("U0ALICE")
    assert upload["filename"] == "kindred-data-2026-11-23.json"
    assert "everything Kindred stores about you" in upload["initial_comment"]
    document = json.loads(upload["content"])
    assert (document["user_id"], document["member"]["name"]) == ("U0ALICE", "Alice Adams")
    assert {need["description"] for need in document["needs"]} == {
        "My shop doesn't show up on Google",
        "Burnout, honestly",  # her own private need: it's her data
    }
    assert any(s["user_id"] == "U0BOB" for s in document["suggestions_received"])
    [intro] = document["intros"]
    assert (intro["user_id"], intro["status"], intro["your_consent"]) == ("U0BOB", "waiting", "yes")
    assert "digest:2026-W48" in {d["key"] for d in document["deliveries"]}
    [message] = [m for m in bot.fake.messages("U0ALICE") if m.get("files")]
    assert message["files"][0]["name"] == "kindred-data-2026-11-23.json"
    complete = bot.fake.calls_to("files.completeUploadExternal")[0].args
    assert complete["channel_id"] == bot.fake.dm_channel_for("U0ALICE")


def test_a_declined_intro_is_not_revealed_in_the_export(bot: Bot) -> None:
    alice_asks_for_bob(bot)
    question = latest(bot, "U0BOB", "Would you like an intro to Alice")
    value = question["blocks"][-2]["elements"][1]["value"]
    bot.slack.click("intro_not_now", user="U0BOB", value=value, message=question)
    bot.settle()
    _reply(bot, "export")
    bot.settle()
    document = json.loads(bot.fake.uploads[0]["content"])
    [intro] = document["intros"]
    assert intro["status"] == "waiting"  # until the request would have expired, like one nobody answered
    assert "declin" not in json.dumps(document["intros"])


def test_someone_kindred_knows_nothing_about_is_told_so(bot: Bot) -> None:
    answer = _reply(bot, "export", user="U0MALLORY")
    assert "Kindred stores nothing about you" in answer["text"]
    bot.settle()
    assert bot.fake.uploads == []
    assert bot.member("U0MALLORY") is None


# --- forget-me ----------------------------------------------------------------------------------------


def test_forget_me_asks_first_explaining_what_goes(bot: Bot) -> None:
    seed(bot)
    answer = _reply(bot, "forget-me")
    shown = text_of(answer["blocks"])
    assert "can't be undone" in shown
    assert "private ones too" in shown
    delete = _button(answer, ids.FORGET_ME_CONFIRM)
    assert (delete["style"], delete["value"]) == ("danger", "U0ALICE")
    assert "confirm" in delete
    assert bot.member("U0ALICE") is not None  # nothing happens before the click


def test_delete_my_data_deletes_everything_and_nothing_contacts_them_again(bot: Bot) -> None:
    alice_asks_for_bob(bot)
    alice = bot.member("U0ALICE")
    assert alice is not None
    assert alice.id is not None
    assert _alices_rows(bot, alice.id)["suggestions"] > 0

    done = _forget_alice(bot)
    assert done["replace_original"] is True
    assert "Done — Kindred has deleted everything it stored about you" in done["text"]
    assert set(_alices_rows(bot, alice.id).values()) == {0}
    assert bot.rows(Intro) == []  # the intro with Bob meant nothing without Alice
    [tombstone] = bot.rows(ForgottenUser)
    assert tombstone.user_id == "U0ALICE"
    assert "Kindred has forgotten you" in text_of(bot.fake.home_of("U0ALICE"))  # her Home showed her data
    assert bot.member("U0BOB") is not None

    sent_before = len(_to_alice(bot))
    user = bot.fake.add_user("U0ALICE", name="alice", real_name="Alice A. Adams", tz="Europe/Berlin")
    bot.slack.event({"type": "team_join", "user": user})
    bot.slack.event({"type": "user_change", "user": user})
    bot.slack.open_home("U0ALICE")
    bot.settle()
    _dave_joins_with_seo(bot)  # someone Alice would have been matched with next week
    ran = dict(bot.tick(bot.clock.now + timedelta(days=7)))  # next week's digest, and the intro's expiry
    [report] = ran["weekly-digest"]
    assert report.planned > 0  # the others got their digests
    bot.tick(bot.clock.now + timedelta(days=14))

    assert len(_to_alice(bot)) == sent_before
    assert bot.member("U0ALICE") is None
    assert "Kindred has forgotten you" in text_of(bot.fake.home_of("U0ALICE"))
    assert [t.user_id for t in bot.rows(ForgottenUser)] == ["U0ALICE"]


def test_a_forgotten_member_is_not_brought_back_by_others_or_by_old_buttons(bot: Bot) -> None:
    seed(bot)
    digest = digest_for(bot, "U0ALICE")
    _forget_alice(bot)

    bot.slack.command("/intro", "<@U0ALICE> <@U0BOB> they both bake", user="U0CAROL")
    refused = bot.next_call("response_url").args
    assert "isn't someone Kindred can introduce" in refused["text"]
    value = next(
        e["value"] for b in digest["blocks"] if b["type"] == "actions" for e in b["elements"] if "value" in e
    )
    bot.slack.click("digest_intro", value=value, message=digest)
    bot.settle()
    assert "Kindred has forgotten you" in bot.next_call("response_url").args["text"]
    _reply(bot, "pause")
    assert bot.member("U0ALICE") is None
    assert bot.rows(Intro) == []


def test_clicking_delete_twice_is_harmless(bot: Bot) -> None:
    seed(bot)
    answer = _reply(bot, "forget-me")
    confirm = _button(answer, ids.FORGET_ME_CONFIRM)
    for _ in range(2):
        bot.slack.click(confirm["action_id"], value=confirm["value"], message=_as_message(answer))
    bot.settle()
    for _ in range(2):
        assert "Done" in bot.next_call("response_url").args["text"]
    assert len(bot.rows(ForgottenUser)) == 1
    assert bot.member("U0ALICE") is None


def test_a_forged_click_by_someone_else_changes_nothing(bot: Bot) -> None:
    seed(bot)
    answer = _reply(bot, "forget-me")
    confirm = _button(answer, ids.FORGET_ME_CONFIRM)
    members_before = len(bot.rows(Member))
    bot.slack.click(confirm["action_id"], user="U0MALLORY", value="U0ALICE", message=_as_message(answer))
    bot.settle()
    refused = bot.next_call("response_url").args
    assert "meant for someone else" in refused["text"]
    assert refused.get("replace_original") is not True
    assert len(bot.rows(Member)) == members_before
    assert bot.member("U0ALICE") is not None
    assert bot.member("U0MALLORY") is not None
    assert bot.rows(ForgottenUser) == []


def test_cancel_deletes_nothing(bot: Bot) -> None:
    seed(bot)
    answer = _reply(bot, "forget-me")
    cancel = _button(answer, ids.FORGET_ME_CANCEL)
    bot.slack.click(cancel["action_id"], value=cancel["value"], message=_as_message(answer))
    bot.settle()
    replaced = bot.next_call("response_url").args
    assert replaced["replace_original"] is True
    assert "Nothing was deleted." in replaced["text"]
    assert bot.member("U0ALICE") is not None
    assert bot.rows(ForgottenUser) == []


def test_nothing_to_forget_and_already_forgotten_are_said_plainly(bot: Bot) -> None:
    assert "stores nothing about you" in _reply(bot, "forget-me", user="U0MALLORY")["text"]
    seed(bot)
    _forget_alice(bot)
    assert "already forgotten you" in _reply(bot, "forget-me")["text"]
    assert "asked it to forget you (2026-11-23)" in _reply(bot, "export")["text"]


def test_coming_back_by_adding_an_offer_starts_fresh(bot: Bot) -> None:
    seed(bot)
    _forget_alice(bot)
    bot.slack.command("/offer-help", "Sourdough lessons")
    view = bot.opened_view("offer_modal")
    assert bot.member("U0ALICE") is None  # opening the form is not coming back; saving it is
    assert bot.slack.submit(view).status == 200
    bot.settle()
    alice = bot.member("U0ALICE")
    assert alice is not None
    assert alice.name == "Alice Adams"
    assert bot.rows(ForgottenUser) == []
    assert [o.description for o in bot.rows(Offer) if o.member_id == alice.id] == ["Sourdough lessons"]
    assert "Sourdough lessons" in text_of(bot.fake.home_of("U0ALICE"))
