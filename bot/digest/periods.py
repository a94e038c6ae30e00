"""Digest periods: ISO weeks in the community's time zone, and when each week's digest is due — where the
community lives (`scheduled_at`, the channel digest's time) and for each member on their own clock
(`local_slot`).

The period key stays the community's ISO week whatever a member's zone, so each member gets one digest a
week, exactly once; only the moment within that week is their own."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.config import WEEKDAYS
from bot.quiet_hours import QuietHours

LAST_CALL = timedelta(hours=1)  # no slot is later than this before the week ends, so a tick still sends it


@dataclass(frozen=True)
class Period:
    key: str  # "2026-W48"
    week_start: date  # that ISO week's Monday, in the community's time zone
    scheduled_at: datetime  # when its digest goes out where the community lives (aware, UTC)
    starts_at: datetime  # the week's first instant where the community lives (aware, UTC)
    ends_at: datetime  # the next week's first instant

    def local_slot(self, zone: ZoneInfo, *, day: str, at: time, quiet: QuietHours | None) -> datetime:
        """When a member whose clock reads `zone` gets this period's digest: `day` at `at` on their own
        clock, kept inside the community's week (a member far east of it gets theirs as the week opens),
        and out of their quiet hours (then the next morning, or the last evening before the week ends)."""
        send_day = self.week_start + timedelta(days=WEEKDAYS.index(day))
        slot = datetime.combine(send_day, at, tzinfo=zone).astimezone(UTC)
        slot = min(max(slot, self.starts_at), self.ends_at - LAST_CALL)
        if quiet is not None and quiet.is_quiet(slot, zone):
            morning = quiet.ends_after(slot, zone)
            slot = (
                morning if morning <= self.ends_at - LAST_CALL else quiet.began_before(slot, zone) - LAST_CALL
            )
        return max(slot, self.starts_at)


def period_of(now: datetime, *, zone: ZoneInfo, day: str = "mon", at: time = time(9, 0)) -> Period:
    """The digest period holding `now`: the ISO week `now` falls in, where the community lives."""
    local = now.astimezone(zone)
    year, week, weekday = local.isocalendar()
    monday = local.date() - timedelta(days=weekday - 1)
    send_day = monday + timedelta(days=WEEKDAYS.index(day))
    scheduled = datetime.combine(send_day, at, tzinfo=zone).astimezone(UTC)
    starts = datetime.combine(monday, time(0, 0), tzinfo=zone).astimezone(UTC)
    ends = datetime.combine(monday + timedelta(weeks=1), time(0, 0), tzinfo=zone).astimezone(UTC)
    return Period(
        key=f"{year}-W{week:02d}", week_start=monday, scheduled_at=scheduled, starts_at=starts, ends_at=ends
    )


def periods_until(
    now: datetime, *, count: int, zone: ZoneInfo, day: str = "mon", at: time = time(9, 0)
) -> list[Period]:
    """The `count` digest periods up to the one holding `now`, oldest first (each found from its Monday's
    noon, so a change of clocks never skips or repeats a week)."""
    monday = period_of(now, zone=zone, day=day, at=at).week_start
    mondays = [monday - timedelta(weeks=back) for back in range(count - 1, -1, -1)]
    return [
        period_of(datetime.combine(each, time(12, 0), tzinfo=zone), zone=zone, day=day, at=at)
        for each in mondays
    ]


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
