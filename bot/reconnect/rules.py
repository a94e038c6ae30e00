"""When a reconnect nudge comes: the interval after the last contact, half of it for someone starred, and
the snooze of "Remind me later". Pure: rows in, moments out."""

from datetime import datetime, timedelta

from bot.models import Reconnect, ReconnectState

WEEK = timedelta(days=7)  # at most one reconnect DM per member in this time
LATER = timedelta(days=30)  # "Remind me later"
STARS_MAX = 10  # the critical few: how many people a member may star


def interval(row: Reconnect, days: int) -> timedelta:
    """The time between two nudges about the same person: `days`, or half of it for someone starred."""
    return timedelta(days=days // 2 if row.starred else days)


def scheduled(row: Reconnect, days: int) -> datetime:
    """When the row's next nudge comes with the star it has now, counted from the last contact (meeting,
    last nudge or last answer). A "Remind me later" keeps its promised 30 days."""
    last = max(moment for moment in (row.created_at, row.last_sent_at, row.answered_at) if moment is not None)
    if row.state == ReconnectState.SNOOZED and row.answered_at == last:
        return last + LATER
    return last + interval(row, days)
