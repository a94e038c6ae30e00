"""Computing a digest plan in a child process, so the serving process stays responsive and small.

On the leader replica the digest job shares its process with the HTTP server. Planning 50,000 members
builds about a gigabyte of short-lived objects; the garbage collector's pauses over them stop every thread
of the process, acks included (up to ~0.8 s, README "Scale, measured"), and the memory stays with the
process afterwards. `kindred run` therefore plans in a fresh child process, which stores the plan and
exits, handing its memory back; the job then loads the stored plan. Storing is idempotent (one plan per
workspace and period, the database's unique key settles races), so a child that dies, is stopped, or
finishes after its parent died changes nothing a later run would not do. One-shot commands (`kindred
digest`, `kindred tick`) plan in their own process.
"""

import logging
import multiprocessing
import signal
import threading
from datetime import datetime

from sqlmodel import Session

from bot import logs, repo
from bot.db import SessionFactory, make_engine, make_session_factory, session_scope
from bot.digest import service as digest

log = logging.getLogger(__name__)

SPAWN = multiprocessing.get_context("spawn")  # a fresh interpreter: no copy of the server's threads or heap
POLL_SECONDS = 0.5
EXIT_FAILED = 1


class PlanningFailed(RuntimeError):
    """The child process could not store the plan (its log says why); the next run tries again."""


def is_planned(session: Session, *, team_id: str, now: datetime, rules: digest.DigestRules) -> bool:
    """Whether this period's plan is stored already (then loading it is cheap)."""
    return repo.get_run(session, team_id=team_id, period=rules.period(now).key) is not None


def plan_in_child(
    sessions: SessionFactory,
    *,
    team_id: str,
    now: datetime,
    rules: digest.DigestRules,
    stop: threading.Event,
    log_level: str = "INFO",
    log_format: str = "text",
) -> bool:
    """Store this period's plan from a child process. False if `stop` was set first (the child is stopped
    and nothing is stored); raises `PlanningFailed` if the child failed."""
    with sessions() as session:
        url = session.get_bind().engine.url.render_as_string(hide_password=False)
    child = SPAWN.Process(
        target=_store_plan,
        args=(url, team_id, now, rules, log_level, log_format),
        name=f"kindred-plan-{team_id}",
        daemon=True,  # ends with a parent that exits normally
    )
    child.start()
    while child.is_alive():
        if stop.is_set():
            child.terminate()  # its transaction is rolled back: nothing half-stored
            child.join()
            return False
        child.join(POLL_SECONDS)
    if child.exitcode != 0:
        raise PlanningFailed(f"planning the digest for {team_id} failed (child exit code {child.exitcode})")
    return True


def _store_plan(
    url: str, team_id: str, now: datetime, rules: digest.DigestRules, log_level: str, log_format: str
) -> None:
    """In the child: compute and store the plan, then exit (its memory goes back to the system)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops us
    logs.configure(level=log_level, fmt=log_format)
    engine = make_engine(url)
    try:
        with session_scope(make_session_factory(engine)) as session:
            plan = digest.plan(session, team_id=team_id, now=now, rules=rules)
        log.info(
            "digest %s for %s planned in a child process: %s digests",
            plan.period.key,
            team_id,
            len(plan.digests),
        )
    except Exception:
        log.exception("planning the digest for %s failed", team_id)
        raise SystemExit(EXIT_FAILED) from None
    finally:
        engine.dispose()
