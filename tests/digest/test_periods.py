import zoneinfo
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.digest.periods import parse_moment, period_of
from bot.quiet_hours import QuietHours

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


NIGHT = QuietHours.parse("20:00-08:00")
WEEK_49 = period_of(datetime(2026, 12, 2, tzinfo=UTC), zone=ZoneInfo("UTC"))  # Mon 30 Nov – Sun 6 Dec


@pytest.mark.parametrize(
    ("zone", "slot"),
    [
        ("UTC", datetime(2026, 11, 30, 9, 0, tzinfo=UTC)),
        ("Europe/Berlin", datetime(2026, 11, 30, 8, 0, tzinfo=UTC)),  # 09:00 CET
        ("America/Chicago", datetime(2026, 11, 30, 15, 0, tzinfo=UTC)),  # 09:00 CST
        ("Pacific/Honolulu", datetime(2026, 11, 30, 19, 0, tzinfo=UTC)),  # 09:00 HST, UTC-10
        # UTC+13: Monday 09:00 there is Sunday 20:00 UTC, before the community's week opens; the digest
        # comes as the week opens, at 13:00 on their Monday.
        ("Pacific/Tongatapu", datetime(2026, 11, 30, 0, 0, tzinfo=UTC)),
        ("Asia/Kathmandu", datetime(2026, 11, 30, 3, 15, tzinfo=UTC)),  # UTC+5:45
    ],
)
def test_each_member_gets_the_digest_at_its_time_on_their_own_clock(zone: str, slot: datetime) -> None:
    assert WEEK_49.local_slot(ZoneInfo(zone), day="mon", at=time(9, 0), quiet=NIGHT) == slot


def test_a_digest_time_in_the_night_waits_for_the_morning() -> None:
    late = WEEK_49.local_slot(ZoneInfo("Europe/Berlin"), day="mon", at=time(22, 0), quiet=NIGHT)
    assert late == datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # Tuesday 08:00 CET
    assert WEEK_49.local_slot(ZoneInfo("Europe/Berlin"), day="mon", at=time(22, 0), quiet=None) == datetime(
        2026, 11, 30, 21, 0, tzinfo=UTC
    )


def test_a_slot_past_the_end_of_the_week_comes_on_the_last_evening_before_it() -> None:
    """Sunday 19:00 in Honolulu is Monday 05:00 UTC, in the next week: it comes before that week ends."""
    slot = WEEK_49.local_slot(ZoneInfo("Pacific/Honolulu"), day="sun", at=time(19, 0), quiet=NIGHT)
    assert slot == datetime(2026, 12, 6, 23, 0, tzinfo=UTC)  # Sunday 13:00 HST, the week's last hour
    assert WEEK_49.starts_at <= slot < WEEK_49.ends_at


@given(
    st.sampled_from(sorted(zoneinfo.available_timezones())),
    st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
    st.times(),
    st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Pacific/Auckland"]),
    st.integers(0, 3 * 365 * 24 * 60).map(
        lambda minutes: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    ),
)
def test_every_slot_is_inside_the_community_week_and_outside_the_members_night(
    member_zone: str, day: str, at: time, community_zone: str, moment: datetime
) -> None:
    assert NIGHT is not None
    period = period_of(moment, zone=ZoneInfo(community_zone), day=day, at=at)
    slot = period.local_slot(ZoneInfo(member_zone), day=day, at=at, quiet=NIGHT)
    assert period.starts_at <= slot < period.ends_at
    assert period_of(slot, zone=ZoneInfo(community_zone)).key == period.key
    if not NIGHT.is_quiet(period.starts_at, ZoneInfo(member_zone)):  # a week may open in someone's night
        assert not NIGHT.is_quiet(slot, ZoneInfo(member_zone))
