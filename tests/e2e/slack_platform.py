"""The Slack platform's side of the conversation: signed HTTP requests shaped exactly like Slack's.

Slash commands are form-encoded; interactivity (buttons, submissions, option loads) is form-encoded with a
JSON `payload` field; Events API callbacks are JSON. Each is signed with the app's signing secret
(`v0=HMAC_SHA256(secret, "v0:{timestamp}:{body}")`). Modal submissions are built from the view the bot
actually opened, with `view.state.values` filled the way Slack fills them.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from tests.fakeslack import FakeSlack

APP_ID = "A0KINDRED"
VERIFICATION_TOKEN = "fake-verification-token"


@dataclass
class Reply:
    status: int
    text: str

    def json(self) -> Any:
        return json.loads(self.text) if self.text else None


def sign(secret: str, timestamp: int, body: bytes) -> str:
    base = f"v0:{timestamp}:".encode() + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


class SlackPlatform:
    def __init__(self, *, url: str, secret: str, fake: FakeSlack) -> None:
        self.url, self.secret, self.fake = url, secret, fake
        self.team_id = fake.team_id

    # --- transport ---------------------------------------------------------------------------------

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        signature: str | None = None,
        signed: bool = True,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        stamp = int(time.time()) if timestamp is None else timestamp
        request_headers = {
            "Content-Type": content_type,
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        }
        if signed:
            request_headers["X-Slack-Request-Timestamp"] = str(stamp)
            request_headers["X-Slack-Signature"] = signature or sign(self.secret, stamp, body)
        request_headers.update(headers or {})
        request = urllib.request.Request(
            f"{self.url}/slack/events", data=body, headers=request_headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return Reply(response.status, response.read().decode())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read().decode())

    def post_form(self, fields: dict[str, str], **options: Any) -> Reply:
        return self.post(urlencode(fields).encode(), "application/x-www-form-urlencoded", **options)

    def post_payload(self, payload: dict[str, Any], **options: Any) -> Reply:
        return self.post_form({"payload": json.dumps(payload)}, **options)

    def post_event(self, envelope: dict[str, Any], **options: Any) -> Reply:
        return self.post(json.dumps(envelope).encode(), "application/json", **options)

    # --- what members do -----------------------------------------------------------------------------

    def command(
        self, command: str, text: str = "", *, user: str = "U0ALICE", channel: str = "C0GENERAL"
    ) -> Reply:
        return self.post_form(self.command_fields(command, text, user=user, channel=channel))

    def command_fields(
        self, command: str, text: str, *, user: str, channel: str = "C0GENERAL"
    ) -> dict[str, str]:
        return {
            "token": VERIFICATION_TOKEN,
            "team_id": self.team_id,
            "team_domain": "northside",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": self.fake.new_response_url(),
            "trigger_id": self.fake.issue_trigger_id(),
        }

    def click(
        self,
        action_id: str,
        *,
        user: str = "U0ALICE",
        value: str | None = None,
        view: dict[str, Any] | None = None,
        message: dict[str, Any] | None = None,
        selected: str | None = None,
        block_id: str = "b1",
    ) -> Reply:
        """A button click (or a select choice with `selected`) in a Home tab, a modal or a message."""
        action: dict[str, Any] = {
            "action_id": action_id,
            "block_id": block_id,
            "action_ts": f"{time.time():.6f}",
        }
        if selected is not None:
            action |= {"type": "static_select", "selected_option": _option(selected)}
        else:
            action |= {"type": "button", "text": {"type": "plain_text", "text": "Button", "emoji": True}}
            if value is not None:
                action["value"] = value
        payload = self._interaction("block_actions", user) | {
            "trigger_id": self.fake.issue_trigger_id(view_id=view.get("id") if view else None),
            "actions": [action],
        }
        if view is not None:
            payload |= {"container": {"type": "view", "view_id": view.get("id", "V0HOME")}, "view": view}
        if message is not None:
            channel = message["channel"]
            payload |= {
                "container": {
                    "type": "message",
                    "message_ts": message["ts"],
                    "channel_id": channel,
                    "is_ephemeral": True,
                },
                "channel": {"id": channel, "name": "general"},
                "message": message,
                "response_url": self.fake.new_response_url(),
            }
        return self.post_payload(payload)

    def submit(
        self, view: dict[str, Any], *, user: str = "U0ALICE", values: dict[str, Any] | None = None
    ) -> Reply:
        """Submit a modal the bot opened, with `values` by block id (others keep their initial values)."""
        return self.post_payload(self.submission(view, user=user, values=values))

    def submission(
        self, view: dict[str, Any], *, user: str = "U0ALICE", values: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The `view_submission` payload of a modal the bot opened."""
        submitted = {key: value for key, value in view.items() if key != "state"}
        submitted["state"] = {"values": state_values(view, values or {})}
        return self._interaction("view_submission", user) | {
            "trigger_id": self.fake.issue_trigger_id(),
            "view": submitted,
            "response_urls": [],
        }

    def suggest(self, action_id: str, typed: str, *, view: dict[str, Any], user: str = "U0ALICE") -> Reply:
        payload = self._interaction("block_suggestion", user) | {
            "container": {"type": "view", "view_id": view.get("id")},
            "action_id": action_id,
            "block_id": action_id,
            "value": typed,
            "view": view,
        }
        return self.post_payload(payload)

    def event(self, event: dict[str, Any]) -> Reply:
        return self.post_event(self.event_envelope(event))

    def event_envelope(self, event: dict[str, Any]) -> dict[str, Any]:
        """An Events API callback as Slack sends it (each with a new `event_id`)."""
        return {
            "token": VERIFICATION_TOKEN,
            "team_id": self.team_id,
            "api_app_id": APP_ID,
            "event": event | {"event_ts": f"{time.time():.6f}"},
            "type": "event_callback",
            "event_id": f"Ev{uuid.uuid4().hex[:10].upper()}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.team_id,
                    "user_id": self.fake.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": "4-fake-context",
        }

    def open_home(self, user: str = "U0ALICE") -> Reply:
        return self.event(
            {
                "type": "app_home_opened",
                "user": user,
                "channel": self.fake.dm_channel_for(user),
                "tab": "home",
            }
        )

    def _interaction(self, kind: str, user: str) -> dict[str, Any]:
        return {
            "type": kind,
            "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": self.team_id},
            "api_app_id": APP_ID,
            "token": VERIFICATION_TOKEN,
            "team": {"id": self.team_id, "domain": "northside"},
            "enterprise": None,
            "is_enterprise_install": False,
        }


def _option(value: str, label: str | None = None) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": label or value, "emoji": True}, "value": value}


def state_values(view: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """`view.state.values` as Slack sends it: every input block, with typed or initial values."""
    state: dict[str, Any] = {}
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        element = block["element"]
        given = values.get(block["block_id"], _initial(element))
        state[block["block_id"]] = {element["action_id"]: _element_state(element, given)}
    return state


def _initial(element: dict[str, Any]) -> Any:
    if "initial_value" in element:
        return element["initial_value"]
    if "initial_option" in element:
        return element["initial_option"]["value"]
    if "initial_user" in element:
        return element["initial_user"]
    if "initial_options" in element:
        return [(o["value"], o["text"]["text"]) for o in element["initial_options"]]
    return None


def _element_state(element: dict[str, Any], given: Any) -> dict[str, Any]:
    kind = element["type"]
    if kind in ("plain_text_input", "url_text_input", "email_text_input", "number_input"):
        return {"type": kind, "value": given if given not in (None, "") else None}
    if kind.startswith("multi_"):
        chosen = [item if isinstance(item, tuple) else (item, item) for item in (given or [])]
        return {"type": kind, "selected_options": [_option(value, label) for value, label in chosen]}
    if kind == "users_select":
        return {"type": kind, "selected_user": given}
    if kind in ("static_select", "radio_buttons", "external_select"):
        label = next((o["text"]["text"] for o in element.get("options", []) if o["value"] == given), given)
        return {"type": kind, "selected_option": _option(given, label) if given is not None else None}
    raise AssertionError(f"no state shape for {kind}")
