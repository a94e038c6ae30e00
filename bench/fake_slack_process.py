"""The fake Slack Web API (`tests/fakeslack`) in a process of its own, for benchmarks.

    .venv/bin/python -m bench.fake_slack_process --token xoxb-bench --team T0BENCH --users 20
    .venv/bin/python -m bench.fake_slack_process --community-users 100000   # U00000000… (bench.community)

Running the fake in its own process keeps its work (Block Kit checks, bookkeeping) from competing for the
GIL with the process that measures. It prints one JSON line on standard output and serves until SIGTERM:

    {"api_url": "http://127.0.0.1:…/api/", "control_url": "http://127.0.0.1:…", "token": …, "team_id": …,
     "users": ["U0BENCH001", …]}

Besides the Web API, a small control server (HTTP/1.1, keep-alive) answers what a benchmark cannot ask
a fake in another process directly:

- `GET /command-ids`: a fresh `trigger_id` (exchangeable once, within 3 s, as on Slack) and `response_url`
  for one slash command;
- `GET /stats`: every Web API method called so far, with how many calls succeeded and which errors the
  others got.
"""

import argparse
import json
import signal
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import FrameType
from typing import Any

from tests.fakeslack import FakeSlack


class _ControlServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    fake: FakeSlack


class _ControlHandler(BaseHTTPRequestHandler):
    server: _ControlServer
    protocol_version = "HTTP/1.1"  # keep-alive, so a client thread reuses one connection

    def log_message(self, format: str, *args: Any) -> None:
        """Silence per-request logging."""

    def do_GET(self) -> None:
        fake = self.server.fake
        if self.path == "/command-ids":
            self._reply(200, {"trigger_id": fake.issue_trigger_id(), "response_url": fake.new_response_url()})
        elif self.path == "/stats":
            self._reply(200, {"methods": call_stats(fake)})
        else:
            self._reply(404, {"error": "not found"})

    def _reply(self, status: int, body: dict[str, Any]) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def call_stats(fake: FakeSlack) -> dict[str, dict[str, Any]]:
    """Per Web API method: calls, successful calls and the error codes of the rest."""
    calls: Counter[str] = Counter()
    succeeded: Counter[str] = Counter()
    errors: dict[str, Counter[str]] = {}
    for call in fake.calls:
        calls[call.method] += 1
        if call.ok:
            succeeded[call.method] += 1
        else:
            errors.setdefault(call.method, Counter())[str(call.response.get("error") or call.status)] += 1
    return {
        method: {"calls": count, "ok": succeeded[method], "errors": dict(errors.get(method, {}))}
        for method, count in sorted(calls.items())
    }


def bench_users(count: int) -> list[str]:
    return [f"U0BENCH{number:03d}" for number in range(1, count + 1)]


def start(
    token: str, team_id: str, users: list[str], community_users: int = 0
) -> tuple[FakeSlack, _ControlServer]:
    fake = FakeSlack(token=token, team_id=team_id).start()
    for user_id in users:
        fake.add_user(user_id, name=user_id.lower(), real_name=f"Bench {user_id[-3:]}", tz="Europe/Berlin")
    for number in range(community_users):  # the members `bench.community.populate` writes
        fake.add_user(f"U{number:08d}")
    control = _ControlServer(("127.0.0.1", 0), _ControlHandler)
    control.fake = fake
    threading.Thread(target=control.serve_forever, name="control", daemon=True).start()
    return fake, control


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--token", default="xoxb-bench-fake-token")
    parser.add_argument("--team", default="T0BENCH")
    parser.add_argument("--users", type=int, default=20, help="workspace members U0BENCH001…")
    parser.add_argument(
        "--community-users", type=int, default=0, help="also the members of bench.community: U00000000…"
    )
    args = parser.parse_args()

    stopping = threading.Event()

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    users = bench_users(args.users)
    fake, control = start(args.token, args.team, users, args.community_users)
    ready = {
        "api_url": fake.api_url,
        "control_url": f"http://127.0.0.1:{control.server_address[1]}",
        "token": fake.token,
        "team_id": fake.team_id,
        "users": users,
    }
    print(json.dumps(ready), flush=True)
    try:
        stopping.wait()
    finally:
        control.shutdown()
        control.server_close()
        fake.stop()


if __name__ == "__main__":
    main()
