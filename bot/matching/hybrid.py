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

from collections.abc import Sequence

import numpy as np

from bot.matching.analysis import Analysis
from bot.matching.concepts import ConceptIndex, concept_index
from bot.matching.coverage import coverage
from bot.matching.neighbours import nearest
from bot.matching.places import overlap
from bot.matching.scorer import ConceptTextScorer, Doc, Match, best_matches

# One score from four signals (weights chosen on the tuning set, see tests/matching/data/README.md):
COSINE_WEIGHT = 0.5  # the two texts' sentence vectors point the same way
WORDS_WEIGHT = 2.0  # they use the same rare words (coverage.py)
CONCEPTS_WEIGHT = 0.8  # curated skills named or written on both sides (concepts.py), weighted by rarity
PROFILE_WEIGHT = 0.6  # the other side's owner, by their title and bio, is about this
# Below this nothing is suggested: chosen on the tuning set, where it keeps most right helpers while a need
# nobody can answer rarely gets a "can help you" (tests/matching/data/README.md has the figures).
THRESHOLD = 0.4
DETAILS_WORD_WEIGHT = 0.5  # a word only in the details ("send me a photo of your crumb") counts half
CANDIDATES_FACTOR = 3
ROW_BLOCK = 65_536
BACKGROUND_WEIGHT = 200  # the model's background counts as this many texts of the community


class HybridScorer:
    """Reads each document once per instance: use one instance per digest computation."""

    def __init__(
        self,
        *,
        index: ConceptIndex | None = None,
        background: np.ndarray | None = None,
        threshold: float = THRESHOLD,
    ) -> None:
        self.concepts = ConceptTextScorer(index or concept_index())
        self.background = background
        self.threshold = threshold

    def match(self, left: Sequence[Doc], right: Sequence[Doc], *, per_left: int) -> list[Match]:
        if not left or not right:
            return []
        keep = per_left * CANDIDATES_FACTOR
        left_vectors, right_vectors = centred(_vectors(left), _vectors(right), self.background)
        left_owner = np.array([doc.owner for doc in left])
        right_owner = np.array([doc.owner for doc in right])
        near_left, near_right, near_cosine = nearest(
            left_vectors, right_vectors, left_owner, right_owner, keep=keep
        )
        space = self.concepts.space(left, right, with_words=False)
        by_words = space.candidates(keep)
        lefts, rights = _union((near_left, near_right), by_words, len(right))
        if not len(lefts):
            return []
        cosine = _known_or_computed(
            (lefts, rights), (near_left, near_right, near_cosine), left_vectors, right_vectors, len(right)
        )
        concept, _ = space.scores(lefts, rights)
        profile = self._profile_scores(left_vectors, right_vectors, right, lefts, rights, cosine)
        words = self._word_scores(left, right, lefts, rights)
        score = combine(cosine, words, concept, profile)
        return best_matches(
            lefts, rights, score, self._allowed(left, right, lefts, rights) & (score > 0), per_left
        )

    def _allowed(
        self, left: Sequence[Doc], right: Sequence[Doc], lefts: np.ndarray, rights: np.ndarray
    ) -> np.ndarray:
        """Pairs the sense and place rules allow; only pairs with a ruled-out sense or a named place on
        either side need a look."""
        ruled = np.array(
            [bool(senses.ruled_out or senses.places) for senses in map(self.senses, (*left, *right))],
            dtype=bool,
        )
        allowed = np.ones(len(lefts), dtype=bool)
        for k in np.flatnonzero(ruled[lefts] | ruled[len(left) + rights]).tolist():
            allowed[k] = self._compatible(left[lefts[k]], right[rights[k]])
        return allowed

    def shared(self, left: Doc, right: Doc) -> tuple[str, ...]:
        if not self._compatible(left, right):
            return ()
        return self.concepts.shared(left, right)

    def _word_scores(
        self, left: Sequence[Doc], right: Sequence[Doc], lefts: np.ndarray, rights: np.ndarray
    ) -> np.ndarray:
        return coverage([self.words(doc) for doc in left], [self.words(doc) for doc in right], lefts, rights)

    def words(self, doc: Doc) -> dict[str, float]:
        """The topic words of a document as the vocabulary reads them, less those whose sense the
        vocabulary does not confirm ("ruby" in a jeweller's offer) or rules out ("deck" of a timber deck)."""
        reading, index = self.concepts.reading(doc), self.concepts.index
        unclear = index.unconfirmed(frozenset(reading.concepts)) | index.words_of(reading.ruled_out)
        return {
            term: DETAILS_WORD_WEIGHT if term in reading.in_details else 1.0
            for term in reading.terms
            if " " not in term and ":" not in term and term not in unclear
        }

    def _profile_scores(
        self,
        left_vectors: np.ndarray,
        right_vectors: np.ndarray,
        right: Sequence[Doc],
        lefts: np.ndarray,
        rights: np.ndarray,
        cosine: np.ndarray,
    ) -> np.ndarray:
        """How well the left text fits who the right side's owner is; where nobody wrote a title or bio
        (and for projects), what they wrote here (`cosine`) stands for who they are."""
        missing = np.array([doc.profile is None for doc in right], dtype=bool)
        if missing.all():
            return cosine
        dims = left_vectors.shape[1]
        profiles = np.array(
            [v if v is not None else np.zeros(dims, np.float32) for v in (d.profile for d in right)]
        )
        _, profiles = centred(np.zeros((0, dims), np.float32), profiles, self.background)
        profiles[missing] = right_vectors[missing]
        return row_dots(left_vectors, profiles, lefts, rights)

    def _compatible(self, left: Doc, right: Doc) -> bool:
        """False when one side's words are ruled out of a skill the other side means ("ball python"), or
        when advice that depends on the country is for another country than the one asked about."""
        mine, theirs = self.senses(left), self.senses(right)
        if not (mine.ruled_out.isdisjoint(theirs.concepts) and theirs.ruled_out.isdisjoint(mine.concepts)):
            return False
        local = self.concepts.index.local
        bound = (
            mine.scoped
            or theirs.scoped
            or not (local.isdisjoint(mine.concepts) and local.isdisjoint(theirs.concepts))
        )
        return not (bound and mine.places and theirs.places and not overlap(mine.places, theirs.places))

    def senses(self, doc: Doc) -> Analysis:
        return self.concepts.reading(doc)


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
) -> np.ndarray:
    """The cosine of each pair: from the neighbour search where it was found there, computed otherwise."""
    keys = pairs[0] * max(width, 1) + pairs[1]  # sorted: _union orders by left then right
    found = np.searchsorted(keys, known[0] * max(width, 1) + known[1])
    out = np.empty(len(keys), dtype=np.float32)
    out[found] = known[2]
    missing = np.ones(len(keys), dtype=bool)
    missing[found] = False
    out[missing] = row_dots(left, right, pairs[0][missing], pairs[1][missing])
    return out


def row_dots(left: np.ndarray, right: np.ndarray, lefts: np.ndarray, rights: np.ndarray) -> np.ndarray:
    """left[lefts[k]] · right[rights[k]] for every k, a block at a time (never all pairs' rows at once)."""
    out = np.empty(len(lefts), dtype=np.float32)
    for start in range(0, len(lefts), ROW_BLOCK):
        stop = start + ROW_BLOCK
        out[start:stop] = np.einsum("ij,ij->i", left[lefts[start:stop]], right[rights[start:stop]])
    return out


def centred(
    left: np.ndarray, right: np.ndarray, background: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Both sides minus the direction all their texts share, back to length 1. That direction is this
    community's mean, pulled towards the model's `background` while the community is small (a mean of
    five texts is mostly those five texts)."""
    both = np.vstack([left, right])
    known = both[np.linalg.norm(both, axis=1) > 0]
    total = known.sum(axis=0) if len(known) else np.zeros(both.shape[1], dtype=np.float32)
    if background is not None:
        total = total + BACKGROUND_WEIGHT * background
    count = len(known) + (BACKGROUND_WEIGHT if background is not None else 0)
    mean = total / count if count else total
    return _unit(left - mean, left), _unit(right - mean, right)


def _unit(vectors: np.ndarray, original: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    out = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    out[np.linalg.norm(original, axis=1) == 0] = 0.0  # a text with no known word stays unmatched
    return np.asarray(out, dtype=np.float32)


def _vectors(docs: Sequence[Doc]) -> np.ndarray:
    found = [doc_vector(doc) for doc in docs]
    dims = next((len(vector) for vector in found if vector is not None), 0)
    out = np.zeros((len(docs), dims), dtype=np.float32)
    for row, vector in enumerate(found):
        if vector is not None:
            out[row] = vector
    return out


def doc_vector(doc: Doc) -> np.ndarray | None:
    if doc.vector is not None or not doc.parts:
        return doc.vector
    parts = [vector for part in doc.parts if (vector := doc_vector(part)) is not None]
    if not parts:
        return None
    mean = np.asarray(np.mean(parts, axis=0), dtype=np.float32)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else mean
