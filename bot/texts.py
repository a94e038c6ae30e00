"""The words several features share, and the core's own (help, errors). Each feature keeps the rest of its
copy in its own `texts.py` (`bot/intros/texts.py`…), so a feature's copy is reviewed and changed in one place.

Functions take plain values; Slack formatting (mrkdwn) is limited to *bold*, _italics_ and emoji.
Anything a member typed must be escaped by the caller (`bot.slack.blocks.common.escape`) first.
"""

APP_NAME = "Kindred"

# --- nouns -----------------------------------------------------------------------------------------

KIND_NOUN = {"offer": "offer", "need": "need", "project": "project"}
FORMAT_LABELS = {
    "call": "A 30-minute call",
    "async-review": "Async review or feedback",
    "referral": "A referral or intro",
    "mentoring": "Ongoing mentoring",
    "other": "Something else",
}
URGENCY_LABELS = {
    "low": "Whenever — no rush",
    "normal": "In the next few weeks",
    "high": "This week — it's urgent",
}
CADENCE_LABELS = {
    "weekly": "Weekly",
    "every-two-weeks": "Every two weeks",
    "monthly": "Monthly",
    "off": "Off — no digests",
}
STATUS_LABELS = {"active": "Active", "paused": "Paused", "left": "Left the workspace"}
CAPACITY_NO_LIMIT = "No fixed limit"


# --- modals ----------------------------------------------------------------------------------------

MODAL_CANCEL = "Cancel"
MODAL_SAVE = "Save"
NOTICE_TITLE = "Kindred"
NOTICE_CLOSE = "OK"


LABEL_SKILLS = "Skills"
PLACEHOLDER_SKILLS = "Type to search, or add your own"
HINT_SKILLS = "Pick up to 10. Can't find yours? Type it and choose it from the list to add your own."
LABEL_LINKS = "Links"
PLACEHOLDER_LINKS = "https://… (one per line, up to 5)"
BUTTON_EDIT = "Edit"

# --- App Home -------------------------------------------------------------------------------------

HOME_OFFERS = "*What you offer*"
HOME_NEEDS = "*What you need*"
HOME_PROJECTS = "*What you're working on*"
BUTTON_OFFER_HELP = "Offer help"
BUTTON_ASK_FOR_HELP = "Ask for help"
BUTTON_PAUSE = "Pause Kindred"
LABEL_CADENCE_SELECT = "Digest cadence"
PRIVATE_BADGE = "🔒 private"


# --- messages --------------------------------------------------------------------------------------


HELP_TEXT = (
    "*Kindred commands*\n"
    "• `/offer-help [what]` — say what you can help with\n"
    "• `/need-help [what]` — ask for help (you can keep it private)\n"
    "• `/kindred profile` — edit your title, bio, links and projects\n"
    "• `/kindred list` — see your offers, needs and projects\n"
    "• `/kindred pause` / `/kindred resume` — stop or restart digests and intro requests\n"
    "• `/kindred cadence weekly|every-two-weeks|monthly|off` — how often you get a digest\n"
    "• `/kindred reconnect on|off` — now and then, a reminder of people you met through Kindred\n"
    "• `/intro @a @b why` — introduce two members (both are asked first)\n"
    "• `/kindred stats` — how intros are going (admins)\n"
    "• `/kindred dashboard` — a sign-in link to the web dashboard (admins)\n"
    "• `/kindred export` — get everything Kindred stores about you, as a file in your DMs\n"
    "• `/kindred forget-me` — delete everything Kindred stores about you (asks first)\n"
    "• `/kindred help` — this message\n"
    "Your Kindred Home tab shows everything in one place."
)


def unknown_subcommand(word: str) -> str:
    return f"I don't know `{word}` yet — here's what I can do:"


def saved(kind: str, created: bool) -> str:
    noun = KIND_NOUN[kind]
    return f"✅ Your {noun} is saved." if created else f"✅ Your {noun} is updated."


def closed(kind: str, closing: str) -> str:
    noun = KIND_NOUN[kind]
    return {
        "withdraw": f"Your {noun} is withdrawn.",
        "resolve": "Glad that's sorted! Your need is marked resolved.",
        "archive": "Your project is archived.",
    }[closing]


# --- errors ----------------------------------------------------------------------------------------

GENERIC_ERROR = "Sorry — something went wrong on Kindred's side. Please try again in a minute."
TOO_SLOW_FOR_SLACK = (
    "Sorry — Kindred is very busy and could not open that form within the few seconds Slack allows. "
    "Please try again."
)
ACCOUNT_LEFT = "This account has left the workspace, so Kindred won't make any changes for it."
FIX_BELOW = "Please fix the highlighted fields."


STALE_BUTTON = "That button is out of date — open your Kindred Home tab to see the latest."

# --- suggestion reasons (the digest's "why") ---------------------------------------------------------


def quote(text: str, limit: int = 90) -> str:
    return f"“{shorten(' '.join(text.split()), limit)}”"


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters: cut between words, ending with an ellipsis, when it is longer (inside
    a word only when one word fills most of the limit)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if not text[limit - 1].isspace() and space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:(–—-") + "…"


def _about(labels: list[str]) -> str:
    return f" ({' and '.join(labels)})" if labels else ""


def reason_can_help_you(need: str, name: str, offer: str, labels: list[str]) -> str:
    return f"You asked for help with {quote(need)}; {name} offers {quote(offer)}{_about(labels)}."


def reason_you_can_help(name: str, need: str, offer: str, labels: list[str]) -> str:
    return f"{name} is looking for help with {quote(need)}, and you offer {quote(offer)}{_about(labels)}."


def reason_kindred_projects(mine: str, name: str, theirs: str, labels: list[str]) -> str:
    ours = f"your {quote(mine, 60)} and {name}'s {quote(theirs, 60)}"
    return f"You're both working on something similar: {ours}{_about(labels)}."


def reason_kindred_interests(name: str, labels: list[str], mine: str = "", theirs: str = "") -> str:
    """Two members whose work and bios are about the same thing; quoting both when both wrote something."""
    if mine.strip() and theirs.strip():
        ours = f"your {quote(mine, 60)} and {name}'s {quote(theirs, 60)}"
        return f"You care about the same things: {ours}{_about(labels)}."
    if not labels:
        return f"You and {name} work on very similar things."
    return f"You and {name} share an interest in {' and '.join(labels)}."


# --- the digest --------------------------------------------------------------------------------------


CHANNEL_MORE = "…and {count} more."

# --- intros ------------------------------------------------------------------------------------------

INTRO_STATUS_WORDS = {
    "requested": "still waiting to be sent",
    "awaiting-consent": "still waiting for answers",
    "accepted": "already accepted",
    "introduced": "already made",
    "followed-up": "already followed up",
    "met": "done — they met",
    "not-yet": "waiting for a meeting",
    "not-a-fit": "closed",
    "declined": "not going ahead",
    "expired": "expired",
    "cancelled": "cancelled",
}


def intro_person(mention: str, title: str) -> str:
    return f"*{mention}*" + (f" — {title}" if title else "")


# /intro
INTRO_USAGE = (
    "Introduce two members: `/intro @alice @bob why they should meet`. Kindred asks both of them first — "
    "nobody is introduced unless both say yes."
)


def intro_not_introducible(mention: str) -> str:
    return (
        f"{mention} isn't someone Kindred can introduce (a bot, a deactivated account, someone who doesn't "
        "use Kindred, or not a member here)."
    )


# --- your data: /kindred export and /kindred forget-me ------------------------------------------------


FORGOTTEN = (
    "Kindred has forgotten you, as you asked, so there's nothing here. If you want to come back, add an "
    "offer with `/offer-help` or a need with `/need-help`."
)
