"""Shortened text (quotes in reasons, lines of the demo) is cut between words, never inside one."""

from hypothesis import given
from hypothesis import strategies as st

from bot import texts


def test_a_long_text_is_cut_between_words_with_an_ellipsis() -> None:
    assert texts.shorten("Bookkeeping for freelancers: set up Xero and FreeAgent", 30) == (
        "Bookkeeping for freelancers…"  # not "Bookkeeping for freelancers: s…", nor a dangling colon
    )
    assert texts.quote("drowning in receipts.   genuinely no idea what I'm allowed to claim", 40) == (
        "“drowning in receipts. genuinely no idea…”"
    )


def test_a_text_that_fits_is_kept_whole() -> None:
    assert texts.shorten("Bookkeeping for freelancers", 27) == "Bookkeeping for freelancers"


def test_one_word_longer_than_the_limit_is_cut_inside_it() -> None:
    assert texts.shorten("see https://example.com/a-very-long-address-without-spaces", 30) == (
        "see https://example.com/a-ver…"
    )


@given(st.lists(st.text("abcdé", min_size=1, max_size=12), min_size=1, max_size=30), st.integers(20, 120))
def test_any_cut_ends_a_word_and_fits(words: list[str], limit: int) -> None:
    text = " ".join(words)
    short = texts.shorten(text, limit)
    assert len(short) <= limit
    if short != text:
        kept = short.removesuffix("…")
        assert text.startswith(kept)
        if max(len(word) for word in words) < limit // 2:
            assert text[len(kept)] == " "
