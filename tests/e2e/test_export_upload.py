"""/kindred export through Slack's external upload: the command is acked at once, then the file follows in
the member's DM (files.getUploadURLExternal, the bytes to the upload URL, files.completeUploadExternal),
holding that member's data and nobody else's. When Slack refuses the upload, the member is told so."""

import json
import threading
import time
from typing import Any

from bot import texts
from bot.db import session_scope
from bot.members import Identity, ensure_member
from bot.models import Need, Offer, Project
from bot.privacy import texts as privacy_texts
from tests.conftest import NOW
from tests.e2e.community import seed
from tests.e2e.conftest import Bot
from tests.factories import make_offer, make_project

OTHERS = ("U0BOB", "Bob Brown", "SEO audits for small shops", "Logo design", "Shopify SEO zine", "U0MALLORY")


def _alice_also_bakes(bot: Bot) -> int:
    """Alice's entries beyond the seeded needs, with text that is not ASCII; returns her member id."""
    with session_scope(bot.sessions) as session:
        alice, _ = ensure_member(session, who=Identity("T0FAKE", "U0ALICE", "Alice Adams"), now=NOW)
        make_offer(session, alice, "Sauerteig-Brötchen backen lernen 🥐", skills=["baking"])
        make_project(session, alice, "Bäckerei-Website")
        assert alice.id is not None
        return alice.id


def _descriptions(rows: list[Any], field: str = "description") -> set[str]:
    return {row[field] if isinstance(row, dict) else getattr(row, field) for row in rows}


def test_the_export_is_acked_at_once_and_arrives_as_a_file_in_the_dm(bot: Bot) -> None:
    seed(bot)
    alice_id = _alice_also_bakes(bot)
    acked = threading.Event()
    upload_waited_for_the_ack: list[bool] = []

    def hold_the_upload(method: str, args: dict[str, Any], n: int) -> None:
        if method == "upload_url":
            upload_waited_for_the_ack.append(acked.wait(5))

    bot.fake.set_fault(hold_the_upload)
    started = time.monotonic()
    reply = bot.slack.command("/kindred", "export")
    took = time.monotonic() - started
    acked.set()
    assert reply.status == 200
    assert took < 3  # Slack's deadline for the ack
    assert bot.next_call("response_url").args["text"] == privacy_texts.EXPORT_ON_ITS_WAY

    bot.fake.wait_for("files.completeUploadExternal")
    bot.settle()
    assert upload_waited_for_the_ack == [True]
    [reserved] = bot.fake.calls_to("files.getUploadURLExternal")
    [upload] = bot.fake.uploads
    assert reserved.args["filename"] == upload["filename"] == "kindred-data-2026-11-23.json"
    assert int(reserved.args["length"]) == len(upload["content"])
    dm = bot.fake.dm_channel_for("U0ALICE")
    assert (upload["channel"], upload["title"]) == (dm, privacy_texts.EXPORT_TITLE)
    [shared] = [m for m in bot.fake.messages("U0ALICE") if m.get("files")]
    assert shared["text"] == privacy_texts.EXPORT_COMMENT
    assert [f["id"] for f in shared["files"]] == [upload["file_id"]]

    raw = upload["content"].decode("utf-8")
    document = json.loads(raw)
    assert (document["format"], document["user_id"]) == ("kindred-personal-data", "U0ALICE")
    assert document["member"]["name"] == "Alice Adams"
    for model, key, field in ((Offer, "offers", "description"), (Need, "needs", "description")):
        stored = [row for row in bot.rows(model) if row.member_id == alice_id]
        assert _descriptions(document[key], field) == _descriptions(stored, field)
    stored_projects = [row for row in bot.rows(Project) if row.member_id == alice_id]
    assert _descriptions(document["projects"], "name") == _descriptions(stored_projects, "name")
    assert "Sauerteig-Brötchen backen lernen 🥐" in raw  # as written, not \\u-escaped
    assert "Burnout, honestly" in _descriptions(document["needs"])  # her own private need
    for someone_elses in OTHERS:
        assert someone_elses not in raw


def test_when_the_workspace_refuses_uploads_the_member_is_told_why(bot: Bot) -> None:
    seed(bot)
    bot.fake.fail_next("files.getUploadURLExternal", error="file_uploads_disabled")
    assert bot.slack.command("/kindred", "export").status == 200
    assert bot.next_call("response_url").args["text"] == privacy_texts.EXPORT_ON_ITS_WAY
    told = bot.next_call("response_url").args["text"]
    assert told == privacy_texts.EXPORT_UPLOADS_REFUSED  # not "try again in a minute": that would not help
    bot.settle()
    assert bot.fake.uploads == []
    assert not [m for m in bot.fake.messages("U0ALICE") if m.get("files")]


def test_when_the_bytes_do_not_reach_slack_the_member_is_told(bot: Bot) -> None:
    seed(bot)
    bot.fake.fail_next("upload_url", status=503)
    assert bot.slack.command("/kindred", "export").status == 200
    assert bot.next_call("response_url").args["text"] == privacy_texts.EXPORT_ON_ITS_WAY
    assert bot.next_call("response_url").args["text"] == texts.GENERIC_ERROR
    bot.settle()
    assert bot.fake.uploads == []
    assert bot.fake.calls_to("files.completeUploadExternal") == []
