"""The matcher keeps its rules for any community: never yourself, never a blocked or recent pair, never
more than the limits, only people who receive and may be suggested, offers within their capacity, a private
need only ever shown to its owner, a reason for everything, and the same answer for the same data."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.matching.engine import suggest
from bot.matching.model import Community, History, Kind, Limits, Suggestion, pair
from tests.matching.embedded import embedded
from tests.property.matching_data import matching_inputs

MATCHING_SETTINGS = settings(max_examples=60, deadline=None)


def _all(found: dict[int, list[Suggestion]]) -> list[Suggestion]:
    return [suggestion for listed in found.values() for suggestion in listed]


@MATCHING_SETTINGS
@given(matching_inputs())
def test_every_rule_holds_for_any_community(inputs: tuple[Community, History, Limits]) -> None:
    _check_rules(*inputs)


@MATCHING_SETTINGS
@given(matching_inputs())
def test_every_rule_holds_with_sentence_vectors(inputs: tuple[Community, History, Limits]) -> None:
    community, history, limits = inputs
    _check_rules(embedded(community), history, limits)


def _check_rules(community: Community, history: History, limits: Limits) -> None:
    found = suggest(community, history, limits)
    people = {person.member_id: person for person in community.people}
    offers = {offer.entry_id: offer for offer in community.offers}
    needs = {need.entry_id: need for need in community.needs}
    projects = {project.entry_id: project for project in community.projects}

    for recipient, listed in found.items():
        assert listed, "a member without suggestions is left out"
        assert len(listed) <= limits.per_member
        assert len({s.other_id for s in listed}) == len(listed), "one suggestion per person"
        assert [s.score for s in listed] == sorted((s.score for s in listed), reverse=True), "best first"
        for s in listed:
            assert s.recipient_id == recipient
            assert s.other_id != recipient, "never yourself"
            assert people[recipient].receives, "only members due a digest get one"
            assert people[s.other_id].suggestible, "paused, departed and digest-off members are not suggested"
            together = pair(recipient, s.other_id)
            assert together not in history.blocked
            assert together not in history.recent
            assert s.reason.strip(), "every suggestion says why"
            if s.kind == Kind.CAN_HELP_YOU:
                assert (needs[s.need_id].member_id, offers[s.offer_id].member_id) == (recipient, s.other_id)
            elif s.kind == Kind.YOU_CAN_HELP:
                assert (offers[s.offer_id].member_id, needs[s.need_id].member_id) == (recipient, s.other_id)
                assert not needs[s.need_id].private, "a private need is never shown to anyone but its owner"
            elif s.project_id is not None:
                assert projects[s.project_id].member_id == recipient
                assert projects[s.other_project_id].member_id == s.other_id

    appearances = Counter(s.other_id for s in _all(found))
    assert all(count <= limits.appearances for count in appearances.values())
    helped = Counter(s.offer_id for s in _all(found) if s.kind == Kind.CAN_HELP_YOU)
    for offer_id, count in helped.items():
        capacity = offers[offer_id].capacity_left
        assert capacity is None or count <= capacity, "an offer is not suggested beyond its monthly capacity"


@MATCHING_SETTINGS
@given(matching_inputs(), st.booleans())
def test_the_same_data_gives_the_same_suggestions(
    inputs: tuple[Community, History, Limits], with_vectors: bool
) -> None:
    community, history, limits = inputs
    if with_vectors:
        community = embedded(community)
    first, second = (
        suggest(community, history, limits),
        suggest(embedded(community) if with_vectors else community, history, limits),
    )
    assert first == second
    assert [s.shared for s in _all(first)] == [s.shared for s in _all(second)]
    assert [s.reason for s in _all(first)] == [s.reason for s in _all(second)]
