"""`kindred run` in Socket Mode as a real process, against the fake Slack's Socket Mode server: it connects,
comes back quickly (and without spinning) when a connection is dropped without a close frame (FIN or RST),
handles a redelivered envelope once, shares the work with a second replica, and closes cleanly on
SIGTERM."""

import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bot.db import make_engine
from tests.e2e.conftest import BOT_TOKEN
from tests.e2e.socket_platform import SocketPlatform
from tests.fakeslack import FakeSlack
from tests.fakeslack.socket_mode import Link, SocketModeServer
from tests.processes import KindredProcess, eventually, kindred_command, kindred_env

RECONNECT_WITHIN = 10.0  # seconds, from the drop to a new connection
CPU_WHILE_RECONNECTING = 2.0  # seconds of CPU the process may use meanwhile (a spin would use them all)
STOP_WITHIN = 15.0  # seconds from SIGTERM to exit, whatever the connection is doing (about 2 s when idle)


def socket_env(fake: FakeSlack, tmp_path: Path, **settings: str) -> dict[str, str]:
    env = kindred_env(
        fake, f"sqlite:///{tmp_path / 'kindred.db'}", **{"SLACK_APP_TOKEN": fake.app_token, **settings}
    )
    del env["SLACK_SIGNING_SECRET"]
    return env


@contextmanager
def socket_mode_kindred(fake: FakeSlack, tmp_path: Path) -> Iterator[KindredProcess]:
    """`kindred run` in Socket Mode, once it has connected."""
    with KindredProcess(["run", "--port", "0"], socket_env(fake, tmp_path), tmp_path) as kindred:
        kindred.wait_for_log("connected to Slack in Socket Mode")
        fake.socket_mode.wait_for_steady(1)
        yield kindred


def offers_stored(tmp_path: Path) -> int:
    engine = make_engine(f"sqlite:///{tmp_path / 'kindred.db'}")
    with engine.connect() as connection:
        count = int(connection.execute(text("SELECT count(*) FROM offers")).scalar_one())
    engine.dispose()
    return count


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def dropped_and_back(
    server: SocketModeServer, kindred: KindredProcess, link: Link, *, reset: bool = False
) -> Link:
    """Drop `link` without a close frame (a FIN, or with `reset` an RST) and return the connection that
    replaces it, after checking it came within RECONNECT_WITHIN seconds and without spinning a CPU."""
    cpu_before, dropped_at = cpu_seconds(kindred.pid), time.monotonic()
    server.drop(link, reset=reset)
    back = server.wait_for_link(newer_than=link.number, timeout=RECONNECT_WITHIN)
    assert time.monotonic() - dropped_at < RECONNECT_WITHIN
    assert cpu_seconds(kindred.pid) - cpu_before < CPU_WHILE_RECONNECTING
    return back


def offer_form(slack: SocketPlatform, fake: FakeSlack, *, seen: int = 0) -> dict[str, Any]:
    """Ask for the offer form and return the modal the bot opened (the `seen`+1th)."""
    assert slack.command("/offer-help", "Copy editing for newsletters").status == 200
    call = fake.wait_for(
        "views.open", count=seen + 1, where=lambda c: c.args["view"].get("callback_id") == "offer_modal"
    )[seen]
    view = fake.view(call.response["view"]["id"])
    assert view is not None
    return view


def test_a_dropped_connection_comes_back_fast_and_a_redelivered_submission_is_stored_once(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    server = fake_slack.socket_mode
    with socket_mode_kindred(fake_slack, tmp_path) as kindred:
        first = server.wait_for_link()
        slack = SocketPlatform(fake=fake_slack)
        submission = slack.submission(offer_form(slack, fake_slack), user="U0ALICE")
        server.send("interactive", submission, envelope_id="env-submit-1")
        eventually(lambda: offers_stored(tmp_path) == 1, 10, "the offer to be stored")

        # A proxy closes the connection with a plain FIN: no close frame.
        second = dropped_and_back(server, kindred, first)

        # Slack thought the ack was lost and delivers the same envelope again on the new connection.
        ack = server.send("interactive", submission, envelope_id="env-submit-1", link=second)
        assert ack["envelope_id"] == "env-submit-1"
        # The same form in a new envelope (another replica's redelivery, a double submit): still one offer.
        server.send("interactive", submission, envelope_id="env-submit-2", link=second)
        time.sleep(0.5)
        assert offers_stored(tmp_path) == 1
        assert kindred.said("delivered again: already handled")

        # Slack asks for a fresh connection: the app opens one, then closes the old one with a close frame.
        server.ask_to_reconnect(link=second)
        third = server.wait_for_link(newer_than=second.number, timeout=RECONNECT_WITHIN)
        server.wait_until_closed(second)
        assert second.close_code is not None
        assert slack.command("/kindred", "help").status == 200
        assert third.open

        kindred.signal(signal.SIGTERM)
        assert kindred.wait(timeout=30) == 0
    server.wait_until_closed(third)
    assert third.close_code == 1000, "SIGTERM should close the connection with a normal close frame"
    assert not any("Traceback" in line for line in kindred.log)


def test_a_reset_connection_comes_back_fast_too_and_sigterm_while_reconnecting_stops_at_once(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    server = fake_slack.socket_mode
    with socket_mode_kindred(fake_slack, tmp_path) as kindred:
        back = dropped_and_back(server, kindred, server.wait_for_link(), reset=True)
        slack = SocketPlatform(fake=fake_slack)
        assert slack.command("/kindred", "help").status == 200

        # Dropped again, and SIGTERM while the app is opening the next connection (the runner thread
        # starts it half a second after the new URL): the process exits promptly, every thread of the
        # Socket Mode client stopped (none left behind by close()'s bounded join).
        server.drop(back)
        time.sleep(0.5)
        kindred.signal(signal.SIGTERM)
        assert kindred.wait(timeout=STOP_WITHIN) == 0
    assert not kindred.said("did not stop"), "\n".join(kindred.log[-30:])
    assert not any("Traceback" in line for line in kindred.log)


def test_sigterm_finishes_the_work_in_hand_then_closes_the_connection_cleanly(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    server = fake_slack.socket_mode
    with socket_mode_kindred(fake_slack, tmp_path) as kindred:
        link = server.wait_for_link()
        fake_slack.set_fault(_slow("views.open", 1.5))  # the form is still opening when SIGTERM comes
        slack = SocketPlatform(fake=fake_slack)
        assert slack.command("/offer-help", "Copy editing").status == 200
        kindred.signal(signal.SIGTERM)
        assert kindred.wait(timeout=30) == 0
    opened = fake_slack.calls_to("views.open")
    assert len(opened) == 1
    assert opened[0].response["ok"], "the form in hand should still open"
    server.wait_until_closed(link)
    assert link.close_code == 1000, "SIGTERM should close the connection with a normal close frame"


def test_two_replicas_handle_each_envelope_once_and_one_runs_the_scheduler(
    fake_slack: FakeSlack, tmp_path: Path
) -> None:
    server = fake_slack.socket_mode
    env = socket_env(fake_slack, tmp_path)
    with (
        KindredProcess(["run", "--port", "0"], env, tmp_path) as one,
        KindredProcess(["run", "--port", "0"], env, tmp_path) as other,
    ):
        for replica in (one, other):
            replica.wait_for_log("connected to Slack in Socket Mode")
        first, second = server.wait_for_steady(2)
        slack = SocketPlatform(fake=fake_slack)
        submission = slack.submission(offer_form(slack, fake_slack))
        server.send("interactive", submission, envelope_id="env-both", link=first)
        server.send("interactive", submission, envelope_id="env-both", link=second, retry_attempt=1)
        eventually(lambda: offers_stored(tmp_path) == 1, 10, "the offer to be stored")
        time.sleep(0.5)
        assert offers_stored(tmp_path) == 1
        eventually(lambda: one.said("elected") or other.said("elected"), 20, "a leader")
        time.sleep(1)
        assert [one.said("elected:"), other.said("elected:")].count(True) == 1
        for replica in (one, other):
            replica.signal(signal.SIGTERM)
        assert one.wait(timeout=30) == 0
        assert other.wait(timeout=30) == 0


def test_an_app_token_slack_refuses_is_one_line_and_exit_2(fake_slack: FakeSlack, tmp_path: Path) -> None:
    for token in ("xapp-1-A0KINDRED-1-wrongwrongwrong", BOT_TOKEN):
        env = socket_env(fake_slack, tmp_path, SLACK_APP_TOKEN=token)
        done = kindred_command("run", "--port", "0", env=env, cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        problem = [line for line in done.stderr.splitlines() if line.startswith("kindred:")]
        assert len(problem) == 1, done.stderr
        assert "SLACK_APP_TOKEN" in problem[0]


def _slow(method: str, seconds: float) -> Any:
    def rule(called: str, _args: dict[str, Any], _n: int) -> None:
        if called == method:
            time.sleep(seconds)

    return rule
