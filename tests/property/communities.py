"""Strategies for community files (README, "The community file"): valid ones, and ways to break them."""

from typing import Any

from hypothesis import strategies as st

from bot.validation import clean_text
from tests.property.strategies import nasty_text, skill_tags, skill_words, team_ids

file_user_ids = st.from_regex(r"[UW][A-Z0-9]{2,12}", fullmatch=True)
zones = st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney"])
links = st.lists(
    st.builds(
        lambda prefix, host, path: f"{prefix}{host}.example{path}",
        st.sampled_from(["", "https://", "http://"]),
        st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True),
        st.from_regex(r"(/[a-z0-9]{1,8}){0,2}", fullmatch=True),
    ),
    max_size=5,
    unique_by=lambda link: link.split("://")[-1],
)
skills = st.lists(st.one_of(skill_tags, skill_words), max_size=6)


def text(max_length: int, *, required: bool = False) -> st.SearchStrategy[str]:
    """Text that is valid once cleaned: may carry control characters, padding, markup, emoji."""

    def fit(value: str) -> str:
        return ("x" + value if required and not clean_text(value) else value)[:max_length]

    return st.one_of(st.text(st.characters(codec="utf-8"), max_size=80), nasty_text(60), skill_words).map(fit)


def _unique_entries(key: str) -> Any:
    return lambda entry: " ".join(clean_text(entry[key]).casefold().split())


offers = st.lists(
    st.fixed_dictionaries(
        {"description": text(300, required=True)},
        optional={
            "skills": skills,
            "details": text(2000),
            "format": st.sampled_from(["call", "async-review", "referral", "mentoring", "other"]),
            "monthly_capacity": st.none() | st.integers(1, 20),
            "links": links,
            "status": st.sampled_from(["active", "withdrawn"]),
        },
    ),
    max_size=3,
    unique_by=_unique_entries("description"),
)
needs = st.lists(
    st.fixed_dictionaries(
        {"description": text(300, required=True)},
        optional={
            "skills": skills,
            "details": text(2000),
            "urgency": st.sampled_from(["low", "normal", "high"]),
            "visibility": st.sampled_from(["shared", "private"]),
            "links": links,
            "status": st.sampled_from(["open", "resolved", "withdrawn"]),
        },
    ),
    max_size=3,
    unique_by=_unique_entries("description"),
)
projects = st.lists(
    st.fixed_dictionaries(
        {"name": text(100, required=True)},
        optional={
            "description": text(1000),
            "skills": skills,
            "help_wanted": text(500),
            "links": links,
            "status": st.sampled_from(["active", "archived"]),
        },
    ),
    max_size=2,
    unique_by=_unique_entries("name"),
)
members = st.fixed_dictionaries(
    {"user_id": file_user_ids, "name": text(80, required=True)},
    optional={
        "title": text(100),
        "timezone": zones,
        "links": links,
        "bio": text(1000),
        "status": st.sampled_from(["active", "paused", "left"]),
        "digest_cadence": st.sampled_from(["weekly", "every-two-weeks", "monthly", "off"]),
        "offers": offers,
        "needs": needs,
        "projects": projects,
    },
)


def valid_communities(max_members: int = 4, min_members: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "version": st.just(1),
            "team_id": team_ids,
            "members": st.lists(
                members, min_size=min_members, max_size=max_members, unique_by=lambda m: m["user_id"]
            ),
        }
    )
