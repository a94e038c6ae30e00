import pytest
from pydantic import ValidationError

from bot.models import NeedCreate, OfferCreate, ProfileUpdate
from bot.validation import (
    MAX_LINKS,
    MAX_SKILLS,
    clean_text,
    field_errors,
    link_list,
    normalise_link,
    skill_list,
    timezone_name,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("dana.example", "https://dana.example"),
        ("  https://dana.example/portfolio?x=1 ", "https://dana.example/portfolio?x=1"),
        ("http://shop.example.co.uk", "http://shop.example.co.uk"),
    ],
)
def test_links_are_normalised(raw: str, expected: str) -> None:
    assert normalise_link(raw) == expected


@pytest.mark.parametrize(
    "raw", ["ftp://files.example", "javascript:alert(1)", "http://", "not a link", "localhost:3000"]
)
def test_bad_links_are_refused_with_an_example_of_a_good_one(raw: str) -> None:
    with pytest.raises(ValueError, match=r"web (link|address)"):
        normalise_link(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "http://[",
        "[::1",
        "https://[2001:db8::1/x",
        "https://a.exa\nmple/",
        "https://a.example/x\ty",
        "https://a.example/\x00",
        "https://a.example/x\u2003y",
        "https://a.example/\u202egnp.exe",
    ],
)
def test_broken_addresses_and_hidden_characters_are_refused(raw: str) -> None:
    with pytest.raises(ValueError, match=r"doesn't look like a web address, e\.g\. https://"):
        normalise_link(raw)


def test_duplicate_links_count_once_and_too_many_are_refused() -> None:
    assert link_list(["a.example", "https://a.example", ""]) == ["https://a.example"]
    with pytest.raises(ValueError, match=f"at most {MAX_LINKS}"):
        link_list([f"site{i}.example" for i in range(MAX_LINKS + 1)])


def test_skills_are_normalised_deduplicated_and_capped() -> None:
    assert skill_list(["Local SEO", "local seo", " ", "UX/UI"]) == ["local-seo", "ux-ui"]
    with pytest.raises(ValueError, match=f"at most {MAX_SKILLS}"):
        skill_list([f"skill {i}" for i in range(MAX_SKILLS + 1)])
    with pytest.raises(ValueError, match="too long for a skill"):
        skill_list(["x" * 41])


def test_control_characters_are_removed_but_newlines_kept() -> None:
    assert clean_text("  line one\x00\x1b[31m\nline two\x7f  ") == "line one[31m\nline two"


def test_each_invalid_field_gets_its_own_message() -> None:
    with pytest.raises(ValidationError) as raised:
        NeedCreate(
            description="x" * 301, skills=[str(i) for i in range(11)], links="ftp://a.example", urgency="asap"
        )
    errors = field_errors(raised.value)
    assert errors["description"] == "too long: at most 300 characters (this has 301)"
    assert "at most 10" in errors["skills"]
    assert "not a web link" in errors["links"]
    assert "'low', 'normal' or 'high'" in errors["urgency"]


def test_blank_required_text_is_empty_after_cleaning() -> None:
    with pytest.raises(ValidationError) as raised:
        OfferCreate(description=" \x00 \n ")
    assert field_errors(raised.value) == {"description": "this can't be empty"}


def test_links_may_be_given_as_text_one_per_line() -> None:
    update = ProfileUpdate(links="dana.example\nhttps://portfolio.example/work, shop.example")
    assert update.links == ["https://dana.example", "https://portfolio.example/work", "https://shop.example"]


@pytest.mark.parametrize("raw", ["America", "Europe", "x" * 300, "00/" * 3333 + "0"])
def test_folders_and_overlong_names_are_not_time_zones(raw: str) -> None:
    with pytest.raises(ValueError, match="is not a time zone; use a name such as Europe/Berlin"):
        timezone_name(raw)
    assert timezone_name(" Europe/Berlin ") == "Europe/Berlin"
