"""What a network snapshot stores: the network's numbers, and the picture laid out, in plain JSON. Pure.

Up to MEMBERS_DRAWN tied members, the picture is the members themselves: a dot each, in their cluster's
circle, a line for each tie, the bridges marked, and the members with no intro yet in a grey block at the
side (one grey bubble instead, past ISOLATED_DRAWN of them). Beyond that a community's members are too many
to read one by one, and the picture is its largest clusters as bubbles (area: members), joined by lines as
thick as the ties between them, and the members with no intro yet as one grey bubble.

Member ids only, never names (looked up when shown, so a renamed or forgotten member reads right), and
nothing about needs. Positions are normalised into 0..1.
"""

import math
from typing import Any

from bot.stats import layout
from bot.stats.network import Network

VERSION = 2  # snapshots stored before the member-level picture have no version: they are drawn again
MEMBERS_DRAWN = 2_000  # tied members drawn one by one at most (laid out in ~1 s); past it, clusters
ISOLATED_DRAWN = 1_000  # members with no intro yet drawn one by one at most; past it, one grey bubble
CLUSTERS_DRAWN = 40  # bubbles in the clusters' picture: the largest clusters
BUBBLE = 40.0  # the largest bubble's radius, in cells; the smallest is BUBBLE_LEAST
BUBBLE_LEAST = 3.0
MEMBERS, CLUSTERS = "members", "clusters"  # what the picture draws
MEMBER, BRIDGE, ISOLATED = "member", "bridge", "isolated"  # a dot's role


def snapshot(network: Network) -> dict[str, Any]:
    """The JSON stored for `network`."""
    stored: dict[str, Any] = {
        "version": VERSION,
        "members": len(network.clusters) + len(network.isolated),
        "ties": network.ties,
        "sizes": list(network.sizes),
        "links": [list(link) for link in network.links],
        "bridges": [[b.member_id, b.cluster, b.reaches] for b in network.bridges],
        "isolated": list(network.isolated),
        "drawn": "",
    }
    if not network.clusters:
        return stored  # nobody introduced yet: nothing to draw
    if len(network.clusters) <= MEMBERS_DRAWN:
        return stored | _members(network)
    return stored | _clusters(network)


def _members(network: Network) -> dict[str, Any]:
    where = layout.members_layout(network)
    bridges = {bridge.member_id for bridge in network.bridges}
    tied = list(network.clusters)
    points = [where[member_id] for member_id in tied]
    _, top, right, bottom = _box(points, margin=0.5)
    nodes = [[m, network.clusters[m], BRIDGE if m in bridges else MEMBER] for m in tied]
    rest = None
    if len(network.isolated) <= ISOLATED_DRAWN:
        points += layout.beside(len(network.isolated), left=right + 3, top=top, height=bottom - top)
        nodes += [[m, None, ISOLATED] for m in network.isolated]
    elif network.isolated:
        rest = _rest_bubble(layout.cluster_radius(len(network.isolated)), right, top, bottom)
    positions, cell, grey = _normalised(points, rest)
    index = {member_id: n for n, member_id in enumerate(tied)}
    return {
        "drawn": MEMBERS,
        "dot": round(cell, 5),
        "nodes": [
            [m, x, y, cluster, role] for (m, cluster, role), (x, y) in zip(nodes, positions, strict=True)
        ],
        "edges": [[index[a], index[b]] for a, b in network.pairs],
        "rest": grey,
    }


def _clusters(network: Network) -> dict[str, Any]:
    drawn = min(len(network.sizes), CLUSTERS_DRAWN)
    biggest = network.sizes[0]
    radii = [_bubble_radius(network.sizes[n], biggest) for n in range(drawn)]
    links = [link for link in network.links if link[1] < drawn]
    centres = layout.pack(radii, links)
    edges = [(x - r, y - r) for (x, y), r in zip(centres, radii, strict=True)]
    edges += [(x + r, y + r) for (x, y), r in zip(centres, radii, strict=True)]
    _, top, right, bottom = _box(edges, margin=0)
    rest = None
    if network.isolated:
        rest = _rest_bubble(_bubble_radius(len(network.isolated), biggest), right, top, bottom)
    positions, cell, grey = _normalised([*centres, *edges], rest)
    return {
        "drawn": CLUSTERS,
        "bubbles": [[n, x, y, round(radii[n] * cell, 5)] for n, (x, y) in enumerate(positions[:drawn])],
        "rest": grey,
    }


def _bubble_radius(size: int, biggest: int) -> float:
    return max(BUBBLE_LEAST, BUBBLE * math.sqrt(min(size, biggest) / biggest))


def _box(points: list[tuple[float, float]], *, margin: float) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin


def _rest_bubble(radius: float, right: float, top: float, bottom: float) -> tuple[float, float, float]:
    """The grey bubble of the members with no intro yet, to the right of the picture: no taller than it."""
    radius = min(radius, max((bottom - top) / 2, BUBBLE_LEAST))
    return right + 3 + radius, (top + bottom) / 2, radius


def _normalised(
    points: list[tuple[float, float]], rest: tuple[float, float, float] | None
) -> tuple[list[tuple[float, float]], float, list[float] | None]:
    """`points` and the grey bubble (if there is one) into 0..1 together: the points' positions, a cell's
    length, and the grey bubble as stored ([x, y, radius])."""
    around = []
    if rest is not None:
        x, y, r = rest
        around = [(x, y), (x - r, y - r), (x + r, y + r)]
    positions, cell = layout.normalised([*points, *around])
    if rest is None:
        return positions, cell, None
    x, y = positions[len(points)]
    return positions[: len(points)], cell, [x, y, round(rest[2] * cell, 5)]
