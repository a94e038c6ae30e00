"""How long needs wait for a first suggestion and for an introduction (medians, in days)."""

from datetime import timedelta

from sqlmodel import Session

from bot.digest.service import store_suggestions
from bot.matching.model import Kind
from bot.models import DigestRun, Intro, IntroOrigin, IntroStatus
from bot.stats.waits import median_days_to_introduction, median_days_to_suggestion
from tests.conftest import NOW
from tests.factories import TEAM, make_member, make_need


def test_the_median_wait_counts_each_needs_first_suggestion_and_first_introduction(session: Session) -> None:
    ana, ben = make_member(session, "U0ANA", name="Ana"), make_member(session, "U0BEN", name="Ben")
    needs = [make_need(session, ana, f"Need number {n}") for n in range(3)]  # all posted at NOW
    needs.append(make_need(session, ana, "Private", visibility="private"))
    assert median_days_to_suggestion(session, team_id=TEAM) is None
    for week, (need, days) in enumerate(((needs[0], 2), (needs[0], 9), (needs[1], 4), (needs[3], 7))):
        run = DigestRun(team_id=TEAM, period=f"2026-W{40 + week}", created_at=NOW)  # needs[2]: never
        session.add(run)
        session.flush()
        at = NOW + timedelta(days=days)
        row = {
            "team_id": TEAM,
            "run_id": run.id,
            "recipient_id": ben.id,
            "other_id": ana.id,
            "kind": Kind.YOU_CAN_HELP,
            "score": 1,
            "reason": "",
            "need_id": need.id,
            "created_at": at,
        }
        store_suggestions(session, run_id=run.id, rows=[row], now=at)  # as a digest's plan stores them
    for need, days in ((needs[1], 10.5), (needs[1], 20)):
        session.add(
            Intro(
                team_id=TEAM,
                origin=IntroOrigin.DIGEST,
                status=IntroStatus.INTRODUCED,
                requested_by_id=ben.id or 0,
                need_id=need.id,
                introduced_at=NOW + timedelta(days=days),
                created_at=NOW,
                updated_at=NOW,
            )
        )
    session.commit()
    assert median_days_to_suggestion(session, team_id=TEAM) == 4  # firsts: 2, 4 and 7 days
    assert median_days_to_introduction(session, team_id=TEAM) == 10.5
    assert median_days_to_suggestion(session, team_id="T0OTHER") is None
