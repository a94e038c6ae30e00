"""Reading a community file: any text at all either reads as a community or is refused with a list of
problems, each naming the place it is about (`members[3].offers[0].description (U0123): …`, with the
member's user id when it has a well-formed one) and what is wrong."""

import copy
import json
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.community import service as community_file
from bot.community.service import CommunityFileError
from bot.validation import NAME_MAX, SUMMARY_MAX, TITLE_MAX
from tests.property.communities import valid_communities
from tests.property.strategies import json_values, nasty_text


def problems_of(text: str) -> list[str] | None:
    """None when the file reads, else its problems (and nothing but CommunityFileError may be raised)."""
    try:
        community_file.parse(text)
    except CommunityFileError as error:
        problems = error.problems
    else:
        return None
    assert problems, "a refused file always says why"
    return problems


def resolve(node: Any, location: str) -> bool:
    """Whether `members[3].offers[0].description` names something in the document, or a missing field
    of an object that is there."""
    if not location:
        return True
    index = re.match(r"\[(\d+)\]", location)
    if index:
        position = int(index.group(1))
        return (
            isinstance(node, list)
            and position < len(node)
            and resolve(node[position], location[index.end() :])
        )
    if not isinstance(node, dict):
        return False
    rest = location.removeprefix(".")
    for key in sorted(node, key=len, reverse=True):  # keys may hold dots or brackets themselves
        for after in {rest, location}:  # a key may start with a dot too: {".[": …} is at ".["
            if (after == key or after.startswith((f"{key}.", f"{key}["))) and resolve(
                node[key], after[len(key) :]
            ):
                return True
    return not re.search(r"[.\[]", rest)  # a required field that is missing


def assert_located(document: Any, problems: list[str]) -> None:
    for problem in problems:
        location, separator, message = problem.partition(": ")
        assert separator, f"{problem!r} does not say where"
        assert message.strip(), f"{problem!r} does not say what is wrong"
        location = without_user_id(document, location)
        if location.startswith("line ") or (location == "file" and not isinstance(document, dict)):
            continue
        assert resolve(document, location), f"{problem!r}: {location} is not a place in the file"


def without_user_id(document: Any, location: str) -> str:
    """`members[3].name (U0123)` -> `members[3].name`, once U0123 is checked to be that member's user id."""
    named = re.fullmatch(r"members\[(\d+)\](.*) \(([UW][A-Z0-9]{2,30})\)", location)
    if named is None:
        return location
    assert document["members"][int(named.group(1))]["user_id"] == named.group(3), location
    return location.removesuffix(f" ({named.group(3)})")


@given(st.one_of(nasty_text(), st.binary(max_size=50).map(lambda b: b.decode("latin-1"))))
def test_any_text_reads_or_is_refused_with_located_problems(text: str) -> None:
    problems = problems_of(text)
    if problems is not None:
        assert all(p.startswith(("line ", "file: ", "version: ")) for p in problems), problems


@given(json_values(40))
def test_any_json_reads_or_is_refused_with_located_problems(document: Any) -> None:
    problems = problems_of(json.dumps(document))
    if problems is not None:
        assert_located(document, problems)


@given(valid_communities())
def test_a_valid_community_reads_the_same_every_time(document: dict[str, Any]) -> None:
    text = json.dumps(document)
    first = community_file.parse(text)
    assert community_file.parse(text) == first
    assert [m.user_id for m in first.members] == [m["user_id"] for m in document["members"]]


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _places(value, (*path, index))
    return found


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


@st.composite
def broken_communities(draw: st.DrawFn) -> dict[str, Any]:
    """A valid community with one place replaced by any JSON, odd text where text belongs, removed, or
    given an unknown field."""
    document = copy.deepcopy(draw(valid_communities(3)))
    how = draw(st.sampled_from(["replace", "retext", "remove", "extra"]))
    places = _places(document)[1:]
    if how == "retext":
        places = [path for path in places if isinstance(_at(document, path), str)]
    path = draw(st.sampled_from(places))
    parent, last = _at(document, path[:-1]), path[-1]
    if how == "retext":
        odd = st.text(st.characters(categories=["Cs", "Cc", "Zs", "Ll"]), min_size=1, max_size=6)
        parent[last] = draw(odd | nasty_text(40)) + draw(st.sampled_from(["", parent[last]]))
    elif how == "replace":
        parent[last] = draw(json_values(8))
    elif how == "remove":
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last][draw(st.from_regex(r"[a-z_]{1,12}", fullmatch=True))] = draw(json_values(3))
    return document


@settings(max_examples=200)
@given(broken_communities())
def test_every_problem_in_a_broken_community_points_at_a_place_in_it(document: dict[str, Any]) -> None:
    problems = problems_of(json.dumps(document))
    if problems is not None:
        assert_located(document, problems)


@given(
    valid_communities(3, min_members=1),
    st.data(),
    st.sampled_from([("name", NAME_MAX), ("title", TITLE_MAX), ("offers", SUMMARY_MAX)]),
)
def test_text_too_long_is_named_by_its_place_with_the_limit(
    document: dict[str, Any], data: st.DataObject, field: tuple[str, int]
) -> None:
    name, limit = field
    index = data.draw(st.integers(0, len(document["members"]) - 1))
    member = document["members"][index]
    too_long = "x" * data.draw(st.integers(limit + 1, limit + 500))
    if name == "offers":
        member["offers"] = [*member.get("offers", [])[:2], {"description": too_long}]
        place = f"members[{index}].offers[{len(member['offers']) - 1}].description"
    else:
        member[name] = too_long
        place = f"members[{index}].{name}"
    problems = problems_of(json.dumps(document))
    assert problems == [
        f"{place} ({member['user_id']}): too long: at most {limit} characters (this has {len(too_long)})"
    ]
