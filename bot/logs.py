"""Logging: text or JSON lines (KINDRED_LOG_FORMAT), with Slack tokens and secrets redacted."""

import json
import logging
import re
import sys
from datetime import UTC, datetime

SECRET = re.compile(r"\b(xox[a-z]-|xapp-)[A-Za-z0-9-]+|(Bearer\s+)\S+|(://[^:/@\s]+:)[^@\s]+@")


def redact(text: str) -> str:
    def mask(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1) + "[redacted]"
        if match.group(2):
            return match.group(2) + "[redacted]"
        return f"{match.group(3)}[redacted]@"

    return SECRET.sub(mask, text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["error"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """One line a record (plus any traceback), with secrets in the traceback redacted too."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure(*, level: str = "INFO", fmt: str = "text") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # slack_sdk logs request headers (the bot token) at DEBUG: never let it go below INFO.
    logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.getLevelName(level)))
    for name in ("slack_sdk", "slack_bolt", "urllib3"):
        logging.getLogger(name).setLevel(max(logging.INFO, logging.getLevelName(level)))
