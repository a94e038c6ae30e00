"""What a member reads from reconnect nudges, in one place. Anything a member typed is escaped by the
caller first (`blocks.py`)."""

from bot.texts import quote

BUTTON_IN_TOUCH = "We're in touch"
BUTTON_LATER = "Remind me later"
BUTTON_NOT_FOR_ME = "Not for me"

IN_TOUCH_NOTE = "Lovely — Kindred will check in again in a few months."
LATER_NOTE = "Sure — Kindred will remind you in 30 days."
NOT_FOR_ME_NOTE = "Got it — Kindred won't bring them up again. They won't be told."
ALREADY_ANSWERED = "You already answered this one, so nothing changed."

RECONNECTS_ON = "Reconnect nudges are on: every few months Kindred will remind you of people you met here."
RECONNECTS_OFF = "Reconnect nudges are off. Turn them back on any time with `/kindred reconnect on`."
RECONNECTS_ALREADY_ON = "Reconnect nudges were already on."
RECONNECTS_ALREADY_OFF = "Reconnect nudges were already off."
RECONNECT_HELP = (
    "`/kindred reconnect on` — now and then, a reminder of people you met through Kindred\n"
    "`/kindred reconnect off` — no more reminders like that"
)


def lead(other: str, kind: str | None, text: str, yours: str) -> str:
    """The nudge's first line: something new about `other`, or simply that it has been a while."""
    if kind == "project":
        return f"*{other}* has a new project: {quote(text)}. A good moment to say hello?"
    if kind == "need":
        return (
            f"*{other}* is looking for help with {quote(text)} — and you offered {quote(yours)}. "
            "Maybe worth a message?"
        )
    if kind == "offer":
        return (
            f"*{other}* now offers {quote(text)}, which fits what you're looking for: {quote(yours)}. "
            "Maybe worth a message?"
        )
    return f"It has been a while since you met *{other}* through Kindred. How about catching up?"


def answered_title(other: str) -> str:
    return f"Catching up with *{other}*"


def fallback(other: str) -> str:
    return f"Time to catch up with {other}?"


def connector_credit(a: str, b: str, months: int) -> str:
    span = "a month" if months == 1 else f"{months} months"
    return f"Your intro of {a} and {b} is still going after {span}. Thank you for connecting them! :sparkles:"
