"""How long each dashboard page takes to render for a community of 10,000 and of 100,000 members.

Builds the community of `bench.reconnect_speed` (members with offers, needs and projects over two years, five
past intros a member, their reconnect history), its last twelve weeks (`bench.recent_weeks`: a digest
a week, entries closed, the members' weekly counts) and then its last four digests as the Supply page
reads them (every reading stored, about three suggestions a member) in a fresh SQLite database, signs an
admin in, and times each page through the dashboard's WSGI app, the same code `kindred run` serves (no
network between): the median of three requests, after one to warm up. A download is timed to its last
byte. The Network page is timed three ways: a fresh install's first view (no picture stored: up to
2,000 members it draws and stores one, a larger community is told the job is drawing it), the period's
stored picture (drawn by the job first, timed too), and a new period before the network-snapshot job ran
(last period's picture, read back).

    .venv/bin/python -m bench.dashboard_pages [--members 10000 100000]
"""

import argparse
import io
import json
import random
import statistics
import tempfile
import time
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import Session, col

from bench import recent_weeks
from bench.community import NOW, TEAM, populate
from bench.machine import machine
from bench.reconnect_speed import HISTORY, past_intros
from bot import vectors
from bot.config import load_settings
from bot.dashboard import service as links
from bot.dashboard.web import COOKIE, Dashboard
from bot.db import make_engine, make_session_factory, session_scope, upgrade
from bot.digest import service as digest
from bot.digest.service import store_suggestions
from bot.matching.embeddings import DEFAULT_MODEL, load_embedder
from bot.matching.model import Kind
from bot.models import DigestRun, Member, Need, NetworkSnapshot, Offer
from bot.skills import vocabulary
from bot.slack.client import build_client
from bot.stats import service as stats

PAGES = (
    "/admin",
    "/admin/supply",
    "/admin/supply.csv",
    "/admin/people",
    "/admin/intros",
    "/admin/intros?state=met",
    "/admin/intros.csv",
)
ADMIN = "U0BENCHADMIN"
DIGESTS = 4  # weekly, the last one a week before the pages are read
PAIRED = 0.7  # of the members with an open need, how many a digest found an offer for
GAP_THEME = "Legal & admin"  # a theme nobody offers
FRESH_INSTALL = "/admin/network, a fresh install's first view (no picture yet)"
JOB = "the network-snapshot job drawing the period's picture (not a page: once a week, in the background)"
NEW_PERIOD = "/admin/network, a new period before the job ran (last period's picture)"


def measure(members: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/dashboard.db"
        engine = make_engine(url)
        upgrade(engine)
        populate(engine, members, spread=HISTORY)
        past_intros(engine, members * 5)
        recent_weeks.plant(engine)
        past_digests(engine)
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
        times = {FRESH_INSTALL: _time(app, "/admin/network", cookie)[0]}
        times[JOB] = _draw_the_picture(sessions, settings)
        for path in (*PAGES, "/admin/network"):
            times[path] = _median(app, path, cookie)
        _picture_of_last_period(engine, settings)
        times[NEW_PERIOD] = _median(app, "/admin/network", cookie)
        engine.dispose()
    return {"members": members, "intros": members * 5, "seconds": times}


def _median(app: Dashboard, path: str, cookie: str) -> float:
    _time(app, path, cookie)  # warm up
    return statistics.median(_time(app, path, cookie)[0] for _ in range(3))


def _draw_the_picture(sessions: Any, settings: Any) -> float:
    """What the network-snapshot job does once a period: draw this period's picture and store it."""
    period = digest.DigestRules.from_settings(settings).period(NOW).key
    started = time.perf_counter()
    with session_scope(sessions) as session:
        stats.store_snapshot(session, team_id=TEAM, period=period, now=NOW)
    return time.perf_counter() - started


def _picture_of_last_period(engine: Engine, settings: Any) -> None:
    """As on a Monday before the network-snapshot job ran: the only picture stored is last period's."""
    last = digest.DigestRules.from_settings(settings).periods(NOW, count=2)[0].key
    with engine.begin() as connection:
        connection.execute(sa.update(NetworkSnapshot).values(period=last))


def past_digests(engine: Engine, *, seed: int = 13) -> int:
    """The last DIGESTS digests as the job leaves them: every reading stored (`vectors.refresh` with the
    default model, as each plan does; what was written since the last one the pages read afresh), and up to
    three suggestions a member, the first for one of their open needs with another member's offer (the
    matcher finds needs a helper first). Nobody offers GAP_THEME any more, and no digest found an offer for
    a need of it: those are the gaps the Supply page lists. Returns how many suggestions."""
    with Session(engine) as session:
        vectors.refresh(session, embedder=load_embedder(DEFAULT_MODEL), team_id=TEAM)
        session.commit()
    rng = random.Random(seed)
    nobody = {skill.tag for skill in vocabulary() if skill.category == GAP_THEME}
    with engine.begin() as connection:
        members = [row[0] for row in connection.execute(sa.select(Member.id).order_by(Member.id))]  # type: ignore[arg-type]
        offers, gone = [], []
        for offer_id, member_id, analysis in connection.execute(
            sa.select(Offer.id, Offer.member_id, Offer.analysis)  # type: ignore[call-overload]
        ):
            (gone if nobody & set(analysis["concepts"]) else offers).append((offer_id, member_id))
        connection.execute(
            sa.update(Offer)
            .where(col(Offer.id).in_([offer_id for offer_id, _ in gone]))
            .values(status="withdrawn")
        )
        needs: dict[int, list[int]] = {}  # the ones a digest can find an offer for, by member
        for need_id, member_id, analysis in connection.execute(
            sa.select(Need.id, Need.member_id, Need.analysis)  # type: ignore[call-overload]
        ):
            if not nobody & set(analysis["concepts"]):
                needs.setdefault(member_id, []).append(need_id)
        made = 0
        for weeks_ago in range(DIGESTS, 0, -1):
            at = NOW - timedelta(weeks=weeks_ago)
            run = connection.execute(
                sa.insert(DigestRun).values(team_id=TEAM, period=f"bench-{weeks_ago}", created_at=at)
            ).inserted_primary_key[0]
            rows = []
            for member_id in members:
                others = [other for other in rng.sample(members, 3) if other != member_id]
                mine = []
                offer_id, helper = rng.choice(offers)
                if member_id in needs and rng.random() < PAIRED and helper not in (member_id, *others):
                    need_id = rng.choice(needs[member_id])
                    mine.append(_suggestion(run, at, member_id, helper, Kind.CAN_HELP_YOU, need_id, offer_id))
                mine += [_suggestion(run, at, member_id, other, Kind.KINDRED) for other in others]
                rows += [row | {"position": position} for position, row in enumerate(mine[:3])]
            for start in range(0, len(rows), 10_000):
                store_suggestions(connection, run_id=run, rows=rows[start : start + 10_000], now=at)
            made += len(rows)
    return made


def _suggestion(
    run: int,
    at: Any,
    recipient: int,
    other: int,
    kind: Kind,
    need: int | None = None,
    offer: int | None = None,
) -> dict[str, Any]:
    return {
        "team_id": TEAM,
        "run_id": run,
        "recipient_id": recipient,
        "other_id": other,
        "kind": kind,
        "score": 0.5,
        "reason": "",
        "need_id": need,
        "offer_id": offer,
        "status": "shown",
        "created_at": at,
    }


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
