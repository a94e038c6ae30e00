"""Stored sentence vectors: each profile's and entry's embedding is computed once and kept with the key it
was computed under (model and text), and computed again only when the text or the model changes."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlmodel import Session

from bot.matching.embeddings import Embedder, entry_vectors, from_bytes, text_key, to_bytes
from bot.models import Member, Need, Offer, Project

BATCH = 2000
Progress = Callable[[int], object]  # called with how many more rows were embedded


@dataclass(frozen=True)
class Source:
    """Which table, and which of its columns make the headline and the details of its text."""

    model: Any
    main: tuple[str, ...]
    details: tuple[str, ...]

    def texts(self, row: Any) -> tuple[str, str]:
        main = ". ".join(_text(row._mapping[name]) for name in self.main if row._mapping[name])
        details = "\n".join(_text(row._mapping[name]) for name in self.details if row._mapping[name])
        return main, details


PROFILE = Source(Member, ("title",), ("bio",))
OFFER = Source(Offer, ("description", "skills"), ("details",))
NEED = Source(Need, ("description", "skills"), ("details",))
PROJECT = Source(Project, ("name", "description", "skills"), ("help_wanted",))
SOURCES = (PROFILE, OFFER, NEED, PROJECT)


def vectors_of(
    session: Session, source: Source, *, embedder: Embedder | None, ids: list[int]
) -> dict[int, np.ndarray]:
    """Row id → vector for `ids`: stored ones where still current, the rest computed now (not stored)."""
    if embedder is None or not ids:
        return {}
    found: dict[int, np.ndarray] = {}
    stale: list[tuple[int, str, str]] = []
    for chunk in _chunks(ids, BATCH):
        for row in session.execute(_select(source).where(_table(source).c.id.in_(chunk))):
            main, details = source.texts(row)
            if row.embedding is not None and row.embedding_key == text_key(embedder, main, details):
                found[row.id] = from_bytes(row.embedding)
            else:
                stale.append((row.id, main, details))
    if stale:
        vectors = entry_vectors(embedder, [s[1] for s in stale], [s[2] for s in stale])
        found.update({row_id: vectors[i] for i, (row_id, _, _) in enumerate(stale)})
    return found


def refresh(
    session: Session,
    *,
    embedder: Embedder | None,
    team_id: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Embed and store every vector that is missing or out of date (the caller commits). Returns how many."""
    if embedder is None:
        return 0
    done = 0
    for source in SOURCES:
        for stale in _chunks(list(_stale(session, source, embedder, team_id)), BATCH):
            vectors = entry_vectors(embedder, [s[1] for s in stale], [s[2] for s in stale])
            session.execute(
                sa.update(_table(source)).where(_table(source).c.id == sa.bindparam("row_id")),
                [
                    {"row_id": row_id, "embedding": to_bytes(vectors[i]), "embedding_key": key}
                    for i, (row_id, _, _, key) in enumerate(stale)
                ],
                execution_options={"synchronize_session": False},
            )
            done += len(stale)
            if progress:
                progress(len(stale))
    return done


def count_stale(session: Session, *, embedder: Embedder | None, team_id: str | None = None) -> int:
    if embedder is None:
        return 0
    return sum(1 for source in SOURCES for _ in _stale(session, source, embedder, team_id))


def _stale(
    session: Session, source: Source, embedder: Embedder, team_id: str | None
) -> Iterator[tuple[int, str, str, str]]:
    query = _select(source)
    if team_id is not None:
        query = query.where(_table(source).c.team_id == team_id)
    for row in session.execute(query.order_by(_table(source).c.id)):
        main, details = source.texts(row)
        key = text_key(embedder, main, details)
        if row.embedding is None or row.embedding_key != key:
            yield row.id, main, details, key


def _select(source: Source) -> sa.Select[Any]:
    table = _table(source)
    columns = [table.c[name] for name in dict.fromkeys((*source.main, *source.details))]
    return sa.select(table.c.id, table.c.embedding, table.c.embedding_key, *columns)


def _table(source: Source) -> sa.Table:
    table: sa.Table = source.model.__table__
    return table


def _text(value: Any) -> str:
    """A column as text: skill tags read as words ("e-mail-marketing" → "e mail marketing")."""
    if isinstance(value, list):
        return ", ".join(str(tag).replace("-", " ") for tag in value)
    return str(value)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
