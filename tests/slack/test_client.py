"""Retries: rate limits always; connection errors and 5xx only where a retry cannot double a message."""

import socket
from http.client import RemoteDisconnected
from urllib.error import URLError

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.state import RetryState

from bot.config import load_settings
from bot.slack.client import SafeConnectionErrorRetryHandler, build_client, never_sent
from tests.fakeslack import FakeSlack


@pytest.fixture
def fake() -> FakeSlack:
    with FakeSlack() as fake:
        fake.add_user("U0ALICE", name="alice")
        yield fake


@pytest.fixture
def client(fake: FakeSlack):
    return build_client(load_settings(SLACK_BOT_TOKEN=fake.token, SLACK_API_URL=fake.api_url))


def test_the_client_talks_to_the_configured_api_url(client, fake: FakeSlack) -> None:
    assert client.auth_test()["user_id"] == fake.bot_user_id


def test_server_errors_are_retried_for_reads(client, fake: FakeSlack) -> None:
    fake.fail_next("users.info", status=503, times=2)
    assert client.users_info(user="U0ALICE")["user"]["id"] == "U0ALICE"
    assert [c.status for c in fake.calls_to("users.info")] == [503, 503, 200]


def test_server_errors_are_not_retried_for_posting(client, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", status=500)
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="U0ALICE", text="hi")
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_rate_limits_are_retried_for_posting(client, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", status=429, headers={"Retry-After": "0"})
    client.chat_postMessage(channel="U0ALICE", text="hi")
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429, 200]


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (URLError(ConnectionRefusedError()), True),
        (URLError(socket.gaierror()), True),
        (URLError(TimeoutError()), False),
        (RemoteDisconnected(), False),
        (ConnectionResetError(), False),
    ],
)
def test_only_failures_before_sending_count_as_never_sent(error: Exception, expected: bool) -> None:
    assert never_sent(error) is expected


@pytest.mark.parametrize(
    ("method", "error", "retried"),
    [
        ("chat.postMessage", RemoteDisconnected(), False),
        ("chat.postMessage", URLError(ConnectionRefusedError()), True),
        ("users.info", RemoteDisconnected(), True),
        ("conversations.open", ConnectionResetError(), True),
    ],
)
def test_connection_errors_are_retried_only_when_safe(method: str, error: Exception, retried: bool) -> None:
    handler = SafeConnectionErrorRetryHandler(max_retry_count=3)
    request = HttpRequest(method="POST", url=f"https://slack.example/api/{method}", headers={})
    assert handler.can_retry(state=RetryState(), request=request, error=error) is retried
