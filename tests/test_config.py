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
