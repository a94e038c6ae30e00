"""Word coverage: shared rare words count, common ones barely, and both directions matter."""

from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from bot.matching.coverage import coverage as coverage_of_matrices

PAIR = (np.array([0]), np.array([0]))


def coverage(
    left: Sequence[Mapping[str, float]],
    right: Sequence[Mapping[str, float]],
    lefts: np.ndarray,
    rights: np.ndarray,
) -> np.ndarray:
    """Coverage of texts given as word → weight, on matrices with one shared column per word."""
    columns = {
        word: column for column, word in enumerate(sorted({w for text in (*left, *right) for w in text}))
    }

    def matrix(texts: Sequence[Mapping[str, float]]) -> sp.csr_matrix:
        rows = [row for row, text in enumerate(texts) for _ in text]
        cols = [columns[word] for text in texts for word in text]
        values = [weight for text in texts for weight in text.values()]
        return sp.csr_matrix((values, (rows, cols)), shape=(len(texts), len(columns)))

    return coverage_of_matrices(matrix(left), matrix(right), lefts, rights)


def words(found: set[str]) -> dict[str, float]:
    return dict.fromkeys(found, 1.0)


def score(mine: set[str], theirs: set[str], *others: set[str]) -> float:
    left = [words(mine)]
    right = [words(theirs), *(words(other) for other in others)]
    return float(coverage(left, right, *PAIR)[0])


def test_the_same_words_cover_each_other_fully() -> None:
    assert score({"bookkeep", "xero"}, {"bookkeep", "xero"}) == 1.0


def test_no_shared_word_scores_nothing() -> None:
    assert score({"logo", "brand"}, {"tax", "receipt"}) == 0.0


def test_a_rare_shared_word_counts_more_than_a_common_one() -> None:
    crowd = [{"shop", f"filler{i}"} for i in range(20)]
    rare = score({"shop", "xero"}, {"xero", "other"}, *crowd)
    common = score({"shop", "xero"}, {"shop", "other"}, *crowd)
    assert rare > common > 0


def test_both_directions_count_so_a_long_text_covering_everything_is_not_a_perfect_match() -> None:
    short = score({"seo"}, {"seo"})
    sprawling = score({"seo"}, {"seo", "logo", "tax", "podcast", "knitting"})
    assert short == 1.0
    assert 0.5 <= sprawling < 0.7


def test_empty_texts_and_no_pairs_score_nothing() -> None:
    assert score(set(), {"seo"}) == 0.0
    assert coverage([words({"a"})], [words({"a"})], np.array([], int), np.array([], int)).size == 0


def test_scores_follow_the_pairs_asked_about() -> None:
    left = [words({"seo"}), words({"tax"})]
    right = [words({"tax"}), words({"seo"})]
    found = coverage(left, right, np.array([0, 0, 1]), np.array([1, 0, 0]))
    assert found.tolist() == [1.0, 0.0, 1.0]


def test_a_word_that_counts_less_in_one_text_makes_a_weaker_match() -> None:
    strong = coverage([{"photo": 1.0, "mug": 1.0}], [{"photo": 1.0, "crumb": 1.0}], *PAIR)[0]
    weak = coverage([{"photo": 1.0, "mug": 1.0}], [{"photo": 0.5, "crumb": 1.0}], *PAIR)[0]
    assert 0 < weak < strong
