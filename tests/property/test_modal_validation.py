"""Submitting a modal: whatever arrives in its blocks becomes either typed data or inline errors that Slack
can show (keyed by one of the modal's own input blocks, saying what to fix, short enough), never a crash;
valid data shown in the modal and submitted unchanged comes back identical."""

from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from bot.entries.modals import CAPACITY_CHOICES, need_modal, offer_modal, project_modal
from bot.models import Member, NeedCreate, OfferCreate, ProfileUpdate, ProjectCreate
from bot.profiles.blocks import profile_modal
from bot.slack.forms import ModalContext, validate_form
from bot.validation import clean_text
from tests.property.strategies import nasty_text, skill_tags, skill_words

ERROR_MAX = 150
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _member(**profile: Any) -> Member:
    return Member(team_id="T0TEAM", user_id="U0DANA", name="Dana", created_at=NOW, updated_at=NOW, **profile)


def _view(model: type[BaseModel], data: BaseModel | None = None) -> dict[str, Any]:
    context = ModalContext()
    if model is OfferCreate:
        return offer_modal(offer=data, context=context).to_dict()  # type: ignore[arg-type]
    if model is NeedCreate:
        return need_modal(need=data, context=context).to_dict()  # type: ignore[arg-type]
    if model is ProjectCreate:
        return project_modal(project=data, context=context).to_dict()  # type: ignore[arg-type]
    profile = data.model_dump() if data else {}
    return profile_modal(member=_member(**profile), projects=[], context=context).to_dict()


FORMS = [OfferCreate, NeedCreate, ProjectCreate, ProfileUpdate]
INPUTS = {
    model: {b["block_id"]: b["element"] for b in _view(model)["blocks"] if b["type"] == "input"}
    for model in FORMS
}


def _option(value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": value[:75] or "-"}, "value": value}


def as_submitted(element: dict[str, Any]) -> dict[str, Any]:
    """What Slack sends back for an element left as the modal showed it."""
    kind = element["type"]
    if kind == "plain_text_input":
        return {"type": kind, "value": element.get("initial_value")}
    if kind in ("static_select", "radio_buttons"):
        return {"type": kind, "selected_option": element.get("initial_option")}
    return {"type": kind, "selected_options": element.get("initial_options", [])}


links = st.lists(
    st.from_regex(r"https://[a-z]{1,10}\.example(/[a-z0-9]{1,8}){0,2}", fullmatch=True),
    max_size=5,
    unique=True,
)
link_lines = links.map("\n".join)


@st.composite
def submissions(draw: st.DrawFn, model: type[BaseModel]) -> dict[str, Any]:
    """Any values a member (or a forged request) could put in this modal's blocks; some blocks missing."""
    values: dict[str, Any] = {}
    for block_id, element in INPUTS[model].items():
        if draw(st.integers(0, 9)) == 0:
            continue
        kind = element["type"]
        if kind == "plain_text_input" and block_id == "links":
            value = draw(st.none() | link_lines | nasty_text(200))
            submitted = {"type": kind, "value": value}
        elif kind == "plain_text_input":
            limit = element.get("max_length", 3000)
            plausible = st.text(st.characters(codec="utf-8"), min_size=1, max_size=60)
            value = draw(
                plausible | st.none() | nasty_text(limit) | st.text(min_size=limit - 2, max_size=limit + 5)
            )
            submitted = {"type": kind, "value": value}
        elif kind in ("static_select", "radio_buttons"):
            choices = st.sampled_from([o["value"] for o in element["options"]])
            value = draw(choices | choices | st.none() | nasty_text(20))
            submitted = {"type": kind, "selected_option": None if value is None else _option(value)}
        else:
            tags = draw(
                st.lists(skill_tags, max_size=10)
                | st.lists(skill_tags | skill_words | nasty_text(50), max_size=12)
            )
            submitted = {"type": kind, "selected_options": [_option(tag) for tag in tags]}
        values[block_id] = {block_id: submitted}
    return {"values": values}


@settings(max_examples=150)
@given(st.sampled_from(FORMS).flatmap(lambda model: st.tuples(st.just(model), submissions(model))))
def test_any_submission_is_typed_data_or_errors_slack_can_show(
    form: tuple[type[BaseModel], dict[str, Any]],
) -> None:
    model, state = form
    data, errors = validate_form(model, state)
    assert (data is None) != (errors == {})
    if data is None:
        assert set(errors) <= set(INPUTS[model]), (
            "an error on a block the modal lacks fails the whole response"
        )
        present = set(state["values"])
        assert not present or set(errors) <= present, "errors go on blocks the member can see"
        assert all(message and len(message) <= ERROR_MAX for message in errors.values())
        return
    for block_id, actions in state["values"].items():
        submitted = next(iter(actions.values()))
        if submitted["type"] == "plain_text_input" and block_id != "links":
            assert getattr(data, block_id) == clean_text(submitted["value"] or "")


TEXT_FIELDS = [
    (model, block_id, element["max_length"])
    for model in FORMS
    for block_id, element in INPUTS[model].items()
    if element["type"] == "plain_text_input" and block_id != "links"
]


@given(st.sampled_from(TEXT_FIELDS), st.text(min_size=1, max_size=3), st.integers(1, 50))
def test_text_over_its_limit_is_refused_on_its_block_with_the_limit(
    field: tuple[type[BaseModel], str, int], piece: str, extra: int
) -> None:
    model, block_id, limit = field
    text = (piece * (limit + extra))[: limit + extra]
    cleaned = clean_text(text)
    given = {name: "Something" for name, info in model.model_fields.items() if info.is_required()}
    given[block_id] = text
    state = {"values": {name: {name: {"type": "plain_text_input", "value": v}} for name, v in given.items()}}
    data, errors = validate_form(model, state)
    if len(cleaned) > limit:
        assert data is None
        assert errors[block_id].startswith(f"too long: at most {limit} characters")
    elif not cleaned and model.model_fields[block_id].is_required():
        assert errors[block_id] == "this can't be empty"
    else:
        assert block_id not in errors


@given(st.sampled_from(FORMS), nasty_text(20).filter(lambda t: not clean_text(t)))
def test_a_required_field_left_blank_says_it_cannot_be_empty(model: type[BaseModel], blank: str) -> None:
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    state = {"values": {name: {name: {"type": "plain_text_input", "value": blank}} for name in required}}
    data, errors = validate_form(model, state)
    assert (data is None) == bool(required)
    assert errors == dict.fromkeys(required, "this can't be empty")


# --- valid data round-trips through its own modal -----------------------------------------------


def _clean(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    return nasty_text(max_size).map(clean_text).filter(lambda t: min_size <= len(t) <= max_size)


skills = st.lists(skill_tags, max_size=10, unique=True)
valid_offers = st.builds(
    OfferCreate,
    description=_clean(300, 1),
    skills=skills,
    details=_clean(2000),
    format=st.sampled_from(["call", "async-review", "referral", "mentoring", "other"]),
    monthly_capacity=st.none() | st.sampled_from([int(c) for c in CAPACITY_CHOICES]),
    links=links,
)
valid_needs = st.builds(
    NeedCreate,
    description=_clean(300, 1),
    skills=skills,
    details=_clean(2000),
    urgency=st.sampled_from(["low", "normal", "high"]),
    visibility=st.sampled_from(["shared", "private"]),
    links=links,
)
valid_projects = st.builds(
    ProjectCreate,
    name=_clean(100, 1),
    description=_clean(1000),
    skills=skills,
    help_wanted=_clean(500),
    links=links,
)
valid_profiles = st.builds(ProfileUpdate, title=_clean(100), bio=_clean(1000), links=links)


@given(st.one_of(valid_offers, valid_needs, valid_projects, valid_profiles))
def test_valid_data_shown_in_its_modal_and_submitted_unchanged_comes_back_identical(data: BaseModel) -> None:
    view = _view(type(data), data)
    state = {
        "values": {
            block["block_id"]: {block["element"]["action_id"]: as_submitted(block["element"])}
            for block in view["blocks"]
            if block["type"] == "input"
        }
    }
    again, errors = validate_form(type(data), state)
    assert errors == {}
    assert again == data
