"""The dashboard's pages under /admin: a WSGI app that `kindred run` serves next to /slack/events and
/healthz, in HTTP and Socket Mode alike.

Every page checks the session cookie and asks again whether its admin is still one (KINDRED_ADMINS, or
users.info every time: no cache), so someone who stops being an admin loses access at their next request.
Nothing under /admin is cached, framed or given a Referer (a sign-in link's token must not leak).
"""

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment, FileSystemLoader, select_autoescape
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.config import Settings
from bot.dashboard import service, texts
from bot.dashboard.page import HTML, Headers, Request
from bot.dashboard.pages import PAGES
from bot.db import SessionFactory, session_scope
from bot.slack.surfaces import is_listed_or_slack_admin

log = logging.getLogger(__name__)

PREFIX = "/admin"
COOKIE = "kindred_admin"
FORM_MAX = 10_000  # bytes of a POSTed form read at most
HERE = Path(__file__).parent
STATIC = (HERE / "static").resolve()
STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
SECURITY_HEADERS = [
    ("Cache-Control", "no-store"),
    (
        "Content-Security-Policy",
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
]
StartResponse = Callable[..., Any]


class Dashboard:
    """The WSGI app of /admin, built with the settings, Slack client, database and clock given."""

    def __init__(
        self,
        settings: Settings,
        client: WebClient,
        sessions: SessionFactory,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        self.settings = settings
        self.client = client
        self.sessions = sessions
        self.clock = clock
        self.pages = Environment(
            loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True)
        )
        self.secure = (settings.public_url or "").startswith("https://")

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
        if path.startswith(f"{PREFIX}/static/") and method in ("GET", "HEAD"):
            return self._static(start_response, path.removeprefix(f"{PREFIX}/static/"))
        if self.settings.secret_key is None:
            return self._message(
                start_response, "503 Service Unavailable", texts.NOT_SET_UP_TITLE, texts.NOT_SET_UP
            )
        secret = self.settings.secret_key.get_secret_value()
        if path == f"{PREFIX}/login" and method in ("GET", "HEAD"):
            return self._confirm(environ, start_response)
        if path == f"{PREFIX}/login" and method == "POST":
            return self._login(environ, start_response, secret)
        if path in PAGES and method in ("GET", "HEAD"):
            return self._page(environ, start_response, secret)
        if path == f"{PREFIX}/logout" and method == "POST":
            return self._logout(environ, start_response, secret)
        return self._message(start_response, "404 Not Found", texts.NOT_FOUND_TITLE, texts.NOT_FOUND)

    def _confirm(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """An opened link: a page with one button that signs in (POST). Opening uses nothing up, so a link
        scanner or a preview that fetches the link leaves it working for its admin."""
        token = parse_qs(environ.get("QUERY_STRING", "")).get("token", [""])[0]
        with session_scope(self.sessions) as session:
            works = service.link_works(session, token=token, now=self.clock())
        if not works:
            return self._link_refused(start_response)
        body = self.pages.get_template("sign_in.html").render(texts=texts, token=token)
        return _respond(start_response, "200 OK", body.encode(), HTML)

    def _login(self, environ: dict[str, Any], start_response: StartResponse, secret: str) -> Iterable[bytes]:
        token = _form(environ).get("token", [""])[0]
        now = self.clock()
        with session_scope(self.sessions) as session:
            signed_in = service.use_link(session, token=token, now=now)
        if signed_in is None:
            return self._link_refused(start_response)
        refused = self._unless_admin(start_response, signed_in.admin)
        if refused is not None:
            return refused
        opened = service.open_session(secret, signed_in, now=now)
        cookie = self._cookie(opened, max_age=service.SESSION_LIFETIME)
        log.info("dashboard: %s signed in", signed_in.admin.user_id)
        return _respond(start_response, "303 See Other", b"", "text/plain", [("Location", PREFIX), cookie])

    def _static(self, start_response: StartResponse, name: str) -> Iterable[bytes]:
        """A file of static/ (stylesheet, icon, scripts, vendored libraries), and nothing outside it."""
        file = (STATIC / name).resolve()
        if file.suffix not in STATIC_TYPES or not file.is_relative_to(STATIC) or not file.is_file():
            return self._message(start_response, "404 Not Found", texts.NOT_FOUND_TITLE, texts.NOT_FOUND)
        return _respond(start_response, "200 OK", file.read_bytes(), STATIC_TYPES[file.suffix])

    def _page(self, environ: dict[str, Any], start_response: StartResponse, secret: str) -> Iterable[bytes]:
        """A page of PAGES, for a signed-in admin who still is one."""
        current = self._session(environ, secret)
        if current is None:
            return self._signed_out(start_response)
        refused = self._unless_admin(start_response, current.admin)
        if refused is not None:
            return refused
        request = Request(
            team_id=current.admin.team_id,
            csrf=current.csrf,
            query=parse_qs(environ.get("QUERY_STRING", "")),
            now=self.clock(),
            settings=self.settings,
            sessions=self.sessions,
            templates=self.pages,
        )
        reply = PAGES[environ["PATH_INFO"]](request)
        return _respond(start_response, "200 OK", reply.body, reply.content_type, reply.headers)

    def _unless_admin(self, start_response: StartResponse, admin: service.Admin) -> Iterable[bytes] | None:
        """None for an admin who still is one; otherwise the page that says why not. Slack is asked every
        time; when it cannot be reached, the page says so and the session stays (try again in a minute)."""
        try:
            still_admin = is_listed_or_slack_admin(self.client, self.settings.admins, user_id=admin.user_id)
        except (SlackApiError, OSError) as error:  # Slack failed to answer, or could not be reached
            log.warning("dashboard: could not ask Slack whether %s is an admin: %s", admin.user_id, error)
            return self._message(
                start_response,
                "503 Service Unavailable",
                texts.SLACK_UNREACHABLE_TITLE,
                texts.SLACK_UNREACHABLE,
            )
        return None if still_admin else self._not_admin(start_response)

    def _link_refused(self, start_response: StartResponse) -> Iterable[bytes]:
        return self._message(
            start_response, "401 Unauthorized", texts.LINK_REFUSED_TITLE, texts.LINK_REFUSED, get_a_link=True
        )

    def _logout(self, environ: dict[str, Any], start_response: StartResponse, secret: str) -> Iterable[bytes]:
        current = self._session(environ, secret)
        if current is None:
            return self._signed_out(start_response)
        form = _form(environ)
        if not service.csrf_matches(current, form.get("csrf", [None])[0]):
            return self._message(start_response, "403 Forbidden", texts.CSRF_TITLE, texts.CSRF)
        with session_scope(self.sessions) as session:
            service.sign_out(session, link_id=current.link_id, now=self.clock())
        return self._message(
            start_response,
            "200 OK",
            texts.LOGGED_OUT_TITLE,
            texts.LOGGED_OUT,
            get_a_link=True,
            headers=[self._cookie("", max_age=None)],
        )

    def _session(self, environ: dict[str, Any], secret: str) -> service.DashboardSession | None:
        """The session the cookie carries: signed with our key, younger than 12 hours, not signed out."""
        try:
            morsel = SimpleCookie(environ.get("HTTP_COOKIE", "")).get(COOKIE)
        except CookieError:
            return None
        current = service.read_session(secret, morsel.value if morsel else None, now=self.clock())
        if current is None:
            return None
        with session_scope(self.sessions) as session:
            return current if service.is_signed_in(session, link_id=current.link_id) else None

    def _signed_out(self, start_response: StartResponse) -> Iterable[bytes]:
        return self._message(
            start_response,
            "401 Unauthorized",
            texts.SIGNED_OUT_TITLE,
            texts.SIGNED_OUT,
            get_a_link=True,
            headers=[self._cookie("", max_age=None)],
        )

    def _not_admin(self, start_response: StartResponse) -> Iterable[bytes]:
        """Refused, the cookie kept: asked again at the next request (Slack may just have failed to reply)."""
        return self._message(start_response, "403 Forbidden", texts.NOT_ADMIN_TITLE, texts.NOT_ADMIN)

    def _message(
        self,
        start_response: StartResponse,
        status: str,
        title: str,
        text: str,
        *,
        get_a_link: bool = False,
        headers: Headers | None = None,
    ) -> Iterable[bytes]:
        body = self.pages.get_template("message.html").render(
            texts=texts, title=title, text=text, get_a_link=get_a_link
        )
        return _respond(start_response, status, body.encode(), HTML, headers)

    def _cookie(self, value: str, *, max_age: timedelta | None) -> tuple[str, str]:
        """The session cookie, or with `max_age=None` the header that removes it."""
        seconds = int(max_age.total_seconds()) if max_age is not None else 0
        attributes = [f"{COOKIE}={value}", f"Path={PREFIX}", f"Max-Age={seconds}", "HttpOnly", "SameSite=Lax"]
        if self.secure:
            attributes.append("Secure")
        return ("Set-Cookie", "; ".join(attributes))


def _form(environ: dict[str, Any]) -> dict[str, list[str]]:
    try:
        length = min(int(environ.get("CONTENT_LENGTH") or 0), FORM_MAX)
    except ValueError:
        length = 0
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    return parse_qs(raw.decode("utf-8", errors="replace"))


def _respond(
    start_response: StartResponse,
    status: str,
    body: bytes | Iterable[bytes],
    content_type: str,
    headers: Headers | None = None,
) -> Iterable[bytes]:
    """The response with the headers every /admin response carries; a body of chunks is sent as they come,
    with no length known ahead (HTTP/1.1 sends them chunked)."""
    length = [("Content-Length", str(len(body)))] if isinstance(body, bytes) else []
    start_response(status, [("Content-Type", content_type), *length, *SECURITY_HEADERS, *(headers or [])])
    return [body] if isinstance(body, bytes) else body
