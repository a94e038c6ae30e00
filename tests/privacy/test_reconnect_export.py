"""The export holds the member's own side of their reconnects (who, their state and star, when the next
nudge comes, how many came) and whether nudges are on; never the other person's choices."""

from datetime import datetime, timedelta

import pytest
from sqlmodel import Session

from bot.models import Member
from bot.privacy import service as privacy
from bot.reconnect import service as reconnects
from bot.reconnect.service import Choice
from tests.factories import TEAM, make_member
from tests.reconnect.test_people import HALF, listed, star
from tests.reconnect.test_service import DAYS, DUE, NOW, met, send


@pytest.fixture
def people(session: Session) -> dict[str, Member]:
    found = {name: make_member(session, f"U0{name.upper()}", name=name.title()) for name in ("ana", "ben")}
    session.commit()
    return found


def test_the_export_holds_my_side_only(session: Session, people) -> None:
    ana, ben = people["ana"], people["ben"]
    intro = met(session, ana, ben)
    listed(session, ana)
    star(session, ana, ben)
    send(session, NOW + timedelta(days=HALF))  # to Ana, starred
    send(session, DUE)  # to Ben, and Ana's second
    assert intro.id is not None
    reconnects.answer(session, member=ben, intro_id=intro.id, choice=Choice.NOT_FOR_ME, now=DUE, days=DAYS)
    reconnects.set_reconnects(session, member=ana, on=False, now=DUE)
    session.commit()
    mine = privacy.export(session, team_id=TEAM, user_id="U0ANA", now=DUE)
    assert mine is not None
    assert mine["reconnects"] == {
        "nudges_on": False,
        "people": [
            {
                "user_id": "U0BEN",
                "met_at": "2026-11-23T09:00:00Z",
                "state": "waiting",
                "starred": True,
                "next_nudge_at": _iso(DUE + timedelta(days=HALF)),
                "nudges_sent": 2,
                "last_nudge_at": _iso(DUE),
                "you_answered_at": None,
            }
        ],
    }
    assert "not-for-me" not in str(mine["reconnects"])
    his = privacy.export(session, team_id=TEAM, user_id="U0BEN", now=DUE)
    assert his is not None
    assert [(p["user_id"], p["state"], p["starred"]) for p in his["reconnects"]["people"]] == [
        ("U0ANA", "not-for-me", False)
    ]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
