"""Every way a self-hoster's first `kindred` commands go wrong: one line saying what to fix, exit code 1
(the command failed) or 2 (a setting or the command line is wrong), never a traceback."""

import io
import json
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from bot import cli
from bot.cli import main

COMMUNITY = {"version": 1, "team_id": "T0FIRST", "members": [{"user_id": "U0ANA", "name": "Ana"}]}


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_template: Path) -> Path:
    """A folder holding a database with one member, and files a newcomer might point Kindred at."""
    monkeypatch.chdir(tmp_path)
    for name in [name for name in os.environ if name.startswith(("SLACK_", "KINDRED_"))]:
        monkeypatch.delenv(name)
    shutil.copy(sqlite_template, tmp_path / "kindred.db")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/kindred.db")
    (tmp_path / "community.json").write_text(json.dumps(COMMUNITY))
    (tmp_path / "broken.json").write_text('{"version": 1, "team_id": "T0FIRST",')
    (tmp_path / "latin1.json").write_bytes(json.dumps(COMMUNITY).replace("Ana", "Ánå").encode("latin-1"))
    (tmp_path / "notes.txt").write_text("not a database\n" * 100)
    (tmp_path / "future.db").write_bytes((tmp_path / "kindred.db").read_bytes())
    with sqlite3.connect(tmp_path / "future.db") as future:
        future.execute("UPDATE alembic_version SET version_num = 'f00dcafe1234'")
    future.close()
    assert main(["import", "community.json"]) == 0
    return tmp_path


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(args)
    except SystemExit as exited:  # argparse
        code = exited.code if isinstance(exited.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


MISTAKES = [
    # (command line, settings, exit code, what the one line says)
    (["export", "no/such/dir/x.json"], {}, 1, "the folder no/such/dir does not exist"),
    (["export", "."], {}, 1, "cannot write .: it is a folder; name a file in it"),
    (["export", "community.json/x.json"], {}, 1, "community.json is not a folder"),
    (["export", "--team", "T0NOPE", "out.json"], {}, 1, "no members of workspace T0NOPE"),
    (["export", "--bogus"], {}, 2, "unrecognized arguments: --bogus (see kindred --help)"),
    (["import", "nope.json"], {}, 1, "cannot read nope.json: there is no such file"),
    (["import", "."], {}, 1, "cannot read .: it is a folder"),
    (["import", "broken.json"], {}, 1, "broken.json: line 1, column 37: not valid JSON"),
    (["import", "latin1.json"], {}, 1, "not UTF-8 text (byte 0xc1); open the file in a text editor and save"),
    (["import"], {}, 2, "the following arguments are required: file (see kindred import --help)"),
    (["demo", "--db", "no/such/dir/demo.db"], {}, 2, "--db names the file no/such/dir/demo.db, but its"),
    (["demo", "--db", "."], {}, 2, "--db names the folder .: name a file in it"),
    (["demo", "--db", "notes.txt"], {}, 1, "notes.txt is not a SQLite database"),
    (["digest", "--dry-run", "--now", "someday"], {}, 2, "--now must be an ISO date"),
    (["digest", "--dry-run", "--now"], {}, 2, "argument --now: expected one argument"),
    (["digest", "--dry-run", "--team", "T0NOPE"], {}, 1, "no members of workspace T0NOPE"),
    (["digest"], {}, 2, "SLACK_BOT_TOKEN is not set"),
    (["tick", "--now", "2026-13-01"], {}, 2, "--now must be an ISO date"),
    (["tick"], {}, 2, "SLACK_BOT_TOKEN is not set"),
    (["db"], {}, 2, "the following arguments are required: ACTION"),
    (["db", "upgrade"], {"DATABASE_URL": "sqlite:///notes.txt"}, 1, "notes.txt is not a SQLite database"),
    (["db", "upgrade"], {"DATABASE_URL": "sqlite:///future.db"}, 1, "the database was migrated by a newer"),
    (["db", "upgrade"], {"DATABASE_URL": "sqlite:///no/such/k.db"}, 2, "its folder no/such does not exist"),
    (["db", "upgrade"], {"KINDRED_LOG_LEVEL": "loud"}, 2, "KINDRED_LOG_LEVEL must be 'DEBUG', 'INFO'"),
    (["run", "--port", "http"], {}, 2, "argument --port: invalid int value: 'http'"),
    (["frobnicate"], {}, 2, "invalid choice: 'frobnicate'"),
    ([], {}, 2, "the following arguments are required: COMMAND"),
]


@pytest.mark.parametrize(
    ("args", "settings", "code", "says"),
    MISTAKES,
    ids=[" ".join(["kindred", *args, *(f"{k}={v}" for k, v in env.items())]) for args, env, _, _ in MISTAKES],
)
def test_a_mistake_is_one_line_saying_what_to_fix(
    workspace: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    settings: dict[str, str],
    code: int,
    says: str,
) -> None:
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    exit_code, out, err = _run(args, capsys)
    assert (exit_code, out) == (code, "")
    assert "Traceback" not in err
    assert err.count("\n") == 1
    assert err.startswith("kindred")
    assert says in err


def test_exporting_into_a_folder_nobody_may_write_says_so(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (workspace / "locked").mkdir(mode=0o500)
    if os.geteuid() == 0:  # root may write anywhere: the file system refuses as it would anyone else

        def refuse(self: Path, *_args: object, **_kwargs: object) -> None:
            raise PermissionError(13, "Permission denied", str(self))

        monkeypatch.setattr(Path, "write_text", refuse)
    assert _run(["export", "locked/x.json"], capsys) == (
        1,
        "",
        "kindred: cannot write locked/x.json: permission denied; choose a file and folder you may use, "
        "or change their permissions\n",
    )


def test_a_malformed_file_on_standard_input_is_one_line(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"version": 1, "members": [')))
    assert _run(["import", "-"], capsys) == (
        1,
        "",
        "kindred: -: line 1, column 28: not valid JSON (Expecting value); nothing was imported\n",
    )


def test_several_bad_settings_are_a_line_each(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORT", "http")
    monkeypatch.setenv("KINDRED_DIGEST_DAY", "someday")
    code, out, err = _run(["db", "upgrade"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        "kindred: PORT must be a whole number between 1 and 65535 (got 'http')\n"
        "kindred: KINDRED_DIGEST_DAY must be a weekday such as mon or monday (got 'someday')\n"
    )


def test_ctrl_c_is_one_line_and_exit_130(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_dispatch", interrupted)
    exit_code, out, err = _run(["import", "community.json"], capsys)
    assert (exit_code, out) == (130, "")
    assert err == "kindred: interrupted; what was stored is complete, run the command again to finish\n"
