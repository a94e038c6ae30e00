"""Word coverage: how much of each text's rare words the other text also uses.

Each text is its set of topic words as the vocabulary reads them (stemmed, so "photographer" and
"photography" agree; typos of vocabulary words corrected; a word in a sense the sense rules rule out kept
apart, so a snake keeper's "python" is not the developer's). A word weighs its rarity in this community
(IDF). A pair's score is the mean of both directions: the share of my words' weight that you use, and the
share of yours that I use; 1 when both texts use the same words. Computed on sparse matrices, so scoring a
million pairs takes a moment.
"""

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from bot.matching.scorer import sparse_row_dots


def coverage(
    left_words: Sequence[Mapping[str, float]],
    right_words: Sequence[Mapping[str, float]],
    lefts: np.ndarray,
    rights: np.ndarray,
) -> np.ndarray:
    """The coverage score of each pair (left_words[lefts[k]], right_words[rights[k]]); each text maps its
    words to how much they count in it (a word only in the supporting details counts less)."""
    if not len(lefts):
        return np.zeros(0, dtype=np.float32)
    everything = [*left_words, *right_words]
    frequency = Counter(word for found in everything for word in found)
    columns = {word: column for column, word in enumerate(sorted(frequency))}
    total = len(everything)
    idf = np.array(
        [math.log((total + 1) / (frequency[word] + 0.5)) for word in sorted(frequency)], dtype=np.float64
    )
    left_matrix, right_matrix = _matrix(left_words, columns, idf), _matrix(right_words, columns, idf)
    left_has, right_has = (left_matrix > 0).astype(np.float64), (right_matrix > 0).astype(np.float64)
    mine_found = sparse_row_dots(left_matrix, right_has, lefts, rights)
    theirs_found = sparse_row_dots(left_has, right_matrix, lefts, rights)
    left_weight = np.asarray(left_matrix.sum(axis=1)).ravel()[lefts]
    right_weight = np.asarray(right_matrix.sum(axis=1)).ravel()[rights]
    forward = np.divide(mine_found, left_weight, out=np.zeros_like(mine_found), where=left_weight > 0)
    backward = np.divide(theirs_found, right_weight, out=np.zeros_like(theirs_found), where=right_weight > 0)
    return np.asarray((forward + backward) / 2, dtype=np.float32)


def _matrix(docs: Sequence[Mapping[str, float]], columns: dict[str, int], idf: np.ndarray) -> sp.csr_matrix:
    rows = [row for row, found in enumerate(docs) for _ in found]
    cols = [columns[word] for found in docs for word in sorted(found)]
    weights = [found[word] for found in docs for word in sorted(found)]
    data = idf[cols] * np.asarray(weights, dtype=np.float64)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(docs), len(columns)), dtype=np.float64)
