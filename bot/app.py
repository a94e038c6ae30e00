"""The app factory: a Bolt App wired to our listeners, with the settings, client and database given."""

import secrets
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import UTC, datetime
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot import listeners
from bot.config import Settings
from bot.db import SessionFactory
from bot.handled import Ledger
from bot.home.publish import publish_home
from bot.slack.context import Deps
from bot.slack.once import events_once


def utc_now() -> datetime:
    return datetime.now(UTC)


def create_app(
    settings: Settings,
    client: WebClient,
    sessions: SessionFactory,
    *,
    clock: Callable[[], datetime] = utc_now,
    listener_executor: Executor | None = None,
) -> App:
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    app = App(
        name="kindred",
        client=client,
        # Socket Mode has no signing secret; a random one means no HTTP request can ever verify.
        signing_secret=secret or secrets.token_hex(32),
        process_before_response=False,
        listener_executor=listener_executor,
    )
    deps = Deps(settings=settings, sessions=sessions, clock=clock, home=publish_home)

    def provide_deps(context: Any, next: Callable[[], None]) -> None:
        context["kindred"] = deps
        next()

    app.middleware(provide_deps)
    app.middleware(events_once(Ledger(sessions, clock)))
    listeners.register(app)
    return app
