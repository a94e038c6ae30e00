"""Synthetic communities for benchmarks: members with offers, needs and projects written from the curated
vocabulary with varied wording, generated from a seed so every run measures the same data."""

import random
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import Engine

from bot.models import Member, Need, Offer, Project
from bot.skills import vocabulary

TEAM = "T0BENCH"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
OFFER_FORMS = [
    "{x} for small businesses",
    "Happy to help with {x}",
    "{x} reviews, 30 minutes",
    "I do {x}",
    "Quick {x} audits",
    "Mentoring on {x}",
    "{x} and {y}",
    "Friendly help with {x} for freelancers",
]
NEED_FORMS = [
    "Need help with {x}",
    "Looking for someone who knows {x}",
    "Stuck on {x}, any advice?",
    "Can anyone help me with {x} for my shop?",
    "{x} is a mess, need a second opinion",
    "Who here does {x}?",
    "want to get better at {x} and {y}",
]
PROJECT_FORMS = ["A {x} project", "Building a {x} side project", "My {x} newsletter", "{x} community"]
FIRST = ["Ana", "Ben", "Chen", "Dara", "Eli", "Femi", "Gia", "Hugo", "Ines", "Jon", "Kai", "Lea", "Mo", "Nia"]
LAST = ["Diaz", "Okafor", "Raman", "Becker", "Webb", "Laurent", "Bello", "Mendes", "Chen", "Novak", "Sato"]


def populate(engine: Engine, members: int, *, seed: int = 7, spread: timedelta | None = None) -> None:
    """Insert `members` members (about 1.5 offers, 1 need and 0.5 projects each) into a migrated database.
    Entries are written at NOW, or with `spread` at times spread evenly over that long before it."""
    rng = random.Random(seed)
    when = random.Random(seed + 1)  # its own stream: the same entries with or without `spread`
    skills = list(vocabulary())
    names = [(skill.tag, [skill.label.lower(), *skill.aliases[:4]]) for skill in skills]
    stamp = {"created_at": NOW, "updated_at": NOW}
    with engine.begin() as connection:
        for start in range(0, members, 5000):
            batch = range(start, min(members, start + 5000))
            connection.execute(
                sa.insert(Member),
                [
                    {
                        "team_id": TEAM,
                        "user_id": f"U{i:08d}",
                        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
                        "title": "",
                        "timezone": "UTC",
                        "bio": "",
                        "links": [],
                        "status": "active",
                        "digest_cadence": "weekly",
                        **stamp,
                    }
                    for i in batch
                ],
            )
        ids = [row[0] for row in connection.execute(sa.select(Member.id).order_by(Member.id))]  # type: ignore[arg-type]
        offers, needs, projects = [], [], []
        for member_id in ids:
            focus = rng.sample(names, 3)  # each member lives in a few areas
            for _ in range(rng.choice([1, 1, 2, 2, 3])):
                offers.append(
                    _entry(rng, member_id, focus, OFFER_FORMS) | {"format": "call", "status": "active"}
                )
            for _ in range(rng.choice([0, 1, 1, 1, 2])):
                needs.append(
                    _entry(rng, member_id, rng.sample(names, 2), NEED_FORMS)
                    | {
                        "urgency": "normal",
                        "visibility": rng.choice(["shared"] * 9 + ["private"]),
                        "status": "open",
                    }
                )
            if rng.random() < 0.5:
                tag, words = rng.choice(focus)
                projects.append(
                    {
                        "team_id": TEAM,
                        "member_id": member_id,
                        "name": rng.choice(PROJECT_FORMS).format(x=rng.choice(words)),
                        "description": "",
                        "skills": [tag],
                        "help_wanted": "",
                        "links": [],
                        "status": "active",
                    }
                )
        for table, rows in ((Offer, offers), (Need, needs), (Project, projects)):
            for start in range(0, len(rows), 10_000):
                connection.execute(
                    sa.insert(table), [row | _stamp(when, spread) for row in rows[start : start + 10_000]]
                )


def _stamp(rng: random.Random, spread: timedelta | None) -> dict[str, datetime]:
    at = NOW if spread is None else NOW - spread * rng.random()
    return {"created_at": at, "updated_at": at}


def _entry(rng: random.Random, member_id: int, areas: list, forms: list[str]) -> dict:
    (tag, words), (_, other_words) = areas[0], areas[-1]
    text = rng.choice(forms).format(x=rng.choice(words), y=rng.choice(other_words))
    chosen = [tag] if rng.random() < 0.7 else []  # many members pick no skill and only write
    return {
        "team_id": TEAM,
        "member_id": member_id,
        "description": text[:300],
        "details": "",
        "skills": chosen,
        "links": [],
    }
