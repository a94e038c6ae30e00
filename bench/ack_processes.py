"""The processes `bench.ack_latency` measures: the fake Slack, `kindred run` and the bare Bolt app.

Each runs in its own process on a free local port, from a temporary working folder (so no `.env` is read),
with the environment stripped of Slack and Kindred settings and given the benchmark's own; its output
goes to a log file in that folder. `stop` ends a process with SIGTERM (its graceful stop), then SIGKILL.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from bench.ack_load import Block

SIGNING_SECRET = "benchfakesigningsecret0000"  # made up: everything runs locally against the fake
BOT_TOKEN = "xoxb-bench-fake-token"
TEAM_ID = "T0BENCH"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0
REPO = Path(__file__).resolve().parent.parent
BARE_COMMAND = [sys.executable, "-m", "bench.bare_bolt_app"]


@dataclass
class Fake:
    process: "subprocess.Popen[bytes]"
    api_url: str
    control_url: str
    users: list[str]


@dataclass
class Server:
    name: str
    process: "subprocess.Popen[bytes]"
    url: str
    log_path: Path
    blocks: list[Block] = field(default_factory=list)
    cpu_seconds: float = 0.0
    acked_total: int = 0  # warm-up included: each should have led to one views.open (Kindred)
    settle_seconds: list[float | None] = field(default_factory=list)  # None: not settled in time


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def child_env(**settings: str) -> dict[str, str]:
    """This environment without any Slack or Kindred settings, plus `settings`; `bench` and `tests`
    importable from the child's temporary working folder (where no `.env` is read)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SLACK_", "KINDRED_")) and name not in ("DATABASE_URL", "PORT")
    }
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env | settings


def spawn(command: list[str], env: dict[str, str], folder: Path, log: IO[bytes]) -> "subprocess.Popen[bytes]":
    return subprocess.Popen(command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)


def start_fake(folder: Path, users: int) -> Fake:
    command = [sys.executable, "-m", "bench.fake_slack_process", "--token", BOT_TOKEN, "--team", TEAM_ID]
    with (folder / "fake.log").open("wb") as log:
        process = subprocess.Popen(
            [*command, "--users", str(users)], cwd=folder, env=child_env(), stdout=subprocess.PIPE, stderr=log
        )
    try:
        ready = json.loads(_first_line(process, START_TIMEOUT))
    except BaseException:
        stop(process)
        raise
    return Fake(process, ready["api_url"], ready["control_url"], ready["users"])


def _first_line(process: "subprocess.Popen[bytes]", timeout: float) -> str:
    assert process.stdout is not None
    os.set_blocking(process.stdout.fileno(), False)
    deadline, seen = time.monotonic() + timeout, b""
    while b"\n" not in seen:
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the fake Slack did not start (see fake.log)")
        seen += process.stdout.read() or b""
        time.sleep(0.05)
    return seen.decode().splitlines()[0]


def start_server(name: str, command: list[str], fake: Fake, folder: Path, port: int) -> Server:
    env = child_env(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake.api_url,
        DATABASE_URL=f"sqlite:///{folder / name.replace(' ', '-')}.db",
    )
    log_path = folder / f"{name.replace(' ', '-')}.log"
    with log_path.open("wb") as log:
        process = spawn(command, env, folder, log)
    server = Server(name, process, f"http://127.0.0.1:{port}", log_path)
    try:
        wait_healthy(server)
    except BaseException:
        stop(process)
        raise
    return server


def wait_healthy(server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited with {server.process.returncode}: {server.log_path}")
        try:
            with urllib.request.urlopen(f"{server.url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{server.name} was not healthy after {START_TIMEOUT:.0f} s: {server.log_path}")


def stop(process: "subprocess.Popen[bytes]") -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)


def kindred_command() -> list[str]:
    script = Path(sys.executable).parent / "kindred"
    return [str(script), "run"] if script.exists() else [sys.executable, "-m", "bot", "run"]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def thread_count(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("Threads:")), None)


def fake_stats(fake: Fake) -> dict[str, Any]:
    with urllib.request.urlopen(f"{fake.control_url}/stats", timeout=10) as response:
        methods: dict[str, Any] = json.loads(response.read())["methods"]
    return methods
