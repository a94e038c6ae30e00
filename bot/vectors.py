"""Stored readings: each profile's and entry's sentence vector, and what the vocabulary reads in it, are
computed once and kept with the key they were computed under (model, vocabulary and text). They are
computed again only when one of those changes, so a digest reads them instead of re-reading every text."""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlmodel import Session

from bot.matching.analysis import Analysis, analyse, read_once, reader_version
from bot.matching.concepts import concept_index
from bot.matching.embeddings import Embedder, entry_vectors, from_bytes, text_key, to_bytes
from bot.matching.readings import Columns, Table, TableBuilder
from bot.models import Member, Need, Offer, Project

BATCH = 2000
CONCEPTS_INDEXED = (
    1000  # characters at most of an entry's `concepts` (indexed: PostgreSQL allows 2,704 bytes)
)
Progress = Callable[[int], object]  # called with how many more rows were embedded


@dataclass(frozen=True, slots=True)
class Stored:
    vector: np.ndarray
    analysis: Analysis


@dataclass(frozen=True)
class Source:
    """A table, the columns that make the headline and the details of its embedded text, and what the
    vocabulary reads (headline, details, tags: the same text the matcher compares)."""

    model: Any
    main: tuple[str, ...]
    details: tuple[str, ...]
    read: Callable[[Any], tuple[str, str, tuple[str, ...]]]

    def texts(self, row: Any) -> tuple[str, str]:
        main = ". ".join(_text(row._mapping[name]) for name in self.main if row._mapping[name])
        details = "\n".join(_text(row._mapping[name]) for name in self.details if row._mapping[name])
        return main, details

    def columns(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.main, *self.details)))


def _entry(row: Any) -> tuple[str, str, tuple[str, ...]]:
    return row.description, row.details, tuple(row.skills or ())


def _project(row: Any) -> tuple[str, str, tuple[str, ...]]:
    return f"{row.name}. {row.description}", row.help_wanted, tuple(row.skills or ())


def _profile(row: Any) -> tuple[str, str, tuple[str, ...]]:
    return "", row.bio, ()  # who someone is, by their own words (a title is a craft, not a theme)


PROFILE = Source(Member, ("title",), ("bio",), _profile)
OFFER = Source(Offer, ("description", "skills"), ("details",), _entry)
NEED = Source(Need, ("description", "skills"), ("details",), _entry)
PROJECT = Source(Project, ("name", "description", "skills"), ("help_wanted",), _project)
SOURCES = (PROFILE, OFFER, NEED, PROJECT)


def key_of(embedder: Embedder, main: str, details: str) -> str:
    """The stored reading's key: the model, the vocabulary and the exact text."""
    return text_key(embedder, f"{reader_version()}\x00{main}", details)


def stored_of(
    session: Session, source: Source, *, embedder: Embedder | None, ids: list[int]
) -> dict[int, Stored]:
    """Row id → its vector and reading for `ids`: stored ones where still current, the rest computed now
    (and not stored: a dry run stores nothing)."""
    if embedder is None or not ids:
        return {}
    found: dict[int, Stored] = {}
    stale: list[Any] = []
    for chunk in _chunks(ids, BATCH):
        for row in session.execute(_select(source).where(_table(source).c.id.in_(chunk))):
            if _current(row, key_of(embedder, *source.texts(row))):
                found[row.id] = Stored(from_bytes(row.embedding), Analysis.from_json(row.analysis))
            else:
                stale.append(row)
    for row, computed in zip(stale, _compute(source, embedder, stale), strict=True):
        found[row.id] = computed
    return found


def stored_table(
    session: Session,
    source: Source,
    *,
    embedder: Embedder,
    ids: list[int],
    owners: list[int],
    columns: Columns,
) -> Table:
    """The readings of rows `ids` (owned by `owners`), row for row, as one table: stored ones where still
    current, the rest computed now (and not stored). Vectors stay in half precision, as stored, and no
    reading is kept as an object: a community of 100,000 members reads in a few hundred megabytes."""
    builder = TableBuilder(columns, concept_index(), rows=len(ids), dims=embedder.dims, dtype=np.float16)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        rows = {row.id: row for row in session.execute(_select(source).where(_table(source).c.id.in_(chunk)))}
        stale = [row for row in rows.values() if not _current(row, key_of(embedder, *source.texts(row)))]
        computed = {
            row.id: reading for row, reading in zip(stale, _compute(source, embedder, stale), strict=True)
        }
        for row_id, owner in zip(chunk, owners[start : start + BATCH], strict=True):
            if row_id in computed:
                builder.add(owner, computed[row_id].vector, computed[row_id].analysis)
            elif row_id in rows:
                found = rows[row_id]
                builder.add(owner, from_bytes(found.embedding), read_once(found.analysis))
            else:  # gone since the community was read: nothing to match by
                builder.add(owner, None, Analysis({}, ()))
    return builder.build()


def refresh(
    session: Session,
    *,
    embedder: Embedder | None,
    team_id: str | None = None,
    progress: Progress | None = None,
) -> int:
    """Compute and store every reading missing or out of date (the caller commits). Returns how many."""
    if embedder is None:
        return 0
    done = 0
    for source in SOURCES:
        table = _table(source)
        for stale in _chunks(list(_stale(session, source, embedder, team_id)), BATCH):
            computed = _compute(source, embedder, [row for row, _ in stale])
            session.execute(
                sa.update(table).where(table.c.id == sa.bindparam("row_id")),
                [
                    {
                        "row_id": row.id,
                        "embedding": to_bytes(reading.vector),
                        "analysis": reading.analysis.to_json(),
                        "embedding_key": key,
                    }
                    | ({"concepts": concepts_text(reading.analysis)} if "concepts" in table.c else {})
                    for (row, key), reading in zip(stale, computed, strict=True)
                ],
                execution_options={"synchronize_session": False},
            )
            done += len(stale)
            if progress:
                progress(len(stale))
    return done


def concepts_text(analysis: Analysis) -> str | None:
    """An offer's or need's concepts as compact JSON, kept beside it in an index so the dashboard reads what
    every entry is about without reading the entries' rows; None when too long to index (then it reads the
    text)."""
    text = json.dumps(analysis.concepts, separators=(",", ":"))
    return text if len(text) <= CONCEPTS_INDEXED else None


def count_stale(session: Session, *, embedder: Embedder | None, team_id: str | None = None) -> int:
    if embedder is None:
        return 0
    return sum(1 for source in SOURCES for _ in _stale(session, source, embedder, team_id))


def _compute(source: Source, embedder: Embedder, rows: list[Any]) -> list[Stored]:
    if not rows:
        return []
    texts = [source.texts(row) for row in rows]
    vectors = entry_vectors(embedder, [main for main, _ in texts], [details for _, details in texts])
    index = concept_index()
    return [Stored(vectors[i], analyse(index, *source.read(row))) for i, row in enumerate(rows)]


def _stale(
    session: Session, source: Source, embedder: Embedder, team_id: str | None
) -> Iterator[tuple[Any, str]]:
    """Rows whose stored reading is missing or out of date, each with the key it should be stored under."""
    query = _select(source)
    if team_id is not None:
        query = query.where(_table(source).c.team_id == team_id)
    for row in session.execute(query.order_by(_table(source).c.id)).all():
        key = key_of(embedder, *source.texts(row))
        if not _current(row, key):
            yield row, key


def _current(row: Any, key: str) -> bool:
    return row.embedding is not None and row.analysis is not None and row.embedding_key == key


def _select(source: Source) -> sa.Select[Any]:
    table = _table(source)
    columns = [table.c[name] for name in source.columns()]
    return sa.select(table.c.id, table.c.embedding, table.c.embedding_key, table.c.analysis, *columns)


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
