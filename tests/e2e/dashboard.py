"""The bot with its dashboard, over real HTTP on a free port, and a small browser that keeps one cookie
and never follows redirects, so tests see every status and header."""

import html
import http.client
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import urlencode, urlsplit

from sqlalchemy import Engine

from bot.app import create_app
from bot.config import load_settings
from bot.dashboard.web import COOKIE, Dashboard
from bot.db import SessionFactory
from bot.slack.client import build_client
from bot.web import serve, wsgi_app
from tests.conftest import NOW
from tests.e2e.conftest import BOT_TOKEN, SIGNING_SECRET, Bot, Clock, CountingExecutor
from tests.e2e.slack_platform import SlackPlatform
from tests.fakeslack import FakeSlack

SECRET_KEY = "a-test-secret-key-of-more-than-32-characters"
PUBLIC_URL = "http://kindred.test"


@dataclass
class Page:
    status: int
    headers: Message
    text: str

    def cookies(self) -> list[str]:
        return self.headers.get_all("Set-Cookie") or []


@dataclass
class Browser:
    """One browser: the dashboard's cookie, as the server last set it."""

    url: str
    cookie: str | None = None
    pages: list[Page] = field(default_factory=list)

    def get(self, path: str) -> Page:
        return self._request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> Page:
        return self._request("POST", path, urlencode(form).encode())

    def open_link(self, link: str) -> Page:
        """A sign-in link from Slack, opened on this server (its host is KINDRED_PUBLIC_URL's), and its
        Sign in button pressed: the answer to that (or the page refusing the link, if it was refused)."""
        confirm = self.visit_link(link)
        if confirm.status != 200:
            return confirm
        found = re.search(r'name="token" value="([^"]*)"', confirm.text)
        assert found, confirm.text
        return self.post("/admin/login", {"token": html.unescape(found.group(1))})

    def visit_link(self, link: str) -> Page:
        """Only open the link (what a link scanner or a preview does): the page asking to sign in."""
        parts = urlsplit(link)
        return self.get(f"{parts.path}?{parts.query}")

    def csrf(self) -> str:
        overview = self.get("/admin")
        assert overview.status == 200
        found = re.search(r'name="csrf" value="([^"]+)"', overview.text)
        assert found
        return found.group(1)

    def _request(self, method: str, path: str, body: bytes | None = None) -> Page:
        where = urlsplit(self.url)
        connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=10)
        headers = {"Cookie": f"{COOKIE}={self.cookie}"} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            page = Page(response.status, response.headers, response.read().decode())
        finally:
            connection.close()
        for set_cookie in page.cookies():
            value = set_cookie.split(";", 1)[0].split("=", 1)[1]
            self.cookie = None if "Max-Age=0" in set_cookie else value
        self.pages.append(page)
        return page


@dataclass
class DashboardBot:
    bot: Bot
    replies: int = 0

    @property
    def url(self) -> str:
        return self.bot.url

    def browser(self) -> Browser:
        return Browser(self.url)

    def signed_in(self, user: str = "U0ALICE") -> Browser:
        """A browser that opened the sign-in link `user` asked for."""
        browser = self.browser()
        assert browser.open_link(self.link(user)).status == 303
        return browser

    def ask(self, user: str) -> dict[str, Any]:
        """`/kindred dashboard` typed by `user`: the ephemeral reply."""
        self.bot.slack.command("/kindred", "dashboard", user=user)
        self.replies += 1
        reply = self.bot.fake.wait_for("response_url", count=self.replies)[self.replies - 1].args
        assert reply["response_type"] == "ephemeral"
        return reply

    def link(self, user: str = "U0ALICE") -> str:
        """The sign-in link `user` gets by asking."""
        reply = self.ask(user)
        button = reply["blocks"][0]["accessory"]
        assert button["url"].startswith(f"{self.bot.settings.public_url}/admin/login?token=")
        return str(button["url"])


@contextmanager
def dashboard_bot(
    fake: FakeSlack,
    engine: Engine,
    sessions: SessionFactory,
    database_url: str,
    *,
    clock: Clock | None = None,
    **settings: str,
) -> Iterator[DashboardBot]:
    """The bot over signed HTTP with its dashboard; `settings` (by variable name) add to or replace the
    dashboard's (KINDRED_ADMINS=U0ALICE, a public URL and a secret key)."""
    settings = {
        "KINDRED_ADMINS": "U0ALICE",
        "KINDRED_PUBLIC_URL": PUBLIC_URL,
        "KINDRED_SECRET_KEY": SECRET_KEY,
        **settings,
    }
    loaded = load_settings(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake.api_url,
        DATABASE_URL=database_url,
        KINDRED_SLACK_MESSAGES_PER_SECOND="100",
        **{name: value for name, value in settings.items() if value},
    )
    clock = clock or Clock(NOW)
    executor = CountingExecutor()
    client = build_client(loaded)
    app = create_app(loaded, client, sessions, clock=clock, listener_executor=executor)
    dashboard = Dashboard(loaded, client, sessions, clock=clock)
    server = serve(wsgi_app(app, engine, dashboard=dashboard), host="127.0.0.1", port=0, threads=8)
    url = f"http://127.0.0.1:{server.port}"
    platform = SlackPlatform(url=url, secret=SIGNING_SECRET, fake=fake)
    try:
        yield DashboardBot(Bot(url, platform, fake, sessions, loaded, executor, clock))
    finally:
        server.stop()
        executor.shutdown(wait=True)
