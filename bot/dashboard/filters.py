"""The Intros page's filters, read from its query string: a state, and when the intros started (from, to).
Anything unreadable is ignored and shown as not set, never an error page: a hand-edited address still
shows the intros."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlencode

from bot.stats import service as stats


@dataclass(frozen=True)
class IntroFilters:
    state: str = ""  # one of stats.STATES, or "" for every state
    start: date | None = None  # started on or after
    end: date | None = None  # started on or before

    @property
    def states(self) -> list[str]:
        return [self.state] if self.state else []

    @property
    def since(self) -> datetime | None:
        return datetime.combine(self.start, time(0, 0), tzinfo=UTC) if self.start else None

    @property
    def until(self) -> datetime | None:
        """The end day included: up to the next day's first instant."""
        return datetime.combine(self.end + timedelta(days=1), time(0, 0), tzinfo=UTC) if self.end else None

    def query(self) -> str:
        """The same filters as a query string (for the CSV link)."""
        chosen = {"state": self.state, "from": self.start, "to": self.end}
        return urlencode({key: str(value) for key, value in chosen.items() if value})


def filters(query: dict[str, list[str]]) -> IntroFilters:
    state = query.get("state", [""])[0]
    return IntroFilters(
        state=state if state in stats.STATES else "",
        start=_date(query.get("from", [""])[0]),
        end=_date(query.get("to", [""])[0]),
    )


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None
