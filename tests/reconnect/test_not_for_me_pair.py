""" "Not for me" is about the person: a second intro of the same two people brings no nudge to whoever said
it, and the other side goes on."""

from datetime import timedelta

from sqlmodel import Session

from bot.reconnect import service as reconnects
from bot.reconnect.service import Choice
from tests.conftest import NOW
from tests.factories import TEAM, make_member
from tests.reconnect.test_service import DAYS, DUE, met, send


def test_not_for_me_holds_for_another_intro_of_the_same_two(session: Session) -> None:
    ana, ben = make_member(session, "U0ANA", name="Ana"), make_member(session, "U0BEN", name="Ben")
    first = met(session, ana, ben)
    send(session, DUE)
    assert first.id is not None
    reconnects.answer(session, member=ana, intro_id=first.id, choice=Choice.NOT_FOR_ME, now=DUE, days=DAYS)
    session.commit()
    met(session, ana, ben, at=NOW + timedelta(days=10))  # imported history can hold a second intro
    later = DUE + timedelta(days=3 * DAYS)
    reconnects.plant(session, team_id=TEAM, days=DAYS)
    assert [n.user_id for n in reconnects.due(session, team_id=TEAM, now=later)] == ["U0BEN"]
