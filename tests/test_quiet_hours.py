"""Quiet hours on a member's own clock: parsing the setting, the spell around midnight, and clock changes."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.quiet_hours import QuietHours, zone_of

NIGHT = QuietHours.parse("20:00-08:00")
assert NIGHT is not None
ZONES = [
    "UTC",
    "Pacific/Auckland",
    "Pacific/Tongatapu",
    "Pacific/Honolulu",
    "Asia/Kolkata",
    "America/St_Johns",
    "Europe/Berlin",
    "America/Chicago",
    "Asia/Kathmandu",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
]


@pytest.mark.parametrize(
    ("text", "shown"),
    [("20:00-08:00", "20:00-08:00"), (" 22:30 - 7:00 ", "22:30-07:00"), ("13:00–14:00", "13:00-14:00")],
)
def test_the_setting_reads_two_times_of_day(text: str, shown: str) -> None:
    assert str(QuietHours.parse(text)) == shown


@pytest.mark.parametrize("text", ["off", "OFF", "none", " no "])
def test_the_setting_can_be_turned_off(text: str) -> None:
    assert QuietHours.parse(text) is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("8pm-8am", "two times of day"),
        ("25:00-08:00", "two times of day"),
        ("20:00-08:61", "two times of day"),
        ("20:00", "two times of day"),
        ("08:00-08:00", "different times"),
    ],
)
def test_a_malformed_setting_says_what_to_write(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        QuietHours.parse(text)


@pytest.mark.parametrize(
    ("utc", "zone", "quiet", "until"),
    [
        # 19:59 and 20:00 in Berlin (UTC+1 in December)
        (datetime(2026, 12, 7, 18, 59, tzinfo=UTC), "Europe/Berlin", False, None),
        (
            datetime(2026, 12, 7, 19, 0, tzinfo=UTC),
            "Europe/Berlin",
            True,
            datetime(2026, 12, 8, 7, 0, tzinfo=UTC),
        ),
        # 03:00 in Auckland (UTC+13 in December): morning is five hours away
        (
            datetime(2026, 12, 7, 14, 0, tzinfo=UTC),
            "Pacific/Auckland",
            True,
            datetime(2026, 12, 7, 19, 0, tzinfo=UTC),
        ),
        # 07:59 and 08:00 in Honolulu (UTC-10)
        (
            datetime(2026, 12, 7, 17, 59, tzinfo=UTC),
            "Pacific/Honolulu",
            True,
            datetime(2026, 12, 7, 18, 0, tzinfo=UTC),
        ),
        (datetime(2026, 12, 7, 18, 0, tzinfo=UTC), "Pacific/Honolulu", False, None),
    ],
)
def test_quiet_on_the_members_own_clock(
    utc: datetime, zone: str, quiet: bool, until: datetime | None
) -> None:
    assert NIGHT.is_quiet(utc, ZoneInfo(zone)) is quiet
    assert NIGHT.ends_after(utc, ZoneInfo(zone)) == (until or utc)


def test_a_spell_that_does_not_cross_midnight() -> None:
    lunch = QuietHours.parse("12:00-13:30")
    assert lunch is not None
    utc = ZoneInfo("UTC")
    assert not lunch.is_quiet(datetime(2026, 12, 7, 11, 59, tzinfo=UTC), utc)
    assert lunch.is_quiet(datetime(2026, 12, 7, 12, 0, tzinfo=UTC), utc)
    assert lunch.ends_after(datetime(2026, 12, 7, 12, 10, tzinfo=UTC), utc) == datetime(
        2026, 12, 7, 13, 30, tzinfo=UTC
    )
    assert lunch.began_before(datetime(2026, 12, 7, 13, 0, tzinfo=UTC), utc) == datetime(
        2026, 12, 7, 12, 0, tzinfo=UTC
    )


def test_morning_comes_at_eight_on_the_night_the_clocks_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    # Spring forward (29 March 2026, 02:00 → 03:00): the night is an hour shorter, morning still 08:00 CEST.
    spring = datetime(2026, 3, 28, 22, 0, tzinfo=UTC)  # 23:00 CET
    assert NIGHT.ends_after(spring, berlin) == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)
    # Fall back (25 October 2026, 03:00 → 02:00): an hour longer, morning 08:00 CET.
    autumn = datetime(2026, 10, 24, 22, 0, tzinfo=UTC)  # 00:00 CEST
    assert NIGHT.ends_after(autumn, berlin) == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)
    assert NIGHT.is_quiet(datetime(2026, 10, 25, 6, 59, tzinfo=UTC), berlin)  # 07:59 CET


def test_an_unknown_zone_reads_as_utc() -> None:
    assert zone_of("Mars/Olympus_Mons") == ZoneInfo("UTC")
    assert zone_of(None) == ZoneInfo("UTC")


@given(
    st.integers(0, 3 * 365 * 24 * 60).map(
        lambda minutes: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    ),
    st.sampled_from(ZONES),
    st.integers(0, 23),
    st.integers(0, 23),
)
def test_the_end_of_a_spell_is_the_first_instant_that_is_not_quiet(
    now: datetime, zone_name: str, start: int, end: int
) -> None:
    assume(start != end)
    quiet = QuietHours.parse(f"{start:02d}:00-{end:02d}:00")
    assert quiet is not None
    zone = ZoneInfo(zone_name)
    morning = quiet.ends_after(now, zone)
    assert morning >= now
    assert not quiet.is_quiet(morning, zone)
    assert morning - now <= timedelta(hours=25)  # a spell lasts under a day (plus a clock change)
    if morning > now:
        assert quiet.is_quiet(morning - timedelta(minutes=1), zone)
        assert quiet.began_before(now, zone) <= now
