"""The bot served over real HTTP on a free port, its Web API client pointed at a fake Slack."""

import json
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.app import create_app
from bot.config import Settings, load_settings
from bot.db import SessionFactory, session_scope
from bot.handled import Ledger
from bot.models import Member, Need, Offer, Project
from bot.schedule import run_due
from bot.scheduler.context import JobContext
from bot.slack.client import build_client
from bot.slack.socket_mode import OnceSocketModeHandler
from bot.web import serve, wsgi_app
from tests.conftest import NOW
from tests.e2e.slack_platform import SlackPlatform
from tests.e2e.socket_platform import SocketPlatform
from tests.fakeslack import Call, FakeSlack

SIGNING_SECRET = "fakesigningsecret0000test"
BOT_TOKEN = "xoxb-fake-token"
TEAM = "T0FAKE"
USERS = {
    "U0ALICE": ("alice", "Alice Adams", "Europe/Berlin"),
    "U0BOB": ("bob", "Bob Brown", "America/New_York"),
    "U0MALLORY": ("mallory", "Mallory Moss", "UTC"),
}


@dataclass
class Clock:
    """The bot's clock, moved forward by tests (Slack's signatures still use real time)."""

    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@dataclass
class Bot:
    url: str
    slack: SlackPlatform
    fake: FakeSlack
    sessions: SessionFactory
    settings: Settings
    executor: "CountingExecutor"
    clock: Clock
    socket_mode: OnceSocketModeHandler | None = (
        None  # in Socket Mode: envelopes still being handled count too
    )
    _seen: dict[tuple[str, str], int] = field(default_factory=dict)

    def rows(self, model: Any) -> list[Any]:
        with session_scope(self.sessions) as session:
            return list(session.exec(select(model)).all())

    def member(self, user_id: str = "U0ALICE") -> Member | None:
        with session_scope(self.sessions) as session:
            return session.exec(select(Member).where(Member.user_id == user_id)).first()

    def tick(self, at: datetime | None = None) -> list[tuple[str, object]]:
        """Run every scheduled job due at `at` (default: the bot's clock), as `kindred tick --now` does."""
        self.settle()
        context = JobContext(
            sessions=self.sessions, client=build_client(self.settings), settings=self.settings
        )
        return run_due(context, at or self.clock())

    def settle(self) -> None:
        """Wait until the bot has finished everything it started after acking."""
        wait_until(
            lambda: (
                self.executor.in_flight == 0 and (self.socket_mode is None or self.socket_mode.in_flight == 0)
            )
        )

    def opened_view(self, callback_id: str, *, method: str = "views.open") -> dict[str, Any]:
        """The next view the bot opens with this callback id (one this helper has not returned before),
        as Slack now holds it."""
        call = self.next_call(
            method, where=lambda c: c.args["view"].get("callback_id") == callback_id, key=callback_id
        )
        view = self.fake.view(call.response["view"]["id"])
        assert view is not None
        return view

    def next_call(self, method: str, where: Callable[[Call], bool] | None = None, *, key: str = "") -> Call:
        """The next call to `method` (matching `where`, counted separately per `key`) that this helper has
        not returned before."""
        seen = self._seen.get((method, key), 0) + 1
        self._seen[(method, key)] = seen

        return self.fake.wait_for(method, count=seen, where=where)[seen - 1]

    def home(self, user_id: str = "U0ALICE", *, count: int = 1) -> dict[str, Any]:
        self.fake.wait_for("views.publish", count=count, where=lambda c: c.args["user_id"] == user_id)
        home = self.fake.home_of(user_id)
        assert home is not None
        return home


class CountingExecutor(ThreadPoolExecutor):
    """A thread pool that knows how much listener work is still running, so tests can wait for quiet."""

    def __init__(self) -> None:
        super().__init__(max_workers=8, thread_name_prefix="test-listener")
        self._lock = threading.Lock()
        self.in_flight = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._lock:
            self.in_flight += 1
        future = super().submit(fn, *args, **kwargs)
        future.add_done_callback(self._done)
        return future

    def _done(self, _future: Future[Any]) -> None:
        with self._lock:
            self.in_flight -= 1


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack(token=BOT_TOKEN, team_id=TEAM) as fake:
        for user_id, (name, real_name, tz) in USERS.items():
            fake.add_user(user_id, name=name, real_name=real_name, tz=tz)
        fake.add_user("U0HELPERBOT", name="helperbot", is_bot=True)
        yield fake


@pytest.fixture
def bot(
    request: pytest.FixtureRequest,
    fake_slack: FakeSlack,
    database_url: str,
    engine: Engine,
    sessions: SessionFactory,
) -> Iterator[Bot]:
    """The bot over signed HTTP; a module parametrizes it with "socket" to run its scenarios over Socket
    Mode too (`pytestmark = BOTH_TRANSPORTS`)."""
    socket_mode = getattr(request, "param", "http") == "socket"
    settings = load_settings(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        **(
            {"SLACK_APP_TOKEN": fake_slack.app_token}
            if socket_mode
            else {"SLACK_SIGNING_SECRET": SIGNING_SECRET}
        ),
        SLACK_API_URL=fake_slack.api_url,
        DATABASE_URL=database_url,
        KINDRED_SLACK_MESSAGES_PER_SECOND="100",  # the fake Slack has no rate limit to stay under
    )
    executor = CountingExecutor()
    clock = Clock(NOW)
    client = build_client(settings)
    app = create_app(settings, client, sessions, clock=clock, listener_executor=executor)
    if socket_mode:
        handler = OnceSocketModeHandler(
            app, app_token=fake_slack.app_token, web_client=client, ledger=Ledger(sessions, clock)
        )
        handler.connect()
        fake_slack.socket_mode.wait_for_steady(1, quiet=0.5)
        yield Bot(
            "", SocketPlatform(fake=fake_slack), fake_slack, sessions, settings, executor, clock, handler
        )
        handler.stop()
    else:
        server = serve(wsgi_app(app, engine), host="127.0.0.1", port=0, threads=8)
        url = f"http://127.0.0.1:{server.port}"
        platform = SlackPlatform(url=url, secret=SIGNING_SECRET, fake=fake_slack)
        yield Bot(url, platform, fake_slack, sessions, settings, executor, clock)
        server.stop()
    executor.shutdown(wait=True)


# A module's scenarios over signed HTTP and over Socket Mode.
BOTH_TRANSPORTS = pytest.mark.parametrize("bot", ["http", "socket"], indirect=True)


def entries_of(session: Session, user_id: str) -> dict[str, list[Any]]:
    member = session.exec(select(Member).where(Member.user_id == user_id)).one()
    return {
        "offers": list(session.exec(select(Offer).where(Offer.member_id == member.id)).all()),
        "needs": list(session.exec(select(Need).where(Need.member_id == member.id)).all()),
        "projects": list(session.exec(select(Project).where(Project.member_id == member.id)).all()),
    }


def text_of(blocks: Any) -> str:
    """Everything in some blocks (or a call's args) as one searchable string, emoji included."""
    return json.dumps(blocks, ensure_ascii=False)


def wait_until(condition: Callable[[], Any], timeout: float = 5.0) -> Any:
    """Poll until `condition()` is truthy (the bot finishes work after it acks); return its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            assert value, "condition still false after waiting"
            return value
        time.sleep(0.02)
