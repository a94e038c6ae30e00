"""The network picture of a digest period: computed and stored once at the period's start (the
network-snapshot job, `bot/stats/jobs.py`) and read back for the rest of it; until the job has stored it,
the page shows the period before's (and computes one itself only when the team has none at all). What is
stored is `drawing.snapshot`'s: member ids, never names (those are looked up when shown, so a renamed member
reads right) and never anything about needs."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot import repo
from bot.models import Member, NetworkSnapshot
from bot.stats.drawing import CLUSTERS_DRAWN, VERSION, snapshot
from bot.stats.people import slack_link
from bot.stats.ties import network_of

PEOPLE_LISTED = 200  # bridges and isolated members listed at most (a search narrows them down)
LOOKED_UP = 500  # members whose names are looked up at a time for those lists
TIED_TO_LISTED = 3  # the clusters a cluster has most ties with, in the clusters table
EARLIER_LOOKED_AT = 4  # earlier periods' pictures looked at while this period's is not stored yet
DRAWN_ON_VIEW = 2000  # members at most for a first picture drawn while the page waits (about a second)


@dataclass(frozen=True)
class Dot:
    """A member in the picture: where, in which cluster (None: no intro yet), and as what."""

    name: str
    cluster: int | None
    role: str  # drawing.MEMBER, BRIDGE or ISOLATED
    reaches: int  # other clusters a bridge's ties reach
    x: float  # 0..1
    y: float


@dataclass(frozen=True)
class Bubble:
    cluster: int  # -1: the members with no intro yet
    size: int
    x: float  # 0..1
    y: float
    r: float  # on the same scale


@dataclass(frozen=True)
class ClusterRow:
    cluster: int
    members: int
    bridges: int
    tied_to: tuple[tuple[int, int], ...]  # (other cluster, ties between them): the most ties first


@dataclass(frozen=True)
class Someone:
    name: str
    slack_link: str
    detail: str  # for a bridge: which clusters they reach


@dataclass(frozen=True)
class Picture:
    period: str
    members: int
    ties: int
    clusters: int
    drawn: str  # drawing.MEMBERS (dots), CLUSTERS (bubbles) or "" (nothing to draw)
    dots: tuple[Dot, ...]
    lines: tuple[tuple[int, int], ...]  # between two dots, by their index
    dot: float  # how far apart two neighbouring dots are, on the 0..1 scale
    bubbles: tuple[Bubble, ...]
    links: tuple[tuple[int, int, int], ...]  # between drawn bubbles: (cluster, other cluster, ties)
    rest: Bubble | None  # the members with no intro yet, as one grey bubble, when too many to draw
    not_drawn: int  # clusters too small to draw as bubbles
    cluster_rows: tuple[ClusterRow, ...]
    bridges: tuple[Someone, ...]
    bridges_total: int
    isolated: tuple[Someone, ...]
    isolated_total: int


def network_picture(
    session: Session, *, team_id: str, period: str, now: datetime, search: str = ""
) -> Picture | None:
    """This period's picture; until the network-snapshot job has stored it (or drawn again one an earlier
    Kindred stored), the newest earlier one (its `period` says which), so no page view waits for a drawing
    (40 seconds at 100,000 members). A team with no picture to show (a fresh install) has one computed and
    stored first, here, if it is small enough to draw in a moment; None for a larger one, whose picture the
    job draws at its next tick. `search` narrows the bridges and isolated members listed to names
    containing it."""
    current = _snapshot(session, team_id, period)
    stored = current if _readable(current) else _newest_before(session, team_id, period)
    if stored is None and _members(session, team_id) > DRAWN_ON_VIEW:
        return None
    if stored is None:
        stored = store_snapshot(session, team_id=team_id, period=period, now=now)
    return _picture(session, stored, search.strip().lower())


def store_snapshot(session: Session, *, team_id: str, period: str, now: datetime) -> NetworkSnapshot:
    """This period's snapshot, computed and stored first if the period has none yet, or only one stored by
    an earlier Kindred (drawn again in place)."""
    stored = _snapshot(session, team_id, period)
    if stored is not None and _readable(stored):
        return stored
    picture = snapshot(network_of(session, team_id=team_id))
    if stored is not None:
        stored.picture, stored.computed_at = picture, now
        session.add(stored)
        return stored
    stored = NetworkSnapshot(team_id=team_id, period=period, picture=picture, computed_at=now)
    try:
        with session.begin_nested():
            session.add(stored)
    except IntegrityError:  # someone else stored this period's first: read theirs
        found = _snapshot(session, team_id, period)
        assert found is not None
        return found
    return stored


def teams_without_snapshot(session: Session, *, period: str) -> list[str]:
    """The teams that have no network snapshot of `period` yet, or only one an earlier Kindred stored (drawn
    again by the job, not by a page view)."""
    readable = col(NetworkSnapshot.picture)["version"].as_integer() == VERSION
    stored = set(
        session.exec(select(NetworkSnapshot.team_id).where(NetworkSnapshot.period == period, readable)).all()
    )
    return [team_id for team_id in repo.team_ids(session) if team_id not in stored]


def _snapshot(session: Session, team_id: str, period: str) -> NetworkSnapshot | None:
    query = select(NetworkSnapshot).where(
        NetworkSnapshot.team_id == team_id, NetworkSnapshot.period == period
    )
    return session.exec(query).first()


def _newest_before(session: Session, team_id: str, period: str) -> NetworkSnapshot | None:
    """The team's newest picture of a period before `period` that this Kindred can read, if any."""
    query = (
        select(NetworkSnapshot)
        .where(NetworkSnapshot.team_id == team_id, col(NetworkSnapshot.period) < period)
        .order_by(col(NetworkSnapshot.period).desc())
        .limit(EARLIER_LOOKED_AT)
    )
    return next((found for found in session.exec(query) if _readable(found)), None)


def _members(session: Session, team_id: str) -> int:
    return session.exec(select(func.count()).select_from(Member).where(Member.team_id == team_id)).one()


def _readable(stored: NetworkSnapshot | None) -> bool:
    """Whether this Kindred reads the stored picture as it is (an earlier one's is drawn again)."""
    return stored is not None and stored.picture.get("version") == VERSION


def _picture(session: Session, stored: NetworkSnapshot, search: str) -> Picture:
    picture = stored.picture
    sizes, nodes = picture["sizes"], picture.get("nodes", [])
    reaches = {member_id: count for member_id, _, count in picture["bridges"]}
    bridges = [(member_id, cluster, count) for member_id, cluster, count in picture["bridges"]]
    people = _names(session, [n[0] for n in nodes])
    dots: list[Dot] = []
    index: dict[int, int] = {}
    for number, (member_id, x, y, cluster, role) in enumerate(nodes):
        if member_id in people:  # forgotten since the picture was taken: not drawn
            index[number] = len(dots)
            dots.append(Dot(people[member_id][1], cluster, role, reaches.get(member_id, 0), x, y))
    bubbles = tuple(Bubble(n, sizes[n], x, y, r) for n, x, y, r in picture.get("bubbles", []))
    rest = picture.get("rest")
    return Picture(
        period=stored.period,
        members=picture["members"],
        ties=picture["ties"],
        clusters=len(sizes),
        drawn=picture["drawn"],
        dots=tuple(dots),
        lines=tuple((index[a], index[b]) for a, b in picture.get("edges", []) if a in index and b in index),
        dot=picture.get("dot", 0.0),
        bubbles=bubbles,
        links=tuple((a, b, n) for a, b, n in picture["links"] if b < len(bubbles)),
        rest=Bubble(-1, len(picture["isolated"]), *rest) if rest else None,
        not_drawn=len(sizes) - len(bubbles) if bubbles else 0,
        cluster_rows=_cluster_rows(sizes, picture["links"], bridges),
        bridges=_listed(session, stored.team_id, [(b[0], (b[1], b[2])) for b in bridges], search),
        bridges_total=len(bridges),
        isolated=_listed(session, stored.team_id, [(m, None) for m in picture["isolated"]], search),
        isolated_total=len(picture["isolated"]),
    )


def _cluster_rows(
    sizes: list[int], links: list[list[int]], bridges: list[tuple[int, int, int]]
) -> tuple[ClusterRow, ...]:
    """The largest clusters, each with its bridges and the clusters it has most ties with."""
    listed = min(len(sizes), CLUSTERS_DRAWN)
    in_cluster = Counter(cluster for _, cluster, _ in bridges)
    tied: dict[int, list[tuple[int, int]]] = {}
    for a, b, count in links:
        tied.setdefault(a, []).append((b, count))
        tied.setdefault(b, []).append((a, count))
    return tuple(
        ClusterRow(
            n,
            sizes[n],
            in_cluster[n],
            tuple(sorted(tied.get(n, []), key=lambda other: (-other[1], other[0]))[:TIED_TO_LISTED]),
        )
        for n in range(listed)
    )


def _names(session: Session, ids: list[int]) -> dict[int, tuple[str, str]]:
    """Member id → (user id, name) of those still here."""
    found: dict[int, tuple[str, str]] = {}
    ids = list(dict.fromkeys(ids))
    for start in range(0, len(ids), 10_000):  # far below any database's limit on bound parameters
        found.update(_people(session, col(Member.id).in_(ids[start : start + 10_000])))
    return found


def _named(session: Session, team_id: str, search: str) -> dict[int, tuple[str, str]]:
    """Member id → (user id, name) of the team's members whose name contains `search` (lower case)."""
    return _people(
        session, Member.team_id == team_id, func.lower(Member.name).contains(search, autoescape=True)
    )


def _people(session: Session, *where: Any) -> dict[int, tuple[str, str]]:
    """Only the columns shown: a member row also holds their stored readings."""
    query = select(Member.id, Member.user_id, Member.name).where(*where)
    return {member_id: (user_id, name) for member_id, user_id, name in session.exec(query).all() if member_id}


def _listed(session: Session, team_id: str, rows: list[tuple[int, Any]], search: str) -> tuple[Someone, ...]:
    """The first PEOPLE_LISTED of `rows` still here (and named like `search`): names are looked up only for
    the rows shown, a page of them at a time (a community of 100,000 has some 30,000 bridges)."""
    matching = _named(session, team_id, search) if search else None
    listed: list[Someone] = []
    for start in range(0, len(rows), LOOKED_UP):
        page = rows[start : start + LOOKED_UP]
        people = matching if matching is not None else _names(session, [member_id for member_id, _ in page])
        for member_id, detail in page:
            member = people.get(member_id)
            if member is None:
                continue  # forgotten since the picture was taken, or not what was searched for
            user_id, name = member
            listed.append(Someone(name, slack_link(team_id, user_id), _detail(detail)))
            if len(listed) == PEOPLE_LISTED:
                return tuple(listed)
    return tuple(listed)


def _detail(bridge: tuple[int, int] | None) -> str:
    if bridge is None:
        return "no intro yet"
    cluster, reaches = bridge
    return f"cluster {cluster + 1}, reaching {reaches} other{'s' if reaches > 1 else ''}"
