"""What a member reads from the matches feature, kept together so the copy can be reviewed and changed in
one place. Words several features share are in `bot/texts.py`; Slack formatting is limited to *bold*,
_italics_ and emoji, and anything a member typed is escaped by the caller first."""

# /need-help: who could help right away
NEED_MATCHES_HEADING = "*People who might help right now*"

NO_MATCHES_YET = "No close match yet — Kindred will keep looking and include new matches in your digest."

BUTTON_ASK_INTRO = "Ask for an intro"


def need_match_requested(name: str) -> str:
    return f"✅ Intro requested — Kindred will ask {name}."
