"""Pacing bulk DMs below Slack's workspace limit for chat.postMessage.

Slack allows about one message a second per conversation and "several hundred a minute" per workspace,
and answers 429 with Retry-After beyond that. Waiting out a 429 costs at least a second, so a job that
sends many DMs (the digest, intro follow-ups) spaces them evenly at `KINDRED_SLACK_MESSAGES_PER_SECOND`
instead of bursting into the limit. Replies to a member's own click are not paced.
"""

import threading
import time
from collections.abc import Callable


class Pacer:
    """At most `rate` calls a second, evenly spaced; thread-safe. `wait()` before each call."""

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self._interval = 1.0 / rate
        self._clock, self._sleep = clock, sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            slot = max(now, self._next)  # a slot missed while busy is not saved up for a burst
            self._next = slot + self._interval
        if slot > now:
            self._sleep(slot - now)
