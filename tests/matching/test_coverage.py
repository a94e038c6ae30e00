"""Word coverage: shared rare words count, common ones barely, and both directions matter."""

import numpy as np

from bot.matching.coverage import coverage

PAIR = (np.array([0]), np.array([0]))


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
