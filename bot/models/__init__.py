"""SQLModel tables and their Create/Update variants (`XBase` / `XCreate` / `X(table=True)`).

Every row carries `team_id` so one database can serve several workspaces. Alembic owns the schema
(`bot/migrations`); a test checks that the migrations and these models agree.
Validation lives on the Base/Create variants (tables do not validate); times are aware UTC datetimes
passed in by the caller.
"""

from bot.models.base import Strict, enum_column
from bot.models.dashboard import DashboardLink
from bot.models.digests import DigestRun, DigestSuggestion, FeedbackKind, PairFeedback, SuggestionStatus
from bot.models.entries import (
    Need,
    NeedBase,
    NeedCreate,
    NeedStatus,
    Offer,
    OfferBase,
    OfferCreate,
    OfferFormat,
    OfferStatus,
    Project,
    ProjectBase,
    ProjectCreate,
    ProjectStatus,
    Urgency,
    Visibility,
)
from bot.models.intros import Consent, Intro, IntroOrigin, IntroPair, IntroParticipant, IntroStatus, Outcome
from bot.models.ledgers import Delivery, DeliveryStatus, HandledRequest
from bot.models.members import DigestCadence, ForgottenUser, Member, MemberBase, MemberStatus, ProfileUpdate
from bot.models.network import NetworkSnapshot
from bot.models.reconnects import Reconnect, ReconnectState
from bot.models.trends import MemberCount

__all__ = [
    "Consent",
    "DashboardLink",
    "Delivery",
    "DeliveryStatus",
    "DigestCadence",
    "DigestRun",
    "DigestSuggestion",
    "FeedbackKind",
    "ForgottenUser",
    "HandledRequest",
    "Intro",
    "IntroOrigin",
    "IntroPair",
    "IntroParticipant",
    "IntroStatus",
    "Member",
    "MemberBase",
    "MemberCount",
    "MemberStatus",
    "Need",
    "NeedBase",
    "NeedCreate",
    "NeedStatus",
    "NetworkSnapshot",
    "Offer",
    "OfferBase",
    "OfferCreate",
    "OfferFormat",
    "OfferStatus",
    "Outcome",
    "PairFeedback",
    "ProfileUpdate",
    "Project",
    "ProjectBase",
    "ProjectCreate",
    "ProjectStatus",
    "Reconnect",
    "ReconnectState",
    "Strict",
    "SuggestionStatus",
    "Urgency",
    "Visibility",
    "enum_column",
]
