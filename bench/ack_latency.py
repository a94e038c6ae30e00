"""Ack latency of `/need-help`: `kindred run` next to a bare Bolt app that only acks, under the same load.

    .venv/bin/python -m bench.ack_latency                          # 2,000 measured requests per app
    .venv/bin/python -m bench.ack_latency --requests 5000 --json ack.json
    .venv/bin/python -m bench.ack_latency --rate 100               # paced: 100 requests a second in all
    .venv/bin/python -m bench.ack_latency --keep /tmp/ack --kindred-command "python my_kindred.py run"

What is measured: the time from sending a signed `/need-help` slash command (form-encoded and signed
exactly as Slack sends it) until the whole HTTP response, the ack, has been read, at 20 concurrent
clients, each sending one request after another over a keep-alive connection. Slack gives up after 3 s.
By default each client sends again as soon as it has its ack, so the apps run flat out (this measures
latency at each app's own saturation throughput); `--rate` paces the clients to a fixed total rate.

How: three processes are started besides this one, each on a free local port:
- the fake Slack Web API (`bench.fake_slack_process`), which also hands out a fresh `trigger_id` per
  request, exchangeable once within 3 s as on Slack;
- `kindred run --port P` in HTTP mode (SQLite in a temporary folder, Web API pointed at the fake);
- `bench.bare_bolt_app`: the same settings, client, listener executor and WSGI server, with a
  `/need-help` listener that only calls `ack()`.
Each app gets an unmeasured warm-up, then the measured requests are sent in `--rounds` blocks that
alternate between the apps, so background noise on the machine falls on both. After each Kindred block
the benchmark waits until Kindred's work after the ack (views.open) has reached the fake, so it does not
spill into the bare app's block. As a sanity check it reports how many views.open calls the fake received
and with which errors, and the warnings and errors in Kindred's log. The CPU time each server process
used per request includes the work after the ack. `--keep DIR` keeps the logs and databases;
`--kindred-command` serves Kindred some other way (it is given `--port P`), e.g. to compare a change.
"""

import argparse
import json
import math
import os
import shlex
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.ack_load import Block, Load, percentile, run_load
from bench.ack_processes import (
    BARE_COMMAND,
    SIGNING_SECRET,
    TEAM_ID,
    Fake,
    Server,
    cpu_seconds,
    fake_stats,
    free_port,
    kindred_command,
    start_fake,
    start_server,
    stop,
    thread_count,
)
from bench.machine import machine

KINDRED, BARE = "kindred", "bare Bolt"
SETTLE_TIMEOUT = 60.0


# --- measuring -------------------------------------------------------------------------------------


def settle(fake: Fake, kindred: Server) -> float | None:
    """Wait until every acked Kindred command has reached the fake as a views.open; the seconds it took,
    or None when it had not after SETTLE_TIMEOUT."""
    started = time.monotonic()
    while time.monotonic() - started < SETTLE_TIMEOUT:
        if fake_stats(fake).get("views.open", {}).get("calls", 0) >= kindred.acked_total:
            return time.monotonic() - started
        time.sleep(0.05)
    return None


def load_for(server: Server, fake: Fake, args: argparse.Namespace) -> Load:
    interval = None if args.rate is None else args.clients / args.rate
    return Load(server.url, fake.control_url, SIGNING_SECRET, TEAM_ID, fake.users, args.clients, interval)


def measure_block(server: Server, fake: Fake, kindred: Server, args: argparse.Namespace, count: int) -> Block:
    """One measured block; the server's CPU time includes Kindred's work after the acks (settled)."""
    cpu_before = cpu_seconds(server.process.pid)
    block = run_load(load_for(server, fake, args), count, max_seconds=args.max_seconds)
    server.acked_total += block.acked
    if server is kindred:
        kindred.settle_seconds.append(settle(fake, kindred))
    server.cpu_seconds += cpu_seconds(server.process.pid) - cpu_before
    return block


def warm_up(servers: list[Server], fake: Fake, kindred: Server, args: argparse.Namespace) -> None:
    for server in servers:
        block = run_load(load_for(server, fake, args), args.warmup, max_seconds=args.max_seconds)
        server.acked_total += block.acked
        errors = dict(block.errors) or "none"
        print(f"warm-up {server.name}: {block.acked} acked, errors {errors}", flush=True)
    kindred.settle_seconds.append(settle(fake, kindred))


def run_rounds(servers: list[Server], fake: Fake, args: argparse.Namespace) -> None:
    kindred = servers[0]
    warm_up(servers, fake, kindred, args)
    per_block = math.ceil(args.requests / args.rounds)
    for number in range(args.rounds):
        count = min(per_block, args.requests - number * per_block)
        for server in servers if number % 2 == 0 else servers[::-1]:
            block = measure_block(server, fake, kindred, args, count)
            server.blocks.append(block)
            p99 = percentile(sorted(block.latencies_ms), 99)
            print(f"round {number + 1} {server.name}: {block.acked} acked, p99 {p99:.1f} ms", flush=True)


# --- reporting -------------------------------------------------------------------------------------


def summary(server: Server) -> dict[str, Any]:
    latencies = sorted(ms for block in server.blocks for ms in block.latencies_ms)
    errors: Counter[str] = Counter()
    for block in server.blocks:
        errors.update(block.errors)
    seconds = sum(block.seconds for block in server.blocks)
    return {
        "acked": len(latencies),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "p50_ms": percentile(latencies, 50),
        "p90_ms": percentile(latencies, 90),
        "p99_ms": percentile(latencies, 99),
        "max_ms": latencies[-1] if latencies else float("nan"),
        "mean_ms": sum(latencies) / len(latencies) if latencies else float("nan"),
        "requests_per_second": len(latencies) / seconds if seconds else 0.0,
        "server_cpu_ms_per_request": 1000 * server.cpu_seconds / len(latencies) if latencies else None,
        "server_threads": thread_count(server.process.pid),
    }


def log_problems(path: Path) -> dict[str, int]:
    """Distinct warning and error messages (with how often each came) in a text-format log."""
    found: Counter[str] = Counter()
    for line in path.read_text(errors="replace").splitlines():
        parts = line.split(" ", 3)  # date, time, level, "logger: message"
        if len(parts) == 4 and parts[2] in ("WARNING", "ERROR", "CRITICAL"):
            found[f"{parts[2]} {parts[3][:160]}"] += 1
    return dict(found)


def markdown(result: dict[str, Any]) -> str:
    return "\n".join([*table(result["apps"]), "", *sanity(result), *setting(result)])


def table(apps: dict[str, dict[str, Any]]) -> list[str]:
    rows = [
        "| app | acked | errors | p50 ms | p90 ms | p99 ms | max ms | req/s | server CPU ms/req |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in apps.items():
        cpu = row["server_cpu_ms_per_request"]
        rows.append(
            f"| {name} | {row['acked']:,} | {row['errors']} | {row['p50_ms']:.1f} | {row['p90_ms']:.1f} "
            f"| {row['p99_ms']:.1f} | {row['max_ms']:.1f} | {row['requests_per_second']:.0f} "
            f"| {'n/a' if cpu is None else f'{cpu:.1f}'} |"
        )
    return rows


def sanity(result: dict[str, Any]) -> list[str]:
    views = result["fake_slack"].get("views.open", {"calls": 0, "ok": 0, "errors": {}})
    waits = result["kindred_settle_seconds"]
    settled = (
        f"within {max(waits):.1f} s of each block's end"
        if None not in waits
        else f"**not** within {SETTLE_TIMEOUT:.0f} s after some blocks"
    )
    problems = "; ".join(f"{message} (×{count})" for message, count in result["kindred_log"].items())
    return [
        f"- p99 ratio (Kindred / bare): **{result['p99_ratio']:.2f}×** (target ≤ 1.5×; Slack allows "
        f"3,000 ms); p50 ratio {result['p50_ratio']:.2f}×.",
        f"- views.open calls the fake received: {views['calls']:,} ({views['ok']:,} ok, errors "
        f"{views['errors'] or 'none'}) for {result['kindred_acked_total']:,} acked Kindred commands "
        f"(warm-up included); they had all arrived {settled}.",
        f"- Kindred's log: {problems or 'no warnings or errors'}.",
    ]


def setting(result: dict[str, Any]) -> list[str]:
    box, config = result["machine"], result["config"]
    pace = "each client sending again at once" if config["rate"] is None else f"{config['rate']:g} req/s"
    return [
        f"- {config['clients']} clients ({pace}), {config['requests']:,} measured requests per app in "
        f"{config['rounds']} alternating rounds after {config['warmup']} warm-up; {box['cpus']} × "
        f"{box['cpu_model']}, Python {box['python']}; load average {result['load_average']['before']} "
        f"before, {result['load_average']['after']} after.",
    ]


def ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def report(servers: list[Server], fake: Fake, args: argparse.Namespace, load_before: str) -> dict[str, Any]:
    apps = {server.name: summary(server) for server in servers}
    kindred, bare = apps[KINDRED], apps[BARE]
    return {
        "machine": machine(),
        "load_average": {"before": load_before, "after": _load_average()},
        "config": {key: getattr(args, key) for key in ("requests", "clients", "rounds", "warmup", "rate")},
        "apps": apps,
        "p99_ratio": ratio(kindred["p99_ms"], bare["p99_ms"]),
        "p50_ratio": ratio(kindred["p50_ms"], bare["p50_ms"]),
        "kindred_acked_total": servers[0].acked_total,
        "kindred_settle_seconds": servers[0].settle_seconds,
        "fake_slack": fake_stats(fake),
        "kindred_log": log_problems(servers[0].log_path),
    }


def _load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# --- main ------------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="measured requests per app")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--rounds", type=int, default=4, help="alternating measured blocks per app")
    parser.add_argument("--warmup", type=int, default=200, help="unmeasured requests per app first")
    parser.add_argument(
        "--rate", type=float, help="total requests per second, paced (default: each client sends at once)"
    )
    parser.add_argument("--max-seconds", type=float, default=300.0, help="give up on a block after this")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--keep", type=Path, help="keep the databases and logs in this folder")
    parser.add_argument(
        "--kindred-command",
        type=shlex.split,
        help="what serves Kindred, given `--port P` (default: the `kindred run` next to this Python)",
    )
    args = parser.parse_args()
    if min(args.requests, args.clients, args.rounds) < 1 or args.warmup < 0 or (args.rate or 1) <= 0:
        parser.error("--requests, --clients, --rounds and --rate must be positive, --warmup not negative")
    return args


def main() -> None:
    args = parse_args()
    load_before = _load_average()
    processes: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory(prefix="kindred-ack-") as name:
        folder = Path(name) if args.keep is None else args.keep
        folder.mkdir(parents=True, exist_ok=True)
        try:
            fake = start_fake(folder, users=args.clients)
            processes.append(fake.process)
            servers = []
            for app, command in ((KINDRED, args.kindred_command or kindred_command()), (BARE, BARE_COMMAND)):
                port = free_port()
                servers.append(start_server(app, [*command, "--port", str(port)], fake, folder, port))
                processes.append(servers[-1].process)
            run_rounds(servers, fake, args)
            result = report(servers, fake, args, load_before)
        finally:
            for process in reversed(processes):
                stop(process)
    print()
    print(markdown(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
