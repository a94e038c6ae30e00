"""Digest periods: ISO weeks in the community's time zone, and when each week's digest is due."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.config import WEEKDAYS


@dataclass(frozen=True)
class Period:
    key: str  # "2026-W48"
    week_start: date  # that ISO week's Monday, in the community's time zone
    scheduled_at: datetime  # when its digest goes out (aware, UTC)


def period_of(now: datetime, *, zone: ZoneInfo, day: str = "mon", at: time = time(9, 0)) -> Period:
    """The digest period holding `now`: the ISO week `now` falls in, where the community lives."""
    local = now.astimezone(zone)
    year, week, weekday = local.isocalendar()
    monday = local.date() - timedelta(days=weekday - 1)
    send_day = monday + timedelta(days=WEEKDAYS.index(day))
    scheduled = datetime.combine(send_day, at, tzinfo=zone).astimezone(UTC)
    return Period(key=f"{year}-W{week:02d}", week_start=monday, scheduled_at=scheduled)


def parse_moment(text: str, *, zone: ZoneInfo, default_time: time = time(9, 0)) -> datetime:
    """'2026-11-23T09:30+01:00', '2026-11-23T09:30' (community time) or '2026-11-23' (at `default_time`)."""
    cleaned = text.strip().replace(" ", "T", 1)
    try:
        if len(cleaned) == 10:
            return datetime.combine(date.fromisoformat(cleaned), default_time, tzinfo=zone).astimezone(UTC)
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(
            f"must be an ISO date or date-time such as 2026-11-23T09:00 (got {text!r})"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)
