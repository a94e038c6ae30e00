"""`kindred demo`: it leads with what Kindred does (summary, then digests, then members), speaks in weeks
people say, cuts nothing mid-word, and ends with next steps that work exactly as printed."""

import json
import os
import re
import shlex
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.demo import demo_text, load_demo
from bot.skills import label_for
from tests.processes import kindred_command

MONDAY_30_NOV = datetime(2026, 12, 2, 10, tzinfo=UTC)  # ISO week 2026-W49


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> str:
    return load_demo(tmp_path_factory.mktemp("demo") / "demo.db", now=MONDAY_30_NOV)


@pytest.fixture(scope="module")
def printed_in_full(tmp_path_factory: pytest.TempPathFactory) -> str:
    return load_demo(tmp_path_factory.mktemp("demo") / "demo.db", now=MONDAY_30_NOV, full=True)


def test_the_summary_comes_first_then_the_digest_then_the_members(printed: str) -> None:
    summary = printed.index("Kindred demo: a sample community of 40 members")
    digest = printed.index("This week's digest")
    first_reason = printed.index("You asked for help with")
    members = printed.index("Members: the first 8 of 40")
    assert summary == 0
    assert summary < digest < first_reason < members
    head = printed[:digest]
    assert re.search(r"\d+ offers of help, \d+ needs \(\d+ of them private", head)
    assert "Most offered: " in head
    assert "Most asked for: " in head
    assert len(printed[:members].splitlines()) < 50, "the digest is shown for a few members, not all"


def test_the_week_is_said_as_people_say_it_and_scores_are_left_out(printed: str) -> None:
    assert "This week's digest (week of 30 Nov 2026)" in printed
    assert "2026-W49" not in printed
    assert not re.search(r"\[\d\.\d\d\]", printed), "a bare score means nothing to a community manager"


def test_listed_entries_are_cut_between_words_and_skills_are_whole(printed_in_full: str) -> None:
    community = json.loads(demo_text())
    titles = [
        " ".join(str(entry.get("name") or entry["description"]).split())
        for member in community["members"]
        for kind in ("offers", "needs", "projects")
        for entry in member[kind]
    ]
    labels = {
        label_for(tag)
        for member in community["members"]
        for kind in ("offers", "needs", "projects")
        for entry in member[kind]
        for tag in entry.get("skills", [])
    }
    entry_lines = [
        line for line in printed_in_full.splitlines() if re.match(r"  (offers|needs|projects) +• ", line)
    ]
    assert len(entry_lines) > 100
    cut = 0
    for line in entry_lines:
        assert len(line) <= 100, line
        text, _, skills = line.split(" • ", 1)[1].partition("  [")
        if text.endswith("…"):
            cut += 1
            kept = text.removesuffix("…")
            whole = next(title for title in titles if title.startswith(kept))
            assert whole[len(kept)] in " ,;:–-", f"cut mid-word: {line!r}"
        for skill in skills.removesuffix("]").split(", ") if skills else []:
            assert skill in labels or re.fullmatch(r"\+\d+ more", skill), f"skill cut: {line!r}"
    assert cut > 10  # the check above did check something


def test_reasons_quote_whole_words(printed_in_full: str) -> None:
    community = json.loads(demo_text())
    texts = [
        " ".join(str(entry.get(field, "")).split())
        for member in community["members"]
        for kind in ("offers", "needs", "projects")
        for entry in member[kind]
        for field in ("name", "description")
    ] + [" ".join(str(member.get("bio", "")).split()) for member in community["members"]]
    quoted = re.findall(r"“([^”]+)…”", " ".join(printed_in_full.split()))
    checked = 0
    for kept in quoted:
        whole = next((text for text in texts if text.startswith(kept)), None)
        if whole is not None:  # a quote wrapped at a hyphen is not found verbatim: skip it
            checked += 1
            assert whole[len(kept)] in " ,;:–-", f"quote cut mid-word: {kept!r}"
    assert checked > 10


def test_the_next_steps_work_exactly_as_printed(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KINDRED_", "DATABASE_"))}
    demo = kindred_command("demo", env=env, cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    steps = _commands_after("Try next", demo.stdout)
    assert [step[-2:] for step in steps] == [
        ["digest", "--dry-run"],
        ["--dry-run", "--json"],
        ["export", "demo-community.json"],
    ]
    outputs = []
    for step in steps:
        settings = dict(word.split("=", 1) for word in step if re.match(r"^[A-Z_]+=", word))
        command = [word for word in step if not re.match(r"^[A-Z_]+=", word)]
        ran = subprocess.run(
            command,
            env={**env, **settings},
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert ran.returncode == 0, (step, ran.stderr)
        outputs.append(ran.stdout)
    assert "Kindred spirits for the week of " in outputs[0]
    assert "can help you: Dana Diaz" in outputs[0]
    assert json.loads(outputs[1])["digests"]
    assert len(json.loads((tmp_path / "demo-community.json").read_text())["members"]) == 40
    assert not (tmp_path / "kindred.db").exists(), "the next steps read the demo's database"


def _commands_after(heading: str, output: str) -> list[list[str]]:
    """The shell commands listed under `heading`: indented lines that are not comments."""
    block = []
    for line in output.split(heading, 1)[1].splitlines()[1:]:
        if not line.startswith("  "):
            break
        block.append(line.strip())
    return [shlex.split(line) for line in block if not line.startswith("#")]
