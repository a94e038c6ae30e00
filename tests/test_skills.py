import re

import pytest

from bot.skills import MAX_TAG_LENGTH, label_for, normalise_tag, vocabulary


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("  E-mail  Marketing ", "e-mail-marketing"),
        ("C++", "c++"),
        ("Node.js", "node.js"),
        ("UX/UI", "ux-ui"),
        ("Local SEO!", "local-seo"),
        ("--a--b--", "a-b"),
        ("Ünïcode Design", "ünïcode-design"),
        ("🎨", ""),
    ],
)
def test_normalise_tag(raw: str, tag: str) -> None:
    assert normalise_tag(raw) == tag


def test_every_curated_tag_is_already_normal_and_unique() -> None:
    tags = [skill.tag for skill in vocabulary()]
    assert len(tags) == len(set(tags)) > 150
    for tag in tags:
        assert normalise_tag(tag) == tag
        assert 0 < len(tag) <= MAX_TAG_LENGTH
        assert re.fullmatch(r"[a-z0-9+#.-]+", tag)


def test_related_skills_point_at_curated_tags() -> None:
    tags = {skill.tag for skill in vocabulary()}
    for skill in vocabulary():
        assert set(skill.related) <= tags, skill.tag


def test_search_puts_label_matches_before_alias_matches() -> None:
    found = [skill.tag for skill in vocabulary().search("seo")]
    assert found[0] == "seo"
    assert "local-seo" in found
    by_alias = [skill.tag for skill in vocabulary().search("search engine")]
    assert "seo" in by_alias


def test_empty_search_lists_specific_skills_first_and_respects_the_limit() -> None:
    listed = vocabulary().search("", limit=30)
    assert len(listed) == 30
    assert not listed[0].generic


def test_labels_fall_back_to_a_readable_tag() -> None:
    assert label_for("seo") == "SEO"
    assert label_for("shopify-theme-tweaks") == "shopify theme tweaks"


def test_every_alias_and_exclusion_belongs_to_one_skill() -> None:
    owners: dict[str, str] = {}
    for skill in vocabulary():
        for phrase in (*skill.aliases, *skill.excludes):
            assert phrase == phrase.lower(), phrase
            assert owners.setdefault(phrase, skill.tag) == skill.tag, (
                f"{phrase!r} is in {owners[phrase]} and {skill.tag}"
            )
