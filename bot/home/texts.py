"""What a member reads from the home feature, kept together so the copy can be reviewed and changed in
one place. Words several features share are in `bot/texts.py`; Slack formatting is limited to *bold*,
_italics_ and emoji, and anything a member typed is escaped by the caller first."""

from bot.texts import CADENCE_LABELS, CAPACITY_NO_LIMIT


def capacity_label(capacity: int | None) -> str:
    if capacity is None:
        return CAPACITY_NO_LIMIT
    return f"{capacity} {'person' if capacity == 1 else 'people'} a month"


HOME_WELCOME_HEADER = "Welcome to Kindred 👋"

HOME_WELCOME = (
    "Kindred is this community's super connector. It keeps track of what members offer, need and work on, "
    "and every week suggests a few people worth knowing — and says why."
)

HOME_HOW_IT_WORKS = (
    "*How it works*\n"
    "1. *Offer help* — say what you're happy to help others with. "
    "Giving first is how good connections start.\n"
    "2. *Ask for help* — say what you're stuck on. You can keep a need private.\n"
    "3. *Meet people* — you'll get a short digest of kindred spirits. Nobody is introduced unless both of "
    "you say yes, and saying no is always fine: the other person is never told who declined."
)

HOME_PRIVACY = (
    "🔒 You decide how often Kindred writes to you, and you can pause it any time. Type `/kindred help` for "
    "every command."
)

HOME_HEADER = "Your Kindred"

HOME_NO_OFFERS = "Nothing yet. What could you help someone with in 30 minutes?"

HOME_NO_NEEDS = "Nothing yet. What would make your month easier?"

HOME_COULD_HELP = "🤝 Could help: {names}"

HOME_STILL_LOOKING = "🔎 Nobody fits yet. Kindred keeps looking and will tell you in your digest."

HOME_NO_PROJECTS = "Nothing yet. Projects help Kindred find people working on similar things."

HOME_NO_TITLE = "_Add a line about what you do so people know why to meet you._"

HOME_FOOTER = "Kindred only introduces people who both said yes. `/kindred help` lists every command."

BUTTON_SET_UP_PROFILE = "Set up your profile"

BUTTON_EDIT_PROFILE = "Edit profile"

BUTTON_ADD = "Add"

BUTTON_WITHDRAW = "Withdraw"

BUTTON_RESOLVED = "Resolved"

BUTTON_ARCHIVE = "Archive"

BUTTON_RESUME = "Resume Kindred"

MORE_ENTRIES = "…and {count} more. `/kindred list` shows everything."


def home_status_line(status: str, cadence: str) -> str:
    if status == "paused":
        return "⏸️ *Paused* — Kindred won't send you digests or intro requests until you resume."
    if cadence == "off":
        return "🔕 Digests are *off*. You can still make intros and be asked about them."
    return f"✅ *Active* — digest: *{CADENCE_LABELS[cadence].lower()}*."


CONFIRM_WITHDRAW_TITLE = "Withdraw this?"

CONFIRM_WITHDRAW_TEXT = "It won't be suggested to anyone any more. You can always add it again."

CONFIRM_WITHDRAW_YES = "Withdraw"

CONFIRM_KEEP = "Keep it"
