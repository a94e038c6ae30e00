"""Quiet hours: the part of each member's night in which Kindred sends nothing unasked (by default
20:00–08:00 on the member's own clock, from their Slack time zone). Pure: times in, times out.

`KINDRED_QUIET_HOURS` sets them ("20:00-08:00", "22:30-07:00") or turns them off ("off"). A spell may
cross midnight (the usual case) or not ("13:00-14:00"). Daylight-saving changes are the zone's business:
each check reads the member's wall clock at that instant, so a member hears nothing before 08:00 on the
morning the clocks change, whichever way they change.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SPELL = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")
OFF_WORDS = frozenset({"off", "none", "no", "false", "0"})
DEFAULT = "20:00-08:00"


@dataclass(frozen=True)
class QuietHours:
    """From `start` to `end` on the member's clock; `start == end` never happens (`parse` refuses it)."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> "QuietHours | None":
        """`"20:00-08:00"` → quiet hours; `"off"` → None. Raises ValueError saying what to write."""
        cleaned = text.strip().lower()
        if cleaned in OFF_WORDS:
            return None
        found = SPELL.match(cleaned)
        hint = f'must be two times of day such as "{DEFAULT}", or "off" (got {text!r})'
        if found is None:
            raise ValueError(hint)
        hours_a, minutes_a, hours_b, minutes_b = (int(part) for part in found.groups())
        if max(hours_a, hours_b) > 23 or max(minutes_a, minutes_b) > 59:
            raise ValueError(hint)
        start, end = time(hours_a, minutes_a), time(hours_b, minutes_b)
        if start == end:
            raise ValueError(f'must start and end at different times, such as "{DEFAULT}" (got {text!r})')
        return cls(start, end)

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def is_quiet(self, now: datetime, zone: ZoneInfo) -> bool:
        """Whether `now` falls in quiet hours on a clock in `zone`."""
        clock = now.astimezone(zone).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= clock < self.end
        return clock >= self.start or clock < self.end

    def ends_after(self, now: datetime, zone: ZoneInfo) -> datetime:
        """When the quiet spell holding `now` ends (in UTC); `now` itself when it is not quiet."""
        if not self.is_quiet(now, zone):
            return now
        local = now.astimezone(zone)
        day = local.date() if local.time().replace(tzinfo=None) < self.end else local.date() + timedelta(1)
        return _wall_clock(day, self.end, zone)

    def began_before(self, now: datetime, zone: ZoneInfo) -> datetime:
        """When the quiet spell holding `now` began (in UTC); `now` itself when it is not quiet."""
        if not self.is_quiet(now, zone):
            return now
        local = now.astimezone(zone)
        day = local.date() if local.time().replace(tzinfo=None) >= self.start else local.date() - timedelta(1)
        return _wall_clock(day, self.start, zone)


def _wall_clock(day: date, at: time, zone: ZoneInfo) -> datetime:
    """`at` on `day` where `zone` is, in UTC (a time skipped by a spring-forward change reads as the same
    distance past the change, as zoneinfo does)."""
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def zone_of(name: str | None) -> ZoneInfo:
    """A member's zone from their stored Slack `tz`; UTC when it is unknown or unreadable."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")
