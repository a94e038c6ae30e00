"""/kindred dashboard: a one-time sign-in link to the dashboard, for admins only."""

from bot.dashboard import blocks, service
from bot.db import session_scope
from bot.slack.kindred_command import Asked, Subcommands
from bot.slack.surfaces import is_admin


def add_to(kindred: Subcommands) -> None:
    kindred.add(dashboard, "dashboard")


def dashboard(asked: Asked) -> None:
    acting = asked.acting
    settings = acting.deps.settings
    if not is_admin(acting.client, acting.deps, user_id=acting.who.user_id):
        asked.answer(blocks.admins_only_message())
        return
    missing = [
        name
        for name, value in (
            ("KINDRED_PUBLIC_URL", settings.public_url),
            ("KINDRED_SECRET_KEY", settings.secret_key),
        )
        if value is None
    ]
    if missing or settings.public_url is None:
        asked.answer(blocks.not_set_up_message(missing))
        return
    admin = service.Admin(team_id=acting.who.team_id, user_id=acting.who.user_id)
    with session_scope(acting.deps.sessions) as session:
        token = service.create_link(session, admin=admin, now=acting.deps.clock())
    url = f"{settings.public_url}/admin/login?token={token}"
    asked.answer(blocks.sign_in_message(url, minutes=int(service.LINK_LIFETIME.total_seconds() // 60)))
