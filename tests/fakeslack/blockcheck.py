"""A Block Kit checker for messages and views, independent of ``slack_sdk``.

``check_message_blocks(blocks)`` and ``check_view(view)`` return Slack-style error strings such as
``"must be less than 25 characters [json-pointer:/view/title/text]"`` (the form Slack puts in the
``errors`` field; the server prefixes ``[ERROR] `` for ``response_metadata.messages``). An empty list
means the payload is valid.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.fakeslack.checker import JSON, Ctx
from tests.fakeslack.elements import ACCESSORY, ACTIONS, INPUT, check_element, check_image_element

__all__ = ["BLOCK_LIMITS", "check_message_blocks", "check_view"]

BLOCK_LIMITS = {"message": 50, "modal": 100, "home": 100}


def _section(ctx: Ctx, block: JSON, ptr: str) -> None:
    ctx.keys(block, ptr, frozenset({"type", "block_id", "text", "fields", "accessory", "expand"}))
    if block.get("text") is None and block.get("fields") is None:
        ctx.add(ptr, "missing required field: text")
    ctx.text(block, "text", ptr, max_len=3000)
    for i, field in enumerate(ctx.array(block, "fields", ptr, lo=1, hi=10, required=False) or []):
        ctx.text_object(field, f"{ptr}/fields/{i}", max_len=2000)
    if block.get("accessory") is not None:
        check_element(ctx, block["accessory"], f"{ptr}/accessory", ACCESSORY)
    ctx.boolean(block, "expand", ptr)


def _header(ctx: Ctx, block: JSON, ptr: str) -> None:
    ctx.keys(block, ptr, frozenset({"type", "block_id", "text"}))
    ctx.text(block, "text", ptr, max_len=150, plain=True, required=True)


def _divider(ctx: Ctx, block: JSON, ptr: str) -> None:
    ctx.keys(block, ptr, frozenset({"type", "block_id"}))


def _image(ctx: Ctx, block: JSON, ptr: str) -> None:
    ctx.keys(block, ptr, frozenset({"type", "block_id", "image_url", "slack_file", "alt_text", "title"}))
    if block.get("image_url") is None and block.get("slack_file") is None:
        ctx.add(ptr, "missing required field: image_url")
    ctx.string(block, "image_url", ptr, max_len=3000)
    ctx.string(block, "alt_text", ptr, max_len=2000, required=True)
    ctx.text(block, "title", ptr, max_len=2000, plain=True)


def _context(ctx: Ctx, block: JSON, ptr: str) -> None:
    ctx.keys(block, ptr, frozenset({"type", "block_id", "elements"}))
    for i, value in enumerate(ctx.array(block, "elements", ptr, lo=1, hi=10) or []):
        eptr = f"{ptr}/elements/{i}"
        el = ctx.obj(value, eptr)
        if el is None:
            continue
        if el.get("type") == "image":
            check_image_element(ctx, el, eptr)
        else:
            ctx.text_object(el, eptr, max_len=3000)


def _actions(ctx: Ctx, block: JSON, ptr: str) -> None:
    ctx.keys(block, ptr, frozenset({"type", "block_id", "elements"}))
    seen: set[str] = set()
    for i, value in enumerate(ctx.array(block, "elements", ptr, lo=1, hi=25) or []):
        el = check_element(ctx, value, f"{ptr}/elements/{i}", ACTIONS)
        action_id = el.get("action_id") if el is not None else None
        if isinstance(action_id, str):
            if action_id in seen:
                ctx.add(f"{ptr}/elements/{i}/action_id", f'`action_id` "{action_id}" already exists')
            seen.add(action_id)


def _input(ctx: Ctx, block: JSON, ptr: str) -> None:
    ctx.keys(
        block, ptr, frozenset({"type", "block_id", "label", "element", "dispatch_action", "hint", "optional"})
    )
    if ctx.surface == "message":
        ctx.add(f"{ptr}/type", "unsupported type: input (not allowed in messages)")
    ctx.text(block, "label", ptr, max_len=2000, plain=True, required=True)
    ctx.text(block, "hint", ptr, max_len=2000, plain=True)
    ctx.boolean(block, "optional", ptr)
    ctx.boolean(block, "dispatch_action", ptr)
    if ctx.has(block, "element", ptr):
        check_element(ctx, block["element"], f"{ptr}/element", INPUT)


def _rich_text(ctx: Ctx, block: JSON, ptr: str) -> None:
    ctx.keys(block, ptr, frozenset({"type", "block_id", "elements"}))
    ctx.array(block, "elements", ptr, lo=1, hi=100)


def _markdown(ctx: Ctx, block: JSON, ptr: str) -> None:
    ctx.keys(block, ptr, frozenset({"type", "block_id", "text"}))
    if ctx.surface != "message":
        ctx.add(f"{ptr}/type", "unsupported type: markdown")
    ctx.string(block, "text", ptr, max_len=12000, required=True)


BLOCKS: dict[str, Callable[[Ctx, JSON, str], None]] = {
    "section": _section,
    "header": _header,
    "divider": _divider,
    "image": _image,
    "context": _context,
    "actions": _actions,
    "input": _input,
    "rich_text": _rich_text,
    "markdown": _markdown,
}


def _check_blocks(ctx: Ctx, blocks: object, ptr: str) -> None:
    if not isinstance(blocks, list):
        ctx.add(ptr, "must provide an array")
        return
    limit = BLOCK_LIMITS[ctx.surface]
    if len(blocks) > limit:
        ctx.add(ptr, f"no more than {limit} items allowed")
    block_ids: set[str] = set()
    for i, value in enumerate(blocks):
        bptr = f"{ptr}/{i}"
        block = ctx.obj(value, bptr)
        if block is None:
            continue
        kind = block.get("type")
        if kind is None:
            ctx.add(bptr, "missing required field: type")
            continue
        if kind not in BLOCKS:
            ctx.add(f"{bptr}/type", f"unsupported type: {kind}")
            continue
        ctx.string(block, "block_id", bptr, max_len=255)
        block_id = block.get("block_id")
        if isinstance(block_id, str):
            if block_id in block_ids:
                ctx.add(f"{bptr}/block_id", f'`block_id` "{block_id}" already exists')
            block_ids.add(block_id)
        BLOCKS[kind](ctx, block, bptr)


def check_message_blocks(blocks: Any) -> list[str]:
    """Errors for a message's ``blocks`` (chat.postMessage, chat.update, response_url…)."""
    ctx = Ctx("message")
    _check_blocks(ctx, blocks, "/blocks")
    return ctx.errors


_MODAL_KEYS = frozenset(
    {
        "type",
        "title",
        "blocks",
        "close",
        "submit",
        "private_metadata",
        "callback_id",
        "clear_on_close",
        "notify_on_close",
        "external_id",
        "submit_disabled",
    }
)
_HOME_KEYS = frozenset({"type", "blocks", "private_metadata", "callback_id", "external_id"})


def check_view(view: Any, *, expect: str | None = None) -> list[str]:
    """Errors for a view payload (a modal or home tab). ``expect`` pins the type ("modal"/"home")."""
    ptr = "/view"
    ctx = Ctx("modal")
    obj = ctx.obj(view, ptr)
    if obj is None:
        return ctx.errors
    kind = obj.get("type")
    if kind is None:
        ctx.add(ptr, "missing required field: type")
        return ctx.errors
    if kind not in ("modal", "home") or (expect is not None and kind != expect):
        ctx.add(f"{ptr}/type", "must be a valid enum value")
        return ctx.errors
    ctx.surface = kind
    ctx.keys(obj, ptr, _MODAL_KEYS if kind == "modal" else _HOME_KEYS)
    if kind == "modal":
        ctx.text(obj, "title", ptr, max_len=24, plain=True, required=True)
        ctx.text(obj, "close", ptr, max_len=24, plain=True)
        ctx.text(obj, "submit", ptr, max_len=24, plain=True)
        for flag in ("clear_on_close", "notify_on_close", "submit_disabled"):
            ctx.boolean(obj, flag, ptr)
    ctx.string(obj, "private_metadata", ptr, max_len=3000)
    ctx.string(obj, "callback_id", ptr, max_len=255)
    ctx.string(obj, "external_id", ptr, max_len=255)
    if ctx.has(obj, "blocks", ptr):
        _check_blocks(ctx, obj["blocks"], f"{ptr}/blocks")
    blocks = obj.get("blocks")
    if kind == "modal" and obj.get("submit") is None and isinstance(blocks, list):
        inputs = [i for i, b in enumerate(blocks) if isinstance(b, dict) and b.get("type") == "input"]
        if inputs:
            ctx.add(
                f"{ptr}/blocks/{inputs[0]}/input", "must define `submit` to use an `input` block in modals"
            )
    return ctx.errors
