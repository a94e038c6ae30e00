"""Listener wiring: each module's `register(app)` binds Slack ids to small handler functions.

Order matters: Bolt runs the first matching listener, and `views` and `actions` end with catch-alls for
unknown or retired callback and action ids, so they are registered last.
"""

from slack_bolt import App

from bot.digest import listeners as digest_actions
from bot.entries import actions, views
from bot.entries import skill_options as options
from bot.intros import connector
from bot.intros import listeners as intro_actions
from bot.privacy import listeners as privacy
from bot.profiles import events
from bot.slack import errors
from bot.slack import kindred_command as commands


def register(app: App) -> None:
    commands.register(app)
    connector.register(app)
    options.register(app)
    events.register(app)
    digest_actions.register(app)
    intro_actions.register(app)
    privacy.register(app)
    views.register(app)  # ends with a catch-all for unknown modals
    actions.register(app)  # ends with a catch-all for unknown buttons
    app.error(errors.handle_error)  # errors outside listeners (middleware); listeners use errors.guard
