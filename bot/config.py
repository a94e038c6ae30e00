"""Settings: the only place that reads the environment (and an optional `.env`).

Missing or malformed settings become one `ConfigError` with a line for each bad setting, naming the
variable and saying how to fix it; the CLI prints those lines and exits with code 2.
"""

from __future__ import annotations

import os
import re
from datetime import time
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.matching.model_files import DEFAULT_MODEL, ModelNotFound, locate
from bot.quiet_hours import DEFAULT as DEFAULT_QUIET_HOURS
from bot.quiet_hours import QuietHours

SLACK_API_URL = "https://slack.com/api/"
DATABASE_URL_FORMS = (
    "sqlite:///kindred.db (a file in the working directory) or postgresql://user@host:5432/db"
)
TOKEN_KINDS = {
    "xoxb-": "a bot token",
    "xoxp-": "a user token",
    "xapp-": "an app-level token",
    "xoxe-": "a refresh or configuration token",
    "xoxe.": "an expiring token from token rotation, which Kindred does not refresh",
}
USER_ID = re.compile(r"^[UW][A-Z0-9]{2,30}$")
CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,30}$")
# What SQLAlchemy's URL parser needs to read a URL (checked here without importing SQLAlchemy, which the
# settings check of every command would otherwise pay for): a driver name, and a port made of digits.
DATABASE_URL = re.compile(
    r"^(?P<driver>[\w+]+)://"  # sqlite, postgresql+psycopg, …
    r"(?:[^:/]*(?::[^@]*)?@)?"  # user and password
    r"(?P<host>\[[^/?]+\]|[^/:?]+)?"
    r"(?::(?P<port>[^/?]*))?"
    r"(?:/(?P<database>[^?]*))?"  # for SQLite, the file: kindred.db, or /absolute/path/kindred.db
)
SECRET_KEY_MIN = 32
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
INT_RANGES = {
    "PORT": (1, 65535),
    "KINDRED_DIGEST_SUGGESTIONS": (1, 10),
    "KINDRED_DIGEST_MAX_APPEARANCES": (1, 100),
    "KINDRED_INTRO_EXPIRY_DAYS": (1, 30),
    "KINDRED_FOLLOW_UP_DAYS": (14, 28),
    "KINDRED_RECONNECT_DAYS": (30, 365),
    "KINDRED_MAX_PENDING_INTROS": (1, 20),
    "KINDRED_MAX_INTRO_REQUESTS_PER_WEEK": (1, 20),
    "KINDRED_TICK_SECONDS": (5, 3600),
    "KINDRED_SLACK_MESSAGES_PER_SECOND": (1, 100),
}


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line per bad setting, meant for the operator."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    slack_bot_token: SecretStr | None = Field(None, validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(None, validation_alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(None, validation_alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field(SLACK_API_URL, validation_alias="SLACK_API_URL")
    database_url: str = Field("sqlite:///kindred.db", validation_alias="DATABASE_URL")
    port: int = Field(3000, validation_alias="PORT", ge=1, le=65535)
    timezone: str = Field("UTC", validation_alias="KINDRED_TIMEZONE")
    admins: Annotated[tuple[str, ...], NoDecode] = Field((), validation_alias="KINDRED_ADMINS")
    digest_channel: str | None = Field(None, validation_alias="KINDRED_DIGEST_CHANNEL")
    digest_day: str = Field("mon", validation_alias="KINDRED_DIGEST_DAY")
    digest_time: time = Field(time(9, 0), validation_alias="KINDRED_DIGEST_TIME")
    digest_suggestions: int = Field(3, validation_alias="KINDRED_DIGEST_SUGGESTIONS", ge=1, le=10)
    digest_max_appearances: int = Field(5, validation_alias="KINDRED_DIGEST_MAX_APPEARANCES", ge=1, le=100)
    intro_expiry_days: int = Field(7, validation_alias="KINDRED_INTRO_EXPIRY_DAYS", ge=1, le=30)
    follow_up_days: int = Field(14, validation_alias="KINDRED_FOLLOW_UP_DAYS", ge=14, le=28)
    reconnect_days: int = Field(90, validation_alias="KINDRED_RECONNECT_DAYS", ge=30, le=365)
    quiet_hours: str = Field(DEFAULT_QUIET_HOURS, validation_alias="KINDRED_QUIET_HOURS")
    max_pending_intros: int = Field(3, validation_alias="KINDRED_MAX_PENDING_INTROS", ge=1, le=20)
    max_intro_requests_per_week: int = Field(
        2, validation_alias="KINDRED_MAX_INTRO_REQUESTS_PER_WEEK", ge=1, le=20
    )
    tick_seconds: int = Field(300, validation_alias="KINDRED_TICK_SECONDS", ge=5, le=3600)
    messages_per_second: int = Field(5, validation_alias="KINDRED_SLACK_MESSAGES_PER_SECOND", ge=1, le=100)
    embedding_model: str = Field(DEFAULT_MODEL, validation_alias="KINDRED_EMBEDDING_MODEL")
    public_url: str | None = Field(None, validation_alias="KINDRED_PUBLIC_URL")
    secret_key: SecretStr | None = Field(None, validation_alias="KINDRED_SECRET_KEY")
    log_format: Literal["text", "json"] = Field("text", validation_alias="KINDRED_LOG_FORMAT")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", validation_alias="KINDRED_LOG_LEVEL"
    )

    @field_validator("log_level", "log_format", mode="before")
    @classmethod
    def _any_case(cls, value: object, info: ValidationInfo) -> object:
        if not isinstance(value, str):
            return value
        return value.strip().upper() if info.field_name == "log_level" else value.strip().lower()

    @field_validator("embedding_model")
    @classmethod
    def _embedding_model_loads(cls, value: str) -> str:
        try:
            locate(value.strip())  # finds the files and reads the weights' header; loading waits for use
        except ModelNotFound as problem:
            raise ValueError(str(problem)) from None
        return value.strip()

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        return _token_with_prefix(value, "xoxb-", "the Bot User OAuth Token from OAuth & Permissions")

    @field_validator("slack_app_token")
    @classmethod
    def _app_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        return _token_with_prefix(value, "xapp-", "an app-level token with the connections:write scope")

    @field_validator("slack_signing_secret")
    @classmethod
    def _signing_secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or value.get_secret_value().strip() == "":
            return None
        if not re.fullmatch(r"[0-9a-zA-Z]{8,}", value.get_secret_value().strip()):
            raise ValueError("must be the Signing Secret from Basic Information (letters and digits)")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("slack_api_url")
    @classmethod
    def _api_url_shape(cls, value: str) -> str:
        value = value.strip()
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError(f"must be an http(s) URL such as {SLACK_API_URL} (got {value!r})")
        return value if value.endswith("/") else value + "/"

    @field_validator("public_url")
    @classmethod
    def _public_url_shape(cls, value: str | None) -> str | None:
        if value is None or value.strip() == "":
            return None
        given = value.strip()
        if not re.fullmatch(r"https?://[^/\s?#@]+/?", given):
            raise ValueError(
                "must be the http(s) address people reach Kindred at, without a path, such as "
                f"https://kindred.example.org (got {given!r})"
            )
        return given.rstrip("/")

    @field_validator("secret_key")
    @classmethod
    def _secret_key_length(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or value.get_secret_value().strip() == "":
            return None
        key = value.get_secret_value().strip()
        if len(key) < SECRET_KEY_MIN:
            raise ValueError(
                f"must be at least {SECRET_KEY_MIN} characters long (it has {len(key)}); make one with "
                "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        return SecretStr(key)

    @field_validator("database_url")
    @classmethod
    def _database_url_shape(cls, value: str) -> str:
        value = value.strip()
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                value = "postgresql+psycopg://" + value.removeprefix(prefix)
        url = DATABASE_URL.match(value)
        if url is None or not (url["port"] is None or url["port"].isdigit()):
            raise ValueError(
                f"is not a database URL (got {_without_password(value)!r}); use {DATABASE_URL_FORMS}"
            )
        problem = _database_url_problem(url)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone_exists(cls, value: str) -> str:
        value = value.strip()
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"must be an IANA time zone such as Europe/Berlin or UTC (got {value!r})"
            ) from None
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_hours_shape(cls, value: str) -> str:
        quiet = QuietHours.parse(value)
        return "off" if quiet is None else str(quiet)

    @field_validator("admins", mode="before")
    @classmethod
    def _split_admins(cls, value: object) -> tuple[str, ...]:
        if value is None:
            return ()
        items = value.split(",") if isinstance(value, str) else list(value)  # type: ignore[call-overload]
        admins = tuple(str(item).strip() for item in items if str(item).strip())
        bad = [admin for admin in admins if not USER_ID.match(admin)]
        if bad:
            raise ValueError(
                f"must be comma-separated Slack user ids such as U0123ABCD (not {', '.join(bad)})"
            )
        return admins

    @field_validator("digest_channel")
    @classmethod
    def _channel_id_shape(cls, value: str | None) -> str | None:
        if value is None or value.strip() == "":
            return None
        value = value.strip()
        if not CHANNEL_ID.match(value):
            raise ValueError(
                f"must be a channel ID such as C0123ABCD, not a name (got {value!r}); "
                "open the channel's details in Slack to copy its ID"
            )
        return value

    @field_validator("digest_day")
    @classmethod
    def _weekday(cls, value: str) -> str:
        day = value.strip().lower()[:3]
        if day not in WEEKDAYS:
            raise ValueError(f"must be a weekday such as mon or monday (got {value!r})")
        return day

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def quiet(self) -> QuietHours | None:
        """The hours of each member's night in which nothing is sent unasked; None when turned off."""
        return QuietHours.parse(self.quiet_hours)

    def require_token(self, hint: str = "") -> None:
        """Check what sending anything to Slack needs."""
        if self.slack_bot_token is None:
            raise ConfigError(
                "SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) from your app's "
                f"OAuth & Permissions page{hint}"
            )

    def require_slack(self) -> None:
        """Check what `kindred run` needs before it connects to Slack."""
        self.require_token()
        if not self.socket_mode and self.slack_signing_secret is None:
            raise ConfigError(
                "SLACK_SIGNING_SECRET is not set: copy it from your app's Basic Information page "
                "(or set SLACK_APP_TOKEN to use Socket Mode)"
            )


def _token_with_prefix(value: SecretStr | None, prefix: str, what: str) -> SecretStr | None:
    if value is None or value.get_secret_value().strip() == "":
        return None
    token = value.get_secret_value().strip()
    if not token.startswith(prefix):
        raise ValueError(f"must start with {prefix} ({what}), but {_token_start(token)}")
    if len(token) < len(prefix) + 8:
        raise ValueError(f"is too short to be a token ({what}): copy the whole token")
    return SecretStr(token)


def _token_start(token: str) -> str:
    """What a token starts with, told without showing any of its secret part."""
    for prefix, kind in TOKEN_KINDS.items():
        if token.startswith(prefix):
            return f"it starts with {prefix}: that is {kind}"
    if token[:1] in "\"'":
        return "it starts with a quote mark: remove the quotes around the token"
    if token.lower().startswith("bearer "):
        return "it starts with Bearer: remove that word and keep only the token"
    return "it does not look like a Slack token (those start with xox or xapp-)"


def _without_password(url: str) -> str:
    """A URL that did not parse, fit to print: `user:secret@` becomes `user:***@`."""
    return re.sub(r"([^/:@]+:)[^/@]+@", r"\1***@", url)


def _database_url_problem(url: re.Match[str]) -> str | None:
    """What is wrong with a URL that parses (`DATABASE_URL.match`), if anything."""
    driver = url["driver"]
    backend = driver.split("+")[0]
    if backend not in ("sqlite", "postgresql"):
        return f"must be a sqlite:// or postgresql:// URL (got {backend!r}); use {DATABASE_URL_FORMS}"
    if backend == "postgresql" and driver != "postgresql+psycopg":
        return (
            f"names the driver {driver!r}, but Kindred talks to PostgreSQL through psycopg 3: "
            "write postgresql://user@host:5432/db"
        )
    if backend == "sqlite" and url["host"]:
        return (
            f"has two slashes after sqlite: and so names no file; write sqlite:///{url['host']} (three "
            "slashes: a file in the working directory) or sqlite:////absolute/path/kindred.db (four)"
        )
    return sqlite_file_problem(url["database"]) if backend == "sqlite" else None


def sqlite_file_problem(database: str | None) -> str | None:
    """Why SQLite could not open (and, in WAL mode, write next to) the file `database`, if it could not."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    path = Path(database)
    folder = path.parent
    if path.is_dir():
        return f"names the folder {path}: name a file in it, such as {path / 'kindred.db'}"
    if not folder.is_dir():
        hint = " (~ is not expanded here: write the full path)" if database.startswith("~") else ""
        return f"names the file {path}, but its folder {folder} does not exist: create it first{hint}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"names the file {path}, but its folder {folder} is not writable: SQLite keeps files next to "
            "the database, so choose a folder Kindred may write to"
        )
    return None


def load_settings(**overrides: Any) -> Settings:
    """Read settings from the environment; `overrides` (by variable name) win, for tests and the CLI."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        raise ConfigError("\n".join(_problem(detail) for detail in error.errors())) from None


def _problem(detail: ErrorDetails) -> str:
    variable = str(detail["loc"][0]).upper() if detail["loc"] else "configuration"
    message = str(detail["msg"]).removeprefix("Value error, ")
    if detail["type"] in ("int_parsing", "greater_than_equal", "less_than_equal"):
        low, high = INT_RANGES.get(variable, (1, 65535))
        message = f"must be a whole number between {low} and {high} (got {detail.get('input')!r})"
    elif detail["type"] in ("time_parsing", "time_type"):
        message = f"must be a time of day such as 09:00 (got {detail.get('input')!r})"
    elif detail["type"] == "literal_error":
        expected = dict(detail.get("ctx") or {}).get("expected", "one of the listed choices")
        message = f"must be {expected} (got {detail.get('input')!r})"
    return f"{variable} {message}"
