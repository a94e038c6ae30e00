"""Commands that only read (`digest --dry-run`, `export`) never create nor migrate a database: a missing
SQLite file or an old schema is one line saying what to run, and the database is left as it was."""

import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.db import make_engine, schema_revisions, upgrade

READ_ONLY = [["digest", "--dry-run"], ["digest", "--dry-run", "--json"], ["export"], ["export", "out.json"]]


@pytest.fixture
def in_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in ("DATABASE_URL", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.mark.parametrize("command", READ_ONLY)
def test_a_missing_database_is_explained_and_nothing_is_created(
    command: list[str], in_empty_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(command) == 2
    printed = capsys.readouterr()
    assert printed.err == (
        "kindred: there is no database at kindred.db (DATABASE_URL): create it with `kindred db upgrade` "
        "then `kindred import FILE`, or try `kindred demo`\n"
    )
    assert printed.out == ""
    assert list(in_empty_folder.iterdir()) == []


def test_after_the_demo_a_missing_database_points_at_the_demos(
    in_empty_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_empty_folder / "kindred-demo.db").touch()
    assert main(["digest", "--dry-run"]) == 2
    assert "or set DATABASE_URL=sqlite:///kindred-demo.db to use the demo's" in capsys.readouterr().err
    assert sorted(path.name for path in in_empty_folder.iterdir()) == ["kindred-demo.db"]


@pytest.mark.parametrize("command", READ_ONLY)
def test_an_old_schema_is_not_migrated(
    command: list[str],
    in_empty_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    engine = make_engine("sqlite:///old.db")
    upgrade(engine, "0003")
    _, head = schema_revisions(engine)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", "sqlite:///old.db")
    assert main(command) == 2
    assert capsys.readouterr().err == (
        f"kindred: the database at old.db is at schema 0003, not {head}: run `kindred db upgrade`\n"
    )
    engine = make_engine("sqlite:///old.db")
    assert schema_revisions(engine) == ("0003", head)
    engine.dispose()
    assert not (in_empty_folder / "out.json").exists()


def test_a_database_without_kindreds_tables_is_left_alone(
    in_empty_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(in_empty_folder / "other.db") as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    connection.close()
    monkeypatch.setenv("DATABASE_URL", "sqlite:///other.db")
    assert main(["digest", "--dry-run"]) == 2
    assert (
        "the database at other.db has no Kindred tables yet: run `kindred db upgrade`"
        in capsys.readouterr().err
    )
    with sqlite3.connect(in_empty_folder / "other.db") as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    connection.close()
    assert tables == ["notes"]
