"""`load_community(needs=…)`: what matching a few needs against every offer takes, and nothing more."""

import pytest
from sqlmodel import Session, select

from bot.digest import service as digest
from bot.matching.embeddings import DEFAULT_MODEL, load_embedder
from bot.models import Need
from tests.conftest import NOW
from tests.digest.test_service import small_community
from tests.factories import TEAM, make_member, make_project


@pytest.mark.parametrize("model", [None, DEFAULT_MODEL])
def test_only_the_needs_asked_about_every_profile_and_offer_no_projects(
    session: Session, model: str | None
) -> None:
    small_community(session)
    make_project(session, make_member(session, "U0JONAS", name="Jonas"), "Comic newsletter")
    session.commit()
    first, second = session.exec(select(Need).order_by(Need.id)).all()
    embedder = None if model is None else load_embedder(model)
    whole = digest.load_community(session, team_id=TEAM, now=NOW, embedder=embedder)
    asked = digest.load_community(session, team_id=TEAM, now=NOW, embedder=embedder, needs={second.id})
    assert [n.entry_id for n in whole.needs] == [first.id, second.id]
    assert [n.entry_id for n in asked.needs] == [second.id]
    assert (asked.people, asked.offers, asked.projects) == (whole.people, whole.offers, ())
    if asked.tables is not None:
        assert whole.tables is not None
        assert (len(asked.tables.needs), len(asked.tables.projects)) == (1, 0)
        assert (asked.tables.offers.vectors == whole.tables.offers.vectors).all()
