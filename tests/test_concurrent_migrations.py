"""Replicas starting together on one PostgreSQL schema, or one new SQLite file, migrate one at a time instead
of colliding."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

from sqlalchemy import inspect, text

from bot.db import make_engine


def test_four_replicas_upgrading_an_empty_schema_at_once_all_succeed(postgres_url: str) -> None:
    schema = f"kindred_race_{uuid.uuid4().hex[:12]}"
    admin = make_engine(postgres_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    env = {**os.environ, "DATABASE_URL": postgres_url.rsplit("%3D", 1)[0] + f"%3D{schema}"}
    try:
        assert upgrading_at_once(env, replicas=4) == []
        engine = make_engine(env["DATABASE_URL"])
        assert {"members", "intros", "deliveries"} <= set(inspect(engine).get_table_names())
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
        engine.dispose()
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_four_replicas_upgrading_a_new_sqlite_file_at_once_all_succeed(tmp_path: Path) -> None:
    database = tmp_path / "kindred.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    assert upgrading_at_once(env, replicas=4) == []
    engine = make_engine(env["DATABASE_URL"])
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    engine.dispose()


def upgrading_at_once(env: dict[str, str], *, replicas: int) -> list[str]:
    """Start `kindred db upgrade` in `replicas` processes at once; the error output of each that failed."""
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "db", "upgrade"], env=env, stderr=subprocess.PIPE, text=True
        )
        for _ in range(replicas)
    ]
    return [process.communicate(timeout=120)[1] for process in started if process.wait(timeout=120)]
