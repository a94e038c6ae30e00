"""What travels over the wire: parsed requests, recorded calls, injected faults, API errors."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import HTTP
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

# Arguments Slack takes as JSON-encoded strings when sent form-encoded.
JSON_ARGS = frozenset({"view", "blocks", "attachments", "metadata", "files"})


@dataclass
class Call:
    """One request the fake received, with the reply it gave."""

    method: str
    args: dict[str, Any]
    token: str | None
    status: int
    response: dict[str, Any]
    at: float

    @property
    def ok(self) -> bool:
        return self.response.get("ok") is True

    @property
    def error(self) -> str | None:
        error = self.response.get("error")
        return error if isinstance(error, str) else None

    def describe(self) -> str:
        outcome = "ok" if self.ok else f"error={self.error}"
        shown = {k: v for k, v in self.args.items() if k not in ("blocks", "view", "attachments")}
        brief = json.dumps(shown, default=str)
        if len(brief) > 160:
            brief = brief[:157] + "..."
        return f"{self.method} [{self.status} {outcome}] {brief}"


@dataclass
class Fault:
    """An injected failure: ``error`` gives an ``ok: false`` JSON body; no error and a non-200 status
    gives a plain-text body (like an edge proxy's 5xx). 429 defaults to ``ratelimited``/``Retry-After: 1``."""

    status: int = 200
    error: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    after_processing: bool = False  # Slack did the work, then the answer was lost (a 5xx from the edge)

    @property
    def active(self) -> bool:
        return self.error is not None or self.status != 200


class ApiError(Exception):
    """Raised by handlers; becomes ``{"ok": false, "error": ..., "response_metadata": ...}``."""

    def __init__(self, error: str, messages: list[str] | None = None, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.messages = messages or []
        self.extra = extra

    def response(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error": self.error, **self.extra}
        if self.messages:
            body["response_metadata"] = {"messages": list(self.messages)}
        return body


def invalid(*messages: str, error: str = "invalid_arguments", **extra: Any) -> ApiError:
    """A validation failure whose messages carry Slack's ``[ERROR] `` prefix."""
    return ApiError(error, [f"[ERROR] {m}" for m in messages], **extra)


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def json_reply(data: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, json.dumps(data).encode(), headers=dict(headers or {}))


def text_reply(text: str, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, text.encode(), "text/plain; charset=utf-8", dict(headers or {}))


def fault_reply(fault: Fault) -> tuple[Reply, dict[str, Any]]:
    """The HTTP reply for an injected fault, and the response dict to record."""
    headers = dict(fault.headers)
    error = fault.error
    if fault.status == 429:
        error = error or "ratelimited"
        if not any(k.lower() == "retry-after" for k in headers):
            headers["Retry-After"] = "1"
    if error is None:
        text = f"{fault.status} {HTTPStatus(fault.status).phrase}"
        return text_reply(text, fault.status, headers), {"ok": False, "_raw": text}
    data = {"ok": False, "error": error}
    return json_reply(data, fault.status, headers), data


def multipart_args(content_type: str, body: bytes) -> dict[str, Any]:
    """The fields of a multipart/form-data body: file parts as bytes, the others as text."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    args: dict[str, Any] = {}
    if not isinstance(message, EmailMessage):
        return args
    for part in message.iter_parts():
        if not isinstance(part, EmailMessage):
            continue
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if not isinstance(name, str) or not isinstance(payload, bytes):
            continue
        args[name] = payload if part.get_filename() else payload.decode("utf-8")
    return args


def parse_request(headers: dict[str, str], query: str, body: bytes) -> tuple[dict[str, Any], str | None]:
    """Arguments (query string, then form/JSON/multipart body) and the token (header or ``token`` arg).

    Raises ApiError("invalid_json") / ("invalid_form_data") on undecodable bodies.
    """
    args: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    content_type = headers.get("content-type", "")
    if body:
        if content_type.startswith("application/json"):
            try:
                data = json.loads(body)
            except ValueError:
                raise ApiError("invalid_json") from None
            if not isinstance(data, dict):
                raise ApiError("invalid_json")
            args.update(data)
        elif content_type.startswith("multipart/form-data"):
            args.update(multipart_args(content_type, body))
        else:
            try:
                args.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False))
            except UnicodeDecodeError:
                raise ApiError("invalid_form_data") from None
    for key in JSON_ARGS & args.keys():
        value = args[key]
        if isinstance(value, str) and value.strip():
            # Undecodable values stay strings; the handler reports the format error.
            with contextlib.suppress(ValueError):
                args[key] = json.loads(value)
    token: str | None = None
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        token = auth[7:].strip() or None
    arg_token = args.pop("token", None)
    if token is None and isinstance(arg_token, str) and arg_token:
        token = arg_token
    return args, token


def truthy(value: object) -> bool:
    """Slack's reading of boolean arguments: true/1 (form posts send "1"/"0" or "true"/"false")."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)
