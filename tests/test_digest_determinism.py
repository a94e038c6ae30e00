"""The digest does not depend on the process that computes it: two processes with different string hash seeds
print the same plan, byte for byte."""

import json
import os
import subprocess
from pathlib import Path

from bot.matching.embeddings import DEFAULT_MODEL
from tests.processes import kindred_command

COMMUNITY = Path(__file__).parent / "matching" / "data" / "realistic_tune_community.json"
DIGEST = ("digest", "--dry-run", "--json", "--now", "2026-11-23T09:00")


def _kindred(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = kindred_command(*args, env=env, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result


def test_two_processes_with_different_hash_seeds_print_the_same_digest(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "PYTHONHASHSEED"))},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'kindred.db'}",
        "KINDRED_EMBEDDING_MODEL": DEFAULT_MODEL,
    }
    _kindred("import", str(COMMUNITY), env=env, cwd=tmp_path)

    first = _kindred(*DIGEST, env={**env, "PYTHONHASHSEED": "1"}, cwd=tmp_path).stdout
    second = _kindred(*DIGEST, env={**env, "PYTHONHASHSEED": "2"}, cwd=tmp_path).stdout

    assert first == second
    document = json.loads(first)
    assert document["period"] == "2026-W48"
    reasons = [s["reason"] for digest in document["digests"] for s in digest["suggestions"]]
    assert reasons
    assert all(reason.strip() for reason in reasons)
