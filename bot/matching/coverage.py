"""Word coverage: how much of each text's rare words the other text also uses.

Each text is its set of topic words as the vocabulary reads them (stemmed, so "photographer" and
"photography" agree; typos of vocabulary words corrected; a word in a sense the sense rules rule out kept
apart, so a snake keeper's "python" is not the developer's). A word weighs its rarity in this community
(IDF). A pair's score is the mean of both directions: the share of my words' weight that you use, and the
share of yours that I use; 1 when both texts use the same words. Computed on sparse matrices, so scoring a
million pairs takes a moment.
"""

import numpy as np
import scipy.sparse as sp

from bot.matching.scorer import sparse_row_dots


def coverage(
    left_words: sp.csr_matrix, right_words: sp.csr_matrix, lefts: np.ndarray, rights: np.ndarray
) -> np.ndarray:
    """The coverage score of each pair (left row lefts[k], right row rights[k]). Both matrices share their
    columns (one per word); a value is how much the word counts in that text (a word only in the
    supporting details counts less)."""
    return Coverage(left_words, right_words).scores(lefts, rights)


class Coverage:
    """Both sides' words weighted by their rarity among all these texts, ready to score any pairs."""

    def __init__(self, left_words: sp.csr_matrix, right_words: sp.csr_matrix) -> None:
        self.left_has = (left_words > 0).astype(np.float64).tocsr()
        self.right_has = (right_words > 0).astype(np.float64).tocsr()
        frequency = (
            np.asarray(self.left_has.sum(axis=0)).ravel() + np.asarray(self.right_has.sum(axis=0)).ravel()
        )
        total = left_words.shape[0] + right_words.shape[0]
        idf = sp.diags(np.log((total + 1) / (frequency + 0.5)))
        self.left_weighted = sp.csr_matrix(left_words @ idf)
        self.right_weighted = sp.csr_matrix(right_words @ idf)
        self.left_weight = np.asarray(self.left_weighted.sum(axis=1)).ravel()
        self.right_weight = np.asarray(self.right_weighted.sum(axis=1)).ravel()

    def scores(self, lefts: np.ndarray, rights: np.ndarray) -> np.ndarray:
        if not len(lefts):
            return np.zeros(0, dtype=np.float32)
        mine_found = sparse_row_dots(self.left_weighted, self.right_has, lefts, rights)
        theirs_found = sparse_row_dots(self.left_has, self.right_weighted, lefts, rights)
        left_weight, right_weight = self.left_weight[lefts], self.right_weight[rights]
        forward = np.divide(mine_found, left_weight, out=np.zeros_like(mine_found), where=left_weight > 0)
        backward = np.divide(
            theirs_found, right_weight, out=np.zeros_like(theirs_found), where=right_weight > 0
        )
        return np.asarray((forward + backward) / 2, dtype=np.float32)
