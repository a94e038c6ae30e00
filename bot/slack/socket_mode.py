"""Socket Mode: Bolt's adapter on `websocket-client`, with each envelope handled once and a clean stop.

Why this adapter: slack_sdk's built-in client notices a connection closed without a close frame (a plain
TCP FIN, as proxies and load balancers send) only after five failed pings, about 60 seconds, spinning a
CPU core meanwhile. `websocket-client` sees the end of the stream at once and reconnects in under a second
(README, "Socket Mode, measured"). One thing is set differently from slack_sdk's defaults: the reader of a
connection waits at most `PING_TIMEOUT` for a pong or for data. slack_sdk sets no ping timeout, so
websocket-client waits 10 seconds, and after Slack asks for a fresh connection (`disconnect`) the new one
could start only when the old reader let go, 10 seconds later. With the timeout, a connection that went
silent (no FIN at all) is also noticed within `PING_INTERVAL` + `PING_TIMEOUT`.

- A redelivered envelope (same `envelope_id`, `retry_attempt` ≥ 1: Slack thought the ack was late) is
  acknowledged again and not handled a second time, whichever replica it reaches (once.py).
- `stop()` takes no new envelopes, lets the ones being handled finish and send their acks, then closes the
  connection with a close frame.
"""

import functools
import logging
import threading
import time

from slack_bolt import App
from slack_bolt.adapter.socket_mode.internals import run_bolt_app
from slack_bolt.adapter.socket_mode.websocket_client import SocketModeHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.socket_mode.websocket_client import SocketModeClient

from bot.config import ConfigError
from bot.handled import Ledger
from bot.slack.once import envelope_key

log = logging.getLogger(__name__)

PING_INTERVAL = 5.0  # seconds between pings, and between two checks that the connection is up
PING_TIMEOUT = 2.0  # seconds to wait for a pong; also how long a replaced connection's reader lingers
TOKEN_ERRORS = ("invalid_auth", "not_authed", "not_allowed_token_type", "account_inactive", "token_revoked")


class PromptSocketModeClient(SocketModeClient):
    """slack_sdk's websocket-client Socket Mode client, its connections read with a ping timeout."""

    def _run_current_session(self) -> None:
        session = self.current_session
        if session is not None and not isinstance(session.run_forever, functools.partial):
            session.run_forever = functools.partial(session.run_forever, ping_timeout=PING_TIMEOUT)  # type: ignore[method-assign]
        super()._run_current_session()  # type: ignore[no-untyped-call]


class OnceSocketModeHandler(SocketModeHandler):
    def __init__(self, app: App, *, app_token: str, web_client: WebClient, ledger: Ledger) -> None:
        # Bolt's handler, with the client above in place of the one its constructor would make.
        self.app, self.app_token = app, app_token
        self.client = PromptSocketModeClient(
            app_token=app_token, logger=app.logger, web_client=web_client, ping_interval=PING_INTERVAL
        )
        self.client.socket_mode_request_listeners.append(self.handle)  # type: ignore[arg-type]
        self.ledger = ledger
        self._stopping = threading.Event()
        self._in_flight = 0
        self._idle = threading.Condition()

    def connect(self) -> None:
        """Open the first connection; a token Slack refuses is a setting to fix (ConfigError)."""
        try:
            super().connect()  # type: ignore[no-untyped-call]
        except SlackApiError as error:
            self.close()  # type: ignore[no-untyped-call]  # its threads stop with it
            code = error.response.get("error")
            if code in TOKEN_ERRORS:
                raise ConfigError(
                    f"SLACK_APP_TOKEN was rejected by Slack ({code}): use the app-level token (xapp-…) "
                    "with the connections:write scope, from Basic Information → App-Level Tokens"
                ) from None
            raise

    def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        if self._stopping.is_set():
            return  # not acknowledged: Slack delivers it again, to a connection that stays
        with self._idle:
            self._in_flight += 1
        try:
            acked = _acks_empty(req)
            if acked:  # before the claim below, so the database never delays Slack's 3 seconds
                client.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))
            if not self.ledger.first_time(envelope_key(req.envelope_id)):
                log.info("envelope %s (%s) delivered again: already handled", req.envelope_id, req.type)
                if not acked:
                    client.send_socket_mode_response(SocketModeResponse(envelope_id=req.envelope_id))
            elif acked:
                run_bolt_app(self.app, req)  # its own (empty) ack has gone already
            else:
                super().handle(client, req)
        finally:
            with self._idle:
                self._in_flight -= 1
                self._idle.notify_all()

    @property
    def in_flight(self) -> int:
        """Envelopes being handled now (for a command or a click, also after its ack has gone)."""
        with self._idle:
            return self._in_flight

    def stop(self, *, wait: float = 10.0) -> None:
        """Finish the envelopes being handled (their acks included), then close the connection."""
        self._stopping.set()
        deadline = time.monotonic() + wait
        with self._idle:
            while self._in_flight and (left := deadline - time.monotonic()) > 0:
                self._idle.wait(left)
        self.close()  # type: ignore[no-untyped-call]


def _acks_empty(req: SocketModeRequest) -> bool:
    """Commands and button clicks: Kindred acks them empty before anything else (acks.py), so here the ack
    can leave before the envelope is even claimed. Submissions and option loads answer with content."""
    payload = req.payload if isinstance(req.payload, dict) else {}
    return req.type == "slash_commands" or (
        req.type == "interactive" and payload.get("type") == "block_actions"
    )
