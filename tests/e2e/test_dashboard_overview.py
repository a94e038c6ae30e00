"""The dashboard's Overview: the community's numbers for a community manager's Monday. A private need
counts in the totals and nothing else of it shows."""

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.db import SessionFactory, session_scope
from bot.intros import service as intros
from bot.intros.service import IntroRules
from bot.matching.model import Kind
from bot.models import DigestRun, DigestSuggestion, Intro, IntroOrigin, IntroStatus, Member, MemberStatus
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
        for recipient, other in ((alice, bob), (bob, alice), (carol, mallory)):
            session.add(
                DigestSuggestion(
                    team_id="T0FAKE",
                    run_id=run.id or 0,
                    recipient_id=recipient.id or 0,
                    other_id=other.id or 0,
                    kind=Kind.CAN_HELP_YOU,
                    score=0.5,
                    reason="",
                    created_at=NOW,
                )
            )
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
    assert number(page, "paused for silence") == "0"
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
