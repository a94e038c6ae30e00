"""The rows behind the dashboard's People, Intros and Network pages, and their CSV."""

from datetime import timedelta
from itertools import pairwise

from sqlmodel import Session

from bot.matching.model import Kind
from bot.models import (
    DigestRun,
    DigestSuggestion,
    Intro,
    IntroOrigin,
    IntroParticipant,
    IntroStatus,
    Member,
    MemberStatus,
)
from bot.stats.csv_rows import csv_chunks, to_csv
from bot.stats.intro_rows import DID_NOT_HAPPEN, IntroRow, count_intros, intro_batches, intro_rows
from bot.stats.people import PersonRow, left_out
from bot.stats.ties import network_of
from tests.conftest import NOW
from tests.factories import TEAM, make_member
from tests.reconnect.test_service import met


def _intro(session: Session, a: Member, b: Member, status: IntroStatus, *, days_ago: int = 0) -> Intro:
    intro = Intro(
        team_id=TEAM,
        origin=IntroOrigin.DIGEST,
        status=status,
        requested_by_id=a.id,
        created_at=NOW - timedelta(days=days_ago),
        updated_at=NOW - timedelta(days=days_ago),
    )
    session.add(intro)
    session.flush()
    for person in (a, b):
        session.add(IntroParticipant(intro_id=intro.id, member_id=person.id))
    session.commit()
    return intro


def test_a_declined_intro_reads_as_did_not_happen_like_an_expired_one(session: Session) -> None:
    ana, ben, cleo = (make_member(session, f"U0{n.upper()}", name=n) for n in ("Ana", "Ben", "Cleo"))
    declined = _intro(session, ana, ben, IntroStatus.DECLINED, days_ago=2)
    expired = _intro(session, ana, cleo, IntroStatus.EXPIRED, days_ago=1)
    happened = met(session, ben, cleo)
    rows = intro_rows(session, team_id=TEAM)  # newest first: the one that met started 15 days ago
    assert [(r.intro_id, r.state) for r in rows] == [
        (expired.id, DID_NOT_HAPPEN),
        (declined.id, DID_NOT_HAPPEN),
        (happened.id, "met"),
    ]
    assert (rows[1].first, rows[1].second) == ("Ana", "Ben")
    assert rows[2].introduced is not None
    assert "declin" not in to_csv(rows, IntroRow).lower()
    assert [r.intro_id for r in intro_rows(session, team_id=TEAM, states=["met"])] == [happened.id]
    assert [r.intro_id for r in intro_rows(session, team_id=TEAM, since=NOW - timedelta(days=1))] == [
        expired.id
    ]


def test_left_out_members_each_with_why_and_a_link_to_their_slack_profile(session: Session) -> None:
    ana, ben, _cleo = (make_member(session, f"U0{n.upper()}", name=n) for n in ("Ana", "Ben", "Cleo"))
    gone = make_member(session, "U0GONE", name="Gone", status=MemberStatus.LEFT)
    met(session, ana, ben)
    run = DigestRun(team_id=TEAM, period="2026-W48", created_at=NOW)
    session.add(run)
    session.flush()
    assert run.id is not None
    session.add(
        DigestSuggestion(
            team_id=TEAM,
            run_id=run.id,
            recipient_id=ana.id,
            other_id=ben.id,
            kind=Kind.CAN_HELP_YOU,
            created_at=NOW,
            score=1,
            reason="",
        )
    )
    session.commit()
    assert [r.why for r in left_out(session, team_id=TEAM, now=NOW)] == [("no-suggestion",)] * 2  # all new
    rows = left_out(session, team_id=TEAM, now=NOW + timedelta(weeks=4))
    assert [(r.name, r.why) for r in rows] == [  # each member once, with every reason
        ("Ben", ("no-suggestion",)),
        ("Cleo", ("no-suggestion", "never-introduced")),
    ]
    assert rows[1].slack_link == f"slack://user?team={TEAM}&id=U0CLEO"
    table = to_csv(rows, PersonRow)
    assert gone.name not in table
    assert "U0CLEO,Cleo,no-suggestion; never-introduced," in table


def test_the_network_ties_the_members_who_were_introduced(session: Session) -> None:
    ana, ben, cleo, dev = (
        make_member(session, f"U0{n.upper()}", name=n) for n in ("Ana", "Ben", "Cleo", "Dev")
    )
    met(session, ana, ben)
    met(session, ben, cleo)
    _intro(session, cleo, dev, IntroStatus.DECLINED)  # never happened: no tie
    network = network_of(session, team_id=TEAM)
    assert network.ties == 2
    assert network.isolated == (dev.id,)
    assert set(network.clusters) == {ana.id, ben.id, cleo.id}


def test_csv_cells_never_start_a_spreadsheet_formula() -> None:
    row = PersonRow("U1", '=HYPERLINK("http://x")', ("never-introduced",), NOW, "slack://user?team=T&id=U1")
    text = to_csv([row], PersonRow)
    assert text.splitlines()[0] == "user_id,name,why,member_since,slack_link"
    assert "'=HYPERLINK" in text
    assert NOW.isoformat() in text


def test_a_limit_keeps_the_newest_intros_and_the_count_says_how_many_there_are(session: Session) -> None:
    ana, ben, cleo = (make_member(session, f"U0{n.upper()}", name=n) for n in ("Ana", "Ben", "Cleo"))
    _intro(session, ana, ben, IntroStatus.DECLINED, days_ago=2)
    newest = _intro(session, ana, cleo, IntroStatus.EXPIRED, days_ago=1)
    met(session, ben, cleo)
    assert [r.intro_id for r in intro_rows(session, team_id=TEAM, limit=1)] == [newest.id]
    assert count_intros(session, team_id=TEAM) == 3
    assert count_intros(session, team_id=TEAM, states=[DID_NOT_HAPPEN]) == 2


def test_a_download_reads_every_intro_once_in_batches_newest_first_even_when_they_started_together(
    session: Session,
) -> None:
    people = [make_member(session, f"U0P{n}", name=f"Person {n}") for n in range(6)]
    for n, (a, b) in enumerate(pairwise(people)):
        _intro(session, a, b, IntroStatus.MET, days_ago=n // 2)  # two intros start at each instant
    _intro(session, people[0], people[5], IntroStatus.DECLINED, days_ago=9)
    everything = intro_rows(session, team_id=TEAM)

    batches = list(intro_batches(session, team_id=TEAM, size=2))

    assert [len(batch) for batch in batches] == [2, 2, 2]
    assert [row for batch in batches for row in batch] == everything
    narrowed = list(intro_batches(session, team_id=TEAM, states=[DID_NOT_HAPPEN], size=2))
    assert [[row.state for row in batch] for batch in narrowed] == [[DID_NOT_HAPPEN]]


def test_csv_chunks_are_a_header_then_a_chunk_a_batch_that_join_to_the_whole_table() -> None:
    rows = [
        PersonRow(f"U{n}", f"Person {n}", ("never-introduced",), NOW, f"slack://user?team=T&id=U{n}")
        for n in range(5)
    ]
    chunks = list(csv_chunks([rows[:2], rows[2:]], PersonRow))
    assert len(chunks) == 3
    assert chunks[0] == "user_id,name,why,member_since,slack_link\r\n"
    assert "".join(chunks) == to_csv(rows, PersonRow)
    assert to_csv(rows, PersonRow).count("\n") == 6
