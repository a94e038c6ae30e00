"""auth, users, conversations and chat methods. Each handler runs with the workspace lock held."""

from __future__ import annotations

import base64
import binascii
import copy
from collections.abc import Callable
from typing import Any

from tests.fakeslack.blockcheck import check_message_blocks
from tests.fakeslack.wire import ApiError, invalid, truthy
from tests.fakeslack.workspace import JSON, Workspace, ts_key

Handler = Callable[[Workspace, dict[str, Any]], JSON]

MAX_TEXT = 40_000


def auth_test(ws: Workspace, args: dict[str, Any]) -> JSON:
    del args
    return {
        "ok": True,
        "url": "https://fake-team.slack.com/",
        "team": ws.team_name,
        "user": ws.users[ws.bot_user_id]["name"],
        "team_id": ws.team_id,
        "user_id": ws.bot_user_id,
        "bot_id": ws.bot_id,
        "is_enterprise_install": False,
    }


def users_info(ws: Workspace, args: dict[str, Any]) -> JSON:
    user_id = args.get("user")
    user = ws.users.get(user_id) if isinstance(user_id, str) else None
    if user is None:
        raise ApiError("user_not_found")
    return {"ok": True, "user": copy.deepcopy(user)}


def conversations_open(ws: Workspace, args: dict[str, Any]) -> JSON:
    if args.get("channel"):
        channel = ws.channels.get(ws.conversation(args["channel"]))
        if channel is None or not (channel.is_im or channel.is_mpim):
            raise ApiError("method_not_supported_for_channel_type")
    else:
        raw = args.get("users")
        listed = raw.split(",") if isinstance(raw, str) else raw if isinstance(raw, list) else []
        ids = [u.strip() for u in listed if isinstance(u, str) and u.strip()]
        if not ids:
            raise ApiError("users_list_not_supplied")
        for user_id in ids:
            if user_id not in ws.users:
                raise ApiError("user_not_found")
            if ws.users[user_id]["deleted"]:
                raise ApiError("user_disabled")
        ids = list(dict.fromkeys(u for u in ids if u != ws.bot_user_id or len(ids) == 1))
        if len(ids) == 1:
            if ws.users[ids[0]]["is_bot"]:
                raise ApiError("cannot_dm_bot")
            channel = ws.open_dm(ids[0])
        else:
            if len(ids) > 8:
                raise ApiError("too_many_users")
            channel = ws.open_mpim(ids)
    already_open = channel.id in ws.opened
    ws.opened.add(channel.id)
    if not truthy(args.get("return_im")):
        return {"ok": True, "channel": {"id": channel.id}}
    body: JSON = {"ok": True, "channel": channel.to_dict()}
    if already_open:
        body.update(no_op=True, already_open=True)
    return body


# ------------------------------------------------------------------ message content


def _blocks(args: dict[str, Any]) -> list[Any] | None:
    blocks = args.get("blocks")
    if blocks is None or blocks == "":
        return None
    if isinstance(blocks, str):
        raise invalid("blocks must be a JSON array [json-pointer:/blocks]", error="invalid_blocks_format")
    errors = check_message_blocks(blocks)
    if errors:
        raise invalid(*errors, error="invalid_blocks", errors=errors)
    return list(blocks)


def _attachments(args: dict[str, Any]) -> list[Any] | None:
    attachments = args.get("attachments")
    if attachments is None or attachments == "":
        return None
    if not isinstance(attachments, list) or not all(isinstance(a, dict) for a in attachments):
        raise ApiError("invalid_attachments")
    if len(attachments) > 100:
        raise ApiError("too_many_attachments")
    return attachments


def _metadata(args: dict[str, Any]) -> JSON | None:
    """None when absent; {} means "remove" (chat.update); raises on malformed metadata."""
    metadata = args.get("metadata")
    if metadata is None or metadata == "":
        return None
    if not isinstance(metadata, dict):
        raise ApiError("invalid_metadata_format")
    if metadata and (
        not isinstance(metadata.get("event_type"), str)
        or not isinstance(metadata.get("event_payload"), dict)
        or set(metadata) - {"event_type", "event_payload"}
    ):
        raise ApiError("invalid_metadata_schema")
    return copy.deepcopy(metadata)


def _content(args: dict[str, Any]) -> tuple[str, list[Any] | None, list[Any] | None]:
    text = args.get("text")
    text = "" if text is None else str(text)
    blocks, attachments = _blocks(args), _attachments(args)
    if not text.strip() and not blocks and not attachments and not args.get("markdown_text"):
        raise ApiError("no_text")
    if len(text) > MAX_TEXT:
        raise ApiError("msg_too_long")
    return text, blocks, attachments


def _set_content(message: JSON, blocks: list[Any] | None, attachments: list[Any] | None) -> None:
    for key, value in (("blocks", blocks), ("attachments", attachments)):
        if value:
            message[key] = copy.deepcopy(value)
        else:
            message.pop(key, None)


def chat_post_message(ws: Workspace, args: dict[str, Any]) -> JSON:
    channel_id = ws.conversation(args.get("channel"), posting=True)
    text, blocks, attachments = _content(args)
    metadata = _metadata(args)
    message = ws.bot_message(text, ws.next_ts())
    _set_content(message, blocks, attachments)
    if metadata:
        message["metadata"] = metadata
    thread_ts = args.get("thread_ts")
    if thread_ts:
        message["thread_ts"] = str(thread_ts)
        if truthy(args.get("reply_broadcast")):
            message["subtype"] = "thread_broadcast"
    ws.store(channel_id, message)
    return {"ok": True, "channel": channel_id, "ts": message["ts"], "message": copy.deepcopy(message)}


def chat_update(ws: Workspace, args: dict[str, Any]) -> JSON:
    # Slack wants the conversation id here: a user id is not resolved to the DM.
    channel_id = ws.conversation(args.get("channel"), archived="is_inactive")
    message = ws.find_message(channel_id, args.get("ts"))
    if message is None:
        raise ApiError("message_not_found")
    text, blocks, attachments = _content(args)
    metadata = _metadata(args)
    message["text"] = text
    _set_content(message, blocks, attachments)
    if metadata is not None:
        if metadata:
            message["metadata"] = metadata
        else:
            message.pop("metadata", None)
    message["edited"] = {"user": ws.bot_user_id, "ts": ws.next_ts()}
    return {
        "ok": True,
        "channel": channel_id,
        "ts": message["ts"],
        "text": text,
        "message": copy.deepcopy(message),
    }


def chat_post_ephemeral(ws: Workspace, args: dict[str, Any]) -> JSON:
    channel_id = ws.conversation(args.get("channel"), posting=True)
    user_id = args.get("user")
    if not isinstance(user_id, str) or user_id not in ws.users:
        raise ApiError("user_not_found")
    members = ws.channels[channel_id].members
    if members is not None and user_id not in members:
        raise ApiError("user_not_in_channel")
    text, blocks, attachments = _content(args)
    message = ws.bot_message(text, ws.next_ts())
    _set_content(message, blocks, attachments)
    ws.ephemerals.append({"channel": channel_id, "user": user_id, "message": message})
    return {"ok": True, "message_ts": message["ts"]}


# ------------------------------------------------------------------ history


def _bound(args: dict[str, Any], key: str) -> int | None:
    value = args.get(key)
    if value is None or value == "":
        return None
    try:
        return ts_key(value)
    except ValueError:
        raise ApiError(f"invalid_ts_{key}") from None


def _cursor(args: dict[str, Any]) -> int | None:
    cursor = args.get("cursor")
    if not cursor:
        return None
    try:
        decoded = base64.b64decode(str(cursor), validate=True).decode()
        if not decoded.startswith("next_ts:"):
            raise ValueError(decoded)
        return ts_key(decoded[len("next_ts:") :])
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ApiError("invalid_cursor") from None


def conversations_history(ws: Workspace, args: dict[str, Any]) -> JSON:
    channel_id = ws.conversation(args.get("channel"), archived=None)
    try:
        limit = int(args.get("limit") or 100)
    except (TypeError, ValueError):
        raise ApiError("invalid_limit") from None
    limit = max(1, min(limit, 999))
    oldest, latest, cursor = _bound(args, "oldest"), _bound(args, "latest"), _cursor(args)
    inclusive = truthy(args.get("inclusive"))

    def keep(message: JSON) -> bool:
        key = ts_key(message["ts"])
        thread_ts = message.get("thread_ts")
        if thread_ts not in (None, message["ts"]) and message.get("subtype") != "thread_broadcast":
            return False
        if oldest is not None and (key < oldest or (key == oldest and not inclusive)):
            return False
        if latest is not None and (key > latest or (key == latest and not inclusive)):
            return False
        return cursor is None or key <= cursor

    found = [m for m in reversed(ws.messages.get(channel_id, [])) if keep(m)]
    page = copy.deepcopy(found[:limit])
    if not truthy(args.get("include_all_metadata")):
        for message in page:
            message.pop("metadata", None)
    body: JSON = {
        "ok": True,
        "messages": page,
        "has_more": len(found) > limit,
        "pin_count": 0,
        "channel_actions_ts": None,
        "channel_actions_count": 0,
    }
    if len(found) > limit:
        next_cursor = base64.b64encode(f"next_ts:{found[limit]['ts']}".encode()).decode()
        body["response_metadata"] = {"next_cursor": next_cursor}
    return body


METHODS: dict[str, Handler] = {
    "auth.test": auth_test,
    "users.info": users_info,
    "conversations.open": conversations_open,
    "conversations.history": conversations_history,
    "chat.postMessage": chat_post_message,
    "chat.update": chat_update,
    "chat.postEphemeral": chat_post_ephemeral,
}
