"""SIGTERM while a digest is going out and a command's work after its ack is under way: the work finishes,
the digest stops after the DM it is sending (nothing half-written), the process exits 0, and the next run
sends the rest exactly once."""

import signal
import time
from pathlib import Path

from tests.e2e.slack_platform import SlackPlatform
from tests.fakeslack.wire import Fault
from tests.processes import (
    SIGNING_SECRET,
    KindredProcess,
    digest_deliveries,
    digest_due_now,
    digests_in,
    eventually,
    import_the_demo,
    kindred_env,
    slack_knowing_the_demo,
)


def slow_slack(method: str, _args: dict, _n: int) -> Fault | None:
    if method == "chat.postMessage":
        time.sleep(0.2)
    if method == "views.open":
        time.sleep(1.5)
    return None


def test_sigterm_finishes_work_in_hand_and_leaves_nothing_half_done(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'kindred.db'}"
    with slack_knowing_the_demo() as (fake, community):
        env = kindred_env(fake, database_url, KINDRED_TICK_SECONDS="600", **digest_due_now())
        import_the_demo(env, tmp_path, all_in="UTC")
        fake.set_fault(slow_slack)

        with KindredProcess(["run", "--port", "0"], env, tmp_path) as bot:
            slack = SlackPlatform(url=f"http://127.0.0.1:{bot.port()}", secret=SIGNING_SECRET, fake=fake)
            eventually(lambda: len(fake.calls_to("chat.postMessage")) >= 3, 60, "the digest to start")
            assert (
                slack.command("/need-help", "a logo", user=community["members"][0]["user_id"]).status == 200
            )
            bot.signal(signal.SIGTERM)
            stopped_at = time.monotonic()
            assert bot.wait(timeout=60) == 0
            assert time.monotonic() - stopped_at < 30
            assert bot.said("received SIGTERM")
            assert bot.said("stopping; the rest is sent on the next run")

        assert [call.response["ok"] for call in fake.calls_to("views.open")] == [True]  # work after the ack
        sent_before = len(fake.calls_to("chat.postMessage"))
        assert sent_before < 30  # it stopped early instead of sending the whole digest
        assert digest_deliveries(database_url) == {"sent": sent_before}  # no claim left pending

        fake.set_fault(None)
        with KindredProcess(["tick"], env, tmp_path) as tick:
            assert tick.wait() == 0
        counts = [digests_in(fake, member["user_id"]) for member in community["members"]]
        assert set(counts) <= {0, 1}
        assert sum(counts) == sum(digest_deliveries(database_url).values()) > sent_before
