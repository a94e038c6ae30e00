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
from typing import TYPE_CHECKING, NoReturn

from bot import logs

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from bot.config import Settings
    from bot.db import SessionFactory
    from bot.services import community_file

EXIT_CONFIG = 2
EXIT_FAILED = 1
EXIT_INTERRUPTED = 130  # as shells report a program stopped by Ctrl-C
DEMO_DATABASE = Path("kindred-demo.db")

_engines: list[Engine] = []  # disposed of when the command ends, so SQLite leaves no -wal or -shm file


class CommandFailed(Exception):
    """The command cannot go on; the message is one line saying what to fix."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """A usage mistake in one line (not the whole usage), with exit code 2."""
        self.exit(EXIT_CONFIG, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
        return _run(args, settings)
    except ConfigError as error:
        for line in str(error).splitlines():
            print(f"kindred: {line}", file=sys.stderr)
        return EXIT_CONFIG
    except CommandFailed as error:
        print(f"kindred: {error}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # `kindred digest --json | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except KeyboardInterrupt:  # Ctrl-C: each step commits whole or not at all, so nothing is half stored
        print(
            "kindred: interrupted; what was stored is complete, run the command again to finish",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED


def _run(args: argparse.Namespace, settings: Settings) -> int:
    """The command, with database problems told in one line, and every database closed at the end."""
    database = f"sqlite:///{args.db}" if args.command == "demo" else settings.database_url
    try:
        return _dispatch(args, settings)
    except Exception as error:
        problem = _known_problem(error, database)
        if problem is None:
            raise
        raise CommandFailed(problem) from None
    finally:
        while _engines:
            _engines.pop().dispose()


def _known_problem(error: Exception, database: str) -> str | None:
    """One line for a database or migration failure; None for anything else (a bug keeps its traceback).
    Nothing is imported here: an error from SQLAlchemy or Alembic means they are loaded already."""
    sqlalchemy_errors, alembic_errors = sys.modules.get("sqlalchemy.exc"), sys.modules.get("alembic.util.exc")
    if sqlalchemy_errors is not None and type(error) in (
        sqlalchemy_errors.OperationalError,
        sqlalchemy_errors.DatabaseError,
    ):  # an integrity error is a bug
        return _database_problem(database, error)
    if alembic_errors is not None and isinstance(error, alembic_errors.CommandError):
        return _migration_problem(error)
    return None


def _database_problem(url: str, error: Exception) -> str:
    from sqlalchemy.engine import make_url

    reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return f"cannot use the database {parsed.render_as_string(hide_password=True)}: {reason}"
    path = parsed.database
    if reason == "unable to open database file":
        return (
            f"cannot open the SQLite file {path}: check that its folder exists and that you may write there"
        )
    if reason == "file is not a database":
        return f"{path} is not a SQLite database: name a Kindred database, or a file that does not exist yet"
    return f"cannot use the SQLite file {path}: {reason}"


def _migration_problem(error: Exception) -> str:
    reason = str(error).strip().splitlines()[0]
    if reason.startswith("Can't locate revision"):
        return (
            f"the database was migrated by a newer Kindred ({reason.lower()}): run that version or a later "
            "one, or point DATABASE_URL at another database"
        )
    return f"cannot migrate the database: {reason}"


def _open_database(url: str) -> Engine:
    """An engine that is disposed of when the command ends."""
    from bot.db import make_engine

    engine = make_engine(url)
    _engines.append(engine)
    return engine


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
    from bot.db import make_session_factory, upgrade, where

    engine = _open_database(settings.database_url)
    upgrade(engine)
    embedded = embed_missing(make_session_factory(engine), settings.embedding_model)
    print(f"Database is up to date ({where(settings.database_url)}); {embedded:,} text(s) embedded.")
    return 0


def _demo(database: Path, *, full: bool) -> int:
    from bot.config import ConfigError, sqlite_file_problem
    from bot.demo import load_demo, next_steps

    problem = sqlite_file_problem(str(database))
    if problem:
        raise ConfigError(f"--db {problem}")
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
    from bot.db import upgrade

    engine = _open_database(settings.database_url)
    upgrade(engine)
    return engine


def _existing_database(settings: Settings) -> Engine:
    """The database a command that only reads uses (`digest --dry-run`, `export`). It is never created nor
    migrated here: a dry run that made an empty kindred.db would only hide where the real data is."""
    from bot.config import ConfigError
    from bot.db import schema_revisions, sqlite_file, where

    file = sqlite_file(settings.database_url)
    if file is not None and not file.exists():
        raise ConfigError(f"there is no database at {file} (DATABASE_URL): {_how_to_create(file)}")
    engine = _open_database(settings.database_url)
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
        community = community_file.parse(community_file.decode(_read(path)))
    except community_file.CommunityFileError as error:
        _report_problems(path, error)
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
        _write(path, text)
        print(f"Exported workspace {chosen} to {path}.", file=sys.stderr)
    return 0


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandFailed(f"cannot read {path}: {_file_problem(path, error)}") from None


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as error:
        raise CommandFailed(f"cannot write {path}: {_file_problem(path, error)}") from None


def _file_problem(path: str, error: OSError) -> str:
    folder = Path(path).parent
    if isinstance(error, FileNotFoundError):
        if not folder.is_dir():
            return f"the folder {folder} does not exist; create it or choose another"
        return "there is no such file; check the name and the folder"
    if isinstance(error, IsADirectoryError):
        return "it is a folder; name a file in it, such as community.json"
    if isinstance(error, NotADirectoryError):
        return f"{folder} is not a folder"
    if isinstance(error, PermissionError):
        return "permission denied; choose a file and folder you may use, or change their permissions"
    return error.strerror or str(error)


def _report_problems(path: str, error: community_file.CommunityFileError) -> None:
    """One problem in one line; several, one a line, then what happened."""
    if len(error.problems) == 1:
        print(f"kindred: {path}: {error.problems[0]}; nothing was imported", file=sys.stderr)
        return
    for problem in error.problems:
        print(f"{path}: {problem}", file=sys.stderr)
    print(f"kindred: {error.message}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
