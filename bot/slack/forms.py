"""Turn a modal's `view.state.values` into typed, validated data, and carry context in private_metadata.

Input blocks are named after the model field they fill (block_id == action_id == field name), so a
validation problem maps straight back to the block that shows it.
"""

import json
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bot import texts
from bot.errors import NotFound
from bot.validation import field_errors

PRIVATE_METADATA_MAX = 3000
INLINE_ERROR_MAX = 150  # what Slack shows under a field
ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class ModalContext:
    """What a modal needs to remember between opening and submission (stored as private_metadata)."""

    entry_id: int | None = None
    response_url: str | None = None

    def dump(self) -> str:
        text = json.dumps({k: v for k, v in asdict(self).items() if v is not None}, separators=(",", ":"))
        if len(text) > PRIVATE_METADATA_MAX:  # a response_url is only a convenience; drop it, keep the id
            return ModalContext(entry_id=self.entry_id).dump()
        return text

    @classmethod
    def load(cls, text: str | None) -> "ModalContext":
        """Tolerant: anything unreadable becomes an empty context (a new entry, confirmation by DM)."""
        try:
            raw = json.loads(text or "{}")
        except (ValueError, RecursionError):  # RecursionError: nesting deeper than the parser goes
            return cls()
        if not isinstance(raw, dict):
            return cls()
        entry_id = raw.get("entry_id")
        response_url = raw.get("response_url")
        return cls(
            entry_id=entry_id if isinstance(entry_id, int) and not isinstance(entry_id, bool) else None,
            response_url=response_url if isinstance(response_url, str) else None,
        )


def read_values(state: Any) -> dict[str, Any]:
    """{block_id: value}: text for text inputs, a value for selects, a list for multi-selects."""
    values: dict[str, Any] = {}
    blocks = state.get("values", {}) if isinstance(state, dict) else {}
    if not isinstance(blocks, dict):
        return values
    for block_id, actions in blocks.items():
        if not isinstance(actions, dict) or not actions:
            continue
        element = next(iter(actions.values()))
        if isinstance(element, dict):
            values[str(block_id)] = _element_value(element)
    return values


def _element_value(element: dict[str, Any]) -> Any:
    if "selected_options" in element:
        chosen = element.get("selected_options")
        items = chosen if isinstance(chosen, list) else []
        return [item.get("value") for item in items if isinstance(item, dict)]
    if "selected_user" in element:
        return element.get("selected_user")
    if "selected_option" in element:
        chosen = element.get("selected_option")
        return chosen.get("value") if isinstance(chosen, dict) else None
    value = element.get("value")
    return "" if value is None else value


def validate_form(model: type[ModelT], state: Any) -> tuple[ModelT | None, dict[str, str]]:
    """(data, {}) when valid, or (None, {block_id: what to fix})."""
    values = read_values(state)
    fields = {
        name: values[name] for name in model.model_fields if name in values and values[name] is not None
    }
    try:
        return model.model_validate(fields), {}
    except ValidationError as error:
        problems = field_errors(error)
        shown = {name: message[:150] for name, message in problems.items() if name in values}
        if not shown:  # a field the form should have had is missing: a malformed or outdated payload
            first_block = next(iter(values), next(iter(model.model_fields)))
            shown = {first_block: "; ".join(f"{name}: {message}" for name, message in problems.items())[:150]}
        return None, shown


def id_value(value: Any) -> int:
    """A button's id value ('12'); anything else is a stale or forged button."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()) or len(text) > 18:  # not '²' or '١٢' either
        raise NotFound(texts.STALE_BUTTON)
    return int(text)


def inline_error(message: str) -> str:
    """A refusal as Slack shows it under a field: at most 150 characters, and never empty (an empty error
    would leave the modal open with nothing to fix)."""
    return message.strip()[:INLINE_ERROR_MAX] or texts.GENERIC_ERROR
