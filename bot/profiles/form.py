"""The profile modal, filled in with what Kindred knows of whoever opens it."""

from slack_sdk.models.views import View

from bot.entries import service as entries
from bot.profiles.blocks import profile_modal
from bot.slack.acting import Acting
from bot.slack.forms import ModalContext


def profile_form(acting: Acting, *, response_url: str | None = None) -> View:
    """The profile modal for the member; an empty one for someone Kindred has forgotten (only saving it
    brings them back)."""
    with acting.work_unless_forgotten() as work:
        if work is None:
            member, projects = acting.stranger(), []
        else:
            member, projects = work.member, entries.active_projects(work.session, member=work.member)
    return profile_modal(member=member, projects=projects, context=ModalContext(response_url=response_url))
