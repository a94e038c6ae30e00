"""Suggestion quality on labelled communities (tests/matching/data): the whole digest pipeline.

- `realistic_tune` is the tuning half of the realistic set (members writing the way people type in Slack):
  its figures are asserted here, so a change that makes matching worse fails.
- `eval` is the older set written in the vocabulary's style: kept as a regression test.
- The held-out halves (`realistic_holdout`, `holdout`) are never asserted on: `python -m
  tests.matching.quality realistic_holdout` reports them, and they were measured once for the README.
"""

import pytest

from tests.matching.quality import Quality, measure


@pytest.fixture(scope="module")
def realistic() -> Quality:
    return measure("realistic_tune")


@pytest.fixture(scope="module")
def regression() -> Quality:
    return measure("eval")


def test_realistic_needs_find_a_right_helper(realistic: Quality) -> None:
    assert realistic.needs >= 55
    assert realistic.recall >= 0.65, "\n".join(realistic.missed)
    assert realistic.good_recall >= 0.65


def test_realistic_kindred_spirits_are_found_by_theme(realistic: Quality) -> None:
    assert realistic.kindred_pairs >= 10
    assert realistic.kindred_recall >= 0.45, "\n".join(realistic.missed_kindred)


def test_realistic_coverage_and_restraint(realistic: Quality) -> None:
    assert realistic.coverage >= 0.95, "members with no suggestion at all"
    assert realistic.unanswerable_only >= 5
    assert realistic.unanswerable_rate <= 0.4, "a need nobody can answer still got a helper"


def test_realistic_must_never_pairs_are_never_suggested(realistic: Quality) -> None:
    assert realistic.never_violations == []


@pytest.mark.parametrize("name", ["realistic", "regression"])
def test_every_suggestion_has_a_reason(name: str, request: pytest.FixtureRequest) -> None:
    quality: Quality = request.getfixturevalue(name)
    assert quality.suggestions > 100
    assert quality.without_reason == 0


def test_the_older_set_is_not_worse(regression: Quality) -> None:
    assert regression.needs >= 60
    assert regression.recall >= 0.9, "\n".join(regression.missed)
    assert regression.never_violations == []
    assert regression.coverage >= 0.95
    right, shown = regression.helper_precision
    assert right / shown >= 0.7
