"""Small Block Kit builders shared by the checker's tests."""

from __future__ import annotations

from typing import Any

from tests.fakeslack.blockcheck import check_message_blocks, check_view

JSON = dict[str, Any]


def plain(text: str) -> JSON:
    return {"type": "plain_text", "text": text}


def mrkdwn(text: str) -> JSON:
    return {"type": "mrkdwn", "text": text}


def section(text: str = "hello", **extra: Any) -> JSON:
    return {"type": "section", "text": mrkdwn(text), **extra}


def option(text: str = "One", value: str = "one") -> JSON:
    return {"text": plain(text), "value": value}


def modal(blocks: list[JSON] | None = None, /, **extra: Any) -> JSON:
    return {"type": "modal", "title": plain("Title"), "blocks": blocks or [], **extra}


def input_block(element: JSON, **extra: Any) -> JSON:
    return {"type": "input", "label": plain("Label"), "element": element, **extra}


def in_modal(element: JSON) -> list[str]:
    """Errors for ``element`` placed in an input block of a valid modal."""
    return check_view(modal([input_block(element)], submit=plain("Save")))


def in_actions(*elements: JSON) -> list[str]:
    return check_message_blocks([{"type": "actions", "elements": list(elements)}])


def button(text: str = "Go", **extra: Any) -> JSON:
    return {"type": "button", "text": plain(text), "action_id": "go", **extra}


def select(options: list[JSON], **extra: Any) -> JSON:
    return {"type": "static_select", "action_id": "pick", "options": options, **extra}
