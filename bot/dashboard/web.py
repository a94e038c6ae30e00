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

from bot.config import Settings
from bot.dashboard import service, texts
from bot.dashboard.filters import filters
from bot.dashboard.picture import svg_of
from bot.db import SessionFactory, session_scope
from bot.digest import service as digest
from bot.slack.surfaces import is_listed_or_slack_admin
from bot.stats import service as stats

log = logging.getLogger(__name__)

PREFIX = "/admin"
COOKIE = "kindred_admin"
FORM_MAX = 10_000  # bytes of a POSTed form read at most
HERE = Path(__file__).parent
STATIC = {"/admin/static/style.css": ("style.css", "text/css; charset=utf-8")}
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
TABLES = {  # path → (page, as CSV)
    f"{PREFIX}/people": ("people", False),
    f"{PREFIX}/people.csv": ("people", True),
    f"{PREFIX}/intros": ("intros", False),
    f"{PREFIX}/intros.csv": ("intros", True),
}
ROWS_SHOWN = 500  # rows of a table on its page at most; its CSV has them all
StartResponse = Callable[..., Any]
Headers = list[tuple[str, str]]


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
        if path in STATIC and method in ("GET", "HEAD"):
            name, content_type = STATIC[path]
            return _respond(start_response, "200 OK", (HERE / "static" / name).read_bytes(), content_type)
        if self.settings.secret_key is None:
            return self._message(
                start_response, "503 Service Unavailable", texts.NOT_SET_UP_TITLE, texts.NOT_SET_UP
            )
        secret = self.settings.secret_key.get_secret_value()
        if path == f"{PREFIX}/login" and method == "GET":
            return self._login(environ, start_response, secret)
        if path in (PREFIX, f"{PREFIX}/") and method in ("GET", "HEAD"):
            return self._overview(environ, start_response, secret)
        if path == f"{PREFIX}/network" and method in ("GET", "HEAD"):
            return self._network(environ, start_response, secret)
        if path in TABLES and method in ("GET", "HEAD"):
            return self._table(environ, start_response, secret, path)
        if path == f"{PREFIX}/logout" and method == "POST":
            return self._logout(environ, start_response, secret)
        return self._message(start_response, "404 Not Found", texts.NOT_FOUND_TITLE, texts.NOT_FOUND)

    def _login(self, environ: dict[str, Any], start_response: StartResponse, secret: str) -> Iterable[bytes]:
        token = parse_qs(environ.get("QUERY_STRING", "")).get("token", [""])[0]
        now = self.clock()
        with session_scope(self.sessions) as session:
            signed_in = service.use_link(session, token=token, now=now)
        if signed_in is None:
            return self._message(
                start_response,
                "401 Unauthorized",
                texts.LINK_REFUSED_TITLE,
                texts.LINK_REFUSED,
                get_a_link=True,
            )
        if not self._still_admin(signed_in.admin):
            return self._not_admin(start_response)
        opened = service.open_session(secret, signed_in, now=now)
        cookie = self._cookie(opened, max_age=service.SESSION_LIFETIME)
        log.info("dashboard: %s signed in", signed_in.admin.user_id)
        return _respond(start_response, "303 See Other", b"", "text/plain", [("Location", PREFIX), cookie])

    def _overview(
        self, environ: dict[str, Any], start_response: StartResponse, secret: str
    ) -> Iterable[bytes]:
        current = self._admin(environ, start_response, secret)
        if not isinstance(current, service.DashboardSession):
            return current  # the page that says why not
        with session_scope(self.sessions) as session:
            numbers = stats.overview(session, team_id=current.admin.team_id)
        body = self.pages.get_template("overview.html").render(
            texts=texts,
            overview=numbers,
            csrf=current.csrf,
            percent=_percent,
            days=_days,
            page="overview",
        )
        return _respond(start_response, "200 OK", body.encode(), "text/html; charset=utf-8")

    def _table(
        self, environ: dict[str, Any], start_response: StartResponse, secret: str, path: str
    ) -> Iterable[bytes]:
        """People or Intros, as a page or (`….csv`) as the same rows in CSV."""
        current = self._admin(environ, start_response, secret)
        if not isinstance(current, service.DashboardSession):
            return current  # the page that says why not
        name, as_csv = TABLES[path]
        query = parse_qs(environ.get("QUERY_STRING", ""))
        team_id = current.admin.team_id
        with session_scope(self.sessions) as session:
            if name == "people":
                rows: list[Any] = stats.left_out(session, team_id=team_id, now=self.clock())
                row_type: type = stats.PersonRow
            else:
                chosen = filters(query)
                states, since, until = chosen.states, chosen.since, chosen.until
                rows = stats.intro_rows(
                    session,
                    team_id=team_id,
                    states=states,
                    since=since,
                    until=until,
                    limit=None if as_csv else ROWS_SHOWN,
                )
                total = stats.count_intros(session, team_id=team_id, states=states, since=since, until=until)
                row_type = stats.IntroRow
        if as_csv:
            filename = f"kindred-{name}-{self.clock().date().isoformat()}.csv"
            disposition = ("Content-Disposition", f'attachment; filename="{filename}"')
            body = stats.to_csv(rows, row_type).encode()
            return _respond(start_response, "200 OK", body, "text/csv; charset=utf-8", [disposition])
        context: dict[str, Any] = {"texts": texts, "csrf": current.csrf, "page": name, "shown": ROWS_SHOWN}
        if name == "people":
            context |= {"why": stats.WHY, "rows": rows[:ROWS_SHOWN], "total": len(rows)}
        else:
            context |= {
                "rows": rows,
                "total": total,
                "filters": chosen,
                "states": stats.STATES,
                "csv": f"{PREFIX}/intros.csv?{chosen.query()}",
            }
        html = self.pages.get_template(f"{name}.html").render(**context)
        return _respond(start_response, "200 OK", html.encode(), "text/html; charset=utf-8")

    def _network(
        self, environ: dict[str, Any], start_response: StartResponse, secret: str
    ) -> Iterable[bytes]:
        """The picture of who Kindred introduced: computed once a digest period, then read back."""
        current = self._admin(environ, start_response, secret)
        if not isinstance(current, service.DashboardSession):
            return current
        search = parse_qs(environ.get("QUERY_STRING", "")).get("q", [""])[0][:100]
        now = self.clock()
        period = digest.DigestRules.from_settings(self.settings).period(now).key
        with session_scope(self.sessions) as session:
            picture = stats.network_picture(
                session, team_id=current.admin.team_id, period=period, now=now, search=search
            )
        html = self.pages.get_template("network.html").render(
            texts=texts,
            csrf=current.csrf,
            page="network",
            picture=picture,
            search=search,
            svg=svg_of(picture),
        )
        return _respond(start_response, "200 OK", html.encode(), "text/html; charset=utf-8")

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

    def _admin(
        self, environ: dict[str, Any], start_response: StartResponse, secret: str
    ) -> service.DashboardSession | Iterable[bytes]:
        """The session of an admin who still is one, or the page refusing the request."""
        current = self._session(environ, secret)
        if current is None:
            return self._signed_out(start_response)
        if not self._still_admin(current.admin):
            return self._not_admin(start_response)
        return current

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

    def _still_admin(self, admin: service.Admin) -> bool:
        return is_listed_or_slack_admin(self.client, self.settings.admins, user_id=admin.user_id)

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
        return _respond(start_response, status, body.encode(), "text/html; charset=utf-8", headers)

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


def _days(median: float | None) -> str:
    return "—" if median is None else f"{median:g}"


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def _respond(
    start_response: StartResponse, status: str, body: bytes, content_type: str, headers: Headers | None = None
) -> list[bytes]:
    start_response(
        status,
        [
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            *SECURITY_HEADERS,
            *(headers or []),
        ],
    )
    return [body]
