"""The Slack platform's side in Socket Mode: the same requests as slack_platform.py, sent as envelopes over
the fake Slack's Socket Mode connection; the reply is the app's ack (its payload, as JSON text)."""

import json
from typing import Any
from urllib.parse import parse_qsl

from tests.e2e.slack_platform import Reply, SlackPlatform
from tests.fakeslack import FakeSlack


class SocketPlatform(SlackPlatform):
    def __init__(self, *, fake: FakeSlack) -> None:
        super().__init__(url="", secret="", fake=fake)

    def post(self, body: bytes, content_type: str, **options: Any) -> Reply:
        if content_type == "application/json":
            return self.envelope("events_api", json.loads(body))
        fields = dict(parse_qsl(body.decode(), keep_blank_values=True))
        if "payload" in fields:
            return self.envelope("interactive", json.loads(fields["payload"]))
        return self.envelope("slash_commands", fields)

    def envelope(self, kind: str, payload: dict[str, Any], **options: Any) -> Reply:
        ack = self.fake.socket_mode.send(kind, payload, **options)
        answer = ack.get("payload")
        return Reply(200, json.dumps(answer) if answer else "")
