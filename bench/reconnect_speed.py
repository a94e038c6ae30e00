"""How long the reconnect job takes for a large community with a long history of intros.

    .venv/bin/python -m bench.reconnect_speed                      # 100,000 members, 500,000 intros, SQLite
    .venv/bin/python -m bench.reconnect_speed --database postgres
    .venv/bin/python -m bench.reconnect_speed --members 10000 --intros 50000 --json reconnect.json

The community (`bench.community`, entries written over the last two years) gets `--intros` past intros
between random members over those two years; about a third ended in "We met". The reconnect job is taken to
have last run two days before `NOW` (a deploy gone wrong, a weekend down): each "We met" side met before
then has its row, with the nudges it would have had by then (each answered "We're in touch", "Remind me
later", "Not for me" or not at all, at random). So at `NOW` two days' worth of rows is due (about 6,000 at
100,000 members: 5,000 nudges, as a member gets at most one a week), and the intros that ended in "We met"
since are still to plant. Every profile and entry gets its stored reading first, as
`kindred db upgrade` and the digest leave them (not timed).

Then, in a fresh process, on at most 2 cores (this process and its children are pinned to two), the real
job (`bot.reconnect.jobs.run`) runs against the fake Slack Web API in a process of its own:

- "two days due": plants the new rows, finds what is due and what is new about each other person (the
  matcher reading the community), sends the nudges, records them;
- "next tick", five minutes later: little is new, yet rows stay due for members nudged this week;
- "plant from empty": only `plant` (then rolled back), as on the first run after upgrading to the
  reconnect feature, when every "We met" intro of the past is planted at once.

Sending is measured unpaced. The job spaces its DMs at `KINDRED_SLACK_MESSAGES_PER_SECOND` (5 by default,
at most 100), so in production a few thousand DMs take minutes whatever Kindred does; "job's own work" is
everything but the sending (planting, finding who is due and their news, recording), "sending" is the
claim, post and mark of each DM, without the pacer's waits. The end-to-end time is their sum.

Measured 2026-12-07 on a shared 2-core machine (README, "Speed, measured"), 100,000 members and 500,000
intros: the job's own work with two days due (5,090 nudges) 17.3 s on SQLite and 23.0 s on PostgreSQL,
under the 30 s target; sending those nudges unpaced 18.0 and 45.2 s more; the next tick 0.23 and 0.35 s;
planting from empty 14.1 and 20.7 s. Before, the job matched one need at a time and ran for hours at this
size. Reading the community for the matcher is most of what is left.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine, text
from sqlmodel import Session

from bench.community import NOW, TEAM, populate
from bench.machine import machine
from bot.db import make_engine, make_session_factory, upgrade
from bot.models import (
    Consent,
    Intro,
    IntroOrigin,
    IntroParticipant,
    IntroStatus,
    Member,
    Outcome,
    Reconnect,
    ReconnectState,
)

POSTGRES = os.environ.get("KINDRED_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TOKEN = "xoxb-bench-reconnect"
CORES = 2
DAYS = 90  # KINDRED_RECONNECT_DAYS, the default
HISTORY = timedelta(days=730)
LAST_RUN = NOW - timedelta(days=2)  # the job is taken to have run until then
NEXT_TICK = timedelta(minutes=5)
FAKE_SLACK = [sys.executable, "-m", "bench.fake_slack_process"]
UNPACED = 1e9  # messages a second: sending measured without the pacer's waits
BATCH = 10_000
# How intros ended (weights): a realistic share met; the rest did not, or are still under way.
ENDINGS = {
    IntroStatus.MET: 34,
    IntroStatus.NOT_YET: 8,
    IntroStatus.NOT_A_FIT: 7,
    IntroStatus.DECLINED: 15,
    IntroStatus.EXPIRED: 26,
    IntroStatus.CANCELLED: 3,
    IntroStatus.FOLLOWED_UP: 4,
    IntroStatus.INTRODUCED: 3,
}
INTRODUCED = {
    IntroStatus.MET,
    IntroStatus.NOT_YET,
    IntroStatus.NOT_A_FIT,
    IntroStatus.FOLLOWED_UP,
    IntroStatus.INTRODUCED,
}
OUTCOMES = {
    IntroStatus.MET: Outcome.MET,
    IntroStatus.NOT_YET: Outcome.NOT_YET,
    IntroStatus.NOT_A_FIT: Outcome.NOT_A_FIT,
}


# --- the community and its history -----------------------------------------------------------------


def past_intros(engine: Engine, count: int, *, seed: int = 11) -> dict[str, int]:
    """`count` intros between random members over the last two years, their participants, and the
    reconnect rows the job would have planted and moved until `LAST_RUN`."""
    rng = random.Random(seed)
    statuses, weights = list(ENDINGS), list(ENDINGS.values())
    with engine.begin() as connection:
        members = [row[0] for row in connection.execute(sa.select(Member.id).order_by(Member.id))]  # type: ignore[arg-type]
        intros, people, rows = [], [], []
        for intro_id in range(1, count + 1):
            a, b = rng.sample(members, 2)
            connector = rng.choice(members) if rng.random() < 0.15 else None
            status = rng.choices(statuses, weights)[0]
            created = NOW - timedelta(days=20) - (HISTORY - timedelta(days=20)) * rng.random()
            introduced = created + timedelta(days=2) if status in INTRODUCED else None
            ended = (introduced or created) + timedelta(days=14 + 4 * rng.random())
            intros.append(
                {
                    "id": intro_id,
                    "team_id": TEAM,
                    "origin": IntroOrigin.CONNECTOR if connector else IntroOrigin.DIGEST,
                    "status": status,
                    "requested_by_id": connector or a,
                    "connector_id": connector,
                    "reason": "",
                    "introduced_at": introduced,
                    "follow_ups_sent": 1 if status in OUTCOMES else 0,
                    "created_at": created,
                    "updated_at": ended,
                }
            )
            outcome = OUTCOMES.get(status)
            for member in (a, b):
                people.append(
                    {
                        "intro_id": intro_id,
                        "member_id": member,
                        "consent": Consent.YES if introduced else Consent.NO,
                        "answered_at": created + timedelta(days=1),
                        "outcome": outcome,
                        "outcome_at": ended if outcome else None,
                    }
                )
            if status == IntroStatus.MET and ended < LAST_RUN:
                rows += [_history(rng, intro_id, me, other, ended) for me, other in ((a, b), (b, a))]
        _insert(connection, Intro, intros)
        _insert(connection, IntroParticipant, people)
        _insert(connection, Reconnect, rows)
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT setval(pg_get_serial_sequence('intros', 'id'), :last)"), {"last": count}
            )
    met = sum(1 for intro in intros if intro["status"] == IntroStatus.MET)
    return {"intros": count, "met": met, "reconnect_rows": len(rows)}


def _history(rng: random.Random, intro_id: int, me: int, other: int, met: datetime) -> dict[str, Any]:
    """One side's reconnect row as the job, running every tick until `LAST_RUN`, would have left it."""
    due, state, sent = met + timedelta(days=DAYS), ReconnectState.WAITING, 0
    last_sent = answered = in_touch = None
    while due <= LAST_RUN and state != ReconnectState.NOT_FOR_ME:
        sent, last_sent = sent + 1, due
        click, choice = due + timedelta(hours=30 * rng.random()), rng.random()
        if click > LAST_RUN or choice >= 0.4:  # no answer: the next nudge an interval later
            due += timedelta(days=DAYS)
            continue
        answered = click
        if choice < 0.25:
            state, due, in_touch = ReconnectState.IN_TOUCH, click + timedelta(days=DAYS), in_touch or click
        elif choice < 0.35:
            state, due = ReconnectState.SNOOZED, click + timedelta(days=30)
        else:
            state = ReconnectState.NOT_FOR_ME
    return {
        "team_id": TEAM,
        "intro_id": intro_id,
        "member_id": me,
        "other_id": other,
        "due_at": due,
        "starred": False,
        "state": state,
        "nudges_sent": sent,
        "last_sent_at": last_sent,
        "answered_at": answered,
        "in_touch_at": in_touch,
        "credit_due_at": None,  # connectors were told at the time
        "created_at": met,
    }


def _insert(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH):
        connection.execute(sa.insert(table), rows[start : start + BATCH])


def prepare(
    members: int, intros: int, kind: str, folder: str
) -> tuple[str, Callable[[], None], dict[str, Any]]:
    """A migrated database with the community, its readings and its history; its URL and how to drop it."""
    if kind == "sqlite":
        url, cleanup = f"sqlite:///{folder}/reconnect.db", lambda: None
    else:
        schema, admin = f"kindred_bench_{uuid.uuid4().hex[:8]}", make_engine(POSTGRES)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = f"{POSTGRES}?options=-csearch_path%3D{schema}"

        def cleanup() -> None:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()

    try:
        started = time.perf_counter()
        engine = make_engine(url)
        upgrade(engine)
        populate(engine, members, spread=HISTORY)
        history = past_intros(engine, intros)
        if kind == "postgres":
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("ANALYZE"))
        engine.dispose()
        history["seconds_generating"] = round(time.perf_counter() - started, 1)
        embedded = run_in_fresh_process("bench.digest_speed", "--embed", url)
        history["seconds_embedding"] = embedded["seconds"]
    except BaseException:
        cleanup()
        raise
    return url, cleanup, history


# --- the fake Slack --------------------------------------------------------------------------------


@contextmanager
def fake_slack(members: int) -> Iterator[dict[str, str]]:
    """`bench.fake_slack_process` with every member of the community as a user; what it printed."""
    process = subprocess.Popen(
        [*FAKE_SLACK, "--token", TOKEN, "--team", TEAM, "--users", "0", "--community-users", str(members)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        yield json.loads(process.stdout.readline())
    finally:
        process.terminate()
        process.wait(timeout=30)


def posted(control_url: str) -> dict[str, Any]:
    with urllib.request.urlopen(f"{control_url}/stats", timeout=30) as response:
        methods: dict[str, Any] = json.load(response)["methods"]
    return methods.get("chat.postMessage", {"calls": 0, "ok": 0, "errors": {}})


# --- measuring, in a fresh process -----------------------------------------------------------------


class Phases:
    """Seconds spent in chosen functions of the job's modules while `timing()` is active."""

    def __init__(self, targets: list[tuple[ModuleType, str]]) -> None:
        self.targets = targets
        self.seconds: dict[str, float] = {}
        self.results: dict[str, Any] = {}

    @contextmanager
    def timing(self) -> Iterator[None]:
        originals = [(module, name, getattr(module, name)) for module, name in self.targets]
        for module, name, function in originals:
            setattr(module, name, self._timed(name, function))
        try:
            yield
        finally:
            for module, name, function in originals:
                setattr(module, name, function)

    def _timed(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                result = function(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
            self.results[name] = result
            return result

        return timed


def measure(url: str, api_url: str) -> dict[str, Any]:
    from bot.config import load_settings
    from bot.heap import freeze_startup_objects
    from bot.reconnect import jobs
    from bot.reconnect import service as reconnects
    from bot.scheduler.context import JobContext
    from bot.slack.client import build_client
    from bot.slack.pacing import Pacer

    settings = load_settings(
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_API_URL=api_url,
        DATABASE_URL=url,
        KINDRED_TIMEZONE="UTC",
        KINDRED_RECONNECT_DAYS=str(DAYS),
    )
    engine = make_engine(url)
    context = JobContext(
        sessions=make_session_factory(engine), client=build_client(settings), settings=settings
    )
    context.__dict__["pacer"] = Pacer(UNPACED)  # JobContext.pacer is a cached property
    freeze_startup_objects()  # as `kindred run` and `kindred tick` do once loaded
    runs = []
    for name, now in (("two days due", NOW), ("next tick", NOW + NEXT_TICK)):
        phases = Phases(
            [
                (reconnects, "plant"),
                (reconnects, "due"),
                (reconnects, "sent"),
                (jobs, "load_embedder"),
                (jobs, "_nudge"),
            ]
        )
        started = time.perf_counter()
        with phases.timing():
            report = jobs.run(context, now)
        wall = time.perf_counter() - started
        assert not report.errors, report.errors
        sending = phases.seconds.get("_nudge", 0.0) - phases.seconds.get("sent", 0.0)
        nudges = phases.results.get("due") or []
        runs.append(
            {
                "run": name,
                "seconds": round(wall, 2),
                "seconds_own_work": round(wall - sending, 2),
                "seconds_sending": round(sending, 2),
                "seconds_planting": round(phases.seconds.get("plant", 0.0), 2),
                "seconds_finding_due": round(phases.seconds.get("due", 0.0), 2),
                "seconds_loading_model": round(phases.seconds.get("load_embedder", 0.0), 2),
                "planted": report.planted,
                "due": len(nudges),
                "with_news": sum(1 for nudge in nudges if nudge.news is not None),
                "nudged": report.nudged,
            }
        )
    with engine.connect() as connection:
        connection.execute(sa.delete(Reconnect))
        with Session(bind=connection) as session:
            started = time.perf_counter()
            planted = reconnects.plant(session, team_id=TEAM, days=DAYS)
            seconds = time.perf_counter() - started
        connection.rollback()
    runs.append({"run": "plant from empty (rolled back)", "seconds": round(seconds, 2), "planted": planted})
    return {"runs": runs}


def run_in_fresh_process(module: str, *arguments: str) -> dict[str, Any]:
    """`python -m MODULE ARGUMENTS…` in a new process (its errors shown); what it printed last, as JSON."""
    done = subprocess.run(
        [sys.executable, "-m", module, *arguments], stdout=subprocess.PIPE, text=True, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- reporting -------------------------------------------------------------------------------------


def run(members: int, intros: int, kind: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        url, cleanup, history = prepare(members, intros, kind, folder)
        try:
            with fake_slack(members) as fake:
                result = run_in_fresh_process(
                    "bench.reconnect_speed", "--measure", url, "--api-url", fake["api_url"]
                )
                result["posted"] = posted(fake["control_url"])
        finally:
            cleanup()
    return {"members": members, "database": kind, **history, **result}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--intros", type=int, default=500_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--json", help="also write the result to this file")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--api-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    cpus = sorted(os.sched_getaffinity(0))[:CORES]
    os.sched_setaffinity(
        0, cpus
    )  # this process and every one it starts (fake Slack, measuring) share 2 cores
    if args.measure:
        print(json.dumps(measure(args.measure, args.api_url)))
        return
    result = run(args.members, args.intros, args.database)
    result["machine"] = machine() | {"cores_used": len(cpus)}
    print(
        f"{result['intros']:,} intros, {result['met']:,} met, {result['reconnect_rows']:,} reconnect rows "
        f"(generated in {result['seconds_generating']} s, embedded in {result['seconds_embedding']} s); "
        f"chat.postMessage: {result['posted']}"
    )
    print(
        "| members / intros | database | run | planted | due (with news) | seconds: job's own work | sending "
        "| end to end |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|")
    size = f"{result['members']:,} / {result['intros']:,}"
    for measured in result["runs"]:
        if "due" not in measured:
            print(
                f"| {size} | {args.database} | {measured['run']} | {measured['planted']:,} | "
                f"| {measured['seconds']} | | |"
            )
            continue
        print(
            f"| {size} | {args.database} | {measured['run']} | {measured['planted']:,} "
            f"| {measured['due']:,} ({measured['with_news']:,}) | {measured['seconds_own_work']} "
            f"| {measured['seconds_sending']} | {measured['seconds']} |"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
