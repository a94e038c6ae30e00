"""The hybrid scorer: sentence embeddings find who fits, the curated vocabulary keeps it honest.

- Recall comes from meaning. Each document carries a sentence embedding; candidates are its nearest
  neighbours by cosine, after removing the direction every text of this community shares (what makes two
  unrelated Slack messages look alike: "hi, I'm looking for…").
- Words: the share of each text's rare words the other uses too (coverage.py), as the vocabulary reads
  them, so a word in a sense the vocabulary rules out or cannot confirm never counts.
- Precision and the words of the reason come from the concept vocabulary. A named skill on both sides adds
  to the score; a sense rule that says a word means something else on one side ("ball python", "coffee
  from Java") vetoes the pair whenever the other side means the skill; advice that depends on the country
  is never suggested across borders (places.py).
- Who the helper is: how well the need fits the title and bio of the offer's owner.
- One calibrated threshold: below it nothing is suggested, so a need nobody can answer gets no helper.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from bot.matching.analysis import Analysis
from bot.matching.concepts import ConceptIndex, concept_index
from bot.matching.coverage import Coverage
from bot.matching.neighbours import Neighbours
from bot.matching.places import overlap
from bot.matching.readings import Columns, Sense, Table, table_of
from bot.matching.scorer import ConceptTextScorer, Doc, Match, top_per_group
from bot.matching.skill_space import skill_space

# One score from four signals (weights chosen on the tuning set, see tests/matching/data/README.md):
COSINE_WEIGHT = 0.5  # the two texts' sentence vectors point the same way
WORDS_WEIGHT = 2.0  # they use the same rare words (coverage.py)
CONCEPTS_WEIGHT = 0.8  # curated skills named or written on both sides (concepts.py), weighted by rarity
PROFILE_WEIGHT = 0.6  # the other side's owner, by their title and bio, is about this
# Below this nothing is suggested: chosen on the tuning set, where it keeps most right helpers while a need
# nobody can answer rarely gets a "can help you" (tests/matching/data/README.md has the figures).
THRESHOLD = 0.4
CANDIDATES_FACTOR = 3
LEFT_CHUNK = 8192  # left rows scored at once
ROW_BLOCK = 8192  # rows of 256 floats per step: a few megabytes of temporaries at a time
BACKGROUND_WEIGHT = 200  # the model's background counts as this many texts of the community


@dataclass(frozen=True, eq=False)
class Profiles:
    """Who the owner of each right row is, by their title and bio: `vectors[row_of[r]]` for right row `r`,
    none where `row_of[r]` is -1 (then what they wrote here stands for who they are)."""

    vectors: np.ndarray
    row_of: np.ndarray


class HybridScorer:
    """Reads each document once per instance: use one instance per digest computation."""

    def __init__(
        self,
        *,
        index: ConceptIndex | None = None,
        background: np.ndarray | None = None,
        threshold: float = THRESHOLD,
    ) -> None:
        self.index = index or concept_index()
        self.concepts = ConceptTextScorer(self.index)
        self.background = background
        self.threshold = threshold

    # --- documents (a few at a time: one need, a test) ------------------------------------------------

    def match(self, left: Sequence[Doc], right: Sequence[Doc], *, per_left: int) -> list[Match]:
        if not left or not right:
            return []
        columns = Columns()
        dims = _dims([*left, *right])
        profiles = None
        if any(doc.profile is not None for doc in right):
            found = [doc.profile for doc in right]
            profiles = Profiles(
                np.array(
                    [v if v is not None else np.zeros(dims, np.float32) for v in found], dtype=np.float32
                ),
                np.array([row if v is not None else -1 for row, v in enumerate(found)], dtype=np.int64),
            )
        return self.match_tables(
            self.table(left, columns, dims),
            self.table(right, columns, dims),
            per_left=per_left,
            profiles=profiles,
        )

    def table(self, docs: Sequence[Doc], columns: Columns, dims: int) -> Table:
        return table_of(
            columns,
            self.index,
            [(doc.owner, doc_vector(doc), self.concepts.reading(doc)) for doc in docs],
            dims=dims,
        )

    def shared(self, left: Doc, right: Doc) -> tuple[str, ...]:
        mine, theirs = self.concepts.reading(left), self.concepts.reading(right)
        if not compatible(_sense(mine), mine.concepts, _sense(theirs), theirs.concepts, self.index):
            return ()
        return self.concepts.shared_concepts(mine.concepts, theirs.concepts)

    # --- tables (a whole community) -------------------------------------------------------------------

    def match_tables(
        self, left: Table, right: Table, *, per_left: int, profiles: Profiles | None = None
    ) -> list[Match]:
        """For each left row, up to `per_left` right rows of another owner, best first."""
        lefts, rights, score = self.match_arrays(left, right, per_left=per_left, profiles=profiles)
        return [
            Match(left=i, right=j, score=value)
            for i, j, value in zip(lefts.tolist(), rights.tolist(), score.tolist(), strict=True)
        ]

    def match_arrays(
        self, left: Table, right: Table, *, per_left: int, profiles: Profiles | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`match_tables` as arrays (left rows, right rows, scores rounded to 4 places). The right side is
        read once; left rows are scored `LEFT_CHUNK` at a time, so memory stays flat however many."""
        nothing = np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        if not len(left) or not len(right):
            return nothing
        keep = per_left * CANDIDATES_FACTOR
        mean = community_mean(left.vectors, right.vectors, self.background)
        right_vectors = unit_centred(right.vectors, mean, np.float16)  # half the memory; upcast per block
        index = Neighbours(right_vectors, right.owner, queries=len(left))
        space = skill_space(left, right, self.index)
        words = Coverage(left.word_matrix(), right.word_matrix())
        allowed = _Senses(left, right, self.index)
        home = np.concatenate(
            [
                index.home(unit_centred(left.vectors[s : s + LEFT_CHUNK], mean))
                for s in range(0, len(left), LEFT_CHUNK)
            ]
        )
        order = np.argsort(home, kind="stable")  # chunks of whole clusters
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for start in range(0, len(left), LEFT_CHUNK):
            rows = order[start : start + LEFT_CHUNK]
            left_vectors = unit_centred(left.vectors[rows], mean)
            near_left, near_right, near_cosine = index.search(
                left_vectors, left.owner[rows], keep=keep, home=home[rows]
            )
            by_words = space.candidates(keep, rows)
            position = np.full(len(left), -1, dtype=np.int64)
            position[rows] = np.arange(len(rows))
            lefts, rights = _union((rows[near_left], near_right), by_words, len(right))
            if not len(lefts):
                continue
            cosine = _known_or_computed(
                (lefts, rights),
                (rows[near_left], near_right, near_cosine),
                left_vectors,
                right_vectors,
                len(right),
                position,
            )
            concept, _ = space.scores(lefts, rights)
            profile = self._profile_scores(left_vectors, position[lefts], profiles, mean, rights, cosine)
            score = combine(cosine, words.scores(lefts, rights), concept, profile)
            usable = allowed(lefts, rights) & (score > 0)
            best = top_per_group(lefts[usable], score[usable], rights[usable], per_left)
            found.append((lefts[usable][best], rights[usable][best], score[usable][best]))
        if not found:
            return nothing
        lefts, rights, score = (np.concatenate(parts) for parts in zip(*found, strict=True))
        order = np.argsort(lefts, kind="stable")  # by left row, best first within each
        return lefts[order], rights[order], np.round(score[order].astype(np.float64), 4)

    def shared_rows(self, left: Table, left_row: int, right: Table, right_row: int) -> tuple[str, ...]:
        """The skills two rows both name, strongest first; none when their senses or places rule it out."""
        mine, theirs = left.concepts_of(left_row), right.concepts_of(right_row)
        if not compatible(left.sense(left_row), mine, right.sense(right_row), theirs, self.index):
            return ()
        return self.concepts.shared_concepts(mine, theirs)

    def _profile_scores(
        self,
        left_vectors: np.ndarray,
        lefts: np.ndarray,
        profiles: Profiles | None,
        mean: np.ndarray,
        rights: np.ndarray,
        cosine: np.ndarray,
    ) -> np.ndarray:
        """How well each pair's left text (`left_vectors[lefts[k]]`) fits who the right side's owner is;
        where nobody wrote a title or bio (and for projects), what they wrote here (`cosine`)
        stands for who they are."""
        if profiles is None:
            return cosine
        out = cosine.copy()
        rows = profiles.row_of[rights]
        known = np.flatnonzero(rows >= 0)
        used, position = np.unique(rows[known], return_inverse=True)  # each owner centred once a chunk
        their = unit_centred(profiles.vectors[used], mean, np.float16)
        out[known] = row_dots(left_vectors, their, lefts[known], position)
        return out


class _Senses:
    """Which pairs the sense and place rules allow; only pairs with a ruled-out sense or a named place on
    either side need a look."""

    def __init__(self, left: Table, right: Table, index: ConceptIndex) -> None:
        self.left, self.right, self.index = left, right, index
        self.left_flagged, self.right_flagged = left.flagged(), right.flagged()

    def __call__(self, lefts: np.ndarray, rights: np.ndarray) -> np.ndarray:
        allowed = np.ones(len(lefts), dtype=bool)
        for k in np.flatnonzero(self.left_flagged[lefts] | self.right_flagged[rights]).tolist():
            i, j = int(lefts[k]), int(rights[k])
            allowed[k] = compatible(
                self.left.sense(i),
                self.left.concepts_of(i),
                self.right.sense(j),
                self.right.concepts_of(j),
                self.index,
            )
        return allowed


def compatible(
    mine: Sense, my_concepts: Iterable[str], theirs: Sense, their_concepts: Iterable[str], index: ConceptIndex
) -> bool:
    """False when one side's words are ruled out of a skill the other side means ("ball python"), or when
    advice that depends on the country is for another country than the one asked about."""
    my_concepts, their_concepts = frozenset(my_concepts), frozenset(their_concepts)
    if not (mine.ruled_out.isdisjoint(their_concepts) and theirs.ruled_out.isdisjoint(my_concepts)):
        return False
    bound = (
        mine.scoped
        or theirs.scoped
        or not (index.local.isdisjoint(my_concepts) and index.local.isdisjoint(their_concepts))
    )
    return not (bound and mine.places and theirs.places and not overlap(mine.places, theirs.places))


def _sense(reading: Analysis) -> Sense:
    return Sense(reading.ruled_out, reading.places, reading.scoped)


def combine(cosine: np.ndarray, words: np.ndarray, concepts: np.ndarray, profile: np.ndarray) -> np.ndarray:
    """One 0..1 score from the four signals (tanh keeps the order of strong matches, where a clip at 1 would
    tie them)."""
    raw = (
        COSINE_WEIGHT * cosine + WORDS_WEIGHT * words + CONCEPTS_WEIGHT * concepts + PROFILE_WEIGHT * profile
    )
    return np.tanh(np.maximum(raw, 0.0))


def _union(
    first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray], width: int
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs found either way, each once, ordered by left then right (`width`: how many rights)."""
    lefts = np.concatenate([first[0], second[0]]).astype(np.int64)
    rights = np.concatenate([first[1], second[1]]).astype(np.int64)
    keys = np.unique(lefts * max(width, 1) + rights)
    return keys // max(width, 1), keys % max(width, 1)


def _known_or_computed(
    pairs: tuple[np.ndarray, np.ndarray],
    known: tuple[np.ndarray, np.ndarray, np.ndarray],
    left: np.ndarray,
    right: np.ndarray,
    width: int,
    position: np.ndarray,
) -> np.ndarray:
    """The cosine of each pair: from the neighbour search where it was found there, computed otherwise
    (`left` holds the chunk's rows: left row r is `left[position[r]]`)."""
    keys = pairs[0] * max(width, 1) + pairs[1]  # sorted: _union orders by left then right
    found = np.searchsorted(keys, known[0] * max(width, 1) + known[1])
    out = np.empty(len(keys), dtype=np.float32)
    out[found] = known[2]
    missing = np.ones(len(keys), dtype=bool)
    missing[found] = False
    out[missing] = row_dots(left, right, position[pairs[0][missing]], pairs[1][missing])
    return out


def row_dots(left: np.ndarray, right: np.ndarray, lefts: np.ndarray, rights: np.ndarray) -> np.ndarray:
    """left[lefts[k]] · right[rights[k]] for every k, a block at a time (never all pairs' rows at once)."""
    out = np.empty(len(lefts), dtype=np.float32)
    for start in range(0, len(lefts), ROW_BLOCK):
        stop = start + ROW_BLOCK
        out[start:stop] = np.einsum("ij,ij->i", left[lefts[start:stop]], right[rights[start:stop]])
    return out


def community_mean(left: np.ndarray, right: np.ndarray, background: np.ndarray | None = None) -> np.ndarray:
    """The direction all these texts share: this community's mean vector, pulled towards the model's
    `background` while the community is small (a mean of five texts is mostly those five texts). A text
    with no known word does not count."""
    dims = left.shape[1]
    total = np.zeros(dims, dtype=np.float64)
    count = 0
    for vectors in (left, right):
        for start in range(0, len(vectors), ROW_BLOCK):
            block = np.asarray(vectors[start : start + ROW_BLOCK], dtype=np.float32)
            known = block.any(axis=1)
            total += block[known].sum(axis=0, dtype=np.float64)
            count += int(known.sum())
    if background is not None:
        total += BACKGROUND_WEIGHT * np.asarray(background, dtype=np.float64)
        count += BACKGROUND_WEIGHT
    return np.asarray(total / count if count else total, dtype=np.float32)


def unit_centred(vectors: np.ndarray, mean: np.ndarray, dtype: type = np.float32) -> np.ndarray:
    """Each vector minus the shared direction, back to length 1 (computed in float32, kept as `dtype`); a
    text with no known word (a zero vector) stays zero, so it matches nothing by meaning."""
    out: np.ndarray = np.empty(vectors.shape, dtype=dtype)
    for start in range(0, len(vectors), ROW_BLOCK):
        block = np.asarray(vectors[start : start + ROW_BLOCK], dtype=np.float32)
        empty = ~block.any(axis=1)
        moved = block - mean
        norms = np.sqrt(np.einsum("ij,ij->i", moved, moved))[:, None]
        np.divide(moved, norms, out=moved, where=norms > 0)
        moved[empty] = 0.0
        out[start : start + ROW_BLOCK] = moved
    return out


def _dims(docs: Sequence[Doc]) -> int:
    return next((len(vector) for doc in docs if (vector := doc_vector(doc)) is not None), 0)


def doc_vector(doc: Doc) -> np.ndarray | None:
    if doc.vector is not None or not doc.parts:
        return doc.vector
    parts = [vector for part in doc.parts if (vector := doc_vector(part)) is not None]
    if not parts:
        return None
    mean = np.asarray(np.mean(parts, axis=0), dtype=np.float32)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else mean
