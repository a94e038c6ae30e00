"""What a member reads from the entries feature, kept together so the copy can be reviewed and changed in
one place. Words several features share are in `bot/texts.py`; Slack formatting is limited to *bold*,
_italics_ and emoji, and anything a member typed is escaped by the caller first."""

from enum import StrEnum

from bot.texts import KIND_NOUN

VISIBILITY_LABELS = {
    "shared": "Shared — members can see it in suggestions",
    "private": "Private — used only to find matches",
}

VISIBILITY_HINT = (
    "A private need is never shown to anyone until you and the other person have both said yes to an intro."
)

OFFER_TITLE_NEW = "Offer help"

OFFER_TITLE_EDIT = "Edit your offer"

NEED_TITLE_NEW = "Ask for help"

NEED_TITLE_EDIT = "Edit your need"

PROJECT_TITLE_NEW = "Add a project"

PROJECT_TITLE_EDIT = "Edit your project"

OFFER_INTRO = (
    "Leading with value is how good connections start. Say what you're happy to help with, and Kindred will "
    "suggest you to members who need it — intros only happen when both of you say yes."
)

NEED_INTRO = (
    "Say what you're stuck on. Kindred looks for members who offer that kind of help and asks both of you "
    "before making any intro."
)

PROJECT_INTRO = "What are you working on? Kindred suggests people working on similar things."

LABEL_OFFER_DESCRIPTION = "What can you help with?"

PLACEHOLDER_OFFER_DESCRIPTION = "e.g. Local SEO audits for small online shops"

LABEL_NEED_DESCRIPTION = "What do you need help with?"

PLACEHOLDER_NEED_DESCRIPTION = "e.g. My shop doesn't show up on Google"

LABEL_DETAILS = "Details"

PLACEHOLDER_OFFER_DETAILS = "Who you help best, what you've done before, what a session looks like…"

PLACEHOLDER_NEED_DETAILS = "What you've tried, where you're stuck, what good help would look like…"

LABEL_FORMAT = "How do you like to help?"

LABEL_CAPACITY = "How many people a month?"

HINT_CAPACITY = "Kindred won't suggest you to more people than this."

LABEL_URGENCY = "How soon?"

LABEL_VISIBILITY = "Who can see this need?"

HINT_OFFER_LINKS = "Examples of your work help people say yes."

LABEL_PROJECT_NAME = "Project name"

PLACEHOLDER_PROJECT_NAME = "e.g. A newsletter for indie bookshops"

LABEL_PROJECT_DESCRIPTION = "What is it?"

LABEL_HELP_WANTED = "What help are you looking for?"

PLACEHOLDER_HELP_WANTED = "e.g. Feedback on the landing page, a co-host, beta readers"

LIST_EMPTY = "You haven't listed anything yet. Try `/offer-help` or `/need-help`."

LIST_HEADER = "*Your Kindred entries*"

SAVED_NEXT = "Kindred will look for good matches and include them in your next digest."

SAVED_PRIVATE = (
    "🔒 This need is private: it's only used to find matches, never shown before you both say yes."
)

NOT_YOUR_ENTRY = "That entry belongs to someone else, so Kindred left it alone."


def entry_not_found(kind: str) -> str:
    return f"That {KIND_NOUN[kind]} doesn't exist any more. It may have been removed."


def entry_closed(kind: str) -> str:
    return f"That {KIND_NOUN[kind]} is no longer open, so there's nothing to edit. You can add a new one."


def too_many_entries(kind: str, limit: int) -> str:
    noun = KIND_NOUN[kind]
    return (
        f"You already have {limit} open {noun}s — withdraw or resolve one first (see your Kindred Home tab)."
    )


def cannot_close(kind: str, closing: StrEnum | str) -> str:
    return f"A {KIND_NOUN[kind]} can't be marked “{closing}”."


SKILLS_GROUP_CURATED = "Skills"

SKILLS_GROUP_OWN = "Add as your own skill"
