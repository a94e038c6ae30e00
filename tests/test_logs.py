import json
import logging

import pytest

from bot.logs import JsonFormatter, configure, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("token xoxb-1234-5678-abcdef used", "token xoxb-[redacted] used"),
        ("app xapp-1-A01-123-abc", "app xapp-[redacted]"),
        ("Authorization: Bearer xoxp-secret", "Authorization: Bearer [redacted]"),
        ("postgresql://kindred:hunter2@db:5432/kindred", "postgresql://kindred:[redacted]@db:5432/kindred"),
        ("nothing secret here", "nothing secret here"),
    ],
)
def test_secrets_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_json_lines_carry_level_logger_and_message_without_secrets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure(level="INFO", fmt="json")
    logging.getLogger("bot.test").warning("calling Slack with %s", "xoxb-0000-fake-token")
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert line["level"] == "warning"
    assert line["logger"] == "bot.test"
    assert line["message"] == "calling Slack with xoxb-[redacted]"
    assert isinstance(JsonFormatter().format(logging.makeLogRecord({"msg": "x"})), str)


def test_slack_sdk_never_logs_at_debug(capsys: pytest.CaptureFixture[str]) -> None:
    configure(level="DEBUG", fmt="text")
    assert logging.getLogger("slack_sdk").getEffectiveLevel() >= logging.INFO


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_secrets_in_a_traceback_are_redacted_too(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    configure(level="INFO", fmt=fmt)
    try:
        raise RuntimeError("connecting to postgresql://kindred:hunter2@db/kindred with xoxb-0000-fake")
    except RuntimeError:
        logging.getLogger("bot.test").exception("job failed")
    written = capsys.readouterr().err
    assert "RuntimeError" in written
    assert "hunter2" not in written
    assert "xoxb-0000" not in written
