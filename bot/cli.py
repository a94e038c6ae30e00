"""The `kindred` command (also `python -m bot`)."""

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot import logs
from bot.config import ConfigError, Settings, load_settings
from bot.db import make_engine, make_session_factory, session_scope, upgrade
from bot.services import community_file

EXIT_CONFIG = 2
EXIT_FAILED = 1


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
    demo.add_argument(
        "--db", type=Path, default=Path("kindred-demo.db"), help="SQLite file (default: %(default)s)"
    )

    load = commands.add_parser("import", help="import a community file (upserts members by user_id)")
    load.add_argument("file", help="community file (JSON, version 1), or - for standard input")

    dump = commands.add_parser("export", help="export the community file")
    dump.add_argument("file", nargs="?", default="-", help="where to write (default: standard output)")
    dump.add_argument("--team", help="workspace id (needed when the database holds several)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        logs.configure(level=settings.log_level, fmt=settings.log_format)
        return _dispatch(args, settings)
    except ConfigError as error:
        print(f"kindred: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except OperationalError as error:
        print(f"kindred: cannot use the database: {error.orig or error}".splitlines()[0], file=sys.stderr)
        return EXIT_FAILED


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "run":
        from bot.runner import run

        run(settings, port=args.port)
        return 0
    if args.command == "db":
        upgrade(make_engine(settings.database_url))
        where = make_url(settings.database_url).render_as_string(hide_password=True)
        print(f"Database is up to date ({where}).")
        return 0
    if args.command == "demo":
        from bot.demo import load_demo

        print(load_demo(args.db, now=datetime.now(UTC)))
        print(f"(Loaded into {args.db}; run it again any time, nothing is duplicated.)")
        return 0
    if args.command == "import":
        return _import(args.file, settings)
    return _export(args.file, args.team, settings)


def _import(path: str, settings: Settings) -> int:
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
    engine = make_engine(settings.database_url)
    upgrade(engine)
    with session_scope(make_session_factory(engine)) as session:
        report = community_file.import_community(session, community, now=datetime.now(UTC))
    created, updated = report.entries_created, report.entries_updated
    print(
        f"Imported {len(community.members)} members into {community.team_id}: {report.members_created} new, "
        f"{report.members_updated} updated, {report.members_unchanged} unchanged; "
        f"entries: {sum(created.values())} new, {sum(updated.values())} updated."
    )
    return 0


def _export(path: str, team: str | None, settings: Settings) -> int:
    engine = make_engine(settings.database_url)
    upgrade(engine)
    with session_scope(make_session_factory(engine)) as session:
        from bot import repo

        teams = list(repo.team_ids(session))
        if team is None:
            if len(teams) != 1:
                reason = (
                    "has no members yet" if not teams else f"holds several workspaces ({', '.join(teams)})"
                )
                print(
                    f"kindred: the database {reason}; choose one with --team"
                    if teams
                    else f"kindred: nothing to export: the database {reason}",
                    file=sys.stderr,
                )
                return EXIT_FAILED
            team = teams[0]
        elif team not in teams:
            print(f"kindred: no members of workspace {team} in this database", file=sys.stderr)
            return EXIT_FAILED
        text = community_file.dumps(community_file.export_community(session, team_id=team))
    if path == "-":
        sys.stdout.write(text)
    else:
        Path(path).write_text(text, encoding="utf-8")
        print(f"Exported workspace {team} to {path}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
