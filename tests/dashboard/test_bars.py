"""The Supply and demand bars: lengths in proportion, each theme's gaps at the end of its needs bar."""

import pytest

from bot.dashboard.bars import LABELS, NUMBERS, SHORTEST, WIDTH, bars_of
from bot.stats.service import Theme


def test_bars_are_in_proportion_and_the_gaps_end_the_needs_bar() -> None:
    chart = bars_of(
        [
            Theme("Design", offers=40, needs=20, gaps=5, median_days=3, longest_days=9),
            Theme("Legal & admin", offers=0, needs=1, gaps=1, median_days=12, longest_days=12),
        ]
    )
    full = WIDTH - LABELS - NUMBERS
    offers, needs, gaps, legal = chart.rects
    assert (offers.kind, offers.x, offers.width) == ("offers", LABELS, full)  # the longest bar fills the room
    assert needs.kind == "needs"
    assert needs.width == pytest.approx(full * 15 / 40, abs=0.1)  # the 15 needs an offer answers
    assert gaps.kind == "gaps"
    assert gaps.x == pytest.approx(LABELS + needs.width, abs=0.1)
    assert gaps.width == pytest.approx(full * 5 / 40, abs=0.1)
    assert legal.kind == "gaps"  # no offers bar at all, and no needs bar: its one need is a gap
    assert legal.width == pytest.approx(full / 40, abs=0.1)
    assert gaps.title == "Design: 5 with no offer"
    assert [text.text for text in chart.texts] == [
        "Design",
        "40 offers",
        "20 needs, 5 with no offer",
        "Legal & admin",
        "0 offers",
        "1 need, 1 with no offer",
    ]
    assert chart.height > legal.y + chart.bar


def test_one_need_among_thousands_of_offers_is_still_seen() -> None:
    chart = bars_of([Theme("Design", offers=4000, needs=1, gaps=1, median_days=1, longest_days=1)])
    assert [(rect.kind, rect.width) for rect in chart.rects][1:] == [("gaps", SHORTEST)]
