"""/kindred stats: the community's numbers, for workspace admins only."""

from bot.db import session_scope
from bot.slack.blocks.messages import text_message
from bot.slack.kindred_command import Asked, Subcommands
from bot.slack.surfaces import is_admin
from bot.stats import texts
from bot.stats.blocks import stats_message
from bot.stats.service import team_stats


def add_to(kindred: Subcommands) -> None:
    kindred.add(stats, "stats")


def stats(asked: Asked) -> None:
    acting = asked.acting
    if not is_admin(acting.client, acting.deps, user_id=acting.who.user_id):
        asked.answer(text_message(texts.STATS_ADMIN_ONLY))
        return
    with session_scope(acting.deps.sessions) as session:
        numbers = team_stats(session, team_id=acting.who.team_id)
    asked.answer(stats_message(numbers))
