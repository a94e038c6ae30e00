"""The community weeks the dashboard's charts are drawn over (digest periods, oldest first, the last one
holding `now`), and which of them a moment falls in, worked out by the database so a series is one grouped
query however many rows it counts."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import case, literal


class Week(Protocol):
    """A digest period, as far as the charts need one."""

    @property
    def key(self) -> str: ...
    @property
    def starts_at(self) -> datetime: ...
    @property
    def ends_at(self) -> datetime: ...


def week_of(moment: Any, weeks: Sequence[Week], now: datetime | None) -> Any:
    """Which of `weeks` `moment` (a datetime column) falls in, as an SQL expression: its index, -1 before the
    first week, len(weeks) after the last or after `now` (nothing after `now` counts; `now` itself does)."""
    if not weeks:
        return literal(-1)
    within = [
        moment < week.ends_at if now is None or week.ends_at <= now else moment <= now for week in weeks
    ]
    before = (moment < weeks[0].starts_at, -1)
    return case(before, *((inside, n) for n, inside in enumerate(within)), else_=len(weeks))
