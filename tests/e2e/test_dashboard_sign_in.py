"""/kindred dashboard and the one-time sign-in link: an admin's link signs in once, within ten minutes,
as the admin who asked for it; anything else gets 401 and a page saying how to get a new link."""

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from bot.dashboard import service
from bot.db import SessionFactory
from bot.models import DashboardLink
from tests.conftest import NOW
from tests.e2e.conftest import text_of
from tests.e2e.dashboard import SECRET_KEY, DashboardBot, dashboard_bot
from tests.fakeslack import FakeSlack

GET_A_NEW_LINK = "Type /kindred dashboard in Slack to get a new sign-in link."


@pytest.fixture
def dash(
    fake_slack: FakeSlack, engine: Engine, sessions: SessionFactory, database_url: str
) -> Iterator[DashboardBot]:
    with dashboard_bot(fake_slack, engine, sessions, database_url, KINDRED_ADMINS="U0ALICE,U0BOB") as bot:
        yield bot


def test_an_admins_link_signs_in_once_with_a_session_cookie(dash: DashboardBot) -> None:
    reply = dash.ask("U0ALICE")
    assert "works once, for the next 10 minutes" in reply["text"] + text_of(reply["blocks"])
    link = reply["blocks"][0]["accessory"]["url"]
    [stored] = dash.bot.rows(DashboardLink)
    assert link.split("token=")[1] not in text_of(stored.model_dump(mode="json"))  # only its hash is kept

    browser = dash.browser()
    signed_in = browser.open_link(link)
    assert signed_in.status == 303
    assert signed_in.headers["Location"] == "/admin"
    [cookie] = signed_in.cookies()
    attributes = {part.strip().split("=")[0] for part in cookie.split(";")[1:]}
    assert attributes == {"Path", "Max-Age", "HttpOnly", "SameSite"}  # not Secure: the public URL is http
    assert "Path=/admin" in cookie
    assert "Max-Age=43200" in cookie
    assert "SameSite=Lax" in cookie
    overview = browser.get("/admin")
    assert overview.status == 200
    assert "Overview" in overview.text

    replayed = dash.browser().open_link(link)
    assert replayed.status == 401
    assert GET_A_NEW_LINK in replayed.text
    assert replayed.cookies() == []
    assert browser.get("/admin").status == 200  # the first browser stays signed in


def test_opening_a_link_only_asks_to_sign_in_so_a_link_scanner_uses_nothing_up(dash: DashboardBot) -> None:
    link = dash.link("U0ALICE")
    scanner = dash.browser()
    for _ in range(3):  # a mail or chat scanner, a preview, the admin's own browser prefetching
        asked = scanner.visit_link(link)
        assert asked.status == 200
        assert "Sign in to the Kindred dashboard" in asked.text
        assert 'method="post" action="/admin/login"' in asked.text
        assert asked.cookies() == []
    assert scanner.get("/admin").status == 401
    [stored] = dash.bot.rows(DashboardLink)
    assert stored.used_at is None

    admin = dash.browser()
    assert admin.open_link(link).status == 303
    assert admin.get("/admin").status == 200
    used = dash.browser().visit_link(link)
    assert used.status == 401  # once used, opening it says so at once
    assert GET_A_NEW_LINK in used.text


def test_signing_in_without_the_links_token_gets_401(dash: DashboardBot) -> None:
    dash.link("U0ALICE")
    for form in ({}, {"token": ""}, {"token": "x" * 5000}):
        refused = dash.browser().post("/admin/login", form)
        assert refused.status == 401
        assert refused.cookies() == []


def test_a_link_ten_minutes_old_has_expired(dash: DashboardBot) -> None:
    link = dash.link("U0ALICE")
    dash.bot.clock.advance(minutes=10)
    expired = dash.browser().open_link(link)
    assert expired.status == 401
    assert GET_A_NEW_LINK in expired.text
    assert dash.browser().get("/admin").status == 401


def test_a_link_nine_minutes_old_still_works(dash: DashboardBot) -> None:
    link = dash.link("U0ALICE")
    dash.bot.clock.advance(minutes=9, seconds=59)
    assert dash.browser().open_link(link).status == 303


@pytest.mark.parametrize(
    "token",
    ["", "made-up-token-of-the-right-length-000000000", "x" * 5000, "%00%ff'\"<script>"],
)
def test_a_forged_or_garbled_link_gets_401(dash: DashboardBot, token: str) -> None:
    page = dash.browser().get(f"/admin/login?token={token}")
    assert page.status == 401
    assert GET_A_NEW_LINK in page.text
    assert "<script>" not in page.text
    assert page.cookies() == []


def test_a_link_with_its_token_changed_gets_401_and_the_real_one_still_works(dash: DashboardBot) -> None:
    link = dash.link("U0ALICE")
    assert dash.browser().open_link(link[:-1] + ("A" if link[-1] != "A" else "B")).status == 401
    assert dash.browser().open_link(link + "x").status == 401
    assert dash.browser().open_link(link).status == 303


def test_a_link_opened_where_another_admin_is_signed_in_signs_in_its_owner_only(dash: DashboardBot) -> None:
    browser = dash.browser()
    assert browser.open_link(dash.link("U0BOB")).status == 303
    bob = service.read_session(SECRET_KEY, browser.cookie, now=NOW)
    assert bob is not None
    assert bob.admin.user_id == "U0BOB"

    assert browser.open_link(dash.link("U0ALICE")).status == 303
    alice = service.read_session(SECRET_KEY, browser.cookie, now=NOW)
    assert alice is not None
    assert alice.admin == service.Admin("T0FAKE", "U0ALICE")
    assert alice.csrf != bob.csrf


def test_of_two_browsers_racing_with_one_link_only_one_signs_in(dash: DashboardBot) -> None:
    link = dash.link("U0ALICE")
    browsers = [dash.browser() for _ in range(6)]
    start = threading.Barrier(len(browsers))
    statuses: list[int] = []

    def use(browser) -> None:
        start.wait()
        statuses.append(browser.open_link(link).status)

    threads = [threading.Thread(target=use, args=(browser,)) for browser in browsers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [303, 401, 401, 401, 401, 401]


def test_a_member_who_is_not_an_admin_is_told_kindly(dash: DashboardBot) -> None:
    reply = dash.ask("U0MALLORY")
    assert "The dashboard is for Kindred admins" in reply["text"]
    assert "/admin/login" not in text_of(reply)
    assert dash.bot.rows(DashboardLink) == []


def test_a_workspace_admin_gets_a_link_too(dash: DashboardBot) -> None:
    dash.bot.fake.add_user("U0OWNER", name="olga", real_name="Olga Owner", is_owner=True)
    assert dash.browser().open_link(dash.link("U0OWNER")).status == 303


def test_a_https_public_url_makes_the_cookie_secure(
    fake_slack: FakeSlack, engine: Engine, sessions: SessionFactory, database_url: str
) -> None:
    with dashboard_bot(
        fake_slack, engine, sessions, database_url, KINDRED_PUBLIC_URL="https://kindred.example.org/"
    ) as dash:
        link = dash.link("U0ALICE")
        assert link.startswith("https://kindred.example.org/admin/login?token=")
        [cookie] = dash.browser().open_link(link).cookies()
        assert "; Secure" in cookie


@pytest.mark.parametrize(
    ("unset", "named"),
    [
        ({"KINDRED_SECRET_KEY": ""}, "`KINDRED_SECRET_KEY`"),
        ({"KINDRED_PUBLIC_URL": ""}, "`KINDRED_PUBLIC_URL`"),
        (
            {"KINDRED_SECRET_KEY": "", "KINDRED_PUBLIC_URL": ""},
            "`KINDRED_PUBLIC_URL` and `KINDRED_SECRET_KEY`",
        ),
    ],
)
def test_without_the_settings_the_reply_says_what_to_set(
    fake_slack: FakeSlack,
    engine: Engine,
    sessions: SessionFactory,
    database_url: str,
    unset: dict[str, str],
    named: str,
) -> None:
    with dashboard_bot(fake_slack, engine, sessions, database_url, **unset) as dash:
        reply = dash.ask("U0ALICE")
        assert f"The dashboard is not set up yet: set {named} where Kindred runs" in reply["text"]
        assert "/admin/login" not in text_of(reply)
        assert dash.bot.rows(DashboardLink) == []
