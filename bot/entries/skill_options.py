"""Options for the skills picker: curated skills matching what the member types, plus their own."""

from typing import Any

from slack_bolt import Ack, App

from bot.entries import texts
from bot.skills import MAX_TAG_LENGTH, normalise_tag, vocabulary
from bot.slack import ids
from bot.slack.blocks.common import OPTION_TEXT_MAX, clip
from bot.slack.errors import guard

MAX_OPTIONS = 100


def register(app: App) -> None:
    app.options(ids.SKILLS)(guard(suggest_skills))


def suggest_skills(ack: Ack, body: dict[str, Any]) -> None:
    ack(**skill_suggestions(str(body.get("value") or "")))


def skill_suggestions(typed: str) -> dict[str, Any]:
    """Curated skills matching what the member typed; when what they typed is new, it comes last in its
    own group so they can add it as a skill of their own."""
    typed = " ".join(typed.split())[:200]
    matches = vocabulary().search(typed, limit=MAX_OPTIONS - 1)
    curated = [_option(skill.label, skill.tag) for skill in matches]
    own = normalise_tag(typed)
    if not own or len(own) > MAX_TAG_LENGTH or any(skill.tag == own for skill in matches):
        return {"options": curated}
    groups = [{"label": _text(texts.SKILLS_GROUP_CURATED), "options": curated}] if curated else []
    groups.append({"label": _text(texts.SKILLS_GROUP_OWN), "options": [_option(typed, own)]})
    return {"option_groups": groups}


def _option(label: str, value: str) -> dict[str, Any]:
    return {"text": _text(label), "value": value}


def _text(label: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": clip(label, OPTION_TEXT_MAX), "emoji": True}
