"""`Acting`: the member is resolved in the handler's own transaction; users.info only for someone new."""

from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy import Engine, event
from sqlmodel import Session

from bot import repo
from bot.config import load_settings
from bot.db import SessionFactory
from bot.errors import NotFound
from bot.home.publish import publish_home
from bot.members import Identity
from bot.privacy import service as privacy
from bot.profiles import service as profiles
from bot.profiles.form import profile_form
from bot.slack.acting import Acting
from bot.slack.context import Deps
from tests.conftest import NOW
from tests.factories import TEAM, make_member


class Slack(WebClient):
    """Answers users.info from a dict, and remembers who was asked about."""

    def __init__(self) -> None:
        super().__init__(token="xoxb-test")
        self.asked: list[str] = []

    def users_info(self, *, user: str, **_: Any) -> Any:  # type: ignore[override]
        self.asked.append(user)
        return {"user": {"id": user, "real_name": "Dana Diaz", "tz": "Europe/Lisbon"}}


@pytest.fixture
def slack() -> Slack:
    return Slack()


def _acting(sessions: SessionFactory, slack: Slack, user_id: str) -> Acting:
    deps = Deps(settings=load_settings(), sessions=sessions, clock=lambda: NOW, home=publish_home)
    return Acting(who=Identity(TEAM, user_id, "dana"), deps=deps, client=slack)


def _begun(engine: Engine) -> list[object]:
    begun: list[object] = []
    event.listen(engine, "begin", begun.append)
    return begun


def test_a_member_is_found_in_the_one_transaction_the_work_commits(
    engine: Engine, sessions: SessionFactory, session: Session, slack: Slack
) -> None:
    make_member(session, "U0ALICE")
    session.commit()
    begun = _begun(engine)
    with _acting(sessions, slack, "U0ALICE").work() as work:
        profiles.pause(work.session, member=work.member, now=work.now)
    assert (len(begun), slack.asked) == (1, [])
    assert repo.get_member(session, team_id=TEAM, user_id="U0ALICE").status == "paused"  # type: ignore[union-attr]


def test_someone_new_is_created_with_the_name_slack_gives(
    engine: Engine, sessions: SessionFactory, session: Session, slack: Slack
) -> None:
    begun = _begun(engine)
    with _acting(sessions, slack, "U0DANA").work() as work:
        assert (work.member.name, work.member.timezone) == ("Dana Diaz", "Europe/Lisbon")
    assert (len(begun), slack.asked) == (2, ["U0DANA"])  # the lookup; then users.info and the work
    assert repo.get_member(session, team_id=TEAM, user_id="U0DANA") is not None


def test_the_forgotten_are_told_and_not_created(
    sessions: SessionFactory, session: Session, slack: Slack
) -> None:
    make_member(session, "U0GONE")
    privacy.forget(session, team_id=TEAM, user_id="U0GONE", now=NOW)
    session.commit()
    acting = _acting(sessions, slack, "U0GONE")
    with pytest.raises(NotFound), acting.work():
        pass
    with acting.work_unless_forgotten() as work:
        assert work is None
    assert profile_form(acting).private_metadata is not None  # an empty form: saving it brings them back
    assert (repo.get_member(session, team_id=TEAM, user_id="U0GONE"), slack.asked) == (None, [])
