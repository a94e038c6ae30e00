"""Listener wiring: each feature's `register(app)` binds Slack ids to its small handler functions, and adds
the /kindred words it answers.

Order matters: Bolt runs the first matching listener, so the catch-alls for unknown or retired event types,
callback ids and action ids come last.
"""

import re

from slack_bolt import Ack, App

from bot.dashboard import listeners as dashboard
from bot.digest import listeners as digest
from bot.entries import actions as entry_actions
from bot.entries import commands as entry_commands
from bot.entries import skill_options
from bot.entries import views as entry_views
from bot.home import listeners as home
from bot.intros import connector
from bot.intros import listeners as intros
from bot.privacy import listeners as privacy
from bot.profiles import actions as profile_actions
from bot.profiles import commands as profile_commands
from bot.profiles import events as profile_events
from bot.profiles import views as profile_views
from bot.reconnect import listeners as reconnect
from bot.slack import errors
from bot.slack.acks import AT_ONCE
from bot.slack.kindred_command import Subcommands
from bot.stats import listeners as stats


def kindred_subcommands() -> Subcommands:
    """Every /kindred word, each answered by its feature (help is the core's)."""
    kindred = Subcommands()
    profile_commands.add_to(kindred)
    stats.add_to(kindred)
    dashboard.add_to(kindred)
    reconnect.add_to(kindred)
    return kindred


def register(app: App) -> None:
    kindred = kindred_subcommands()
    entry_commands.register(app, kindred)
    privacy.register(app, kindred)
    kindred.register(app)
    connector.register(app)
    skill_options.register(app)
    home.register(app)
    profile_events.register(app)
    digest.register(app)
    intros.register(app)
    reconnect.register(app)
    entry_views.register(app)
    profile_views.register(app)
    entry_actions.register(app)
    profile_actions.register(app)
    app.event(re.compile(".*"))(_drop)  # events we did not ask for: acknowledged and dropped
    app.view(re.compile(".*"))(_ack)  # an unknown or retired callback id: close quietly
    app.view_closed(re.compile(".*"))(errors.guard(_ack))
    app.action(re.compile(".*"), middleware=AT_ONCE)(_ack)  # unknown or retired buttons: ack, do nothing
    app.error(errors.handle_error)  # errors outside listeners (middleware); listeners use errors.guard


def _ack(ack: Ack) -> None:
    ack()


def _drop() -> None:
    return None
