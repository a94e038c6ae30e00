"""How long each dashboard page takes to render for a community of 10,000 and of 100,000 members.

Builds the community of `bench.reconnect_speed` (members with offers, needs and projects over two years, five
past intros a member, their reconnect history) and its last twelve weeks (`bench.recent_weeks`: a digest
a week, entries closed, the members' weekly counts) in a fresh SQLite database, signs an admin in, and times
each page through the dashboard's WSGI app, the same code `kindred run` serves (no network between): the
median of three requests, after one to warm up. The Network page's first view of a period computes and stores
the picture; every later view reads it back: both are shown.

    .venv/bin/python -m bench.dashboard_pages [--members 10000 100000]
"""

import argparse
import io
import json
import statistics
import tempfile
import time
from datetime import timedelta
from typing import Any

from bench import recent_weeks
from bench.community import NOW, TEAM, populate
from bench.machine import machine
from bench.reconnect_speed import HISTORY, past_intros
from bot.config import load_settings
from bot.dashboard import service as links
from bot.dashboard.web import COOKIE, Dashboard
from bot.db import make_engine, make_session_factory, session_scope, upgrade
from bot.slack.client import build_client

PAGES = ("/admin", "/admin/people", "/admin/intros", "/admin/intros?state=met", "/admin/intros.csv")
ADMIN = "U0BENCHADMIN"


def measure(members: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/dashboard.db"
        engine = make_engine(url)
        upgrade(engine)
        populate(engine, members, spread=HISTORY)
        past_intros(engine, members * 5)
        recent_weeks.plant(engine)
        settings = load_settings(
            DATABASE_URL=url,
            SLACK_BOT_TOKEN="xoxb-bench-token-not-real",
            KINDRED_ADMINS=ADMIN,
            KINDRED_SECRET_KEY="a-bench-secret-key-that-is-long-enough",
            KINDRED_PUBLIC_URL="http://kindred.bench",
        )
        sessions = make_session_factory(engine)
        app = Dashboard(settings, build_client(settings), sessions, clock=lambda: NOW + timedelta(minutes=1))
        with session_scope(sessions) as session:
            token = links.create_link(session, admin=links.Admin(TEAM, ADMIN), now=NOW)
        cookie = _sign_in(app, token)
        times = {"/admin/network (first view of the period)": _time(app, "/admin/network", cookie)[0]}
        for path in (*PAGES, "/admin/network"):
            _time(app, path, cookie)  # warm up
            times[path] = statistics.median(_time(app, path, cookie)[0] for _ in range(3))
        engine.dispose()
    return {"members": members, "intros": members * 5, "seconds": times}


def _sign_in(app: Dashboard, token: str) -> str:
    """Open the link (a page with a button), then press it: the POST signs in."""
    headers: list[tuple[str, str]] = []
    _call(app, f"/admin/login?token={token}", "", [])
    _call(app, "/admin/login", "", headers, form=f"token={token}")
    found = next(value for name, value in headers if name == "Set-Cookie")
    return found.split(";", 1)[0].split("=", 1)[1]


def _time(app: Dashboard, path: str, cookie: str) -> tuple[float, int]:
    started = time.perf_counter()
    size = _call(app, path, cookie, [])
    return time.perf_counter() - started, size


def _call(
    app: Dashboard, target: str, cookie: str, headers: list[tuple[str, str]], *, form: str | None = None
) -> int:
    path, _, query = target.partition("?")
    status: list[str] = []

    def start_response(line: str, given: list[tuple[str, str]]) -> None:
        status.append(line)
        headers.extend(given)

    environ: dict[str, Any] = {"PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": "GET"}
    if form is not None:
        body = form.encode()
        environ |= {"REQUEST_METHOD": "POST", "CONTENT_LENGTH": str(len(body))}
        environ["wsgi.input"] = io.BytesIO(body)
    if cookie:
        environ["HTTP_COOKIE"] = f"{COOKIE}={cookie}"
    size = sum(len(chunk) for chunk in app(environ, start_response))
    assert status[0].startswith(("200", "303")), (target, status)
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    print(json.dumps(machine()))
    for members in args.members:
        result = measure(members)
        print(json.dumps(result))
        for path, seconds in result["seconds"].items():
            print(f"| {members:,} | {path} | {seconds:.3f} |")


if __name__ == "__main__":
    main()
