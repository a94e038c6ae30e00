"""Ack latency in Socket Mode: `kindred run` next to a bare Bolt Socket Mode app, under the same load.

    .venv/bin/python -m bench.socket_ack_latency                   # flat out, then 50 a second
    .venv/bin/python -m bench.socket_ack_latency --requests 1000 --rates 0 100

What is measured: the time from the fake Slack sending a `/need-help` `slash_commands` envelope over an
app's Socket Mode connection until the app's ack with the same `envelope_id` is back, from 20 concurrent
senders on that one connection (as Slack multiplexes envelopes on one connection). Slack counts an
envelope as not delivered after 3 s.

How: the fake Slack (Web API and Socket Mode server, `tests/fakeslack`) runs in this process. Two apps
connect to it, each a process of its own on SQLite in a temporary folder:
- `kindred run` in Socket Mode (each envelope claimed once in the database, acked in middleware, then the
  form opened with `views.open`);
- `bench.bare_bolt_app --socket-mode`: Bolt's own websocket-client adapter with its defaults and a
  `/need-help` listener that only acks.
Each app gets an unmeasured warm-up, then the measured requests go in rounds that alternate between the
apps, so background noise falls on both. A rate of 0 means flat out (each sender sends again as soon as
it has its ack); otherwise the senders are paced to that many envelopes a second in all.
"""

import argparse
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.ack_load import percentile
from bench.ack_processes import child_env, cpu_seconds, spawn
from bench.machine import machine
from tests.e2e.socket_platform import SocketPlatform
from tests.fakeslack import FakeSlack
from tests.fakeslack.socket_mode import Link, NoAck

SENDERS = 20
USERS = 20
KINDRED, BARE = "kindred", "bare Bolt"


@dataclass
class App:
    name: str
    process: "subprocess.Popen[bytes]"
    link: Link
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    cpu: float = 0.0
    count: int = 0


def start(name: str, command: list[str], fake: FakeSlack, folder: Path) -> App:
    env = child_env(
        SLACK_BOT_TOKEN=fake.token,
        SLACK_APP_TOKEN=fake.app_token,
        SLACK_API_URL=fake.api_url,
        DATABASE_URL=f"sqlite:///{folder / (name.replace(' ', '_') + '.db')}",
        KINDRED_LOG_LEVEL="WARNING",
    )
    newest = max((link.number for link in fake.socket_mode.links), default=-1)
    process = spawn(command, env, folder, (folder / f"{name.replace(' ', '_')}.log").open("wb"))
    fake.socket_mode.wait_for_link(newer_than=newest, timeout=60)
    time.sleep(12.0)  # the client's start-up reconnect (up to 10 s with Bolt's defaults) settles first
    return App(name, process, fake.socket_mode.wait_for_link(newer_than=newest))


def send_block(app: App, fake: FakeSlack, count: int, rate: float) -> None:
    platform = SocketPlatform(fake=fake)
    users = [f"U0BENCH{n:03d}" for n in range(USERS)]
    lock = threading.Lock()
    remaining = [count]
    interval = SENDERS / rate if rate else 0.0
    cpu_before = cpu_seconds(app.process.pid)

    def sender(number: int) -> None:
        next_at = time.monotonic() + (interval * number / SENDERS)
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            if interval:
                time.sleep(max(0.0, next_at - time.monotonic()))
                next_at += interval
            fields = platform.command_fields("/need-help", "", user=users[number % USERS])
            started = time.perf_counter()
            try:
                fake.socket_mode.send("slash_commands", fields, link=app.link)
            except NoAck:
                with lock:
                    app.errors += 1
                continue
            with lock:
                app.latencies.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=sender, args=(n,)) for n in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    app.cpu += cpu_seconds(app.process.pid) - cpu_before
    app.count += count


def measure(fake: FakeSlack, apps: list[App], *, requests: int, rate: float, rounds: int) -> str:
    for app in apps:
        app.latencies, app.errors, app.cpu, app.count = [], 0, 0.0, 0
        send_block(app, fake, 100, rate)  # warm-up, not measured
        app.latencies, app.errors, app.cpu, app.count = [], 0, 0.0, 0
    for _ in range(rounds):
        for app in apps:
            send_block(app, fake, requests // rounds, rate)
            time.sleep(1.0)  # the work after the acks settles before the other app's turn
    load = f"{rate:.0f} envelopes/s" if rate else "flat out"
    cells = []
    for app in apps:
        ordered = sorted(app.latencies)
        cells.append(
            f"{percentile(ordered, 50):.1f} / {percentile(ordered, 99):.1f} "
            f"(max {ordered[-1]:.0f}, no ack {app.errors}, {app.cpu / max(app.count, 1) * 1000:.1f} ms CPU)"
        )
    kindred, bare = (sorted(app.latencies) for app in apps)
    ratio = percentile(kindred, 99) / percentile(bare, 99)
    return f"| {load} | {cells[0]} | {cells[1]} | {ratio:.2f}× |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="measured envelopes per app and load")
    parser.add_argument("--rates", type=float, nargs="+", default=[0, 50], help="0: flat out")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    print(machine(), file=sys.stderr)
    with tempfile.TemporaryDirectory() as temporary, FakeSlack() as fake:
        folder = Path(temporary)
        for n in range(USERS):
            fake.add_user(f"U0BENCH{n:03d}", real_name=f"Bench {n}")
        apps = [
            start(KINDRED, [sys.executable, "-m", "bot", "run", "--port", "0"], fake, folder),
            start(
                BARE,
                [sys.executable, "-m", "bench.bare_bolt_app", "--port", "0", "--socket-mode"],
                fake,
                folder,
            ),
        ]
        try:
            print("| load | Kindred p50 / p99 (ms) | bare Bolt p50 / p99 (ms) | p99 ratio |")
            print("|---|---:|---:|---:|")
            for rate in args.rates:
                print(measure(fake, apps, requests=args.requests, rate=rate, rounds=args.rounds), flush=True)
        finally:
            for app in apps:
                app.process.terminate()
                app.process.wait(timeout=30)


if __name__ == "__main__":
    main()
