"""`kindred demo`: load the sample community into a local SQLite file, print it, and print the digest
Kindred would send this week (computed only: nothing is sent, and nothing about the digest is stored)."""

from datetime import datetime
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot import digest_output, repo, texts
from bot.db import make_engine, make_session_factory, session_scope, upgrade
from bot.models import Member, MemberStatus, Need, Offer, Project, Visibility
from bot.services import community_file
from bot.services.digest import DigestRules, preview
from bot.services.entries import open_entries
from bot.skills import label_for

DEMO_FILE = "data/demo_community.json"
WIDTH = 100


def demo_text() -> str:
    return resources.files("bot").joinpath(DEMO_FILE).read_text(encoding="utf-8")


def load_demo(database: Path, *, now: datetime) -> str:
    """Import the sample community (idempotently) and return the printable listing."""
    engine = make_engine(f"sqlite:///{database}")
    try:
        upgrade(engine)
        community = community_file.parse(demo_text())
        sessions = make_session_factory(engine)
        with session_scope(sessions) as session:
            community_file.import_community(session, community, now=now)
        with session_scope(sessions) as session:
            listing = render_community(session, team_id=community.team_id)
            plan = preview(
                session, team_id=community.team_id, now=now, rules=DigestRules(zone=ZoneInfo("UTC"))
            )
            digest = digest_output.as_text(session, plan)
    finally:
        engine.dispose()  # and so SQLite removes its -wal and -shm files
    return f"{listing}\n{'=' * WIDTH}\n{digest}"


def render_community(session: Session, *, team_id: str) -> str:
    members = repo.members_of_team(session, team_id=team_id)
    active = sum(1 for member in members if member.status == MemberStatus.ACTIVE)
    lines = [f"Community {team_id}: {len(members)} members ({active} active)", ""]
    for member in members:
        lines += _member_lines(session, member)
    return "\n".join(lines)


def _member_lines(session: Session, member: Member) -> list[str]:
    status = (
        "" if member.status == MemberStatus.ACTIVE else f"  [{texts.STATUS_LABELS[member.status].lower()}]"
    )
    heading = f"{member.name} — {member.title}" if member.title else member.name
    lines = [f"{heading}  ({member.timezone}){status}"]
    listed = open_entries(session, member=member)
    lines += [_line("offers", offer) for offer in listed.offers]
    shared = [need for need in listed.needs if need.visibility == Visibility.SHARED]
    lines += [_line("needs", need) for need in shared]
    private = len(listed.needs) - len(shared)
    if private:
        lines.append(f"  needs     {private} private need(s), used only for matching and not shown")
    lines += [_line("projects", project) for project in listed.projects]
    lines.append("")
    return lines


def _line(label: str, entry: Offer | Need | Project) -> str:
    title = entry.name if isinstance(entry, Project) else entry.description
    skills = ", ".join(label_for(tag) for tag in entry.skills)
    text = f"  {label:<9} • {title}" + (f"  [{skills}]" if skills else "")
    return text if len(text) <= WIDTH else text[: WIDTH - 1] + "…"
