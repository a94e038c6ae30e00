"""Word matching: each text's rare words look for the same or a close word in the other text; filler words
and words whose sense was ruled out say nothing."""

from collections.abc import Sequence

import numpy as np
import pytest

from bot.matching.embeddings import DEFAULT_MODEL, StaticEmbedder, load_embedder
from bot.matching.text import stem
from bot.matching.wordmatch import WORD_THRESHOLD, WordMatcher


@pytest.fixture(scope="module")
def embedder() -> StaticEmbedder:
    found = load_embedder(DEFAULT_MODEL)
    assert found is not None
    return found


def scores(
    embedder: StaticEmbedder, texts: Sequence[str], ignored: Sequence[frozenset[str]] | None = None
) -> list[float]:
    """Text 0 against every text, itself included."""
    return [float(score) for score in WordMatcher(embedder, texts, ignored).scores(0, range(len(texts)))]


def word_cosine(embedder: StaticEmbedder, a: str, b: str) -> float:
    rows = embedder.embed([a, b])
    return float(rows[0] @ rows[1])


def test_the_same_words_score_one_and_unrelated_words_zero(embedder: StaticEmbedder) -> None:
    texts = ["Wedding photographer in Lisbon", "wedding photographer in lisbon", "Sourdough bread baking"]
    same_text, same_words, unrelated = scores(embedder, texts)
    assert same_text == pytest.approx(1.0, abs=1e-5)
    assert same_words == pytest.approx(1.0, abs=1e-5)
    assert unrelated == 0.0


def test_a_close_word_counts_partly(embedder: StaticEmbedder) -> None:
    assert word_cosine(embedder, "photographer", "photography") > WORD_THRESHOLD
    _, close, unrelated = scores(embedder, ["wedding photographer", "wedding photography", "sourdough"])
    assert 0.5 < close < 1.0
    assert unrelated == 0.0


def test_words_below_the_threshold_do_not_count(embedder: StaticEmbedder) -> None:
    # The bundled model reads a misspelling as other tokens entirely: "bo|oke|eping" is nothing like
    # "book|keep|ing", so a typo is not found here (the curated vocabulary corrects typos instead).
    assert word_cosine(embedder, "bookkeeping", "bookeeping") < WORD_THRESHOLD
    assert scores(embedder, ["bookkeeping", "bookeeping"])[1] == 0.0


def test_rare_words_weigh_more_than_common_ones(embedder: StaticEmbedder) -> None:
    texts = ["shopify seo", "shopify store", "wordpress seo", "shopify theme", "shopify apps"]
    found = scores(embedder, texts)
    assert found[2] > found[1], "sharing the rare 'seo' beats sharing 'shopify', which everyone says"


def test_an_ignored_stem_is_skipped(embedder: StaticEmbedder) -> None:
    texts = ["python scripts", "python snake"]
    assert scores(embedder, texts)[1] > 0
    snake_keeper = [frozenset(), frozenset({stem("python")})]
    assert scores(embedder, texts, snake_keeper)[1] == 0.0


def test_filler_words_never_count(embedder: StaticEmbedder) -> None:
    need = "Hi! I need help, looking for someone please"
    assert scores(embedder, [need, "Happy to help anyone looking, just ask"]) == [0.0, 0.0]
    with_topic = scores(embedder, [f"{need} with SEO", "Happy to help anyone looking at SEO"])
    assert with_topic[1] == pytest.approx(1.0, abs=1e-5), "only 'seo' is compared, and it is found"


def test_empty_texts_score_zero(embedder: StaticEmbedder) -> None:
    assert scores(embedder, ["", "seo audits", ""]) == [0.0, 0.0, 0.0]
    assert scores(embedder, ["seo audits", "", "???"])[1:] == [0.0, 0.0]
    assert scores(embedder, ["", ""]) == [0.0, 0.0]


def test_scores_are_per_right_text_in_the_order_asked(embedder: StaticEmbedder) -> None:
    matcher = WordMatcher(embedder, ["seo audits", "logo design", "seo audits for cafés"])
    forwards = matcher.scores(0, [1, 2])
    backwards = matcher.scores(0, [2, 1])
    assert np.array_equal(forwards, backwards[::-1])
    assert forwards[0] == 0.0
    assert forwards[1] > 0.5
