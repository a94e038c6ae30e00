"""What a member reads from the digest feature, kept together so the copy can be reviewed and changed in
one place. Words several features share are in `bot/texts.py`; Slack formatting is limited to *bold*,
_italics_ and emoji, and anything a member typed is escaped by the caller first."""

from bot.texts import CADENCE_LABELS

PRIVATE_NEED_PLACEHOLDER = "(a private need)"

DIGEST_HEADER = "Your kindred spirits this week"

DIGEST_INTRO = (
    "A few people worth knowing, and why. Nobody is introduced unless you both say yes — "
    "and “Not for me” is never passed on."
)

KIND_LABELS = {
    "can_help_you": "🤝 Can help you",
    "you_can_help": "🎁 You could help",
    "kindred": "✨ Kindred spirit",
}

BUTTON_INTRODUCE = "Introduce us"

BUTTON_NOT_FOR_ME = "Not for me"

INTRO_REQUESTED_NOTE = "✅ Intro requested. I'll ask {name} whether they'd like to meet, and let you know."

DISMISSED_NOTE = "👍 Got it — you won't see {name} in your suggestions again. They won't be told."

SUGGESTION_GONE = "That suggestion isn't available any more."

NOT_YOUR_SUGGESTION = "That suggestion was for someone else, so Kindred left it alone."

ALREADY_DISMISSED = "You said this one was not for you, so Kindred won't ask for an intro."

ALREADY_REQUESTED = "You already asked for this intro; Kindred is on it."


def digest_footer(cadence: str) -> str:
    return (
        f"You get this digest *{CADENCE_LABELS[cadence].lower()}*. Change how often, or pause Kindred, "
        "right here or from Kindred's Home tab."
    )


CHANNEL_DIGEST_HEADER = "New offers and asks this week"

CHANNEL_OFFERS = "*New offers*"

CHANNEL_NEEDS = "*New asks*"

CHANNEL_FOOTER = "Add yours with `/offer-help` or `/need-help`. Kindred suggests who should meet — privately."
