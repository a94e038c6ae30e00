"""What planning a digest costs the serving process: in it (`kindred digest`), or in a child (`kindred run`).

    .venv/bin/python -m bench.planning_apart                   # SQLite, 10000 and 50000 members
    .venv/bin/python -m bench.planning_apart --sizes 10000 --database postgres

For each size, a fresh Python process stands in for the serving process: it loads what `kindred run`
loads, freezes its start-up objects as `kindred run` does, then stores this period's plan either itself
("in process") or through `bot.digest.planning.plan_in_child` ("child process"). Reported for that process:
wall time, peak memory (ru_maxrss), resident memory after planning, and its garbage collector's longest
pause while planning (a pause stops every thread, acks included).
"""

import argparse
import gc
import json
import resource
import tempfile
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.community import NOW, TEAM
from bench.digest_speed import prepare, run_in_fresh_process, timing_into
from bot.db import make_engine, make_session_factory, session_scope
from bot.digest import planning
from bot.digest.service import DigestRules, plan
from bot.heap import freeze_startup_objects

WAYS = ("in process", "child process")


def measure(url: str, way: str) -> dict:
    """Inside the stand-in serving process."""
    import bot.runner  # noqa: F401  (everything `kindred run` loads before it serves)

    sessions = make_session_factory(make_engine(url))
    rules = DigestRules(zone=ZoneInfo("UTC"))
    freeze_startup_objects()
    pauses: list[float] = []
    gc.callbacks.append(timing_into(pauses))
    started = time.perf_counter()
    if way == "in process":
        with session_scope(sessions) as session:
            plan(session, team_id=TEAM, now=NOW, rules=rules)
    else:
        planning.plan_in_child(sessions, team_id=TEAM, now=NOW, rules=rules, stop=threading.Event())
    seconds = time.perf_counter() - started
    gc.callbacks.clear()
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "resident_after_mb": round(_resident_kb() / 1024),
        "longest_gc_pause_ms": round(max(pauses, default=0) * 1000),
    }


def _resident_kb() -> int:
    status = Path("/proc/self/status").read_text()
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--measure", nargs=2, metavar=("URL", "WAY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return
    print(
        "| members | database | planned | seconds | peak memory (MB) | resident after (MB) "
        "| longest GC pause (ms) |"
    )
    print("|---:|---|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            for way in WAYS:  # a fresh database each time: the plan is stored once per period
                where = Path(folder, way.replace(" ", "-"))
                where.mkdir(exist_ok=True)
                url, cleanup = prepare(size, args.database, str(where))
                try:
                    result = run_in_fresh_process("bench.planning_apart", "--measure", url, way)
                finally:
                    cleanup()
                print(
                    f"| {size:,} | {args.database} | {way} | {result['seconds']} | {result['peak_mb']:,} "
                    f"| {result['resident_after_mb']:,} | {result['longest_gc_pause_ms']:,} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
