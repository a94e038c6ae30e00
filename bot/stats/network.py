"""The network Kindred made, as a community manager would want to see it: members are nodes, intros that
happened and "We met" pairs are ties. Which clusters it has, who is isolated, and who bridges clusters
(the weak ties that carry new information).

Pure: member ids and ties in, a plain `Network` out. igraph does the graph work: its multilevel (Louvain)
clustering took 2.5 s for 100,000 members and 150,000 ties where networkx's took 30 s on the same graph
(`bench/network_speed.py`, README). The same input always gives the same clusters (a seeded generator).
"""

import random
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import igraph

SEED = 48  # any fixed number: the same community gives the same picture every time


@dataclass(frozen=True)
class Bridge:
    """A member whose ties reach `reaches` clusters besides their own (`cluster`)."""

    member_id: int
    cluster: int
    reaches: int
    ties: int


@dataclass(frozen=True)
class Network:
    clusters: dict[int, int]  # member id → cluster number, 0 the largest; isolated members have none
    sizes: tuple[int, ...]  # members in each cluster, by number
    isolated: tuple[int, ...]  # members with no tie at all
    bridges: tuple[Bridge, ...]  # members tied into other clusters: the most clusters reached first
    ties: int  # distinct ties between two members
    links: tuple[tuple[int, int, int], ...] = ()  # (cluster, other cluster, ties between them), a < b
    pairs: tuple[tuple[int, int], ...] = ()  # each distinct tie, as the two member ids


def analyse(members: Sequence[int], ties: Iterable[tuple[int, int]]) -> Network:
    """Clusters, isolated members and bridges of the network of `members` joined by `ties` (pairs of member
    ids, in any order and repeated or not; a tie to someone not in `members` is left out)."""
    index = {member_id: number for number, member_id in enumerate(dict.fromkeys(members))}
    edges = sorted({_pair(index[a], index[b]) for a, b in ties if a in index and b in index and a != b})
    graph = igraph.Graph(n=len(index), edges=edges)
    ids, degrees, neighbours = list(index), graph.degree(), graph.get_adjlist()
    isolated = tuple(ids[vertex] for vertex, degree in enumerate(degrees) if degree == 0)
    tied = [vertex for vertex, degree in enumerate(degrees) if degree > 0]
    membership = _clusters(graph)
    sizes: dict[int, int] = {}
    for vertex in tied:  # in vertex order: a cluster's first vertex settles ties between equal sizes
        sizes[membership[vertex]] = sizes.get(membership[vertex], 0) + 1
    number = {cluster: n for n, cluster in enumerate(sorted(sizes, key=lambda c: -sizes[c]))}
    clusters = {ids[vertex]: number[membership[vertex]] for vertex in tied}
    bridges = []
    for vertex in tied:
        own = number[membership[vertex]]
        reached = {number[membership[other]] for other in neighbours[vertex]} - {own}
        if reached:
            bridges.append(Bridge(ids[vertex], own, len(reached), degrees[vertex]))
    bridges.sort(key=lambda bridge: (-bridge.reaches, -bridge.ties, bridge.member_id))
    ordered = sorted(sizes.values(), reverse=True)
    between: dict[tuple[int, int], int] = {}
    for a, b in edges:
        pair = _pair(number[membership[a]], number[membership[b]])
        if pair[0] != pair[1]:
            between[pair] = between.get(pair, 0) + 1
    links = tuple((a, b, count) for (a, b), count in sorted(between.items()))
    pairs = tuple((ids[a], ids[b]) for a, b in edges)
    return Network(clusters, tuple(ordered), isolated, tuple(bridges), len(edges), links, pairs)


def _clusters(graph: igraph.Graph) -> list[int]:
    """Each vertex's cluster (Louvain, seeded: igraph's generator is global, so it is put back after)."""
    if graph.ecount() == 0:
        return list(range(graph.vcount()))
    with seeded():
        return list(graph.community_multilevel().membership)


@contextmanager
def seeded() -> Iterator[None]:
    """igraph's generator, seeded for the block (it is global, so it is put back after)."""
    igraph.set_random_number_generator(random.Random(SEED))  # noqa: S311 (a picture, not a secret)
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)
