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

import logging
import threading
import time
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode.internals import run_bolt_app
from slack_bolt.adapter.socket_mode.websocket_client import SocketModeHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.socket_mode.websocket_client import SocketModeClient
from websocket import WebSocketApp

from bot.config import ConfigError
from bot.handled import Ledger
from bot.slack.once import envelope_key

log = logging.getLogger(__name__)

PING_INTERVAL = 5.0  # seconds between pings, and between two checks that the connection is up
PING_TIMEOUT = 2.0  # seconds to wait for a pong; also how long a replaced connection's reader lingers
CONNECT_WAIT = 5.0  # seconds close() waits for a reconnect under way (slack_sdk's own wait for that lock)
JOIN_WITHIN = 10.0  # seconds close() waits for the client's threads, all together
TOKEN_ERRORS = ("invalid_auth", "not_authed", "not_allowed_token_type", "account_inactive", "token_revoked")


class PromptSocketModeClient(SocketModeClient):
    """slack_sdk's websocket-client Socket Mode client, its connections read with a ping timeout, and a
    `close()` that returns promptly whatever the connections are doing (reconnecting, just replaced, dropped).

    Why `close()` could hang in slack_sdk's client: it closes the session that is current at that moment,
    then joins the thread that runs sessions, with no timeout. Sessions are replaced from three threads (the
    monitor, the reader of a dropped connection, the handler of Slack's `disconnect`), each with a new
    `WebSocketApp`, which the runner thread starts up to half a second later. Closing a session that has
    not started yet is lost: websocket-client's `run_forever()` sets `keep_running` again when it starts.
    So when the runner was starting a new connection as `close()` came, that connection was read forever,
    and the join never returned (`kindred run` did not exit after SIGTERM). Here:

    - the runner starts no session once the client is closed, and a connection that opens after that, or
      after its session was replaced, ends at once (`on_open`), with a close frame;
    - no reconnect begins once the client is closed (`connect()` would also turn auto-reconnect back on);
    - `close()` waits for a reconnect under way, closes the newest session, and joins the client's threads
      for a bounded time.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.on_open_listeners.append(self._end_if_unwanted)

    def _run_current_session(self) -> None:
        session = self.current_session  # read once: another thread may replace it meanwhile
        if session is None or self.closed:
            return
        try:
            self.logger.info("Starting to receive messages from a new connection")
            session.run_forever(
                ping_interval=self.ping_interval,
                ping_timeout=PING_TIMEOUT,
                http_proxy_host=self.http_proxy_host,
                http_proxy_port=self.http_proxy_port,
                http_proxy_auth=self.http_proxy_auth,
                proxy_type=self.proxy_type,
            )
            self.logger.info("Stopped receiving messages from a connection")
        except Exception as error:
            self.logger.exception(f"Failed to start or stop the current session: {error}")
            session.close()  # the monitor notices and reconnects

    def _end_if_unwanted(self, session: WebSocketApp) -> None:
        """A connection that opens after `close()`, or after its session was replaced, is not read: its
        `run_forever()` ends and closes it with a close frame."""
        if self.closed or session is not self.current_session:
            session.keep_running = False

    def disconnect(self) -> None:
        session = self.current_session
        if session is None:
            return
        if session.sock is not None and not session.sock.connected:
            # Still opening: WebSocketApp.close() would drop the socket without closing it (the connection
            # would stay open until garbage collection). Told to stop, it ends once open, with a close frame.
            session.keep_running = False
        else:
            session.close()

    def connect_to_new_endpoint(self, force: bool = False) -> None:
        if not self.closed:
            super().connect_to_new_endpoint(force)

    def close(self) -> None:
        self.closed = True
        self.auto_reconnect_enabled = False
        runners = (self.current_session_runner, self.current_app_monitor, self.message_processor)
        for runner in runners:
            runner.event.set()  # no thread starts another round: no new session, no reconnect check
        self.message_queue.put(None)  # the message processor waits for one: it need not wait a second
        # A reconnect under way finishes first (a bounded wait: its lock is taken with a timeout too), so
        # that the session closed here is the newest one.
        locked = self.connect_operation_lock.acquire(timeout=CONNECT_WAIT)
        try:
            self.auto_reconnect_enabled = False  # connect() turns it back on
            self.disconnect()
        finally:
            if locked:
                self.connect_operation_lock.release()
        # Each runner ends within a few seconds (a replaced connection's reader waits up to PING_TIMEOUT,
        # a close frame's answer up to 3 s). The join is bounded all the same, as a last resort: the
        # runners are daemon threads, so one still stuck (say, in a reconnect's HTTP call) cannot keep the
        # process from exiting, where an unbounded join would keep it alive for good.
        deadline = time.monotonic() + JOIN_WITHIN
        for runner in runners:
            if runner.thread is not None and runner.thread.is_alive():
                runner.thread.join(max(0.0, deadline - time.monotonic()))
                if runner.thread.is_alive():
                    log.warning("Socket Mode thread %s did not stop; leaving it", runner.thread.name)
        self.message_workers.shutdown()  # envelopes being handled (OnceSocketModeHandler.stop waited)


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
