"""Names and reasons can contain Slack markup; nothing a member wrote may ping or link in any message."""

from datetime import timedelta

from bot.db import session_scope
from bot.intros import messaging as intro_flow
from bot.intros import service as intros
from bot.intros.service import Answer, IntroRules
from bot.members import Identity, ensure_member
from bot.models import Outcome
from bot.schedule import run_due
from bot.scheduler.context import JobContext
from tests.conftest import NOW
from tests.fakeslack import FakeSlack
from tests.slack.blocks.samples import RAW_MARKUP, UNUSUAL, mrkdwn_of


def test_the_whole_intro_lifecycle_never_sends_raw_member_markup(
    context: JobContext, fake: FakeSlack, sessions
) -> None:
    rules = IntroRules()
    with session_scope(sessions) as session:
        people = {}
        for user_id in ("U0DANA", "U0TOMAS", "U0PRIYA", "U0JONAS"):
            fake.add_user(user_id, name=user_id.lower(), real_name=f"{UNUSUAL} {user_id}")
            people[user_id], _ = ensure_member(
                session, who=Identity(fake.team_id, user_id, f"{UNUSUAL} {user_id}"), now=NOW
            )
        connected = intros.connect(
            session,
            connector=people["U0PRIYA"],
            a=people["U0DANA"],
            b=people["U0TOMAS"],
            reason=UNUSUAL,
            now=NOW,
            rules=rules,
        )
        ignored = intros.connect(
            session,
            connector=people["U0PRIYA"],
            a=people["U0JONAS"],
            b=people["U0DANA"],
            reason=UNUSUAL,
            now=NOW,
            rules=rules,
        )
    flow = intro_flow.Flow(context.client, sessions, rules, quiet=None)
    intro_flow.ask(flow, connected.id, NOW)
    intro_flow.ask(flow, ignored.id, NOW)
    for user_id in ("U0DANA", "U0TOMAS"):
        with session_scope(sessions) as session:
            _, answer = intros.answer(
                session, member=session.merge(people[user_id]), intro_id=connected.id, yes=True, now=NOW
            )
        intro_flow.after_answer(flow, connected.id, answer, people[user_id], NOW)
    assert answer == Answer.ACCEPTED
    run_due(context, NOW + timedelta(days=14))  # follow-ups; the other intro expires and is told
    with session_scope(sessions) as session:
        intros.record_outcome(
            session,
            member=session.merge(people["U0DANA"]),
            intro_id=connected.id,
            outcome=Outcome.MET,
            now=NOW,
        )
    intro_flow.tell_connector(flow, connected.id, NOW)

    sent = [call for call in fake.calls if call.method in ("chat.postMessage", "chat.update")]
    assert len(sent) >= 8
    for call in sent:
        shown = mrkdwn_of(call.args)
        for raw in RAW_MARKUP:
            assert raw not in shown, f"{call.method} shows {raw!r}: {shown[:300]}"
