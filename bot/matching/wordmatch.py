"""Word-level matching by meaning: how much of one text's rare words the other text says, or says with a
close word ("photographer" ~ "photography", "invoices" ~ "invoice").

A sentence vector averages every word, so a long, situational need drowns the two words that matter. Here
each topic word of one text looks for its closest word in the other (cosine of their word vectors; below
`WORD_THRESHOLD` it counts as no match), weighted by how rare the word is in this community (IDF). The
score is the mean of both directions: 1 when each text's words are all found in the other.
"""

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from bot.matching.embeddings import Embedder
from bot.matching.text import is_filler, stem, words

WORD_THRESHOLD = 0.5


class WordMatcher:
    """Built once per set of texts (one digest computation): their words, word vectors and rarity."""

    def __init__(
        self, embedder: Embedder, texts: Sequence[str], ignored: Sequence[frozenset[str]] | None = None
    ) -> None:
        """`ignored[i]`: stems whose words mean something else in text i ("python" of a snake keeper)."""
        skip = ignored or [frozenset()] * len(texts)
        written = [
            list(dict.fromkeys(w for w in words(text) if not is_filler(w) and stem(w) not in skip[i]))
            for i, text in enumerate(texts)
        ]
        vocabulary = sorted({word for found in written for word in found})
        self._column = {word: column for column, word in enumerate(vocabulary)}
        frequency = Counter(word for found in written for word in found)
        total = len(texts)
        self._idf = np.array(
            [math.log((total + 1) / (frequency[word] + 0.5)) for word in vocabulary], dtype=np.float32
        )
        self._vectors = embedder.embed(vocabulary) if vocabulary else np.zeros((0, embedder.dims), np.float32)
        self._words = [np.array([self._column[w] for w in found], dtype=np.int64) for found in written]

    def scores(self, left: int, rights: Sequence[int]) -> np.ndarray:
        """The word-match score of text `left` with each text in `rights` (indices into the texts)."""
        out = np.zeros(len(rights), dtype=np.float32)
        mine = self._words[left]
        theirs = [self._words[right] for right in rights]
        present = [k for k, found in enumerate(theirs) if len(found)]
        if not len(mine) or not present:
            return out
        columns = np.concatenate([theirs[k] for k in present])
        starts = np.cumsum([0] + [len(theirs[k]) for k in present[:-1]])
        similarity = self._vectors[mine] @ self._vectors[columns].T
        similarity[similarity < WORD_THRESHOLD] = 0.0
        my_weights, their_weights = self._idf[mine], self._idf[columns]
        # each of my words: its best match within each other text
        mine_found = np.maximum.reduceat(similarity, starts, axis=1)  # (my words, texts)
        forward = (my_weights @ mine_found) / my_weights.sum()
        # each of their words: its best match among mine
        theirs_found = similarity.max(axis=0) * their_weights
        backward = np.add.reduceat(theirs_found, starts) / np.add.reduceat(their_weights, starts)
        out[present] = (forward + backward) / 2
        return out
