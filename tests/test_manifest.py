"""manifest.yml is valid against Slack's published schema and matches what the code listens for."""

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from bot.slack import ids

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((Path(__file__).parent / "slack_schema" / "manifest.schema.1.0.0.json").read_text())


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load((ROOT / "manifest.yml").read_text())


def test_the_manifest_is_valid_against_slacks_schema(manifest: dict) -> None:
    jsonschema.Draft7Validator(SCHEMA).validate(manifest)


def test_the_manifest_declares_the_commands_the_bot_answers(manifest: dict) -> None:
    commands = {command["command"] for command in manifest["features"]["slash_commands"]}
    assert commands == {ids.OFFER_HELP_COMMAND, ids.NEED_HELP_COMMAND, ids.KINDRED_COMMAND, ids.INTRO_COMMAND}


def test_intro_mentions_arrive_as_user_ids(manifest: dict) -> None:
    escaping = {
        command["command"]: command["should_escape"] for command in manifest["features"]["slash_commands"]
    }
    assert escaping[ids.INTRO_COMMAND] is True  # /intro reads <@U…>; a bare @name could not be resolved
    assert escaping[ids.NEED_HELP_COMMAND] is False  # free text is kept as written


def test_the_manifest_subscribes_to_the_events_the_bot_handles(manifest: dict) -> None:
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == {
        "app_home_opened",
        "team_join",
        "user_change",
    }


def test_scopes_are_the_ones_needed_and_no_more(manifest: dict) -> None:
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "commands",
        "chat:write",
        "im:write",
        "im:history",
        "mpim:write",
        "mpim:history",
        "users:read",
        "files:write",
    }


def test_kindred_usage_hint_lists_the_data_subcommands(manifest: dict) -> None:
    [kindred] = [c for c in manifest["features"]["slash_commands"] if c["command"] == ids.KINDRED_COMMAND]
    assert "export" in kindred["usage_hint"]
    assert "forget-me" in kindred["usage_hint"]


def test_home_tab_messages_tab_interactivity_and_socket_mode(manifest: dict) -> None:
    home = manifest["features"]["app_home"]
    assert home["home_tab_enabled"]
    assert home["messages_tab_enabled"]
    assert manifest["settings"]["interactivity"]["is_enabled"]
    assert manifest["settings"]["socket_mode_enabled"] is True


def test_the_display_colour_is_a_hex_colour(manifest: dict) -> None:
    import re

    assert re.fullmatch(r"#[0-9a-fA-F]{6}", manifest["display_information"]["background_color"])
    assert 175 <= len(manifest["display_information"]["long_description"]) <= 4000


def test_schema_rejects_a_broken_manifest(manifest: dict) -> None:
    broken = manifest | {"display_information": {"name": "x" * 36}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(SCHEMA).validate(broken)
