"""FakeSlack: a local HTTP server speaking enough of the Slack Web API for tests.

Point ``slack_sdk.WebClient(token=fake.token, base_url=fake.api_url)`` at it. Every request is recorded
as a :class:`Call`; faults can be injected per method. Standard library only. How a request finds
the handler that answers it is in :mod:`tests.fakeslack.routing`.
"""

from __future__ import annotations

import copy
import functools
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, TypeVar

from tests.fakeslack.routing import HttpServer, answer, route
from tests.fakeslack.socket_mode import SocketModeServer
from tests.fakeslack.wire import Call, Fault, Reply, fault_reply, json_reply, text_reply
from tests.fakeslack.workspace import JSON, Workspace

FaultFn = Callable[[str, dict[str, Any], int], "Fault | None"]
CallFilter = Callable[[Call], bool]

P = ParamSpec("P")
R = TypeVar("R")


def _locked(method: Callable[Concatenate[Workspace, P], R]) -> Callable[Concatenate[FakeSlack, P], R]:
    """A FakeSlack method that calls ``method`` on its workspace, holding the workspace lock."""

    @functools.wraps(method)
    def call(fake: FakeSlack, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with fake.workspace.lock:
            return method(fake.workspace, *args, **kwargs)

    return call


class FakeSlack:
    """A fake Slack workspace served over HTTP on 127.0.0.1 (see the package docstring)."""

    def __init__(
        self,
        *,
        token: str = "xoxb-fake-token",
        app_token: str = "xapp-1-A0KINDRED-1-fakeapptoken",
        team_id: str = "T0FAKE",
        bot_user_id: str = "UBOT",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.token = token
        self.app_token = app_token
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.workspace = Workspace(team_id=team_id, bot_user_id=bot_user_id, clock=clock)
        self._lock = self.workspace.lock
        self._calls: list[Call] = []
        self._counts: Counter[str] = Counter()
        self._queued: dict[str, list[Fault]] = {}
        self._fault_fn: FaultFn | None = None
        self._server: HttpServer | None = None
        self._thread: threading.Thread | None = None
        self._socket_mode: SocketModeServer | None = None

    # ------------------------------------------------------------ lifecycle

    def start(self) -> FakeSlack:
        if self._server is not None:
            return self
        server = HttpServer(self._dispatch)
        self._server = server
        self.workspace.base_url = self.base_url
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, name="fakeslack", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        socket_mode, self._socket_mode = self._socket_mode, None
        if socket_mode is not None:
            socket_mode.stop()
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeSlack is not running; call start() first")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    @property
    def clock(self) -> Callable[[], float]:
        """The clock trigger expiry is measured with (replace it to time-travel in tests)."""
        return self.workspace.clock

    @clock.setter
    def clock(self, value: Callable[[], float]) -> None:
        self.workspace.clock = value

    # ------------------------------------------------------------ fixtures

    add_user = _locked(Workspace.add_user)
    add_channel = _locked(Workspace.add_channel)

    def issue_trigger_id(self, *, view_id: str | None = None) -> str:
        """A fresh trigger_id: exchangeable once, within 3 s. ``view_id`` says which modal the interaction
        came from (views.push pushes onto its stack; default: the most recently opened modal)."""
        with self._lock:
            return self.workspace.new_trigger(view_id)

    def new_response_url(self) -> str:
        """A response_url; POSTs to it are recorded as Call(method="response_url")."""
        url = f"{self.base_url}/response/{secrets.token_hex(12)}"
        with self._lock:
            self.workspace.response_urls.add(url)
        return url

    # ------------------------------------------------------------ inspection

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def wait_for(
        self, method: str, count: int = 1, where: CallFilter | None = None, timeout: float = 5.0
    ) -> list[Call]:
        """Polls until at least ``count`` calls to ``method`` (matching ``where``) were recorded."""
        deadline = time.monotonic() + timeout
        while True:
            found = [c for c in self.calls_to(method) if where is None or where(c)]
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                break
            time.sleep(0.01)
        recorded = self.calls
        listing = "\n".join(f"  {i}. {c.describe()}" for i, c in enumerate(recorded, 1)) or "  (none)"
        condition = "" if where is None else " matching the filter"
        raise AssertionError(
            f"timed out after {timeout}s waiting for {count} call(s) to {method}{condition}; "
            f"saw {len(found)}. Recorded calls ({len(recorded)}):\n{listing}"
        )

    def messages(self, channel_id: str) -> list[JSON]:
        """Messages in a conversation (a user id means their DM), oldest first, as updated."""
        with self._lock:
            ws = self.workspace
            cid = ws.dm_id(channel_id) if channel_id in ws.users else channel_id
            return copy.deepcopy(ws.messages.get(cid, []))

    def dm_channel_for(self, user_id: str) -> str:
        return self.workspace.dm_id(user_id)

    def home_of(self, user_id: str) -> JSON | None:
        """The home tab most recently published for a user."""
        with self._lock:
            view_id = self.workspace.homes.get(user_id)
            return copy.deepcopy(self.workspace.views[view_id]) if view_id else None

    def view(self, view_id: str) -> JSON | None:
        with self._lock:
            found = self.workspace.views.get(view_id)
            return copy.deepcopy(found) if found else None

    @property
    def uploads(self) -> list[JSON]:
        """Completed uploads, oldest first: file_id, filename, title, content (bytes), alt_txt,
        snippet_type, channel (the first shared to, or None), channels, initial_comment, thread_ts."""
        with self._lock:
            return copy.deepcopy(self.workspace.uploads)

    @property
    def ephemerals(self) -> list[JSON]:
        """chat.postEphemeral deliveries: {"channel", "user", "message"}."""
        with self._lock:
            return copy.deepcopy(self.workspace.ephemerals)

    # ------------------------------------------------------------ faults

    def fail_next(
        self,
        method: str,
        *,
        error: str | None = None,
        status: int = 200,
        headers: dict[str, str] | None = None,
        times: int = 1,
    ) -> None:
        """Makes the next ``times`` calls to ``method`` fail (see :class:`Fault`)."""
        fault = Fault(status=status, error=error, headers=dict(headers or {}))
        if not fault.active:
            raise ValueError("fail_next needs an error or a non-200 status")
        with self._lock:
            self._queued.setdefault(method, []).extend([fault] * times)

    def set_fault(self, fn: FaultFn | None) -> None:
        """``fn(method, args, n)`` may return a Fault for the n-th (1-based) call to ``method``."""
        with self._lock:
            self._fault_fn = fn

    def reset(self) -> None:
        """Clears calls, faults, messages, views, triggers, uploads; keeps users and channels."""
        with self._lock:
            self._calls.clear()
            self._counts.clear()
            self._queued.clear()
            self._fault_fn = None
            self.workspace.clear_activity()

    # ------------------------------------------------------------ serving

    def _fault_for(self, method: str, args: dict[str, Any], n: int) -> Fault | None:
        queued = self._queued.get(method)
        if queued:
            return queued.pop(0)
        if self._fault_fn is not None:
            fault = self._fault_fn(method, args, n)
            if fault is not None and fault.active:
                return fault
        return None

    def _dispatch(self, raw_path: str, headers: dict[str, str], body: bytes) -> Reply:
        request = route(raw_path, headers, body, self.workspace.base_url)
        if request is None:
            return text_reply("Not Found", 404)
        method = request.method
        with self._lock:
            self._counts[method] += 1
            fault = self._fault_for(method, request.args, self._counts[method])
            if fault is not None and fault.after_processing and request.error is None:
                answer(self, request)
                reply, response = fault_reply(fault)
            elif fault is not None:
                reply, response = fault_reply(fault)
            elif request.error is not None:
                response = request.error.response()
                reply = json_reply(response)
            else:
                reply, response = answer(self, request)
            self._calls.append(
                Call(method, request.args, request.token, reply.status, response, time.monotonic())
            )
        return reply

    @property
    def socket_mode(self) -> SocketModeServer:
        """The Socket Mode server that `apps.connections.open` sends the app to (started on first use)."""
        if self._socket_mode is None:
            self._socket_mode = SocketModeServer().start()
        return self._socket_mode
