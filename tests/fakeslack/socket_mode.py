"""The Socket Mode side of the fake Slack: a WebSocket server the bot connects to with the URL that
`apps.connections.open` returns.

As Slack does, it greets each connection with `hello`, sends envelopes (`slash_commands`, `interactive`,
`events_api`) and expects an ack carrying the same `envelope_id` within 3 seconds. It can ask a connection
to reconnect (`disconnect` with `refresh_requested` or `link_disabled`), and drop one without a close frame,
as a proxy or load balancer does. Built on the `websockets` library's threaded server.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

T = TypeVar("T")

ACK_WITHIN = 3.0  # seconds Slack waits for an ack before it counts the envelope as not delivered


class NoAck(AssertionError):
    """No ack for an envelope within the deadline."""


@dataclass
class Link:
    """One connection from the app."""

    number: int
    ticket: str
    socket: ServerConnection
    opened: float
    closed: float | None = None
    close_code: int | None = None  # None: closed without a close frame (or still open)
    acks: dict[str, dict[str, Any]] = field(default_factory=dict)  # envelope id → the ack message
    received: list[dict[str, Any]] = field(default_factory=list)  # everything else the app sent
    changed: threading.Condition = field(default_factory=threading.Condition)

    @property
    def open(self) -> bool:
        return self.closed is None


class SocketModeServer:
    """Serves ws://127.0.0.1:PORT/link/?ticket=…; `url()` hands out a new ticket per connection."""

    def __init__(self, *, app_id: str = "A0KINDRED", clock: Callable[[], float] = time.monotonic) -> None:
        self.app_id = app_id
        self.clock = clock
        self.links: list[Link] = []
        self.changed = threading.Condition()
        self._tickets: set[str] = set()
        self._next = 0
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------------------------

    def start(self) -> SocketModeServer:
        self._server = serve(self._serve, "127.0.0.1", 0, compression=None, ping_interval=None)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="fake-socket-mode", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def port(self) -> int:
        assert self._server is not None, "start() the server first"
        return int(self._server.socket.getsockname()[1])

    def url(self) -> str:
        """A fresh connection URL, as `apps.connections.open` returns (each ticket works once)."""
        ticket = secrets.token_hex(8)
        with self.changed:
            self._tickets.add(ticket)
        return f"ws://127.0.0.1:{self.port}/link/?ticket={ticket}&app_id={self.app_id}"

    # --- what Slack does -------------------------------------------------------------------------------

    def send(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        envelope_id: str | None = None,
        retry_attempt: int = 0,
        link: Link | None = None,
        within: float = ACK_WITHIN,
    ) -> dict[str, Any]:
        """Send one envelope on `link` (by default the newest open one) and return the app's ack message;
        raises NoAck when none comes within `within` seconds."""
        envelope_id = envelope_id or f"{secrets.token_hex(4)}-{secrets.token_hex(2)}-{secrets.token_hex(6)}"
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "payload": payload,
            "type": kind,
            "accepts_response_payload": kind != "events_api",
        }
        if kind == "events_api":
            envelope |= {"retry_attempt": retry_attempt, "retry_reason": "timeout" if retry_attempt else ""}
        link = link or self.wait_for_link()
        link.socket.send(json.dumps(envelope))
        deadline = time.monotonic() + within
        with link.changed:
            while envelope_id not in link.acks:
                left = deadline - time.monotonic()
                if left <= 0 or not link.open:
                    raise NoAck(f"no ack for {kind} envelope {envelope_id} within {within} s")
                link.changed.wait(left)
            return link.acks[envelope_id]

    def ask_to_reconnect(self, reason: str = "refresh_requested", link: Link | None = None) -> None:
        """Slack's `disconnect` message: the app should open a new connection, then close this one."""
        link = link or self.wait_for_link()
        link.socket.send(json.dumps({"type": "disconnect", "reason": reason, "debug_info": {"host": "fake"}}))

    def drop(self, link: Link | None = None, *, reset: bool = False) -> None:
        """Close the TCP connection with no WebSocket close frame: a plain FIN, as proxies do, or with
        `reset` a TCP RST, as a crashed peer or a firewall does."""
        link = link or self.wait_for_link()
        raw = link.socket.socket
        if reset:  # linger on, for zero seconds: close() sends RST instead of FIN
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        else:
            with contextlib.suppress(OSError):
                raw.shutdown(socket.SHUT_RDWR)
        raw.close()
        with self.changed:  # this side is done with it, whether or not its reader has noticed yet
            if link.closed is None:
                link.closed = self.clock()
            self.changed.notify_all()
        with link.changed:
            link.changed.notify_all()

    # --- what tests look at ----------------------------------------------------------------------------

    def open_links(self) -> list[Link]:
        with self.changed:
            return [link for link in self.links if link.open]

    def wait_for_link(self, *, newer_than: int = -1, timeout: float = 10.0) -> Link:
        """The newest open connection numbered above `newer_than`, waiting up to `timeout` seconds."""

        def newest() -> Link | None:
            found = [link for link in self.links if link.open and link.number > newer_than]
            return found[-1] if found else None

        return self._wait_for(
            newest, timeout, lambda: f"no Socket Mode connection newer than #{newer_than} in {timeout} s"
        )

    def wait_for_steady(self, count: int = 1, *, quiet: float = 1.0, timeout: float = 15.0) -> list[Link]:
        """The open connections once there are `count` of them and none has opened or closed for `quiet`
        seconds (a client may replace its first connection right after start-up)."""

        def steady() -> list[Link] | None:
            changed_at = max((link.closed or link.opened for link in self.links), default=0.0)
            opened = [link for link in self.links if link.open]
            return opened if len(opened) == count and self.clock() - changed_at >= quiet else None

        def failure() -> str:
            return f"{len(self.open_links())} connections open, not a steady {count}, after {timeout} s"

        return self._wait_for(steady, timeout, failure, poll=quiet / 4)

    def wait_until_closed(self, link: Link, timeout: float = 10.0) -> None:
        self._wait_for(
            lambda: True if not link.open else None,
            timeout,
            lambda: f"connection #{link.number} still open after {timeout} s",
        )

    def _wait_for(
        self,
        found: Callable[[], T | None],
        timeout: float,
        failure: Callable[[], str],
        *,
        poll: float | None = None,
    ) -> T:
        """What `found()` returns once it is not None, checked whenever a connection opens or closes (and
        every `poll` seconds); AssertionError with `failure()` after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while (value := found()) is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(failure())
                self.changed.wait(left if poll is None else min(left, poll))
            return value

    # --- the server side of one connection -------------------------------------------------------------

    def _serve(self, connection: ServerConnection) -> None:
        ticket = _ticket(connection.request.path if connection.request else "")
        with self.changed:
            valid = ticket in self._tickets
            self._tickets.discard(ticket)
            if valid:
                link = Link(self._next, ticket, connection, self.clock())
                self._next += 1
                self.links.append(link)
            self.changed.notify_all()
        if not valid:
            connection.close(code=4001, reason="invalid or used ticket")
            return
        try:
            connection.send(json.dumps(self._hello()))
            for message in connection:
                self._receive(link, message)
        except ConnectionClosed:
            pass
        finally:
            with self.changed:
                link.close_code = _received_close_code(connection)
                link.closed = self.clock()
                self.changed.notify_all()
            with link.changed:
                link.changed.notify_all()

    def _receive(self, link: Link, message: str | bytes) -> None:
        try:
            data = json.loads(message)
        except ValueError:
            data = {"unreadable": str(message)[:200]}
        with link.changed:
            if isinstance(data, dict) and "envelope_id" in data:
                link.acks[str(data["envelope_id"])] = data
            else:
                link.received.append(data)
            link.changed.notify_all()

    def _hello(self) -> dict[str, Any]:
        return {
            "type": "hello",
            "num_connections": len(self.open_links()),
            "debug_info": {"host": "applink-fake", "approximate_connection_time": 18060},
            "connection_info": {"app_id": self.app_id},
        }


def _ticket(path: str) -> str:
    query = path.partition("?")[2]
    for part in query.split("&"):
        name, _, value = part.partition("=")
        if name == "ticket":
            return value
    return ""


def _received_close_code(connection: ServerConnection) -> int | None:
    """The code of the close frame the app sent; None when the connection ended without one."""
    received = connection.protocol.close_rcvd
    return None if received is None else int(received.code)
