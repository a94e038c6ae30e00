"""What a member reads from the privacy feature, kept together so the copy can be reviewed and changed in
one place. Words several features share are in `bot/texts.py`; Slack formatting is limited to *bold*,
_italics_ and emoji, and anything a member typed is escaped by the caller first."""

EXPORT_ON_ITS_WAY = (
    "📦 Your data is on its way to your DMs: one JSON file with everything Kindred stores about you."
)

EXPORT_NOTHING = "Kindred stores nothing about you, so there's nothing to send. 🙂"

EXPORT_UPLOADS_REFUSED = (
    "Sorry — Slack didn't let Kindred send you a file. File uploads may be turned off in this workspace, or "
    "Kindred lacks the `files:write` permission. Please tell whoever runs Kindred here."
)

EXPORT_TITLE = "Your Kindred data"

EXPORT_COMMENT = (
    "📦 Here's everything Kindred stores about you in this workspace, as you asked. `/kindred forget-me` "
    "deletes it."
)

EXPORT_NOTE = (
    "Everything Kindred stores about you in this workspace. Other members' own answers are theirs and are "
    "not included: who was shown your profile (you see only how often), who said “not for me” about you, and "
    "whether someone declined an intro (a declined intro reads like one nobody answered in time)."
)


def export_filename(date: str) -> str:
    return f"kindred-data-{date}.json"


def export_only_tombstone(date: str) -> str:
    return (
        f"Kindred stores nothing about you except a note that you asked it to forget you ({date}), so "
        "that it never contacts you again. Adding an offer or a need removes that note too."
    )


FORGET_EXPLAIN = (
    "*Delete everything Kindred stores about you?*\n"
    "In this workspace, Kindred will delete:\n"
    "• your profile (title, bio, links), digest cadence and pause setting\n"
    "• your offers, your needs (private ones too) and your projects\n"
    "• the suggestions in your digests, the times you were suggested to others, and every “Not for me”\n"
    "• your intros — asked, made or followed up — and the record of the messages Kindred sent you\n"
    "After that Kindred will never contact you again. Intros you made between two other people go on "
    "without your name. Messages already in Slack stay where they are.\n"
    "*This can't be undone.*"
)

FORGET_FOOTER = "If you ever want to come back, add an offer or a need: you'll start fresh."

BUTTON_FORGET = "Delete my data"

BUTTON_FORGET_CANCEL = "Cancel"

FORGET_CONFIRM_TITLE = "Delete your data?"

FORGET_CONFIRM_TEXT = "Kindred will delete everything it stores about you right now. This can't be undone."

FORGET_CONFIRM_YES = "Delete everything"

FORGET_CONFIRM_NO = "Keep my data"

FORGET_DONE = (
    "✅ Done — Kindred has deleted everything it stored about you, and it won't contact you again. "
    "If you ever want to come back, add an offer or a need."
)

FORGET_CANCELLED = "👍 Nothing was deleted."

FORGET_NOTHING = "Kindred stores nothing about you, so there's nothing to delete. 🙂"

FORGET_ALREADY = "Kindred has already forgotten you. If you want to come back, add an offer or a need."

FORGOTTEN_HOME = "Kindred has forgotten you. If you want to come back, add an offer or a need."

NOT_YOUR_BUTTON = "That button was meant for someone else, so Kindred left everything as it was."
