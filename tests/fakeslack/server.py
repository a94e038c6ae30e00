"""FakeSlack: a local HTTP server speaking enough of the Slack Web API for tests.

Point ``slack_sdk.WebClient(token=fake.token, base_url=fake.api_url)`` at it. Every request is recorded
as a :class:`Call`; faults can be injected per method. Standard library only.
"""

from __future__ import annotations

import copy
import secrets
import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from tests.fakeslack import api_chat, api_files, api_views
from tests.fakeslack.blockcheck import check_message_blocks
from tests.fakeslack.socket_mode import SocketModeServer
from tests.fakeslack.wire import (
    ApiError,
    Call,
    Fault,
    Reply,
    fault_reply,
    json_reply,
    parse_request,
    text_reply,
)
from tests.fakeslack.workspace import JSON, Workspace

FaultFn = Callable[[str, dict[str, Any], int], "Fault | None"]
CallFilter = Callable[[Call], bool]

METHODS: dict[str, api_chat.Handler] = {**api_chat.METHODS, **api_views.METHODS, **api_files.METHODS}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    fake: FakeSlack


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Silence per-request logging."""

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        reply = self.server.fake._dispatch(self.path, headers, body)
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)


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
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._socket_mode: SocketModeServer | None = None

    # ------------------------------------------------------------ lifecycle

    def start(self) -> FakeSlack:
        if self._server is not None:
            return self
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
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

    def add_user(
        self,
        user_id: str,
        *,
        name: str | None = None,
        real_name: str | None = None,
        display_name: str = "",
        email: str | None = None,
        tz: str = "UTC",
        title: str = "",
        is_admin: bool = False,
        is_owner: bool = False,
        is_bot: bool = False,
        deleted: bool = False,
    ) -> JSON:
        """Adds (or replaces) a user; returns the Slack user object users.info will return."""
        with self._lock:
            return self.workspace.add_user(
                user_id,
                name=name,
                real_name=real_name,
                display_name=display_name,
                email=email,
                tz=tz,
                title=title,
                is_admin=is_admin,
                is_owner=is_owner,
                is_bot=is_bot,
                deleted=deleted,
            )

    def add_channel(
        self,
        channel_id: str,
        *,
        name: str | None = None,
        is_archived: bool = False,
        members: list[str] | None = None,
        is_private: bool | None = None,
    ) -> JSON:
        """Adds (or replaces) a channel. ``members`` (when given) limits who may see ephemerals."""
        with self._lock:
            return self.workspace.add_channel(
                channel_id, name=name, is_archived=is_archived, members=members, is_private=is_private
            )

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
        parts = urlsplit(raw_path)
        path = parts.path
        if path.startswith("/api/"):
            method = path[len("/api/") :]
        elif path.startswith("/response/"):
            method = "response_url"
        elif path.startswith(api_files.UPLOAD_PATH):
            method = "upload_url"
        else:
            return text_reply("Not Found", 404)
        token: str | None = None
        if method == "upload_url":
            body = api_files.upload_content(headers, body)
            args: dict[str, Any] = {"length": len(body)}
            parse_error: ApiError | None = None
        else:
            try:
                args, token = parse_request(headers, parts.query, body)
                parse_error = None
            except ApiError as exc:
                args, parse_error = {}, exc
        if method in ("response_url", "upload_url"):
            args["_url"] = f"{self.base_url}{path}"
        with self._lock:
            self._counts[method] += 1
            fault = self._fault_for(method, args, self._counts[method])
            if fault is not None and fault.after_processing and parse_error is None:
                self._handle(method, args, token, body)
                reply, response = fault_reply(fault)
            elif fault is not None:
                reply, response = fault_reply(fault)
            elif parse_error is not None:
                response = parse_error.response()
                reply = json_reply(response)
            else:
                reply, response = self._handle(method, args, token, body)
            self._calls.append(Call(method, args, token, reply.status, response, time.monotonic()))
        return reply

    @property
    def socket_mode(self) -> SocketModeServer:
        """The Socket Mode server that `apps.connections.open` sends the app to (started on first use)."""
        if self._socket_mode is None:
            self._socket_mode = SocketModeServer().start()
        return self._socket_mode

    def _connections_open(self, token: str | None) -> JSON:
        """`apps.connections.open`: only an app-level token opens a Socket Mode connection."""
        if token is None:
            return {"ok": False, "error": "not_authed"}
        if token == self.token:
            return {"ok": False, "error": "not_allowed_token_type"}
        if token != self.app_token:
            return {"ok": False, "error": "invalid_auth"}
        return {"ok": True, "url": self.socket_mode.url()}

    def _handle(
        self, method: str, args: dict[str, Any], token: str | None, body: bytes
    ) -> tuple[Reply, JSON]:
        if method == "apps.connections.open":
            response = self._connections_open(token)
            return json_reply(response), response
        if method == "response_url":
            return self._response_url(args)
        if method == "upload_url":
            return api_files.receive_upload(self.workspace, args, body)
        handler = METHODS.get(method)
        if handler is None:
            response: JSON = {"ok": False, "error": "unknown_method", "req_method": method}
        elif token is None:
            response = {"ok": False, "error": "not_authed"}
        elif token != self.token:
            response = {"ok": False, "error": "invalid_auth"}
        else:
            try:
                response = handler(self.workspace, args)
            except ApiError as exc:
                response = exc.response()
            except (TypeError, ValueError, KeyError, AttributeError):
                traceback.print_exc(file=sys.stderr)
                response = {"ok": False, "error": "internal_error"}
                return json_reply(response, 500), response
        return json_reply(response), response

    def _response_url(self, args: dict[str, Any]) -> tuple[Reply, JSON]:
        if args["_url"] not in self.workspace.response_urls:
            return text_reply("no_active_hooks", 404), {"ok": False, "error": "no_active_hooks"}
        if args.get("blocks") is not None:
            errors = check_message_blocks(args["blocks"])
            if errors:
                return text_reply("invalid_blocks", 400), {
                    "ok": False,
                    "error": "invalid_blocks",
                    "errors": errors,
                }
        if not args.get("text") and not args.get("blocks") and not args.get("delete_original"):
            return text_reply("no_text", 400), {"ok": False, "error": "no_text"}
        return json_reply({"ok": True}), {"ok": True}
