"""The kindred command: demo, import, export, db upgrade, and how it fails."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.demo import demo_text
from tests.fakeslack import FakeSlack
from tests.processes import kindred_command

DEMO = json.loads(demo_text())


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("KINDRED_SLACK_MESSAGES_PER_SECOND", "100")
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_demo_loads_the_sample_community_and_prints_it(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--all"]) == 0
    first = capsys.readouterr().out
    assert "40 members" in first
    assert "Dana Diaz — Local SEO consultant" in first
    assert "private need(s), used only for matching and not shown" in first
    assert (in_tmp / "kindred-demo.db").exists()
    assert main(["demo", "--all"]) == 0  # running it again changes nothing
    assert capsys.readouterr().out == first
    assert main(["demo"]) == 0
    assert "Members: the first 8 of 40 (run the demo with --all to see everyone)" in capsys.readouterr().out


def test_demo_never_prints_a_private_need(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = json.loads(demo_text())
    private = [
        n["description"] for m in document["members"] for n in m["needs"] if n.get("visibility") == "private"
    ]
    assert private
    main(["demo", "--all", "--db", str(in_tmp / "other.db")])
    printed = capsys.readouterr().out
    for description in private:
        assert description[:40] not in printed
    assert "(a private need)" in printed  # the digest still shows that its owner was helped


def test_import_then_export_round_trips(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (in_tmp / "community.json").write_text(demo_text())
    assert main(["import", "community.json"]) == 0
    assert "40 new" in capsys.readouterr().out
    assert main(["import", "community.json"]) == 0
    assert "0 new, 0 updated, 40 unchanged; entries: 0 new, 0 updated" in capsys.readouterr().out
    assert main(["export", "out.json"]) == 0
    exported = json.loads((in_tmp / "out.json").read_text())
    assert len(exported["members"]) == 40
    assert main(["export"]) == 0
    assert json.loads(capsys.readouterr().out) == exported


def test_a_bad_file_lists_every_problem_and_writes_nothing(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(demo_text())
    document["members"][3]["offers"][0]["description"] = "x" * 400
    document["members"][5]["links"] = ["not a link"]
    (in_tmp / "bad.json").write_text(json.dumps(document))
    assert main(["import", "bad.json"]) == 1
    errors = capsys.readouterr().err
    assert (
        "bad.json: members[3].offers[0].description (U0DEMO004): too long: at most 300 characters "
        "(this has 400)" in errors
    )
    assert "bad.json: members[5].links (U0DEMO006):" in errors
    assert "nothing was imported" in errors
    assert main(["export"]) == 1
    assert "has no members yet" in capsys.readouterr().err


def test_a_missing_file_is_explained(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "nope.json"]) == 1
    assert capsys.readouterr().err == (
        "kindred: cannot read nope.json: there is no such file; check the name and the folder\n"
    )


def test_export_of_an_unknown_team_is_explained(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (in_tmp / "community.json").write_text(demo_text())
    main(["import", "community.json"])
    assert main(["export", "--team", "T0NOPE"]) == 1
    assert "no members of workspace T0NOPE" in capsys.readouterr().err


def test_db_upgrade(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_a_bad_setting_is_one_line_and_exit_code_2(tmp_path: Path) -> None:
    env = {**os.environ, "PORT": "not-a-port"}
    result = kindred_command("db", "upgrade", env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "kindred: PORT must be a whole number between 1 and 65535 (got 'not-a-port')\n"


def test_run_without_a_token_says_what_to_set(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    result = kindred_command("run", env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("kindred: SLACK_BOT_TOKEN is not set")
    assert "Traceback" not in result.stderr


def test_a_bad_embedding_model_is_one_line_naming_the_setting(tmp_path: Path) -> None:
    env = {**os.environ, "KINDRED_EMBEDDING_MODEL": str(tmp_path / "no-such-model")}
    result = kindred_command("db", "upgrade", env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("kindred: KINDRED_EMBEDDING_MODEL ")
    assert "tokenizer.json" in result.stderr
    assert result.stderr.count("\n") == 1


def test_output_piped_into_a_reader_that_stops_early_ends_quietly(tmp_path: Path) -> None:
    """`kindred demo | head -1`: once the reader has gone, writing fails; that is not an error to report."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # a reader that has already stopped reading
    try:
        writer = subprocess.run(
            [sys.executable, "-m", "bot", "demo", "--db", str(tmp_path / "demo.db")],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert writer.returncode == 0
    assert writer.stderr == ""


@pytest.mark.parametrize(
    "command", [[], ["run"], ["db"], ["db", "upgrade"], ["demo"], ["import"], ["export"]]
)
def test_every_command_has_help(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    assert "usage: kindred" in capsys.readouterr().out


def test_demo_prints_the_digest_it_would_send(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["demo"])
    printed = capsys.readouterr().out
    assert "This week's digest (week of " in printed
    assert "can help you: Dana Diaz" in printed  # Tomás's bakery need meets Dana's local SEO


def test_digest_dry_run_as_json_has_the_documented_shape(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_tmp / "community.json").write_text(demo_text())
    main(["import", "community.json"])
    capsys.readouterr()
    assert main(["digest", "--dry-run", "--json", "--now", "2026-11-23T09:00"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["period"] == "2026-W48"
    first = document["digests"][0]
    assert set(first) == {"user_id", "suggestions"}
    assert set(first["suggestions"][0]) == {"user_id", "kind", "score", "reason"}
    assert all(0 < s["score"] <= 1 and s["reason"] for d in document["digests"] for s in d["suggestions"])
    assert main(["digest", "--dry-run", "--json", "--now", "2026-11-23T09:00"]) == 0
    assert json.loads(capsys.readouterr().out) == document  # deterministic, and nothing was stored


def test_digest_dry_run_as_text_names_the_week_and_leaves_scores_to_the_json(
    in_tmp: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (in_tmp / "community.json").write_text(demo_text())
    main(["import", "community.json"])
    capsys.readouterr()
    assert main(["digest", "--dry-run", "--now", "2026-11-25T09:00"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("Kindred spirits for the week of 23 Nov 2026 (T0DEMO0001): ")
    assert "2026-W48" not in printed
    assert "  • can help you: Dana Diaz\n" in printed  # the suggestion, without a bare [0.79]


def test_digest_without_dry_run_needs_a_token(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest"]) == 2
    assert "or use --dry-run" in capsys.readouterr().err


def test_a_bad_now_is_explained(in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", "--dry-run", "--now", "someday"]) == 2
    assert "--now must be an ISO date" in capsys.readouterr().err


@pytest.fixture
def demo_in_slack(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSlack]:
    """The demo community imported, its people in a fake Slack that the CLI talks to."""
    with FakeSlack(team_id=DEMO["team_id"]) as fake:
        for member in DEMO["members"]:
            fake.add_user(member["user_id"], name=member["user_id"].lower(), real_name=member["name"])
        monkeypatch.setenv("SLACK_BOT_TOKEN", fake.token)
        monkeypatch.setenv("SLACK_API_URL", fake.api_url)
        (in_tmp / "community.json").write_text(demo_text())
        main(["import", "community.json"])
        yield fake


def test_digest_and_tick_send_through_slack(
    demo_in_slack: FakeSlack, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = demo_in_slack
    # Each member's digest comes at 09:00 on their own clock: first in Istanbul (06:00 UTC), last in
    # Vancouver (17:00 UTC).
    assert main(["tick", "--now", "2026-11-23T05:59"]) == 0
    assert "weekly-digest" not in capsys.readouterr().out
    assert main(["tick", "--now", "2026-11-23T06:05"]) == 0
    assert "weekly-digest" in capsys.readouterr().out
    assert len(fake.calls_to("chat.postMessage")) == 1
    assert main(["tick", "--now", "2026-11-23T17:05"]) == 0
    sent = len(fake.calls_to("chat.postMessage"))
    assert sent > 20
    assert main(["digest", "--now", "2026-11-23T17:30"]) == 0  # the same period: nothing new to send
    assert len(fake.calls_to("chat.postMessage")) == sent


def test_a_digest_sent_by_hand_goes_now_except_to_members_in_their_night(
    demo_in_slack: FakeSlack, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = demo_in_slack
    americans = {m["user_id"] for m in DEMO["members"] if m["timezone"].startswith("America/")}
    capsys.readouterr()
    # 05:00 UTC: 08:00 in Istanbul, still night from Athens west to Vancouver.
    assert main(["digest", "--now", "2026-11-23T05:00"]) == 0
    told = capsys.readouterr().err
    reached = {call.args["channel"] for call in fake.calls_to("chat.postMessage")}
    assert reached
    assert not reached & americans
    assert (
        "are in their quiet hours (KINDRED_QUIET_HOURS): the scheduler sends theirs in their morning" in told
    )
    assert main(["tick", "--now", "2026-11-23T17:05"]) == 0  # the scheduler sends the rest
    reached = {call.args["channel"] for call in fake.calls_to("chat.postMessage")}
    assert americans & reached


def test_tick_drives_the_intro_lifecycle(
    in_tmp: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    from bot.db import make_engine, make_session_factory, session_scope, upgrade
    from bot.intros import service as intros
    from bot.members import Identity, ensure_member
    from bot.models import Intro, IntroStatus

    with FakeSlack(team_id="T0CLI") as fake:
        monkeypatch.setenv("SLACK_BOT_TOKEN", fake.token)
        monkeypatch.setenv("SLACK_API_URL", fake.api_url)
        engine = make_engine(os.environ["DATABASE_URL"])
        upgrade(engine)
        sessions = make_session_factory(engine)
        start = datetime(2026, 11, 23, 9, tzinfo=UTC)
        with session_scope(sessions) as session:
            people = {}
            for user_id, name in (("U0ANA", "Ana"), ("U0BEN", "Ben"), ("U0CY", "Cy")):
                fake.add_user(user_id, name=name.lower(), real_name=name)
                people[user_id], _ = ensure_member(session, who=Identity("T0CLI", user_id, name), now=start)
            intro_id = intros.connect(
                session,
                connector=people["U0CY"],
                a=people["U0ANA"],
                b=people["U0BEN"],
                reason="Both run newsletters",
                now=start,
                rules=intros.IntroRules(),
            ).id

        assert main(["tick", "--now", "2026-11-23T09:00"]) == 0  # the queued request is asked
        assert "intros" in capsys.readouterr().out
        assert {c.args["channel"] for c in fake.calls_to("chat.postMessage")} >= {"U0ANA", "U0BEN"}
        with session_scope(sessions) as session:
            for user_id in ("U0ANA", "U0BEN"):
                intros.answer(session, member=people[user_id], intro_id=intro_id, yes=True, now=start)
        assert main(["tick", "--now", "2026-11-23T09:05"]) == 0  # both said yes: introduced
        assert [c.args["users"] for c in fake.calls_to("conversations.open") if "," in c.args["users"]] == [
            "U0ANA,U0BEN"
        ]
        assert main(["tick", "--now", "2026-12-07T09:05"]) == 0  # day 14: "How did it go?"
        assert main(["tick", "--now", "2026-12-07T09:10"]) == 0  # again: nothing twice
        asked = [c for c in fake.calls_to("chat.postMessage") if "How did it go" in str(c.args.get("text"))]
        assert sorted(c.args["channel"] for c in asked) == ["U0ANA", "U0BEN"]
        with session_scope(sessions) as session:
            assert session.get(Intro, intro_id).status == IntroStatus.FOLLOWED_UP
        engine.dispose()


def test_no_sqlite_wal_or_shm_file_is_left_behind(tmp_path: Path) -> None:
    """SQLite in WAL mode keeps `-wal` and `-shm` files while a connection is open: each command closes its
    database, so none stays next to the file once the command has ended."""
    (tmp_path / "community.json").write_text(demo_text())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KINDRED_"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'kindred.db'}"
    for command in (
        ["import", "community.json"],
        ["digest", "--dry-run", "--now", "2026-11-23T09:00"],
        ["export", "out.json"],
        ["demo", "--db", "demo.db"],
    ):
        result = kindred_command(*command, env=env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert sorted(path.name for path in tmp_path.glob("*.db-*")) == [], command
