"""GET /healthz answers 200 with the database reachable and 503 without it."""

import json
import urllib.error
import urllib.request

import pytest
from sqlalchemy import Engine

from bot.db import make_engine
from bot.web import serve, wsgi_app


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_healthz_is_200_when_the_database_answers(engine: Engine) -> None:
    server = serve(wsgi_app(None, engine), host="127.0.0.1", port=0)
    try:
        assert _get(f"http://127.0.0.1:{server.port}/healthz") == (200, {"ok": True, "database": "reachable"})
    finally:
        server.stop()


def test_healthz_is_503_when_the_database_is_unreachable() -> None:
    unreachable = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    server = serve(wsgi_app(None, unreachable), host="127.0.0.1", port=0)
    try:
        assert _get(f"http://127.0.0.1:{server.port}/healthz") == (
            503,
            {"ok": False, "database": "unreachable"},
        )
    finally:
        server.stop()


def test_without_a_bolt_app_slack_events_are_not_served(engine: Engine) -> None:
    server = serve(wsgi_app(None, engine), host="127.0.0.1", port=0)
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{server.port}/slack/events", data=b"x", method="POST"
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 404
    finally:
        server.stop()
