"""Commands and clicks are acknowledged before their listener is queued.

Bolt runs a listener, ack included, in its listener pool and polls for the ack; under load the ack would
wait behind other listeners' work after their acks (views.open, DMs). Slash commands and button clicks
always ack empty, so this listener middleware acks them at once, in the request's own thread. Modal
submissions (which may answer with inline errors) and options (which answer with content) ack themselves.

Acking at once also means work can queue up after the ack when Kindred is overloaded; `surfaces.open_modal`
uses the time of the ack to give up on a form whose trigger_id has expired instead of calling Slack in vain.
"""

import time
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack

ACKED_AT = "kindred_acked_at"  # in Bolt's context: when the request was acked (time.monotonic())


def ack_at_once(ack: Ack, context: Any, next: Callable[[], None]) -> None:
    ack()
    context[ACKED_AT] = time.monotonic()
    next()


AT_ONCE = [ack_at_once]
