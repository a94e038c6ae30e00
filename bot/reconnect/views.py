"""Plain view models of the reconnect feature, for its builders and for the Home."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class News:
    """Something new about the other person: their new `project`; their new `need` that your offer `yours`
    fits; or their new `offer` that fits your need `yours` (`yours` is empty on the Home, which does not run
    the matcher). A private need is never news."""

    kind: str
    text: str
    yours: str = ""


NEWS_ORDER = {"need": 0, "offer": 1, "project": 2}  # the most valuable first


@dataclass(frozen=True)
class Person:
    """Someone the member met through Kindred, as their Home shows them."""

    reconnect_id: int
    user_id: str
    name: str
    title: str
    projects: tuple[str, ...]  # their active projects, newest first
    met_at: datetime
    starred: bool
    news: News | None


@dataclass(frozen=True)
class Named:
    """One of the member's people beyond those shown, to star from a menu."""

    reconnect_id: int
    name: str


@dataclass(frozen=True)
class YourPeople:
    """The member's people: starred first, then the most recently met; `shown` is the first few of
    `total`, `rest` the next ones (none of them starred)."""

    shown: tuple[Person, ...]
    total: int
    starred: int
    reconnects_on: bool
    rest: tuple[Named, ...] = ()
