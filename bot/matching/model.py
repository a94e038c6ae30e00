"""The engine's inputs and outputs: plain, immutable data (the service layer loads it from the database)."""

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from bot.matching.analysis import Analysis
from bot.matching.embeddings import Embedder
from bot.matching.readings import Table

Pair = frozenset[int]


def pair(a: int, b: int) -> Pair:
    return frozenset((a, b))


class Kind(StrEnum):
    CAN_HELP_YOU = "can_help_you"  # another member's offer fits one of your open needs
    YOU_CAN_HELP = "you_can_help"  # your offer fits someone's shared need (lead with value)
    KINDRED = "kindred"  # similar projects or the same interests


@dataclass(frozen=True, slots=True)
class Person:
    member_id: int
    user_id: str
    name: str
    title: str = ""
    bio: str = ""
    suggestible: bool = True  # active, not paused, digests not off: may be suggested to others
    receives: bool = True  # gets a digest in this period
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)  # title and bio, embedded
    analysis: Analysis | None = field(default=None, compare=False, repr=False)  # what the bio says


@dataclass(frozen=True, slots=True)
class OfferDoc:
    entry_id: int
    member_id: int
    description: str
    details: str = ""
    skills: tuple[str, ...] = ()
    capacity_left: int | None = None  # how many more people it may be suggested to this month
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)  # sentence embedding
    analysis: Analysis | None = field(default=None, compare=False, repr=False)  # what the vocabulary reads


@dataclass(frozen=True, slots=True)
class NeedDoc:
    entry_id: int
    member_id: int
    description: str
    details: str = ""
    skills: tuple[str, ...] = ()
    private: bool = False  # used to help its owner; never shown to anyone else
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)  # sentence embedding
    analysis: Analysis | None = field(default=None, compare=False, repr=False)  # what the vocabulary reads


@dataclass(frozen=True, slots=True)
class ProjectDoc:
    entry_id: int
    member_id: int
    name: str
    description: str = ""
    help_wanted: str = ""
    skills: tuple[str, ...] = ()
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)  # sentence embedding
    analysis: Analysis | None = field(default=None, compare=False, repr=False)  # what the vocabulary reads


@dataclass(frozen=True, eq=False)
class Tables:
    """A community's readings as columns (readings.py), row for row with its people, offers, needs and
    projects; `embedded`: which people have a vector of their own (the others' rows are zeros)."""

    people: Table
    offers: Table
    needs: Table
    projects: Table
    embedded: np.ndarray


@dataclass(frozen=True, slots=True)
class Community:
    people: tuple[Person, ...]
    offers: tuple[OfferDoc, ...] = ()
    needs: tuple[NeedDoc, ...] = ()
    projects: tuple[ProjectDoc, ...] = ()
    background: np.ndarray | None = field(
        default=None, compare=False, repr=False
    )  # see embeddings.background
    embedder: Embedder | None = field(default=None, compare=False, repr=False)  # made the vectors
    # Loaded from the database: every reading as columns, instead of one vector and reading per object.
    tables: Tables | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class History:
    """What must shape this period's suggestions, as unordered pairs of member ids."""

    blocked: frozenset[Pair] = frozenset()  # introduced, intro pending, declined, not a fit, not for me
    recent: frozenset[Pair] = frozenset()  # suggested to each other in the last four weeks
    connected: frozenset[Pair] = frozenset()  # already know each other: suggested less


@dataclass(frozen=True, slots=True)
class Limits:
    per_member: int = 3
    appearances: int = 5  # in how many other members' digests one member may appear per period
    min_score: float | None = None  # None: the scorer's own calibrated threshold


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Someone for `recipient_id` to meet and why: a candidate while choosing, then with its reason."""

    recipient_id: int
    other_id: int
    kind: Kind
    score: float
    need_id: int | None = None
    offer_id: int | None = None
    project_id: int | None = None
    other_project_id: int | None = None
    shared: tuple[str, ...] = field(default=(), compare=False)  # skills both sides name, strongest first
    reason: str = ""
