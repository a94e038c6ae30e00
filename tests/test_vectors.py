"""Stored sentence vectors: computed once per text and model, again only when either changes."""

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest
import sqlalchemy as sa
from sqlmodel import Session

from bot import members, vectors
from bot.entries import service as entries
from bot.matching.embeddings import entry_vectors, from_bytes
from bot.members import Identity
from bot.models import Member, NeedCreate, OfferCreate, ProfileUpdate, ProjectCreate
from bot.privacy import service as privacy
from bot.profiles import service as profiles
from tests.conftest import NOW
from tests.factories import TEAM, make_member, make_need, make_offer, make_project

OTHER_TEAM = "T0OTHER"
ALL_ROWS = 8  # 3 profiles, 3 offers, 1 need, 1 project
OTHER_TEAM_ROWS = 2  # Carol's profile and offer

Key = tuple[str, int]  # (table, row id)


class FakeEmbedder:
    """Deterministic unit vectors from a hash of each text; remembers every text it was asked to embed."""

    def __init__(self, model_id: str = "fake:1", dims: int = 8) -> None:
        self._model_id = model_id
        self._dims = dims
        self.texts: list[str] = []

    @property
    def model_id(self) -> str:
        return self._model_id

    @property
    def dims(self) -> int:
        return self._dims

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        out = np.zeros((len(texts), self._dims), dtype=np.float32)
        for row, text in enumerate(texts):
            seed = int.from_bytes(hashlib.sha256(f"{self._model_id}\x00{text}".encode()).digest()[:8])
            vector = np.random.default_rng(seed).standard_normal(self._dims).astype(np.float32)
            out[row] = vector / np.linalg.norm(vector)
        return out


@dataclass(frozen=True)
class Community:
    alice: Member
    bob: Member
    carol: Member  # in another workspace
    ids: dict[str, int]


@pytest.fixture
def community(session: Session) -> Community:
    alice = make_member(session, "U0ALICE", title="Baker", bio="Sourdough and small-town marketing.")
    bob = make_member(session, "U0BOB", name="Bob", title="SEO consultant")
    carol, _ = members.ensure_member(session, who=Identity(OTHER_TEAM, "U0CAROL", "Carol"), now=NOW)
    offer = make_offer(session, alice, "Bread-making workshops", skills=["baking"], details="Saturdays")
    make_offer(session, bob, "Local SEO audits", skills=["local-seo"])
    entries.add_entry(session, member=carol, data=OfferCreate(description="Tax questions"), now=NOW)
    need = make_need(session, alice, "My shop isn't on Google", details="A bakery in Leipzig")
    project = make_project(session, alice, "Bakery website", description="A site", help_wanted="Copy")
    session.commit()
    ids = {"alice": _id(alice), "offer": _id(offer), "need": _id(need), "project": _id(project)}
    return Community(alice, bob, carol, ids)


def test_refresh_stores_a_vector_for_every_profile_and_entry_and_then_has_nothing_to_do(
    session: Session, community: Community
) -> None:
    embedder = FakeEmbedder()
    assert vectors.refresh(session, embedder=embedder) == ALL_ROWS
    session.commit()
    rows = _stored(session)
    assert len(rows) == ALL_ROWS
    assert all(embedding is not None and key for embedding, key in rows.values())
    alice = from_bytes(rows["members", community.ids["alice"]][0])
    expected = entry_vectors(embedder, ["Baker"], ["Sourdough and small-town marketing."])[0]
    np.testing.assert_allclose(alice, expected, atol=1e-3)  # stored as float16

    again = FakeEmbedder()
    assert vectors.refresh(session, embedder=again) == 0
    assert again.texts == []
    assert _stored(session) == rows


def test_refresh_keeps_each_offer_and_needs_concepts_beside_its_reading(
    session: Session, community: Community
) -> None:
    make_offer(session, community.bob, "Logo design for small shops", skills=["logo-design"])
    make_need(session, community.bob, "Help with SEO for my shop", skills=["seo"])
    vectors.refresh(session, embedder=FakeEmbedder())
    session.commit()
    for source in (vectors.OFFER, vectors.NEED):
        table = source.model.__table__
        rows = session.execute(sa.select(table.c.analysis, table.c.concepts)).all()
        assert any(analysis["concepts"] for analysis, _ in rows)
        for analysis, concepts in rows:
            assert json.loads(concepts) == analysis["concepts"]  # what the dashboard reads from an index


def _edit_profile(session: Session, community: Community) -> Key:
    update = ProfileUpdate(title="Baker and bread teacher", bio=community.alice.bio)
    profiles.update_profile(session, member=community.alice, update=update, now=NOW)
    return "members", community.ids["alice"]


def _edit_offer(session: Session, community: Community) -> Key:
    data = OfferCreate(description="Bread-making workshops", skills=["baking"], details="Sundays now")
    entries.update_entry(session, member=community.alice, entry_id=community.ids["offer"], data=data, now=NOW)
    return "offers", community.ids["offer"]


def _edit_need(session: Session, community: Community) -> Key:
    data = NeedCreate(description="Nobody finds my bakery on Google Maps", details="A bakery in Leipzig")
    entries.update_entry(session, member=community.alice, entry_id=community.ids["need"], data=data, now=NOW)
    return "needs", community.ids["need"]


def _edit_project(session: Session, community: Community) -> Key:
    data = ProjectCreate(name="Bakery website", description="A site", skills=["copywriting"])
    entries.update_entry(
        session, member=community.alice, entry_id=community.ids["project"], data=data, now=NOW
    )
    return "projects", community.ids["project"]


@pytest.mark.parametrize("edit", [_edit_profile, _edit_offer, _edit_need, _edit_project])
def test_editing_one_text_re_embeds_only_that_row(
    session: Session, community: Community, edit: Callable[[Session, Community], Key]
) -> None:
    vectors.refresh(session, embedder=FakeEmbedder())
    session.commit()
    before = _stored(session)
    edited = edit(session, community)
    session.commit()

    embedder = FakeEmbedder()
    assert vectors.count_stale(session, embedder=embedder) == 1
    assert vectors.refresh(session, embedder=embedder) == 1
    session.commit()
    after = _stored(session)
    assert after.pop(edited) != before.pop(edited)
    assert after == before  # every other row kept its vector
    assert len(embedder.texts) <= 2  # the one row's headline and details


def test_another_model_re_embeds_everything(session: Session, community: Community) -> None:
    vectors.refresh(session, embedder=FakeEmbedder("fake:1"))
    session.commit()
    before = _stored(session)

    assert vectors.refresh(session, embedder=FakeEmbedder("fake:2")) == ALL_ROWS
    session.commit()
    after = _stored(session)
    assert all(after[key][1] != before[key][1] for key in before)
    assert vectors.refresh(session, embedder=FakeEmbedder("fake:2")) == 0
    assert vectors.count_stale(session, embedder=FakeEmbedder("fake:1")) == ALL_ROWS


def test_team_id_limits_the_work_to_that_workspace(session: Session, community: Community) -> None:
    embedder = FakeEmbedder()
    assert vectors.count_stale(session, embedder=embedder, team_id=OTHER_TEAM) == OTHER_TEAM_ROWS
    assert vectors.refresh(session, embedder=embedder, team_id=OTHER_TEAM) == OTHER_TEAM_ROWS
    session.commit()
    assert set(_stored(session)) == {("members", _id(community.carol)), ("offers", _carol_offer(session))}
    assert vectors.count_stale(session, embedder=embedder, team_id=OTHER_TEAM) == 0
    assert vectors.count_stale(session, embedder=embedder, team_id=TEAM) == ALL_ROWS - OTHER_TEAM_ROWS
    assert vectors.count_stale(session, embedder=embedder) == ALL_ROWS - OTHER_TEAM_ROWS


def test_stored_of_reads_current_vectors_without_the_model(session: Session, community: Community) -> None:
    vectors.refresh(session, embedder=FakeEmbedder())
    session.commit()
    stored = _stored(session)
    counting = FakeEmbedder()
    ids = [community.ids["alice"], _id(community.bob), _id(community.carol)]

    found = vectors.stored_of(session, vectors.PROFILE, embedder=counting, ids=ids)

    assert counting.texts == []
    assert set(found) == set(ids)
    for member_id in ids:
        np.testing.assert_array_equal(found[member_id].vector, from_bytes(stored["members", member_id][0]))


def test_stored_of_computes_stale_vectors_in_memory_and_stores_nothing(
    session: Session, community: Community
) -> None:
    vectors.refresh(session, embedder=FakeEmbedder())
    session.commit()
    _edit_need(session, community)
    session.commit()
    before = _stored(session)
    counting = FakeEmbedder()
    need_id = community.ids["need"]

    found = vectors.stored_of(session, vectors.NEED, embedder=counting, ids=[need_id])

    assert counting.texts == ["Nobody finds my bakery on Google Maps", "A bakery in Leipzig"]
    expected = entry_vectors(FakeEmbedder(), [counting.texts[0]], [counting.texts[1]])[0]
    np.testing.assert_array_equal(found[need_id].vector, expected)  # computed now: full float32
    session.commit()
    assert _stored(session) == before
    assert vectors.count_stale(session, embedder=counting) == 1


def test_stored_of_rows_never_embedded(session: Session, community: Community) -> None:
    counting = FakeEmbedder()
    ids = [community.ids["offer"], _carol_offer(session)]
    found = vectors.stored_of(session, vectors.OFFER, embedder=counting, ids=ids)
    assert set(found) == set(ids)
    assert all(found[i].vector.shape == (counting.dims,) for i in ids)
    session.commit()
    assert _stored(session) == {}


def test_stored_of_without_a_model_or_ids_is_empty(session: Session, community: Community) -> None:
    assert vectors.stored_of(session, vectors.OFFER, embedder=None, ids=[community.ids["offer"]]) == {}
    counting = FakeEmbedder()
    assert vectors.stored_of(session, vectors.OFFER, embedder=counting, ids=[]) == {}
    assert counting.texts == []


def test_count_stale_agrees_with_what_refresh_then_does(session: Session, community: Community) -> None:
    embedder = FakeEmbedder()
    stale = vectors.count_stale(session, embedder=embedder, team_id=TEAM)
    assert stale == vectors.refresh(session, embedder=embedder, team_id=TEAM)
    stale = vectors.count_stale(session, embedder=embedder)
    assert stale == vectors.refresh(session, embedder=embedder) == OTHER_TEAM_ROWS
    assert vectors.count_stale(session, embedder=embedder) == 0


def test_without_a_model_nothing_is_embedded_or_stale(session: Session, community: Community) -> None:
    assert vectors.refresh(session, embedder=None) == 0
    assert vectors.count_stale(session, embedder=None) == 0
    session.commit()
    assert _stored(session) == {}


def test_progress_counts_add_up_to_the_total(
    session: Session, community: Community, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vectors, "BATCH", 2)
    embedder = FakeEmbedder()
    total = vectors.count_stale(session, embedder=embedder)
    reported: list[int] = []

    done = vectors.refresh(session, embedder=embedder, progress=reported.append)

    assert sum(reported) == done == total == ALL_ROWS
    assert all(count > 0 for count in reported)
    assert len(reported) > len(vectors.SOURCES)  # several batches of one table


def test_a_forgotten_member_leaves_no_vector_behind(session: Session, community: Community) -> None:
    vectors.refresh(session, embedder=FakeEmbedder())
    session.commit()
    alice = community.ids["alice"]
    theirs = {("members", alice), *(_entry_keys(session, alice))}
    kept = {key: value for key, value in _stored(session).items() if key not in theirs}
    assert len(theirs) == 4

    privacy.forget(session, team_id=TEAM, user_id="U0ALICE", now=NOW)
    session.commit()

    assert _stored(session) == kept
    assert _stored_keys_of(session, alice) == []


# --- helpers --------------------------------------------------------------------------------------------


def _stored(session: Session) -> dict[Key, tuple[Any, Any]]:
    """Every row holding a stored vector: (table, id) → (embedding bytes, key)."""
    found: dict[Key, tuple[Any, Any]] = {}
    for source in vectors.SOURCES:
        table = source.model.__table__
        query = sa.select(table.c.id, table.c.embedding, table.c.embedding_key).where(
            sa.or_(table.c.embedding.is_not(None), table.c.embedding_key.is_not(None))
        )
        for row in session.execute(query):
            found[table.name, row.id] = (bytes(row.embedding), row.embedding_key)
    return found


def _entry_keys(session: Session, member_id: int) -> set[Key]:
    keys: set[Key] = set()
    for source in (vectors.OFFER, vectors.NEED, vectors.PROJECT):
        table = source.model.__table__
        ids = session.execute(sa.select(table.c.id).where(table.c.member_id == member_id)).scalars()
        keys |= {(table.name, row_id) for row_id in ids}
    return keys


def _stored_keys_of(session: Session, member_id: int) -> list[tuple[str, str]]:
    """Any stored vector still tied to this member id: their profile or an entry of theirs."""
    found: list[tuple[str, str]] = []
    for source in vectors.SOURCES:
        table = source.model.__table__
        owner = table.c.id if table.name == "members" else table.c.member_id
        query = sa.select(table.c.embedding_key).where(owner == member_id, table.c.embedding.is_not(None))
        found += [(table.name, key) for key in session.execute(query).scalars()]
    return found


def _carol_offer(session: Session) -> int:
    table = vectors.OFFER.model.__table__
    return int(session.execute(sa.select(table.c.id).where(table.c.team_id == OTHER_TEAM)).scalar_one())


def _id(member_or_entry: Any) -> int:
    assert member_or_entry.id is not None
    return int(member_or_entry.id)
