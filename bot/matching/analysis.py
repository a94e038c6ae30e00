"""What the curated vocabulary reads in one piece of text, computed once and stored with its vector.

- `concepts`: the skills it names or describes, with a weight (the headline and chosen tags count 1, the
  details half);
- `terms`: its topic words, stemmed ("websites" → "websit"), typos of vocabulary words corrected, a word in
  a sense the sense rules rule out kept apart ("python~python" for a snake), plus tags and word pairs;
- `ruled_out`: skills whose words mean something else here ("ball python");
- `places`: the countries it names, and `scoped` when it says it is for those places only.
"""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from sys import intern
from typing import Any

from bot.matching.concepts import ConceptIndex
from bot.matching.places import places
from bot.matching.text import words

DETAILS_FACTOR = 0.3
ONLY = frozenset({"only", "exclusively", "nur", "seulement", "apenas", "solamente"})


@dataclass(frozen=True, slots=True)
class Analysis:
    concepts: dict[str, float]
    terms: tuple[str, ...]
    ruled_out: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    scoped: bool = False
    in_details: frozenset[str] = frozenset()  # terms written only in the details, not the headline or tags

    def to_json(self) -> dict[str, Any]:
        return {
            "concepts": self.concepts,
            "terms": list(self.terms),
            "ruled_out": sorted(self.ruled_out),
            "places": sorted(self.places),
            "scoped": self.scoped,
            "in_details": sorted(self.in_details),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Analysis":
        # Interned: the same few thousand words recur across a community's entries, and a large one holds
        # millions of them in memory at once.
        return cls(
            concepts={intern(str(name)): float(weight) for name, weight in data["concepts"].items()},
            terms=tuple(intern(term) for term in data["terms"]),
            ruled_out=frozenset(intern(tag) for tag in data["ruled_out"]),
            places=frozenset(intern(code) for code in data["places"]),
            scoped=bool(data["scoped"]),
            in_details=frozenset(intern(term) for term in data.get("in_details", ())),
        )


NOTHING: frozenset[str] = frozenset()


def read_once(data: dict[str, Any]) -> Analysis:
    """A stored reading that is used once and dropped (a row of a table being built): no interning, and
    the empty sets most texts have are shared."""
    return Analysis(
        concepts=data["concepts"],
        terms=tuple(data["terms"]),
        ruled_out=frozenset(data["ruled_out"]) if data["ruled_out"] else NOTHING,
        places=frozenset(data["places"]) if data["places"] else NOTHING,
        scoped=bool(data["scoped"]),
        in_details=frozenset(data["in_details"]) if data.get("in_details") else NOTHING,
    )


def analyse(index: ConceptIndex, text: str, details: str = "", tags: Sequence[str] = ()) -> Analysis:
    context = " ".join((text, details, *(tag.replace("-", " ") for tag in tags)))
    main = index.read(text, context=context)
    extra = index.read(details, context=context)
    counts: dict[str, float] = {}
    for concept in (*index.read_tags(tags, context=context), *main.concepts):
        counts[concept] = counts.get(concept, 0.0) + 1.0
    for concept in extra.concepts:
        counts[concept] = counts.get(concept, 0.0) + DETAILS_FACTOR
    terms = [*main.terms, *(f"tag:{tag}" for tag in tags), *extra.terms]
    terms += [f"{a} {b}" for a, b in zip(main.terms, main.terms[1:], strict=False)]
    written = " ".join((text, details))
    named = places(written)
    return Analysis(
        concepts=counts,
        terms=tuple(terms),
        ruled_out=index.ruled_out(context),
        places=named,
        scoped=bool(named) and not ONLY.isdisjoint(words(written)),
        in_details=frozenset(extra.terms) - frozenset(main.terms),
    )


def combined(parts: Iterable[Analysis]) -> Analysis:
    """A whole made of parts (a member's projects and bio): weights add up, everything else joins."""
    counts: dict[str, float] = {}
    terms: list[str] = []
    ruled_out: set[str] = set()
    named: set[str] = set()
    scoped = False
    in_details: set[str] = set()
    headline: set[str] = set()
    for part in parts:
        in_details |= part.in_details
        headline |= set(part.terms) - part.in_details
        for concept, weight in part.concepts.items():
            counts[concept] = counts.get(concept, 0.0) + weight
        terms += part.terms
        ruled_out |= part.ruled_out
        named |= part.places
        scoped = scoped or part.scoped
    return Analysis(
        counts, tuple(terms), frozenset(ruled_out), frozenset(named), scoped, frozenset(in_details - headline)
    )


RULES_VERSION = "2"  # bump when the reading rules here, in concepts.py, text.py or places.py change


@cache
def reader_version() -> str:
    """Changes whenever the vocabulary or the reading rules change, so stored analyses are redone."""
    vocabulary = files("bot").joinpath("data/skills.toml").read_bytes()
    return hashlib.sha256(vocabulary + RULES_VERSION.encode()).hexdigest()[:12]
