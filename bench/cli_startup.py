"""How long the `kindred` command takes to answer when it has little to do: `--help`, and a settings error.

    .venv/bin/python -m bench.cli_startup                  # 21 runs of each, the venv's `kindred` script
    .venv/bin/python -m bench.cli_startup --runs 51
    PYTHONPATH=/path/to/other/checkout .venv/bin/python -m bench.cli_startup --kindred-command "python -m bot"

Each run is a fresh process started from an empty temporary folder (so no `.env` is read), with the
environment stripped of Slack and Kindred settings. The cases take turns, run after run, so background
load on the machine falls on all of them alike; two unmeasured runs of each come first (file caches).
Reported per case: the median and the quickest wall time, and the median CPU time (user + system) of
the child, which shared machines disturb less than wall time. `python -c pass` is the floor: starting the
interpreter and nothing else.
"""

import argparse
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.machine import machine

CASES = {
    "`python -c pass` (the interpreter alone)": ([sys.executable, "-c", "pass"], {}, 0),
    "`kindred --help`": (["--help"], {}, 0),
    "`kindred digest --help`": (["digest", "--help"], {}, 0),
    "settings error (`PORT=not-a-port kindred digest --dry-run`)": (
        ["digest", "--dry-run"],
        {"PORT": "not-a-port"},
        2,
    ),
}
WARM_UP = 2


def kindred_script() -> list[str]:
    script = Path(sys.executable).parent / "kindred"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def clean_env(**settings: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SLACK_", "KINDRED_")) and name not in ("DATABASE_URL", "PORT")
    }
    return env | settings


def run_once(command: list[str], env: dict[str, str], folder: Path, expected: int) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one fresh process, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=folder, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != expected:
        raise SystemExit(f"{shlex.join(command)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(kindred: list[str], runs: int, folder: Path) -> dict[str, tuple[list[float], list[float]]]:
    commands = {
        name: (args if args[0] == sys.executable else [*kindred, *args], clean_env(**settings), expected)
        for name, (args, settings, expected) in CASES.items()
    }
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in commands}
    for turn in range(WARM_UP + runs):
        for name, (command, env, expected) in commands.items():
            wall, cpu = run_once(command, env, folder, expected)
            if turn >= WARM_UP:
                times[name][0].append(wall)
                times[name][1].append(cpu)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--kindred-command", help="how to start Kindred (default: the venv's kindred script)")
    args = parser.parse_args()
    kindred = shlex.split(args.kindred_command) if args.kindred_command else kindred_script()
    with tempfile.TemporaryDirectory() as folder:
        times = measure(kindred, args.runs, Path(folder))
    print(f"{args.runs} runs of each with {shlex.join(kindred)}; {machine()}")
    print()
    print("| command | wall, median (ms) | wall, quickest (ms) | CPU, median (ms) |")
    print("|---|---:|---:|---:|")
    for name, (walls, cpus) in times.items():
        print(
            f"| {name} | {statistics.median(walls) * 1000:.0f} | {min(walls) * 1000:.0f} "
            f"| {statistics.median(cpus) * 1000:.0f} |"
        )


if __name__ == "__main__":
    main()
