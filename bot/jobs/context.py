"""What every job needs: the database, the Slack client and the settings (as digest rules)."""

from dataclasses import dataclass

from slack_sdk import WebClient

from bot.config import Settings
from bot.db import SessionFactory
from bot.matching.model import Limits
from bot.services.digest import DigestRules


@dataclass(frozen=True)
class JobContext:
    sessions: SessionFactory
    client: WebClient
    settings: Settings

    @property
    def rules(self) -> DigestRules:
        settings = self.settings
        limits = Limits(per_member=settings.digest_suggestions, appearances=settings.digest_max_appearances)
        return DigestRules(
            zone=settings.zone, day=settings.digest_day, at=settings.digest_time, limits=limits
        )
