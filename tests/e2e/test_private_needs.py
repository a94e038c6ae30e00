"""A need marked private is used for matching but shown to nobody else: not in anyone's digest, reason,
Home, channel post or consent request, before both sides accepted an intro."""

from bot.db import session_scope
from bot.members import Identity, ensure_member
from tests.conftest import NOW
from tests.e2e.community import buttons, digest_for, latest, seed
from tests.e2e.conftest import Bot, text_of
from tests.factories import make_offer

SECRET = "Burnout, honestly"  # Alice's private need (see tests/e2e/community.py)


def _shown_to_others(bot: Bot) -> str:
    alice = {"U0ALICE", bot.fake.dm_channel_for("U0ALICE")}
    shown = []
    for call in bot.fake.calls:
        audience = call.args.get("channel") or call.args.get("user_id") or call.args.get("user")
        if audience in alice:
            continue
        shown.append(str(call.args))
    return "\n".join(shown)


def test_a_private_need_finds_help_without_being_shown_to_anyone_else(bot: Bot) -> None:
    seed(bot)
    bot.fake.add_user("U0DANA", real_name="Dana Diaz")
    with session_scope(bot.sessions) as session:
        dana, _ = ensure_member(session, who=Identity("T0FAKE", "U0DANA", "Dana Diaz"), now=NOW)
        make_offer(session, dana, "Recovery coaching for exhausted founders", skills=["wellbeing"])

    own_digest = digest_for(bot, "U0ALICE")
    assert "<@U0DANA>" in text_of(own_digest["blocks"])  # the private need found its helper
    assert SECRET in text_of(own_digest["blocks"])  # and its owner sees which need it was
    for user_id in ("U0BOB", "U0DANA", "U0MALLORY", "U0CAROL"):
        bot.slack.open_home(user_id)
    bot.settle()

    position = next(i for i, block in enumerate(own_digest["blocks"]) if "<@U0DANA>" in text_of(block))
    value = next(
        e["value"] for e in own_digest["blocks"][position + 1]["elements"] if e["action_id"] == "digest_intro"
    )
    assert value in buttons(own_digest, "digest_intro")
    assert bot.slack.click("digest_intro", value=value, message=own_digest).status == 200
    bot.settle()
    question = latest(bot, "U0DANA", "Would you like an intro to Alice")
    assert "Burnout" not in text_of(question["blocks"])

    assert bot.fake.calls_to("chat.postMessage")
    assert SECRET not in _shown_to_others(bot)
    assert "Burnout" not in _shown_to_others(bot)
