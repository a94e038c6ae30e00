"""How long the network-snapshot job takes (`bot/stats/jobs.py`: read the ties, find clusters and bridges,
lay the picture out, store it), and how long the Network page then takes to show the stored picture.

Builds a community of members in interest groups with intros that happened between them, as
`bench.network_speed` does (most inside a group, a tenth across, a fifth of members never introduced), in a
fresh SQLite database; runs the job once at the start of a digest period, then times the Network page
through the dashboard's WSGI app (the median of three requests, after one to warm up). At 2,500 members
about 2,000 are tied: the largest community drawn member by member; above it, clusters are drawn.

    .venv/bin/python -m bench.network_job [--members 2500 10000 100000]
"""

import argparse
import json
import statistics
import tempfile
import time
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine

from bench.community import NOW, TEAM
from bench.dashboard_pages import ADMIN, _sign_in, _time
from bench.machine import machine
from bench.network_speed import community
from bot.config import load_settings
from bot.dashboard import service as links
from bot.dashboard.web import Dashboard
from bot.db import make_engine, make_session_factory, session_scope, upgrade
from bot.models import Intro, IntroParticipant, Member, NetworkSnapshot
from bot.scheduler.context import JobContext
from bot.slack.client import build_client
from bot.stats import jobs

BATCH = 5_000


def seed(engine: Engine, members: int, ties_per_member: float) -> int:
    """Members and the intros that happened between them; returns how many intros."""
    ids, ties = community(members, ties_per_member)
    stamp = {"created_at": NOW, "updated_at": NOW}
    with engine.begin() as connection:
        for start in range(0, len(ids), BATCH):
            connection.execute(
                sa.insert(Member),
                [
                    {
                        "id": i,
                        "team_id": TEAM,
                        "user_id": f"U{i:08d}",
                        "name": f"Member {i}",
                        "title": "",
                        "timezone": "UTC",
                        "bio": "",
                        "links": [],
                        "status": "active",
                        "digest_cadence": "weekly",
                        **stamp,
                    }
                    for i in ids[start : start + BATCH]
                ],
            )
        pairs = [(a, b) for a, b in ties if a != b]
        for start in range(0, len(pairs), BATCH):
            chunk = list(enumerate(pairs[start : start + BATCH], start=start + 1))
            connection.execute(
                sa.insert(Intro),
                [
                    {
                        "id": n,
                        "team_id": TEAM,
                        "origin": "digest",
                        "status": "met",
                        "requested_by_id": a,
                        "reason": "",
                        "introduced_at": NOW - timedelta(days=30),
                        "follow_ups_sent": 1,
                        **stamp,
                    }
                    for n, (a, _) in chunk
                ],
            )
            connection.execute(
                sa.insert(IntroParticipant),
                [{"intro_id": n, "member_id": m} for n, pair in chunk for m in pair],
            )
    return len(pairs)


def measure(members: int, ties_per_member: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/network.db"
        engine = make_engine(url)
        upgrade(engine)
        started = time.perf_counter()
        intros = seed(engine, members, ties_per_member)
        seeding = time.perf_counter() - started
        settings = load_settings(
            DATABASE_URL=url,
            SLACK_BOT_TOKEN="xoxb-bench-token-not-real",
            KINDRED_ADMINS=ADMIN,
            KINDRED_SECRET_KEY="a-bench-secret-key-that-is-long-enough",
            KINDRED_PUBLIC_URL="http://kindred.bench",
        )
        sessions = make_session_factory(engine)
        context = JobContext(sessions=sessions, client=build_client(settings), settings=settings)
        monday = NOW.replace(hour=0)
        started = time.perf_counter()
        report = jobs.store_snapshots(context, monday)
        job = time.perf_counter() - started
        assert report.stored == [TEAM], report
        with session_scope(sessions) as session:
            (stored,) = session.exec(sa.select(NetworkSnapshot.picture)).one()  # type: ignore[call-overload]
        app = Dashboard(settings, build_client(settings), sessions, clock=lambda: NOW)
        with session_scope(sessions) as session:
            token = links.create_link(session, admin=links.Admin(TEAM, ADMIN), now=NOW)
        cookie = _sign_in(app, token)
        _time(app, "/admin/network", cookie)  # warm up
        views = [_time(app, "/admin/network", cookie) for _ in range(3)]
        engine.dispose()
    return {
        "members": members,
        "intros": intros,
        "drawn": stored["drawn"],
        "tied": stored["members"] - len(stored["isolated"]),
        "seeding_seconds": round(seeding, 1),
        "job_seconds": round(job, 2),
        "page_seconds": round(statistics.median(seconds for seconds, _ in views), 3),
        "page_bytes": views[0][1],
        "snapshot_bytes": len(json.dumps(stored)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, nargs="+", default=[2_500, 10_000, 100_000])
    parser.add_argument("--ties-per-member", type=float, default=1.5)
    args = parser.parse_args()
    print(json.dumps(machine()))
    print("| members | tied | intros | drawn as | job (s) | Network page (s) | page size | snapshot size |")
    print("|---:|---:|---:|---|---:|---:|---:|---:|")
    for members in args.members:
        result = measure(members, args.ties_per_member)
        print(json.dumps(result))
        print(
            f"| {members:,} | {result['tied']:,} | {result['intros']:,} | {result['drawn']} "
            f"| {result['job_seconds']:.2f} | {result['page_seconds']:.3f} "
            f"| {result['page_bytes'] // 1000:,} kB | {result['snapshot_bytes'] // 1000:,} kB |"
        )


if __name__ == "__main__":
    main()
