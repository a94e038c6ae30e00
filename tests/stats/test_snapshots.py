"""The network snapshot as stored and shown: ids only (no name, no need), stored once a period, and a member
forgotten since it was taken is no longer drawn."""

import json
from datetime import timedelta

from sqlmodel import Session, select

from bot.models import Intro, IntroOrigin, IntroParticipant, IntroStatus, Member, NetworkSnapshot
from bot.privacy import service as privacy
from bot.stats import service as stats
from tests.conftest import NOW
from tests.factories import TEAM, make_member, make_need

PERIOD = "2026-W48"


def _met(session: Session, a: Member, b: Member) -> None:
    intro = Intro(
        team_id=TEAM,
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


def _triangle_and_a_stranger(session: Session) -> dict[str, Member]:
    people = {
        name: make_member(session, f"U0{name.upper()}", name=f"{name} Quillfeather")
        for name in ("Ana", "Ben", "Cai", "Zoe")
    }
    _met(session, people["Ana"], people["Ben"])
    _met(session, people["Ben"], people["Cai"])
    _met(session, people["Cai"], people["Ana"])
    make_need(session, people["Ana"], "Burnout after the merger, honestly", visibility="private")
    make_need(session, people["Zoe"], "Help with my grandmother's recipe archive")
    session.commit()
    return people


def test_the_stored_snapshot_holds_member_ids_never_names_or_needs(session: Session) -> None:
    people = _triangle_and_a_stranger(session)
    stats.store_snapshot(session, team_id=TEAM, period=PERIOD, now=NOW)
    session.commit()
    stored = json.dumps(session.exec(select(NetworkSnapshot.picture)).one())
    for text in ("Quillfeather", "U0ANA", "U0ZOE", "Burnout", "merger", "grandmother", "recipe"):
        assert text not in stored
    nodes = json.loads(stored)["nodes"]
    assert {node[0] for node in nodes} == {member.id for member in people.values()}


def test_a_member_forgotten_since_the_snapshot_is_not_drawn(session: Session) -> None:
    _triangle_and_a_stranger(session)
    stats.store_snapshot(session, team_id=TEAM, period=PERIOD, now=NOW)
    session.commit()
    privacy.forget(session, team_id=TEAM, user_id="U0BEN", now=NOW)
    session.commit()
    picture = stats.network_picture(session, team_id=TEAM, period=PERIOD, now=NOW + timedelta(hours=1))
    assert sorted(dot.name for dot in picture.dots) == [
        "Ana Quillfeather",
        "Cai Quillfeather",
        "Zoe Quillfeather",
    ]
    lines = [sorted((picture.dots[a].name, picture.dots[b].name)) for a, b in picture.lines]
    assert lines == [["Ana Quillfeather", "Cai Quillfeather"]]  # Ben's two ties are gone with him


def test_a_snapshot_is_stored_once_a_period(session: Session) -> None:
    people = _triangle_and_a_stranger(session)
    first = stats.store_snapshot(session, team_id=TEAM, period=PERIOD, now=NOW)
    session.commit()
    _met(session, people["Zoe"], people["Ana"])
    session.commit()
    again = stats.store_snapshot(session, team_id=TEAM, period=PERIOD, now=NOW + timedelta(days=1))
    assert again.id == first.id
    assert again.computed_at == first.computed_at
    assert again.picture["isolated"] == [people["Zoe"].id]  # the picture of the period's start
    assert stats.teams_without_snapshot(session, period=PERIOD) == []
    assert stats.teams_without_snapshot(session, period="2026-W49") == [TEAM]
