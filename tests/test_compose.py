"""docker-compose.yml runs PostgreSQL and two Kindred replicas wired to it; .env.example lists what to set."""

from pathlib import Path

import pytest
import yaml

from bot.config import load_settings

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_two_replicas_share_one_healthy_postgres(compose: dict) -> None:
    db, kindred = compose["services"]["db"], compose["services"]["kindred"]
    assert db["image"].startswith("postgres:")
    assert kindred["deploy"]["replicas"] == 2
    assert kindred["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert kindred["environment"]["DATABASE_URL"].startswith("postgresql://kindred:")
    assert kindred["environment"]["DATABASE_URL"].endswith("@db:5432/kindred")


def test_no_secret_is_written_into_the_compose_file(compose: dict) -> None:
    assert compose["services"]["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD")
    assert "${POSTGRES_PASSWORD}" in compose["services"]["kindred"]["environment"]["DATABASE_URL"]
    assert compose["services"]["kindred"]["env_file"] == ".env"


def test_the_example_env_file_is_a_valid_configuration(tmp_path: Path) -> None:
    values = dict(
        line.split("=", 1)
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert {"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "POSTGRES_PASSWORD"} <= set(values)
    url = f"postgresql://kindred:{values['POSTGRES_PASSWORD']}@db:5432/kindred"
    settings = load_settings(
        **{k: v for k, v in values.items() if k != "POSTGRES_PASSWORD"}, DATABASE_URL=url
    )
    assert settings.socket_mode
    assert settings.database_url.startswith("postgresql+psycopg://")
