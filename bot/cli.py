"""The `kindred` command (also `python -m bot`): the command line parsed, the settings read, the command run
(`bot/commands/`), and every failure told in one line.

Each command imports what it needs when it runs: `kindred --help` and a settings error answer at once,
without loading SQLAlchemy, the matcher (numpy, scikit-learn, the model) or Bolt
(`tests/test_cli_imports.py`; figures in `bench/cli_startup.py`).
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from bot import logs
from bot.commands.databases import DEMO_DATABASE, close_all
from bot.commands.failures import EXIT_FAILED, CommandFailed, known_problem

if TYPE_CHECKING:
    from bot.config import Settings

EXIT_CONFIG = 2
EXIT_INTERRUPTED = 130  # as shells report a program stopped by Ctrl-C


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
        problem = known_problem(error, database)
        if problem is None:
            raise
        raise CommandFailed(problem) from None
    finally:
        close_all()


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "run":
        # `kill -USR1 PID` prints every thread's stack to stderr: where a process that does not start, or
        # does not stop, is stuck (tests/processes.py asks for it when a process keeps it waiting).
        faulthandler.register(signal.SIGUSR1, all_threads=True)
        from bot.runner import run

        run(settings, port=args.port)
        return 0
    from bot.commands import community, demo, digests

    if args.command == "db":
        return digests.db_upgrade(settings)
    if args.command == "demo":
        return demo.demo(args.db, full=args.all)
    if args.command == "import":
        return community.import_file(args.file, settings)
    if args.command == "digest":
        return digests.digest(args, settings)
    if args.command == "tick":
        return digests.tick(args, settings)
    return community.export_file(args.file, args.team, settings)


if __name__ == "__main__":
    sys.exit(main())
