"""How many database transactions a click or a command costs (over HTTP; Socket Mode adds one to claim the
envelope). The acting member is looked up in the transaction the handler's service call commits; someone
new costs one lookup more. Before `Acting`, each listener resolved the member in transactions of its own:
a Home button cost 3, a command 2 (3 for someone new), "Not for me" 2 and "Introduce us" 6."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event

from bot.db import session_scope
from bot.digest import jobs as digest_job
from bot.members import Identity, ensure_member
from bot.scheduler.context import JobContext
from bot.slack.client import build_client
from tests.conftest import NOW
from tests.e2e.conftest import Bot
from tests.factories import make_need, make_offer


class Transactions:
    def __init__(self) -> None:
        self.count = 0

    def begun(self, *_: Any) -> None:
        self.count += 1


@contextmanager
def counted(engine: Engine, bot: Bot) -> Iterator[Transactions]:
    """Transactions begun on the bot's engine until the bot has finished what the request started."""
    bot.settle()
    transactions = Transactions()
    event.listen(engine, "begin", transactions.begun)
    try:
        yield transactions
        bot.settle()
    finally:
        event.remove(engine, "begin", transactions.begun)


@pytest.fixture
def members(bot: Bot) -> None:
    with session_scope(bot.sessions) as session:
        alice, _ = ensure_member(session, who=Identity("T0FAKE", "U0ALICE", "Alice Adams"), now=NOW)
        bob, _ = ensure_member(session, who=Identity("T0FAKE", "U0BOB", "Bob Brown"), now=NOW)
        make_need(session, alice, "My shop doesn't show up on Google", skills=["seo"])
        make_offer(session, bob, "SEO audits for small shops", skills=["seo"])


def test_a_home_button_costs_the_write_and_the_new_home(bot: Bot, engine: Engine, members: None) -> None:
    with counted(engine, bot) as transactions:
        bot.slack.click("pause", view={"id": "V0HOME", "type": "home"})
        bot.home()
    assert transactions.count == 2  # the pause, then the Home built afresh


def test_a_command_costs_one_transaction(bot: Bot, engine: Engine, members: None) -> None:
    with counted(engine, bot) as transactions:
        bot.slack.command("/kindred", "list")
        bot.fake.wait_for("response_url")
    assert transactions.count == 1


def test_someone_new_costs_one_lookup_more(bot: Bot, engine: Engine) -> None:
    with counted(engine, bot) as transactions:
        bot.slack.command("/kindred", "list", user="U0BOB")
        bot.fake.wait_for("response_url")
    assert transactions.count == 2


@pytest.fixture
def digest(bot: Bot, members: None) -> dict[str, Any]:
    context = JobContext(sessions=bot.sessions, client=build_client(bot.settings), settings=bot.settings)
    digest_job.run(context, NOW)
    [message] = bot.fake.messages("U0ALICE")
    return message | {"channel": bot.fake.dm_channel_for("U0ALICE")}


def _button(digest: dict[str, Any], action_id: str) -> str:
    [value] = [
        e["value"]
        for b in digest["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == action_id
    ]
    return str(value)


def test_not_for_me_costs_one_transaction(bot: Bot, engine: Engine, digest: dict[str, Any]) -> None:
    with counted(engine, bot) as transactions:
        bot.slack.click("digest_not_for_me", value=_button(digest, "digest_not_for_me"), message=digest)
        bot.next_call("chat.update")
    assert transactions.count == 1


def test_introduce_us_costs_one_transaction_besides_the_dm(
    bot: Bot, engine: Engine, digest: dict[str, Any]
) -> None:
    with counted(engine, bot) as transactions:
        bot.slack.click("digest_intro", value=_button(digest, "digest_intro"), message=digest)
        bot.next_call("chat.update")
    assert transactions.count == 1 + 4  # the request; then asking Bob (intro_flow.ask and its delivery)
