"""What a member reads from the profiles feature, kept together so the copy can be reviewed and changed in
one place. Words several features share are in `bot/texts.py`; Slack formatting is limited to *bold*,
_italics_ and emoji, and anything a member typed is escaped by the caller first."""

from bot.texts import CADENCE_LABELS

PROFILE_TITLE = "Your profile"

PROFILE_INTRO = "This is what members see when Kindred suggests you or asks them about an intro."

LABEL_TITLE = "What do you do?"

PLACEHOLDER_TITLE = "e.g. Brand designer for food startups"

LABEL_BIO = "About you"

PLACEHOLDER_BIO = "A few sentences: your background, what you care about, what you're great at."

LABEL_PROFILE_LINKS = "Website, portfolio and other links"

PROFILE_PROJECTS_HEADING = "*What you're working on*"

PROFILE_NO_PROJECTS = "No projects yet. Adding one helps Kindred find people working on similar things."

BUTTON_ADD_PROJECT = "Add a project"

WELCOME_TEXT = (
    "Welcome! 👋 I'm Kindred, this community's connector. Tell me one thing you could help someone with "
    "and one thing you'd like help with, and I'll suggest a few people worth meeting each week. Nobody is "
    "introduced unless both of you say yes."
)

WELCOME_FOOTER = "You can change how often I write, or pause me, from my Home tab at any time."

PAUSED = "⏸️ Paused. Kindred won't send you digests or intro requests until you `/kindred resume`."

ALREADY_PAUSED = "You're already paused. `/kindred resume` turns Kindred back on."

RESUMED = "▶️ Welcome back! Kindred will include you in digests and intros again."

ALREADY_ACTIVE = "You're already active — nothing to resume."

CADENCE_PROMPT = "How often would you like your kindred-spirits digest? It's *{current}* now."


def cadence_set(cadence: str) -> str:
    if cadence == "off":
        return "🔕 Digests are off. You can still make and accept intros. Turn them back on any time."
    return f"👍 You'll get a digest *{CADENCE_LABELS[cadence].lower()}*."


def unknown_cadence(word: str) -> str:
    return f"`{word}` isn't a cadence I know. Choose weekly, every-two-weeks, monthly or off:"


PROFILE_SAVED = "✅ Your profile is saved."
