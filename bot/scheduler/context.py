"""What every job needs: the database, the Slack client, the settings, and a stop flag."""

import threading
from dataclasses import dataclass, field
from functools import cached_property

from slack_sdk import WebClient

from bot.config import Settings
from bot.db import SessionFactory
from bot.slack.pacing import Pacer


@dataclass(frozen=True)
class JobContext:
    sessions: SessionFactory
    client: WebClient
    settings: Settings
    stop: threading.Event = field(
        default_factory=threading.Event
    )  # set: finish the current message, then stop
    plan_apart: bool = False  # compute digest plans in a child process (`kindred run`; see jobs/planning)

    @cached_property
    def pacer(self) -> Pacer:
        """Spaces this job's DMs below Slack's workspace limit."""
        return Pacer(self.settings.messages_per_second)
