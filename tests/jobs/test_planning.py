"""`kindred run` plans digests in a child process: same plan, stored once, stoppable, failures reported."""

import threading
from dataclasses import replace

import pytest
from sqlmodel import Session, select

from bot.db import make_engine, make_session_factory
from bot.digest import jobs as digest_job
from bot.digest import planning
from bot.digest import service as digest
from bot.digest.service import DigestRules
from bot.models import DigestRun
from bot.scheduler.context import JobContext
from bot.slack.delivery_ledger import Outcome
from tests.conftest import NOW
from tests.fakeslack import FakeSlack
from tests.jobs.test_digest_job import digests_per_member


def suggestions_by_member(plan: digest.Plan) -> dict[str, list[tuple[int, str, str, int]]]:
    return {
        planned.member.user_id: [(s.other_id, s.kind, s.reason, s.position) for s in planned.suggestions]
        for planned in plan.digests
    }


def test_the_child_stores_the_plan_the_job_would_have_computed(
    context: JobContext, fake: FakeSlack, session: Session, community, monkeypatch
) -> None:
    expected = digest.preview(
        session, team_id="T0TEST", now=NOW, rules=DigestRules.from_settings(context.settings)
    )

    def not_here(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the plan was computed in the serving process")

    monkeypatch.setattr(digest, "_compute", not_here)  # a spawned child imports its own, unpatched copy
    [report] = digest_job.run(replace(context, plan_apart=True), NOW)

    assert report.outcomes == {Outcome.SENT: report.planned}
    assert report.planned == len(expected.digests)
    assert set(digests_per_member(fake)) == {planned.member.user_id for planned in expected.digests}
    session.expire_all()
    stored = digest.plan(
        session, team_id="T0TEST", now=NOW, rules=DigestRules.from_settings(context.settings)
    )
    assert suggestions_by_member(stored) == suggestions_by_member(expected)


def test_a_stored_plan_is_loaded_without_starting_a_child(
    context: JobContext, fake: FakeSlack, community, monkeypatch
) -> None:
    digest_job.run(context, NOW)  # planned (and sent) in this process

    def no_child(*_args: object, **_kwargs: object) -> bool:
        raise AssertionError("a child was started for a plan that is stored")

    monkeypatch.setattr(planning, "plan_in_child", no_child)
    [report] = digest_job.run(replace(context, plan_apart=True), NOW)
    assert report.outcomes == {Outcome.ALREADY_SENT: report.planned}


def test_stopping_while_the_child_plans_stops_it_and_stores_nothing(
    context: JobContext, fake: FakeSlack, session: Session, community
) -> None:
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()  # the child is still starting Python: planning takes longer
    [report] = digest_job.run(replace(context, plan_apart=True, stop=stop), NOW)

    assert report.planned == 0
    assert report.outcomes == {}
    assert session.exec(select(DigestRun)).all() == []
    assert fake.calls_to("chat.postMessage") == []
    assert [p for p in planning.SPAWN.active_children() if p.name.startswith("kindred-plan")] == []

    [report] = digest_job.run(replace(context, plan_apart=True), NOW)  # the next run plans and sends
    assert report.planned > 0
    assert report.outcomes == {Outcome.SENT: report.planned}


def test_a_child_that_fails_is_reported_and_leaves_nothing_behind(context: JobContext, tmp_path) -> None:
    unreachable = make_engine(f"sqlite:///{tmp_path}/no-such-folder/kindred.db")
    with pytest.raises(planning.PlanningFailed, match="T0TEST"):
        planning.plan_in_child(
            make_session_factory(unreachable),
            team_id="T0TEST",
            now=NOW,
            rules=DigestRules.from_settings(context.settings),
            stop=threading.Event(),
        )
