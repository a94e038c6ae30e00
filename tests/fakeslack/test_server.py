"""The fake's plumbing: lifecycle, auth, request parsing, recording, faults, wait_for, response_url."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from tests.fakeslack import Call, FakeSlack, Fault
from tests.fakeslack.conftest import raw_post, refusal

# ------------------------------------------------------------------ lifecycle


def test_urls_point_at_a_local_port(fake: FakeSlack) -> None:
    assert fake.base_url.startswith("http://127.0.0.1:")
    assert fake.api_url == f"{fake.base_url}/api/"


def test_urls_need_a_running_server() -> None:
    with pytest.raises(RuntimeError, match="not running"):
        _ = FakeSlack().api_url


def test_the_context_manager_stops_the_server() -> None:
    with FakeSlack() as server:
        url = f"{server.api_url}auth.test"
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url, timeout=1)


def test_constructor_arguments_shape_the_workspace() -> None:
    with FakeSlack(token="xoxb-other", team_id="T9", bot_user_id="UB9") as server:
        answer = WebClient(token="xoxb-other", base_url=server.api_url).auth_test()
    assert (answer["team_id"], answer["user_id"], answer["bot_id"]) == ("T9", "UB9", "BFAKE")


# ------------------------------------------------------------------ auth and parsing


def test_auth_test_describes_the_bot(client: WebClient, fake: FakeSlack) -> None:
    answer = client.auth_test()
    assert answer["ok"] is True
    assert answer["user_id"] == fake.bot_user_id
    assert answer["team_id"] == "T0FAKE"
    assert answer["url"].startswith("https://")
    assert {"team", "user", "bot_id"} <= set(answer.data)


def test_a_wrong_token_is_invalid_auth(fake: FakeSlack) -> None:
    wrong = WebClient(token="xoxb-wrong", base_url=fake.api_url)
    assert refusal(wrong.auth_test) == {"ok": False, "error": "invalid_auth"}


def test_a_missing_token_is_not_authed(fake: FakeSlack) -> None:
    status, _, text = raw_post(f"{fake.api_url}auth.test", "")
    assert status == 200
    assert json.loads(text) == {"ok": False, "error": "not_authed"}


def test_the_token_may_be_a_form_argument(fake: FakeSlack) -> None:
    _, _, text = raw_post(
        f"{fake.api_url}users.info", urllib.parse.urlencode({"token": fake.token, "user": "U123"})
    )
    assert json.loads(text)["user"]["id"] == "U123"
    assert fake.calls[-1].token == fake.token
    assert "token" not in fake.calls[-1].args


def test_the_bearer_token_is_recorded(client: WebClient, fake: FakeSlack) -> None:
    client.auth_test()
    assert fake.calls_to("auth.test")[0].token == fake.token


def test_unknown_methods_are_refused(client: WebClient) -> None:
    assert refusal(lambda: client.api_call("chat.postMessagee"))["error"] == "unknown_method"


def test_form_bodies_have_their_json_fields_decoded(fake: FakeSlack) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]
    form = urllib.parse.urlencode({"channel": "U123", "blocks": json.dumps(blocks), "text": "hi"})
    status, _, text = raw_post(
        f"{fake.api_url}chat.postMessage", form, {"Authorization": f"Bearer {fake.token}"}
    )
    assert (status, json.loads(text)["ok"]) == (200, True)
    assert fake.calls[-1].args["blocks"] == blocks


def test_json_bodies_are_parsed(fake: FakeSlack) -> None:
    body = {"channel": "U123", "text": "hi", "metadata": {"event_type": "e", "event_payload": {}}}
    raw_post(f"{fake.api_url}chat.postMessage", body, {"Authorization": f"Bearer {fake.token}"})
    assert fake.calls[-1].args == body


def test_multipart_bodies_are_parsed(client: WebClient, fake: FakeSlack) -> None:
    data = {"channel": "U123", "text": "hi", "blocks": '[{"type": "divider"}]'}
    client.api_call("chat.postMessage", data=data, files={"file": b"bytes"})
    assert fake.calls[-1].args == {**data, "blocks": [{"type": "divider"}], "file": b"bytes"}


def test_a_malformed_json_body_is_refused(fake: FakeSlack) -> None:
    headers = {"Authorization": f"Bearer {fake.token}", "Content-Type": "application/json"}
    _, _, text = raw_post(f"{fake.api_url}auth.test", b"{nope", headers)
    assert json.loads(text)["error"] == "invalid_json"


def test_get_requests_with_query_arguments_work(fake: FakeSlack) -> None:
    query = urllib.parse.urlencode({"token": fake.token, "user": "U123"})
    with urllib.request.urlopen(f"{fake.api_url}users.info?{query}", timeout=5) as response:
        assert json.loads(response.read())["user"]["name"] == "dana"


# ------------------------------------------------------------------ recording


def test_calls_are_recorded_in_order_with_responses(client: WebClient, fake: FakeSlack) -> None:
    client.auth_test()
    client.users_info(user="U123")
    first, second = fake.calls
    assert isinstance(first, Call)
    assert [first.method, second.method] == ["auth.test", "users.info"]
    assert second.args == {"user": "U123"}
    assert second.status == 200
    assert second.response["user"]["id"] == "U123"
    assert first.at <= second.at


def test_calls_to_filters_by_method(client: WebClient, fake: FakeSlack) -> None:
    client.auth_test()
    client.users_info(user="U123")
    assert [c.method for c in fake.calls_to("users.info")] == ["users.info"]


def test_concurrent_calls_are_all_recorded_with_unique_ts(client: WebClient, fake: FakeSlack) -> None:
    def post(i: int) -> None:
        client.chat_postMessage(channel="U123", text=f"m{i}")

    threads = [threading.Thread(target=post, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stamps = [c.response["ts"] for c in fake.calls_to("chat.postMessage")]
    assert len(stamps) == 20
    assert len(set(stamps)) == 20


# ------------------------------------------------------------------ wait_for


def test_wait_for_returns_calls_made_from_another_thread(client: WebClient, fake: FakeSlack) -> None:
    timer = threading.Timer(0.05, lambda: client.chat_postMessage(channel="U123", text="later"))
    timer.start()
    found = fake.wait_for("chat.postMessage", timeout=2)
    timer.join()
    assert found[0].args["text"] == "later"


def test_wait_for_applies_the_filter(client: WebClient, fake: FakeSlack) -> None:
    client.chat_postMessage(channel="U123", text="one")
    client.chat_postMessage(channel="U456", text="two")
    found = fake.wait_for("chat.postMessage", where=lambda c: c.args["channel"] == "U456", timeout=1)
    assert [c.args["text"] for c in found] == ["two"]


def test_wait_for_times_out_listing_what_was_recorded(client: WebClient, fake: FakeSlack) -> None:
    client.users_info(user="U123")
    with pytest.raises(AssertionError) as info:
        fake.wait_for("views.open", count=1, timeout=0.1)
    message = str(info.value)
    assert "views.open" in message
    assert "users.info [200 ok]" in message


def test_wait_for_waits_for_the_count(client: WebClient, fake: FakeSlack) -> None:
    client.auth_test()
    with pytest.raises(AssertionError, match="saw 1"):
        fake.wait_for("auth.test", count=2, timeout=0.05)


# ------------------------------------------------------------------ faults


def test_a_429_reaches_the_client_with_retry_after(client: WebClient, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", error="ratelimited", status=429, headers={"Retry-After": "7"})
    with pytest.raises(SlackApiError) as info:
        client.chat_postMessage(channel="U123", text="hi")
    assert info.value.response.status_code == 429
    assert info.value.response.headers["Retry-After"] == "7"
    assert info.value.response["error"] == "ratelimited"


def test_a_rate_limit_retry_handler_gets_through(fake: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)  # the retry handler sleeps Retry-After
    retrying = WebClient(
        token=fake.token, base_url=fake.api_url, retry_handlers=[RateLimitErrorRetryHandler(2)]
    )
    fake.fail_next("chat.postMessage", status=429, headers={"Retry-After": "3"})
    answer = retrying.chat_postMessage(channel="U123", text="hi")
    assert answer["ok"] is True
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429, 200]
    assert 3 <= slept[0] < 4
    assert len(fake.messages("U123")) == 1


def test_a_server_error_retry_handler_gets_through(fake: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "sleep", lambda seconds: None)  # skip the handler's back-off
    retrying = WebClient(token=fake.token, base_url=fake.api_url, retry_handlers=[ServerErrorRetryHandler(2)])
    fake.fail_next("chat.postMessage", status=503, times=2)
    assert retrying.chat_postMessage(channel="U123", text="hi")["ok"] is True
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [503, 503, 200]


def test_a_429_without_headers_gets_a_default_retry_after(fake: FakeSlack) -> None:
    fake.fail_next("auth.test", status=429)
    status, headers, text = raw_post(
        f"{fake.api_url}auth.test", "", {"Authorization": f"Bearer {fake.token}"}
    )
    assert (status, headers["Retry-After"], json.loads(text)["error"]) == (429, "1", "ratelimited")


def test_a_plain_5xx_fault_has_a_small_text_body(client: WebClient, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", status=500, times=2)
    for _ in range(2):
        with pytest.raises(SlackApiError) as info:
            client.chat_postMessage(channel="U123", text="hi")
        assert info.value.response.status_code == 500
    assert client.chat_postMessage(channel="U123", text="hi")["ok"] is True
    assert fake.calls_to("chat.postMessage")[0].response == {"ok": False, "_raw": "500 Internal Server Error"}


def test_a_fault_after_processing_posts_the_message_but_answers_500(
    client: WebClient, fake: FakeSlack
) -> None:
    fake.set_fault(
        lambda method, _args, _n: (
            Fault(status=500, after_processing=True) if method == "chat.postMessage" else None
        )
    )
    with pytest.raises(SlackApiError) as info:
        client.chat_postMessage(channel="U123", text="hi")
    assert info.value.response.status_code == 500
    assert [message["text"] for message in fake.messages("U123")] == ["hi"]


def test_an_error_fault_is_ok_false_with_http_200(client: WebClient, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", error="account_inactive")
    with pytest.raises(SlackApiError) as info:
        client.chat_postMessage(channel="U123", text="hi")
    assert info.value.response.status_code == 200
    assert info.value.response.data == {"ok": False, "error": "account_inactive"}
    assert fake.messages("U123") == []


def test_faults_only_hit_their_method(client: WebClient, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", error="fatal_error")
    assert client.auth_test()["ok"] is True


def test_fail_next_needs_an_error_or_a_status(fake: FakeSlack) -> None:
    with pytest.raises(ValueError, match="error or a non-200 status"):
        fake.fail_next("auth.test")


def test_a_fault_function_sees_the_call_count(client: WebClient, fake: FakeSlack) -> None:
    seen: list[tuple[str, int]] = []

    def every_third(method: str, args: dict[str, object], n: int) -> Fault | None:
        seen.append((method, n))
        return Fault(status=429, error="ratelimited", headers={"Retry-After": "1"}) if n % 3 == 0 else None

    fake.set_fault(every_third)
    outcomes = []
    for i in range(6):
        try:
            client.chat_postMessage(channel="U123", text=str(i))
            outcomes.append("ok")
        except SlackApiError as exc:
            outcomes.append(str(exc.response.status_code))
    assert outcomes == ["ok", "ok", "429", "ok", "ok", "429"]
    assert seen[-1] == ("chat.postMessage", 6)


def test_reset_clears_faults_calls_and_activity_but_keeps_users(client: WebClient, fake: FakeSlack) -> None:
    client.chat_postMessage(channel="U123", text="hi")
    fake.fail_next("users.info", error="fatal_error")
    fake.set_fault(lambda method, args, n: Fault(error="fatal_error"))
    fake.reset()
    assert fake.calls == []
    assert fake.messages("U123") == []
    assert client.users_info(user="U123")["user"]["name"] == "dana"


# ------------------------------------------------------------------ response_url


def test_response_url_posts_are_recorded_without_a_token(fake: FakeSlack) -> None:
    url = fake.new_response_url()
    assert url.startswith(f"{fake.base_url}/response/")
    answer = WebhookClient(url).send(text="done", replace_original=True)
    assert answer.status_code == 200
    (call,) = fake.calls_to("response_url")
    assert call.args == {"text": "done", "replace_original": True, "_url": url}
    assert call.token is None


def test_response_urls_are_distinct(fake: FakeSlack) -> None:
    assert fake.new_response_url() != fake.new_response_url()


def test_an_unknown_response_url_is_404(fake: FakeSlack) -> None:
    status, _, text = raw_post(f"{fake.base_url}/response/nope", {"text": "x"})
    assert (status, text) == (404, "no_active_hooks")


def test_response_url_blocks_are_checked(fake: FakeSlack) -> None:
    url = fake.new_response_url()
    answer = WebhookClient(url).send(
        text="x", blocks=[{"type": "header", "text": {"type": "mrkdwn", "text": "x"}}]
    )
    assert (answer.status_code, answer.body) == (400, "invalid_blocks")
    assert fake.calls[-1].response["errors"] == [
        "must be a valid enum value [json-pointer:/blocks/0/text/type]"
    ]


def test_response_url_faults_can_be_injected(fake: FakeSlack) -> None:
    url = fake.new_response_url()
    fake.fail_next("response_url", status=503)
    assert WebhookClient(url).send(text="x").status_code == 503
