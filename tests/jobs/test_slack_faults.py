"""A 1,000-member digest while Slack misbehaves: 429 (with Retry-After) on every third chat.postMessage,
500s on others — some before posting, some after (the message is there but the answer was lost) — and
500s on conversations.history. Every member gets exactly one digest DM: none lost, none doubled."""

import types
from datetime import timedelta

import pytest

from bench.community import NOW, TEAM, populate
from bot.db import SessionFactory
from bot.schedule import run_due
from tests.fakeslack import FakeSlack
from tests.fakeslack.wire import Fault
from tests.jobs.conftest import context_for
from tests.processes import digests_in

MEMBERS = 1000
RETRY_AFTER = 2


def misbehave(method: str, _args: dict, n: int) -> Fault | None:
    if method == "chat.postMessage":
        if n % 3 == 0:
            return Fault(status=429, headers={"Retry-After": str(RETRY_AFTER)})
        if n % 10 == 1:
            return Fault(status=500)  # nothing posted
        if n % 10 == 5:
            return Fault(status=500, after_processing=True)  # posted, but the answer was lost
    if method == "conversations.history" and n % 4 == 0:
        return Fault(status=500)
    return None


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The rate-limit handler's sleeps, recorded instead of slept (so the test takes seconds, not minutes);
    the back-off between 5xx retries is skipped too."""
    durations: list[float] = []
    monkeypatch.setattr(
        "slack_sdk.http_retry.builtin_handlers.time", types.SimpleNamespace(sleep=durations.append)
    )
    monkeypatch.setattr(
        "slack_sdk.http_retry.handler.time", types.SimpleNamespace(sleep=lambda _seconds: None)
    )
    return durations


def test_a_thousand_member_digest_survives_429s_and_500s(
    engine, sessions: SessionFactory, slept: list[float]
) -> None:
    populate(engine, MEMBERS)
    with FakeSlack(team_id=TEAM) as fake:
        for i in range(MEMBERS):
            fake.add_user(f"U{i:08d}")
        fake.set_fault(misbehave)
        context = context_for(fake, sessions, KINDRED_TIMEZONE="UTC")
        at = NOW + timedelta(minutes=1)
        # The scheduler's ticks. A claim left by a lost answer is checked after its lease; the faults repeat
        # with the call count, so a member whose retries keep landing on failing calls needs a few ticks.
        for _ in range(6):
            run_due(context, at)
            at += timedelta(minutes=3)

        planned = {call.args["channel"] for call in fake.calls_to("chat.postMessage")}
        counts = {user_id: digests_in(fake, user_id) for user_id in planned}
        rate_limited = [c for c in fake.calls_to("chat.postMessage") if c.status == 429]
        lost_answers = [c for c in fake.calls_to("chat.postMessage") if c.status == 500]

    assert len(planned) > 0.9 * MEMBERS
    assert counts == dict.fromkeys(planned, 1)
    assert len(rate_limited) > 300
    assert len(lost_answers) > 100
    assert len(slept) == len(rate_limited)  # every 429 was waited out and retried
    assert min(slept) >= RETRY_AFTER  # for at least as long as Slack asked
