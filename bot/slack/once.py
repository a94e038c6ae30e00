"""Each request from Slack is handled once, however often it arrives and whichever replica it reaches.

Slack redelivers what it thinks was not acknowledged in time: a Socket Mode envelope comes again with the
same `envelope_id` (`retry_attempt` 1, 2…), an Events API callback over HTTP with the same `event_id` and an
`X-Slack-Retry-Num` header. A redelivery may reach another replica, so the record of what was taken on is a
table with a unique key (`handled_requests`), not memory. A submitted form also claims its view id in the
transaction that stores it, so the same modal submitted twice stores one entry, while a submission that
failed leaves nothing behind and can be sent again.
"""

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import BoltRequest, BoltResponse

from bot.handled import Ledger

log = logging.getLogger(__name__)


def event_key(body: dict[str, Any]) -> str | None:
    """What identifies an Events API callback across deliveries."""
    if body.get("type") == "event_callback" and body.get("event_id"):
        return f"event:{body['event_id']}"
    return None


def envelope_key(envelope_id: str) -> str:
    return f"envelope:{envelope_id}"


def submission_key(view: dict[str, Any]) -> str | None:
    """A modal is stored once: Slack closes it on success, so its id never comes back with new content."""
    return f"view:{view['id']}" if view.get("id") else None


def events_once(ledger: Ledger) -> Callable[..., BoltResponse | None]:
    """Bolt middleware for HTTP: an event callback already handled is acknowledged and goes no further.
    (In Socket Mode the envelope itself is claimed, see socket_mode.py.)"""

    def middleware(
        request: BoltRequest, body: dict[str, Any], next: Callable[[], None]
    ) -> BoltResponse | None:
        key = event_key(body) if request.mode == "http" else None
        if key is not None and not ledger.first_time(key):
            log.info("event %s delivered again (retry %s): already handled", key, _retry_number(request))
            return BoltResponse(status=200, body="")
        next()
        return None

    return middleware


def _retry_number(request: BoltRequest) -> str:
    found = request.headers.get("x-slack-retry-num") or ["0"]
    return found[0]
