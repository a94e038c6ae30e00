"""A job context wired to a fake Slack and a test database, with a small community in it."""

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.config import load_settings
from bot.db import SessionFactory
from bot.scheduler.context import JobContext
from bot.slack.client import build_client
from tests.factories import TEAM, make_member, make_need, make_offer, make_project
from tests.fakeslack import FakeSlack

MEMBERS = {
    "U0DANA": "Dana Diaz",
    "U0TOMAS": "Tomás Oliveira",
    "U0PRIYA": "Priya Raman",
    "U0JONAS": "Jonas Becker",
    "U0LENA": "Lena Fischer",
    "U0KWAME": "Kwame Asante",
}


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack(team_id=TEAM) as fake:
        for user_id, name in MEMBERS.items():
            fake.add_user(user_id, name=user_id.lower(), real_name=name)
        fake.add_channel("C0NEWS", name="community")
        yield fake


def context_for(fake: FakeSlack, sessions: SessionFactory, **settings: str) -> JobContext:
    settings = {"KINDRED_SLACK_MESSAGES_PER_SECOND": "100", **settings}  # the fake has no rate limit
    config = load_settings(SLACK_BOT_TOKEN=fake.token, SLACK_API_URL=fake.api_url, **settings)
    return JobContext(sessions=sessions, client=build_client(config), settings=config)


@pytest.fixture
def context(fake: FakeSlack, sessions: SessionFactory) -> JobContext:
    return context_for(fake, sessions)


@pytest.fixture
def community(session: Session) -> dict[str, int]:
    people = {user_id: make_member(session, user_id, name=name) for user_id, name in MEMBERS.items()}
    make_offer(session, people["U0DANA"], "Local SEO audits for cafés", skills=["local-seo"])
    make_need(session, people["U0TOMAS"], "Our bakery doesn't show up on Google maps", skills=["local-seo"])
    make_offer(session, people["U0PRIYA"], "Bookkeeping for freelancers", skills=["bookkeeping"])
    make_need(session, people["U0JONAS"], "Drowning in receipts", skills=["bookkeeping"])
    make_need(session, people["U0DANA"], "Burnout, honestly", skills=["wellbeing"], visibility="private")
    make_offer(session, people["U0KWAME"], "Podcast editing and audio cleanup", skills=["audio-editing"])
    make_need(session, people["U0LENA"], "My podcast sounds echoey", skills=["audio-editing"])
    make_project(session, people["U0LENA"], "Werkstatt podcast", skills=["podcasting"])
    make_project(session, people["U0KWAME"], "Side Door podcast", skills=["podcasting"])
    session.commit()
    return {user_id: member.id for user_id, member in people.items()}
