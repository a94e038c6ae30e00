"""The Socket Mode client against the fake Slack's Socket Mode server: `close()` returns promptly whatever
the connection is doing, and no connection outlives it."""

import threading
from collections.abc import Iterator
from typing import Any

import pytest
import websocket
from slack_sdk import WebClient

from bot.slack.socket_mode import PromptSocketModeClient
from tests.fakeslack import FakeSlack

CLOSE_WITHIN = 10.0  # seconds; a close() that hangs never returns at all


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


def connected_client(fake: FakeSlack) -> PromptSocketModeClient:
    client = PromptSocketModeClient(
        app_token=fake.app_token, web_client=WebClient(token=fake.token, base_url=fake.api_url)
    )
    client.connect()
    fake.socket_mode.wait_for_steady(1)
    return client


def closed_within(client: PromptSocketModeClient, seconds: float) -> bool:
    closing = threading.Thread(target=client.close, daemon=True)
    closing.start()
    closing.join(seconds)
    return not closing.is_alive()


def test_close_ends_the_connection_with_a_close_frame(fake: FakeSlack) -> None:
    client = connected_client(fake)
    (link,) = fake.socket_mode.open_links()
    assert closed_within(client, CLOSE_WITHIN)
    fake.socket_mode.wait_until_closed(link)
    assert link.close_code == 1000


def test_close_while_the_runner_is_starting_a_new_connection_still_returns(
    fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race behind a `kindred run` that did not stop on SIGTERM: after a reconnect, the runner thread
    has picked the new session but not yet started it when close() comes. websocket-client's run_forever()
    sets `keep_running` again when it starts, so the close() of a session not yet started is lost, and
    the connection it then opens would be read forever while close() joins the runner thread."""
    client = connected_client(fake)
    (first,) = fake.socket_mode.open_links()
    starting, go_on = threading.Event(), threading.Event()
    run_forever = websocket.WebSocketApp.run_forever

    def paused_run_forever(app: websocket.WebSocketApp, **options: Any) -> bool:
        starting.set()
        go_on.wait(CLOSE_WITHIN)  # the runner thread, preempted between picking the session and starting it
        return run_forever(app, **options)

    monkeypatch.setattr(websocket.WebSocketApp, "run_forever", paused_run_forever)
    fake.socket_mode.drop(first)  # the client reconnects: a new session, which the runner is about to start
    assert starting.wait(CLOSE_WITHIN)

    closing = threading.Thread(target=client.close, daemon=True)
    closing.start()
    closing.join(0.5)  # close() has closed the session it found, which is not running yet
    go_on.set()
    closing.join(CLOSE_WITHIN)
    hung = closing.is_alive()
    if hung:  # end the stray connection, so that the client's threads end with the test
        assert client.current_session is not None
        client.current_session.close()
    assert not hung, "close() did not return: the session started after it is still being read"
    for link in fake.socket_mode.links[1:]:  # opened after the drop
        fake.socket_mode.wait_until_closed(link)
        assert link.close_code == 1000, "a connection opened as the client closed should end cleanly"
