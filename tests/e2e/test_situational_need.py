"""/need-help written the way people write in Slack (the situation, not the skill) still names the right
person right after the form is sent, over signed HTTP against the fake Slack."""

from bot.db import session_scope
from bot.members import Identity, ensure_member
from tests.conftest import NOW
from tests.e2e.conftest import Bot, text_of
from tests.factories import make_need, make_offer

HELPERS = {
    "U0NOOR": (
        "Noor Haddad",
        "Coaching for freelancers who can't switch off: boundaries, saying no, burnout",
    ),
    "U0PRIYA": (
        "Priya Raman",
        "Bookkeeping for freelancers: Xero, receipts, expenses and what you can claim",
    ),
    "U0JONAS": ("Jonas Becker", "Logo design and brand identity for small shops"),
    "U0DANA": ("Dana Diaz", "Local SEO so people nearby find your shop on Google Maps"),
}


def _seed(bot: Bot) -> None:
    for user_id, (name, _) in {**HELPERS, "U0SAM": ("Sam Okafor", "")}.items():
        bot.fake.add_user(user_id, name=name.split()[0].lower(), real_name=name, tz="Europe/London")
    with session_scope(bot.sessions) as session:
        for user_id, (name, offer) in HELPERS.items():
            member, _ = ensure_member(session, who=Identity("T0FAKE", user_id, name), now=NOW)
            make_offer(session, member, offer)
        ensure_member(session, who=Identity("T0FAKE", "U0SAM", "Sam Okafor"), now=NOW)


def _confirmation_for(bot: Bot, need: str) -> str:
    bot.slack.command("/need-help", need, user="U0SAM")
    reply = bot.slack.submit(bot.opened_view("need_modal"), user="U0SAM")
    assert reply.status == 200
    return text_of(bot.next_call("response_url").args["blocks"])


def test_a_need_that_describes_the_situation_finds_the_right_person(bot: Bot) -> None:
    _seed(bot)
    text = _confirmation_for(
        bot, "Every client email at 11pm gets an answer from me and now I'm exhausted 😩"
    )
    assert "People who might help right now" in text
    assert "Noor Haddad" in text
    assert "Jonas Becker" not in text, "a logo designer is no help here"


def test_a_need_with_typos_finds_the_bookkeeper(bot: Bot) -> None:
    _seed(bot)
    text = _confirmation_for(bot, "drowning in reciepts, no idea what i can claim this year")
    assert "Priya Raman" in text
    assert "Dana Diaz" not in text


def test_the_home_names_who_could_help_with_each_need_and_says_so_when_nobody_can(bot: Bot) -> None:
    _seed(bot)
    with session_scope(bot.sessions) as session:
        sam, _ = ensure_member(session, who=Identity("T0FAKE", "U0SAM", "Sam Okafor"), now=NOW)
        sam.title = "Illustrator"
        make_need(session, sam, "drowning in receipts, no idea what I can claim")
        make_need(session, sam, "Somebody to feed my cat in Lisbon next August")
    bot.slack.open_home(user="U0SAM")
    text = text_of(bot.home("U0SAM")["blocks"])
    receipts, cat = text.split("drowning in receipts")[1].split("feed my cat")
    assert "Could help: *Priya Raman*" in receipts
    assert "Nobody fits yet" in cat
