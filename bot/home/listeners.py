"""The Home tab opened: someone new becomes a member, and everyone sees their Home as it is now."""

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot import members
from bot.slack.acting import Acting
from bot.slack.context import deps_of
from bot.slack.errors import guard


def register(app: App) -> None:
    app.event("app_home_opened")(guard(home_opened))


def home_opened(event: dict[str, Any], client: WebClient, context: Any) -> None:
    if event.get("tab", "home") != "home":
        return
    team_id = context.get("team_id") or event.get("view", {}).get("team_id")
    who = members.Identity(team_id=str(team_id), user_id=str(event["user"]))
    acting = Acting(who=who, deps=deps_of(context), client=client)
    acting.join()
    acting.refresh_home()
