"""views.* (modals and home tabs, with trigger exchange) and the external file-upload flow."""

from __future__ import annotations

import copy
import json
import mimetypes
import secrets
import time
from typing import Any

from tests.fakeslack.api_chat import Handler
from tests.fakeslack.blockcheck import check_view
from tests.fakeslack.wire import ApiError, invalid
from tests.fakeslack.workspace import JSON, TRIGGER_TTL, Trigger, Workspace

MAX_VIEW_BYTES = 250_000
MAX_STACK = 3


def _view_arg(args: dict[str, Any], expect: str | None) -> JSON:
    view = args.get("view")
    if view is None or view == "":
        raise invalid("missing required field: view")
    if not isinstance(view, dict):
        raise invalid("must provide an object [json-pointer:/view]")
    if len(json.dumps(view)) > MAX_VIEW_BYTES:
        raise ApiError("view_too_large")
    errors = check_view(view, expect=expect)
    if errors:
        raise invalid(*errors)
    return view


def _trigger(ws: Workspace, args: dict[str, Any]) -> Trigger:
    """The trigger named by trigger_id (or interactivity_pointer), checked but not yet used up."""
    trigger_id = args.get("trigger_id") or args.get("interactivity_pointer")
    if not trigger_id:
        raise invalid("missing required field: trigger_id")
    trigger = ws.triggers.get(str(trigger_id))
    if trigger is None:
        raise ApiError("invalid_trigger_id")
    if trigger.used:
        raise ApiError("exchanged_trigger_id")
    if ws.clock() - trigger.issued_at > TRIGGER_TTL:
        raise ApiError("expired_trigger_id")
    return trigger


def _external_id(ws: Workspace, payload: JSON, view_id: str | None) -> str:
    external_id = payload.get("external_id") or ""
    owner = ws.external_ids.get(external_id)
    if external_id and owner is not None and owner != view_id:
        raise ApiError("duplicate_external_id")
    return str(external_id)


def _store_view(ws: Workspace, payload: JSON, view_id: str, root: str, previous: str | None) -> JSON:
    external_id = _external_id(ws, payload, view_id)
    view: JSON = {
        "id": view_id,
        "team_id": ws.team_id,
        "type": payload["type"],
        "blocks": copy.deepcopy(payload.get("blocks") or []),
        "private_metadata": payload.get("private_metadata") or "",
        "callback_id": payload.get("callback_id") or "",
        "state": {"values": {}},
        "hash": ws.new_hash(),
        "title": copy.deepcopy(payload.get("title")),
        "close": copy.deepcopy(payload.get("close")),
        "submit": copy.deepcopy(payload.get("submit")),
        "clear_on_close": bool(payload.get("clear_on_close", False)),
        "notify_on_close": bool(payload.get("notify_on_close", False)),
        "external_id": external_id,
        "root_view_id": root,
        "previous_view_id": previous,
        "app_id": ws.app_id,
        "app_installed_team_id": ws.team_id,
        "bot_id": ws.bot_id,
    }
    old = ws.views.get(view_id)
    if old is not None and old["external_id"] and old["external_id"] != external_id:
        ws.external_ids.pop(old["external_id"], None)
    if external_id:
        ws.external_ids[external_id] = view_id
    ws.views[view_id] = view
    return {"ok": True, "view": copy.deepcopy(view)}


def views_open(ws: Workspace, args: dict[str, Any]) -> JSON:
    payload = _view_arg(args, "modal")
    _external_id(ws, payload, None)
    trigger = _trigger(ws, args)
    trigger.used = True
    view_id = ws.new_id("V")
    ws.stacks.append([view_id])
    return _store_view(ws, payload, view_id, root=view_id, previous=None)


def views_push(ws: Workspace, args: dict[str, Any]) -> JSON:
    payload = _view_arg(args, None)
    if payload["type"] != "modal":
        raise invalid(
            "must match the `type` of the root view whose stack we're pushing onto [json-pointer:/view/type]"
        )
    _external_id(ws, payload, None)
    trigger = _trigger(ws, args)
    stacks = [s for s in ws.stacks if trigger.view_id in s] or ws.stacks[-1:]
    if not stacks:
        raise invalid("trigger_id does not come from an interaction in an open modal")
    stack = stacks[0]
    if len(stack) >= MAX_STACK:
        raise ApiError("push_limit_reached")
    trigger.used = True
    view_id = ws.new_id("V")
    previous = stack[-1]
    stack.append(view_id)
    return _store_view(ws, payload, view_id, root=stack[0], previous=previous)


def views_update(ws: Workspace, args: dict[str, Any]) -> JSON:
    view_id, external_id = args.get("view_id"), args.get("external_id")
    if not view_id and not external_id:
        raise invalid("missing required field: view_id or external_id")
    target_id = view_id if view_id else ws.external_ids.get(str(external_id))
    current = ws.views.get(str(target_id))
    if current is None:
        raise ApiError("not_found")
    payload = _view_arg(args, current["type"])
    given_hash = args.get("hash")
    if given_hash and given_hash != current["hash"]:
        raise ApiError("hash_conflict")
    return _store_view(ws, payload, current["id"], current["root_view_id"], current["previous_view_id"])


def views_publish(ws: Workspace, args: dict[str, Any]) -> JSON:
    user_id = args.get("user_id")
    if not user_id:
        raise invalid("missing required field: user_id")
    if user_id not in ws.users:
        raise ApiError("invalid_arguments", ["invalid `user_id`"])
    payload = _view_arg(args, "home")
    view_id = ws.homes.get(str(user_id))
    given_hash = args.get("hash")
    if view_id is not None and given_hash and given_hash != ws.views[view_id]["hash"]:
        raise ApiError("hash_conflict")
    view_id = view_id or ws.new_id("V")
    ws.homes[str(user_id)] = view_id
    return _store_view(ws, payload, view_id, root=view_id, previous=None)


# ------------------------------------------------------------------ files


def files_get_upload_url_external(ws: Workspace, args: dict[str, Any]) -> JSON:
    filename = args.get("filename")
    if not filename:
        raise invalid("missing required field: filename")
    try:
        length = int(args.get("length") or 0)
    except (TypeError, ValueError):
        raise invalid("must be an integer [json-pointer:/length]") from None
    if length <= 0:
        raise ApiError("missing_argument")
    alt_txt = args.get("alt_txt")
    if isinstance(alt_txt, str) and len(alt_txt) > 1000:
        raise ApiError("alt_txt_too_large")
    file_id = ws.new_id("F")
    key = secrets.token_hex(12)
    ws.upload_keys[key] = file_id
    ws.pending_files[file_id] = {"filename": str(filename), "length": length, "content": None}
    return {"ok": True, "upload_url": f"{ws.base_url}/upload/v1/{key}", "file_id": file_id}


def receive_upload(ws: Workspace, key: str, content: bytes) -> str | None:
    """Stores bytes POSTed to an upload URL; returns the file id, or None for an unknown URL."""
    file_id = ws.upload_keys.get(key)
    if file_id is None or file_id not in ws.pending_files:
        return None
    ws.pending_files[file_id]["content"] = content
    return file_id


def _file_object(ws: Workspace, file_id: str, pending: JSON, title: str, channels: list[str]) -> JSON:
    name = pending["filename"]
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    now = int(time.time())
    return {
        "id": file_id,
        "created": now,
        "timestamp": now,
        "name": name,
        "title": title,
        "mimetype": mimetype,
        "filetype": name.rsplit(".", 1)[-1].lower() if "." in name else "binary",
        "user": ws.bot_user_id,
        "size": len(pending["content"]),
        "is_public": any(not ws.channels[c].is_private and not ws.channels[c].is_im for c in channels),
        "channels": channels,
        "url_private": f"{ws.base_url}/files-pri/{ws.team_id}-{file_id}/{name}",
        "permalink": f"https://fake-team.slack.com/files/{ws.bot_user_id}/{file_id}/{name}",
    }


def files_complete_upload_external(ws: Workspace, args: dict[str, Any]) -> JSON:
    files = args.get("files")
    if files is None:
        raise invalid("missing required field: files")
    if not isinstance(files, list) or not all(isinstance(f, dict) and f.get("id") for f in files):
        raise invalid("must provide an array of objects with an id [json-pointer:/files]")
    raw_channels = args.get("channels")
    targets = [str(args["channel_id"])] if args.get("channel_id") else []
    if not targets and isinstance(raw_channels, str):
        targets = [c.strip() for c in raw_channels.split(",") if c.strip()]
    try:
        targets = [ws.conversation(c) for c in targets]
    except ApiError:
        raise ApiError("invalid_channel") from None
    for item in files:
        pending = ws.pending_files.get(str(item["id"]))
        if pending is None or pending["content"] is None:
            raise ApiError("file_not_found")
    objects = []
    for item in files:
        file_id = str(item["id"])
        pending = ws.pending_files.pop(file_id)
        title = str(item.get("title") or pending["filename"])
        objects.append(_file_object(ws, file_id, pending, title, targets))
        ws.uploads.append(
            {
                "file_id": file_id,
                "filename": pending["filename"],
                "title": title,
                "content": pending["content"],
                "channel": targets[0] if targets else None,
                "channels": targets,
                "initial_comment": args.get("initial_comment"),
                "thread_ts": args.get("thread_ts"),
            }
        )
    for channel_id in targets:
        message = ws.bot_message(str(args.get("initial_comment") or ""), ws.next_ts())
        message["files"] = copy.deepcopy(objects)
        message["upload"] = True
        if args.get("thread_ts"):
            message["thread_ts"] = str(args["thread_ts"])
        ws.store(channel_id, message)
    return {"ok": True, "files": objects}


METHODS: dict[str, Handler] = {
    "views.open": views_open,
    "views.push": views_push,
    "views.update": views_update,
    "views.publish": views_publish,
    "files.getUploadURLExternal": files_get_upload_url_external,
    "files.completeUploadExternal": files_complete_upload_external,
}
