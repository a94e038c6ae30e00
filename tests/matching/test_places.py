"""Places a text names, for the one rule that needs them: country-bound advice does not cross borders."""

import pytest

from bot.matching.places import EU, overlap, places


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I do the books for ~40 German freelancers", {"DE"}),
        ("Does anyone understand the new autónomo quota?", {"ES"}),
        ("Revenu Québec's website is making me cry. Do I charge my US clients too?", {"CA", "US"}),
        ("Multnomah County says I need a permit: Oregon residential rules", {"US"}),
        ("Xero accounts for UK sole traders", {"GB"}),
        ("Trademark my shop name in the EU / Turkey", {EU, "TR"}),
        ("Since the new インボイス制度 started I'm confused", {"JP"}),
    ],
)
def test_countries_their_people_states_and_local_terms_are_found(text: str, expected: set[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    "text", ["Contact us any time", "eu tenho uma loja", "Logo design for small shops", ""]
)
def test_everyday_words_that_look_like_places_are_not_places(text: str) -> None:
    assert places(text) == frozenset()


def test_places_overlap_when_they_share_one_and_the_eu_covers_its_members() -> None:
    assert overlap(frozenset({"DE", "GB"}), frozenset({"GB"}))
    assert overlap(frozenset({EU}), frozenset({"ES"}))
    assert overlap(frozenset({"IT"}), frozenset({EU}))
    assert not overlap(frozenset({"ES"}), frozenset({"DE"}))
    assert not overlap(frozenset({EU}), frozenset({"US"}))
