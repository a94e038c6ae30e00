"""views.* (modals and home tabs, with trigger exchange)."""

from __future__ import annotations

import copy
import json
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


METHODS: dict[str, Handler] = {
    "views.open": views_open,
    "views.push": views_push,
    "views.update": views_update,
    "views.publish": views_publish,
}
