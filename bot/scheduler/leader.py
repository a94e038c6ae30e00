"""Leader election: of all `kindred run` processes sharing a database, exactly one runs the scheduled jobs.

APScheduler 3 cannot share a job store between processes, so the scheduler runs only in the leader:

- PostgreSQL: a session-level advisory lock held on a dedicated connection (not from the pool). When the
  leader dies its connection closes and PostgreSQL releases the lock at once; when its host vanishes, TCP
  keepalives end the session within about half a minute. Standbys try again every `RETRY`, so another
  process takes over within a minute. The lock key is per schema, so deployments sharing one database in
  different schemas elect their leaders independently. Connect directly, not through a transaction-pooling
  PgBouncer (session locks need a session).
- SQLite (one machine): an exclusive `flock` on a file next to the database; the OS releases it when the
  process dies. An in-memory database has a single process by definition.

The leader checks its lock every `RETRY`; if the lock is lost (the database restarted, the network
split), it stops its scheduler and becomes a standby. Even if two processes ever ran a job at once, the
unique delivery keys keep every message single.
"""

import fcntl
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Protocol

from sqlalchemy import Connection, NullPool, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

RETRY_SECONDS = 10.0
LOCK_CLASS = 0x4B1D  # first half of the two-part advisory lock key: "Kindred scheduler"
# The second half of the key is this deployment's schema.
TRY_LOCK = "SELECT pg_try_advisory_lock(:class, hashtext(coalesce(current_schema(), '')))"
HOLDS_LOCK = (
    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted "
    "AND classid = :class AND objid = hashtext(coalesce(current_schema(), ''))::oid"
)
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}


class LeaderLock(Protocol):
    def try_acquire(self) -> bool: ...

    def still_held(self) -> bool: ...

    def release(self) -> None: ...


class PostgresLock:
    """`pg_try_advisory_lock` on a connection of its own, keyed by the current schema."""

    def __init__(self, url: str) -> None:
        self._engine = create_engine(
            url, poolclass=NullPool, connect_args={**KEEPALIVES, "connect_timeout": 5}
        )
        self._connection: Connection | None = None

    def try_acquire(self) -> bool:
        if self._connection is None:
            self._connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        query = text(TRY_LOCK)
        return bool(self._connection.execute(query, {"class": LOCK_CLASS}).scalar())

    def still_held(self) -> bool:
        if self._connection is None:
            return False
        return bool(self._connection.execute(text(HOLDS_LOCK), {"class": LOCK_CLASS}).scalar())

    def release(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()  # ending the session releases the lock
            except SQLAlchemyError:
                log.debug("closing the leader connection failed", exc_info=True)
        self._engine.dispose()


class FileLock:
    """An exclusive, non-blocking `flock` on a file; released by the OS when the process ends."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._file: IO[bytes] | None = None

    def try_acquire(self) -> bool:
        handle = self._file or self._path.open("ab")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            self._file = None
            return False
        self._file = handle
        return True

    def still_held(self) -> bool:
        return self._file is not None

    def release(self) -> None:
        handle, self._file = self._file, None
        if handle is not None:
            handle.close()  # closing the file releases the lock


class SoleProcess:
    """An in-memory database belongs to one process: it is always the leader."""

    def try_acquire(self) -> bool:
        return True

    def still_held(self) -> bool:
        return True

    def release(self) -> None:
        pass


def lock_for(database_url: str) -> LeaderLock:
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        return PostgresLock(database_url)
    if url.database in (None, "", ":memory:"):
        return SoleProcess()
    return FileLock(Path(url.database).with_name(Path(url.database).name + ".scheduler.lock"))


class Elector:
    """Keeps trying to become the leader; calls `on_elected` when it does and `on_deposed` when it stops
    being the leader (lock lost, or `stop()`)."""

    def __init__(
        self,
        make_lock: Callable[[], LeaderLock],
        *,
        on_elected: Callable[[], None],
        on_deposed: Callable[[], None],
        retry_seconds: float = RETRY_SECONDS,
    ) -> None:
        self._make_lock = make_lock
        self._on_elected, self._on_deposed = on_elected, on_deposed
        self._retry = retry_seconds
        self._lock: LeaderLock | None = None
        self._leading = False
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="leader-election", daemon=True)

    @property
    def is_leader(self) -> bool:
        return self._leading

    def role(self) -> str:
        return "leader" if self._leading else "standby"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Step down (stopping the jobs first) and stop trying."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout=self._retry + 60)
        self._step_down("stopping")

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._check()
            self._stopping.wait(self._retry)

    def _check(self) -> None:
        try:
            if self._lock is None:
                self._lock = self._make_lock()
            if self._leading:
                if not self._lock.still_held():
                    self._step_down("lost the scheduler lock")
                return
            if self._lock.try_acquire() and not self._stopping.is_set():
                self._leading = True
                log.info("elected: this process runs the scheduled jobs")
                self._on_elected()
        except (SQLAlchemyError, OSError) as error:
            log.warning("leader election: %s; retrying in %.0f s", error.__class__.__name__, self._retry)
            self._step_down("database unreachable")

    def _step_down(self, why: str) -> None:
        if self._leading:
            self._leading = False
            log.warning("no longer the leader (%s): stopping the scheduled jobs", why)
            self._on_deposed()
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()
