"""What a member reads from the intros feature, kept together so the copy can be reviewed and changed in
one place. Words several features share are in `bot/texts.py`; Slack formatting is limited to *bold*,
_italics_ and emoji, and anything a member typed is escaped by the caller first."""

from bot.texts import INTRO_STATUS_WORDS, quote

INTRO_SAME_PERSON = "Pick two different people."

INTRO_NOT_YOURSELF = (
    "`/intro` is for introducing two other people. To meet someone yourself, use “Introduce us” in your "
    "digest, or “Ask for an intro” after `/need-help`."
)

INTRO_ALREADY_MADE = "These two have already been introduced."

INTRO_UNDER_WAY = "An intro between these two is already under way."

INTRO_NOT_NOW = "Kindred can't make this intro right now."

INTRO_GONE = "That intro isn't available any more."

NOT_YOUR_INTRO = "That request was for someone else, so Kindred left it alone."


def intro_cannot_change(status: str) -> str:
    return f"That intro is {INTRO_STATUS_WORDS.get(status, status)}, so nothing changed."


def intro_unavailable(name: str) -> str:
    return f"{name} isn't taking intro requests right now."


def intro_left(name: str) -> str:
    return f"{name} is no longer in this workspace."


def too_many_pending(limit: int) -> str:
    return (
        f"You already have {limit} intro requests waiting for answers. Kindred will let you ask for more "
        "once one of them is answered."
    )


# the consent DM
def consent_title(name: str) -> str:
    return f"Would you like an intro to {name}?"


CONSENT_WHY = "*Why this intro*"

CONSENT_OFFERS = "*Offers*"

CONSENT_WORKING_ON = "*Working on*"

CONSENT_LOOKING_FOR = "*Looking for help with*"

BUTTON_CONSENT_YES = "Yes, introduce us"

BUTTON_CONSENT_NO = "Not now"

CONSENT_NO_PRESSURE = "No pressure: if you say not now, nobody is told who said what, or why."


def why_help_wanted(asker: str, need: str, offer: str) -> str:
    return f"{asker} is looking for help with {quote(need)}, and you offer {quote(offer)}."


def why_help_private(asker: str, offer: str) -> str:
    return f"{asker} thinks your offer {quote(offer)} could help with something they're working on."


def why_help_offered(asker: str, offer: str, need: str) -> str:
    return f"{asker} offers {quote(offer)}, and you asked for help with {quote(need)}."


def why_kindred(asker: str) -> str:
    return f"{asker} thinks you're working on similar things and would like to meet."


def why_connector(connector: str, reason: str) -> str:
    if not reason.strip():
        return f"{connector} thinks you two should meet."
    return f"{connector} thinks you two should meet: {quote(reason, 400)}"


def consent_waiting(name: str) -> str:
    return f"✅ Thanks! Kindred will introduce you as soon as {name} says yes too."


def consent_introduced(name: str) -> str:
    return f"✅ You're introduced to {name} — say hello in your group DM."


CONSENT_DECLINED = (
    "👍 No problem — Kindred won't make this intro, and nobody will be told why. Thanks for saying."
)

CONSENT_EXPIRED = "⌛ This request expired. No action needed."

CONSENT_ENDED = "This intro isn't going ahead. No action needed."

ALREADY_SAID_YES = "You already said yes — Kindred is on it."

ALREADY_SAID_NO = "You already said not now — nothing more to do."


# the introduction (a group DM with both)
def intro_opening(a_mention: str, b_mention: str) -> str:
    return f"👋 {a_mention}, meet {b_mention}! You both said yes to this intro."


INTRO_WHY = "*Why you two*"


def introduced_by(connector_mention: str) -> str:
    return f"Introduced by {connector_mention}."


def next_step(asker_mention: str | None) -> str:
    who = (
        f"{asker_mention}, would you suggest a few times?"
        if asker_mention
        else "Would one of you suggest a few times?"
    )
    return f"*Suggested next step:* a 30-minute call in the next two weeks. {who}"


def neutral_why_help(asker: str, need: str, helper: str, offer: str) -> str:
    return f"{asker} is looking for help with {quote(need)}, and {helper} offers {quote(offer)}."


def neutral_why_kindred(a: str, b: str) -> str:
    return f"{a} and {b} are working on similar things."


# when it does not happen
def not_this_time(name: str) -> str:
    return (
        f"Your intro to {name} didn't work out this time. No pressure on anyone — Kindred will keep "
        "suggesting people worth meeting."
    )


def not_this_time_connector(a: str, b: str) -> str:
    return f"Your intro of {a} and {b} didn't work out this time. Thanks for thinking of them!"


def not_this_time_invited(name: str) -> str:
    return f"The intro to {name} didn't work out this time. No pressure — nothing for you to do."


# following up
def follow_up_question(name: str, second: bool) -> str:
    if second:
        return f"One last check-in: did you and {name} manage to meet?"
    return f"How did it go with {name}? It's been a couple of weeks since Kindred introduced you."


BUTTON_MET = "We met"

BUTTON_NOT_YET = "Not yet"

BUTTON_NOT_A_FIT = "Not a fit"

OUTCOME_THANKS = {
    "met": "🎉 Wonderful — thanks for letting us know!",
    "not-yet": "No rush — Kindred will check in once more in a couple of weeks.",
    "not-a-fit": "Thanks for being honest — Kindred won't suggest you two again, and nobody is told.",
}

OUTCOME_THANKS_LAST = "No worries — thanks for letting us know."


def connector_outcome(a: str, b: str, met: bool) -> str:
    if met:
        return f"🎉 Your intro worked: {a} and {b} met. Thank you for connecting them!"
    return f"Your intro of {a} and {b} wasn't quite the right fit this time — thanks for thinking of them."


INTRO_NEEDS_TWO = "Mention two people, e.g. `/intro @alice @bob why they should meet`."


def connector_confirmation(a: str, b: str) -> str:
    return (
        f"✅ Kindred will ask {a} and {b} whether they'd like to meet, and introduce them if both say yes. "
        "You'll hear how it goes."
    )


INTRO_MODAL_TITLE = "Introduce two people"

INTRO_MODAL_SUBMIT = "Ask them"

INTRO_MODAL_INTRO = (
    "Kindred asks both first and only introduces them if both say yes. You'll hear how it goes."
)

LABEL_INTRO_FIRST = "First person"

LABEL_INTRO_SECOND = "Second person"

LABEL_INTRO_REASON = "Why should they meet?"

PLACEHOLDER_INTRO_REASON = "e.g. Dana knows local SEO inside out and Tomás's bakery doesn't show up on Google"

# Quiet members: paused after intro questions in a row went unanswered
AUTO_PAUSED_TEXT = "Kindred has paused itself for you"

AUTO_PAUSED = (
    "👋 Hi! Your last three intro requests went unanswered, so Kindred has paused intros and digests "
    "for you, so as not to bother you. No worries at all — nothing else changed, and nobody was told."
)

AUTO_PAUSED_HOW_BACK = (
    "Whenever you'd like to hear from Kindred again, press *Resume* (or type `/kindred resume`)."
)

BUTTON_RESUME = "Resume"
