"""Suggestion quality on the labelled community (tests/matching/data/eval_*): the whole digest pipeline.

The held-out set (holdout_*) is never asserted on: `python -m tests.matching.quality holdout` reports it.
"""

import pytest

from tests.matching.quality import Quality, measure


@pytest.fixture(scope="module")
def quality() -> Quality:
    return measure("eval")


def test_need_recall_at_3_is_at_least_0_8(quality: Quality) -> None:
    assert quality.needs >= 60
    assert quality.recall >= 0.8, "\n".join(quality.missed)


def test_no_must_never_pair_is_suggested(quality: Quality) -> None:
    assert quality.never_violations == []


def test_every_suggestion_has_a_reason(quality: Quality) -> None:
    assert quality.suggestions > 100
    assert quality.without_reason == 0


def test_most_help_suggestions_are_right_helpers(quality: Quality) -> None:
    right, shown = quality.helper_precision
    assert right / shown >= 0.7
