"""Listener wiring: each module's `register(app)` binds Slack ids to small handler functions."""

from slack_bolt import App

from bot.slack.listeners import actions, commands, digest_actions, errors, events, options, views


def register(app: App) -> None:
    commands.register(app)
    views.register(app)
    options.register(app)
    events.register(app)
    digest_actions.register(app)
    actions.register(app)  # last: it ends with a catch-all for unknown buttons
    app.error(errors.handle_error)  # errors outside listeners (middleware); listeners use errors.guard
