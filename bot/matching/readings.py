"""What the hybrid matcher reads in many texts at once, as columns: one row per text.

A large community has hundreds of thousands of texts. Held as one object per text (a vector array, a dict
of skills, a tuple of words), their readings cost gigabytes and every comparison walks them in Python.
A `Table` holds them as one vector matrix, one sparse matrix of skills and one of topic words, plus the few
rows whose sense rules or places need a closer look. Tables being compared share their `Columns`, so a
skill or a word is the same column on both sides.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from bot.matching.analysis import Analysis
from bot.matching.concepts import ConceptIndex

DETAILS_WORD_WEIGHT = 0.5  # a word only in the details ("send me a photo of your crumb") counts half


@dataclass(frozen=True, slots=True)
class Sense:
    """What decides whether two texts may be paired at all (hybrid.py `compatible`)."""

    ruled_out: frozenset[str] = frozenset()  # skills whose words mean something else here ("ball python")
    places: frozenset[str] = frozenset()  # countries named
    scoped: bool = False  # "… only": for those places only


NO_SENSE = Sense()


class Columns:
    """Column numbers of skills and topic words, handed out as they are first seen."""

    def __init__(self) -> None:
        self.concepts: dict[str, int] = {}
        self.words: dict[str, int] = {}
        self._concept_names: list[str] = []

    def concept(self, name: str) -> int:
        column = self.concepts.get(name)
        if column is None:
            column = self.concepts[name] = len(self.concepts)
            self._concept_names.append(name)
        return column

    def word(self, word: str) -> int:
        column = self.words.get(word)
        if column is None:
            column = self.words[word] = len(self.words)
        return column

    def concept_name(self, column: int) -> str:
        return self._concept_names[column]


@dataclass(frozen=True, eq=False)
class Table:
    owner: np.ndarray  # (rows,) member ids
    vectors: np.ndarray  # (rows, dims) float16 or float32; a zero row where nothing was embedded
    concepts: sp.csr_matrix  # (rows, skills): each skill's weight as read (analysis.py)
    words: sp.csr_matrix  # (rows, words): 1 for a word of the headline, DETAILS_WORD_WEIGHT for details only
    senses: dict[int, Sense]  # only the rows with a ruled-out sense or a named place
    columns: Columns

    def __len__(self) -> int:
        return len(self.owner)

    def concept_matrix(self) -> sp.csr_matrix:
        return _widened(self.concepts, len(self.columns.concepts))

    def word_matrix(self) -> sp.csr_matrix:
        return _widened(self.words, len(self.columns.words))

    def concepts_of(self, row: int) -> dict[str, float]:
        """Skill → weight for one row, in column order."""
        begin, end = self.concepts.indptr[row], self.concepts.indptr[row + 1]
        return {
            self.columns.concept_name(int(column)): float(weight)
            for column, weight in zip(
                self.concepts.indices[begin:end], self.concepts.data[begin:end], strict=True
            )
        }

    def sense(self, row: int) -> Sense:
        return self.senses.get(row, NO_SENSE)

    def flagged(self) -> np.ndarray:
        """Rows whose sense rules or places need a look before pairing them."""
        out = np.zeros(len(self), dtype=bool)
        out[list(self.senses)] = True
        return out

    def take(self, rows: Sequence[int] | np.ndarray) -> "Table":
        """These rows only, in this order."""
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) == len(self) and (rows == np.arange(len(self))).all():
            return self  # every row in order: nothing to copy
        position = {int(row): new for new, row in enumerate(rows.tolist())}
        return Table(
            owner=self.owner[rows],
            vectors=self.vectors[rows],
            concepts=self.concepts[rows],
            words=self.words[rows],
            senses={position[row]: sense for row, sense in self.senses.items() if row in position},
            columns=self.columns,
        )


class TableBuilder:
    """Adds one text at a time (its owner, vector and reading) and builds the `Table`."""

    def __init__(
        self, columns: Columns, index: ConceptIndex, *, rows: int, dims: int, dtype: type = np.float32
    ):
        self.columns = columns
        self.index = index
        self.owner = np.zeros(rows, dtype=np.int64)
        self.vectors: np.ndarray = np.zeros((rows, dims), dtype=dtype)
        self._concepts = _SparseRows()
        self._words = _SparseRows()
        self.senses: dict[int, Sense] = {}
        self.rows = 0

    def add(self, owner: int, vector: np.ndarray | None, reading: Analysis) -> None:
        row = self.rows
        self.owner[row] = owner
        if vector is not None and len(vector):
            self.vectors[row] = vector
        self._concepts.add((self.columns.concept(name), weight) for name, weight in reading.concepts.items())
        self._words.add(
            (self.columns.word(word), weight) for word, weight in topic_words(self.index, reading).items()
        )
        if reading.ruled_out or reading.places:
            self.senses[row] = Sense(reading.ruled_out, reading.places, reading.scoped)
        self.rows += 1

    def build(self) -> Table:
        rows = self.rows
        return Table(
            owner=self.owner[:rows],
            vectors=self.vectors[:rows],
            concepts=self._concepts.matrix(len(self.columns.concepts)),
            words=self._words.matrix(len(self.columns.words)),
            senses=self.senses,
            columns=self.columns,
        )


def topic_words(index: ConceptIndex, reading: Analysis) -> dict[str, float]:
    """The topic words of a text as the vocabulary reads them, less those whose sense the vocabulary does
    not confirm ("ruby" in a jeweller's offer) or rules out ("deck" of a timber deck)."""
    unclear = _unclear(index, frozenset(reading.concepts), reading.ruled_out)
    return {
        term: DETAILS_WORD_WEIGHT if term in reading.in_details else 1.0
        for term in reading.terms
        if " " not in term and ":" not in term and term not in unclear
    }


@lru_cache(maxsize=1024)
def _unclear(index: ConceptIndex, concepts: frozenset[str], ruled_out: frozenset[str]) -> frozenset[str]:
    """Words whose sense is unconfirmed or ruled out (the same few combinations recur across a community)."""
    return index.unconfirmed(concepts) | index.words_of(ruled_out)


def table_of(
    columns: Columns,
    index: ConceptIndex,
    entries: Sequence[tuple[int, np.ndarray | None, Analysis]],
    *,
    dims: int,
) -> Table:
    """A table of (owner, vector, reading) entries, in order."""
    builder = TableBuilder(columns, index, rows=len(entries), dims=dims)
    for owner, vector, reading in entries:
        builder.add(owner, vector, reading)
    return builder.build()


def grouped(parts: Sequence[Table], groups: Sequence[np.ndarray], owners: np.ndarray) -> Table:
    """One row per owner made of several rows of several tables: `groups[t][r]` is the output row that row
    `r` of `parts[t]` belongs to (-1: none). Vectors are averaged and set back to length 1, skill weights
    add up, a word counts as in the headline when any part has it there, and senses join."""
    count = len(owners)
    columns = parts[0].columns
    vectors = np.zeros((count, parts[0].vectors.shape[1]), dtype=np.float32)
    concepts = sp.csr_matrix((count, len(columns.concepts)))
    headline = sp.csr_matrix((count, len(columns.words)))
    any_word = sp.csr_matrix((count, len(columns.words)))
    senses: dict[int, Sense] = {}
    for part, group in zip(parts, groups, strict=True):
        inside = np.flatnonzero(group >= 0)
        membership = sp.csr_matrix((np.ones(len(inside)), (group[inside], inside)), shape=(count, len(part)))
        _add_vectors(vectors, part.vectors, group)
        concepts = concepts + membership @ part.concept_matrix()
        words = part.word_matrix()
        headline = headline + membership @ (words >= 1.0).astype(np.float64)
        any_word = any_word + membership @ (words > 0).astype(np.float64)
        for row, sense in sorted(part.senses.items()):
            if group[row] >= 0:
                senses[int(group[row])] = _joined(senses.get(int(group[row]), NO_SENSE), sense)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    np.divide(vectors, norms, out=vectors, where=norms > 0)
    words = (any_word > 0).astype(np.float64) * DETAILS_WORD_WEIGHT + (headline > 0).astype(np.float64) * (
        1.0 - DETAILS_WORD_WEIGHT
    )
    return Table(
        owner=np.asarray(owners, dtype=np.int64),
        vectors=vectors.astype(np.float16),  # the precision they were stored in
        concepts=sp.csr_matrix(concepts),
        words=sp.csr_matrix(words),
        senses=senses,
        columns=columns,
    )


def _add_vectors(out: np.ndarray, vectors: np.ndarray, group: np.ndarray, block: int = 32_768) -> None:
    """out[g] += the sum of the vectors of group g's rows, a block of rows at a time (a member's parts
    added in float32, never a copy of all of them at once)."""
    rows = np.flatnonzero(group >= 0)
    rows = rows[np.argsort(group[rows], kind="stable")]
    for start in range(0, len(rows), block):
        chosen = rows[start : start + block]
        groups = group[chosen]
        firsts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
        out[groups[firsts]] += np.add.reduceat(vectors[chosen], firsts, axis=0, dtype=np.float32)


def _joined(one: Sense, other: Sense) -> Sense:
    return Sense(one.ruled_out | other.ruled_out, one.places | other.places, one.scoped or other.scoped)


class _SparseRows:
    """A CSR matrix built one row at a time, in flat arrays (no per-row objects)."""

    def __init__(self) -> None:
        self.indptr = [0]
        self.indices: list[int] = []
        self.data: list[float] = []

    def add(self, entries: Iterable[tuple[int, float]]) -> None:
        for column, value in entries:
            self.indices.append(column)
            self.data.append(value)
        self.indptr.append(len(self.indices))

    def matrix(self, width: int) -> sp.csr_matrix:
        matrix = sp.csr_matrix(
            (
                np.asarray(self.data, dtype=np.float64),
                np.asarray(self.indices, dtype=np.int32),
                np.asarray(self.indptr, dtype=np.int64),
            ),
            shape=(len(self.indptr) - 1, width),
        )
        matrix.sum_duplicates()
        return matrix


def _widened(matrix: sp.csr_matrix, width: int) -> sp.csr_matrix:
    """The same rows with `width` columns (columns handed out after it was built are empty in it)."""
    if matrix.shape[1] == width:
        return matrix
    return sp.csr_matrix((matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], width))
