"""The Home tab: built from what is stored now, and published one member at a time."""

import threading

from slack_sdk import WebClient

from bot import members, repo
from bot.db import session_scope
from bot.entries import service as entries
from bot.home.blocks import ENTRIES_SHOWN, PEOPLE_SHOWN, home_view
from bot.matches import service as matches
from bot.matching.embeddings import load_embedder
from bot.models import Need
from bot.privacy import service as privacy
from bot.privacy.blocks import forgotten_home_view
from bot.reconnect import service as reconnects
from bot.slack.context import Deps

# One member's Home is built and published one at a time: three quick clicks publish three times, and the
# last view Slack shows must be built from the state after the last click, not the first (striped locks, so
# memory does not grow with the number of members).
HOME_LOCKS = tuple(threading.Lock() for _ in range(64))


def publish_home(client: WebClient, deps: Deps, *, team_id: str, user_id: str) -> None:
    """Show the member their Home: onboarding on a first visit, their profile and entries after; someone
    Kindred has forgotten sees only how to come back."""
    with HOME_LOCKS[hash((team_id, user_id)) % len(HOME_LOCKS)]:
        _publish_home(client, deps, team_id=team_id, user_id=user_id)


def _publish_home(client: WebClient, deps: Deps, *, team_id: str, user_id: str) -> None:
    now = deps.clock()
    with session_scope(deps.sessions) as session:
        member = repo.get_member(session, team_id=team_id, user_id=user_id)
        if member is None:  # nobody Kindred knows; or someone it forgot, who sees the way back
            forgotten = privacy.is_forgotten(session, team_id=team_id, user_id=user_id)
            view = forgotten_home_view() if forgotten else None
        else:
            listed = entries.open_entries(session, member=member)
            people = reconnects.your_people(session, member=member, limit=PEOPLE_SHOWN)
            # someone who already met people through Kindred is not new, even on a first visit
            onboarding = (
                member.onboarded_at is None and listed.empty and not member.title and not people.total
            )
            found = matches.helpers_for_needs(
                session,
                needs=[need for need in listed.needs[:ENTRIES_SHOWN] if isinstance(need, Need)],
                now=now,
                embedder=load_embedder(deps.settings.embedding_model),
            )
            helpers = {
                need_id: [helper.member.name for helper in listed_] for need_id, listed_ in found.items()
            }
            view = home_view(
                member=member, entries=listed, onboarding=onboarding, helpers=helpers, people=people
            )
            members.mark_onboarded(session, member=member, now=now)
    if view is not None:
        client.views_publish(user_id=user_id, view=view)
