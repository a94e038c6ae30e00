"""What every listener needs besides Slack's own arguments, and who is acting.

`create_app` installs a middleware that puts a `Deps` on Bolt's context; listeners read it with
`deps_of(context)`. Keeping it on the context (not in globals) lets tests build many apps side by side.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from slack_sdk import WebClient

from bot.config import Settings
from bot.db import SessionFactory
from bot.members import Identity

Clock = Callable[[], datetime]


class HomePublisher(Protocol):
    """Publishes a member's Home tab as it is now (the Home feature's `publish_home`)."""

    def __call__(self, client: WebClient, deps: "Deps", *, team_id: str, user_id: str) -> None: ...


@dataclass(frozen=True)
class Deps:
    settings: Settings
    sessions: SessionFactory
    clock: Clock
    home: HomePublisher  # given by the app factory, so the core never imports the Home feature


def deps_of(context: Any) -> Deps:
    deps = context["kindred"]
    assert isinstance(deps, Deps)
    return deps


def identity_of(body: dict[str, Any], context: Any) -> Identity:
    """Who sent this command, click or submission: team, user and the name Slack gave us."""
    raw_user = body.get("user")
    user: dict[str, Any] = raw_user if isinstance(raw_user, dict) else {}
    team_id = context.get("team_id") or _team_from(body)
    user_id = context.get("user_id") or user.get("id") or body.get("user_id")
    name = user.get("name") or body.get("user_name") or ""
    if not team_id or not user_id:
        raise ValueError("request without a team or user")
    return Identity(team_id=str(team_id), user_id=str(user_id), name=str(name))


def _team_from(body: dict[str, Any]) -> str | None:
    team = body.get("team")
    if isinstance(team, dict) and team.get("id"):
        return str(team["id"])
    user = body.get("user")
    if isinstance(user, dict) and user.get("team_id"):
        return str(user["team_id"])
    return body.get("team_id")
