"""Scoring: how well each left document (a need, a project…) fits each right one (an offer, a project…).

`Scorer` is the small interface the engine depends on; a semantic-embedding scorer can implement it later.
`ConceptTextScorer` combines two cosine similarities:
- concepts (curated skills named or written, weighted by rarity: IDF, with umbrella skills such as
  "marketing" weighed down, and a related skill counting partly: bookkeeping ~ accounting);
- topic words (TF-IDF over stemmed words, bigrams included).
Candidate pairs come from an inverted index whose posting lists are cut to the strongest entries per
feature, so the work grows with the number of documents, not with its square.
"""

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from bot.matching.analysis import Analysis, analyse, combined
from bot.matching.concepts import ConceptIndex, concept_index

CONCEPT_WEIGHT = 0.7
TEXT_WEIGHT = 0.3
GENERIC_FACTOR = 0.35
RELATED_FACTOR = 0.4
THRESHOLD = 0.25
TEXT_ONLY_MINIMUM = 0.3  # without a shared skill, words alone must agree this much
POSTINGS_PER_CONCEPT = 100
POSTINGS_PER_TERM = 10
CHUNK = 2000


@dataclass(frozen=True, slots=True, eq=False)
class Doc:
    """Something to match: its owner, main text, supporting text and chosen skill tags; or, for a member's
    interests as a whole, the documents it is made of (`parts`). Compared by identity: the scorer caches
    what it read per document object, and hashing long texts on every lookup would be wasted work."""

    owner: int
    text: str = ""
    details: str = ""
    tags: tuple[str, ...] = ()
    parts: tuple["Doc", ...] = ()
    vector: np.ndarray | None = None  # the text's sentence embedding, when a model is configured
    profile: np.ndarray | None = None  # its owner's title and bio, embedded (for an offer: who offers it)
    analysis: Analysis | None = None  # what the vocabulary reads in it, when stored


@dataclass(frozen=True, slots=True)
class Match:
    left: int
    right: int
    score: float


Found = tuple[np.ndarray, np.ndarray, np.ndarray]  # matches as arrays: left rows, right rows, scores


def found(matches: Sequence[Match]) -> Found:
    """Matches as arrays."""
    return (
        np.array([m.left for m in matches], dtype=np.int64),
        np.array([m.right for m in matches], dtype=np.int64),
        np.array([m.score for m in matches], dtype=np.float64),
    )


class Scorer(Protocol):
    @property
    def threshold(self) -> float:
        """Below this score nothing is suggested (calibrated per scorer on the tuning set)."""
        ...

    def match(self, left: Sequence[Doc], right: Sequence[Doc], *, per_left: int) -> list[Match]:
        """For each left document, up to `per_left` right documents of another owner, best first."""
        ...

    def shared(self, left: Doc, right: Doc) -> tuple[str, ...]:
        """The skills both documents name, the strongest first (a suggestion's reason names them)."""
        ...


@dataclass
class _Features:
    concepts: list[dict[str, float]]
    terms: list[tuple[str, ...]]


class ConceptTextScorer:
    """Reads each document once per instance: use one instance per digest computation."""

    threshold = THRESHOLD

    def __init__(self, index: ConceptIndex | None = None) -> None:
        self.index = index or concept_index()
        self._readings: dict[Doc, Analysis] = {}

    def match(self, left: Sequence[Doc], right: Sequence[Doc], *, per_left: int) -> list[Match]:
        if not left or not right:
            return []
        space = self.space(left, right)
        lefts, rights = space.candidates(per_left * 3)
        concept, text = space.scores(lefts, rights)
        score = CONCEPT_WEIGHT * concept + TEXT_WEIGHT * text
        return best_matches(lefts, rights, score, (concept > 0) | (text >= TEXT_ONLY_MINIMUM), per_left)

    def space(self, left: Sequence[Doc], right: Sequence[Doc]) -> "Space":
        """Both sides as weighted concept and TF-IDF word matrices, to score any pairs of them."""
        features = self._read([*left, *right])
        columns, idf = self._concept_space(features.concepts)
        left_concepts = self._concept_matrix(features.concepts[: len(left)], columns, idf, expand=True)
        right_concepts = self._concept_matrix(features.concepts[len(left) :], columns, idf, expand=False)
        if any(features.terms):
            vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
            vectorizer.fit(features.terms)
            left_text = vectorizer.transform(features.terms[: len(left)])
            right_text = vectorizer.transform(features.terms[len(left) :])
        else:  # not a single word to compare ("???"): an empty vocabulary
            left_text, right_text = sp.csr_matrix((len(left), 0)), sp.csr_matrix((len(right), 0))
        return Space(
            left_concepts,
            right_concepts,
            left_text.tocsr(),
            right_text.tocsr(),
            np.array([doc.owner for doc in left]),
            np.array([doc.owner for doc in right]),
        )

    # --- features ----------------------------------------------------------------------------------

    def _read(self, docs: Sequence[Doc]) -> _Features:
        readings = [self.reading(doc) for doc in docs]
        return _Features(concepts=[r.concepts for r in readings], terms=[r.terms for r in readings])

    def reading(self, doc: Doc) -> Analysis:
        """What the vocabulary reads in a document: stored with it when it comes from the database."""
        if doc.analysis is not None:
            return doc.analysis
        found = self._readings.get(doc)
        if found is None:
            found = self._readings[doc] = (
                combined(self.reading(part) for part in doc.parts)
                if doc.parts
                else analyse(self.index, doc.text, doc.details, doc.tags)
            )
        return found

    def shared(self, left: Doc, right: Doc) -> tuple[str, ...]:
        return self.shared_concepts(self.reading(left).concepts, self.reading(right).concepts)

    def _concept_space(self, concepts: Sequence[dict[str, float]]) -> tuple[dict[str, int], np.ndarray]:
        document_frequency: Counter[str] = Counter()
        for counts in concepts:
            document_frequency.update(counts.keys())
        names = sorted(document_frequency)
        total = len(concepts)
        idf = np.array([math.log((1 + total) / (1 + document_frequency[name])) + 1.0 for name in names])
        idf *= np.array([GENERIC_FACTOR if name in self.index.generic else 1.0 for name in names])
        return {name: column for column, name in enumerate(names)}, idf

    def _concept_matrix(
        self, concepts: Sequence[dict[str, float]], columns: dict[str, int], idf: np.ndarray, *, expand: bool
    ) -> sp.csr_matrix:
        rows, cols, values = [], [], []
        for row, counts in enumerate(concepts):
            weights = {
                name: (1.0 + math.log(count)) if count >= 1 else count for name, count in counts.items()
            }
            if expand:  # a need for bookkeeping is partly met by accounting
                for name, weight in list(weights.items()):
                    for other in self.index.related.get(name, ()):
                        if other in columns and other not in weights:
                            weights[other] = max(weights.get(other, 0.0), weight * RELATED_FACTOR)
            for name, weight in weights.items():
                if name in columns:
                    rows.append(row)
                    cols.append(columns[name])
                    values.append(weight * idf[columns[name]])
        matrix = sp.csr_matrix((values, (rows, cols)), shape=(len(concepts), len(columns)), dtype=np.float64)
        return normalize(matrix) if columns else matrix  # no skill named anywhere: nothing to normalise

    def shared_concepts(self, left: dict[str, float], right: dict[str, float]) -> tuple[str, ...]:
        """The skills of `left` that `right` names too (umbrella skills last), then related ones."""
        direct = [name for name in left if name in right]
        related = [other for name in left for other in self.index.related.get(name, ()) if other in right]
        ranked = sorted(
            dict.fromkeys(direct), key=lambda name: (name in self.index.generic, -right[name], name)
        )
        return tuple(ranked + [name for name in dict.fromkeys(related) if name not in ranked])


@dataclass(frozen=True)
class Space:
    left_concepts: sp.csr_matrix
    right_concepts: sp.csr_matrix
    left_text: sp.csr_matrix
    right_text: sp.csr_matrix
    left_owner: np.ndarray
    right_owner: np.ndarray

    def scores(self, lefts: np.ndarray, rights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(concept cosine, word TF-IDF cosine) of each pair (lefts[k], rights[k])."""
        concept = sparse_row_dots(self.left_concepts, self.right_concepts, lefts, rights)
        text = sparse_row_dots(self.left_text, self.right_text, lefts, rights)
        return concept, text

    def candidates(self, keep: int, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Approximate scores through postings cut to the strongest entries per feature (so the work grows
        with the number of documents, not its square); the `keep` best right documents per left one (of
        the left `rows` only, when given)."""
        rows = np.arange(self.left_concepts.shape[0]) if rows is None else np.asarray(rows, dtype=np.int64)
        lefts: list[np.ndarray] = []
        rights: list[np.ndarray] = []
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            scores = (self._weighted_left[chunk] @ self._postings).tocsr()
            found = chunk[np.repeat(np.arange(scores.shape[0]), np.diff(scores.indptr))]
            cols = scores.indices
            other_owner = self.right_owner[cols] != self.left_owner[found]
            best = top_per_group(found[other_owner], scores.data[other_owner], cols[other_owner], keep)
            lefts.append(found[other_owner][best])
            rights.append(cols[other_owner][best])
        if not lefts:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        return np.concatenate(lefts), np.concatenate(rights)

    @cached_property
    def _weighted_left(self) -> sp.csr_matrix:
        return sp.hstack(
            [self.left_concepts * math.sqrt(CONCEPT_WEIGHT), self.left_text * math.sqrt(TEXT_WEIGHT)]
        ).tocsr()

    @cached_property
    def _postings(self) -> sp.csr_matrix:
        """The right side, each feature cut to its strongest entries, transposed for products."""
        right = sp.hstack(
            [
                _strongest_postings(self.right_concepts, POSTINGS_PER_CONCEPT) * math.sqrt(CONCEPT_WEIGHT),
                _strongest_postings(self.right_text, POSTINGS_PER_TERM) * math.sqrt(TEXT_WEIGHT),
            ]
        ).tocsr()
        return right.T.tocsr()


def best_matches(
    lefts: np.ndarray, rights: np.ndarray, score: np.ndarray, usable: np.ndarray, per_left: int
) -> list[Match]:
    """The usable pairs, at most `per_left` per left document, best first."""
    lefts, rights, score = lefts[usable], rights[usable], score[usable]
    best = top_per_group(lefts, score, rights, per_left)
    return [
        Match(left=i, right=j, score=round(value, 4))
        for i, j, value in zip(lefts[best].tolist(), rights[best].tolist(), score[best].tolist(), strict=True)
    ]


def top_per_group(groups: np.ndarray, scores: np.ndarray, tiebreak: np.ndarray, keep: int) -> np.ndarray:
    """Positions of the `keep` best entries of each group (highest score, then lowest tiebreak), ordered by
    group then rank. One sort for everything, on one float key: no Python loop per group."""
    if len(groups) == 0:
        return np.empty(0, dtype=np.int64)
    # group first (scores are below 8), then score (to 1e-6), then the tiebreak (at most 1e-5 apart)
    key = groups * 8.0 - np.round(scores, 6) + tiebreak * 1e-11
    order = np.argsort(key, kind="quicksort")
    ordered = groups[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    rank = np.arange(len(order)) - np.repeat(starts, sizes)
    return order[rank < keep]


def _identity(terms: list[str]) -> list[str]:
    return terms


def _strongest_postings(matrix: sp.csr_matrix, per_feature: int) -> sp.csr_matrix:
    """Keep, for each feature (column), only its `per_feature` largest entries."""
    by_feature = matrix.tocsc()
    keep = np.zeros(by_feature.nnz, dtype=bool)
    for column in range(by_feature.shape[1]):
        begin, end = by_feature.indptr[column], by_feature.indptr[column + 1]
        if end - begin <= per_feature:
            keep[begin:end] = True
        else:
            values, rows = by_feature.data[begin:end], by_feature.indices[begin:end]
            keep[begin + np.lexsort((rows, -values))[:per_feature]] = True
    trimmed = by_feature.copy()
    trimmed.data = np.where(keep, trimmed.data, 0.0)
    trimmed.eliminate_zeros()
    return trimmed.tocsr()


def sparse_row_dots(
    left: sp.csr_matrix, right: sp.csr_matrix, lefts: np.ndarray, rights: np.ndarray
) -> np.ndarray:
    """left[lefts[k]] · right[rights[k]] for every k, in chunks to bound memory."""
    out = np.zeros(len(lefts))
    for start in range(0, len(lefts), 200_000):
        stop = start + 200_000
        product = left[lefts[start:stop]].multiply(right[rights[start:stop]])
        out[start:stop] = np.asarray(product.sum(axis=1)).ravel()
    return out
