"""Slack's posting limits, as a fault function for `FakeSlack.set_fault`.

chat.postMessage: about one message a second per conversation, and a workspace-wide limit; beyond either,
HTTP 429 `ratelimited` with `Retry-After` in whole seconds (at least 1), and nothing is posted. Both are
token buckets: a conversation holds one message's worth, the workspace one second's worth.
"""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.fakeslack.wire import Fault


@dataclass
class _Bucket:
    rate: float
    capacity: float
    tokens: float
    updated: float

    def refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def wait(self) -> float:
        """Seconds until one token is available."""
        return max(0.0, (1 - self.tokens) / self.rate)


@dataclass
class PostingLimits:
    per_channel: float = 1.0
    workspace: float = 50.0
    clock: Callable[[], float] = time.monotonic
    accepted: int = 0
    refused: int = 0
    _workspace: _Bucket | None = None
    _channels: dict[str, _Bucket] = field(default_factory=dict)

    def __call__(self, method: str, args: dict[str, Any], _n: int) -> Fault | None:
        if method != "chat.postMessage":
            return None
        now = self.clock()
        if self._workspace is None:
            self._workspace = _Bucket(self.workspace, self.workspace, self.workspace, now)
        channel = self._channels.setdefault(
            str(args.get("channel")), _Bucket(self.per_channel, 1.0, 1.0, now)
        )
        buckets = (self._workspace, channel)
        for bucket in buckets:
            bucket.refill(now)
        wait = max(bucket.wait() for bucket in buckets)
        if wait > 0:
            self.refused += 1
            return Fault(status=429, headers={"Retry-After": str(max(1, math.ceil(wait)))})
        for bucket in buckets:
            bucket.tokens -= 1
        self.accepted += 1
        return None
