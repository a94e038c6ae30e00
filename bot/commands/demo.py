"""`kindred demo`: the sample community, and what to type next."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path


def demo(database: Path, *, full: bool) -> int:
    from bot.config import ConfigError, sqlite_file_problem
    from bot.demo import load_demo, next_steps

    problem = sqlite_file_problem(str(database))
    if problem:
        raise ConfigError(f"--db {problem}")
    print(load_demo(database, now=datetime.now(UTC), full=full))
    print(next_steps(database, kindred=how_kindred_was_called()))
    return 0


def how_kindred_was_called() -> str:
    """`kindred`, `.venv/bin/kindred` or `python -m bot`: what to type to run Kindred again from here."""
    import shlex
    import shutil

    called = Path(sys.argv[0])
    if called.name == "kindred":
        on_path = shutil.which("kindred")
        same = on_path is not None and Path(on_path).resolve() == called.resolve()
        return "kindred" if same else shlex.quote(sys.argv[0])
    python = "python3" if _is_this_python(shutil.which("python3")) else shlex.quote(sys.executable)
    return f"{python} -m bot"


def _is_this_python(found: str | None) -> bool:
    return found is not None and Path(found).resolve() == Path(sys.executable).resolve()
