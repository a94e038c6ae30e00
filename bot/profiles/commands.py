"""/kindred profile, pause, resume and cadence: a member's own settings, from the command line."""

from bot.models import DigestCadence, MemberStatus
from bot.profiles import service as profiles
from bot.profiles import texts
from bot.profiles.blocks import cadence_picker
from bot.profiles.form import profile_form
from bot.slack.blocks.common import mrkdwn
from bot.slack.blocks.messages import text_message
from bot.slack.kindred_command import Asked, Subcommands
from bot.slack.surfaces import open_modal

CADENCE_WORDS = {
    "weekly": DigestCadence.WEEKLY,
    "week": DigestCadence.WEEKLY,
    "every-two-weeks": DigestCadence.EVERY_TWO_WEEKS,
    "every two weeks": DigestCadence.EVERY_TWO_WEEKS,
    "biweekly": DigestCadence.EVERY_TWO_WEEKS,
    "fortnightly": DigestCadence.EVERY_TWO_WEEKS,
    "monthly": DigestCadence.MONTHLY,
    "month": DigestCadence.MONTHLY,
    "off": DigestCadence.OFF,
    "never": DigestCadence.OFF,
    "none": DigestCadence.OFF,
}


def add_to(kindred: Subcommands) -> None:
    kindred.add(edit_profile, "profile")
    kindred.add(pause_or_resume, "pause", "resume")
    kindred.add(cadence, "cadence")


def edit_profile(asked: Asked) -> None:
    form = profile_form(asked.acting, response_url=asked.response_url)
    open_modal(asked.client, asked.context, asked.body["trigger_id"], form)


def pause_or_resume(asked: Asked) -> None:
    acting = asked.acting
    with acting.work() as work:
        if asked.word == "pause":
            reply = texts.ALREADY_PAUSED if work.member.status == MemberStatus.PAUSED else texts.PAUSED
            profiles.pause(work.session, member=work.member, now=work.now)
        else:
            reply = texts.ALREADY_ACTIVE if work.member.status == MemberStatus.ACTIVE else texts.RESUMED
            profiles.resume(work.session, member=work.member, now=work.now)
    asked.answer(text_message(reply))
    acting.refresh_home()


def cadence(asked: Asked) -> None:
    argument, acting = asked.argument, asked.acting
    chosen = CADENCE_WORDS.get(" ".join(argument.lower().replace("_", "-").split()))
    with acting.work() as work:
        current = work.member.digest_cadence
        if chosen is not None:
            profiles.set_cadence(work.session, member=work.member, cadence=chosen, now=work.now)
    if not argument:
        asked.answer(cadence_picker(current))
    elif chosen is None:
        unknown = texts.unknown_cadence(mrkdwn(argument, 40))
        asked.answer(cadence_picker(current, prefix=unknown))
    else:
        asked.answer(text_message(texts.cadence_set(chosen)))
        acting.refresh_home()
