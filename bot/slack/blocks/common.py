"""Small pieces every builder uses: escaping member text, clipping to Slack's limits, options."""

from collections.abc import Callable, Iterable, Mapping

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, Option, PlainTextObject

SECTION_TEXT_MAX = 3000
CONTEXT_TEXT_MAX = 2000
OPTION_TEXT_MAX = 75
OPTION_VALUE_MAX = 150
HEADER_MAX = 150
BUTTON_VALUE_MAX = 2000
PRIVATE_METADATA_MAX = 3000
MESSAGE_BLOCKS_MAX = 50
VIEW_BLOCKS_MAX = 100


def escape(text: str) -> str:
    """Make member text inert in mrkdwn: no @channel pings, no fake links or user mentions."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, ending with an ellipsis when shortened; never empty."""
    text = text if text.strip() else "—"
    if len(text) <= limit:
        return text
    clipped = text[: limit - 1]
    # do not cut an escape sequence (&amp; &lt; &gt;) in half
    amp = clipped.rfind("&", max(0, len(clipped) - 5))
    if amp != -1 and ";" not in clipped[amp:]:
        clipped = clipped[:amp]
    return clipped.rstrip() + "…"


def mrkdwn(text: str, limit: int = SECTION_TEXT_MAX) -> str:
    """Escaped and clipped member text for a mrkdwn field."""
    return clip(escape(text), limit)


def plain(text: str, limit: int) -> PlainTextObject:
    return PlainTextObject(text=clip(text, limit), emoji=True)


def option(label: str, value: str) -> Option:
    return Option(text=plain(label, OPTION_TEXT_MAX), value=value[:OPTION_VALUE_MAX])


def options(labels: Mapping[str, str]) -> list[Option]:
    return [option(label, value) for value, label in labels.items()]


def first_lines(text: str, limit: int) -> str:
    """A one-paragraph preview of longer text."""
    flat = " ".join(text.split())
    return clip(flat, limit)


def join_nonempty(parts: Iterable[str], sep: str = " · ") -> str:
    return sep.join(part for part in parts if part)


def fit_lines(
    heading: str, items: list[str], more: Callable[[int], str], limit: int = SECTION_TEXT_MAX
) -> str:
    """`heading` and as many `items` as fit in `limit` characters, then `more(n)` for the n left out."""
    lines = [heading]
    used = len(heading)
    for index, item in enumerate(items):
        remaining = len(items) - index
        reserve = len(more(remaining)) + 1 if remaining > 1 else 0
        if used + 1 + len(item) + reserve > limit:
            lines.append(more(remaining))
            break
        lines.append(item)
        used += 1 + len(item)
    return clip("\n".join(lines), limit)


def button_row(block_id: str, value: str, buttons: Iterable[tuple[str, str]]) -> ActionsBlock:
    """One row of (label, action_id) buttons that all carry `value`; the first is the primary one."""
    return ActionsBlock(
        block_id=block_id,
        elements=[
            ButtonElement(
                text=plain(label, 75),
                action_id=action_id,
                value=value,
                style="primary" if first == 0 else None,
            )
            for first, (label, action_id) in enumerate(buttons)
        ],
    )
