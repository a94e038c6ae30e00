"""The fake workspace's state: users, conversations, messages, views, triggers and uploads."""

from __future__ import annotations

import copy
import hashlib
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tests.fakeslack.wire import ApiError

JSON = dict[str, Any]

TRIGGER_TTL = 3.0  # seconds a trigger_id stays exchangeable


def _digest(text: str, length: int = 10) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest().upper()[:length]


def ts_key(ts: object) -> int:
    """A message ts ("1700000000.000100") as integer microseconds; raises ValueError when malformed."""
    try:
        return int(Decimal(str(ts)) * 1_000_000)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"bad ts {ts!r}") from exc


@dataclass
class Channel:
    id: str
    name: str | None = None
    is_im: bool = False
    is_mpim: bool = False
    is_private: bool = False
    is_archived: bool = False
    members: list[str] | None = None
    user: str | None = None  # the other party of an IM
    created: int = field(default_factory=lambda: int(time.time()))

    def to_dict(self) -> JSON:
        if self.is_im:
            return {
                "id": self.id,
                "created": self.created,
                "is_im": True,
                "is_org_shared": False,
                "user": self.user,
                "last_read": "0000000000.000000",
                "latest": None,
                "unread_count": 0,
                "unread_count_display": 0,
                "is_open": True,
                "priority": 0,
            }
        data: JSON = {
            "id": self.id,
            "name": self.name,
            "created": self.created,
            "is_channel": not (self.is_private or self.is_mpim),
            "is_group": self.is_private and not self.is_mpim,
            "is_mpim": self.is_mpim,
            "is_private": self.is_private or self.is_mpim,
            "is_archived": self.is_archived,
        }
        if self.members is not None:
            data["num_members"] = len(self.members)
        return data


@dataclass
class Trigger:
    issued_at: float
    view_id: str | None = None
    used: bool = False


def _tz_fields(tz: str) -> tuple[str, int]:
    try:
        now = datetime.now(ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError):
        return tz, 0
    offset = now.utcoffset()
    return now.tzname() or tz, int(offset.total_seconds()) if offset else 0


class Workspace:
    """All mutable state; callers hold ``lock`` while touching it."""

    def __init__(self, *, team_id: str, bot_user_id: str, clock: Callable[[], float]) -> None:
        self.lock = threading.RLock()
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.bot_id = "BFAKE"
        self.app_id = "AFAKE"
        self.team_name = "Fake Team"
        self.clock = clock
        self.base_url = ""
        self.users: dict[str, JSON] = {}
        self.channels: dict[str, Channel] = {}
        self._fixture_channels: dict[str, Channel] = {}
        self._last_ts_us = 0
        self.add_user(bot_user_id, name="kindred", real_name="Kindred", is_bot=True)
        self.clear_activity()

    def clear_activity(self) -> None:
        """Forget everything that happened; keep users and channels added as fixtures."""
        self.channels = {cid: copy.deepcopy(ch) for cid, ch in self._fixture_channels.items()}
        self.messages: dict[str, list[JSON]] = {}
        self.opened: set[str] = set()
        self.views: dict[str, JSON] = {}
        self.stacks: list[list[str]] = []
        self.external_ids: dict[str, str] = {}
        self.homes: dict[str, str] = {}
        self.triggers: dict[str, Trigger] = {}
        self.response_urls: set[str] = set()
        self.pending_files: dict[str, JSON] = {}
        self.upload_keys: dict[str, str] = {}
        self.uploads: list[JSON] = []
        self.ephemerals: list[JSON] = []

    # ------------------------------------------------------------ users and channels

    def add_user(
        self,
        user_id: str,
        *,
        name: str | None = None,
        real_name: str | None = None,
        display_name: str = "",
        email: str | None = None,
        tz: str = "UTC",
        title: str = "",
        is_admin: bool = False,
        is_owner: bool = False,
        is_bot: bool = False,
        deleted: bool = False,
    ) -> JSON:
        """Adds (or replaces) a user; returns the Slack user object users.info will return."""
        name = name or user_id.lower()
        real_name = real_name if real_name is not None else name
        tz_label, tz_offset = _tz_fields(tz)
        image = f"https://avatars.example.invalid/{user_id}_72.png"
        profile: JSON = {
            "title": title,
            "phone": "",
            "skype": "",
            "real_name": real_name,
            "real_name_normalized": real_name,
            "display_name": display_name,
            "display_name_normalized": display_name,
            "status_text": "",
            "status_emoji": "",
            "avatar_hash": _digest(user_id, 12).lower(),
            "image_24": image.replace("_72", "_24"),
            "image_48": image.replace("_72", "_48"),
            "image_72": image,
            "image_192": image.replace("_72", "_192"),
            "team": self.team_id,
        }
        if is_bot:
            profile["bot_id"] = self.bot_id if user_id == self.bot_user_id else f"B{_digest(user_id, 8)}"
        else:
            profile["email"] = email if email is not None else f"{name}@example.com"
        user: JSON = {
            "id": user_id,
            "team_id": self.team_id,
            "name": name,
            "deleted": deleted,
            "color": "9f69e7",
            "real_name": real_name,
            "tz": tz,
            "tz_label": tz_label,
            "tz_offset": tz_offset,
            "profile": profile,
            "is_admin": is_admin,
            "is_owner": is_owner,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": is_bot,
            "is_app_user": False,
            "updated": int(time.time()),
        }
        self.users[user_id] = user
        return copy.deepcopy(user)

    def add_channel(
        self,
        channel_id: str,
        *,
        name: str | None = None,
        is_archived: bool = False,
        members: list[str] | None = None,
        is_private: bool | None = None,
    ) -> JSON:
        """Adds (or replaces) a channel. ``members`` (when given) limits who may see ephemerals."""
        private = channel_id.startswith("G") if is_private is None else is_private
        channel = Channel(
            channel_id,
            name=name or channel_id.lower(),
            is_private=private,
            is_archived=is_archived,
            members=list(members) if members is not None else None,
        )
        self._fixture_channels[channel_id] = channel
        self.channels[channel_id] = copy.deepcopy(channel)
        return channel.to_dict()

    def dm_id(self, user_id: str) -> str:
        return f"D{_digest('im:' + user_id)}"

    def mpim_id(self, user_ids: list[str]) -> str:
        return f"G{_digest('mpim:' + ','.join(sorted(set(user_ids))))}"

    def open_dm(self, user_id: str) -> Channel:
        cid = self.dm_id(user_id)
        if cid not in self.channels:
            self.channels[cid] = Channel(cid, is_im=True, user=user_id)
        return self.channels[cid]

    def open_mpim(self, user_ids: list[str]) -> Channel:
        cid = self.mpim_id(user_ids)
        if cid not in self.channels:
            ordered = sorted(set(user_ids))
            name = "mpdm-" + "--".join(self.users[u]["name"] for u in ordered) + "-1"
            members = [*ordered, self.bot_user_id]
            self.channels[cid] = Channel(cid, name=name, is_mpim=True, is_private=True, members=members)
        return self.channels[cid]

    def _dm_user(self, cid: str) -> str | None:
        for user_id in self.users:
            if self.dm_id(user_id) == cid:
                return user_id
        return None

    def _check_dm_user(self, user_id: str) -> None:
        user = self.users[user_id]
        if user["is_bot"]:
            raise ApiError("cannot_dm_bot")
        if user["deleted"]:
            raise ApiError("account_inactive")

    def conversation(
        self, channel: object, *, posting: bool = False, archived: str | None = "is_archived"
    ) -> str:
        """Resolves a conversation id. With ``posting`` (chat.postMessage/postEphemeral) a user id means
        their DM, ``#name`` names a channel, and DMs with bots or deactivated users are refused.
        Raises channel_not_found / cannot_dm_bot / account_inactive / ``archived``."""
        if not isinstance(channel, str) or not channel:
            raise ApiError("channel_not_found")
        if posting and channel in self.users:
            self._check_dm_user(channel)
            return self.open_dm(channel).id
        if posting and channel.startswith("#"):
            named = [c for c in self.channels.values() if c.name == channel[1:] and not c.is_im]
            if named:
                channel = named[0].id
        if channel.startswith("D") and channel not in self.channels:
            owner = self._dm_user(channel)
            if owner is not None:
                self.open_dm(owner)
        found = self.channels.get(channel)
        if found is None:
            raise ApiError("channel_not_found")
        if posting and found.is_im and found.user is not None:
            self._check_dm_user(found.user)
        if found.is_archived and archived is not None:
            raise ApiError(archived)
        return found.id

    # ------------------------------------------------------------ messages

    def next_ts(self) -> str:
        now_us = int(time.time() * 1_000_000)
        self._last_ts_us = max(now_us, self._last_ts_us + 1)
        return f"{self._last_ts_us // 1_000_000}.{self._last_ts_us % 1_000_000:06d}"

    def find_message(self, channel_id: str, ts: object) -> JSON | None:
        for message in self.messages.get(channel_id, []):
            if message["ts"] == ts:
                return message
        return None

    def bot_message(self, text: str, ts: str) -> JSON:
        return {
            "type": "message",
            "text": text,
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "team": self.team_id,
            "ts": ts,
        }

    def store(self, channel_id: str, message: JSON) -> None:
        thread_ts = message.get("thread_ts")
        if thread_ts is not None and thread_ts != message["ts"]:
            parent = self.find_message(channel_id, thread_ts)
            if parent is not None:
                parent["thread_ts"] = parent["ts"]
                parent["reply_count"] = parent.get("reply_count", 0) + 1
                parent["latest_reply"] = message["ts"]
        self.messages.setdefault(channel_id, []).append(message)

    # ------------------------------------------------------------ ids

    def new_id(self, prefix: str) -> str:
        return prefix + secrets.token_hex(5).upper()

    def new_hash(self) -> str:
        return f"{int(time.time())}.{secrets.token_hex(4)}"

    def new_trigger(self, view_id: str | None = None) -> str:
        trigger_id = f"{int(time.time())}.{secrets.randbelow(10**10)}.{secrets.token_hex(16)}"
        self.triggers[trigger_id] = Trigger(issued_at=self.clock(), view_id=view_id)
        return trigger_id
