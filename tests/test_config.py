import os
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

FAKE_BOT_TOKEN = "xoxb-fake-0000-test"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    for name in (
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
        "SLACK_API_URL",
        "DATABASE_URL",
        "PORT",
        "KINDRED_TIMEZONE",
        "KINDRED_ADMINS",
        "KINDRED_DIGEST_CHANNEL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults_work_without_any_setting() -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite:///kindred.db"
    assert settings.port == 3000
    assert settings.timezone == "UTC"
    assert settings.slack_api_url == "https://slack.com/api/"
    assert not settings.socket_mode
    assert settings.reconnect_days == 90


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("PORT", "abc", "PORT must be a whole number"),
        ("PORT", "70000", "PORT must be a whole number between 1 and 65535"),
        (
            "KINDRED_DIGEST_SUGGESTIONS",
            "0",
            "KINDRED_DIGEST_SUGGESTIONS must be a whole number between 1 and 10",
        ),
        (
            "KINDRED_DIGEST_MAX_APPEARANCES",
            "lots",
            "KINDRED_DIGEST_MAX_APPEARANCES must be a whole number between 1",
        ),
        ("KINDRED_RECONNECT_DAYS", "7", "KINDRED_RECONNECT_DAYS must be a whole number between 30 and 365"),
        (
            "KINDRED_RECONNECT_DAYS",
            "soon",
            "KINDRED_RECONNECT_DAYS must be a whole number between 30 and 365",
        ),
        ("KINDRED_DIGEST_DAY", "someday", "KINDRED_DIGEST_DAY must be a weekday"),
        ("KINDRED_TIMEZONE", "Mars/Olympus", "KINDRED_TIMEZONE must be an IANA time zone"),
        ("KINDRED_ADMINS", "U123ABC,not-an-id", "KINDRED_ADMINS must be comma-separated Slack user ids"),
        ("SLACK_BOT_TOKEN", "xoxp-user-token-123", "SLACK_BOT_TOKEN must start with xoxb-"),
        ("SLACK_APP_TOKEN", "xoxb-wrong-kind-123", "SLACK_APP_TOKEN must start with xapp-"),
        ("SLACK_API_URL", "slack.com/api", "SLACK_API_URL must be an http(s) URL"),
        (
            "DATABASE_URL",
            "mysql://root@localhost/kindred",
            "DATABASE_URL must be a sqlite:// or postgresql://",
        ),
        ("DATABASE_URL", "not a url", "DATABASE_URL is not a database URL"),
        ("KINDRED_DIGEST_CHANNEL", "#general", "KINDRED_DIGEST_CHANNEL must be a channel ID"),
        ("KINDRED_DIGEST_TIME", "25:99", "KINDRED_DIGEST_TIME must be a time of day"),
        (
            "KINDRED_QUIET_HOURS",
            "10pm to 7am",
            'KINDRED_QUIET_HOURS must be two times of day such as "20:00-08:00", or "off"',
        ),
        ("KINDRED_QUIET_HOURS", "08:00-08:00", "KINDRED_QUIET_HOURS must start and end at different times"),
    ],
)
def test_a_malformed_setting_names_the_variable_and_the_fix(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    message = str(raised.value)
    assert message.startswith(expected)
    assert "\n" not in message


def test_lists_and_urls_are_normalised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINDRED_ADMINS", " U0ADMIN1 , W0ADMIN2,, ")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9999/api")
    monkeypatch.setenv("DATABASE_URL", "postgres://kindred@db:5432/kindred")
    settings = load_settings()
    assert settings.admins == ("U0ADMIN1", "W0ADMIN2")
    assert settings.slack_api_url == "http://127.0.0.1:9999/api/"
    assert settings.database_url == "postgresql+psycopg://kindred@db:5432/kindred"


def test_run_needs_a_token_and_a_signing_secret_unless_in_socket_mode(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ConfigError, match=r"^SLACK_BOT_TOKEN is not set"):
        load_settings().require_slack()
    monkeypatch.setenv("SLACK_BOT_TOKEN", FAKE_BOT_TOKEN)
    with pytest.raises(ConfigError, match=r"^SLACK_SIGNING_SECRET is not set"):
        load_settings().require_slack()
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-fake-0000-test")
    load_settings().require_slack()  # Socket Mode needs no signing secret


def test_secrets_never_appear_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", FAKE_BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "fakesigningsecret000")
    settings = load_settings()
    assert FAKE_BOT_TOKEN not in repr(settings)
    assert "fakesigningsecret000" not in repr(settings)


def test_a_dotenv_file_is_read(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("PORT=4567\nKINDRED_TIMEZONE=Europe/Berlin\n")
    settings = load_settings()
    assert (settings.port, settings.timezone) == (4567, "Europe/Berlin")


@pytest.mark.parametrize("value", ["debug", "Debug", " warning "])
def test_the_log_level_may_be_written_in_any_case(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("KINDRED_LOG_LEVEL", value)
    monkeypatch.setenv("KINDRED_LOG_FORMAT", "JSON")
    settings = load_settings()
    assert settings.log_level == value.strip().upper()
    assert settings.log_format == "json"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        (
            "SLACK_BOT_TOKEN",
            "xoxp-1234-secret-part",
            "SLACK_BOT_TOKEN must start with xoxb- (the Bot User OAuth Token from OAuth & Permissions), "
            "but it starts with xoxp-: that is a user token",
        ),
        (
            "SLACK_BOT_TOKEN",
            '"xoxb-1234-secret-part"',
            "SLACK_BOT_TOKEN must start with xoxb- (the Bot User OAuth Token from OAuth & Permissions), "
            "but it starts with a quote mark: remove the quotes around the token",
        ),
        (
            "SLACK_BOT_TOKEN",
            "1234-secret-part",
            "SLACK_BOT_TOKEN must start with xoxb- (the Bot User OAuth Token from OAuth & Permissions), "
            "but it does not look like a Slack token (those start with xox or xapp-)",
        ),
        (
            "SLACK_BOT_TOKEN",
            "xoxb-1234",
            "SLACK_BOT_TOKEN is too short to be a token (the Bot User OAuth Token from OAuth & "
            "Permissions): copy the whole token",
        ),
        (
            "SLACK_APP_TOKEN",
            "xoxb-1234-secret-part",
            "SLACK_APP_TOKEN must start with xapp- (an app-level token with the connections:write scope), "
            "but it starts with xoxb-: that is a bot token",
        ),
    ],
)
def test_a_malformed_token_says_what_it_starts_with_and_never_shows_the_secret(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert str(raised.value) == expected
    assert "1234" not in str(raised.value)


def test_every_bad_setting_is_listed_one_a_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORT", "abc")
    monkeypatch.setenv("KINDRED_TIMEZONE", "Mars/Olympus")
    monkeypatch.setenv("KINDRED_LOG_LEVEL", "verbose")
    with pytest.raises(ConfigError) as raised:
        load_settings()
    lines = str(raised.value).splitlines()
    assert [line.split()[0] for line in lines] == ["PORT", "KINDRED_TIMEZONE", "KINDRED_LOG_LEVEL"]
    assert lines[2] == "KINDRED_LOG_LEVEL must be 'DEBUG', 'INFO', 'WARNING' or 'ERROR' (got 'VERBOSE')"


def _readme_settings() -> str:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## Settings") :].split("\n## ")[0]


@pytest.mark.parametrize("value", ["not a url", "mysql://root@localhost/kindred", "kindred.db"])
def test_a_malformed_database_url_suggests_the_forms_the_readme_uses(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    for form in ("sqlite:///kindred.db", "postgresql://user@host:5432/db"):
        assert form in str(raised.value)
        assert f"`{form}`" in _readme_settings()


def test_an_unparsable_database_url_never_shows_its_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres//kindred:hunter2@db:5432/kindred")
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert "hunter2" not in str(raised.value)
    assert "kindred:***@db:5432/kindred" in str(raised.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "sqlite://kindred.db",
            "DATABASE_URL has two slashes after sqlite: and so names no file; write sqlite:///kindred.db",
        ),
        (
            "postgresql+psycopg2://kindred@db/kindred",
            "DATABASE_URL names the driver 'postgresql+psycopg2', but Kindred talks to PostgreSQL through "
            "psycopg 3",
        ),
    ],
)
def test_a_database_url_that_would_not_work_says_why(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert str(raised.value).startswith(expected)


def test_a_sqlite_file_in_a_missing_folder_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/data/kindred.db")
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert str(raised.value) == (
        f"DATABASE_URL names the file {tmp_path}/data/kindred.db, but its folder {tmp_path}/data does not "
        "exist: create it first"
    )
    (tmp_path / "data").mkdir()
    assert load_settings().database_url == f"sqlite:///{tmp_path}/data/kindred.db"


def test_a_sqlite_url_naming_a_folder_is_explained(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}")
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert str(raised.value) == (
        f"DATABASE_URL names the folder {tmp_path}: name a file in it, such as {tmp_path}/kindred.db"
    )


def test_a_sqlite_file_in_a_folder_nobody_may_write_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.geteuid() == 0:  # root may write anywhere: answer as the folder's permissions do for others
        monkeypatch.setattr(os, "access", lambda path, mode: not str(path).startswith(str(locked)))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{locked}/kindred.db")
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert str(raised.value).startswith(
        f"DATABASE_URL names the file {locked}/kindred.db, but its folder {locked} is not writable"
    )


def test_quiet_hours_are_read_or_turned_off() -> None:
    assert str(load_settings(KINDRED_QUIET_HOURS="22:30 - 7:00").quiet) == "22:30-07:00"
    assert load_settings(KINDRED_QUIET_HOURS="off").quiet is None
    assert str(load_settings().quiet) == "20:00-08:00"


@pytest.mark.parametrize(
    "value",
    ["kindred.example.org", "ftp://kindred.example.org", "https://kindred.example.org/kindred", "https://"],
)
def test_a_public_url_must_be_an_http_address_without_a_path(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("KINDRED_PUBLIC_URL", value)
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert str(raised.value) == (
        "KINDRED_PUBLIC_URL must be the http(s) address people reach Kindred at, without a path, such as "
        f"https://kindred.example.org (got {value!r})"
    )


def test_a_public_url_loses_its_trailing_slash_and_an_empty_one_is_unset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KINDRED_PUBLIC_URL", " https://kindred.example.org:8443/ ")
    assert load_settings().public_url == "https://kindred.example.org:8443"
    monkeypatch.setenv("KINDRED_PUBLIC_URL", "")
    assert load_settings().public_url is None


def test_a_short_secret_key_is_refused_without_showing_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINDRED_SECRET_KEY", "short-secret-1234")
    with pytest.raises(ConfigError) as raised:
        load_settings()
    message = str(raised.value)
    assert message.startswith("KINDRED_SECRET_KEY must be at least 32 characters long (it has 17)")
    assert "short-secret-1234" not in message
    assert "\n" not in message


def test_the_secret_key_never_appears_in_the_settings_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    key = "a-long-enough-secret-key-0123456789"
    monkeypatch.setenv("KINDRED_SECRET_KEY", key)
    settings = load_settings()
    assert settings.secret_key is not None
    assert settings.secret_key.get_secret_value() == key
    assert key not in repr(settings)
    assert key not in str(settings.model_dump())
