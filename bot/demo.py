"""`kindred demo`: load the sample community into a local SQLite file and show what Kindred does with it.

It leads with the product: a short summary of the community, then this week's digest for a few members
(computed only: nothing is sent, and nothing about the digest is stored), then the members, and last the
commands to try next on the demo's own database.
"""

import shlex
from datetime import datetime
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot import repo, texts
from bot.community import service as community_file
from bot.db import make_engine, make_session_factory, session_scope, upgrade
from bot.digest import output as digest_output
from bot.digest.service import DigestRules, Plan, preview
from bot.entries.service import open_entries
from bot.models import (
    Member,
    MemberStatus,
    Need,
    NeedStatus,
    Offer,
    OfferStatus,
    Project,
    ProjectStatus,
    Visibility,
)
from bot.skills import label_for
from bot.stats.service import team_stats

DEMO_FILE = "data/demo_community.json"
WIDTH = 100
DIGESTS_SHOWN = 3
MEMBERS_LISTED = 8
TOP_SKILLS = 4
SHORTEST_TITLE = 40  # a listed entry keeps at least this much of its title before its skills


def demo_text() -> str:
    return resources.files("bot").joinpath(DEMO_FILE).read_text(encoding="utf-8")


def load_demo(database: Path, *, now: datetime, full: bool = False) -> str:
    """Import the sample community (idempotently) and return what to print: the summary, a few digests,
    and the first few members (every digest and every member when `full`)."""
    engine = make_engine(f"sqlite:///{database}")
    try:
        upgrade(engine)
        community = community_file.parse(demo_text())
        sessions = make_session_factory(engine)
        with session_scope(sessions) as session:
            community_file.import_community(session, community, now=now)
        with session_scope(sessions) as session:
            team = community.team_id
            plan = preview(session, team_id=team, now=now, rules=DigestRules(zone=ZoneInfo("UTC")))
            parts = [
                summary(session, team_id=team, database=database),
                digest_excerpt(session, plan, limit=None if full else DIGESTS_SHOWN),
                render_community(session, team_id=team, limit=None if full else MEMBERS_LISTED),
            ]
    finally:
        engine.dispose()  # and so SQLite removes its -wal and -shm files
    return f"\n{'─' * WIDTH}\n".join(parts)


def summary(session: Session, *, team_id: str, database: Path) -> str:
    """Who is in the community, what they offer and need, and which skills come up most (as admins see
    them in `/kindred stats`)."""
    members = repo.members_of_team(session, team_id=team_id)
    active = sum(1 for member in members if member.status == MemberStatus.ACTIVE)
    offers = repo.entries_of_team(session, model=Offer, team_id=team_id, statuses=[OfferStatus.ACTIVE])
    needs = repo.entries_of_team(session, model=Need, team_id=team_id, statuses=[NeedStatus.OPEN])
    projects = repo.entries_of_team(session, model=Project, team_id=team_id, statuses=[ProjectStatus.ACTIVE])
    private = sum(1 for need in needs if need.visibility == Visibility.PRIVATE)
    skills = team_stats(session, team_id=team_id).skills
    return "\n".join(
        [
            f"Kindred demo: a sample community of {len(members)} members ({active} active), "
            f"loaded into {database}.",
            f"Between them: {len(offers)} offers of help, {len(needs)} needs ({private} of them private, "
            f"used only for matching) and {len(projects)} projects.",
            f"Most offered: {_top({skill: offered for skill, offered, _ in skills})}.",
            f"Most asked for: {_top({skill: needed for skill, _, needed in skills})}.",
        ]
    )


def _top(counts: dict[str, int]) -> str:
    ranked = sorted((-count, label_for(skill)) for skill, count in counts.items() if count)
    return ", ".join(f"{label} ({-count})" for count, label in ranked[:TOP_SKILLS])


def digest_excerpt(session: Session, plan: Plan, *, limit: int | None = None) -> str:
    """This week's digest for the first `limit` members who get one (or all), with each reason."""
    shown = plan.digests if limit is None else plan.digests[:limit]
    which = f"Here are {len(shown)} of them" if len(shown) < len(plan.digests) else "Here they are"
    heading = [
        f"This week's digest ({digest_output.week_of(plan.period)}): {len(plan.digests)} members would get "
        "one, each in a Slack DM.",
        f"{which} (computed only: nothing was sent).",
    ]
    return "\n".join([*heading, "", *digest_output.digest_lines(session, plan, shown, width=WIDTH)])


def render_community(session: Session, *, team_id: str, limit: int | None = None) -> str:
    """The members with their open offers, shared needs and projects: the first `limit`, or all."""
    members = repo.members_of_team(session, team_id=team_id)
    listed = members if limit is None else members[:limit]
    if len(listed) < len(members):
        heading = (
            f"Members: the first {len(listed)} of {len(members)} (run the demo with --all to see everyone)"
        )
    else:
        heading = f"Members: all {len(members)}"
    lines = [heading, ""]
    for member in listed:
        lines += _member_lines(session, member)
    return "\n".join(lines)


def next_steps(database: Path, *, kindred: str) -> str:
    """The commands to try next, on the demo's database (`kindred`: how to call Kindred from here)."""
    on_demo = f"DATABASE_URL={shlex.quote(f'sqlite:///{database}')} {kindred}"
    return "\n".join(
        [
            "─" * WIDTH,
            "Try next, on the demo's database (nothing is sent to Slack):",
            "  # every member's digest this week",
            f"  {on_demo} digest --dry-run",
            "  # the same as JSON, with each suggestion's score",
            f"  {on_demo} digest --dry-run --json",
            "  # the community as a file you can edit and load back with `import`",
            f"  {on_demo} export demo-community.json",
            "Run the demo again any time: nothing is duplicated. To connect Slack, see the README.",
        ]
    )


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
    """One entry on one line: its title cut between words, then its skills, each whole."""
    title = entry.name if isinstance(entry, Project) else entry.description
    head = f"  {label:<9} • "
    skills = _skills(entry.skills, room=WIDTH - len(head) - SHORTEST_TITLE)
    return head + texts.shorten(" ".join(title.split()), WIDTH - len(head) - len(skills)) + skills


def _skills(tags: list[str], *, room: int) -> str:
    """`  [Local SEO, SEO]`: as many whole skill names as fit in `room`, then how many more."""
    labels = [label_for(tag) for tag in tags]
    for shown in range(len(labels), 0, -1):
        more = f", +{len(labels) - shown} more" if shown < len(labels) else ""
        text = f"  [{', '.join(labels[:shown])}{more}]"
        if len(text) <= room:
            return text
    return f"  [{len(labels)} skills]" if labels else ""
