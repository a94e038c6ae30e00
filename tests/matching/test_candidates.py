"""Candidates as arrays: the shortlist keeps one reason per pair and a member's most valuable options, and
gives the same answer however many recipients it works through at once."""

import numpy as np
import pytest

from bot.matching import candidates as module
from bot.matching.candidates import OPTIONS_KEPT, Candidates, shortlist
from bot.matching.model import History, Kind, Limits, Person, pair

PEOPLE = {i: Person(i, f"U{i:03d}", f"Person {i}") for i in range(1, 41)}


def options(found: Candidates, history: History | None = None) -> dict[int, list[tuple]]:
    listed = shortlist(found, people=PEOPLE, history=history or History(), limits=Limits(min_score=0.2))
    return {
        member: [
            (s.other_id, s.kind, s.score, s.need_id, s.offer_id)
            for s in (listed.candidates.suggestion(row) for row in rows)
        ]
        for member, rows in listed.ranges.items()
    }


def random_candidates(seed: int, count: int = 600) -> Candidates:
    rng = np.random.default_rng(seed)
    parts = [
        Candidates.of(
            rng.integers(1, 41, count // 3),
            rng.integers(1, 41, count // 3),
            kind,
            np.round(rng.random(count // 3), 4),
            need=rng.integers(100, 110, count // 3),
            offer=rng.integers(200, 210, count // 3),
        )
        for kind in (Kind.CAN_HELP_YOU, Kind.YOU_CAN_HELP, Kind.KINDRED)
    ]
    return Candidates.joined(parts)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_working_through_a_few_recipients_at_a_time_gives_the_same_shortlist(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = random_candidates(seed)
    at_once = options(found)
    monkeypatch.setattr(module, "RECIPIENT_BLOCK", 7)
    assert options(found) == at_once


def test_one_reason_per_pair_the_most_valuable_options_first_and_never_too_many() -> None:
    listed = options(random_candidates(4, count=3000))
    for member, found in listed.items():
        assert len(found) <= OPTIONS_KEPT
        assert len({other for other, *_ in found}) == len(found), "one option per person"
        assert all(other != member for other, *_ in found)
        assert all(score >= 0.2 for _, _, score, *_ in found)


def test_help_with_your_own_need_wins_over_a_stronger_kindred_reason() -> None:
    found = Candidates.joined(
        [
            Candidates.of([1], [2], Kind.KINDRED, [0.9]),
            Candidates.of([1], [2], Kind.CAN_HELP_YOU, [0.5], need=np.array([5]), offer=np.array([6])),
        ]
    )
    assert options(found) == {1: [(2, Kind.CAN_HELP_YOU, 0.5, 5, 6)]}


def test_people_who_already_know_each_other_count_half_and_excluded_pairs_never_appear() -> None:
    found = Candidates.of([1, 1, 1], [2, 3, 4], Kind.KINDRED, [0.8, 0.8, 0.8])
    history = History(connected=frozenset({pair(1, 3)}), blocked=frozenset({pair(4, 1)}))
    assert options(found, history) == {
        1: [(2, Kind.KINDRED, 0.8, None, None), (3, Kind.KINDRED, 0.4, None, None)]
    }
