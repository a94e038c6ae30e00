"""Leader election: exactly one process runs the scheduled jobs, and another takes over when it dies."""

import logging
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.db import make_engine
from bot.scheduler.leader import LOCK_CLASS, Elector, FileLock, PostgresLock, SoleProcess, lock_for

RETRY = 0.05


class Candidate:
    """An elector that records when it is elected and deposed."""

    def __init__(self, make_lock: Callable[[], object]) -> None:
        self.events: list[str] = []
        self.elector = Elector(
            make_lock,  # type: ignore[arg-type]
            on_elected=lambda: self.events.append("elected"),
            on_deposed=lambda: self.events.append("deposed"),
            retry_seconds=RETRY,
        )


@pytest.fixture
def candidates() -> Iterator[Callable[[Callable[[], object]], Candidate]]:
    made: list[Candidate] = []

    def make(make_lock: Callable[[], object]) -> Candidate:
        candidate = Candidate(make_lock)
        made.append(candidate)
        candidate.elector.start()
        return candidate

    yield make
    for candidate in made:
        candidate.elector.stop()


def eventually(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def leaders(*found: Candidate) -> list[Candidate]:
    return [candidate for candidate in found if candidate.elector.is_leader]


def test_one_of_two_processes_on_a_sqlite_file_leads_until_it_stops(tmp_path: Path, candidates) -> None:
    path = tmp_path / "kindred.db.scheduler.lock"
    first = candidates(lambda: FileLock(path))
    eventually(lambda: first.elector.is_leader)
    second = candidates(lambda: FileLock(path))
    time.sleep(RETRY * 6)
    assert leaders(first, second) == [first]
    assert second.elector.role() == "standby"

    first.elector.stop()
    assert first.events == ["elected", "deposed"]
    eventually(lambda: second.elector.is_leader)
    assert second.events == ["elected"]


def test_postgres_elects_one_leader_and_another_takes_over_when_its_session_dies(
    postgres_url: str, candidates
) -> None:
    first = candidates(lambda: PostgresLock(postgres_url))
    eventually(lambda: first.elector.is_leader)
    second = candidates(lambda: PostgresLock(postgres_url))
    third = candidates(lambda: PostgresLock(postgres_url))
    time.sleep(RETRY * 6)
    assert leaders(first, second, third) == [first]

    admin = make_engine(postgres_url)
    with admin.begin() as connection:  # the leader's connection dies, as when its process is killed
        killed = connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND classid = :class AND objid = hashtext(current_schema())::oid"
            ),
            {"class": LOCK_CLASS},
        ).all()
    admin.dispose()
    assert killed == [(True,)]
    eventually(lambda: len(leaders(second, third)) == 1)
    eventually(lambda: first.events == ["elected", "deposed"])
    time.sleep(RETRY * 6)
    assert len(leaders(first, second, third)) == 1


def test_each_schema_elects_its_own_leader(postgres_url: str, candidates) -> None:
    schema = f"kindred_leader_{uuid.uuid4().hex[:12]}"
    admin = make_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        here = candidates(lambda: PostgresLock(postgres_url))
        there = candidates(lambda: PostgresLock(postgres_url.rsplit("%3D", 1)[0] + f"%3D{schema}"))
        eventually(lambda: here.elector.is_leader and there.elector.is_leader)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}"'))
        admin.dispose()


def test_an_unreachable_database_means_standby_and_retrying(
    candidates, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.scheduler.leader")
    nowhere = candidates(lambda: PostgresLock("postgresql+psycopg://postgres@127.0.0.1:1/none"))
    eventually(lambda: len([r for r in caplog.records if "retrying" in r.getMessage()]) >= 2)
    assert nowhere.events == []
    assert not nowhere.elector.is_leader


def test_the_lock_follows_the_database_url(tmp_path: Path) -> None:
    assert isinstance(lock_for("postgresql+psycopg://postgres@127.0.0.1:5432/test"), PostgresLock)
    assert isinstance(lock_for("sqlite://"), SoleProcess)
    file_lock = lock_for(f"sqlite:///{tmp_path / 'kindred.db'}")
    assert isinstance(file_lock, FileLock)
    assert file_lock.try_acquire()
    assert (tmp_path / "kindred.db.scheduler.lock").exists()
    file_lock.release()
