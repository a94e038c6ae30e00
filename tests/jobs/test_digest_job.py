"""The digest job: one DM per planned member, exactly once, whatever happens along the way."""

from collections import Counter
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from bot.digest import jobs as digest_job
from bot.models import Delivery, DeliveryStatus, DigestRun, Member
from bot.profiles import service as profiles
from bot.scheduler.context import JobContext
from bot.slack import delivery
from bot.slack.delivery_ledger import LEASE, FatalSlackError, Outcome
from tests.conftest import NOW
from tests.fakeslack import FakeSlack
from tests.jobs.conftest import context_for


def digests_per_member(fake: FakeSlack) -> Counter[str]:
    return Counter(
        call.args["channel"]
        for call in fake.calls_to("chat.postMessage")
        if call.ok
        and call.args.get("metadata", {}).get("event_payload", {}).get("key", "").startswith("digest:")
    )


def test_each_planned_member_gets_one_valid_digest(context: JobContext, fake: FakeSlack, community) -> None:
    [report] = digest_job.run(context, NOW)
    assert report.period == "2026-W48"
    assert report.planned > 0
    assert report.outcomes == {Outcome.SENT: report.planned}
    assert set(digests_per_member(fake).values()) == {1}
    first = fake.calls_to("chat.postMessage")[0].args
    assert first["blocks"][0]["text"]["text"] == "Your kindred spirits this week"
    actions = [e["action_id"] for b in first["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert {"digest_intro", "digest_not_for_me", "choose_cadence", "pause"} <= set(actions)


def test_running_again_sends_nothing_more(
    context: JobContext, fake: FakeSlack, community, session: Session
) -> None:
    digest_job.run(context, NOW)
    sent = len(fake.calls_to("chat.postMessage"))
    [again] = digest_job.run(context, NOW + timedelta(hours=1))
    assert len(fake.calls_to("chat.postMessage")) == sent
    assert again.outcomes == {Outcome.ALREADY_SENT: again.planned}
    assert session.exec(select(DigestRun)).one().completed_at is not None


class Crash(BaseException):
    """The process dies: nothing after this point runs."""


def test_a_crash_between_sending_and_recording_never_doubles(
    context: JobContext, fake: FakeSlack, community, monkeypatch
) -> None:
    real_mark = delivery.mark_sent
    calls = {"count": 0}

    def dies_on_the_third(*args, **kwargs):
        calls["count"] += 1
        if calls["count"] == 3:
            raise Crash
        return real_mark(*args, **kwargs)

    monkeypatch.setattr(delivery, "mark_sent", dies_on_the_third)
    with pytest.raises(Crash):
        digest_job.run(context, NOW)
    monkeypatch.setattr(delivery, "mark_sent", real_mark)

    [soon] = digest_job.run(context, NOW + timedelta(seconds=30))  # the dead sender's claim is still fresh
    assert soon.outcomes.get(Outcome.IN_PROGRESS) == 1
    [later] = digest_job.run(context, NOW + LEASE + timedelta(minutes=1))
    assert later.complete
    assert set(digests_per_member(fake).values()) == {1}
    assert sum(digests_per_member(fake).values()) == later.planned


def test_server_errors_are_retried_later_without_doubles(
    context: JobContext, fake: FakeSlack, community, sessions
) -> None:
    fake.fail_next("chat.postMessage", status=500, times=2)
    [first] = digest_job.run(context, NOW)
    assert first.errors == 2
    [second] = digest_job.run(context, NOW + LEASE + timedelta(minutes=1))
    assert second.complete
    assert set(digests_per_member(fake).values()) == {1}
    with sessions() as check:
        assert {row.status for row in check.exec(select(Delivery)).all()} == {DeliveryStatus.SENT}


def test_a_revoked_token_stops_the_job(
    context: JobContext, fake: FakeSlack, community, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail_next("chat.postMessage", error="token_revoked")
    with pytest.raises(FatalSlackError):
        digest_job.run(context, NOW)
    assert len(fake.calls_to("chat.postMessage")) == 1
    assert "Slack rejected the bot token; check SLACK_BOT_TOKEN" in caplog.text


def test_a_member_who_leaves_gets_a_permanent_failure_and_no_retry(
    context: JobContext, fake: FakeSlack, community, session: Session
) -> None:
    fake.add_user("U0JONAS", name="u0jonas", real_name="Jonas Becker", deleted=True)
    [report] = digest_job.run(context, NOW)
    assert report.outcomes[Outcome.FAILED] == 1
    assert report.complete
    failed = session.exec(select(Delivery).where(Delivery.user_id == "U0JONAS")).one()
    assert failed.error == "account_inactive"


def test_someone_who_pauses_after_planning_is_not_surprised(
    context: JobContext, fake: FakeSlack, community, session: Session
) -> None:
    fake.fail_next("chat.postMessage", status=500, times=10)
    digest_job.run(context, NOW)  # planned, nothing delivered
    tomas = session.exec(select(Member).where(Member.user_id == "U0TOMAS")).one()
    profiles.pause(session, member=tomas, now=NOW)
    session.commit()
    fake.reset()
    digest_job.run(context, NOW + LEASE * 2)
    assert "U0TOMAS" not in digests_per_member(fake)


def test_the_channel_post_lists_new_offers_and_shared_asks_once(fake: FakeSlack, sessions, community) -> None:
    context = context_for(fake, sessions, KINDRED_DIGEST_CHANNEL="C0NEWS")
    digest_job.run(context, NOW)
    digest_job.run(context, NOW + timedelta(hours=2))
    [post] = [call for call in fake.calls_to("chat.postMessage") if call.args["channel"] == "C0NEWS"]
    text = str(post.args["blocks"])
    assert "Local SEO audits for cafés" in text
    assert "Drowning in receipts" in text
    assert "Burnout" not in text  # private
    assert "Dana" in text
    assert "<@" not in text  # names, no pings


def test_the_digest_job_paces_its_dms(fake: FakeSlack, sessions, community) -> None:
    context = context_for(fake, sessions, KINDRED_SLACK_MESSAGES_PER_SECOND="20")
    digest_job.run(context, NOW)
    posted = [call.at for call in fake.calls_to("chat.postMessage")]
    assert len(posted) >= 4
    # The pacer spaces the moments the job sends (one every 50 ms at 20 a second; its spacing is unit-tested
    # with a fake clock in tests/slack/test_pacing.py). Seen from Slack, one post delayed in transit can land
    # close to the next, so only the span is certain: N posts take at least N - 2 intervals end to end.
    # Unpaced, these posts to a local server take a few milliseconds each.
    assert posted[-1] - posted[0] >= (len(posted) - 2) * 0.05 * 0.95
