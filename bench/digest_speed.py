"""How long one digest computation takes (no Slack sends), and its peak memory, at 1k / 10k / 50k members.

    .venv/bin/python -m bench.digest_speed                 # SQLite, 1000 10000 50000
    .venv/bin/python -m bench.digest_speed --database postgres --sizes 10000 50000

Each size is generated once into its own database, then measured in a fresh Python process so the peak
memory (ru_maxrss) is the computation's own: loading the community, matching, assigning, writing reasons.
It also reports the garbage collector's share of that time and its longest pause: a pause stops every
thread of the process, so on the leader replica it also delays acks while the digest is computed.
"""

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from zoneinfo import ZoneInfo

from sqlalchemy import text

from bench.community import NOW, TEAM, populate
from bot import vectors
from bot.db import make_engine, make_session_factory, session_scope, upgrade
from bot.digest.service import DigestRules, preview
from bot.heap import freeze_startup_objects
from bot.matching.embeddings import DEFAULT_MODEL, load_embedder

POSTGRES = os.environ.get("KINDRED_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def measure(url: str) -> dict:
    """Run inside the fresh process: time one digest computation for the community at `url`."""
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    freeze_startup_objects()  # as `kindred run`, `kindred digest` and `kindred tick` do before working
    pauses: list[float] = []
    gc.callbacks.append(timing_into(pauses))
    started = time.perf_counter()
    with session_scope(sessions) as session:
        plan = preview(session, team_id=TEAM, now=NOW, rules=DigestRules(zone=ZoneInfo("UTC")))
    seconds = time.perf_counter() - started
    gc.callbacks.clear()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    suggestions = sum(len(planned.suggestions) for planned in plan.digests)
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(peak_mb),
        "digests": len(plan.digests),
        "suggestions": suggestions,
        "gc_seconds": round(sum(pauses), 2),
        "longest_gc_pause_ms": round(max(pauses, default=0) * 1000),
    }


def timing_into(pauses: list[float]) -> Callable[[str, dict], None]:
    """A `gc.callbacks` entry appending each collection's duration (seconds) to `pauses`."""
    began = [0.0]

    def callback(phase: str, _info: dict) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            pauses.append(time.perf_counter() - began[0])

    return callback


def run_in_fresh_process(module: str, *arguments: str) -> dict:
    """`python -m MODULE ARGUMENTS…` in a new process; what it printed last, as JSON."""
    run = subprocess.run(
        [sys.executable, "-m", module, *arguments], capture_output=True, text=True, check=True
    )
    result: dict = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def embed_all(url: str) -> dict:
    """Run inside a fresh process: embed and store every profile and entry, as `kindred db upgrade` does."""
    engine = make_engine(url)
    started = time.perf_counter()
    with session_scope(make_session_factory(engine)) as session:
        embedded = vectors.refresh(session, embedder=load_embedder(DEFAULT_MODEL))
    return {
        "texts": embedded,
        "seconds": round(time.perf_counter() - started, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def prepare(size: int, database: str, folder: str) -> tuple[str, callable]:
    if database == "sqlite":
        url = f"sqlite:///{folder}/bench-{size}.db"
        cleanup = lambda: None  # noqa: E731
    else:
        schema = f"kindred_bench_{uuid.uuid4().hex[:8]}"
        admin = make_engine(POSTGRES)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{POSTGRES}?options=-csearch_path%3D{schema}"

        def cleanup() -> None:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))

    engine = make_engine(url)
    upgrade(engine)
    populate(engine, size)
    engine.dispose()
    return url, cleanup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 50_000])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--embed", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    if args.embed:
        print(json.dumps(embed_all(args.embed)))
        return
    print(
        "| members | database | embedding from scratch: texts, s, peak MB | digest s | peak memory (MB) "
        "| digests | suggestions | of it in GC (s) | longest GC pause (ms) |"
    )
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            url, cleanup = prepare(size, args.database, folder)
            try:
                embedded = run_in_fresh_process("bench.digest_speed", "--embed", url)
                result = run_in_fresh_process("bench.digest_speed", "--measure", url)
            finally:
                cleanup()
            print(
                f"| {size:,} | {args.database} "
                f"| {embedded['texts']:,}, {embedded['seconds']}, {embedded['peak_mb']} "
                f"| {result['seconds']} | {result['peak_mb']} "
                f"| {result['digests']:,} | {result['suggestions']:,} | {result['gc_seconds']} "
                f"| {result['longest_gc_pause_ms']:,} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
