"""Exactly-once DMs: claim, send, mark; recover from a crash between Slack accepting and the mark."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient
from sqlmodel import select

from bot import members
from bot.db import SessionFactory, session_scope
from bot.models import Delivery, DeliveryStatus
from bot.privacy import service as privacy
from bot.profiles import service as profiles
from bot.quiet_hours import QuietHours
from bot.slack.blocks.messages import text_message
from bot.slack.client import retry_handlers
from bot.slack.contact import FollowUp, Introduction, IntroEnded, Welcome
from bot.slack.delivery import DM, METADATA_EVENT, send_once
from bot.slack.delivery_ledger import LEASE, FatalSlackError, Outcome, SlackDeliveryError
from tests.conftest import NOW
from tests.factories import TEAM, make_member
from tests.fakeslack import FakeSlack

DM_ALICE = DM(team_id=TEAM, user_id="U0ALICE", kind=Welcome(), message=text_message("Hello!"))


@pytest.fixture
def fake() -> FakeSlack:
    with FakeSlack(team_id=TEAM) as fake:
        fake.add_user("U0ALICE", name="alice")
        yield fake


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token=fake.token, base_url=fake.api_url, retry_handlers=retry_handlers())


def _rows(sessions: SessionFactory) -> list[Delivery]:
    with session_scope(sessions) as session:
        return list(session.exec(select(Delivery)).all())


def test_a_message_is_sent_once_whatever_the_number_of_attempts(client, fake, sessions) -> None:
    assert send_once(client, sessions, DM_ALICE, now=NOW, quiet=None) == Outcome.SENT
    assert (
        send_once(client, sessions, DM_ALICE, now=NOW + timedelta(hours=1), quiet=None)
        == Outcome.ALREADY_SENT
    )
    [posted] = fake.calls_to("chat.postMessage")
    assert posted.args["metadata"] == {"event_type": METADATA_EVENT, "event_payload": {"key": "welcome"}}
    [row] = _rows(sessions)
    assert (row.status, row.channel_id, row.message_ts) == (
        DeliveryStatus.SENT,
        fake.dm_channel_for("U0ALICE"),
        posted.response["ts"],
    )


def test_concurrent_senders_send_one_message(client, fake, sessions) -> None:
    outcomes: list[Outcome] = []
    start = threading.Barrier(4)

    def sender() -> None:
        start.wait()
        outcomes.append(send_once(client, sessions, DM_ALICE, now=NOW, quiet=None))

    threads = [threading.Thread(target=sender) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(fake.calls_to("chat.postMessage")) == 1
    assert outcomes.count(Outcome.SENT) == 1


def test_members_who_left_are_never_contacted(client, fake, sessions) -> None:
    with session_scope(sessions) as session:
        make_member(session)
        members.mark_left(session, team_id=TEAM, user_id="U0ALICE", now=NOW)
    assert send_once(client, sessions, DM_ALICE, now=NOW, quiet=None) == Outcome.SKIPPED
    assert fake.calls_to("chat.postMessage") == []


@pytest.mark.parametrize("error", ["user_not_found", "cannot_dm_bot", "account_inactive", "is_archived"])
def test_a_permanent_failure_is_recorded_and_not_retried(client, fake, sessions, error: str) -> None:
    fake.fail_next("chat.postMessage", error=error)
    assert send_once(client, sessions, DM_ALICE, now=NOW, quiet=None) == Outcome.FAILED
    assert send_once(client, sessions, DM_ALICE, now=NOW + LEASE * 2, quiet=None) == Outcome.FAILED
    assert len(fake.calls_to("chat.postMessage")) == 1
    [row] = _rows(sessions)
    assert (row.status, row.error) == (DeliveryStatus.FAILED, error)


@pytest.mark.parametrize("error", ["invalid_auth", "token_revoked"])
def test_a_rejected_token_stops_the_sender_and_keeps_nothing_claimed(
    client, fake, sessions, error: str
) -> None:
    fake.fail_next("chat.postMessage", error=error)
    with pytest.raises(FatalSlackError, match=error):
        send_once(client, sessions, DM_ALICE, now=NOW, quiet=None)
    assert _rows(sessions) == []


def test_an_explicit_error_releases_the_claim_for_a_later_retry(client, fake, sessions) -> None:
    fake.fail_next("chat.postMessage", error="internal_error")
    with pytest.raises(SlackDeliveryError):
        send_once(client, sessions, DM_ALICE, now=NOW, quiet=None)
    assert _rows(sessions) == []
    assert send_once(client, sessions, DM_ALICE, now=NOW, quiet=None) == Outcome.SENT


def test_rate_limits_are_retried_after_retry_after(client, fake, sessions) -> None:
    fake.fail_next("chat.postMessage", status=429, headers={"Retry-After": "0"}, times=2)
    assert send_once(client, sessions, DM_ALICE, now=NOW, quiet=None) == Outcome.SENT
    assert [c.status for c in fake.calls_to("chat.postMessage")] == [429, 429, 200]


def test_a_5xx_is_ambiguous_so_the_claim_waits_for_reconciliation(client, fake, sessions) -> None:
    fake.fail_next("chat.postMessage", status=500)
    with pytest.raises(SlackDeliveryError):
        send_once(client, sessions, DM_ALICE, now=NOW, quiet=None)
    assert len(fake.calls_to("chat.postMessage")) == 1  # not retried blindly: it might have been posted
    [row] = _rows(sessions)
    assert row.status == DeliveryStatus.PENDING
    assert send_once(client, sessions, DM_ALICE, now=NOW + LEASE / 2, quiet=None) == Outcome.IN_PROGRESS
    assert (
        send_once(client, sessions, DM_ALICE, now=NOW + LEASE * 2, quiet=None) == Outcome.SENT
    )  # not in the DM: send
    assert len(fake.calls_to("chat.postMessage")) == 2


def test_a_crash_after_slack_accepted_does_not_send_twice(client, fake, sessions) -> None:
    """The sender died after Slack posted the DM but before the row was marked sent."""
    with session_scope(sessions) as session:
        session.add(Delivery(team_id=TEAM, key="welcome", user_id="U0ALICE", attempts=1, claimed_at=NOW))
    posted = client.chat_postMessage(
        channel="U0ALICE",
        text="Hello!",
        metadata={"event_type": METADATA_EVENT, "event_payload": {"key": "welcome"}},
    )
    assert send_once(client, sessions, DM_ALICE, now=NOW + LEASE * 2, quiet=None) == Outcome.ALREADY_SENT
    assert len(fake.calls_to("chat.postMessage")) == 1
    [row] = _rows(sessions)
    assert (row.status, row.message_ts, row.attempts) == (DeliveryStatus.SENT, posted["ts"], 2)


def test_another_keys_message_in_the_dm_does_not_count(client, fake, sessions) -> None:
    with session_scope(sessions) as session:
        session.add(Delivery(team_id=TEAM, key="welcome", user_id="U0ALICE", attempts=1, claimed_at=NOW))
    client.chat_postMessage(
        channel="U0ALICE",
        text="Other",
        metadata={"event_type": METADATA_EVENT, "event_payload": {"key": "other"}},
    )
    assert send_once(client, sessions, DM_ALICE, now=NOW + LEASE * 2, quiet=None) == Outcome.SENT
    assert len(fake.messages("U0ALICE")) == 2


def test_the_same_key_is_separate_for_each_member(client, fake, sessions) -> None:
    fake.add_user("U0BOB", name="bob")
    dm_bob = DM(team_id=TEAM, user_id="U0BOB", kind=Welcome(), message=text_message("Hello!"))
    assert send_once(client, sessions, DM_ALICE, now=NOW, quiet=None) == Outcome.SENT
    assert send_once(client, sessions, dm_bob, now=NOW, quiet=None) == Outcome.SENT
    assert {c.args["channel"] for c in fake.calls_to("chat.postMessage")} == {"U0ALICE", "U0BOB"}


def test_someone_who_asked_to_be_forgotten_is_never_contacted(client, fake, sessions) -> None:
    with session_scope(sessions) as session:
        make_member(session)
        privacy.forget(session, team_id=TEAM, user_id="U0ALICE", now=NOW)
    assert send_once(client, sessions, DM_ALICE, now=NOW, quiet=None) == Outcome.SKIPPED
    assert fake.calls_to("chat.postMessage") == []
    assert _rows(sessions) == []


def test_a_pause_stops_follow_ups_but_not_news_of_an_intro_under_way(client, fake, sessions) -> None:
    with session_scope(sessions) as session:
        profiles.pause(session, member=make_member(session), now=NOW)
    follow_up = DM(TEAM, "U0ALICE", FollowUp(12, 1), text_message("How did it go?"))
    ended = DM(TEAM, "U0ALICE", IntroEnded(12), text_message("It didn't work out this time."))
    assert send_once(client, sessions, follow_up, now=NOW, quiet=None) == Outcome.SKIPPED
    assert send_once(client, sessions, ended, now=NOW, quiet=None) == Outcome.SENT
    assert [row.key for row in _rows(sessions)] == ["intro:12:ended"]


def test_a_group_dm_is_opened_and_recorded_for_both(client, fake, sessions) -> None:
    fake.add_user("U0BOB", name="bob")
    dm = DM.group(TEAM, ("U0BOB", "U0ALICE"), Introduction(12), text_message("Meet!"))
    assert send_once(client, sessions, dm, now=NOW, quiet=None) == Outcome.SENT
    [opened] = fake.calls_to("conversations.open")
    group = opened.response["channel"]["id"]
    [posted] = fake.calls_to("chat.postMessage")
    assert (opened.args["users"], posted.args["channel"]) == ("U0ALICE,U0BOB", group)
    [row] = _rows(sessions)
    assert (row.user_id, row.key, row.channel_id) == ("U0ALICE,U0BOB", "intro:12:introduction", group)


def test_a_group_dm_needs_everyone_in_it_to_be_reachable(client, fake, sessions) -> None:
    fake.add_user("U0BOB", name="bob")
    with session_scope(sessions) as session:
        make_member(session)
        make_member(session, "U0BOB", name="Bob")
        members.mark_left(session, team_id=TEAM, user_id="U0BOB", now=NOW)
    dm = DM.group(TEAM, ("U0ALICE", "U0BOB"), Introduction(12), text_message("Meet!"))
    assert send_once(client, sessions, dm, now=NOW, quiet=None) == Outcome.SKIPPED
    assert fake.calls_to("conversations.open") == []
    assert fake.calls_to("chat.postMessage") == []


NIGHT = QuietHours.parse("20:00-08:00")


def test_nothing_unasked_lands_in_a_members_night(client, fake, sessions) -> None:
    """03:00 in Auckland: a follow-up waits, and is sent (once) when their morning comes."""
    with session_scope(sessions) as session:
        alice = make_member(session)
        alice.timezone = "Pacific/Auckland"  # UTC+13 in November
    follow_up = DM(TEAM, "U0ALICE", FollowUp(7, 1), text_message("How did it go?"))
    night = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # 03:00 on Tuesday in Auckland
    assert send_once(client, sessions, follow_up, now=night, quiet=NIGHT) == Outcome.WAITING
    assert send_once(
        client, sessions, follow_up, now=night + timedelta(hours=4, minutes=59), quiet=NIGHT
    ) == (Outcome.WAITING)
    assert fake.calls_to("chat.postMessage") == []
    assert _rows(sessions) == []  # nothing claimed: no one holds a lease on it
    morning = night + timedelta(hours=5)  # 08:00
    assert send_once(client, sessions, follow_up, now=morning, quiet=NIGHT) == Outcome.SENT
    assert send_once(client, sessions, follow_up, now=morning, quiet=NIGHT) == Outcome.ALREADY_SENT
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_what_both_people_asked_for_is_sent_at_any_hour(client, fake, sessions) -> None:
    fake.add_user("U0BOB", name="bob")
    with session_scope(sessions) as session:
        make_member(session).timezone = "Pacific/Auckland"
        make_member(session, user_id="U0BOB").timezone = "Pacific/Honolulu"
    night = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)  # 03:00 in Auckland, 04:00 in Honolulu
    introduction = DM.group(TEAM, ["U0ALICE", "U0BOB"], Introduction(7), text_message("Meet!"))
    assert send_once(client, sessions, introduction, now=night, quiet=NIGHT) == Outcome.SENT
    assert send_once(client, sessions, DM_ALICE, now=night, quiet=NIGHT) == Outcome.SENT  # the welcome


def test_a_message_already_sent_is_reported_sent_even_at_night(client, fake, sessions) -> None:
    follow_up = DM(TEAM, "U0ALICE", FollowUp(7, 1), text_message("How did it go?"))
    with session_scope(sessions) as session:
        make_member(session).timezone = "Europe/Berlin"
    assert send_once(client, sessions, follow_up, now=NOW, quiet=NIGHT) == Outcome.SENT  # 10:00 CET
    late = NOW + timedelta(hours=12)  # 22:00 CET
    assert send_once(client, sessions, follow_up, now=late, quiet=NIGHT) == Outcome.ALREADY_SENT
    assert send_once(client, sessions, follow_up, now=late, quiet=None) == Outcome.ALREADY_SENT
