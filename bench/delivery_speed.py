"""Digest delivery throughput against Slack's posting limits: how close to the allowed maximum, with no
message lost or doubled.

    .venv/bin/python -m bench.delivery_speed                        # 5,000 members, 50 messages/s allowed
    .venv/bin/python -m bench.delivery_speed --members 2000 --workspace-limit 20 --database postgres

The fake Slack enforces one message a second per conversation and `--workspace-limit` messages a second
for the workspace (token buckets; beyond them, 429 with Retry-After, nothing posted). Kindred runs the
real digest job with `KINDRED_SLACK_MESSAGES_PER_SECOND` set to the same limit. The digest is planned
first (not timed); what is timed is sending: from the first accepted DM to the last. Throughput is
reported as a share of the most the limit allows in that time (its rate, plus the one-second burst).
Every member's DM conversation is then checked: exactly one digest each, none missing.
"""

import argparse
import json
import os
import tempfile
import time
import uuid
from collections import Counter

from sqlalchemy import text

from bench.community import NOW, TEAM, populate
from bench.machine import machine
from bot.config import load_settings
from bot.db import make_engine, make_session_factory, session_scope, upgrade
from bot.digest import jobs as digest_job
from bot.digest import service as digest
from bot.digest.service import DigestRules
from bot.scheduler.context import JobContext
from bot.slack.client import build_client
from tests.fakeslack import FakeSlack
from tests.fakeslack.ratelimits import PostingLimits
from tests.processes import digests_in

POSTGRES = os.environ.get("KINDRED_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def database(kind: str, folder: str) -> tuple[str, str | None]:
    if kind == "sqlite":
        return f"sqlite:///{folder}/delivery.db", None
    schema = f"kindred_bench_{uuid.uuid4().hex[:8]}"
    with make_engine(POSTGRES).begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    return f"{POSTGRES}?options=-csearch_path%3D{schema}", schema


def run(members: int, limit: float, kind: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder, FakeSlack(team_id=TEAM) as fake:
        url, schema = database(kind, folder)
        try:
            engine = make_engine(url)
            upgrade(engine)
            populate(engine, members)
            for i in range(members):
                fake.add_user(f"U{i:08d}")
            settings = load_settings(
                SLACK_BOT_TOKEN=fake.token,
                SLACK_API_URL=fake.api_url,
                DATABASE_URL=url,
                KINDRED_TIMEZONE="UTC",
                KINDRED_SLACK_MESSAGES_PER_SECOND=str(int(limit)),
            )
            context = JobContext(
                sessions=make_session_factory(engine), client=build_client(settings), settings=settings
            )
            with session_scope(context.sessions) as session:
                planned = len(
                    digest.plan(
                        session, team_id=TEAM, now=NOW, rules=DigestRules.from_settings(context.settings)
                    ).digests
                )

            limits = PostingLimits(per_channel=1.0, workspace=limit)
            fake.set_fault(limits)
            started = time.perf_counter()
            report = digest_job.run_team(context, TEAM, NOW)
            wall = time.perf_counter() - started

            accepted = [call.at for call in fake.calls_to("chat.postMessage") if call.status == 200]
            sending = max(accepted) - min(accepted)
            allowed = limit * sending + limit  # the rate over that time, plus the bucket's one-second burst
            per_member = Counter(digests_in(fake, f"U{i:08d}") for i in range(members))
            engine.dispose()
        finally:
            if schema:
                with make_engine(POSTGRES).begin() as connection:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    return {
        "members": members,
        "database": kind,
        "workspace_limit_per_s": limit,
        "planned": planned,
        "delivered": len(accepted),
        "seconds_sending": round(sending, 1),
        "seconds_job": round(wall, 1),
        "messages_per_s": round(len(accepted) / sending, 2),
        "share_of_allowed": round(len(accepted) / allowed, 3),
        "rate_limited_429": limits.refused,
        "members_with_two_or_more": sum(n for count, n in per_member.items() if count > 1),
        "planned_members_without_a_digest": planned
        - per_member[1]
        - sum(n for count, n in per_member.items() if count > 1),
        "outcomes": dict(report.outcomes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--workspace-limit", type=float, default=50.0, help="messages a second")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--json", help="also write the result to this file")
    args = parser.parse_args()
    result = run(args.members, args.workspace_limit, args.database)
    result["machine"] = machine()
    print(
        "| members | database | limit (msg/s) | delivered | seconds | msg/s | share of allowed | 429s "
        "| doubled | lost |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {result['members']:,} | {result['database']} | {result['workspace_limit_per_s']:g} "
        f"| {result['delivered']:,} | {result['seconds_sending']} | {result['messages_per_s']} "
        f"| {float(str(result['share_of_allowed'])):.1%} | {result['rate_limited_429']} "
        f"| {result['members_with_two_or_more']} | {result['planned_members_without_a_digest']} |"
    )
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(result, handle, indent=2)


if __name__ == "__main__":
    main()
