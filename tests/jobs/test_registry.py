"""`kindred tick` and the scheduler run the same due jobs: the digest from its time on its members' clocks,
for two days; the network snapshot as the period starts."""

from datetime import timedelta

from bot.digest.jobs import digest_is_due
from bot.schedule import JOBS, build_scheduler, run_due
from bot.scheduler.context import JobContext
from tests.conftest import NOW  # Monday 2026-11-23 09:00 UTC
from tests.fakeslack import FakeSlack

BERLIN_NINE = NOW - timedelta(hours=1)  # the community's members all live in Berlin (UTC+1 in November)


def test_the_digest_is_due_from_its_time_until_it_is_complete(
    context: JobContext, fake: FakeSlack, community
) -> None:
    assert not digest_is_due(context, BERLIN_NINE - timedelta(minutes=1))
    assert digest_is_due(context, BERLIN_NINE)
    ran = run_due(context, NOW + timedelta(minutes=5))
    assert [job for job, _ in ran] == [
        "weekly-digest",
        "intros",
        "reconnect",
        "member-counts",
        "network-snapshot",
    ]
    assert not digest_is_due(context, NOW + timedelta(minutes=10))  # complete
    assert [job for job, _ in run_due(context, NOW + timedelta(minutes=10))] == [
        "intros",
        "reconnect",
        "member-counts",
    ]


def test_a_digest_missed_for_two_days_waits_for_the_next_period(context: JobContext, community) -> None:
    assert digest_is_due(context, BERLIN_NINE + timedelta(days=1, hours=23))
    assert not digest_is_due(context, BERLIN_NINE + timedelta(days=2))


def test_an_incomplete_digest_is_retried_by_the_next_tick(
    context: JobContext, fake: FakeSlack, community
) -> None:
    fake.fail_next("chat.postMessage", error="internal_error")
    run_due(context, NOW)
    assert digest_is_due(context, NOW + timedelta(minutes=5))
    run_due(context, NOW + timedelta(minutes=5))
    assert not digest_is_due(context, NOW + timedelta(minutes=10))


def test_the_scheduler_only_ticks_regularly_and_at_the_digest_time_and_the_periods_start(
    context: JobContext,
) -> None:
    scheduler = build_scheduler(context, lambda: NOW)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"tick", "tick-at-weekly-digest", "tick-at-network-snapshot"}
    assert (
        jobs["tick-at-weekly-digest"].func is jobs["tick"].func
    )  # the same tick: run_due, as `kindred tick`
    assert "day_of_week='mon'" in str(jobs["tick-at-weekly-digest"].trigger)
    assert "hour='9'" in str(jobs["tick-at-weekly-digest"].trigger)
    assert "interval[0:05:00]" in str(jobs["tick"].trigger)


def test_every_job_says_its_cadence() -> None:
    assert all(job.cadence for job in JOBS)
    assert len({job.id for job in JOBS}) == len(JOBS)
