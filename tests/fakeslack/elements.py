"""Block Kit composition objects and interactive elements, checked the way Slack's API does.

Errors are Slack-style strings, e.g. ``must be less than 76 characters [json-pointer:/blocks/0/...]``.
Standard library only; deliberately independent of ``slack_sdk.models``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tests.fakeslack.checker import JSON, Ctx

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


# ---------------------------------------------------------------- composition objects


def check_option(ctx: Ctx, value: object, ptr: str, *, plain: bool = True, url: bool = False) -> None:
    option = ctx.obj(value, ptr)
    if option is None:
        return
    allowed = {"text", "value", "description"} | ({"url"} if url else set())
    ctx.keys(option, ptr, frozenset(allowed))
    ctx.text(option, "text", ptr, max_len=75, plain=plain, required=True)
    ctx.string(option, "value", ptr, max_len=150, required=True)
    ctx.text(option, "description", ptr, max_len=75, plain=plain)
    ctx.string(option, "url", ptr, max_len=3000)


def check_confirm(ctx: Ctx, obj: JSON, ptr: str) -> None:
    if obj.get("confirm") is None:
        return
    ptr = f"{ptr}/confirm"
    confirm = ctx.obj(obj["confirm"], ptr)
    if confirm is None:
        return
    ctx.keys(confirm, ptr, frozenset({"title", "text", "confirm", "deny", "style"}))
    ctx.text(confirm, "title", ptr, max_len=100, plain=True, required=True)
    ctx.text(confirm, "text", ptr, max_len=300, required=True)
    ctx.text(confirm, "confirm", ptr, max_len=30, plain=True, required=True)
    ctx.text(confirm, "deny", ptr, max_len=30, plain=True, required=True)
    ctx.enum(confirm, "style", ptr, ("primary", "danger"))


def _same_option(a: object, b: object) -> bool:
    if not (isinstance(a, dict) and isinstance(b, dict)):
        return False
    a_text, b_text = a.get("text"), b.get("text")
    return (
        a.get("value") == b.get("value")
        and isinstance(a_text, dict)
        and isinstance(b_text, dict)
        and a_text.get("text") == b_text.get("text")
    )


def _initial_options(ctx: Ctx, el: JSON, ptr: str, choices: list[Any] | None, *, plain: bool) -> None:
    """initial_option / initial_options must be valid options and, when choices are known, among them."""
    picks: list[tuple[str, object]] = []
    if el.get("initial_option") is not None:
        picks.append((f"{ptr}/initial_option", el["initial_option"]))
    if el.get("initial_options") is not None:
        many = ctx.array(el, "initial_options", ptr, lo=0, hi=100)
        picks.extend((f"{ptr}/initial_options/{i}", o) for i, o in enumerate(many or []))
    for pick_ptr, pick in picks:
        before = len(ctx.errors)
        check_option(ctx, pick, pick_ptr, plain=plain)
        if (
            len(ctx.errors) == before
            and choices is not None
            and not any(_same_option(pick, c) for c in choices)
        ):
            ctx.add(pick_ptr, "must match one of the provided options")


# ---------------------------------------------------------------- elements

_BASE = frozenset({"type", "action_id"})
_FOCUS = frozenset({"focus_on_load", "placeholder", "confirm"})


def _common(ctx: Ctx, el: JSON, ptr: str) -> None:
    ctx.string(el, "action_id", ptr, max_len=255)
    ctx.text(el, "placeholder", ptr, max_len=150, plain=True)
    ctx.boolean(el, "focus_on_load", ptr)
    check_confirm(ctx, el, ptr)


def _button(ctx: Ctx, el: JSON, ptr: str) -> None:
    ctx.keys(el, ptr, _BASE | {"text", "url", "value", "style", "confirm", "accessibility_label"})
    ctx.text(el, "text", ptr, max_len=75, plain=True, required=True)
    ctx.string(el, "value", ptr, max_len=2000)
    ctx.string(el, "url", ptr, max_len=3000)
    ctx.string(el, "accessibility_label", ptr, max_len=75)
    ctx.enum(el, "style", ptr, ("primary", "danger"))


def _overflow(ctx: Ctx, el: JSON, ptr: str) -> None:
    ctx.keys(el, ptr, _BASE | {"options", "confirm"})
    for i, option in enumerate(ctx.array(el, "options", ptr, lo=2, hi=5) or []):
        check_option(ctx, option, f"{ptr}/options/{i}", url=True)


def _static_select(ctx: Ctx, el: JSON, ptr: str) -> None:
    multi = el.get("type") == "multi_static_select"
    extra = {"initial_options", "max_selected_items"} if multi else {"initial_option"}
    ctx.keys(el, ptr, _BASE | _FOCUS | extra | {"options", "option_groups"})
    choices: list[Any] = []
    if el.get("options") is not None and el.get("option_groups") is not None:
        ctx.add(ptr, "must provide either options or option_groups, not both")
    elif el.get("option_groups") is not None:
        for g, group in enumerate(ctx.array(el, "option_groups", ptr, lo=1, hi=100) or []):
            gptr = f"{ptr}/option_groups/{g}"
            grp = ctx.obj(group, gptr)
            if grp is None:
                continue
            ctx.keys(grp, gptr, frozenset({"label", "options"}))
            ctx.text(grp, "label", gptr, max_len=75, plain=True, required=True)
            options = ctx.array(grp, "options", gptr, lo=1, hi=100) or []
            choices.extend(options)
            for i, option in enumerate(options):
                check_option(ctx, option, f"{gptr}/options/{i}")
    else:
        choices = ctx.array(el, "options", ptr, lo=1, hi=100) or []
        for i, option in enumerate(choices):
            check_option(ctx, option, f"{ptr}/options/{i}")
    _initial_options(ctx, el, ptr, choices, plain=True)
    ctx.integer(el, "max_selected_items", ptr, minimum=1)


def _external_select(ctx: Ctx, el: JSON, ptr: str) -> None:
    multi = el.get("type") == "multi_external_select"
    extra = {"initial_options", "max_selected_items"} if multi else {"initial_option"}
    ctx.keys(el, ptr, _BASE | _FOCUS | extra | {"min_query_length"})
    ctx.integer(el, "min_query_length", ptr, minimum=0)
    ctx.integer(el, "max_selected_items", ptr, minimum=1)
    _initial_options(ctx, el, ptr, None, plain=True)


def _picker_select(initial: str, extra: frozenset[str] = frozenset()) -> Callable[[Ctx, JSON, str], None]:
    """users/conversations/channels selects; multi_* variants take a list of initials."""

    def check(ctx: Ctx, el: JSON, ptr: str) -> None:
        multi = str(el.get("type", "")).startswith("multi_")
        key = f"{initial}s" if multi else initial
        more = {"max_selected_items"} if multi else {"response_url_enabled"} & extra
        ctx.keys(el, ptr, _BASE | _FOCUS | extra | more | {key})
        ctx.integer(el, "max_selected_items", ptr, minimum=1)
        for flag in ("response_url_enabled", "default_to_current_conversation"):
            ctx.boolean(el, flag, ptr)
        if multi:
            ctx.array(el, key, ptr, lo=1, hi=100, required=False)
        else:
            ctx.string(el, key, ptr)
        if el.get("filter") is not None:
            flt = ctx.obj(el["filter"], f"{ptr}/filter")
            if flt is not None:
                fptr = f"{ptr}/filter"
                ctx.keys(
                    flt, fptr, frozenset({"include", "exclude_external_shared_channels", "exclude_bot_users"})
                )
                for i, kind in enumerate(ctx.array(flt, "include", fptr, lo=1, hi=4, required=False) or []):
                    if kind not in ("im", "mpim", "private", "public"):
                        ctx.add(f"{fptr}/include/{i}", "must be a valid enum value")

    return check


def _choices(hi: int, multi: bool) -> Callable[[Ctx, JSON, str], None]:
    """checkboxes (multi) and radio_buttons: 1..hi options, text may be mrkdwn."""

    def check(ctx: Ctx, el: JSON, ptr: str) -> None:
        ctx.keys(
            el,
            ptr,
            _BASE
            | {"options", "confirm", "focus_on_load"}
            | {"initial_options" if multi else "initial_option"},
        )
        options = ctx.array(el, "options", ptr, lo=1, hi=hi) or []
        for i, option in enumerate(options):
            check_option(ctx, option, f"{ptr}/options/{i}", plain=False)
        _initial_options(ctx, el, ptr, options, plain=False)

    return check


_DISPATCH = frozenset({"dispatch_action_config"})


def _dispatch_config(ctx: Ctx, el: JSON, ptr: str) -> None:
    if el.get("dispatch_action_config") is None:
        return
    dptr = f"{ptr}/dispatch_action_config"
    cfg = ctx.obj(el["dispatch_action_config"], dptr)
    if cfg is None:
        return
    ctx.keys(cfg, dptr, frozenset({"trigger_actions_on"}))
    for i, trig in enumerate(ctx.array(cfg, "trigger_actions_on", dptr, lo=1, hi=2, required=False) or []):
        if trig not in ("on_enter_pressed", "on_character_entered"):
            ctx.add(f"{dptr}/trigger_actions_on/{i}", "must be a valid enum value")


def _plain_text_input(ctx: Ctx, el: JSON, ptr: str) -> None:
    ctx.keys(el, ptr, _BASE | _FOCUS | _DISPATCH | {"initial_value", "multiline", "min_length", "max_length"})
    ctx.boolean(el, "multiline", ptr)
    ctx.integer(el, "min_length", ptr, minimum=0)
    ctx.integer(el, "max_length", ptr, minimum=1)
    for key in ("min_length", "max_length"):
        if isinstance(el.get(key), int) and el[key] > 3000:
            ctx.add(f"{ptr}/{key}", "must be less than or equal to 3000")
    max_len = el.get("max_length") if isinstance(el.get("max_length"), int) else 3000
    ctx.string(el, "initial_value", ptr, max_len=max_len)
    lo, hi = el.get("min_length"), el.get("max_length")
    if isinstance(lo, int) and isinstance(hi, int) and lo > hi:
        ctx.add(f"{ptr}/min_length", "must be less than or equal to max_length")
    _dispatch_config(ctx, el, ptr)


def _simple_input(ctx: Ctx, el: JSON, ptr: str) -> None:
    """email_text_input and url_text_input."""
    ctx.keys(el, ptr, _BASE | _FOCUS | _DISPATCH | {"initial_value"})
    ctx.string(el, "initial_value", ptr, max_len=3000)
    _dispatch_config(ctx, el, ptr)


def _number_input(ctx: Ctx, el: JSON, ptr: str) -> None:
    ctx.keys(
        el,
        ptr,
        _BASE | _FOCUS | _DISPATCH | {"is_decimal_allowed", "initial_value", "min_value", "max_value"},
    )
    if ctx.has(el, "is_decimal_allowed", ptr):
        ctx.boolean(el, "is_decimal_allowed", ptr)
    for key in ("initial_value", "min_value", "max_value"):
        ctx.string(el, key, ptr)
    _dispatch_config(ctx, el, ptr)


def _datepicker(ctx: Ctx, el: JSON, ptr: str) -> None:
    ctx.keys(el, ptr, _BASE | _FOCUS | {"initial_date"})
    value = el.get("initial_date")
    if value is not None and not (isinstance(value, str) and _DATE.match(value)):
        ctx.add(f"{ptr}/initial_date", "must be a date in the format YYYY-MM-DD")


def _timepicker(ctx: Ctx, el: JSON, ptr: str) -> None:
    ctx.keys(el, ptr, _BASE | _FOCUS | {"initial_time", "timezone"})
    value = el.get("initial_time")
    if value is not None and not (isinstance(value, str) and _TIME.match(value)):
        ctx.add(f"{ptr}/initial_time", "must be a time in the format HH:mm")
    ctx.string(el, "timezone", ptr)


def _datetimepicker(ctx: Ctx, el: JSON, ptr: str) -> None:
    ctx.keys(el, ptr, _BASE | {"initial_date_time", "confirm", "focus_on_load"})
    ctx.integer(el, "initial_date_time", ptr, minimum=0)


def check_image_element(ctx: Ctx, el: JSON, ptr: str) -> None:
    ctx.keys(el, ptr, frozenset({"type", "image_url", "slack_file", "alt_text"}))
    if el.get("image_url") is None and el.get("slack_file") is None:
        ctx.add(ptr, "missing required field: image_url")
    ctx.string(el, "image_url", ptr, max_len=3000)
    ctx.string(el, "alt_text", ptr, max_len=2000, required=True)


def _loose(keys: frozenset[str]) -> Callable[[Ctx, JSON, str], None]:
    """Elements checked only for their property names (rich_text_input, file_input, workflow_button)."""

    def check(ctx: Ctx, el: JSON, ptr: str) -> None:
        ctx.keys(el, ptr, _BASE | keys)

    return check


ELEMENTS: dict[str, Callable[[Ctx, JSON, str], None]] = {
    "button": _button,
    "overflow": _overflow,
    "static_select": _static_select,
    "multi_static_select": _static_select,
    "external_select": _external_select,
    "multi_external_select": _external_select,
    "users_select": _picker_select("initial_user"),
    "multi_users_select": _picker_select("initial_user"),
    "conversations_select": _picker_select(
        "initial_conversation",
        frozenset({"default_to_current_conversation", "response_url_enabled", "filter"}),
    ),
    "multi_conversations_select": _picker_select(
        "initial_conversation", frozenset({"default_to_current_conversation", "filter"})
    ),
    "channels_select": _picker_select("initial_channel", frozenset({"response_url_enabled"})),
    "multi_channels_select": _picker_select("initial_channel"),
    "checkboxes": _choices(10, multi=True),
    "radio_buttons": _choices(10, multi=False),
    "plain_text_input": _plain_text_input,
    "email_text_input": _simple_input,
    "url_text_input": _simple_input,
    "number_input": _number_input,
    "datepicker": _datepicker,
    "timepicker": _timepicker,
    "datetimepicker": _datetimepicker,
    "image": check_image_element,
    "rich_text_input": _loose(_FOCUS | _DISPATCH | {"initial_value"}),
    "file_input": _loose(frozenset({"filetypes", "max_files"})),
    "workflow_button": _loose(frozenset({"text", "workflow", "style", "accessibility_label"})),
}

_SELECTS = frozenset(k for k in ELEMENTS if k.endswith("_select"))
_PICKERS = frozenset({"checkboxes", "radio_buttons", "datepicker", "timepicker", "datetimepicker"})
ACCESSORY = _SELECTS | _PICKERS | {"button", "overflow", "image", "workflow_button"}
ACTIONS = _SELECTS | _PICKERS | {"button", "overflow", "workflow_button", "rich_text_input"}
INPUT = (
    _SELECTS
    | _PICKERS
    | {
        "plain_text_input",
        "email_text_input",
        "url_text_input",
        "number_input",
        "rich_text_input",
        "file_input",
    }
)


def check_element(ctx: Ctx, value: object, ptr: str, allowed: frozenset[str]) -> JSON | None:
    """Checks one element, which must be of a type in ``allowed``; returns it when it is an object."""
    el = ctx.obj(value, ptr)
    if el is None:
        return None
    kind = el.get("type")
    if kind is None:
        ctx.add(ptr, "missing required field: type")
    elif kind not in ELEMENTS:
        ctx.add(f"{ptr}/type", f"unsupported type: {kind}")
    elif kind not in allowed:
        ctx.add(f"{ptr}/type", f"must be a valid enum value ({kind} is not allowed here)")
    else:
        if kind != "image":
            _common(ctx, el, ptr)
        ELEMENTS[kind](ctx, el, ptr)
    return el
