"""The error collector shared by the Block Kit checks: Slack-style messages with JSON pointers."""

from __future__ import annotations

from typing import Any

JSON = dict[str, Any]


class Ctx:
    """Collects errors for one payload; ``surface`` is "message", "modal" or "home"."""

    def __init__(self, surface: str) -> None:
        self.surface = surface
        self.errors: list[str] = []

    def add(self, ptr: str, msg: str) -> None:
        self.errors.append(f"{msg} [json-pointer:{ptr}]")

    def obj(self, value: object, ptr: str) -> JSON | None:
        if isinstance(value, dict):
            return value
        self.add(ptr, "must provide an object")
        return None

    def keys(self, obj: JSON, ptr: str, allowed: frozenset[str]) -> None:
        for key in obj:
            if key not in allowed:
                self.add(ptr, f"invalid additional property: {key}")

    def has(self, obj: JSON, key: str, ptr: str) -> bool:
        """True when ``key`` is present (JSON null counts as absent); reports it missing otherwise."""
        if obj.get(key) is not None:
            return True
        self.add(ptr, f"missing required field: {key}")
        return False

    def string(
        self, obj: JSON, key: str, ptr: str, *, max_len: int | None = None, required: bool = False
    ) -> None:
        value = obj.get(key)
        if value is None:
            if required:
                self.add(ptr, f"missing required field: {key}")
            return
        if not isinstance(value, str):
            self.add(f"{ptr}/{key}", "must be a string")
        elif max_len is not None and len(value) > max_len:
            self.add(f"{ptr}/{key}", f"must be less than {max_len + 1} characters")

    def boolean(self, obj: JSON, key: str, ptr: str) -> None:
        if key in obj and obj[key] is not None and not isinstance(obj[key], bool):
            self.add(f"{ptr}/{key}", "must be a boolean")

    def integer(self, obj: JSON, key: str, ptr: str, *, minimum: int | None = None) -> None:
        value = obj.get(key)
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(f"{ptr}/{key}", "must be an integer")
        elif minimum is not None and value < minimum:
            self.add(f"{ptr}/{key}", f"must be greater than or equal to {minimum}")

    def enum(self, obj: JSON, key: str, ptr: str, allowed: tuple[str, ...]) -> None:
        if key in obj and obj[key] is not None and obj[key] not in allowed:
            self.add(f"{ptr}/{key}", "must be a valid enum value")

    def array(
        self, obj: JSON, key: str, ptr: str, *, lo: int, hi: int, required: bool = True
    ) -> list[Any] | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.add(ptr, f"missing required field: {key}")
            return None
        if not isinstance(value, list):
            self.add(f"{ptr}/{key}", "must provide an array")
            return None
        if len(value) < lo:
            self.add(f"{ptr}/{key}", f"must provide at least {lo} items")
        if len(value) > hi:
            self.add(f"{ptr}/{key}", f"no more than {hi} items allowed")
        return value

    def text(
        self, obj: JSON, key: str, ptr: str, *, max_len: int, plain: bool = False, required: bool = False
    ) -> None:
        """A text object at ``obj[key]``; ``plain`` restricts it to plain_text."""
        if obj.get(key) is None:
            if required:
                self.add(ptr, f"missing required field: {key}")
            return
        self.text_object(obj[key], f"{ptr}/{key}", max_len=max_len, plain=plain)

    def text_object(self, value: object, ptr: str, *, max_len: int, plain: bool = False) -> None:
        text = self.obj(value, ptr)
        if text is None:
            return
        kind = text.get("type")
        if kind is None:
            self.add(ptr, "missing required field: type")
        elif kind not in (("plain_text",) if plain else ("plain_text", "mrkdwn")):
            self.add(f"{ptr}/type", "must be a valid enum value")
        extra = "emoji" if kind == "plain_text" else "verbatim"
        self.keys(text, ptr, frozenset({"type", "text", extra}))
        self.boolean(text, extra, ptr)
        body = text.get("text")
        if body is None:
            self.add(ptr, "missing required field: text")
        elif not isinstance(body, str):
            self.add(f"{ptr}/text", "must be a string")
        elif not body.strip():
            self.add(f"{ptr}/text", "must be more than 0 characters")
        elif len(body) > max_len:
            self.add(f"{ptr}/text", f"must be less than {max_len + 1} characters")
