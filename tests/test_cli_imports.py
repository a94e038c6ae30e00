"""`kindred --help` and a settings error answer at once: they load none of the heavy parts (SQLAlchemy,
the matcher's numpy and scikit-learn, the embedding model, Bolt). Each case runs in a fresh interpreter and
lists what it imported; how long that takes is measured by `bench/cli_startup.py`, not here."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "numpy",
    "scipy",
    "sklearn",
    "tokenizers",
    "safetensors",
    "wordllama",
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "slack_bolt",
    "slack_sdk",
    "bot.matching.embeddings",
    "bot.models",
)

RUN_AND_LIST_IMPORTS = """
import json, sys
from bot.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def imported_by(*args: str, cwd: Path, **settings: str) -> tuple[int, set[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KINDRED_", "DATABASE_"))}
    ran = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_IMPORTS, *args],
        env={**env, **settings},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    found = json.loads(ran.stdout.splitlines()[-1])
    return found["code"], set(found["modules"])


@pytest.mark.parametrize("command", [["--help"], ["digest", "--help"], ["demo", "--help"]])
def test_help_loads_nothing_heavy(command: list[str], tmp_path: Path) -> None:
    code, modules = imported_by(*command, cwd=tmp_path)
    assert code == 0
    assert "pydantic" not in modules  # not even the settings
    assert {name for name in HEAVY if name in modules} == set()


@pytest.mark.parametrize(
    "setting",
    [
        {"PORT": "not-a-port"},
        {"DATABASE_URL": "mysql://nope"},
        {"KINDRED_EMBEDDING_MODEL": "/no/such/model"},
    ],
)
def test_a_settings_error_loads_nothing_heavy(setting: dict[str, str], tmp_path: Path) -> None:
    code, modules = imported_by("digest", "--dry-run", cwd=tmp_path, **setting)
    assert code == 2
    assert "bot.config" in modules  # the settings were checked…
    assert {name for name in HEAVY if name in modules} == set()  # …and nothing else was loaded
    assert list(tmp_path.iterdir()) == []


def test_a_command_still_loads_what_it_needs(tmp_path: Path) -> None:
    code, modules = imported_by("db", "upgrade", cwd=tmp_path, DATABASE_URL="sqlite:///kindred.db")
    assert code == 0
    assert {"sqlalchemy", "alembic", "bot.matching.embeddings"} <= modules  # so the checks above can fail
