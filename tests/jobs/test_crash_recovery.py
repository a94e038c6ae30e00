"""`kindred tick` killed with SIGKILL in the middle of the digest (while Slack is posting a DM): running it
again delivers the rest, and the DM that was in flight, exactly once."""

import signal
import threading
import time
from pathlib import Path

import pytest

from bot.cli import main
from tests.processes import (
    KindredProcess,
    digest_deliveries,
    digests_in,
    import_the_demo,
    kindred_env,
    slack_knowing_the_demo,
    slow_dm,
)

KILL_AT_DM = 7
NOW = "2026-11-23T09:05"  # five minutes after the digest's time (Monday 09:00 UTC)


def test_a_digest_killed_mid_send_is_finished_exactly_once(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with slack_knowing_the_demo() as (fake, community):
        env = kindred_env(fake, database_url, KINDRED_TIMEZONE="UTC")
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        import_the_demo(env, tmp_path)
        posting = threading.Event()
        fake.set_fault(slow_dm(KILL_AT_DM, 1, posting))  # the sender is killed meanwhile; Slack posts it
        with KindredProcess(["tick", "--now", NOW], env, tmp_path) as first:
            assert posting.wait(timeout=60), "the digest never started"
            first.signal(signal.SIGKILL)
            assert first.wait() == -signal.SIGKILL
        fake.set_fault(None)
        time.sleep(1.5)  # let the fake finish posting the DM in flight
        assert sum(digests_in(fake, m["user_id"]) for m in community["members"]) == KILL_AT_DM
        assert digest_deliveries(database_url) == {"sent": KILL_AT_DM - 1, "pending": 1}

        # A minute later the DM in flight is still claimed: the others go out, it is not sent again.
        assert main(["tick", "--now", "2026-11-23T09:06"]) == 0
        planned = sum(digest_deliveries(database_url).values())
        assert digest_deliveries(database_url) == {"sent": planned - 1, "pending": 1}
        assert len(fake.calls_to("chat.postMessage")) == planned
        # After the claim's two-minute lease its DM is looked up in Slack, found, and recorded as sent.
        assert main(["tick", "--now", "2026-11-23T09:10"]) == 0
        assert digest_deliveries(database_url) == {"sent": planned}
        assert main(["tick", "--now", "2026-11-23T09:15"]) == 0  # nothing is left to do

    assert len(fake.calls_to("chat.postMessage")) == planned
    counts = [digests_in(fake, m["user_id"]) for m in community["members"]]
    assert set(counts) <= {0, 1}  # nobody has two
    assert sum(counts) == planned > KILL_AT_DM
