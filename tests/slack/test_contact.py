"""Who may be contacted about what (one table), and the delivery key each kind is stored under."""

from dataclasses import fields
from datetime import UTC, datetime, timedelta
from typing import get_args

import pytest

from bot.models import DigestCadence, MemberStatus
from bot.quiet_hours import QuietHours
from bot.slack.contact import (
    INTRO_KINDS,
    RECONNECT_KINDS,
    AutoPaused,
    ChannelDigest,
    ConnectorOutcome,
    Digest,
    FollowUp,
    Introduction,
    IntroEnded,
    IntroRequest,
    Kind,
    MemberState,
    Reconnect,
    ReconnectCredit,
    Welcome,
    addresses_people,
    delivery_key,
    intro_of,
    kind_of_key,
    may_contact,
    quiet_until,
)
from tests.conftest import NOW

PERSONAL_KINDS: list[Kind] = [
    Welcome(),
    Digest("2026-W48"),
    IntroRequest(12),
    Introduction(12),
    IntroEnded(12),
    FollowUp(12, 1),
    ConnectorOutcome(12),
    Reconnect(12, 1),
    ReconnectCredit(12),
    AutoPaused(12),
]

STATES = {
    "active": MemberState(MemberStatus.ACTIVE, DigestCadence.WEEKLY),
    "paused": MemberState(MemberStatus.PAUSED, DigestCadence.WEEKLY),
    "left": MemberState(MemberStatus.LEFT, DigestCadence.WEEKLY),
    "digests off": MemberState(MemberStatus.ACTIVE, DigestCadence.OFF),
    "reconnects off": MemberState(MemberStatus.ACTIVE, DigestCadence.WEEKLY, reconnects_on=False),
    "forgotten": MemberState(forgotten=True),
    "no member row": MemberState(),
}
# The rule table of `may_contact`'s docstring, column by column as in STATES.
#                    active paused left   digests off reconnects off forgotten  no member row
RULES = {
    Welcome: (True, True, False, True, True, False, True),
    Digest: (True, False, False, False, True, False, True),
    IntroRequest: (True, False, False, True, True, False, True),
    Introduction: (True, True, False, True, True, False, True),
    IntroEnded: (True, True, False, True, True, False, True),
    FollowUp: (True, False, False, True, True, False, True),
    ConnectorOutcome: (True, True, False, True, True, False, True),
    Reconnect: (True, False, False, True, False, False, True),
    ReconnectCredit: (True, True, False, True, True, False, True),
    AutoPaused: (True, True, False, True, True, False, True),
}


def test_the_table_covers_every_kind_that_reaches_a_person() -> None:
    assert {type(kind) for kind in PERSONAL_KINDS} == set(RULES) == set(get_args(Kind)) - {ChannelDigest}
    assert all(addresses_people(kind) for kind in PERSONAL_KINDS)
    assert not addresses_people(ChannelDigest("2026-W48"))


@pytest.mark.parametrize("kind", PERSONAL_KINDS, ids=lambda kind: type(kind).__name__)
@pytest.mark.parametrize("state", list(STATES))
def test_may_contact(kind: Kind, state: str) -> None:
    allowed = RULES[type(kind)][list(STATES).index(state)]
    assert may_contact(STATES[state], kind, NOW) is allowed


def test_a_paused_member_with_digests_off_gets_neither_digests_nor_follow_ups() -> None:
    both = MemberState(MemberStatus.PAUSED, DigestCadence.OFF)
    refused = [type(kind) for kind in PERSONAL_KINDS if not may_contact(both, kind, NOW)]
    assert refused == [Digest, IntroRequest, FollowUp, Reconnect]


NIGHT = QuietHours.parse("20:00-08:00")
# The hours each kind may arrive: only what both people asked for and the welcome come at night.
AT_NIGHT = {Welcome, Introduction}


@pytest.mark.parametrize("kind", PERSONAL_KINDS, ids=lambda kind: type(kind).__name__)
def test_only_what_was_asked_for_arrives_in_quiet_hours(kind: Kind) -> None:
    auckland = MemberState(MemberStatus.ACTIVE, DigestCadence.WEEKLY, timezone="Pacific/Auckland")
    night = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # 03:00 in Auckland (UTC+13)
    expected = None if type(kind) in AT_NIGHT else datetime(2026, 11, 23, 19, 0, tzinfo=UTC)  # 08:00 there
    assert quiet_until(auckland, kind, night, NIGHT) == expected
    assert quiet_until(auckland, kind, night + timedelta(hours=5), NIGHT) is None  # morning
    assert quiet_until(auckland, kind, night, None) is None  # quiet hours turned off


KEYS = [
    (Welcome(), "welcome"),
    (Digest("2026-W48"), "digest:2026-W48"),
    (ChannelDigest("2026-W48"), "channel-digest:2026-W48"),
    (IntroRequest(12), "intro:12:ask"),
    (Introduction(12), "intro:12:introduction"),
    (IntroEnded(12), "intro:12:ended"),
    (FollowUp(12, 1), "intro:12:follow-up:1"),
    (FollowUp(12, 2), "intro:12:follow-up:2"),
    (ConnectorOutcome(12), "intro:12:connector-outcome"),
    (Reconnect(12, 1), "reconnect:12:1"),
    (Reconnect(12, 2), "reconnect:12:2"),
    (ReconnectCredit(12), "reconnect:12:credit"),
    (AutoPaused(12), "auto-paused:12"),
]


@pytest.mark.parametrize(("kind", "key"), KEYS, ids=[key for _, key in KEYS])
def test_each_kind_keeps_the_key_already_stored_and_reads_back(kind: Kind, key: str) -> None:
    assert delivery_key(kind) == key
    assert kind_of_key(key) == kind


def test_every_kind_has_a_key() -> None:
    assert {type(kind) for kind, _ in KEYS} == set(get_args(Kind))


@pytest.mark.parametrize(
    "key",
    [
        "",
        "welcome:",
        "digest:",
        "intro:",
        "intro:x:ask",
        "intro:12:",
        "intro:12:wave",
        "intro:12:follow-up:x",
        "reconnect:",
        "reconnect:x:1",
        "reconnect:12:",
        "reconnect:12:soon",
        "auto-paused:",
        "auto-paused:x",
    ],
)
def test_a_key_no_kind_builds_reads_as_none(key: str) -> None:
    assert kind_of_key(key) is None


def test_the_intro_a_message_is_about() -> None:
    assert [intro_of(kind) for kind, _ in KEYS] == [None, None, None] + [12] * 9 + [None]
    about_intros = {kind for kind in get_args(Kind) if "intro_id" in {f.name for f in fields(kind)}}
    assert about_intros == set(
        INTRO_KINDS + RECONNECT_KINDS
    )  # forget-me finds messages about an intro by these
