"""`kindred import` and `kindred export`: the community file in and out."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.commands.databases import existing_database, migrated_database, one_team
from bot.commands.digests import embed_missing
from bot.commands.failures import EXIT_FAILED, CommandFailed, file_problem

if TYPE_CHECKING:
    from bot.community import service as community_file
    from bot.config import Settings


def import_file(path: str, settings: Settings) -> int:
    from bot.community import service as community_file
    from bot.db import make_session_factory, session_scope

    try:
        community = community_file.parse(community_file.decode(read(path)))
    except community_file.CommunityFileError as error:
        report_problems(path, error)
        return EXIT_FAILED
    sessions = make_session_factory(migrated_database(settings))
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


def export_file(path: str, team: str | None, settings: Settings) -> int:
    from bot.community import service as community_file
    from bot.db import make_session_factory, session_scope

    engine = existing_database(settings)
    with session_scope(make_session_factory(engine)) as session:
        chosen = one_team(session, team)
        if chosen is None:
            return EXIT_FAILED
        text = community_file.dumps(community_file.export_community(session, team_id=chosen))
    if path == "-":
        sys.stdout.write(text)
    else:
        write(path, text)
        print(f"Exported workspace {chosen} to {path}.", file=sys.stderr)
    return 0


def read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandFailed(f"cannot read {path}: {file_problem(path, error)}") from None


def write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as error:
        raise CommandFailed(f"cannot write {path}: {file_problem(path, error)}") from None


def report_problems(path: str, error: community_file.CommunityFileError) -> None:
    """One problem in one line; several, one a line, then what happened."""
    if len(error.problems) == 1:
        print(f"kindred: {path}: {error.problems[0]}; nothing was imported", file=sys.stderr)
        return
    for problem in error.problems:
        print(f"{path}: {problem}", file=sys.stderr)
    print(f"kindred: {error.message}", file=sys.stderr)
