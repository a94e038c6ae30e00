"""The record of requests already handled: one claim per key, on every database, and old keys pruned."""

from datetime import timedelta

from sqlmodel import select

from bot.db import SessionFactory, session_scope
from bot.handled import KEEP_FOR, Ledger, claim, prune
from bot.models import HandledRequest
from bot.slack.once import event_key, submission_key
from tests.conftest import NOW


def test_a_key_is_claimed_once_and_a_rolled_back_claim_leaves_nothing(sessions: SessionFactory) -> None:
    with session_scope(sessions) as session:
        assert claim(session, "envelope:1", now=NOW)
        assert not claim(session, "envelope:1", now=NOW)
    with session_scope(sessions) as session:
        assert not claim(session, "envelope:1", now=NOW)
    try:
        with session_scope(sessions) as session:
            assert claim(session, "view:V1", now=NOW)
            raise RuntimeError("storing the entry failed")
    except RuntimeError:
        pass
    with session_scope(sessions) as session:  # the failed submission can be sent again
        assert claim(session, "view:V1", now=NOW)


def test_the_ledger_answers_first_time_once_per_key_and_prunes_old_keys(sessions: SessionFactory) -> None:
    ledger = Ledger(sessions, lambda: NOW)
    assert ledger.first_time("event:Ev1")
    assert not ledger.first_time("event:Ev1")
    assert ledger.first_time("event:Ev2")
    with session_scope(sessions) as session:
        prune(session, now=NOW + KEEP_FOR + timedelta(seconds=1))
    with session_scope(sessions) as session:
        assert session.exec(select(HandledRequest)).all() == []


def test_keys_name_what_slack_repeats() -> None:
    assert event_key({"type": "event_callback", "event_id": "Ev0A"}) == "event:Ev0A"
    assert event_key({"type": "url_verification"}) is None
    assert submission_key({"id": "V0123"}) == "view:V0123"
    assert submission_key({}) is None
