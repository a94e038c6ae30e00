"""Kindred as real processes (`kindred run`, `kindred tick`): tests about signals, crashes and replicas."""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import text

from bot.db import make_engine
from bot.demo import demo_text
from tests.e2e.conftest import SIGNING_SECRET
from tests.fakeslack import FakeSlack
from tests.fakeslack.server import FaultFn
from tests.fakeslack.wire import Fault

Community = dict[str, Any]


@contextmanager
def slack_knowing_the_demo() -> Iterator[tuple[FakeSlack, Community]]:
    """A fake Slack whose workspace holds the demo community's people, and that community."""
    community = json.loads(demo_text())
    with FakeSlack(team_id=community["team_id"]) as fake:
        for member in community["members"]:
            fake.add_user(member["user_id"], real_name=member["name"])
        yield fake, community


def import_the_demo(env: dict[str, str], folder: Path, *, all_in: str | None = None) -> None:
    """Import the demo community; `all_in` moves every member to that time zone (for tests whose digest is
    due now on the wall clock: each member gets theirs at its time on their own clock)."""
    community = json.loads(demo_text())
    for member in community["members"] if all_in else []:
        member["timezone"] = all_in
    (folder / "community.json").write_text(json.dumps(community))
    with KindredProcess(["import", "community.json"], env, folder) as loading:
        assert loading.wait() == 0


def slow_dm(number: int, seconds: float, started: threading.Event) -> FaultFn:
    """A fault rule: Slack takes `seconds` to post the `number`th DM (and then posts it); `started` is set
    when it begins, so a test can kill the sender meanwhile."""

    def rule(method: str, _args: dict, n: int) -> Fault | None:
        if method == "chat.postMessage" and n == number:
            started.set()
            time.sleep(seconds)
        return None

    return rule


def digest_due_now() -> dict[str, str]:
    """Settings that make this week's digest due since two minutes ago for members in UTC (import the demo
    `all_in="UTC"`), as `kindred run` sees it, whatever the hour: no quiet hours."""
    since = datetime.now(UTC) - timedelta(minutes=2)
    if since.weekday() == 0 and since.time() < dt_time(0, 3):  # just after the week turned: wait it out
        time.sleep(180)
        since = datetime.now(UTC) - timedelta(minutes=2)
    return {
        "KINDRED_TIMEZONE": "UTC",
        "KINDRED_DIGEST_DAY": ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[since.weekday()],
        "KINDRED_DIGEST_TIME": since.strftime("%H:%M"),
        "KINDRED_QUIET_HOURS": "off",
    }


def kindred_command(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS…` in a process of its own, waited for (a minute at most)."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def digests_in(fake: FakeSlack, user_id: str) -> int:
    """How many digest DMs `user_id` has (each carries its delivery key in message metadata)."""
    return sum(
        1
        for message in fake.messages(user_id)
        if str((message.get("metadata") or {}).get("event_payload", {}).get("key", "")).startswith("digest:")
    )


def kindred_env(fake: FakeSlack, database_url: str, **settings: str) -> dict[str, str]:
    """The environment of a Kindred process talking to `fake`: no setting leaks in from the test run."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KINDRED_", "DATABASE_"))}
    return {
        **inherited,
        "SLACK_BOT_TOKEN": fake.token,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "DATABASE_URL": database_url,
        "KINDRED_SLACK_MESSAGES_PER_SECOND": "50",
        **settings,
    }


class KindredProcess:
    """`python -m bot ARGS` with its log lines collected as they come."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", *args],
            env=env,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._lines: list[str] = []
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._lock:
                self._lines.append(line.rstrip("\n"))

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def log(self) -> list[str]:
        with self._lock:
            return list(self._lines)

    def said(self, pattern: str) -> bool:
        return any(re.search(pattern, line) for line in self.log)

    def wait_for_log(self, pattern: str, timeout: float = 60.0) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.log:
                found = re.search(pattern, line)
                if found:
                    return found
            if self.process.poll() is not None:
                self._reader.join(timeout=5)
                break
            time.sleep(0.05)
        for line in self.log:
            found = re.search(pattern, line)
            if found:
                return found
        tail = "\n".join(self.log[-30:])
        stacks = self._stacks()
        raise AssertionError(
            f"process {self.pid} never logged {pattern!r} (exit {self.process.poll()}):\n{tail}{stacks}"
        )

    def port(self) -> int:
        return int(self.wait_for_log(r"listening on http://[\d.]+:(\d+)").group(1))

    def signal(self, signum: signal.Signals) -> None:
        self.process.send_signal(signum)

    def wait(self, timeout: float = 60.0) -> int:
        """The exit code; AssertionError after `timeout` seconds, with every thread's stack (`kindred run`
        prints them on SIGUSR1) and the end of the log, so a process that does not stop shows where."""
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            tail = "\n".join(self.log[-40:])
            stacks = self._stacks()
            raise AssertionError(
                f"process {self.pid} did not exit within {timeout:.0f} s:\n{tail}{stacks}"
            ) from None
        self._reader.join(timeout=5)
        return code

    def _stacks(self) -> str:
        """Every thread's stack of a process still running (`kindred run` prints them on SIGUSR1, to
        stderr), which then ends; empty once it has exited."""
        if self.process.poll() is not None:
            return ""
        seen = len(self.log)
        self.process.send_signal(signal.SIGUSR1)
        time.sleep(1)  # written at once, by a C handler; the reader needs a moment
        self.process.kill()
        self.process.wait(timeout=30)
        self._reader.join(timeout=5)
        return "\n--- its threads when it was stopped:\n" + "\n".join(self.log[seen:])

    def __enter__(self) -> "KindredProcess":
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


def eventually(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


def digest_deliveries(database_url: str) -> dict[str, int]:
    """How many digest deliveries are in each status (sent, pending, failed) in the database."""
    engine = make_engine(database_url)
    query = text("SELECT status, count(*) FROM deliveries WHERE key LIKE 'digest:%' GROUP BY status")
    with engine.connect() as connection:
        found = {str(status): int(count) for status, count in connection.execute(query).all()}
    engine.dispose()
    return found
