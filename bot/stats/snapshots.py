"""The network picture of a digest period: computed on the first look in the period, stored, and read back
for the rest of it. Holds member ids, never names (those are looked up when shown, so a renamed member reads
right) and never anything about needs."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import igraph
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from bot.models import Member, NetworkSnapshot
from bot.stats.network import Network, seeded
from bot.stats.people import slack_link
from bot.stats.ties import network_of

CLUSTERS_DRAWN = 40  # the largest clusters are drawn; the rest are counted beside the picture
PEOPLE_LISTED = 200  # bridges and isolated members listed at most (a search narrows them down)


@dataclass(frozen=True)
class Bubble:
    cluster: int
    size: int
    x: float  # 0..1
    y: float


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
    bubbles: tuple[Bubble, ...]
    links: tuple[tuple[int, int, int], ...]  # between drawn clusters only
    not_drawn: int  # clusters too small to draw
    bridges: tuple[Someone, ...]
    bridges_total: int
    isolated: tuple[Someone, ...]
    isolated_total: int


def network_picture(
    session: Session, *, team_id: str, period: str, now: datetime, search: str = ""
) -> Picture:
    """This period's picture (computed and stored first if this is the period's first look); `search`
    narrows the bridges and isolated members listed to names containing it."""
    stored = _snapshot(session, team_id, period)
    if stored is None:
        stored = NetworkSnapshot(
            team_id=team_id,
            period=period,
            picture=_stored(network_of(session, team_id=team_id)),
            computed_at=now,
        )
        try:
            with session.begin_nested():
                session.add(stored)
        except IntegrityError:  # someone else stored this period's first: read theirs
            stored = _snapshot(session, team_id, period)
            assert stored is not None
    return _picture(session, stored, search.strip().lower())


def _snapshot(session: Session, team_id: str, period: str) -> NetworkSnapshot | None:
    query = select(NetworkSnapshot).where(
        NetworkSnapshot.team_id == team_id, NetworkSnapshot.period == period
    )
    return session.exec(query).first()


def _stored(network: Network) -> dict[str, Any]:
    drawn = min(len(network.sizes), CLUSTERS_DRAWN)
    links = [link for link in network.links if link[0] < drawn and link[1] < drawn]
    return {
        "members": len(network.clusters) + len(network.isolated),
        "ties": network.ties,
        "sizes": list(network.sizes),
        "positions": _layout(drawn, links),
        "links": [list(link) for link in links],
        "bridges": [[b.member_id, b.cluster, b.reaches] for b in network.bridges],
        "isolated": list(network.isolated),
    }


def _layout(clusters: int, links: list[tuple[int, int, int]]) -> list[list[float]]:
    """Where each drawn cluster sits, in 0..1 both ways: linked clusters near each other (seeded)."""
    if clusters == 0:
        return []
    if clusters == 1:
        return [[0.5, 0.5]]
    graph = igraph.Graph(n=clusters, edges=[(a, b) for a, b, _ in links])
    with seeded():
        layout = graph.layout_fruchterman_reingold(
            weights=[count for _, _, count in links] or None, seed=graph.layout_circle()
        )
    xs, ys = zip(*layout.coords, strict=True)
    width, height = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return [[round((x - min(xs)) / width, 4), round((y - min(ys)) / height, 4)] for x, y in layout.coords]


def _picture(session: Session, stored: NetworkSnapshot, search: str) -> Picture:
    picture = stored.picture
    sizes, positions = picture["sizes"], picture["positions"]
    bubbles = tuple(Bubble(n, sizes[n], x, y) for n, (x, y) in enumerate(positions))
    bridges = [
        (member_id, f"cluster {cluster + 1}, reaching {reaches} other{'s' if reaches > 1 else ''}")
        for member_id, cluster, reaches in picture["bridges"]
    ]
    isolated = [(member_id, "no intro yet") for member_id in picture["isolated"]]
    people = _names(session, [member_id for member_id, _ in bridges + isolated])
    return Picture(
        period=stored.period,
        members=picture["members"],
        ties=picture["ties"],
        clusters=len(sizes),
        bubbles=bubbles,
        links=tuple(tuple(link) for link in picture["links"]),
        not_drawn=len(sizes) - len(bubbles),
        bridges=_listed(bridges, people, search),
        bridges_total=len(bridges),
        isolated=_listed(isolated, people, search),
        isolated_total=len(isolated),
    )


def _names(session: Session, ids: list[int]) -> dict[int, tuple[str, str, str]]:
    """Member id → (team, user id, name) of those still here (only those columns: a member row also holds
    their stored readings)."""
    found: dict[int, tuple[str, str, str]] = {}
    for start in range(0, len(ids), 10_000):  # far below any database's limit on bound parameters
        chunk = ids[start : start + 10_000]
        query = select(Member.id, Member.team_id, Member.user_id, Member.name).where(
            col(Member.id).in_(chunk)
        )
        for member_id, team_id, user_id, name in session.exec(query).all():
            if member_id is not None:
                found[member_id] = (team_id, user_id, name)
    return found


def _listed(
    rows: list[tuple[int, str]], people: dict[int, tuple[str, str, str]], search: str
) -> tuple[Someone, ...]:
    listed = []
    for member_id, detail in rows:
        member = people.get(member_id)
        if member is None or (search and search not in member[2].lower()):
            continue  # forgotten since the picture was taken, or not what was searched for
        team_id, user_id, name = member
        listed.append(Someone(name, slack_link(team_id, user_id), detail))
        if len(listed) == PEOPLE_LISTED:
            break
    return tuple(listed)
