"""Measuring suggestion quality on a labelled community (tests/matching/data): the digest pipeline end to
end, from the community file through the database to the planned suggestions."""

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.community import service as community_file
from bot.db import make_engine, make_session_factory, session_scope, upgrade
from bot.digest.service import DigestRules, preview
from bot.matching.embeddings import DEFAULT_MODEL
from bot.models import DigestCadence, DigestSuggestion, Member, MemberStatus
from tests.conftest import NOW

DATA = Path(__file__).parent / "data"
# From the command line, as in Kindred itself: KINDRED_EMBEDDING_MODEL=none measures the vocabulary-only
# matcher. Tests always measure the default model.
MODEL = os.environ.get("KINDRED_EMBEDDING_MODEL", DEFAULT_MODEL)


@dataclass
class Quality:
    needs: int = 0  # labelled needs with at least one right (good or acceptable) helper
    found: int = 0  # of those, with a right helper among the member's can_help_you suggestions
    good_needs: int = 0  # labelled needs with at least one good helper
    good_found: int = 0  # of those, with a good helper among the member's can_help_you suggestions
    suggestions: int = 0
    without_reason: int = 0
    never_violations: list[tuple[str, str, str]] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    kindred_pairs: int = 0
    kindred_found: int = 0
    missed_kindred: list[str] = field(default_factory=list)
    helper_precision: tuple[int, int] = (0, 0)  # can_help_you suggestions that were right helpers / all
    receiving: int = 0  # members who get a digest
    with_suggestion: int = 0  # of those, with at least one suggestion
    unanswerable_only: int = 0  # members whose every open need nobody here can answer
    unanswerable_helped: int = 0  # of those, still shown someone who "can help you"

    @property
    def recall(self) -> float:
        return self.found / self.needs if self.needs else 0.0

    @property
    def good_recall(self) -> float:
        return self.good_found / self.good_needs if self.good_needs else 0.0

    @property
    def kindred_recall(self) -> float:
        return self.kindred_found / self.kindred_pairs if self.kindred_pairs else 0.0

    @property
    def coverage(self) -> float:
        return self.with_suggestion / self.receiving if self.receiving else 0.0

    @property
    def unanswerable_rate(self) -> float:
        return self.unanswerable_helped / self.unanswerable_only if self.unanswerable_only else 0.0


def measure(name: str, model: str = DEFAULT_MODEL) -> Quality:
    """Plan one digest for the labelled community `name` (tests/matching/data/NAME_*.json) and score it."""
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
                session,
                team_id=community.team_id,
                now=NOW,
                rules=DigestRules(zone=ZoneInfo("UTC"), embedding_model=model),
            )
            members = session.exec(select(Member)).all()
            users = {member.id: member.user_id for member in members}
            receiving = {
                member.user_id
                for member in members
                if member.status == MemberStatus.ACTIVE and member.digest_cadence != DigestCadence.OFF
            }
            rows: list[DigestSuggestion] = [row for planned in plan.digests for row in planned.suggestions]
        engine.dispose()
    return _score(labels, rows, users, receiving)


def _score(labels: dict, rows: list[DigestSuggestion], users: dict[int, str], receiving: set[str]) -> Quality:
    quality = Quality(suggestions=len(rows))
    quality.without_reason = sum(1 for row in rows if not row.reason.strip())
    helpers_of: dict[str, set[str]] = {}
    for row in rows:
        if row.kind == "can_help_you":
            helpers_of.setdefault(users[row.recipient_id], set()).add(users[row.other_id])
    right_helpers: dict[str, set[str]] = {}
    answerable: dict[str, bool] = {}
    for label in labels["can_help"]:
        if label["user_id"] not in receiving:  # paused, or digests off: nobody is suggested to them
            continue
        user, good = label["user_id"], set(label["helpers"])
        right = good | set(label.get("acceptable", []))
        right_helpers.setdefault(user, set()).update(right)
        answerable[user] = answerable.get(user, False) or bool(right)
        shown = helpers_of.get(user, set())
        if good:
            quality.good_needs += 1
            quality.good_found += bool(shown & good)
        if not right:
            continue
        quality.needs += 1
        if shown & right:
            quality.found += 1
        else:
            quality.missed.append(f"{user}: {label['need'][:70]}")
    never = {frozenset((item["a"], item["b"])): item["why"] for item in labels["never"]}
    shown_pairs = {frozenset((users[row.recipient_id], users[row.other_id])) for row in rows}
    quality.never_violations = [(*sorted(pair), why) for pair, why in never.items() if pair in shown_pairs]  # type: ignore[misc]
    quality.kindred_pairs = len(labels["kindred"])
    for item in labels["kindred"]:
        if frozenset((item["a"], item["b"])) in shown_pairs:
            quality.kindred_found += 1
        else:
            quality.missed_kindred.append(f"{item['a']} ~ {item['b']}: {item['why'][:70]}")
    helped = [row for row in rows if row.kind == "can_help_you"]
    right = sum(
        1 for row in helped if users[row.other_id] in right_helpers.get(users[row.recipient_id], set())
    )
    quality.helper_precision = (right, len(helped))
    suggested = {users[row.recipient_id] for row in rows}
    quality.receiving = len(receiving)
    quality.with_suggestion = len(receiving & suggested)
    hopeless = {user for user, can in answerable.items() if not can and user in receiving}
    quality.unanswerable_only = len(hopeless)
    quality.unanswerable_helped = len(hopeless & set(helpers_of))
    return quality


def report(name: str) -> str:
    quality = measure(name, MODEL)
    right, helped = quality.helper_precision
    lines = [
        f"{name}: need recall@3 {quality.recall:.2f} ({quality.found}/{quality.needs}); "
        f"good helpers only {quality.good_recall:.2f} ({quality.good_found}/{quality.good_needs}); "
        f"kindred pairs {quality.kindred_recall:.2f} ({quality.kindred_found}/{quality.kindred_pairs}); "
        f"must-never pairs suggested {len(quality.never_violations)}; "
        f"members with a suggestion {quality.coverage:.2f} ({quality.with_suggestion}/{quality.receiving}); "
        f"only unanswerable needs yet a helper {quality.unanswerable_rate:.2f} "
        f"({quality.unanswerable_helped}/{quality.unanswerable_only}); "
        f"reasons {quality.suggestions - quality.without_reason}/{quality.suggestions}; "
        f"can-help suggestions labelled right {right}/{helped}",
    ]
    lines += [f"  never: {a} ~ {b}: {why}" for a, b, why in quality.never_violations]
    lines += [f"  missed {item}" for item in quality.missed]
    lines += [f"  missed kindred {item}" for item in quality.missed_kindred]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:] or ["eval"]:
        print(report(name))
