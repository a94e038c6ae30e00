"""The external file upload (files.getUploadURLExternal, the upload URL, files.completeUploadExternal),
through slack_sdk's files_upload_v2 and step by step."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
from typing import Any

import pytest
from slack_sdk import WebClient

from tests.fakeslack import FakeSlack
from tests.fakeslack.conftest import raw_post, refusal

CSV = b"id,name\n1,dana\n"


def _reserve(client: WebClient, filename: str = "a.txt", length: int = 5) -> tuple[str, str]:
    answer = client.files_getUploadURLExternal(filename=filename, length=length)
    return str(answer["file_id"]), str(answer["upload_url"])


def _complete(client: WebClient, file_id: str, **kwargs: Any) -> dict[str, Any]:
    answer = client.files_completeUploadExternal(files=[{"id": file_id, "title": "A"}], **kwargs)
    assert isinstance(answer.data, dict)
    return answer.data


# ------------------------------------------------------------------ files_upload_v2


def test_files_upload_v2_works_end_to_end(client: WebClient, fake: FakeSlack) -> None:
    fake.add_channel("C123", name="general")
    answer = client.files_upload_v2(
        channel="C123", content=CSV, filename="intros.csv", title="Intros", initial_comment="Here"
    )
    assert (answer["file"]["name"], answer["file"]["title"]) == ("intros.csv", "Intros")
    assert (answer["file"]["size"], answer["file"]["channels"]) == (len(CSV), ["C123"])
    (upload,) = fake.uploads
    assert (upload["filename"], upload["title"], upload["content"]) == ("intros.csv", "Intros", CSV)
    assert (upload["channel"], upload["channels"], upload["initial_comment"]) == ("C123", ["C123"], "Here")
    (message,) = fake.messages("C123")
    assert (message["text"], message["user"], message["upload"]) == ("Here", fake.bot_user_id, True)
    assert message["files"][0]["id"] == upload["file_id"]
    assert [c.method for c in fake.calls] == [
        "files.getUploadURLExternal",
        "upload_url",
        "files.completeUploadExternal",
    ]


def test_the_length_is_counted_in_bytes(client: WebClient, fake: FakeSlack) -> None:
    text = "Grüße 🍞"
    client.files_upload_v2(channel=fake.dm_channel_for("U123"), content=text, filename="a.txt")
    assert fake.calls_to("files.getUploadURLExternal")[0].args["length"] == str(len(text.encode()))
    assert fake.uploads[0]["content"].decode() == text


def test_several_files_share_one_message(client: WebClient, fake: FakeSlack) -> None:
    uploads = [{"content": "one", "filename": "1.txt"}, {"content": "two", "filename": "2.txt"}]
    answer = client.files_upload_v2(channel=fake.dm_channel_for("U123"), file_uploads=uploads)
    assert [f["name"] for f in answer["files"]] == ["1.txt", "2.txt"]
    (message,) = fake.messages("U123")
    assert [f["name"] for f in message["files"]] == ["1.txt", "2.txt"]
    assert [u["content"] for u in fake.uploads] == [b"one", b"two"]


def test_a_failed_upload_shares_nothing(client: WebClient, fake: FakeSlack) -> None:
    fake.fail_next("upload_url", status=500)
    with pytest.raises(urllib.error.HTTPError):  # slack_sdk POSTs to the upload URL with plain urllib
        client.files_upload_v2(channel=fake.dm_channel_for("U123"), content="x", filename="a.txt")
    assert fake.uploads == []
    assert fake.calls_to("files.completeUploadExternal") == []


# ------------------------------------------------------------------ files.getUploadURLExternal


def test_an_upload_url_points_back_at_the_fake(client: WebClient, fake: FakeSlack) -> None:
    answer = client.files_getUploadURLExternal(filename="a.txt", length=5, alt_txt="A", snippet_type="text")
    assert set(answer.data) == {"ok", "upload_url", "file_id"}
    assert answer["file_id"].startswith("F")
    assert answer["upload_url"].startswith(f"{fake.base_url}/upload/v1/")
    assert _reserve(client)[1] != answer["upload_url"]


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ({"length": 5}, "invalid_arguments", "[ERROR] missing required field: filename"),
        ({"filename": "a.txt"}, "invalid_arguments", "[ERROR] missing required field: length"),
        ({"filename": "a.txt", "length": "five"}, "invalid_arguments", "[ERROR] must be an integer"),
        ({"filename": "a.txt", "length": 0}, "missing_argument", None),
        ({"filename": "a.png", "length": 5, "alt_txt": "x" * 1001}, "alt_txt_too_large", None),
    ],
)
def test_upload_url_refusals(
    client: WebClient, fake: FakeSlack, args: dict[str, Any], error: str, message: str | None
) -> None:
    answer = refusal(lambda: client.api_call("files.getUploadURLExternal", params=args))
    assert answer["error"] == error
    if message is not None:
        assert answer["response_metadata"]["messages"][0].startswith(message)
    assert fake.workspace.pending_files == {}


# ------------------------------------------------------------------ the upload URL


def test_the_upload_url_takes_raw_bytes(client: WebClient, fake: FakeSlack) -> None:
    file_id, url = _reserve(client, length=len(CSV))
    assert raw_post(url, CSV)[::2] == (200, f"OK - {len(CSV)}")
    call = fake.calls[-1]
    assert (call.method, call.args["length"], call.args["file_id"], call.token) == (
        "upload_url",
        len(CSV),
        file_id,
        None,
    )
    _complete(client, file_id)
    assert fake.uploads[0]["content"] == CSV


def test_the_upload_url_takes_a_multipart_form(client: WebClient, fake: FakeSlack) -> None:
    file_id, url = _reserve(client, length=len(CSV))
    body = (
        b"--XyZ\r\n"
        b'Content-Disposition: form-data; name="filename"; filename="intros.csv"\r\n'
        b"Content-Type: text/csv\r\n\r\n" + CSV + b"\r\n--XyZ--\r\n"
    )
    status, _, text = raw_post(url, body, {"Content-Type": "multipart/form-data; boundary=XyZ"})
    assert (status, text) == (200, f"OK - {len(CSV)}")
    _complete(client, file_id)
    assert fake.uploads[0]["content"] == CSV


def test_an_unknown_upload_url_is_404(fake: FakeSlack) -> None:
    status, _, _ = raw_post(f"{fake.base_url}/upload/v1/nope", b"x")
    assert status == 404
    assert fake.calls[-1].response == {"ok": False, "error": "not_found"}


def test_a_completed_upload_url_takes_no_more_bytes(client: WebClient, fake: FakeSlack) -> None:
    file_id, url = _reserve(client, length=1)
    raw_post(url, b"x")
    _complete(client, file_id)
    assert raw_post(url, b"y")[0] == 404


# ------------------------------------------------------------------ files.completeUploadExternal


def test_completing_shares_into_a_users_dm_named_in_channels(client: WebClient, fake: FakeSlack) -> None:
    answer = client.files_upload_v2(channels=["U123"], content="x", filename="a.txt")
    dm = fake.dm_channel_for("U123")
    assert answer["file"]["channels"] == [dm]
    assert fake.uploads[0]["channel"] == dm
    assert len(fake.messages("U123")) == 1


def test_completing_into_a_thread_replies_there(client: WebClient, fake: FakeSlack) -> None:
    parent = client.chat_postMessage(channel="U123", text="Your file:")
    dm = str(parent["channel"])
    client.files_upload_v2(channel=dm, content="x", filename="a.txt", thread_ts=parent["ts"])
    assert fake.uploads[0]["thread_ts"] == parent["ts"]
    top, reply = fake.messages("U123")
    assert (top["reply_count"], reply["thread_ts"]) == (1, parent["ts"])
    assert [m["text"] for m in client.conversations_history(channel=dm)["messages"]] == ["Your file:"]


def test_completing_without_a_channel_keeps_the_file_private(client: WebClient, fake: FakeSlack) -> None:
    answer = client.files_upload_v2(content="x", filename="a.txt")
    assert answer["file"]["channels"] == []
    assert (fake.uploads[0]["channel"], fake.uploads[0]["channels"]) == (None, [])
    assert fake.messages("U123") == []


def test_completing_an_upload_that_never_happened(client: WebClient, fake: FakeSlack) -> None:
    assert refusal(lambda: _complete(client, "FNOPE"))["error"] == "file_not_found"
    file_id, _ = _reserve(client)  # reserved, but no bytes were sent
    assert refusal(lambda: _complete(client, file_id))["error"] == "file_not_found"
    assert fake.uploads == []


def test_completing_twice_is_refused(client: WebClient, fake: FakeSlack) -> None:
    file_id, url = _reserve(client, length=1)
    raw_post(url, b"x")
    _complete(client, file_id, channel_id=fake.dm_channel_for("U123"))
    assert refusal(lambda: _complete(client, file_id))["error"] == "file_not_found"
    assert len(fake.uploads) == len(fake.messages("U123")) == 1


def test_bytes_that_do_not_match_the_length_are_refused_at_completion(
    client: WebClient, fake: FakeSlack
) -> None:
    file_id, url = _reserve(client, length=10)
    assert raw_post(url, b"short")[0] == 200  # the upload URL takes them; completing finds out
    answer = refusal(lambda: _complete(client, file_id))
    assert answer["error"] == "invalid_arguments"
    assert "announced as 10 bytes but 5 were uploaded" in answer["response_metadata"]["messages"][0]
    assert fake.uploads == []


def test_completing_into_an_unknown_channel(client: WebClient, fake: FakeSlack) -> None:
    answer = refusal(lambda: client.files_upload_v2(channel="CNOPE", content="x", filename="a.txt"))
    assert answer["error"] == "invalid_channel"
    assert fake.uploads == []
    (pending,) = fake.workspace.pending_files  # still waiting to be completed somewhere that exists
    _complete(client, pending, channel_id=fake.dm_channel_for("U123"))
    assert fake.uploads[0]["channel"] == fake.dm_channel_for("U123")


def test_a_dm_with_a_bot_cannot_be_shared_into(client: WebClient, fake: FakeSlack) -> None:
    answer = refusal(lambda: client.files_upload_v2(channels=["UBOT"], content="x", filename="a.txt"))
    assert answer["error"] == "cannot_dm_bot"


@pytest.mark.parametrize("files", [None, "", "not json", "[]", '[{"title": "no id"}]'])
def test_completing_needs_a_list_of_file_ids(fake: FakeSlack, files: str | None) -> None:
    form = {} if files is None else {"files": files}
    status, _, text = raw_post(
        f"{fake.api_url}files.completeUploadExternal",
        urllib.parse.urlencode(form),
        {"Authorization": f"Bearer {fake.token}"},
    )
    answer = json.loads(text)
    assert (status, answer["error"]) == (200, "invalid_arguments")
    assert answer["response_metadata"]["messages"][0].startswith("[ERROR] ")


def test_reset_forgets_uploads(client: WebClient, fake: FakeSlack) -> None:
    client.files_upload_v2(content="x", filename="a.txt")
    _reserve(client)
    fake.reset()
    assert fake.uploads == []
    assert fake.workspace.pending_files == {}
