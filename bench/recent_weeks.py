"""The last twelve weeks of a benchmark community, as the dashboard's charts read them: a digest each week
(two suggestions a member, some naming a need), some entries closed along the way, and the members' weekly
counts kept since eight weeks ago (as if the counting job had been deployed then)."""

import random
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import col

from bench.community import NOW, TEAM
from bot.digest.periods import periods_until
from bot.digest.service import store_suggestions
from bot.matching.model import Kind
from bot.models import DigestRun, Member, MemberCount, Need, Offer
from bot.quiet_hours import zone_of

WEEKS = 12
COUNTED_WEEKS = 8
PER_MEMBER = 2  # suggestions a member, each week
BATCH = 10_000


def plant(engine: Engine, *, seed: int = 13) -> dict[str, int]:
    rng = random.Random(seed)
    weeks = periods_until(NOW, count=WEEKS, zone=zone_of("UTC"))
    planted = {"suggestions": 0, "closed": 0}
    with engine.begin() as connection:
        members = [row[0] for row in connection.execute(sa.select(col(Member.id)).order_by(col(Member.id)))]
        needs = [row[0] for row in connection.execute(sa.select(col(Need.id)).order_by(col(Need.id)))]
        for week in weeks:
            sent = week.scheduled_at
            inserted = connection.execute(
                sa.insert(DigestRun).values(team_id=TEAM, period=week.key, created_at=sent, completed_at=sent)
            ).inserted_primary_key
            assert inserted is not None
            run_id = inserted[0]
            rows = []
            for recipient in members:
                for position, other in enumerate(rng.sample(members, PER_MEMBER)):
                    rows.append(
                        {
                            "team_id": TEAM,
                            "run_id": run_id,
                            "recipient_id": recipient,
                            "other_id": other,
                            "kind": Kind.YOU_CAN_HELP if rng.random() < 0.3 else Kind.KINDRED,
                            "score": rng.random(),
                            "reason": "",
                            "position": position,
                            "need_id": rng.choice(needs) if needs and rng.random() < 0.3 else None,
                            "status": "shown",
                            "created_at": sent,
                        }
                    )
            for start in range(0, len(rows), BATCH):
                store_suggestions(connection, run_id=run_id, rows=rows[start : start + BATCH], now=sent)
            planted["suggestions"] += len(rows)
        for table, closed in ((Offer, "withdrawn"), (Need, "resolved")):
            ids = [row[0] for row in connection.execute(sa.select(col(table.id)))]
            for entry_id in rng.sample(ids, len(ids) // 20):
                at = NOW - timedelta(weeks=WEEKS) * rng.random()
                connection.execute(
                    sa.update(table)
                    .where(col(table.id) == entry_id, col(table.created_at) < at)
                    .values(status=closed, updated_at=at)
                )
            planted["closed"] += len(ids) // 20
        active = len(members)
        for week in weeks[WEEKS - COUNTED_WEEKS - 1 : -1]:
            paused = rng.randrange(active // 50 + 1)
            connection.execute(
                sa.insert(MemberCount).values(
                    team_id=TEAM,
                    period=week.key,
                    active=active - paused,
                    paused=paused,
                    quiet=paused // 5,
                    counted_at=week.ends_at - timedelta(minutes=5),
                )
            )
    return planted
