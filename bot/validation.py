"""Validation rules shared by modals, the import file and services, and their friendly messages.

Field limits live here so the modal's `max_length`, the import file and the database agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BeforeValidator, StringConstraints, ValidationError
from pydantic_core import ErrorDetails

from bot.skills import MAX_TAG_LENGTH, normalise_tag

NAME_MAX = 80
TITLE_MAX = 100
BIO_MAX = 1000
SUMMARY_MAX = 300
DETAILS_MAX = 2000
PROJECT_NAME_MAX = 100
PROJECT_DESCRIPTION_MAX = 1000
HELP_WANTED_MAX = 500
MAX_SKILLS = 10
MAX_LINKS = 5
URL_MAX = 300
CAPACITY_MAX = 20
TIMEZONE_MAX = 64

SLACK_IDS = {  # field -> what it is, an example, what it starts with
    "user_id": ("a Slack user id", "U012AB3CD", "U or W"),
    "team_id": ("a Slack workspace id", "T012AB3CD", "T or E"),
}
EXPECTED_TYPES = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "an object",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "float_type": "a number",
}

_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9](-*[a-z0-9])*)(\.[a-z0-9](-*[a-z0-9])*)+$", re.IGNORECASE)


def clean_text(value: Any) -> Any:
    """Strip surrounding white space and control characters (keeping newlines and tabs)."""
    if not isinstance(value, str):
        return value
    return "".join(ch for ch in value if ch in "\n\t" or (ch >= " " and ch != "\x7f")).strip()


def _quoted(given: str, limit: int) -> str:
    """The start of what was given, for a message; an unpaired surrogate (JSON allows "\\udfff") shows as
    '?', since a message that cannot be encoded would crash pydantic instead of reporting the problem."""
    return "“" + given[:limit].encode("utf-8", "replace").decode("utf-8") + "”"


def skill_list(tags: Iterable[str]) -> list[str]:
    """Normalise, de-duplicate (keeping order) and check a list of skills."""
    seen: list[str] = []
    for raw in tags:
        tag = normalise_tag(raw)
        if not tag:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            raise ValueError(
                f"{_quoted(raw, 50)} is too long for a skill: at most {MAX_TAG_LENGTH} characters"
            )
        if tag not in seen:
            seen.append(tag)
    if len(seen) > MAX_SKILLS:
        raise ValueError(f"too many skills: pick at most {MAX_SKILLS} (you have {len(seen)})")
    return seen


def split_links(text: str) -> list[str]:
    return [part for part in re.split(r"[\s,]+", text) if part]


def normalise_link(raw: str) -> str:
    url = raw.strip()
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", url):
        url = "https://" + url
    not_an_address = ValueError(
        f"{_quoted(raw, 60)} doesn't look like a web address, e.g. https://example.com/portfolio"
    )
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[": an unfinished IPv6 address
        raise not_an_address from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"{_quoted(raw, 60)} is not a web link: use an address starting with https://")
    host = parts.hostname or ""
    if not _HOST.match(host) or " " in url or not url.isprintable():  # no white space or control characters
        raise not_an_address
    if len(url) > URL_MAX:
        raise ValueError(f"a link is too long: at most {URL_MAX} characters")
    return url


def link_list(links: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for raw in links:
        if raw.strip():
            url = normalise_link(raw)
            if url not in seen:
                seen.append(url)
    if len(seen) > MAX_LINKS:
        raise ValueError(f"too many links: at most {MAX_LINKS} (you have {len(seen)})")
    return seen


def _as_list(value: Any) -> Any:
    if isinstance(value, str):
        return split_links(value)
    return value


def _tags_from_text(value: Any) -> Any:
    if isinstance(value, str):
        return [part for part in re.split(r"[,\n;]+", value) if part.strip()]
    return value


Skills = Annotated[list[str], BeforeValidator(_tags_from_text), AfterValidator(skill_list)]
Links = Annotated[list[str], BeforeValidator(_as_list), AfterValidator(link_list)]


def friendly_message(error: ErrorDetails) -> str:
    """One sentence a member can act on, from one pydantic error."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    given = error.get("input")
    if kind == "string_too_long":
        length = len(given) if isinstance(given, str) else "more"
        return f"too long: at most {ctx['max_length']} characters (this has {length})"
    if kind in ("string_too_short", "missing"):
        return "this can't be empty"
    if kind == "too_long":
        return f"too many: at most {ctx['max_length']}"
    if kind in ("enum", "literal_error"):
        return f"must be one of {ctx.get('expected', 'the listed choices')}"
    if kind in ("int_parsing", "int_type", "greater_than_equal", "less_than_equal", "int_from_float"):
        return f"must be a whole number from 1 to {CAPACITY_MAX}"
    if kind in EXPECTED_TYPES:
        return f"should be {EXPECTED_TYPES[kind]}, got {json_type(given)}"
    if kind == "string_pattern_mismatch" and error["loc"] and str(error["loc"][-1]) in SLACK_IDS:
        return _not_a_slack_id(str(error["loc"][-1]), given)
    if kind == "extra_forbidden":
        return "is not a field Kindred knows"
    return str(error["msg"]).removeprefix("Value error, ")


def file_message(error: ErrorDetails) -> str:
    """One sentence for someone editing a file: as `friendly_message`, but a field left out is missing."""
    if error["type"] == "missing":
        return "missing: add this field"
    return friendly_message(error)


def json_type(value: Any) -> str:
    """What a value is, in the words of JSON (null, a number…) rather than Python's."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_quoted(value, 40)}"
    return "a list" if isinstance(value, list) else "an object"


def _not_a_slack_id(field: str, given: Any) -> str:
    what, example, first = SLACK_IDS[field]
    return (
        f"{_quoted(str(given), 40)} is not {what}: one looks like {example} "
        f"({first}, then capital letters and digits)"
    )


def field_errors(error: ValidationError) -> dict[str, str]:
    """Top-level field name -> message (the first problem of each field)."""
    result: dict[str, str] = {}
    for detail in error.errors():
        field = str(detail["loc"][0]) if detail["loc"] else "__root__"
        result.setdefault(field, friendly_message(detail))
    return result


def location(prefix: str, loc: tuple[int | str, ...]) -> str:
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif not str(part).startswith(("function-", "list[")):
            path += f".{part}" if path else str(part)
    return path or "file"


def _text(max_length: int, *, min_length: int = 0) -> Any:
    return Annotated[
        str, StringConstraints(min_length=min_length, max_length=max_length), BeforeValidator(clean_text)
    ]


def timezone_name(value: str) -> str:
    value = value.strip()
    try:
        if len(value) > TIMEZONE_MAX:  # no zone is that long, and a deep path exhausts zoneinfo's recursion
            raise ValueError(value)
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as "America"
        raise ValueError(
            f"{_quoted(value, 40)} is not a time zone; use a name such as Europe/Berlin"
        ) from None
    return value


Timezone = Annotated[str, AfterValidator(timezone_name)]
Name = _text(NAME_MAX, min_length=1)
Title = _text(TITLE_MAX)
Bio = _text(BIO_MAX)
Summary = _text(SUMMARY_MAX, min_length=1)
Details = _text(DETAILS_MAX)
ProjectName = _text(PROJECT_NAME_MAX, min_length=1)
ProjectDescription = _text(PROJECT_DESCRIPTION_MAX)
HelpWanted = _text(HELP_WANTED_MAX)
