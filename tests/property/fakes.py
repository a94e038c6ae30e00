"""Just enough of Bolt's listener arguments to call a listener function directly, and record what it did."""

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Recorder:
    """Stands in for `ack` and `respond`: remembers every call's keyword arguments."""

    calls: list[dict[str, Any]] = field(default_factory=list)

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        assert not args, "listeners answer with keyword arguments"
        self.calls.append(kwargs)


@dataclass
class FakeClient:
    """The few Web API methods the parsing paths call; views are kept as plain dicts."""

    opened: list[dict[str, Any]] = field(default_factory=list)
    published: list[dict[str, Any]] = field(default_factory=list)

    def users_info(self, *, user: str) -> dict[str, Any]:
        return {"user": {"id": user, "profile": {"real_name": f"Person {user}"}, "tz": "Europe/Berlin"}}

    def views_open(self, *, trigger_id: str, view: Any) -> None:
        self.opened.append(view.to_dict())

    def views_publish(self, *, user_id: str, view: Any) -> None:
        self.published.append(view.to_dict())


def blocks_text(blocks: list[dict[str, Any]]) -> str:
    """Every text a member would read in these blocks."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return "\n".join(found)
