"""The dashboard's Network page over real HTTP: the picture of who Kindred introduced (clusters as bubbles,
lines between clusters), bridges and members with no intro yet, searchable; computed once a digest period
and stored, so a new intro shows in the next period's picture."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from bot.db import SessionFactory, session_scope
from bot.members import Identity, ensure_member
from bot.models import Intro, IntroOrigin, IntroParticipant, IntroStatus, Member, NetworkSnapshot
from tests.conftest import NOW
from tests.e2e.conftest import Clock
from tests.e2e.dashboard import Browser, DashboardBot, dashboard_bot
from tests.fakeslack import FakeSlack

GROUPS = {"design": ["U0ANA", "U0BEN", "U0CAI"], "code": ["U0DEV", "U0EVE", "U0FAY"]}


@pytest.fixture
def dash(
    fake_slack: FakeSlack, engine: Engine, sessions: SessionFactory, database_url: str
) -> Iterator[DashboardBot]:
    with dashboard_bot(fake_slack, engine, sessions, database_url, clock=Clock(NOW)) as bot:
        yield bot


def _met(session: Session, a: Member, b: Member) -> None:
    intro = Intro(
        team_id="T0FAKE",
        origin=IntroOrigin.DIGEST,
        status=IntroStatus.MET,
        requested_by_id=a.id or 0,
        introduced_at=NOW - timedelta(days=20),
        created_at=NOW - timedelta(days=21),
        updated_at=NOW - timedelta(days=6),
    )
    session.add(intro)
    session.flush()
    for person in (a, b):
        session.add(IntroParticipant(intro_id=intro.id or 0, member_id=person.id or 0))


def _community(dash: DashboardBot) -> dict[str, Member]:
    """Two close groups of three, one intro between them (Ana and Dev), and Zoe, never introduced."""
    with session_scope(dash.bot.sessions) as session:
        people = {}
        for user_id in [*GROUPS["design"], *GROUPS["code"], "U0ZOE", "U0ALICE"]:
            people[user_id], _ = ensure_member(
                session, who=Identity("T0FAKE", user_id, f"{user_id[2:].title()} Person"), now=NOW
            )
        for group in GROUPS.values():
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    _met(session, people[a], people[b])
        _met(session, people["U0ANA"], people["U0DEV"])
        return people


def _signed_in(dash: DashboardBot) -> Browser:
    browser = dash.browser()
    assert browser.open_link(dash.link("U0ALICE")).status == 303
    return browser


def test_the_network_shows_clusters_bridges_and_who_has_no_intro_yet(dash: DashboardBot) -> None:
    _community(dash)
    page = _signed_in(dash).get("/admin/network")
    assert page.status == 200
    assert page.text.count("<circle ") == 2  # the two groups
    assert page.text.count("<line ") == 1  # Ana and Dev tie them together
    assert "Cluster 1: 3 members" in page.text
    bridges = page.text.split("<h2>Bridges (2)</h2>", 1)[1].split("<h2>", 1)[0]
    assert "Ana Person" in bridges
    assert "Dev Person" in bridges
    assert "Ben Person" not in bridges
    alone = page.text.split("<h2>No intro yet (2)</h2>", 1)[1]
    assert "Zoe Person" in alone
    assert 'href="slack://user?team=T0FAKE&amp;id=U0ZOE"' in alone
    assert "<script" not in page.text  # drawn on the server: works without JavaScript


def test_a_search_narrows_the_lists_to_matching_names(dash: DashboardBot) -> None:
    _community(dash)
    page = _signed_in(dash).get("/admin/network?q=zoe").text
    assert "Zoe Person" in page
    assert "Alice Person" not in page
    assert "Ana Person" not in page.split("<h2>Bridges", 1)[1]


def test_the_picture_is_computed_once_a_digest_period(dash: DashboardBot) -> None:
    people = _community(dash)
    browser = _signed_in(dash)
    assert browser.get("/admin/network").status == 200
    with session_scope(dash.bot.sessions) as session:
        _met(session, people["U0ZOE"], people["U0EVE"])
    same_week = browser.get("/admin/network").text
    assert "<h2>No intro yet (2)</h2>" in same_week  # the stored picture of this period
    dash.bot.clock.advance(days=7)
    next_week = _signed_in(dash).get("/admin/network").text  # a new week, a new session
    assert "<h2>No intro yet (1)</h2>" in next_week
    assert [row.period for row in dash.bot.rows(NetworkSnapshot)] == ["2026-W48", "2026-W49"]
