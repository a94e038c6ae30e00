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


# "Your people" on the Home
PEOPLE_HEADING = "*Your people*"
PEOPLE_NONE = (
    "People you meet through Kindred show up here — with what they work on now and what's new — "
    "so keeping in touch is easy. 🌱"
)
PEOPLE_NUDGES_ON = "🔔 Reconnect nudges are *on*: now and then Kindred reminds you of someone here."
PEOPLE_NUDGES_OFF = "🔕 Reconnect nudges are *off*: Kindred won't remind you of anyone here."
STAR_SOMEONE_ELSE = "☆ Star one of them…"
BUTTON_NUDGES_ON = "Turn nudges on"
BUTTON_NUDGES_OFF = "Turn nudges off"
BUTTON_STAR = "☆ Star"
BUTTON_UNSTAR = "Unstar"
STARRED_MARK = "⭐"
NEWS_MARK = "🆕"


def people_heading(total: int) -> str:
    return f"{PEOPLE_HEADING} ({total})" if total else PEOPLE_HEADING


def met_on(month: str) -> str:
    """`month` as "Mar 2026"."""
    return f"met {month}"


def works_on(title: str, projects: list[str]) -> str:
    """What someone works on now: their title, then their projects (both already escaped)."""
    names = ", ".join(projects)
    if title and names:
        return f"{title} · working on {names}"
    return title or (f"Working on {names}" if names else "")


def news_line(kind: str, text: str) -> str:
    """What is new about someone since you met or were last reminded of them (`text` already quoted)."""
    if kind == "need":
        return f"{NEWS_MARK} Looking for help with {text}"
    if kind == "offer":
        return f"{NEWS_MARK} Now offers {text}"
    return f"{NEWS_MARK} New project: {text}"


def stars_line(starred: int, limit: int) -> str:
    count = f" ({starred} of {limit} starred)" if starred else ""
    return f"⭐ Star the few you most want to keep close: they come up twice as often.{count}"


def more_people(count: int) -> str:
    return f"…and {count} more {'person' if count == 1 else 'people'} you've met."


def star_limit(limit: int) -> str:
    return (
        f"You can star up to {limit} people — the few you most want to keep close. "
        "Unstar someone first, then star this person. Nothing changed."
    )
