"""Strategies for the matcher's inputs: small random communities, their history and limits."""

from hypothesis import strategies as st

from bot.matching.model import Community, History, Limits, NeedDoc, OfferDoc, Person, ProjectDoc, pair
from tests.property.strategies import nasty_text, skill_tags, skill_words

# Mostly real skill words (so that people do match), some random text (so that odd text is read too).
words = st.lists(
    st.one_of(skill_words, skill_words, skill_words, st.text(max_size=12)), min_size=1, max_size=6
)
texts = st.one_of(words.map(" ".join), words.map(", ".join), nasty_text(80))
tags = st.lists(skill_tags, max_size=3).map(tuple)


@st.composite
def communities(draw: st.DrawFn, max_people: int = 9) -> Community:
    count = draw(st.integers(0, max_people))
    member_ids = draw(st.lists(st.integers(1, 10_000), min_size=count, max_size=count, unique=True))
    user_ids = draw(
        st.lists(st.from_regex(r"U0[A-Z0-9]{5}", fullmatch=True), min_size=count, max_size=count, unique=True)
    )
    people = tuple(
        Person(
            member_id,
            user_id,
            draw(st.sampled_from(["Dana Diaz", "Tomás", "", "  ", "李 小龙", "<!channel>"])),
            suggestible=draw(st.booleans() | st.just(True)),
            receives=draw(st.booleans() | st.just(True)),
        )
        for member_id, user_id in zip(member_ids, user_ids, strict=True)
    )
    owners = st.sampled_from(member_ids) if member_ids else st.integers(20_000, 20_010)
    owners = st.one_of(owners, owners, owners, st.integers(20_000, 20_010))  # now and then someone unknown
    offers = tuple(
        OfferDoc(
            entry_id,
            draw(owners),
            draw(texts),
            draw(st.just("") | texts),
            draw(tags),
            capacity_left=draw(st.none() | st.integers(0, 3)),
        )
        for entry_id in draw(st.lists(st.integers(1, 500), max_size=10, unique=True))
    )
    needs = tuple(
        NeedDoc(
            entry_id,
            draw(owners),
            draw(texts),
            draw(st.just("") | texts),
            draw(tags),
            private=draw(st.booleans()),
        )
        for entry_id in draw(st.lists(st.integers(1, 500), max_size=10, unique=True))
    )
    projects = tuple(
        ProjectDoc(
            entry_id,
            draw(owners),
            draw(texts),
            draw(st.just("") | texts),
            draw(st.just("") | texts),
            draw(tags),
        )
        for entry_id in draw(st.lists(st.integers(1, 500), max_size=6, unique=True))
    )
    return Community(people, offers, needs, projects)


@st.composite
def histories(draw: st.DrawFn, community: Community) -> History:
    ids = [person.member_id for person in community.people]
    if len(ids) < 2:
        return History()
    pairs = st.lists(
        st.tuples(st.sampled_from(ids), st.sampled_from(ids)).map(lambda ab: pair(*ab)), max_size=8
    )
    return History(
        blocked=frozenset(draw(pairs)), recent=frozenset(draw(pairs)), connected=frozenset(draw(pairs))
    )


limits = st.builds(
    Limits,
    per_member=st.integers(1, 4),
    appearances=st.integers(1, 5),
    min_score=st.sampled_from([0.0, 0.1, 0.25, 0.5]),
)


@st.composite
def matching_inputs(draw: st.DrawFn) -> tuple[Community, History, Limits]:
    community = draw(communities())
    return community, draw(histories(community)), draw(limits)
