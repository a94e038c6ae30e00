"""Measuring suggestion quality on a labelled community (tests/matching/data): the digest pipeline end to
end, from the community file through the database to the planned suggestions."""

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.db import make_engine, make_session_factory, session_scope, upgrade
from bot.models import DigestSuggestion, Member, Need
from bot.services import community_file
from bot.services.digest import DigestRules, preview
from tests.conftest import NOW

DATA = Path(__file__).parent / "data"


@dataclass
class Quality:
    needs: int = 0  # labelled needs with at least one right helper
    found: int = 0  # of those, with a right helper among the member's can_help_you suggestions
    suggestions: int = 0
    without_reason: int = 0
    never_violations: list[tuple[str, str, str]] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    kindred_pairs: int = 0
    kindred_found: int = 0
    helper_precision: tuple[int, int] = (0, 0)  # can_help_you suggestions that were right helpers / all

    @property
    def recall(self) -> float:
        return self.found / self.needs if self.needs else 0.0


def measure(name: str) -> Quality:
    """Plan one digest for the labelled community `name` ("eval" or "holdout") and score it."""
    labels = json.loads((DATA / f"{name}_labels.json").read_text())
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/quality.db")
        upgrade(engine)
        sessions = make_session_factory(engine)
        with session_scope(sessions) as session:
            community = community_file.parse((DATA / f"{name}_community.json").read_text())
            community_file.import_community(session, community, now=NOW)
        with session_scope(sessions) as session:
            plan = preview(
                session, team_id=community.team_id, now=NOW, rules=DigestRules(zone=ZoneInfo("UTC"))
            )
            users = {member.id: member.user_id for member in session.exec(select(Member)).all()}
            needs = {need.id: need.description for need in session.exec(select(Need)).all()}
            rows: list[DigestSuggestion] = [row for planned in plan.digests for row in planned.suggestions]
        engine.dispose()
    return _score(labels, rows, users, needs)


def _score(
    labels: dict, rows: list[DigestSuggestion], users: dict[int, str], needs: dict[int, str]
) -> Quality:
    quality = Quality(suggestions=len(rows))
    quality.without_reason = sum(1 for row in rows if not row.reason.strip())
    helpers_of: dict[str, set[str]] = {}
    for row in rows:
        if row.kind == "can_help_you":
            helpers_of.setdefault(users[row.recipient_id], set()).add(users[row.other_id])
    right_helpers: dict[str, set[str]] = {}
    for label in labels["can_help"]:
        right_helpers.setdefault(label["user_id"], set()).update(label["helpers"])
        if not label["helpers"]:
            continue
        quality.needs += 1
        if helpers_of.get(label["user_id"], set()) & set(label["helpers"]):
            quality.found += 1
        else:
            quality.missed.append(f"{label['user_id']}: {label['need'][:70]}")
    never = {frozenset((item["a"], item["b"])): item["why"] for item in labels["never"]}
    shown = {frozenset((users[row.recipient_id], users[row.other_id])) for row in rows}
    quality.never_violations = [(*sorted(pair), why) for pair, why in never.items() if pair in shown]  # type: ignore[misc]
    quality.kindred_pairs = len(labels["kindred"])
    quality.kindred_found = sum(1 for item in labels["kindred"] if frozenset((item["a"], item["b"])) in shown)
    helped = [row for row in rows if row.kind == "can_help_you"]
    right = sum(
        1 for row in helped if users[row.other_id] in right_helpers.get(users[row.recipient_id], set())
    )
    quality.helper_precision = (right, len(helped))
    return quality


def report(name: str) -> str:
    quality = measure(name)
    right, helped = quality.helper_precision
    lines = [
        f"{name}: need recall@3 {quality.recall:.2f} ({quality.found}/{quality.needs}); "
        f"never-pairs suggested {len(quality.never_violations)}; suggestions without a reason "
        f"{quality.without_reason}/{quality.suggestions}; kindred pairs found "
        f"{quality.kindred_found}/{quality.kindred_pairs}; can-help suggestions that were labelled right "
        f"{right}/{helped}",
    ]
    lines += [f"  never: {a} ~ {b}: {why}" for a, b, why in quality.never_violations]
    lines += [f"  missed {item}" for item in quality.missed]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:] or ["eval"]:
        print(report(name))
