import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.entries.service import OpenEntries
from bot.home.blocks import home_view
from bot.home.texts import HOME_FOOTER
from bot.reconnect.service import Named, News, Person, YourPeople
from tests.conftest import NOW
from tests.fakeslack import check_view
from tests.slack.blocks import samples

NOTHING = OpenEntries(offers=[], needs=[], projects=[])


def valid(view) -> dict:
    as_dict = view.to_dict()
    assert check_view(as_dict) == []
    return as_dict


def all_text(view: dict) -> str:
    return str(view["blocks"])


def test_a_first_visit_is_onboarding_with_ways_to_start() -> None:
    view = valid(home_view(member=samples.member(), entries=NOTHING, onboarding=True))
    actions = [
        el["action_id"] for block in view["blocks"] if block["type"] == "actions" for el in block["elements"]
    ]
    assert actions == ["add_offer", "add_need", "edit_profile"]
    assert "Welcome to Kindred" in all_text(view)


def test_the_home_shows_every_open_entry_with_its_controls() -> None:
    view = valid(
        home_view(member=samples.member(), entries=samples.everything("Entry", count=2), onboarding=False)
    )
    values = [
        el.get("value") for block in view["blocks"] if block["type"] == "actions" for el in block["elements"]
    ]
    assert values.count("offer:0") == 2  # edit + withdraw
    assert values.count("need:1") == 3  # edit + resolved + withdraw
    assert values.count("project:1") == 2  # edit + archive
    assert "🔒 private" in all_text(view)


@pytest.mark.parametrize("text", ["", samples.UNUSUAL, samples.LONG])
@pytest.mark.parametrize("count", [0, 10, 40])
def test_the_home_stays_within_slacks_limits(text: str, count: int) -> None:
    view = valid(
        home_view(
            member=samples.member(text, links=5), entries=samples.everything(text, count), onboarding=False
        )
    )
    assert len(view["blocks"]) <= 100
    if count > 10:
        assert "and 30 more" in all_text(view)


def test_member_text_cannot_ping_or_link() -> None:
    view = valid(
        home_view(
            member=samples.member(samples.UNUSUAL),
            entries=samples.everything(samples.UNUSUAL, 1),
            onboarding=False,
        )
    )
    text = all_text(view)
    for raw in ("<!channel>", "<@U0OTHER>", "<https://evil"):
        assert raw not in text
    assert "&lt;!channel&gt;" in text


@pytest.mark.parametrize(("status", "button"), [("active", "pause"), ("paused", "resume")])
def test_pause_or_resume_matches_the_members_status(status: str, button: str) -> None:
    view = valid(
        home_view(member=samples.member(status=status, cadence="monthly"), entries=NOTHING, onboarding=False)
    )
    controls = next(b for b in view["blocks"] if b["type"] == "actions")["elements"]
    assert controls[0]["action_id"] == button
    assert controls[1]["initial_option"]["value"] == "monthly"


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=3200))
def test_the_home_is_valid_for_any_text(text: str) -> None:
    valid(home_view(member=samples.member(text), entries=samples.everything(text, 2), onboarding=False))


def _people(text: str, count: int) -> YourPeople:
    shown = tuple(
        Person(i, f"U0P{i:03}", text, text, (text,), NOW, i < 3, News("need", text))
        for i in range(min(count, 10))
    )
    rest = tuple(Named(i, text) for i in range(10, count))
    return YourPeople(shown=shown, total=count, starred=min(count, 3), reconnects_on=True, rest=rest)


@pytest.mark.parametrize("count", [0, 10, 150])
def test_your_people_fit_below_slacks_limit_with_every_section_full(count: int) -> None:
    view = valid(
        home_view(
            member=samples.member(samples.LONG, links=5),
            entries=samples.everything(samples.LONG, 40),
            onboarding=False,
            people=_people(samples.LONG, count),
        )
    )
    assert len(view["blocks"]) <= 90  # well below 100: nothing is cut off
    assert view["blocks"][-1]["elements"][0]["text"] == HOME_FOOTER
    people_at = next(i for i, b in enumerate(view["blocks"]) if "*Your people*" in str(b.get("text")))
    assert view["blocks"][people_at - 1]["type"] == "divider"
    stars = [b["accessory"]["action_id"] for b in view["blocks"][people_at:] if "accessory" in b]
    assert len(stars) == 1 + min(count, 10) + (count > 10)  # the switch, a star each, the menu


def test_onboarding_shows_no_people_section() -> None:
    view = valid(home_view(member=samples.member(), entries=NOTHING, onboarding=True, people=_people("A", 2)))
    assert "Your people" not in all_text(view)
