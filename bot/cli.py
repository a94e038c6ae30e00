"""The `kindred` command (also `python -m bot`).

Each command imports what it needs when it runs: `kindred --help` and a settings error answer at once,
without loading SQLAlchemy, the matcher (numpy, scikit-learn, the model) or Bolt
(`tests/test_cli_imports.py`; figures in `bench/cli_startup.py`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot import logs

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.exc import OperationalError
    from sqlmodel import Session

    from bot.config import Settings
    from bot.db import SessionFactory

EXIT_CONFIG = 2
EXIT_FAILED = 1
DEMO_DATABASE = Path("kindred-demo.db")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kindred",
        description="Kindred: a Slack bot that connects community members who can help each other.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="serve Slack (HTTP, or Socket Mode when SLACK_APP_TOKEN is set)")
    run.add_argument(
        "--port", type=int, help="HTTP port for /slack/events and /healthz (default: PORT or 3000)"
    )

    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_commands.add_parser("upgrade", help="apply all migrations (kindred run does this on start)")

    demo = commands.add_parser("demo", help="load a sample community into a local SQLite file and print it")
    demo.add_argument("--db", type=Path, default=DEMO_DATABASE, help="SQLite file (default: %(default)s)")
    demo.add_argument(
        "--all", action="store_true", help="print every digest and every member, not only the first few"
    )

    load = commands.add_parser("import", help="import a community file (upserts members by user_id)")
    load.add_argument("file", help="community file (JSON, version 1), or - for standard input")

    dump = commands.add_parser("export", help="export the community file")
    dump.add_argument("file", nargs="?", default="-", help="where to write (default: standard output)")
    dump.add_argument("--team", help="workspace id (needed when the database holds several)")

    digest = commands.add_parser("digest", help="compute the digest of the period holding --now, and send it")
    digest.add_argument(
        "--now", help="ISO date or date-time (default: now; without an offset: KINDRED_TIMEZONE)"
    )
    digest.add_argument(
        "--dry-run", action="store_true", help="compute and print only: send and store nothing"
    )
    digest.add_argument("--json", action="store_true", help="print the plan as JSON")
    digest.add_argument("--team", help="workspace id (needed when the database holds several)")

    tick = commands.add_parser(
        "tick", help="run every scheduled job that is due at --now (as the scheduler does)"
    )
    tick.add_argument(
        "--now", help="ISO date or date-time (default: now; without an offset: KINDRED_TIMEZONE)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # `--help` ends here, before anything heavy is imported
    from bot.config import ConfigError, load_settings

    try:
        settings = load_settings()
        logs.configure(level=settings.log_level, fmt=settings.log_format)
        return _dispatch(args, settings)
    except ConfigError as error:
        print(f"kindred: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except _database_error() as error:  # looked up only when an exception gets here: no SQLAlchemy before
        print(f"kindred: cannot use the database: {error.orig or error}".splitlines()[0], file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # `kindred digest --json | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0


def _database_error() -> type[OperationalError]:
    from sqlalchemy.exc import OperationalError

    return OperationalError


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "run":
        from bot.runner import run

        run(settings, port=args.port)
        return 0
    if args.command == "db":
        return _db_upgrade(settings)
    if args.command == "demo":
        return _demo(args.db, full=args.all)
    if args.command == "import":
        return _import(args.file, settings)
    if args.command == "digest":
        return _digest(args, settings)
    if args.command == "tick":
        return _tick(args, settings)
    return _export(args.file, args.team, settings)


def _db_upgrade(settings: Settings) -> int:
    from bot.db import make_engine, make_session_factory, upgrade, where

    engine = make_engine(settings.database_url)
    upgrade(engine)
    embedded = embed_missing(make_session_factory(engine), settings.embedding_model)
    print(f"Database is up to date ({where(settings.database_url)}); {embedded:,} text(s) embedded.")
    return 0


def _demo(database: Path, *, full: bool) -> int:
    from bot.demo import load_demo, next_steps

    print(load_demo(database, now=datetime.now(UTC), full=full))
    print(next_steps(database, kindred=_how_kindred_was_called()))
    return 0


def _how_kindred_was_called() -> str:
    """`kindred`, `.venv/bin/kindred` or `python -m bot`: what to type to run Kindred again from here."""
    import shlex
    import shutil

    called = Path(sys.argv[0])
    if called.name == "kindred":
        on_path = shutil.which("kindred")
        same = on_path is not None and Path(on_path).resolve() == called.resolve()
        return "kindred" if same else shlex.quote(sys.argv[0])
    python = "python3" if _is_this_python(shutil.which("python3")) else shlex.quote(sys.executable)
    return f"{python} -m bot"


def _is_this_python(found: str | None) -> bool:
    return found is not None and Path(found).resolve() == Path(sys.executable).resolve()


def embed_missing(sessions: SessionFactory, model: str) -> int:
    """Store the reading (sentence vector and what the vocabulary reads) of every profile and entry that has
    none or an outdated one, with a progress bar on standard error. Returns how many."""
    from tqdm import tqdm

    from bot.db import session_scope
    from bot.matching.embeddings import load_embedder
    from bot.services import vectors

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


def _now(text: str | None, settings: Settings) -> datetime:
    if text is None:
        return datetime.now(UTC)
    from bot.config import ConfigError
    from bot.services.periods import parse_moment

    try:
        return parse_moment(text, zone=settings.zone, default_time=settings.digest_time)
    except ValueError as error:
        raise ConfigError(f"--now {error}") from None


def _digest(args: argparse.Namespace, settings: Settings) -> int:
    from bot import digest_output
    from bot.db import make_session_factory, session_scope
    from bot.heap import freeze_startup_objects
    from bot.jobs import digest as digest_job
    from bot.jobs.context import JobContext
    from bot.services import digest as digest_service
    from bot.slack.client import build_client

    now = _now(args.now, settings)
    if not args.dry_run:
        settings.require_token(" (or use --dry-run to send nothing)")
    engine = _existing_database(settings) if args.dry_run else _migrated_database(settings)
    freeze_startup_objects()
    sessions = make_session_factory(engine)
    with session_scope(sessions) as session:
        team = _one_team(session, args.team)
    if team is None:
        return EXIT_FAILED
    context = JobContext(sessions=sessions, client=build_client(settings), settings=settings)
    with session_scope(sessions) as session:
        if args.dry_run:
            plan = digest_service.preview(session, team_id=team, now=now, rules=context.rules)
        else:
            plan = digest_service.plan(session, team_id=team, now=now, rules=context.rules)
        output = digest_output.as_json(session, plan) if args.json else None
        text = None if args.json else digest_output.as_text(session, plan)
    print(json.dumps(output, indent=2, ensure_ascii=False) if args.json else text)
    if not args.dry_run:
        report = digest_job.run_team(context, team, now)
        print(f"Sent: {report.outcomes}; errors: {report.errors}.", file=sys.stderr)
        return 0 if report.errors == 0 else EXIT_FAILED
    return 0


def _tick(args: argparse.Namespace, settings: Settings) -> int:
    from bot.db import make_session_factory
    from bot.heap import freeze_startup_objects
    from bot.jobs.context import JobContext
    from bot.jobs.registry import run_due
    from bot.slack.client import build_client

    now = _now(args.now, settings)
    settings.require_token()
    engine = _migrated_database(settings)
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


def _migrated_database(settings: Settings) -> Engine:
    """The database a command that writes uses: created and migrated first if need be."""
    from bot.db import make_engine, upgrade

    engine = make_engine(settings.database_url)
    upgrade(engine)
    return engine


def _existing_database(settings: Settings) -> Engine:
    """The database a command that only reads uses (`digest --dry-run`, `export`). It is never created nor
    migrated here: a dry run that made an empty kindred.db would only hide where the real data is."""
    from bot.config import ConfigError
    from bot.db import make_engine, schema_revisions, sqlite_file, where

    file = sqlite_file(settings.database_url)
    if file is not None and not file.exists():
        raise ConfigError(f"there is no database at {file} (DATABASE_URL): {_how_to_create(file)}")
    engine = make_engine(settings.database_url)
    current, needed = schema_revisions(engine)
    if current != needed:
        engine.dispose()
        found = "has no Kindred tables yet" if current is None else f"is at schema {current}, not {needed}"
        raise ConfigError(f"the database at {where(settings.database_url)} {found}: run `kindred db upgrade`")
    return engine


def _how_to_create(file: Path) -> str:
    create = "create it with `kindred db upgrade` then `kindred import FILE`"
    if DEMO_DATABASE.exists() and file.resolve() != DEMO_DATABASE.resolve():
        return f"{create}, or set DATABASE_URL=sqlite:///{DEMO_DATABASE} to use the demo's"
    return f"{create}, or try `kindred demo`"


def _one_team(session: Session, team: str | None) -> str | None:
    """The workspace to act on: the one given, or the only one in the database."""
    from bot import repo

    teams = list(repo.team_ids(session))
    if team is not None:
        if team not in teams:
            print(f"kindred: no members of workspace {team} in this database", file=sys.stderr)
            return None
        return team
    if not teams:
        print("kindred: the database has no members yet (import a community file first)", file=sys.stderr)
        return None
    if len(teams) > 1:
        print(
            f"kindred: the database holds several workspaces ({', '.join(teams)}); choose one with --team",
            file=sys.stderr,
        )
        return None
    return teams[0]


def _import(path: str, settings: Settings) -> int:
    from bot.db import make_session_factory, session_scope
    from bot.services import community_file

    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"kindred: cannot read {path}: {error}", file=sys.stderr)
        return EXIT_FAILED
    try:
        community = community_file.parse(text)
    except community_file.CommunityFileError as error:
        for problem in error.problems:
            print(f"{path}: {problem}", file=sys.stderr)
        print(f"kindred: {error.message}", file=sys.stderr)
        return EXIT_FAILED
    sessions = make_session_factory(_migrated_database(settings))
    with session_scope(sessions) as session:
        report = community_file.import_community(session, community, now=datetime.now(UTC))
    embed_missing(sessions, settings.embedding_model)
    created, updated, skipped = report.entries_created, report.entries_updated, report.forgotten_skipped
    print(
        f"Imported {len(community.members) - len(skipped)} members into {community.team_id}: "
        f"{report.members_created} new, "
        f"{report.members_updated} updated, {report.members_unchanged} unchanged; "
        f"entries: {sum(created.values())} new, {sum(updated.values())} updated."
    )
    if skipped:
        print(
            f"Skipped {len(skipped)} people who asked Kindred to forget them ({', '.join(skipped)}); "
            "they come back only by adding an offer or a need themselves.",
            file=sys.stderr,
        )
    return 0


def _export(path: str, team: str | None, settings: Settings) -> int:
    from bot.db import make_session_factory, session_scope
    from bot.services import community_file

    engine = _existing_database(settings)
    with session_scope(make_session_factory(engine)) as session:
        chosen = _one_team(session, team)
        if chosen is None:
            return EXIT_FAILED
        text = community_file.dumps(community_file.export_community(session, team_id=chosen))
    if path == "-":
        sys.stdout.write(text)
    else:
        Path(path).write_text(text, encoding="utf-8")
        print(f"Exported workspace {chosen} to {path}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
