"""Skills: normalised tags and the curated vocabulary (`data/skills.toml`).

A tag is lowercase, hyphen-separated and at most 40 characters ("Local SEO" -> "local-seo").
The vocabulary gives tags their display labels and lets the modal's picker search by label or alias.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

MAX_TAG_LENGTH = 40


@dataclass(frozen=True)
class Skill:
    tag: str
    label: str
    category: str
    aliases: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    generic: bool = False
    local: bool = False  # advice that depends on the country: tax, law, permits


def normalise_tag(raw: str) -> str:
    """'  E-mail  Marketing ' -> 'e-mail-marketing'; 'C++' -> 'c++'; keeps letters of any alphabet."""
    text = unicodedata.normalize("NFKC", raw).casefold().strip()
    text = re.sub(r"[\s_/|,;:]+", "-", text)
    text = re.sub(r"[^\w+#.-]", "", text)
    text = re.sub(r"-{2,}", "-", text)
    return text.strip("-.")


def label_for(tag: str) -> str:
    skill = vocabulary().get(tag)
    return skill.label if skill else tag.replace("-", " ")


class Vocabulary:
    def __init__(self, skills: list[Skill]) -> None:
        self._by_tag = {skill.tag: skill for skill in skills}

    def __len__(self) -> int:
        return len(self._by_tag)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._by_tag.values())

    def get(self, tag: str) -> Skill | None:
        return self._by_tag.get(tag)

    def search(self, query: str, limit: int = 20) -> list[Skill]:
        """Skills whose label, tag or an alias matches what the member typed, best first."""
        needle = " ".join(query.casefold().split())
        if not needle:
            return sorted(self._by_tag.values(), key=lambda s: (s.generic, s.label.casefold()))[:limit]
        ranked: list[tuple[int, str, Skill]] = []
        for skill in self._by_tag.values():
            rank = _match_rank(needle, skill)
            if rank is not None:
                ranked.append((rank, skill.label.casefold(), skill))
        ranked.sort(key=lambda item: (item[0], item[1]))
        return [skill for _, _, skill in ranked[:limit]]


def _match_rank(needle: str, skill: Skill) -> int | None:
    label = skill.label.casefold()
    if needle in (label, skill.tag):
        return 0
    if label.startswith(needle) or skill.tag.startswith(needle):
        return 1
    if any(word.startswith(needle) for word in re.split(r"[\s/&-]+", label)):
        return 2
    if needle in label:
        return 3
    if any(alias.startswith(needle) or f" {needle}" in f" {alias}" for alias in skill.aliases):
        return 4
    return None


@cache
def vocabulary() -> Vocabulary:
    data = tomllib.loads(resources.files("bot").joinpath("data/skills.toml").read_text(encoding="utf-8"))
    return Vocabulary(
        [
            Skill(
                tag=entry["tag"],
                label=entry["label"],
                category=entry.get("category", "Other"),
                aliases=tuple(entry.get("aliases", ())),
                excludes=tuple(entry.get("excludes", ())),
                related=tuple(entry.get("related", ())),
                generic=bool(entry.get("generic", False)),
                local=bool(entry.get("local", False)),
            )
            for entry in data["skills"]
        ]
    )
