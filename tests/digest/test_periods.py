from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.digest.periods import parse_moment, period_of

UTC_ZONE = ZoneInfo("UTC")


@pytest.mark.parametrize(
    ("moment", "zone", "key"),
    [
        (datetime(2026, 11, 23, 9, 0, tzinfo=UTC), "UTC", "2026-W48"),
        (datetime(2026, 12, 31, 12, 0, tzinfo=UTC), "UTC", "2026-W53"),  # 2026 has 53 ISO weeks
        (datetime(2027, 1, 3, 23, 59, tzinfo=UTC), "UTC", "2026-W53"),  # Sunday: still last year's week
        (datetime(2027, 1, 4, 0, 0, tzinfo=UTC), "UTC", "2027-W01"),
        (
            datetime(2025, 12, 29, 10, 0, tzinfo=UTC),
            "UTC",
            "2026-W01",
        ),  # a December Monday in next year's week 1
        (datetime(2026, 11, 29, 23, 30, tzinfo=UTC), "UTC", "2026-W48"),  # Sunday night in London
        (datetime(2026, 11, 29, 23, 30, tzinfo=UTC), "Asia/Tokyo", "2026-W49"),  # already Monday in Tokyo
        (datetime(2026, 11, 30, 3, 0, tzinfo=UTC), "America/Los_Angeles", "2026-W48"),  # still Sunday there
    ],
)
def test_period_keys_follow_iso_weeks_where_the_community_lives(
    moment: datetime, zone: str, key: str
) -> None:
    assert period_of(moment, zone=ZoneInfo(zone)).key == key


def test_the_digest_is_scheduled_in_local_time_across_daylight_saving() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    summer = period_of(datetime(2026, 7, 1, tzinfo=UTC), zone=berlin)
    winter = period_of(datetime(2026, 12, 2, tzinfo=UTC), zone=berlin)
    assert summer.scheduled_at == datetime(2026, 6, 29, 7, 0, tzinfo=UTC)  # Monday 09:00 CEST
    assert winter.scheduled_at == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # Monday 09:00 CET
    friday = period_of(datetime(2026, 12, 2, tzinfo=UTC), zone=berlin, day="fri", at=time(17, 30))
    assert friday.scheduled_at == datetime(2026, 12, 4, 16, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-23T09:30:00+01:00", datetime(2026, 11, 23, 8, 30, tzinfo=UTC)),
        ("2026-11-23T09:30", datetime(2026, 11, 23, 9, 30, tzinfo=UTC)),
        ("2026-11-23 09:30", datetime(2026, 11, 23, 9, 30, tzinfo=UTC)),
        ("2026-11-23", datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),
        ("2026-11-23T08:00:00Z", datetime(2026, 11, 23, 8, 0, tzinfo=UTC)),
    ],
)
def test_moments_from_the_command_line(text: str, expected: datetime) -> None:
    assert parse_moment(text, zone=UTC_ZONE) == expected


def test_a_bad_moment_says_what_to_write() -> None:
    with pytest.raises(ValueError, match="must be an ISO date or date-time such as 2026-11-23T09:00"):
        parse_moment("next monday", zone=UTC_ZONE)
