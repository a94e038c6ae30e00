"""Every sentence a member reads, in one place so the copy can be reviewed and changed together.

Functions take plain values; Slack formatting (mrkdwn) is limited to *bold*, _italics_ and emoji.
Anything a member typed must be escaped by the caller (`bot.slack.blocks.common.escape`) first.
"""

from enum import StrEnum

APP_NAME = "Kindred"

# --- nouns -----------------------------------------------------------------------------------------

KIND_NOUN = {"offer": "offer", "need": "need", "project": "project"}
FORMAT_LABELS = {
    "call": "A 30-minute call",
    "async-review": "Async review or feedback",
    "referral": "A referral or intro",
    "mentoring": "Ongoing mentoring",
    "other": "Something else",
}
URGENCY_LABELS = {
    "low": "Whenever — no rush",
    "normal": "In the next few weeks",
    "high": "This week — it's urgent",
}
VISIBILITY_LABELS = {
    "shared": "Shared — members can see it in suggestions",
    "private": "Private — used only to find matches",
}
VISIBILITY_HINT = (
    "A private need is never shown to anyone until you and the other person have both said yes to an intro."
)
CADENCE_LABELS = {
    "weekly": "Weekly",
    "every-two-weeks": "Every two weeks",
    "monthly": "Monthly",
    "off": "Off — no digests",
}
STATUS_LABELS = {"active": "Active", "paused": "Paused", "left": "Left the workspace"}
CAPACITY_NO_LIMIT = "No fixed limit"


def capacity_label(capacity: int | None) -> str:
    if capacity is None:
        return CAPACITY_NO_LIMIT
    return f"{capacity} {'person' if capacity == 1 else 'people'} a month"


# --- modals ----------------------------------------------------------------------------------------

MODAL_CANCEL = "Cancel"
MODAL_SAVE = "Save"
OFFER_TITLE_NEW = "Offer help"
OFFER_TITLE_EDIT = "Edit your offer"
NEED_TITLE_NEW = "Ask for help"
NEED_TITLE_EDIT = "Edit your need"
PROJECT_TITLE_NEW = "Add a project"
PROJECT_TITLE_EDIT = "Edit your project"
PROFILE_TITLE = "Your profile"
NOTICE_TITLE = "Kindred"
NOTICE_CLOSE = "OK"

OFFER_INTRO = (
    "Leading with value is how good connections start. Say what you're happy to help with, and Kindred will "
    "suggest you to members who need it — intros only happen when both of you say yes."
)
NEED_INTRO = (
    "Say what you're stuck on. Kindred looks for members who offer that kind of help and asks both of you "
    "before making any intro."
)
PROJECT_INTRO = "What are you working on? Kindred suggests people working on similar things."
PROFILE_INTRO = "This is what members see when Kindred suggests you or asks them about an intro."

LABEL_OFFER_DESCRIPTION = "What can you help with?"
PLACEHOLDER_OFFER_DESCRIPTION = "e.g. Local SEO audits for small online shops"
LABEL_NEED_DESCRIPTION = "What do you need help with?"
PLACEHOLDER_NEED_DESCRIPTION = "e.g. My shop doesn't show up on Google"
LABEL_SKILLS = "Skills"
PLACEHOLDER_SKILLS = "Type to search, or add your own"
HINT_SKILLS = "Pick up to 10. Can't find yours? Type it and choose it from the list to add your own."
LABEL_DETAILS = "Details"
PLACEHOLDER_OFFER_DETAILS = "Who you help best, what you've done before, what a session looks like…"
PLACEHOLDER_NEED_DETAILS = "What you've tried, where you're stuck, what good help would look like…"
LABEL_FORMAT = "How do you like to help?"
LABEL_CAPACITY = "How many people a month?"
HINT_CAPACITY = "Kindred won't suggest you to more people than this."
LABEL_URGENCY = "How soon?"
LABEL_VISIBILITY = "Who can see this need?"
LABEL_LINKS = "Links"
PLACEHOLDER_LINKS = "https://… (one per line, up to 5)"
HINT_OFFER_LINKS = "Examples of your work help people say yes."
LABEL_PROJECT_NAME = "Project name"
PLACEHOLDER_PROJECT_NAME = "e.g. A newsletter for indie bookshops"
LABEL_PROJECT_DESCRIPTION = "What is it?"
LABEL_HELP_WANTED = "What help are you looking for?"
PLACEHOLDER_HELP_WANTED = "e.g. Feedback on the landing page, a co-host, beta readers"
LABEL_TITLE = "What do you do?"
PLACEHOLDER_TITLE = "e.g. Brand designer for food startups"
LABEL_BIO = "About you"
PLACEHOLDER_BIO = "A few sentences: your background, what you care about, what you're great at."
LABEL_PROFILE_LINKS = "Website, portfolio and other links"
PROFILE_PROJECTS_HEADING = "*What you're working on*"
PROFILE_NO_PROJECTS = "No projects yet. Adding one helps Kindred find people working on similar things."
BUTTON_ADD_PROJECT = "Add a project"
BUTTON_EDIT = "Edit"

# --- App Home -------------------------------------------------------------------------------------

HOME_WELCOME_HEADER = "Welcome to Kindred 👋"
HOME_WELCOME = (
    "Kindred is this community's super connector. It keeps track of what members offer, need and work on, "
    "and every week suggests a few people worth knowing — and says why."
)
HOME_HOW_IT_WORKS = (
    "*How it works*\n"
    "1. *Offer help* — say what you're happy to help others with. "
    "Giving first is how good connections start.\n"
    "2. *Ask for help* — say what you're stuck on. You can keep a need private.\n"
    "3. *Meet people* — you'll get a short digest of kindred spirits. Nobody is introduced unless both of "
    "you say yes, and saying no is always fine: the other person is never told who declined."
)
HOME_PRIVACY = (
    "🔒 You decide how often Kindred writes to you, and you can pause it any time. Type `/kindred help` for "
    "every command."
)
HOME_HEADER = "Your Kindred"
HOME_OFFERS = "*What you offer*"
HOME_NEEDS = "*What you need*"
HOME_PROJECTS = "*What you're working on*"
HOME_NO_OFFERS = "Nothing yet. What could you help someone with in 30 minutes?"
HOME_NO_NEEDS = "Nothing yet. What would make your month easier?"
HOME_COULD_HELP = "🤝 Could help: {names}"
HOME_STILL_LOOKING = "🔎 Nobody fits yet. Kindred keeps looking and will tell you in your digest."
HOME_NO_PROJECTS = "Nothing yet. Projects help Kindred find people working on similar things."
HOME_NO_TITLE = "_Add a line about what you do so people know why to meet you._"
HOME_FOOTER = "Kindred only introduces people who both said yes. `/kindred help` lists every command."
BUTTON_OFFER_HELP = "Offer help"
BUTTON_ASK_FOR_HELP = "Ask for help"
BUTTON_SET_UP_PROFILE = "Set up your profile"
BUTTON_EDIT_PROFILE = "Edit profile"
BUTTON_ADD = "Add"
BUTTON_WITHDRAW = "Withdraw"
BUTTON_RESOLVED = "Resolved"
BUTTON_ARCHIVE = "Archive"
BUTTON_PAUSE = "Pause Kindred"
BUTTON_RESUME = "Resume Kindred"
LABEL_CADENCE_SELECT = "Digest cadence"
PRIVATE_BADGE = "🔒 private"
MORE_ENTRIES = "…and {count} more. `/kindred list` shows everything."


def home_status_line(status: str, cadence: str) -> str:
    if status == "paused":
        return "⏸️ *Paused* — Kindred won't send you digests or intro requests until you resume."
    if cadence == "off":
        return "🔕 Digests are *off*. You can still make intros and be asked about them."
    return f"✅ *Active* — digest: *{CADENCE_LABELS[cadence].lower()}*."


CONFIRM_WITHDRAW_TITLE = "Withdraw this?"
CONFIRM_WITHDRAW_TEXT = "It won't be suggested to anyone any more. You can always add it again."
CONFIRM_WITHDRAW_YES = "Withdraw"
CONFIRM_KEEP = "Keep it"

# --- messages --------------------------------------------------------------------------------------

WELCOME_TEXT = (
    "Welcome! 👋 I'm Kindred, this community's connector. Tell me one thing you could help someone with "
    "and one thing you'd like help with, and I'll suggest a few people worth meeting each week. Nobody is "
    "introduced unless both of you say yes."
)
WELCOME_FOOTER = "You can change how often I write, or pause me, from my Home tab at any time."

HELP_TEXT = (
    "*Kindred commands*\n"
    "• `/offer-help [what]` — say what you can help with\n"
    "• `/need-help [what]` — ask for help (you can keep it private)\n"
    "• `/kindred profile` — edit your title, bio, links and projects\n"
    "• `/kindred list` — see your offers, needs and projects\n"
    "• `/kindred pause` / `/kindred resume` — stop or restart digests and intro requests\n"
    "• `/kindred cadence weekly|every-two-weeks|monthly|off` — how often you get a digest\n"
    "• `/intro @a @b why` — introduce two members (both are asked first)\n"
    "• `/kindred stats` — how intros are going (admins)\n"
    "• `/kindred export` — get everything Kindred stores about you, as a file in your DMs\n"
    "• `/kindred forget-me` — delete everything Kindred stores about you (asks first)\n"
    "• `/kindred help` — this message\n"
    "Your Kindred Home tab shows everything in one place."
)


def unknown_subcommand(word: str) -> str:
    return f"I don't know `{word}` yet — here's what I can do:"


PAUSED = "⏸️ Paused. Kindred won't send you digests or intro requests until you `/kindred resume`."
ALREADY_PAUSED = "You're already paused. `/kindred resume` turns Kindred back on."
RESUMED = "▶️ Welcome back! Kindred will include you in digests and intros again."
ALREADY_ACTIVE = "You're already active — nothing to resume."
CADENCE_PROMPT = "How often would you like your kindred-spirits digest? It's *{current}* now."


def cadence_set(cadence: str) -> str:
    if cadence == "off":
        return "🔕 Digests are off. You can still make and accept intros. Turn them back on any time."
    return f"👍 You'll get a digest *{CADENCE_LABELS[cadence].lower()}*."


def unknown_cadence(word: str) -> str:
    return f"`{word}` isn't a cadence I know. Choose weekly, every-two-weeks, monthly or off:"


LIST_EMPTY = "You haven't listed anything yet. Try `/offer-help` or `/need-help`."
LIST_HEADER = "*Your Kindred entries*"


def saved(kind: str, created: bool) -> str:
    noun = KIND_NOUN[kind]
    return f"✅ Your {noun} is saved." if created else f"✅ Your {noun} is updated."


SAVED_NEXT = "Kindred will look for good matches and include them in your next digest."
SAVED_PRIVATE = (
    "🔒 This need is private: it's only used to find matches, never shown before you both say yes."
)
PROFILE_SAVED = "✅ Your profile is saved."


def closed(kind: str, closing: str) -> str:
    noun = KIND_NOUN[kind]
    return {
        "withdraw": f"Your {noun} is withdrawn.",
        "resolve": "Glad that's sorted! Your need is marked resolved.",
        "archive": "Your project is archived.",
    }[closing]


# --- errors ----------------------------------------------------------------------------------------

GENERIC_ERROR = "Sorry — something went wrong on Kindred's side. Please try again in a minute."
TOO_SLOW_FOR_SLACK = (
    "Sorry — Kindred is very busy and could not open that form within the few seconds Slack allows. "
    "Please try again."
)
NOT_YOUR_ENTRY = "That entry belongs to someone else, so Kindred left it alone."
ACCOUNT_LEFT = "This account has left the workspace, so Kindred won't make any changes for it."
FIX_BELOW = "Please fix the highlighted fields."


def entry_not_found(kind: str) -> str:
    return f"That {KIND_NOUN[kind]} doesn't exist any more. It may have been removed."


def entry_closed(kind: str) -> str:
    return f"That {KIND_NOUN[kind]} is no longer open, so there's nothing to edit. You can add a new one."


def too_many_entries(kind: str, limit: int) -> str:
    noun = KIND_NOUN[kind]
    return (
        f"You already have {limit} open {noun}s — withdraw or resolve one first (see your Kindred Home tab)."
    )


def cannot_close(kind: str, closing: StrEnum | str) -> str:
    return f"A {KIND_NOUN[kind]} can't be marked “{closing}”."


STALE_BUTTON = "That button is out of date — open your Kindred Home tab to see the latest."
SKILLS_GROUP_CURATED = "Skills"
SKILLS_GROUP_OWN = "Add as your own skill"

# --- suggestion reasons (the digest's "why") ---------------------------------------------------------


PRIVATE_NEED_PLACEHOLDER = "(a private need)"


def quote(text: str, limit: int = 90) -> str:
    return f"“{shorten(' '.join(text.split()), limit)}”"


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters: cut between words, ending with an ellipsis, when it is longer (inside
    a word only when one word fills most of the limit)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if not text[limit - 1].isspace() and space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:(–—-") + "…"


def _about(labels: list[str]) -> str:
    return f" ({' and '.join(labels)})" if labels else ""


def reason_can_help_you(need: str, name: str, offer: str, labels: list[str]) -> str:
    return f"You asked for help with {quote(need)}; {name} offers {quote(offer)}{_about(labels)}."


def reason_you_can_help(name: str, need: str, offer: str, labels: list[str]) -> str:
    return f"{name} is looking for help with {quote(need)}, and you offer {quote(offer)}{_about(labels)}."


def reason_kindred_projects(mine: str, name: str, theirs: str, labels: list[str]) -> str:
    ours = f"your {quote(mine, 60)} and {name}'s {quote(theirs, 60)}"
    return f"You're both working on something similar: {ours}{_about(labels)}."


def reason_kindred_interests(name: str, labels: list[str], mine: str = "", theirs: str = "") -> str:
    """Two members whose work and bios are about the same thing; quoting both when both wrote something."""
    if mine.strip() and theirs.strip():
        ours = f"your {quote(mine, 60)} and {name}'s {quote(theirs, 60)}"
        return f"You care about the same things: {ours}{_about(labels)}."
    if not labels:
        return f"You and {name} work on very similar things."
    return f"You and {name} share an interest in {' and '.join(labels)}."


# --- the digest --------------------------------------------------------------------------------------

DIGEST_HEADER = "Your kindred spirits this week"
DIGEST_INTRO = (
    "A few people worth knowing, and why. Nobody is introduced unless you both say yes — "
    "and “Not for me” is never passed on."
)
KIND_LABELS = {
    "can_help_you": "🤝 Can help you",
    "you_can_help": "🎁 You could help",
    "kindred": "✨ Kindred spirit",
}
BUTTON_INTRODUCE = "Introduce us"
BUTTON_NOT_FOR_ME = "Not for me"
INTRO_REQUESTED_NOTE = "✅ Intro requested. I'll ask {name} whether they'd like to meet, and let you know."
DISMISSED_NOTE = "👍 Got it — you won't see {name} in your suggestions again. They won't be told."
SUGGESTION_GONE = "That suggestion isn't available any more."
NOT_YOUR_SUGGESTION = "That suggestion was for someone else, so Kindred left it alone."
ALREADY_DISMISSED = "You said this one was not for you, so Kindred won't ask for an intro."
ALREADY_REQUESTED = "You already asked for this intro; Kindred is on it."


def digest_footer(cadence: str) -> str:
    return (
        f"You get this digest *{CADENCE_LABELS[cadence].lower()}*. Change how often, or pause Kindred, "
        "right here or from Kindred's Home tab."
    )


CHANNEL_DIGEST_HEADER = "New offers and asks this week"
CHANNEL_OFFERS = "*New offers*"
CHANNEL_NEEDS = "*New asks*"
CHANNEL_FOOTER = "Add yours with `/offer-help` or `/need-help`. Kindred suggests who should meet — privately."
CHANNEL_MORE = "…and {count} more."

# --- intros ------------------------------------------------------------------------------------------

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
INTRO_STATUS_WORDS = {
    "requested": "still waiting to be sent",
    "awaiting-consent": "still waiting for answers",
    "accepted": "already accepted",
    "introduced": "already made",
    "followed-up": "already followed up",
    "met": "done — they met",
    "not-yet": "waiting for a meeting",
    "not-a-fit": "closed",
    "declined": "not going ahead",
    "expired": "expired",
    "cancelled": "cancelled",
}


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


def intro_person(mention: str, title: str) -> str:
    return f"*{mention}*" + (f" — {title}" if title else "")


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


# /intro
INTRO_USAGE = (
    "Introduce two members: `/intro @alice @bob why they should meet`. Kindred asks both of them first — "
    "nobody is introduced unless both say yes."
)
INTRO_NEEDS_TWO = "Mention two people, e.g. `/intro @alice @bob why they should meet`."


def intro_not_introducible(mention: str) -> str:
    return (
        f"{mention} isn't someone Kindred can introduce (a bot, a deactivated account, someone who doesn't "
        "use Kindred, or not a member here)."
    )


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

# /need-help: who could help right away
NEED_MATCHES_HEADING = "*People who might help right now*"
NO_MATCHES_YET = "No close match yet — Kindred will keep looking and include new matches in your digest."
BUTTON_ASK_INTRO = "Ask for an intro"


def need_match_requested(name: str) -> str:
    return f"✅ Intro requested — Kindred will ask {name}."


# /kindred stats
STATS_ADMIN_ONLY = (
    "`/kindred stats` is for Kindred admins: workspace admins and owners, and the people listed in "
    "KINDRED_ADMINS."
)
STATS_HEADER = "Kindred stats"


# --- your data: /kindred export and /kindred forget-me ------------------------------------------------

EXPORT_ON_ITS_WAY = (
    "📦 Your data is on its way to your DMs: one JSON file with everything Kindred stores about you."
)
EXPORT_NOTHING = "Kindred stores nothing about you, so there's nothing to send. 🙂"
EXPORT_UPLOADS_REFUSED = (
    "Sorry — Slack didn't let Kindred send you a file. File uploads may be turned off in this workspace, or "
    "Kindred lacks the `files:write` permission. Please tell whoever runs Kindred here."
)
EXPORT_TITLE = "Your Kindred data"
EXPORT_COMMENT = (
    "📦 Here's everything Kindred stores about you in this workspace, as you asked. `/kindred forget-me` "
    "deletes it."
)
EXPORT_NOTE = (
    "Everything Kindred stores about you in this workspace. Other members' own answers are theirs and are "
    "not included: who was shown your profile (you see only how often), who said “not for me” about you, and "
    "whether someone declined an intro (a declined intro reads like one nobody answered in time)."
)


def export_filename(date: str) -> str:
    return f"kindred-data-{date}.json"


def export_only_tombstone(date: str) -> str:
    return (
        f"Kindred stores nothing about you except a note that you asked it to forget you ({date}), so "
        "that it never contacts you again. Adding an offer or a need removes that note too."
    )


FORGET_EXPLAIN = (
    "*Delete everything Kindred stores about you?*\n"
    "In this workspace, Kindred will delete:\n"
    "• your profile (title, bio, links), digest cadence and pause setting\n"
    "• your offers, your needs (private ones too) and your projects\n"
    "• the suggestions in your digests, the times you were suggested to others, and every “Not for me”\n"
    "• your intros — asked, made or followed up — and the record of the messages Kindred sent you\n"
    "After that Kindred will never contact you again. Intros you made between two other people go on "
    "without your name. Messages already in Slack stay where they are.\n"
    "*This can't be undone.*"
)
FORGET_FOOTER = "If you ever want to come back, add an offer or a need: you'll start fresh."
BUTTON_FORGET = "Delete my data"
BUTTON_FORGET_CANCEL = "Cancel"
FORGET_CONFIRM_TITLE = "Delete your data?"
FORGET_CONFIRM_TEXT = "Kindred will delete everything it stores about you right now. This can't be undone."
FORGET_CONFIRM_YES = "Delete everything"
FORGET_CONFIRM_NO = "Keep my data"
FORGET_DONE = (
    "✅ Done — Kindred has deleted everything it stored about you, and it won't contact you again. "
    "If you ever want to come back, add an offer or a need."
)
FORGET_CANCELLED = "👍 Nothing was deleted."
FORGET_NOTHING = "Kindred stores nothing about you, so there's nothing to delete. 🙂"
FORGET_ALREADY = "Kindred has already forgotten you. If you want to come back, add an offer or a need."
FORGOTTEN_HOME = "Kindred has forgotten you. If you want to come back, add an offer or a need."
FORGOTTEN = (
    "Kindred has forgotten you, as you asked, so there's nothing here. If you want to come back, add an "
    "offer with `/offer-help` or a need with `/need-help`."
)
NOT_YOUR_BUTTON = "That button was meant for someone else, so Kindred left everything as it was."
