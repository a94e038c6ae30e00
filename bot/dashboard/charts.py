"""The Overview's cards and their 12-week charts as plain view models: today's number, what it counts, what
its chart covers, and each week's value as text (for the table under each group, for screen readers, and
for anyone without JavaScript) and as data (for the sparkline overview.js draws)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.dashboard import texts
from bot.stats import service as stats

Shown = Callable[[float | None], str]


@dataclass(frozen=True)
class Chart:
    name: str  # the chart element's data-chart (and id: chart-<name>), and its series' key in the data
    label: str
    value: str  # today's number, as shown on the card
    covers: str  # what the chart shows, in a few words
    points: tuple[str, ...]  # each week's value as shown, oldest first; "—" where there is none
    series: stats.Series

    @property
    def spoken(self) -> str:
        """The chart in words, for screen readers (role="img")."""
        return texts.chart_spoken(self.label, [p if p != texts.NONE else texts.NO_VALUE for p in self.points])


def count(value: float | None) -> str:
    return texts.NONE if value is None else f"{value:g}"


def percent(share: float | None) -> str:
    return texts.NONE if share is None else f"{share:.0%}"


def days(median: float | None) -> str:
    return texts.NONE if median is None else f"{median:g}"


def week_labels(starts: Sequence[date]) -> tuple[str, ...]:
    """Each week by its Monday ("16 Nov"), the last one "this week"."""
    return (*(f"{monday.day} {monday:%b}" for monday in starts[:-1]), texts.THIS_WEEK)


def overview_charts(numbers: stats.Overview, starts: Sequence[date]) -> dict[str, Chart]:
    """name → the card of each of the Overview's numbers, with its chart."""
    trends = numbers.trends
    counted = _members_covers(trends, starts)

    def chart(name: str, label: str, value: str, covers: str, shown: Shown = count) -> Chart:
        series: stats.Series = getattr(trends, name)
        return Chart(name, label, value, covers, tuple(shown(v) for v in series), series)

    return {
        c.name: c
        for c in (
            chart("active", texts.ACTIVE, count(numbers.active), counted),
            chart("paused", texts.PAUSED, count(numbers.paused), counted),
            chart("paused_for_silence", texts.QUIET, count(numbers.paused_for_silence), counted),
            chart("offers", texts.OFFERS, count(numbers.offers), texts.COVERS_OPEN),
            chart("needs", texts.open_needs(numbers.private_needs), count(numbers.needs), texts.COVERS_OPEN),
            chart("projects", texts.PROJECTS, count(numbers.projects), texts.COVERS_OPEN),
            chart("suggested", texts.SUGGESTED, count(numbers.suggested), texts.COVERS_DIGEST),
            chart("requested", texts.REQUESTED, count(numbers.requested), texts.COVERS_WEEK),
            chart("accepted", texts.ACCEPTED, count(numbers.accepted), texts.COVERS_WEEK),
            chart("introduced", texts.INTRODUCED, count(numbers.introduced), texts.COVERS_WEEK),
            chart("met", texts.MET, count(numbers.met), texts.COVERS_WEEK),
            chart(
                "acceptance_rate",
                texts.ACCEPTANCE_RATE,
                percent(numbers.acceptance_rate),
                texts.COVERS_ANSWERED,
                percent,
            ),
            chart("met_rate", texts.MET_RATE, percent(numbers.met_rate), texts.COVERS_INTRODUCED, percent),
            chart(
                "days_to_suggestion",
                texts.DAYS_TO_SUGGESTION,
                days(numbers.days_to_suggestion),
                texts.COVERS_FIRST_SUGGESTED,
                days,
            ),
            chart(
                "days_to_introduction",
                texts.DAYS_TO_INTRODUCTION,
                days(numbers.days_to_introduction),
                texts.COVERS_FIRST_INTRODUCED,
                days,
            ),
        )
    }


def chart_data(charts: dict[str, Chart], weeks: Sequence[str]) -> dict[str, Any]:
    """What overview.js draws, read from the page's JSON block: the weeks' labels and each series."""
    return {"weeks": list(weeks), "series": {name: list(c.series) for name, c in charts.items()}}


def _members_covers(trends: stats.Trends, starts: Sequence[date]) -> str:
    """The member charts show the counts kept each week: since when, if that is within the 12 weeks."""
    known = [n for n, value in enumerate(trends.active) if value is not None]
    first = known[0] if known else len(starts) - 1
    return texts.COVERS_COUNTED if first == 0 else texts.counted_since(week_labels(starts)[first])
