"""`kindred db upgrade`, `kindred digest` and `kindred tick`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.commands.databases import existing_database, migrated_database, one_team, open_database
from bot.commands.failures import EXIT_FAILED

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.db import SessionFactory


def db_upgrade(settings: Settings) -> int:
    from bot.db import make_session_factory, upgrade, where

    engine = open_database(settings.database_url)
    upgrade(engine)
    embedded = embed_missing(make_session_factory(engine), settings.embedding_model)
    print(f"Database is up to date ({where(settings.database_url)}); {embedded:,} text(s) embedded.")
    return 0


def embed_missing(sessions: SessionFactory, model: str) -> int:
    """Store the reading (sentence vector and what the vocabulary reads) of every profile and entry that has
    none or an outdated one, with a progress bar on standard error. Returns how many."""
    from tqdm import tqdm

    from bot import vectors
    from bot.db import session_scope
    from bot.matching.embeddings import load_embedder

    embedder = load_embedder(model)
    with session_scope(sessions) as session:
        total = vectors.count_stale(session, embedder=embedder)
    if not total:
        return 0
    with (
        tqdm(total=total, desc="Embedding", unit="text", file=sys.stderr) as bar,
        session_scope(sessions) as session,
    ):
        return vectors.refresh(session, embedder=embedder, progress=bar.update)


def moment(text: str | None, settings: Settings) -> datetime:
    if text is None:
        return datetime.now(UTC)
    from bot.config import ConfigError
    from bot.digest.periods import parse_moment

    try:
        return parse_moment(text, zone=settings.zone, default_time=settings.digest_time)
    except ValueError as error:
        raise ConfigError(f"--now {error}") from None


def digest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.db import make_session_factory, session_scope
    from bot.digest import jobs as digest_job
    from bot.digest import output as digest_output
    from bot.digest import service as digest_service
    from bot.heap import freeze_startup_objects
    from bot.scheduler.context import JobContext
    from bot.slack.client import build_client

    now = moment(args.now, settings)
    if not args.dry_run:
        settings.require_token(" (or use --dry-run to send nothing)")
    engine = existing_database(settings) if args.dry_run else migrated_database(settings)
    freeze_startup_objects()
    sessions = make_session_factory(engine)
    with session_scope(sessions) as session:
        team = one_team(session, args.team)
    if team is None:
        return EXIT_FAILED
    context = JobContext(sessions=sessions, client=build_client(settings), settings=settings)
    rules = digest_service.DigestRules.from_settings(settings)
    with session_scope(sessions) as session:
        if args.dry_run:
            plan = digest_service.preview(session, team_id=team, now=now, rules=rules)
        else:
            plan = digest_service.plan(session, team_id=team, now=now, rules=rules)
        output = digest_output.as_json(session, plan) if args.json else None
        text = None if args.json else digest_output.as_text(session, plan)
    print(json.dumps(output, indent=2, ensure_ascii=False) if args.json else text)
    if not args.dry_run:
        report = digest_job.run_team(context, team, now, own_time=False)
        print(f"Sent: {report.outcomes}; errors: {report.errors}.", file=sys.stderr)
        if report.waiting:
            print(
                f"{report.waiting} member(s) are in their quiet hours (KINDRED_QUIET_HOURS): "
                "the scheduler sends theirs in their morning.",
                file=sys.stderr,
            )
        return 0 if report.errors == 0 else EXIT_FAILED
    return 0


def tick(args: argparse.Namespace, settings: Settings) -> int:
    from bot.db import make_session_factory
    from bot.heap import freeze_startup_objects
    from bot.schedule import run_due
    from bot.scheduler.context import JobContext
    from bot.slack.client import build_client

    now = moment(args.now, settings)
    settings.require_token()
    engine = migrated_database(settings)
    freeze_startup_objects()
    context = JobContext(
        sessions=make_session_factory(engine), client=build_client(settings), settings=settings
    )
    ran = run_due(context, now)
    if not ran:
        print(f"Nothing is due at {now.isoformat()}.")
    for job_id, result in ran:
        print(f"{job_id}: {result}")
    return 0
