"""The dashboard's People and Intros pages and their CSV, over real HTTP: left-out members with a link to
their Slack profile; every intro with its state, a decline reading "did not happen" like an expiry;
filters that never fail; downloads only for a signed-in admin; a private need nowhere."""

import csv
import io
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from bot.db import SessionFactory, session_scope
from bot.intros import service as intros
from bot.intros.service import IntroRules
from bot.models import IntroOrigin, IntroStatus, Member
from bot.stats import intro_rows
from tests.conftest import NOW
from tests.e2e.community import seed
from tests.e2e.conftest import Clock
from tests.e2e.dashboard import DashboardBot, dashboard_bot
from tests.fakeslack import FakeSlack

PRIVATE_NEED = "Burnout, honestly"  # seed's private need
LATER = NOW + timedelta(weeks=5)  # everyone has been a member for more than four weeks


@pytest.fixture
def dash(
    fake_slack: FakeSlack, engine: Engine, sessions: SessionFactory, database_url: str
) -> Iterator[DashboardBot]:
    with dashboard_bot(fake_slack, engine, sessions, database_url, clock=Clock(LATER)) as bot:
        yield bot


def _community(dash: DashboardBot) -> None:
    """Alice and Bob met; Alice's request to Mallory was declined; Carol's to Mallory expired."""
    ids = seed(dash.bot)
    with session_scope(dash.bot.sessions) as session:
        alice, bob, mallory, carol = (
            _member(session, ids[user]) for user in ("U0ALICE", "U0BOB", "U0MALLORY", "U0CAROL")
        )
        made = [
            intros.request(
                session,
                asker=asker,
                other=other,
                origin=IntroOrigin.DIGEST,
                now=NOW + timedelta(days=n),
                rules=IntroRules(),
            )
            for n, (asker, other) in enumerate(((alice, bob), (alice, mallory), (carol, mallory)))
        ]
        made[0].status, made[0].introduced_at = IntroStatus.MET, NOW + timedelta(days=1)
        made[1].status = IntroStatus.DECLINED
        made[2].status = IntroStatus.EXPIRED


def _member(session: Session, member_id: int) -> Member:
    found = session.get(Member, member_id)
    assert found is not None
    return found


def _table(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [" ".join(row.split()) for row in body.split("<tr>")[1:]]


def test_every_intro_with_its_state_where_a_decline_reads_like_an_expiry(dash: DashboardBot) -> None:
    _community(dash)
    browser = dash.signed_in()
    rows = _table(browser.get("/admin/intros").text)
    assert len(rows) == 3
    assert "Carol Chen &amp; Mallory Moss" in rows[0]
    assert "did not happen" in rows[0]
    assert "Alice Adams &amp; Mallory Moss" in rows[1]
    assert "did not happen" in rows[1]
    assert "<td>met</td>" in rows[2]

    met_only = _table(browser.get("/admin/intros?state=met").text)
    assert [("Alice Adams &amp; Bob Brown" in row) for row in met_only] == [True]
    since = _table(browser.get(f"/admin/intros?from={(NOW + timedelta(days=1)).date()}").text)
    assert len(since) == 2
    until = _table(browser.get(f"/admin/intros?to={NOW.date()}").text)
    assert len(until) == 1
    odd = browser.get("/admin/intros?state=declined&from=yesterday&to=%ff")
    assert odd.status == 200  # what cannot be read is left out, not an error
    assert len(_table(odd.text)) == 3

    download = browser.get("/admin/intros.csv?state=did+not+happen")
    assert download.status == 200
    assert download.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert download.headers["Content-Disposition"].startswith('attachment; filename="kindred-intros-')
    assert download.headers["Cache-Control"] == "no-store"
    table = list(csv.DictReader(io.StringIO(download.text)))
    assert [row["state"] for row in table] == ["did not happen", "did not happen"]
    assert "declin" not in download.text.lower()


def test_left_out_members_link_to_their_slack_profile(dash: DashboardBot) -> None:
    _community(dash)
    browser = dash.signed_in()
    page = browser.get("/admin/people")
    assert page.status == 200
    rows = _table(page.text)
    mallory = next(row for row in rows if "Mallory Moss" in row)
    assert 'href="slack://user?team=T0FAKE&amp;id=U0MALLORY"' in mallory
    assert "never introduced" in mallory
    assert not any("Alice Adams" in row and "never introduced" in row for row in rows)
    download = browser.get("/admin/people.csv")
    people = list(csv.DictReader(io.StringIO(download.text)))
    assert {"user_id": "U0MALLORY", "why": "never-introduced"}.items() <= next(
        row for row in people if row["user_id"] == "U0MALLORY"
    ).items()
    assert len({row["user_id"] for row in people}) == len(people)  # each member once


def test_people_narrowed_to_one_reason_with_its_count(dash: DashboardBot) -> None:
    _community(dash)
    browser = dash.signed_in()
    everyone = _table(browser.get("/admin/people").text)
    narrowed = browser.get("/admin/people?why=never-introduced")
    assert narrowed.status == 200
    rows = _table(narrowed.text)
    assert rows
    assert all("never introduced" in row for row in rows)
    assert f'<span class="number">{len(rows)}</span><span class="label">never introduced' in narrowed.text
    assert 'href="/admin/people.csv?why=never-introduced"' in narrowed.text
    download = browser.get("/admin/people.csv?why=never-introduced")
    assert {row["why"] for row in csv.DictReader(io.StringIO(download.text))} <= {
        "never-introduced",
        "no-suggestion; never-introduced",
        "never-introduced; paused-for-silence",
        "no-suggestion; never-introduced; paused-for-silence",
    }
    assert len(_table(browser.get("/admin/people?why=made-up").text)) == len(everyone)  # unknown: everyone
    nobody = browser.get("/admin/people?why=paused-for-silence").text
    assert "<tbody>" not in nobody
    assert "Nobody here." in nobody
    assert '<span class="number">0</span><span class="label">paused for silence' in nobody


def test_a_private_need_is_in_no_page_and_no_download(dash: DashboardBot) -> None:
    _community(dash)
    browser = dash.signed_in()
    paths = (
        "/admin",
        "/admin/people",
        "/admin/people.csv",
        "/admin/intros",
        "/admin/intros.csv",
        "/admin/network",
    )
    for path in paths:
        page = browser.get(path)
        assert page.status == 200, path
        assert PRIVATE_NEED not in page.text, path


def test_the_tables_and_downloads_are_for_a_signed_in_admin_only(dash: DashboardBot) -> None:
    _community(dash)
    stranger = dash.browser()
    for path in (
        "/admin/people",
        "/admin/people.csv",
        "/admin/intros",
        "/admin/intros.csv",
        "/admin/network",
    ):
        refused = stranger.get(path)
        assert refused.status == 401, path
        assert "Mallory" not in refused.text


def test_a_long_table_shows_the_newest_rows_and_the_csv_has_them_all(
    dash: DashboardBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.dashboard.pages.intros.ROWS_SHOWN", 2)
    _community(dash)
    browser = dash.signed_in()
    page = browser.get("/admin/intros").text
    assert len(_table(page)) == 2
    assert "3 intros · the newest 2 shown here" in page
    assert len(list(csv.DictReader(io.StringIO(browser.get("/admin/intros.csv").text)))) == 3


def test_the_intros_download_is_sent_as_it_is_read_in_batches(
    dash: DashboardBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.stats.intro_rows.BATCH", 2)
    read = []
    real = intro_rows.intro_rows
    monkeypatch.setattr(intro_rows, "intro_rows", lambda *a, **k: read.append(real(*a, **k)) or read[-1])
    _community(dash)
    download = dash.signed_in().get("/admin/intros.csv")
    assert download.status == 200
    assert download.headers["Transfer-Encoding"] == "chunked"  # no length known ahead: sent as it comes
    assert download.headers["Cache-Control"] == "no-store"
    assert download.headers["Content-Disposition"].startswith('attachment; filename="kindred-intros-')
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert len(rows) == 3
    assert len({row["intro_id"] for row in rows}) == 3
    assert [len(batch) for batch in read] == [2, 1]  # never more than a batch read at a time
