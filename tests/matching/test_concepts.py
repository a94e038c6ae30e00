"""Reading text: inflections, spelling, abbreviations, synonyms, filler, traps and typos."""

import pytest

from bot.matching.concepts import concept_index
from bot.matching.text import stem, words


def concepts(text: str) -> set[str]:
    return set(concept_index().read(text).concepts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Websites for small shops", "websit"),
        ("website", "websit"),
        ("optimisation", stem("optimization")),
        ("colour grading", stem("color")),
        ("analysed", stem("analyzed")),
    ],
)
def test_inflections_and_spellings_share_a_stem(text: str, expected: str) -> None:
    assert stem(words(text)[0]) == expected


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("SEO audits", "seo"),
        ("search engine optimisation for shops", "seo"),
        ("search engine optimization", "seo"),
        ("help ranking on Google", "seo"),
        ("bookkeeping", "bookkeeping"),
        ("drowning in receipts", "bookkeeping"),
        ("need an accountant for year-end accounts", "accounting"),
        ("e-mail marketing with Mailchimp", "email-marketing"),
        ("UX/UI review of my onboarding flow", "ux-design"),
        ("Python scripts to tidy my spreadsheets", "python"),
        ("bookeeping for freelancers", "bookkeeping"),  # a typo
        ("photograpy for my shop", "photography"),  # another typo
        ("Need a Rust developer", "rust"),
    ],
)
def test_skills_are_found_however_they_are_written(text: str, concept: str) -> None:
    assert concept in concepts(text)


@pytest.mark.parametrize(
    ("text", "not_concept"),
    [
        ("I keep ball pythons and photograph python morphs", "python"),
        ("a cup of java and a chat", "java"),
        ("rust removal on old bikes", "rust"),
        ("tickets for Taylor Swift", "swift"),
        ("photos of my products", "productivity"),  # same stem, different word
        ("a brand new studio", "brand-identity"),
        ("I read a lot of books", "bookkeeping"),
        ("my social media accounts", "accounting"),
    ],
)
def test_misleading_words_are_not_read_as_skills(text: str, not_concept: str) -> None:
    assert not_concept not in concepts(text)


def test_filler_carries_no_topic() -> None:
    reading = concept_index().read("Honestly just happy to help with anything, really, hit me up!")
    assert reading.concepts == ()
    assert set(reading.terms) <= {stem("hit")}


def test_excluded_words_stay_distinct_in_the_text_terms() -> None:
    snake = concept_index().read("ball python care")
    code = concept_index().read("python care")
    assert not set(snake.terms) & {"python"}
    assert "python" in code.terms


def test_markup_links_and_mentions_are_ignored() -> None:
    reading = concept_index().read("<@U0123> <!channel> see https://seo.example and mail me@seo.example")
    assert reading.concepts == ()


def test_a_members_own_tag_also_names_curated_skills() -> None:
    assert "local-seo" in concept_index().read_tags(["local-seo-for-bakeries"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to me@example.com or (dana@studio.io) today", ["write", "to", "or", "today"]),
        ("<@U0DANA|dana> knows <https://example.com|seo> http://x.example/y", ["knows"]),
        ("@" * 3000, []),  # took minutes with the old e-mail pattern (cubic backtracking)
        ("<@" * 1500 + " seo", ["seo"]),
        ("a@" * 1500, ["a"] * 1500),
    ],
)
def test_markup_links_and_addresses_are_dropped_from_any_text(text: str, expected: list[str]) -> None:
    assert words(text) == expected
