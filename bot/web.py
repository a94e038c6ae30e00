"""HTTP: `POST /slack/events` (commands, interactivity, events, options), `GET /healthz` and the admin
dashboard under `/admin`.

Served by cheroot, a production WSGI server whose `stop()` lets in-flight requests finish.
"""

import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from cheroot import wsgi
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from sqlalchemy import Engine

from bot.db import is_reachable

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
ADMIN_PATH = "/admin"
StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def wsgi_app(
    bolt_app: App | None,
    engine: Engine,
    *,
    role: Callable[[], str] | None = None,
    dashboard: WSGIApp | None = None,
) -> WSGIApp:
    """The whole HTTP surface. Without a Bolt app (Socket Mode) only the health check and the dashboard
    are served; `role` says whether this process runs the scheduled jobs ("leader") or not ("standby")."""
    slack = SlackRequestHandler(bolt_app, path=EVENTS_PATH) if bolt_app is not None else None

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            healthy = is_reachable(engine)
            body = {"ok": healthy, "database": "reachable" if healthy else "unreachable"}
            if role is not None:
                body["scheduler"] = role()
            return _json(start_response, "200 OK" if healthy else "503 Service Unavailable", body)
        if dashboard is not None and (path == ADMIN_PATH or path.startswith(ADMIN_PATH + "/")):
            return dashboard(environ, start_response)
        if path == EVENTS_PATH and slack is not None:
            if method != "POST":
                return _json(start_response, "405 Method Not Allowed", {"ok": False, "error": "use POST"})
            return slack(environ, start_response)
        return _json(start_response, "404 Not Found", {"ok": False, "error": "not found"})

    return application


def _json(start_response: StartResponse, status: str, body: dict[str, Any]) -> list[bytes]:
    payload = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]


@dataclass
class RunningServer:
    server: wsgi.Server
    thread: threading.Thread

    @property
    def port(self) -> int:
        return int(self.server.bind_addr[1])

    def stop(self) -> None:
        """Stop accepting, let in-flight requests finish (up to the shutdown timeout), then return."""
        self.server.stop()
        self.thread.join(timeout=30)


def serve(app: WSGIApp, *, host: str = "0.0.0.0", port: int = 3000, threads: int = 16) -> RunningServer:  # noqa: S104
    """Start serving in a background thread; port 0 picks a free port (see `.port`)."""
    server = wsgi.Server((host, port), app, numthreads=threads, shutdown_timeout=20, request_queue_size=64)
    server.prepare()
    thread = threading.Thread(target=server.serve, name="http", daemon=True)
    thread.start()
    log.info("listening on http://%s:%s", host, server.bind_addr[1])
    return RunningServer(server=server, thread=thread)
