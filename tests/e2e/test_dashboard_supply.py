"""The dashboard's Supply and demand page and its downloads, over real HTTP: offers and needs by theme as
bars and as a table, the needs no offer answers with who asked and how long they have waited; a private need
counted in every number and found in no page, no download and no hover text."""

import csv
import io
import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine

from bot.dashboard.pages import PAGES
from bot.db import SessionFactory, session_scope
from bot.members import Identity, ensure_member
from bot.models import Member
from tests.conftest import NOW
from tests.e2e.community import seed
from tests.e2e.conftest import Clock
from tests.e2e.dashboard import DashboardBot, dashboard_bot
from tests.factories import make_need
from tests.fakeslack import FakeSlack

LATER = NOW + timedelta(days=9)
SECRET_WORD = "Zanzibarquill"  # in a private need, and nowhere else
SECRET_OWNER = "Ottoline Vexworth"  # who wrote it: she asked for nothing else


@pytest.fixture
def dash(
    fake_slack: FakeSlack, engine: Engine, sessions: SessionFactory, database_url: str
) -> Iterator[DashboardBot]:
    with dashboard_bot(fake_slack, engine, sessions, database_url, clock=Clock(LATER)) as bot:
        yield bot


def _community(dash: DashboardBot) -> None:
    """Alice needs SEO (Bob offers it) and, privately, help with burnout; Carol needs tax help nobody
    offers; Ottoline privately needs something with a word nobody else uses."""
    ids = seed(dash.bot)
    with session_scope(dash.bot.sessions) as session:
        carol = session.get_one(Member, ids["U0CAROL"])
        make_need(session, carol, "Help with my first tax return as a freelancer", skills=["tax"])
        ottoline, _ = ensure_member(session, who=Identity("T0FAKE", "U0OTTOLINE", SECRET_OWNER), now=NOW)
        make_need(session, ottoline, f"{SECRET_WORD} lute repairs", skills=["tax"], visibility="private")


def _rows(page: str, after: str) -> list[str]:
    """The rows of the first table after `after`, as their words."""
    body = page.split(after, 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_offers_and_needs_by_theme_and_the_needs_no_offer_answers(dash: DashboardBot) -> None:
    _community(dash)
    browser = dash.signed_in()
    page = browser.get("/admin/supply")
    assert page.status == 200
    assert '<a href="/admin/supply" aria-current="page">Supply &amp; demand</a>' in page.text
    themes = _rows(page.text, "<h2>By theme</h2>")
    # theme, offers, needs, gaps, median and longest wait: Carol's and Ottoline's tax needs wait 9 days
    assert themes[0] == "Business &amp; finance 0 2 2 9 9"
    assert "Marketing 1 1 0 — —" in themes  # Bob's SEO answers Alice's need
    assert "Design 1 0 0 — —" in themes
    assert 'id="supply-chart"' in page.text  # the bars, drawn as SVG
    assert page.text.count('class="bar gaps"') == 2  # Business & finance; Career & coaching (Alice's burnout)

    gaps = _rows(page.text, 'id="gaps"')
    assert gaps == [
        "Help with my first tax return as a freelancer Business &amp; finance Carol Chen 23 Nov 2026 9"
    ]
    assert 'href="slack://user?team=T0FAKE&amp;id=U0CAROL">Carol Chen</a>' in page.text
    assert "2 private needs are in these gaps too" in page.text

    download = browser.get("/admin/supply.csv")
    assert download.status == 200
    assert download.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert download.headers["Content-Disposition"].startswith('attachment; filename="kindred-gaps-')
    assert download.headers["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert [(row["need"], row["asked_by"], row["user_id"], row["days_waiting"]) for row in rows] == [
        ("Help with my first tax return as a freelancer", "Carol Chen", "U0CAROL", "9")
    ]
    by_theme = list(csv.DictReader(io.StringIO(browser.get("/admin/supply-themes.csv").text)))
    assert {"name": "Business & finance", "needs": "2", "gaps": "2"}.items() <= by_theme[0].items()


def test_a_private_need_counts_in_the_totals_and_is_in_no_page_and_no_download(dash: DashboardBot) -> None:
    _community(dash)
    browser = dash.signed_in()
    page = browser.get("/admin/supply").text
    assert "open needs, 2 of them private" in page  # Alice's and Ottoline's
    assert '<span class="number">4</span><span class="label">open needs' in page
    assert '<span class="number">3</span><span class="label">needs no offer answers' in page
    for path in [*PAGES, "/admin/intros?state=met"]:
        shown = browser.get(path)
        assert shown.status == 200, path
        assert SECRET_WORD not in shown.text, path
        assert "Burnout" not in shown.text, path  # Alice's private need
        if "supply" in path:  # where needs are shown (elsewhere Ottoline is a member like any other)
            assert "Ottoline" not in shown.text, path
            assert "U0OTTOLINE" not in shown.text, path


def test_the_page_and_its_downloads_are_for_a_signed_in_admin_only(dash: DashboardBot) -> None:
    _community(dash)
    stranger = dash.browser()
    for path in ("/admin/supply", "/admin/supply.csv", "/admin/supply-themes.csv"):
        refused = stranger.get(path)
        assert refused.status == 401, path
        assert "Carol" not in refused.text
