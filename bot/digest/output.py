"""A digest plan as the CLI prints it: readable text, or the JSON shape of `kindred digest --json`.

The console shows everyone's digests, so a private need quoted in its owner's reason is redacted here
(the owner's own DM still names it)."""

import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from sqlmodel import Session, col, select

from bot import repo
from bot import texts as shared_texts
from bot.digest import texts
from bot.digest.periods import Period
from bot.digest.service import Plan, PlannedDigest, PlannedSuggestion
from bot.models import Need, Visibility

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
KIND_WORDS = {"can_help_you": "can help you", "you_can_help": "you can help", "kindred": "kindred spirit"}


def as_json(session: Session, plan: Plan) -> dict[str, Any]:
    others = _others(session, plan)
    redact = _redactor(session, plan)
    return {
        "period": plan.period.key,
        "digests": [
            {
                "user_id": planned.member.user_id,
                "suggestions": [
                    {
                        "user_id": others[row.other_id][0],
                        "kind": str(row.kind),
                        "score": round(row.score, 2),
                        "reason": redact(row),
                    }
                    for row in planned.suggestions
                ],
            }
            for planned in plan.digests
        ],
    }


def as_text(session: Session, plan: Plan, *, width: int = 100) -> str:
    """Every digest of the plan, each suggestion with its reason (scores are left to the JSON)."""
    count = len(plan.digests)
    heading = (
        f"Kindred spirits for the {week_of(plan.period)} ({plan.team_id}): {count} member(s) get a digest"
    )
    return "\n".join([heading, "", *digest_lines(session, plan, plan.digests, width=width)])


def week_of(period: Period) -> str:
    """The period as people say it: "week of 30 Nov 2026", after the Monday its week starts on."""
    monday = period.week_start
    return f"week of {monday.day} {MONTHS[monday.month - 1]} {monday.year}"


def digest_lines(
    session: Session, plan: Plan, digests: Sequence[PlannedDigest], *, width: int = 100
) -> list[str]:
    """Some of the plan's digests: the member, then each suggestion and its reason, wrapped to `width`."""
    others = _others(session, plan)
    redact = _redactor(session, plan)
    lines = []
    for planned in digests:
        lines.append(f"{planned.member.name} ({planned.member.user_id})")
        for row in planned.suggestions:
            lines.append(f"  • {KIND_WORDS[row.kind]}: {others[row.other_id][1]}")
            lines += textwrap.wrap(
                redact(row), width=width, initial_indent="      ", subsequent_indent="      "
            )
        lines.append("")
    return lines


def _others(session: Session, plan: Plan) -> dict[int, tuple[str, str]]:
    ids = sorted({row.other_id for planned in plan.digests for row in planned.suggestions})
    return {
        member_id: (member.user_id, member.name)
        for member_id, member in repo.members_by_id(session, ids=ids).items()
    }


def _redactor(session: Session, plan: Plan) -> Callable[[PlannedSuggestion], str]:
    need_ids = sorted({row.need_id for planned in plan.digests for row in planned.suggestions if row.need_id})
    private = {
        need.id: shared_texts.quote(need.description)
        for need in session.exec(select(Need).where(col(Need.id).in_(need_ids))).all()
        if need.visibility == Visibility.PRIVATE
    }

    def redact(row: PlannedSuggestion) -> str:
        quoted = private.get(row.need_id) if row.need_id is not None else None
        return row.reason.replace(quoted, f"“{texts.PRIVATE_NEED_PLACEHOLDER}”") if quoted else row.reason

    return redact
