"""The Slack Web API client: base URL from settings and slack_sdk's retry handlers.

Rate limits (429, honouring Retry-After) are retried for every method. Connection errors and 5xx are
retried too, except for `chat.postMessage` when the request may already have reached Slack (a reset or
timeout after sending, a 5xx): retrying there could post a DM twice. Those failures surface to the
delivery layer, which leaves the message `pending` and later checks the DM before sending again.
"""

import socket
from typing import Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.config import Settings

NOT_IDEMPOTENT = ("chat.postMessage", "chat.postEphemeral", "chat.scheduleMessage")


def build_client(settings: Settings, *, timeout: int = 30) -> WebClient:
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return WebClient(
        token=token, base_url=settings.slack_api_url, timeout=timeout, retry_handlers=retry_handlers()
    )


def retry_handlers() -> list[RetryHandler]:
    return [
        RateLimitErrorRetryHandler(max_retry_count=5),
        SafeConnectionErrorRetryHandler(max_retry_count=3),
        SafeServerErrorRetryHandler(max_retry_count=3),
    ]


def _posts(request: HttpRequest) -> bool:
    return request.url.rstrip("/").endswith(NOT_IDEMPOTENT)


def never_sent(error: Exception | None) -> bool:
    """The connection failed before the request could reach Slack (refused, DNS)."""
    reason = error.reason if isinstance(error, URLError) else error
    return isinstance(reason, ConnectionRefusedError | socket.gaierror)


class SafeConnectionErrorRetryHandler(ConnectionErrorRetryHandler):
    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        """A post is retried only when the connection failed before it could reach Slack."""
        if _posts(request) and not never_sent(error):
            return False
        return super()._can_retry(state=state, request=request, response=response, error=error)


class SafeServerErrorRetryHandler(ServerErrorRetryHandler):
    def _can_retry(self, **attempt: Any) -> bool:
        """A post that got a 5xx may have been posted: never retried (delivery checks the DM later)."""
        return not _posts(attempt["request"]) and bool(super()._can_retry(**attempt))
