"""From an HTTP request to a reply: the HTTP plumbing, which method a path names, who may call it,
and which handler answers. Fault injection and the call record stay with :class:`FakeSlack`."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tests.fakeslack import api_chat, api_files, api_views
from tests.fakeslack.blockcheck import check_message_blocks
from tests.fakeslack.wire import ApiError, Reply, json_reply, parse_request, text_reply
from tests.fakeslack.workspace import JSON

if TYPE_CHECKING:
    from tests.fakeslack.server import FakeSlack

Dispatch = Callable[[str, dict[str, str], bytes], Reply]

METHODS: dict[str, api_chat.Handler] = {**api_chat.METHODS, **api_views.METHODS, **api_files.METHODS}


class HttpServer(ThreadingHTTPServer):
    """Serves 127.0.0.1 on a free port; each request's path, headers and body go to ``dispatch``."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, dispatch: Dispatch) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.dispatch = dispatch


class _Handler(BaseHTTPRequestHandler):
    server: HttpServer

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
        reply = self.server.dispatch(self.path, headers, body)
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)


@dataclass
class Request:
    """A request for one method: a Web API method, ``response_url`` or ``upload_url``."""

    method: str
    args: dict[str, Any]
    token: str | None
    body: bytes
    error: ApiError | None = None  # the arguments could not be parsed


def route(raw_path: str, headers: dict[str, str], body: bytes, base_url: str) -> Request | None:
    """The method a request is for, with its arguments and token; None for a path the fake does not serve.

    A response_url or upload URL comes back as the ``_url`` argument (``base_url`` plus the path)."""
    parts = urlsplit(raw_path)
    path = parts.path
    if path.startswith("/api/"):
        method = path[len("/api/") :]
    elif path.startswith("/response/"):
        method = "response_url"
    elif path.startswith(api_files.UPLOAD_PATH):
        method = "upload_url"
    else:
        return None
    token: str | None = None
    parse_error: ApiError | None = None
    if method == "upload_url":
        body = api_files.upload_content(headers, body)
        args: dict[str, Any] = {"length": len(body)}
    else:
        try:
            args, token = parse_request(headers, parts.query, body)
        except ApiError as exc:
            args, parse_error = {}, exc
    if method in ("response_url", "upload_url"):
        args["_url"] = f"{base_url}{path}"
    return Request(method, args, token, body, parse_error)


def answer(fake: FakeSlack, request: Request) -> tuple[Reply, JSON]:
    """The reply to a parsed request, and the response to record; the caller holds the workspace lock."""
    method, args, token = request.method, request.args, request.token
    if method == "apps.connections.open":
        opened = _connections_open(fake, token)
        return json_reply(opened), opened
    if method == "response_url":
        return _response_url(fake, args)
    if method == "upload_url":
        return api_files.receive_upload(fake.workspace, args, request.body)
    handler = METHODS.get(method)
    response: JSON
    if handler is None:
        response = {"ok": False, "error": "unknown_method", "req_method": method}
    elif token is None:
        response = {"ok": False, "error": "not_authed"}
    elif token != fake.token:
        response = {"ok": False, "error": "invalid_auth"}
    else:
        try:
            response = handler(fake.workspace, args)
        except ApiError as exc:
            response = exc.response()
        except (TypeError, ValueError, KeyError, AttributeError):
            traceback.print_exc(file=sys.stderr)
            response = {"ok": False, "error": "internal_error"}
            return json_reply(response, 500), response
    return json_reply(response), response


def _connections_open(fake: FakeSlack, token: str | None) -> JSON:
    """`apps.connections.open`: only an app-level token opens a Socket Mode connection."""
    if token is None:
        return {"ok": False, "error": "not_authed"}
    if token == fake.token:
        return {"ok": False, "error": "not_allowed_token_type"}
    if token != fake.app_token:
        return {"ok": False, "error": "invalid_auth"}
    return {"ok": True, "url": fake.socket_mode.url()}


def _response_url(fake: FakeSlack, args: dict[str, Any]) -> tuple[Reply, JSON]:
    if args["_url"] not in fake.workspace.response_urls:
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
