"""Who gets which suggestions: every exclusion rule, the caps, fairness and determinism."""

import pytest

from bot.matching.assign import assign
from bot.matching.model import History, Kind, Limits, Person, Suggestion, pair

PEOPLE = {i: Person(i, f"U{i:03d}", f"Person {i}") for i in range(1, 21)}


def chosen(candidates: list[Suggestion], *, people=PEOPLE, history=None, limits=None, capacity=None):
    history, limits = history or History(), limits or Limits()
    picks = assign(candidates, people=people, history=history, limits=limits, capacity=capacity or {})
    return {member: [(c.other_id, c.kind) for c in found] for member, found in picks.items()}


def helps(recipient: int, other: int, score: float = 0.5, offer: int | None = None) -> Suggestion:
    return Suggestion(recipient, other, Kind.CAN_HELP_YOU, score, need_id=1, offer_id=offer)


def test_the_best_candidates_up_to_the_limit() -> None:
    candidates = [helps(1, other, score=other / 10) for other in range(2, 8)]
    assert chosen(candidates)[1] == [(7, Kind.CAN_HELP_YOU), (6, Kind.CAN_HELP_YOU), (5, Kind.CAN_HELP_YOU)]
    assert len(chosen(candidates, limits=Limits(per_member=1))[1]) == 1


@pytest.mark.parametrize(
    ("people", "history", "reason"),
    [
        (PEOPLE | {2: Person(2, "U002", "Paused", suggestible=False)}, History(), "not suggestible"),
        (PEOPLE | {1: Person(1, "U001", "Off", receives=False)}, History(), "recipient not due"),
        (PEOPLE, History(blocked=frozenset({pair(1, 2)})), "introduced, pending, declined or dismissed"),
        (PEOPLE, History(recent=frozenset({pair(2, 1)})), "suggested in the last four weeks"),
    ],
)
def test_excluded_pairs_are_never_suggested(people, history, reason: str) -> None:
    assert chosen([helps(1, 2)], people=people, history=history) == {}, reason


def test_never_yourself_and_never_below_the_minimum_score() -> None:
    assert chosen([helps(1, 1, score=0.9), helps(1, 2, score=0.05)], limits=Limits(min_score=0.25)) == {}


def test_nobody_appears_in_more_digests_than_the_cap() -> None:
    popular = [helps(recipient, 20, score=0.9) for recipient in range(1, 15)]
    appearances = sum(
        other == 20 for picks in chosen(popular, limits=Limits(appearances=5)).values() for other, _ in picks
    )
    assert appearances == 5


def test_scarce_members_choose_first_so_suggestions_spread() -> None:
    """Member 1 could also have 3 or 4; member 2 can only have 3: 2 goes first and gets them."""
    candidates = [helps(1, 3, 0.9), helps(1, 4, 0.8), helps(2, 3, 0.7)]
    picks = chosen(candidates, limits=Limits(per_member=1, appearances=1))
    assert picks == {2: [(3, Kind.CAN_HELP_YOU)], 1: [(4, Kind.CAN_HELP_YOU)]}


def test_an_offer_is_not_suggested_beyond_its_capacity() -> None:
    candidates = [helps(recipient, 20, 0.9, offer=7) for recipient in range(1, 6)]
    picks = chosen(candidates, capacity={7: 2})
    assert sum(len(found) for found in picks.values()) == 2
    assert chosen(candidates, capacity={7: 0}) == {}


def test_people_who_already_know_each_other_count_for_less() -> None:
    candidates = [helps(1, 2, 0.6), helps(1, 3, 0.5)]
    picks = chosen(
        candidates, history=History(connected=frozenset({pair(1, 2)})), limits=Limits(per_member=1)
    )
    assert picks[1] == [(3, Kind.CAN_HELP_YOU)]


def test_one_suggestion_per_person_with_the_best_reason() -> None:
    candidates = [Suggestion(1, 2, Kind.YOU_CAN_HELP, 0.4), Suggestion(1, 2, Kind.KINDRED, 0.6)]
    assert chosen(candidates)[1] == [(2, Kind.KINDRED)]  # kindred by far


def test_help_with_your_own_need_is_the_reason_even_when_something_else_scores_higher() -> None:
    candidates = [
        helps(1, 2, 0.4),
        Suggestion(1, 2, Kind.KINDRED, 0.6),
        Suggestion(1, 2, Kind.YOU_CAN_HELP, 0.7),
    ]
    assert chosen(candidates)[1] == [(2, Kind.CAN_HELP_YOU)]


def test_every_need_gets_a_helper_before_anything_else() -> None:
    candidates = [
        Suggestion(1, 5, Kind.KINDRED, 0.9),
        Suggestion(1, 6, Kind.YOU_CAN_HELP, 0.9),
        helps(1, 2, 0.3),
        Suggestion(1, 3, Kind.CAN_HELP_YOU, 0.3, need_id=2),
    ]
    assert chosen(candidates, limits=Limits(per_member=2))[1] == [
        (2, Kind.CAN_HELP_YOU),
        (3, Kind.CAN_HELP_YOU),
    ]


def test_a_second_helper_for_the_same_need_gives_way_to_variety() -> None:
    candidates = [helps(1, 2, 0.60), helps(1, 3, 0.59), Suggestion(1, 4, Kind.YOU_CAN_HELP, 0.58)]
    assert [kind for _, kind in chosen(candidates, limits=Limits(per_member=2))[1]] == [
        Kind.CAN_HELP_YOU,
        Kind.YOU_CAN_HELP,
    ]


def test_help_with_each_need_comes_before_other_kinds() -> None:
    second_need = Suggestion(1, 3, Kind.CAN_HELP_YOU, 0.50, need_id=2)
    candidates = [helps(1, 2, 0.60), second_need, Suggestion(1, 4, Kind.KINDRED, 0.55)]
    assert [other for other, _ in chosen(candidates, limits=Limits(per_member=2))[1]] == [2, 3]


def test_help_is_the_reason_shown_when_a_pair_also_has_things_in_common() -> None:
    candidates = [helps(1, 2, 0.50), Suggestion(1, 2, Kind.KINDRED, 0.55)]
    assert chosen(candidates)[1] == [(2, Kind.CAN_HELP_YOU)]


def test_ties_are_broken_the_same_way_every_time() -> None:
    candidates = [helps(recipient, other, 0.5) for recipient in range(1, 10) for other in range(10, 20)]
    first = chosen(candidates, limits=Limits(appearances=2))
    assert all(chosen(list(reversed(candidates)), limits=Limits(appearances=2)) == first for _ in range(3))
