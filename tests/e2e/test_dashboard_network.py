"""The dashboard's Network page over real HTTP: the picture of who Kindred introduced (a dot a member, a line
an intro, handed to Cytoscape.js in the page's JSON block), its clusters, bridges and members with no intro
yet in tables, searchable; computed once a digest period and stored, so a new intro shows in the next
period's picture."""

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from bot.db import SessionFactory, session_scope
from bot.members import Identity, ensure_member
from bot.models import Intro, IntroOrigin, IntroParticipant, IntroStatus, Member, NetworkSnapshot
from tests.conftest import NOW
from tests.e2e.conftest import Clock
from tests.e2e.dashboard import DashboardBot, dashboard_bot
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


def _drawing(page: str) -> dict[str, Any]:
    block = re.search(r'<script type="application/json" id="network-data">(.*?)</script>', page, re.S)
    assert block is not None
    drawing: dict[str, Any] = json.loads(block.group(1))
    return drawing


def _section(page: str, heading: str) -> str:
    return page.split(heading, 1)[1].split("<h2>", 1)[0]


def test_the_network_shows_members_clusters_bridges_and_who_has_no_intro_yet(dash: DashboardBot) -> None:
    _community(dash)
    page = dash.signed_in().get("/admin/network")
    assert page.status == 200
    drawing = _drawing(page.text)
    # each node: [x, y, size, colour, role, hover text, label]
    nodes = {node[5].split(" · ")[0]: node for node in drawing["nodes"]}
    titles = {name: node[5] for name, node in nodes.items()}
    everyone = ["Ana", "Ben", "Cai", "Dev", "Eve", "Fay", "Zoe", "Alice"]
    assert set(nodes) == {f"{name} Person" for name in everyone}
    roles = {name: node[4] for name, node in nodes.items()}
    assert roles["Ana Person"] == roles["Dev Person"] == "bridge"
    assert roles["Ben Person"] == "member"
    assert roles["Zoe Person"] == roles["Alice Person"] == "isolated"
    assert titles["Ana Person"] == "Ana Person · cluster 1 · a bridge to 1 other cluster"
    assert titles["Zoe Person"] == "Zoe Person · no intro yet"
    colours = {name: node[3] for name, node in nodes.items()}
    assert colours["Ana Person"] == colours["Ben Person"] != colours["Dev Person"] == colours["Eve Person"]
    assert len(drawing["edges"]) == 7  # three in each group, and Ana with Dev
    clusters = _section(page.text, "<h2>Clusters (2)</h2>")
    assert clusters.count("<tr><td>") == 2
    assert "cluster 2 (1 intro)" in clusters
    bridges = _section(page.text, "<h2>Bridges (2)</h2>")
    assert "Ana Person" in bridges
    assert "Dev Person" in bridges
    assert "Ben Person" not in bridges
    alone = page.text.split("<h2>No intro yet (2)</h2>", 1)[1]
    assert "Zoe Person" in alone
    assert 'href="slack://user?team=T0FAKE&amp;id=U0ZOE"' in alone


def test_the_picture_is_drawn_by_cytoscape_from_the_server_with_no_inline_script_or_style(
    dash: DashboardBot,
) -> None:
    _community(dash)
    browser = dash.signed_in()
    page = browser.get("/admin/network")
    assert 'id="network-picture"' in page.text
    scripts = re.findall(r"<script([^>]*)>", page.text)
    assert scripts == [
        ' type="application/json" id="network-data"',  # data, never run
        ' src="/admin/static/vendor/cytoscape/cytoscape.min.js" defer',
        ' src="/admin/static/network.js" defer',
    ]
    assert " style=" not in page.text
    assert "<style" not in page.text
    # Cytoscape adds an inline <style> unless this id is on the page: it is, on a stylesheet of ours.
    assert 'id="__________cytoscape_stylesheet" href="/admin/static/network.css"' in page.text
    for path in ("network.js", "network.css", "vendor/cytoscape/cytoscape.min.js"):
        assert browser.get(f"/admin/static/{path}").status == 200
    assert (
        "__________cytoscape_container { position: relative; }"
        in browser.get("/admin/static/network.css").text
    )
    assert "<noscript>" in page.text  # without JavaScript, the tables below still say it all


def test_an_old_snapshot_of_the_period_is_drawn_again(dash: DashboardBot) -> None:
    """A picture stored by the Kindred before the member-level picture (clusters only) still shows."""
    _community(dash)
    with session_scope(dash.bot.sessions) as session:
        session.add(
            NetworkSnapshot(
                team_id="T0FAKE",
                period="2026-W48",
                picture={
                    "members": 8,
                    "ties": 7,
                    "sizes": [3, 3],
                    "positions": [[0, 0.5], [1, 0.5]],
                    "links": [[0, 1, 1]],
                    "bridges": [],
                    "isolated": [],
                },
                computed_at=NOW - timedelta(hours=2),
            )
        )
    page = dash.signed_in().get("/admin/network")
    assert page.status == 200
    assert len(_drawing(page.text)["nodes"]) == 8
    assert "<h2>Bridges (2)</h2>" in page.text
    (stored,) = dash.bot.rows(NetworkSnapshot)
    assert stored.picture["version"] == 2


def test_a_search_narrows_the_lists_to_matching_names(dash: DashboardBot) -> None:
    _community(dash)
    page = dash.signed_in().get("/admin/network?q=zoe").text
    tables = page.split('role="search"', 1)[1]
    assert "Zoe Person" in tables
    assert "Alice Person" not in tables
    assert "Ana Person" not in page.split("<h2>Bridges", 1)[1]
    assert "Ana Person" in json.dumps(_drawing(page))  # the picture is everyone, whatever the search


def test_the_picture_is_computed_once_a_digest_period(dash: DashboardBot) -> None:
    people = _community(dash)
    browser = dash.signed_in()
    assert browser.get("/admin/network").status == 200  # a fresh install: its first view draws one
    with session_scope(dash.bot.sessions) as session:
        _met(session, people["U0ZOE"], people["U0EVE"])
    same_week = browser.get("/admin/network").text
    assert "<h2>No intro yet (2)</h2>" in same_week  # the stored picture of this period
    assert "Computed once for the digest period 2026-W48." in same_week

    dash.bot.clock.advance(days=7)
    before_the_job = dash.signed_in().get("/admin/network").text  # a new week, a new session
    assert "<h2>No intro yet (2)</h2>" in before_the_job  # last week's, read back, never drawn here
    assert "This is the picture of the digest period 2026-W48" in before_the_job
    assert "(2026-W49) in the background. Reload in a few minutes" in before_the_job
    assert [row.period for row in dash.bot.rows(NetworkSnapshot)] == ["2026-W48"]

    assert ("network-snapshot", ["T0FAKE"]) in [
        (name, getattr(report, "stored", None)) for name, report in dash.bot.tick()
    ]
    next_week = dash.signed_in().get("/admin/network").text
    assert "<h2>No intro yet (1)</h2>" in next_week
    assert "Computed once for the digest period 2026-W49." in next_week
    assert [row.period for row in dash.bot.rows(NetworkSnapshot)] == ["2026-W48", "2026-W49"]


def test_a_large_communitys_first_picture_is_drawn_by_the_job_not_while_the_page_waits(
    dash: DashboardBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.stats.snapshots.DRAWN_ON_VIEW", 3)  # a community larger than drawn on view
    _community(dash)
    browser = dash.signed_in()
    waiting = browser.get("/admin/network")
    assert waiting.status == 200
    assert 'id="network-pending"' in waiting.text
    assert "drawing the first picture of your community" in waiting.text
    assert 'aria-current="page">Network<' in waiting.text
    assert "network-data" not in waiting.text
    assert dash.bot.rows(NetworkSnapshot) == []  # nothing computed for the page

    dash.bot.tick()  # the network-snapshot job is due while the team has no picture of the period
    drawn = browser.get("/admin/network").text
    assert "network-pending" not in drawn
    assert len(_drawing(drawn)["nodes"]) == 8
