"""The dashboard's Overview: the community's numbers for a community manager's Monday. A private need
counts in the totals and nothing else of it shows."""

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.db import SessionFactory, session_scope
from bot.digest.service import store_suggestions
from bot.intros import service as intros
from bot.intros.service import IntroRules
from bot.matching.model import Kind
from bot.models import (
    DigestRun,
    Intro,
    IntroOrigin,
    IntroStatus,
    Member,
    MemberCount,
    MemberStatus,
)
from tests.conftest import NOW
from tests.e2e.community import seed
from tests.e2e.dashboard import DashboardBot, dashboard_bot
from tests.factories import make_need
from tests.fakeslack import FakeSlack

PRIVATE_NEED = "Burnout, honestly"  # seed's private need


@pytest.fixture
def dash(
    fake_slack: FakeSlack, engine: Engine, sessions: SessionFactory, database_url: str
) -> Iterator[DashboardBot]:
    with dashboard_bot(fake_slack, engine, sessions, database_url) as bot:
        yield bot


def number(page: str, label: str) -> str:
    """The number on the card labelled `label` (or whose label starts with it), or in the table's row."""
    card = re.search(
        rf'class="number">([^<]*)</span><span class="label">{re.escape(label)}(?:[ ,][^<]*)?</span>', page
    )
    row = re.search(rf'<th scope="row">{re.escape(label)}</th><td class="num">([^<]*)</td>', page)
    found = card or row
    assert found, f"no number labelled {label!r}"
    return found.group(1)


def test_the_overview_shows_the_communitys_numbers_and_never_a_private_need(dash: DashboardBot) -> None:
    ids = seed(dash.bot)
    with session_scope(dash.bot.sessions) as session:
        alice, bob, mallory, carol = (
            session.get(Member, ids[user]) for user in ("U0ALICE", "U0BOB", "U0MALLORY", "U0CAROL")
        )
        assert alice
        assert bob
        assert mallory
        assert carol
        make_need(session, carol, "Someone to talk through my pricing", skills=[], visibility="private")
        run = DigestRun(team_id="T0FAKE", period="2026-W48", created_at=NOW)
        session.add(run)
        session.flush()
        rows = [
            {
                "team_id": "T0FAKE",
                "run_id": run.id,
                "recipient_id": recipient.id,
                "other_id": other.id,
                "kind": Kind.CAN_HELP_YOU,
                "score": 0.5,
                "reason": "",
                "created_at": NOW,
            }
            for recipient, other in ((alice, bob), (bob, alice), (carol, mallory))
        ]
        store_suggestions(session, run_id=run.id, rows=rows, now=NOW)  # as the digest's plan stores them
        made = [
            intros.request(
                session, asker=asker, other=other, origin=IntroOrigin.DIGEST, now=NOW, rules=IntroRules()
            )
            for asker, other in ((alice, bob), (alice, mallory), (bob, carol), (carol, mallory))
        ]
        met, introduced, declined, _waiting = made
        met.status, met.introduced_at = IntroStatus.MET, NOW
        introduced.status, introduced.introduced_at = IntroStatus.INTRODUCED, NOW
        declined.status = IntroStatus.DECLINED
        mallory.status = MemberStatus.PAUSED
        carol.status = MemberStatus.LEFT

    browser = dash.browser()
    assert browser.open_link(dash.link("U0ALICE")).status == 303
    page = browser.get("/admin").text

    assert number(page, "active") == "2"
    assert number(page, "paused") == "1"
    assert number(page, "of them paused for silence") == "0"
    assert number(page, "offers") == "2"
    assert number(page, "open needs") == "3"
    assert "open needs, 2 of them private" in page
    assert number(page, "projects") == "1"
    assert [number(page, step) for step in ("Suggested in digests", "Requested", "Accepted by both")] == [
        "3",
        "4",
        "2",
    ]
    assert [number(page, step) for step in ("Introduced", "Met")] == ["2", "1"]
    assert (
        number(page, "median days from a need to its first suggestion in a digest") == "—"
    )  # none named one
    assert number(page, "acceptance rate") == "67%"  # two accepted, one declined
    assert number(page, "met rate") == "50%"  # one of the two introduced
    for private in (PRIVATE_NEED, "Someone to talk through my pricing", "wellbeing"):
        assert private not in page
    with session_scope(dash.bot.sessions) as session:
        assert len(session.exec(select(Intro)).all()) == 4


def test_a_new_community_shows_zeros_and_no_rates(dash: DashboardBot) -> None:
    browser = dash.browser()
    assert browser.open_link(dash.link("U0ALICE")).status == 303
    page = browser.get("/admin").text
    assert number(page, "active") == "0"
    assert number(page, "Requested") == "0"
    assert number(page, "acceptance rate") == "—"
    assert number(page, "met rate") == "—"


CHARTS = (
    "active",
    "paused",
    "paused_for_silence",
    "offers",
    "needs",
    "projects",
    "suggested",
    "requested",
    "accepted",
    "introduced",
    "met",
    "acceptance_rate",
    "met_rate",
    "days_to_suggestion",
    "days_to_introduction",
)
ASSETS = {
    "/admin/static/vendor/uplot/uPlot.iife.min.js": "text/javascript",
    "/admin/static/overview.js": "text/javascript",
    "/admin/static/vendor/uplot/uPlot.min.css": "text/css",
}


def chart_data(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="overview-data">(.*?)</script>', page, re.S)
    assert found, "no chart data on the page"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def week_by_week(page: str, label: str) -> list[str]:
    """The values in the row labelled `label` of a "Week by week" table, oldest week first."""
    row = re.search(rf'<th scope="row" class="series">{re.escape(label)}</th>(.*?)</tr>', page, re.S)
    assert row, f"no week-by-week row {label!r}"
    return re.findall(r'<td class="num">([^<]*)</td>', row.group(1))


def test_each_number_carries_its_last_12_weeks_for_a_chart_and_as_text(dash: DashboardBot) -> None:
    ids = seed(dash.bot)
    with session_scope(dash.bot.sessions) as session:
        alice, bob, mallory = (session.get(Member, ids[user]) for user in ("U0ALICE", "U0BOB", "U0MALLORY"))
        assert alice
        assert bob
        assert mallory
        rules = IntroRules()
        intros.request(session, asker=alice, other=bob, origin=IntroOrigin.DIGEST, now=NOW, rules=rules)
        older = intros.request(
            session, asker=alice, other=mallory, origin=IntroOrigin.DIGEST, now=NOW, rules=rules
        )
        older.created_at = NOW - timedelta(weeks=3)
        session.add(
            MemberCount(team_id="T0FAKE", period="2026-W46", active=3, paused=0, quiet=0, counted_at=NOW)
        )

    browser = dash.browser()
    assert browser.open_link(dash.link("U0ALICE")).status == 303
    page = browser.get("/admin").text

    data = chart_data(page)
    assert len(data["weeks"]) == 12
    assert data["weeks"][-1] == "this week"
    assert set(data["series"]) == set(CHARTS)
    assert all(len(values) == 12 for values in data["series"].values())
    assert data["series"]["requested"] == [0] * 8 + [1, 0, 0, 1]  # three weeks ago, and today
    assert data["series"]["active"] == [None] * 9 + [3, None, 4]  # kept for W46 only; today's live
    assert data["series"]["acceptance_rate"] == [None] * 12  # nobody answered
    assert week_by_week(page, "Requested") == ["0"] * 8 + ["1", "0", "0", "1"]
    assert week_by_week(page, "active") == ["—"] * 9 + ["3", "—", "4"]
    assert "as counted at each week&#39;s end, since the week of 9 Nov" in page
    for name in CHARTS:  # a stable element for each chart, which a browser test can look into
        assert f'id="chart-{name}" data-chart="{name}"' in page
    assert 'aria-label="Requested, the last 12 weeks: 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1"' in page
    assert PRIVATE_NEED not in page


def test_the_charts_code_is_served_from_the_dashboard_and_nothing_is_inline(dash: DashboardBot) -> None:
    browser = dash.browser()
    assert browser.open_link(dash.link("U0ALICE")).status == 303
    page = browser.get("/admin").text
    for path, kind in ASSETS.items():
        assert f'"{path}"' in page
        served = browser.get(path)
        assert served.status == 200
        assert served.headers["Content-Type"].startswith(kind)
    scripts = re.findall(r"<script([^>]*)>", page)
    assert scripts  # the library, the page's script, and its data
    assert all("src=" in attributes or 'type="application/json"' in attributes for attributes in scripts)
    assert " style=" not in page
    assert "default-src 'self'" in browser.get("/admin").headers["Content-Security-Policy"]
