"""Dashboard sessions: every page checks the signed cookie and that its admin still is one; sessions end
after 12 hours; sign-out needs the form's CSRF token; nothing under /admin is cached, framed or sent as a
Referer."""

from collections.abc import Iterator
from typing import Any

import pytest
from itsdangerous import URLSafeSerializer
from sqlalchemy import Engine

from bot.dashboard import service
from bot.db import SessionFactory
from tests.conftest import NOW
from tests.e2e.conftest import Clock
from tests.e2e.dashboard import SECRET_KEY, Browser, DashboardBot, dashboard_bot
from tests.fakeslack import FakeSlack

SIGN_IN_AGAIN = "Type /kindred dashboard in Slack to get a new sign-in link."


@pytest.fixture
def dash(
    fake_slack: FakeSlack, engine: Engine, sessions: SessionFactory, database_url: str
) -> Iterator[DashboardBot]:
    with dashboard_bot(fake_slack, engine, sessions, database_url) as bot:
        yield bot


def test_without_a_session_every_page_gets_401_and_says_how_to_sign_in(dash: DashboardBot) -> None:
    for path in ("/admin", "/admin/"):
        page = dash.browser().get(path)
        assert page.status == 401
        assert SIGN_IN_AGAIN in page.text
    assert dash.browser().post("/admin/logout", {"csrf": "x"}).status == 401


@pytest.mark.parametrize(
    "forge",
    [
        lambda real: real[:-2] + ("AA" if not real.endswith("AA") else "BB"),  # the signature tampered with
        lambda real: real.replace(real.split(".")[0], real.split(".")[0][::-1]),  # the payload tampered with
        lambda _real: URLSafeSerializer(
            "another-key-that-is-32-characters-long", salt=service.SESSION_SALT
        ).dumps(
            {"team": "T0FAKE", "user": "U0ALICE", "link": 1, "issued": int(NOW.timestamp()), "csrf": "c"}
        ),  # signed with another key
        lambda _real: URLSafeSerializer(SECRET_KEY, salt="another salt").dumps(
            {"team": "T0FAKE", "user": "U0ALICE", "link": 1, "issued": int(NOW.timestamp()), "csrf": "c"}
        ),  # signed with our key for something else
        lambda _real: URLSafeSerializer(SECRET_KEY, salt=service.SESSION_SALT).dumps(
            ["U0ALICE"]
        ),  # wrong shape
        lambda _real: "garbage",
        lambda _real: '"quoted;stuff"',
    ],
)
def test_a_forged_or_tampered_cookie_gets_401(dash: DashboardBot, forge) -> None:
    real = dash.signed_in()
    assert real.cookie is not None
    forged = Browser(dash.url, cookie=forge(real.cookie))
    page = forged.get("/admin")
    assert page.status == 401
    assert SIGN_IN_AGAIN in page.text
    assert forged.cookie is None  # the bad cookie is removed
    assert real.get("/admin").status == 200


def test_a_session_ends_after_12_hours(dash: DashboardBot) -> None:
    browser = dash.signed_in()
    dash.bot.clock.advance(hours=11, minutes=59)
    assert browser.get("/admin").status == 200
    dash.bot.clock.advance(minutes=1)
    page = browser.get("/admin")
    assert page.status == 401
    assert SIGN_IN_AGAIN in page.text


def test_a_slack_admin_who_stops_being_one_loses_access_at_the_next_request(dash: DashboardBot) -> None:
    dash.bot.fake.add_user("U0ADA", name="ada", real_name="Ada Admin", is_admin=True)
    browser = dash.signed_in("U0ADA")
    assert browser.get("/admin").status == 200
    dash.bot.fake.add_user("U0ADA", name="ada", real_name="Ada Admin", is_admin=False)
    page = browser.get("/admin")
    assert page.status == 403
    assert "The dashboard is for admins" in page.text
    assert "Overview" not in page.text
    dash.bot.fake.add_user("U0ADA", name="ada", real_name="Ada Admin", is_owner=True)
    assert browser.get("/admin").status == 200  # asked again at every request, both ways


@pytest.mark.parametrize("failure", [{"error": "fatal_error"}, {"status": 503}, {"error": "ratelimited"}])
def test_when_slack_cannot_say_whether_someone_is_an_admin_the_page_says_so_and_the_session_stays(
    dash: DashboardBot, failure: dict[str, Any]
) -> None:
    dash.bot.fake.add_user("U0ADA", name="ada", real_name="Ada Admin", is_admin=True)
    browser = dash.signed_in("U0ADA")
    dash.bot.fake.fail_next("users.info", times=10, **failure)  # more than the client's retries
    page = browser.get("/admin/people")
    assert page.status == 503
    assert "Slack did not answer" in page.text
    assert "please reload the page in a minute" in page.text
    assert "not a Kindred admin" not in page.text
    assert page.cookies() == []  # the session is kept
    dash.bot.fake.reset()
    assert browser.get("/admin/people").status == 200


def test_someone_slack_no_longer_knows_is_refused(dash: DashboardBot) -> None:
    dash.bot.fake.add_user("U0ADA", name="ada", real_name="Ada Admin", is_admin=True)
    browser = dash.signed_in("U0ADA")
    dash.bot.fake.fail_next("users.info", error="user_not_found")
    assert browser.get("/admin").status == 403


def test_a_deactivated_admin_loses_access(dash: DashboardBot) -> None:
    dash.bot.fake.add_user("U0ADA", name="ada", real_name="Ada Admin", is_admin=True)
    browser = dash.signed_in("U0ADA")
    dash.bot.fake.add_user("U0ADA", name="ada", real_name="Ada Admin", is_admin=True, deleted=True)
    assert browser.get("/admin").status == 403


def test_someone_removed_from_kindred_admins_is_refused_at_the_next_request(
    fake_slack: FakeSlack, engine: Engine, sessions: SessionFactory, database_url: str
) -> None:
    clock = Clock(NOW)
    with dashboard_bot(fake_slack, engine, sessions, database_url, clock=clock) as dash:
        browser = dash.signed_in()
        link = dash.link("U0ALICE")  # asked for before the change, used after it
        assert browser.get("/admin").status == 200
    # Kindred restarted with KINDRED_ADMINS changed; Alice is no Slack admin
    with dashboard_bot(
        fake_slack, engine, sessions, database_url, clock=clock, KINDRED_ADMINS="U0BOB"
    ) as dash:
        browser.url = dash.url
        page = browser.get("/admin")
        assert page.status == 403
        assert "The dashboard is for admins" in page.text
        assert dash.browser().open_link(link).status == 403


def test_signing_out_needs_the_forms_csrf_token(dash: DashboardBot) -> None:
    browser = dash.signed_in()
    other = dash.signed_in()
    token = browser.csrf()

    assert browser.post("/admin/logout", {}).status == 403
    wrong = browser.post("/admin/logout", {"csrf": other.csrf()})
    assert wrong.status == 403
    assert "That form has expired" in wrong.text
    assert browser.get("/admin").status == 200  # still signed in

    copied = Browser(dash.url, cookie=browser.cookie)
    out = browser.post("/admin/logout", {"csrf": token})
    assert out.status == 200
    assert "You are signed out" in out.text
    assert out.cookies() == ["kindred_admin=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Lax"]
    assert browser.get("/admin").status == 401
    assert copied.get("/admin").status == 401  # signed out on the server, not only in this browser
    assert other.get("/admin").status == 200


def test_nothing_under_admin_is_cached_framed_or_sent_as_a_referer(dash: DashboardBot) -> None:
    browser = dash.signed_in()
    token = browser.csrf()
    pages = [
        *browser.pages,
        dash.browser().get("/admin"),
        dash.browser().get("/admin/login?token=nope"),
        browser.get("/admin/nothing-here"),
        browser.get("/admin/static/style.css"),
        browser.post("/admin", {}),
        browser.post("/admin/logout", {}),
        browser.post("/admin/logout", {"csrf": token}),
    ]
    assert {page.status for page in pages} == {200, 303, 401, 403, 404}
    for page in pages:
        assert page.headers["Cache-Control"] == "no-store"
        assert page.headers["X-Frame-Options"] == "DENY"
        assert page.headers["Referrer-Policy"] == "no-referrer"
        assert "default-src 'self'" in page.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert "text/css" in pages[-4].headers["Content-Type"]
    assert all(
        '<link rel="stylesheet" href="/admin/static/style.css">' in page.text
        for page in pages
        if page.status == 200 and "html" in page.headers["Content-Type"]
    )


def test_without_a_secret_key_the_pages_say_what_to_set(
    fake_slack: FakeSlack, engine: Engine, sessions: SessionFactory, database_url: str
) -> None:
    with dashboard_bot(fake_slack, engine, sessions, database_url, KINDRED_SECRET_KEY="") as dash:
        for path in ("/admin", "/admin/login?token=x"):
            page = dash.browser().get(path)
            assert page.status == 503
            assert "Set KINDRED_SECRET_KEY" in page.text
            assert page.headers["Cache-Control"] == "no-store"


def test_the_vendored_libraries_are_served_and_nothing_outside_the_static_folder(dash: DashboardBot) -> None:
    browser = dash.browser()
    for script in ("vendor/uplot/uPlot.iife.min.js", "vendor/cytoscape/cytoscape.min.js"):
        served = browser.get(f"/admin/static/{script}")
        assert served.status == 200, script
        assert served.headers["Content-Type"].startswith("text/javascript")
        assert len(served.text) > 10_000
    for elsewhere in (
        "/admin/static/../web.py",
        "/admin/static/%2e%2e/web.py",
        "/admin/static/vendor/uplot/LICENSE",
        "/admin/static/vendor/README.md",
        "/admin/static/",
    ):
        assert browser.get(elsewhere).status == 404, elsewhere
