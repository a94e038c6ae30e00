"""The engine end to end on small communities: kinds, reasons, privacy, never yourself, determinism.

Each scenario runs twice: with the vocabulary alone (no embedding model) and with the hybrid scorer."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.matching.engine import suggest
from bot.matching.model import Community, History, Kind, Limits, NeedDoc, OfferDoc, Person, ProjectDoc
from tests.matching.embedded import embedded

DANA, TOMAS, PRIYA, JONAS = 1, 2, 3, 4
PEOPLE = (
    Person(DANA, "U0DANA", "Dana Diaz", "Local SEO consultant"),
    Person(TOMAS, "U0TOMAS", "Tomás Oliveira", "Baker"),
    Person(PRIYA, "U0PRIYA", "Priya Raman", "Bookkeeper"),
    Person(JONAS, "U0JONAS", "Jonas Becker", "Illustrator"),
)
PLAIN = Community(
    people=PEOPLE,
    offers=(
        OfferDoc(10, DANA, "Local SEO audits for cafés and small shops", skills=("local-seo",)),
        OfferDoc(
            11,
            PRIYA,
            "Bookkeeping for freelancers: Xero set-up and monthly reconciliation",
            skills=("bookkeeping",),
        ),
    ),
    needs=(
        NeedDoc(20, TOMAS, "People searching for a bakery near them don't find us on Google maps"),
        NeedDoc(21, JONAS, "drowning in receipts, no idea what I can claim", private=True),
    ),
    projects=(
        ProjectDoc(
            30,
            DANA,
            "Cafés of Lisbon newsletter",
            "A weekly newsletter about independent cafés",
            skills=("newsletters",),
        ),
        ProjectDoc(31, JONAS, "Comic newsletter", "A newsletter for my webcomic", skills=("newsletters",)),
    ),
)


EMBEDDED = embedded(PLAIN)


@pytest.fixture(params=["vocabulary", "hybrid"])
def community(request: pytest.FixtureRequest) -> Community:
    return PLAIN if request.param == "vocabulary" else EMBEDDED


def kinds_for(result, member: int) -> dict[int, Kind]:
    return {s.other_id: s.kind for s in result.get(member, [])}


def test_helpers_are_suggested_both_ways_with_a_reason_naming_the_overlap(community: Community) -> None:
    result = suggest(community, History())
    assert kinds_for(result, TOMAS)[DANA] == Kind.CAN_HELP_YOU
    assert kinds_for(result, DANA)[TOMAS] == Kind.YOU_CAN_HELP
    reason = next(s.reason for s in result[TOMAS] if s.other_id == DANA)
    for words in ("Google maps", "Dana", "Local SEO"):
        assert words in reason


def test_a_private_need_helps_its_owner_but_is_never_shown_to_anyone_else(community: Community) -> None:
    result = suggest(community, History())
    assert kinds_for(result, JONAS)[PRIYA] == Kind.CAN_HELP_YOU
    assert JONAS not in kinds_for(result, PRIYA) or kinds_for(result, PRIYA)[JONAS] == Kind.KINDRED
    for suggestions in result.values():
        for suggestion in suggestions:
            if suggestion.recipient_id != JONAS:
                assert "receipts" not in suggestion.reason


def test_people_working_on_similar_things_are_kindred_spirits(community: Community) -> None:
    result = suggest(community, History())
    assert kinds_for(result, JONAS).get(DANA) == Kind.KINDRED
    assert "newsletter" in next(s.reason for s in result[JONAS] if s.other_id == DANA).lower()


def test_every_suggestion_has_a_reason_and_a_score_in_range(community: Community) -> None:
    for suggestions in suggest(community, History()).values():
        for suggestion in suggestions:
            assert suggestion.reason.strip()
            assert 0 < suggestion.score <= 1


members = st.integers(min_value=1, max_value=8)
words = st.sampled_from(["seo", "bookkeeping", "newsletter", "python", "ux", "podcast", "logo", "pricing"])


@settings(max_examples=40, deadline=None)
@given(
    offers=st.lists(st.tuples(members, words), max_size=12),
    needs=st.lists(st.tuples(members, words, st.booleans()), max_size=12),
    per_member=st.integers(min_value=1, max_value=3),
    appearances=st.integers(min_value=1, max_value=4),
)
def test_never_yourself_and_the_caps_always_hold(offers, needs, per_member, appearances) -> None:
    people = tuple(Person(i, f"U{i}", f"P{i}") for i in range(1, 9))
    community = Community(
        people=people,
        offers=tuple(
            OfferDoc(100 + i, m, f"I help with {w}", skills=(w,)) for i, (m, w) in enumerate(offers)
        ),
        needs=tuple(NeedDoc(200 + i, m, f"need {w}", private=p) for i, (m, w, p) in enumerate(needs)),
    )
    result = suggest(embedded(community), History(), Limits(per_member=per_member, appearances=appearances))
    seen: dict[int, int] = {}
    for member, suggestions in result.items():
        assert len(suggestions) <= per_member
        assert len({s.other_id for s in suggestions}) == len(suggestions)
        for suggestion in suggestions:
            assert suggestion.other_id != member
            seen[suggestion.other_id] = seen.get(suggestion.other_id, 0) + 1
    assert all(count <= appearances for count in seen.values())
    again = suggest(embedded(community), History(), Limits(per_member=per_member, appearances=appearances))
    assert again == result


@pytest.mark.parametrize("with_vectors", [False, True])
def test_a_community_whose_entries_say_nothing_gets_no_suggestions_rather_than_an_error(
    with_vectors: bool,
) -> None:
    community = Community(
        people=PEOPLE[:2],
        offers=(OfferDoc(10, DANA, "!!!"),),
        needs=(NeedDoc(20, TOMAS, "???"),),
        projects=(ProjectDoc(30, DANA, "x"),),
    )
    assert suggest(embedded(community) if with_vectors else community, History()) == {}
