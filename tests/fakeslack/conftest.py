"""Fixtures for the fake Slack server's own tests."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.fakeslack import FakeSlack


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        server.add_user(
            "U123", name="dana", real_name="Dana Diaz", tz="Europe/Berlin", title="SEO consultant"
        )
        server.add_user("U456", name="eli", real_name="Eli Ek")
        yield server


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token=fake.token, base_url=fake.api_url)


def refusal(call: Callable[[], Any]) -> dict[str, Any]:
    """The body of the SlackApiError that ``call`` raises."""
    with pytest.raises(SlackApiError) as info:
        call()
    data = info.value.response.data
    assert isinstance(data, dict)
    return data


def raw_post(
    url: str, body: bytes | dict[str, Any] | str = b"", headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str]:
    """POSTs with plain urllib (dict bodies as JSON, str as a form); returns status, headers, text."""
    all_headers = dict(headers or {})
    if isinstance(body, dict):
        data = json.dumps(body).encode()
        all_headers.setdefault("Content-Type", "application/json; charset=utf-8")
    elif isinstance(body, str):
        data = body.encode()
        all_headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    else:
        data = body
    request = urllib.request.Request(url, data=data, headers=all_headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read().decode()
