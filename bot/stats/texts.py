"""What a member reads from the stats feature, kept together so the copy can be reviewed and changed in
one place. Words several features share are in `bot/texts.py`; Slack formatting is limited to *bold*,
_italics_ and emoji, and anything a member typed is escaped by the caller first."""

# /kindred stats
STATS_ADMIN_ONLY = (
    "`/kindred stats` is for Kindred admins: workspace admins and owners, and the people listed in "
    "KINDRED_ADMINS."
)

STATS_HEADER = "Kindred stats"

AUTO_PAUSED_LABEL = "Paused for silence"


def auto_paused(names: str) -> str:
    return f"*Paused after three unanswered intro requests*\n{names}"
