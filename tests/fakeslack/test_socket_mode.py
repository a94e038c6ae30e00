"""The fake Slack's Socket Mode side: connections opened with an app token, hello, envelopes and acks."""

import json
import threading

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from websockets.sync.client import connect

from tests.fakeslack import FakeSlack
from tests.fakeslack.socket_mode import NoAck


def test_only_the_app_token_opens_a_connection(fake: FakeSlack) -> None:
    client = WebClient(base_url=fake.api_url)
    assert client.apps_connections_open(app_token=fake.app_token)["url"].startswith("ws://127.0.0.1:")
    for token, error in ((fake.token, "not_allowed_token_type"), ("xapp-1-wrong", "invalid_auth")):
        with pytest.raises(SlackApiError) as refused:
            client.apps_connections_open(app_token=token)
        assert refused.value.response["error"] == error


def test_hello_then_envelopes_acked_by_envelope_id(fake: FakeSlack) -> None:
    url = WebClient(base_url=fake.api_url).apps_connections_open(app_token=fake.app_token)["url"]
    with connect(url) as app:
        hello = json.loads(app.recv(timeout=5))
        assert hello["type"] == "hello"
        assert hello["num_connections"] == 1
        server = fake.socket_mode
        link = server.wait_for_link()

        def answer() -> None:
            envelope = json.loads(app.recv(timeout=5))
            assert envelope["type"] == "slash_commands"
            assert envelope["accepts_response_payload"]
            app.send(json.dumps({"envelope_id": envelope["envelope_id"], "payload": {"text": "hi"}}))

        responder = threading.Thread(target=answer)
        responder.start()
        ack = server.send("slash_commands", {"command": "/kindred"}, envelope_id="e-1", link=link)
        responder.join()
        assert ack == {"envelope_id": "e-1", "payload": {"text": "hi"}}
        with pytest.raises(NoAck):
            server.send("events_api", {"event": {}}, link=link, within=0.3)  # nobody answers
        unanswered = json.loads(app.recv(timeout=5))
        assert (unanswered["type"], unanswered["retry_attempt"]) == ("events_api", 0)
        server.ask_to_reconnect(link=link)
        assert json.loads(app.recv(timeout=5)) == {
            "type": "disconnect",
            "reason": "refresh_requested",
            "debug_info": {"host": "fake"},
        }
    server.wait_until_closed(link)
    assert link.close_code == 1000


def test_a_connection_url_works_once(fake: FakeSlack) -> None:
    url = WebClient(base_url=fake.api_url).apps_connections_open(app_token=fake.app_token)["url"]
    with connect(url) as app:
        assert json.loads(app.recv(timeout=5))["type"] == "hello"
    with connect(url) as again, pytest.raises(Exception, match=r"4001|invalid or used ticket"):
        again.recv(timeout=5)
