"""A real browser against the real dashboard: Debian's Chromium, driven by Playwright for Python (its wheel
carries the driver; no browser is ever downloaded), one browser for a test module, and the dashboard served
over HTTP on a free port against the fake Slack, with a community that fills every page."""

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, sync_playwright

from bot.db import make_engine, make_session_factory
from tests.browser.community import TEAM, Planted, plant
from tests.conftest import NOW
from tests.e2e.conftest import BOT_TOKEN, USERS, Clock
from tests.e2e.dashboard import DashboardBot, dashboard_bot
from tests.fakeslack import FakeSlack

MISSING = (
    "Debian's Chromium is not installed, and the browser tests need it: run `.ci/chromium` (it installs "
    "Debian's chromium package, with sudo unless you are root; `.ci/run` does this itself)."
)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Headless Chromium from the system's packages (never one Playwright would download)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(MISSING, pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        yield browser
        browser.close()


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    """Where screenshots go: KINDRED_SCREENSHOTS if set (`KINDRED_SCREENSHOTS=docs` renews the README's),
    else the test's own temporary folder."""
    folder = Path(os.environ.get("KINDRED_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class Site:
    dash: DashboardBot
    planted: Planted

    @property
    def url(self) -> str:
        return self.dash.url

    def sign_in_link(self) -> str:
        """The link an admin gets from `/kindred dashboard` in Slack, pointed at this server."""
        link = urlsplit(self.dash.link("U0ALICE"))
        return f"{self.url}{link.path}?{link.query}"


@pytest.fixture
def site(tmp_path: Path, sqlite_template: Path) -> Iterator[Site]:
    """The bot and its dashboard on a free port, on SQLite (the pages' queries run on PostgreSQL too in
    tests/e2e), with the browser tests' community planted."""
    database = tmp_path / "kindred.db"
    shutil.copy(sqlite_template, database)
    url = f"sqlite:///{database}"
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    planted = plant(sessions, now=NOW)
    with FakeSlack(token=BOT_TOKEN, team_id=TEAM) as fake:
        for user_id, (name, real_name, tz) in USERS.items():
            fake.add_user(user_id, name=name, real_name=real_name, tz=tz)
        with dashboard_bot(fake, engine, sessions, url, clock=Clock(NOW)) as dash:
            yield Site(dash, planted)
    engine.dispose()
