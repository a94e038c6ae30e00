""" "Your people" on the Home: the switch shows the state, one section a person with Star or Unstar, a menu
for the people beyond the first ten; member text made inert and clipped; valid for any text."""

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from slack_sdk.models.views import View

from bot.reconnect.blocks import people_blocks
from bot.reconnect.views import Named, News, Person, YourPeople
from tests.fakeslack import check_view
from tests.slack.blocks import samples

MARCH = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def person(index: int, text: str = "Ben", *, starred: bool = False, news: News | None = None) -> Person:
    return Person(
        reconnect_id=index,
        user_id=f"U0P{index:03}",
        name=text,
        title=text,
        projects=(text, text),
        met_at=MARCH,
        starred=starred,
        news=news,
    )


def rendered(people: YourPeople) -> list[dict]:
    view = View(type="home", blocks=people_blocks(people)).to_dict()
    assert check_view(view) == []
    return view["blocks"]


def controls(blocks: list[dict]) -> list[tuple[str, str | None]]:
    found = []
    for block in blocks:
        accessory = block.get("accessory")
        if accessory:
            found.append((accessory["action_id"], accessory.get("value")))
    return found


@pytest.mark.parametrize(
    ("on", "switch"), [(True, ("reconnects_switch", "off")), (False, ("reconnects_switch", "on"))]
)
def test_nobody_yet_is_one_friendly_line_and_the_switch(on: bool, switch: tuple[str, str]) -> None:
    blocks = rendered(YourPeople(shown=(), total=0, starred=0, reconnects_on=on))
    assert len(blocks) == 2
    assert controls(blocks) == [switch]
    assert ("*on*" if on else "*off*") in blocks[0]["text"]["text"]
    assert "People you meet through Kindred show up here" in blocks[1]["elements"][0]["text"]


def test_one_section_a_person_starred_marked_with_what_they_work_on_and_what_is_new() -> None:
    people = YourPeople(
        shown=(
            person(1, "Ben", starred=True, news=News("need", "A photographer")),
            person(2, "Cleo", news=News("project", "Riso co-op")),
            person(3, "Dan"),
        ),
        total=3,
        starred=1,
        reconnects_on=True,
    )
    blocks = rendered(people)
    assert len(blocks) == 4
    assert controls(blocks) == [
        ("reconnects_switch", "off"),
        ("reconnect_unstar", "1"),
        ("reconnect_star", "2"),
        ("reconnect_star", "3"),
    ]
    ben, cleo, dan = (block["text"]["text"] for block in blocks[1:])
    assert ben.startswith("⭐ <@U0P001> · _met Mar 2026_\nBen · working on Ben, Ben")
    assert "🆕 Looking for help with “A photographer”" in ben
    assert "🆕 New project: “Riso co-op”" in cleo
    assert "🆕" not in dan
    assert "(1 of 10 starred)" in blocks[0]["text"]["text"]


def test_beyond_ten_a_line_and_a_menu_to_star_one_of_the_rest() -> None:
    rest = tuple(Named(index, f"Person {index}") for index in range(10, 25))
    people = YourPeople(
        shown=tuple(person(index) for index in range(10)), total=25, starred=0, reconnects_on=False, rest=rest
    )
    blocks = rendered(people)
    assert len(blocks) == 12
    last = blocks[-1]
    assert "…and 15 more people you've met." in last["text"]["text"]
    assert last["accessory"]["action_id"] == "reconnect_star"
    assert [o["value"] for o in last["accessory"]["options"]] == [str(index) for index in range(10, 25)]


def test_with_ten_starred_the_menu_goes_but_the_count_stays() -> None:
    rest = (Named(11, "Person 11"),)
    people = YourPeople(
        shown=tuple(person(index, starred=True) for index in range(10)),
        total=11,
        starred=10,
        reconnects_on=True,
        rest=rest,
    )
    blocks = rendered(people)
    assert "accessory" not in blocks[-1]
    assert "…and 1 more person you've met." in blocks[-1]["text"]["text"]
    assert "(10 of 10 starred)" in blocks[0]["text"]["text"]


def test_member_text_cannot_ping_or_link() -> None:
    odd = Person(
        reconnect_id=1,
        user_id="<!channel>",
        name=samples.UNUSUAL,
        title=samples.UNUSUAL,
        projects=(samples.UNUSUAL,),
        met_at=MARCH,
        starred=False,
        news=News("offer", "<https://evil.example|free money> <!here>"),
    )
    text = str(rendered(YourPeople(shown=(odd,), total=1, starred=0, reconnects_on=True)))
    for raw in ("<!channel>", "<!here>", "<@U0OTHER>", "<https://evil"):
        assert raw not in text
    assert "&lt;!channel&gt;" in text


def test_long_text_is_clipped_within_slacks_limits() -> None:
    long = person(1, samples.LONG, news=News("need", samples.LONG))
    rest = (Named(2, samples.LONG),)
    blocks = rendered(YourPeople(shown=(long,), total=2, starred=0, reconnects_on=True, rest=rest))
    assert len(blocks[1]["text"]["text"]) <= 1000
    assert blocks[2]["accessory"]["options"][0]["text"]["text"].endswith("…")


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=3200), st.sampled_from(["need", "offer", "project"]))
def test_valid_for_any_text(text: str, kind: str) -> None:
    shown = (person(1, text, news=News(kind, text)), person(2, text, starred=True))
    rendered(YourPeople(shown=shown, total=3, starred=1, reconnects_on=True, rest=(Named(3, text),)))
