"""The client side of `bench.ack_latency`: signed `/need-help` requests from concurrent keep-alive clients.

Each client thread owns one keep-alive connection to the app under test and one to the fake Slack's
control server. Per request it first (untimed) fetches a fresh `trigger_id` and `response_url` from the
fake and signs the form body as Slack does; the timed part is sending the request until the whole response
(the ack) has been read. Clients take requests from a shared quota until it is used up (a closed loop:
at most `clients` requests are in flight at any time). By default each client sends its next request as
soon as the last was acked, which saturates the app; with an `interval` each client sends on a fixed
schedule instead (staggered between clients, never more than one request in flight per client: a late
request is sent at once, and its latency is counted from when it was actually sent).
"""

import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.client import HTTPConnection, HTTPException
from typing import Any
from urllib.parse import urlencode, urlsplit

from bot.slack import ids
from tests.e2e.slack_platform import APP_ID, VERIFICATION_TOKEN, sign

HTTP_TIMEOUT = 10.0
TEXT = "someone to look over my pricing page, and help with bookkeeping"


@dataclass
class Block:
    """One measured run against one app: latencies of the requests that were acked, and the failures."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def acked(self) -> int:
        return len(self.latencies_ms)


@dataclass(frozen=True)
class Load:
    app_url: str
    control_url: str
    secret: str
    team_id: str
    users: list[str]
    clients: int
    interval: float | None = None  # seconds between one client's sends; None: send again at once


def command_fields(command_ids: dict[str, str], *, team_id: str, user: str) -> dict[str, str]:
    """A slash command's form fields, shaped exactly like Slack's (see tests/e2e/slack_platform.py)."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": "bench",
        "channel_id": "C0GENERAL",
        "channel_name": "general",
        "user_id": user,
        "user_name": user.lower(),
        "command": ids.NEED_HELP_COMMAND,
        "text": TEXT,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": command_ids["response_url"],
        "trigger_id": command_ids["trigger_id"],
    }


def signed_headers(secret: str, body: bytes) -> dict[str, str]:
    stamp = int(time.time())
    return {
        "Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        "X-Slack-Request-Timestamp": str(stamp),
        "X-Slack-Signature": sign(secret, stamp, body),
    }


def connect(url: str) -> HTTPConnection:
    parts = urlsplit(url)
    connection = HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=HTTP_TIMEOUT)
    connection.connect()
    return connection


def get_json(connection: HTTPConnection, path: str) -> Any:
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise HTTPException(f"{path} answered {response.status}")
    return json.loads(body)


class Client:
    """One simulated Slack delivery channel: sequential requests over keep-alive connections."""

    def __init__(self, load: Load, user: str) -> None:
        self.load, self.user = load, user
        self.app = connect(load.app_url)
        self.control = connect(load.control_url)

    def request(self) -> tuple[float | None, str | None]:
        """One command: (latency in ms, None) when acked with 200, else (None, what went wrong)."""
        command_ids = get_json(self.control, "/command-ids")
        fields = command_fields(command_ids, team_id=self.load.team_id, user=self.user)
        body = urlencode(fields).encode()
        headers = signed_headers(self.load.secret, body)
        started = time.perf_counter_ns()
        try:
            self.app.request("POST", "/slack/events", body=body, headers=headers)
            response = self.app.getresponse()
            response.read()
        except (OSError, HTTPException) as error:
            self.app.close()  # http.client reconnects on the next request
            return None, type(error).__name__
        elapsed_ms = (time.perf_counter_ns() - started) / 1e6
        if response.status != 200:
            return None, f"HTTP {response.status}"
        return elapsed_ms, None

    def close(self) -> None:
        self.app.close()
        self.control.close()


class Quota:
    """A shared countdown of requests still to send; stops handing out requests after the deadline."""

    def __init__(self, count: int, deadline: float) -> None:
        self._left, self._deadline = count, deadline
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self._left <= 0 or time.monotonic() > self._deadline:
                return False
            self._left -= 1
            return True


class Pace:
    """A client's send schedule: every `interval` seconds from a random phase, or no waiting at all."""

    def __init__(self, interval: float | None) -> None:
        self.interval = interval
        self.due = time.monotonic() + (random.uniform(0, interval) if interval else 0.0)

    def wait(self) -> None:
        if self.interval is None:
            return
        time.sleep(max(0.0, self.due - time.monotonic()))
        self.due += self.interval


def run_client(load: Load, user: str, quota: Quota, block: Block, lock: threading.Lock) -> None:
    try:
        client = Client(load, user)
    except (OSError, HTTPException) as refused:
        with lock:
            block.errors[f"connect: {type(refused).__name__}"] += 1
        return
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    pace = Pace(load.interval)
    try:
        while quota.take():
            pace.wait()
            try:
                latency, problem = client.request()
            except (OSError, HTTPException, ValueError) as failure:  # the fake's control server
                latency, problem = None, f"control: {type(failure).__name__}"
                client.control.close()
            if latency is not None:
                latencies.append(latency)
            else:
                errors[problem or "unknown"] += 1
    finally:
        client.close()
        with lock:
            block.latencies_ms.extend(latencies)
            block.errors.update(errors)


def run_load(load: Load, count: int, *, max_seconds: float) -> Block:
    """Send `count` requests from `load.clients` threads; give up on whatever is left after `max_seconds`."""
    block, lock = Block(), threading.Lock()
    quota = Quota(count, time.monotonic() + max_seconds)
    threads = [
        threading.Thread(
            target=run_client,
            args=(load, load.users[number % len(load.users)], quota, block, lock),
            name=f"client-{number}",
            daemon=True,
        )
        for number in range(load.clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    join_by = time.monotonic() + max_seconds + 3 * HTTP_TIMEOUT
    for thread in threads:
        thread.join(timeout=max(0.0, join_by - time.monotonic()))
    block.seconds = time.perf_counter() - started
    stuck = sum(thread.is_alive() for thread in threads)
    with lock:
        if stuck:
            block.errors["client thread still running"] += stuck
        unsent = count - block.acked - sum(block.errors.values())
        if unsent > 0:
            block.errors["not sent before the deadline"] += unsent
    return block


def percentile(ordered: list[float], percent: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * percent // 100))
    return ordered[int(rank) - 1]
