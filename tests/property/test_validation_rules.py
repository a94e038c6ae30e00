"""The shared validators: a value is either accepted in a normal form that validates again unchanged, or
refused with a ValueError a member can act on (what is wrong and what to do instead). Nothing else."""

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.skills import MAX_TAG_LENGTH, normalise_tag
from bot.validation import (
    MAX_LINKS,
    MAX_SKILLS,
    URL_MAX,
    clean_text,
    link_list,
    normalise_link,
    skill_list,
    split_links,
    timezone_name,
)
from tests.property.strategies import SLACK_MARKUP, nasty_text, skill_words

MESSAGE_MAX = 150  # an inline modal error; the validators' messages must fit without clipping

hosts = st.from_regex(r"[a-z0-9]{1,12}(\.[a-z0-9]{1,12}){0,2}\.(example|com|de|co\.uk)", fullmatch=True)
paths = st.from_regex(r"(/[A-Za-z0-9._~-]{0,12}){0,3}(\?[a-z]=[0-9]{1,4})?", fullmatch=True)
good_links = st.builds(
    lambda scheme, host, path: f"{scheme}{host}{path}",
    st.sampled_from(["", "http://", "https://"]),
    hosts,
    paths,
)
link_like = st.one_of(
    good_links,
    st.builds(
        lambda link, junk, at: link[:at] + junk + link[at:],
        good_links,
        st.text(st.characters(categories=["Cc", "Zs", "Zl", "Cf", "Ll"]), min_size=1, max_size=3),
        st.integers(0, 30),
    ),
    nasty_text(80),
    st.sampled_from(
        ["http://[", "https://[::1", "ftp://x.example", "javascript:alert(1)", "mailto:a@b.example"]
    ),
    st.builds(lambda a, b: a + b, st.sampled_from(["https://", "http://", "//", ""]), st.text(max_size=40)),
)


def assert_actionable(error: ValueError, *hints: str) -> None:
    message = str(error)
    assert message
    assert len(message) <= MESSAGE_MAX, message
    assert any(hint in message for hint in hints), f"{message!r} does not say what to do instead"


@given(nasty_text())
def test_cleaned_text_keeps_what_was_written_minus_control_characters(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned == cleaned.strip()
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", cleaned)
    assert clean_text(cleaned) == cleaned
    assert cleaned in "".join(ch for ch in text if ch in "\n\t" or (ch >= " " and ch != "\x7f"))


@given(link_like)
def test_a_link_is_a_normal_web_address_or_a_refusal_with_an_example(raw: str) -> None:
    try:
        url = normalise_link(raw)
    except ValueError as error:
        assert_actionable(error, "https://", "at most")
        return
    assert url.startswith(("http://", "https://"))
    assert len(url) <= URL_MAX
    assert url.isprintable(), "no control characters in a link"
    assert " " not in url, "no white space in a link"
    assert normalise_link(url) == url


@given(good_links)
def test_a_plain_web_address_is_accepted(raw: str) -> None:
    url = normalise_link(raw)
    assert url.endswith(raw.removeprefix("http://").removeprefix("https://"))


@given(
    st.one_of(st.lists(link_like, max_size=8).map("\n".join), st.lists(good_links, max_size=8).map(", ".join))
)
def test_a_list_of_links_is_short_unique_and_normal_or_refused(text: str) -> None:
    try:
        links = link_list(split_links(text))
    except ValueError as error:
        assert_actionable(error, "https://", "at most")
        return
    assert len(links) <= MAX_LINKS
    assert len(set(links)) == len(links)
    assert link_list(links) == links


@given(st.lists(st.one_of(skill_words, nasty_text(60), st.sampled_from(SLACK_MARKUP)), max_size=14))
def test_skills_are_unique_normal_tags_or_refused(raw: list[str]) -> None:
    try:
        tags = skill_list(raw)
    except ValueError as error:
        assert_actionable(error, "at most")
        return
    assert len(tags) <= MAX_SKILLS
    assert len(set(tags)) == len(tags)
    assert all(tag and normalise_tag(tag) == tag and len(tag) <= MAX_TAG_LENGTH for tag in tags)
    assert skill_list(tags) == tags


@given(st.lists(skill_words, min_size=MAX_SKILLS + 1, max_size=MAX_SKILLS + 6, unique_by=normalise_tag))
def test_too_many_skills_say_how_many_are_allowed(raw: list[str]) -> None:
    try:
        skill_list(raw)
    except ValueError as error:
        assert_actionable(error, f"at most {MAX_SKILLS}")
    else:
        raise AssertionError("more than the allowed number of skills was accepted")


@given(
    st.one_of(
        st.sampled_from(
            ["Europe/Berlin", "UTC", "America/New_York", "Asia/Kolkata", "America", "Europe", "/"]
        ),
        nasty_text(60),
        st.text(min_size=256, max_size=300),
        st.from_regex(r"[A-Z][a-z]{2,10}(/[A-Z][a-z_]{2,12}){0,2}", fullmatch=True),
    )
)
def test_a_time_zone_is_a_known_name_or_refused_with_an_example(raw: str) -> None:
    try:
        name = timezone_name(raw)
    except ValueError as error:
        assert_actionable(error, "Europe/Berlin")
        return
    assert name == raw.strip()
    assert timezone_name(name) == name
