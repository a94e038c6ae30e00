"""Where each dot and bubble of the network picture sits: pure and seeded, computed once a digest period.

Clusters are packed as circles whose area is their number of members, none overlapping: the largest in the
middle, each next one in the free place nearest to the cluster it has most ties with (or to the middle), so
linked clusters sit side by side and a lone pair ends up at the edge. The packing works on a grid of cells,
one member's dot wide: a cluster takes the square around its circle, and a summed-area table finds every
free square at once. Inside its circle, a cluster's members are spread by Fruchterman-Reingold on the ties
among them. A picture of groups rather than a hairball: the only long lines are the ties between clusters.

Coordinates come out in cells; `normalised` turns a picture into 0..1 for storing.
"""

import math
from collections.abc import Iterable, Sequence

import igraph
import numpy as np

from bot.stats.network import Network, seeded

GAP = 1  # free cells around each cluster
WIDER = 1.6  # a step up or down counts this much more than one across: pictures come out landscape, as
# the screens they are shown on
MEMBER_AREA = 1.4  # cells per member inside a cluster's circle (dots with a little air between them)


def pack(radii: Sequence[float], links: Iterable[tuple[int, int, int]]) -> list[tuple[float, float]]:
    """Centres of circles of `radii` (in cells, largest first, as clusters are numbered), none overlapping;
    `links` are (circle, later circle, ties): each is put as near as it fits to its most-tied earlier one."""
    if not radii:
        return []
    partner: dict[int, tuple[int, int]] = {}  # circle → (ties, the earlier circle it has most ties with)
    for a, b, count in sorted(links):
        low, high = min(a, b), max(a, b)
        if high < len(radii) and count > partner.get(high, (0, -1))[0]:
            partner[high] = (count, low)
    sides = [2 * math.ceil(radius) + GAP for radius in radii]
    grid = 2 * math.ceil(math.sqrt(sum(side * side for side in sides))) + max(sides)
    taken = np.zeros((grid, grid), dtype=np.int32)
    middle = grid / 2
    centres: list[tuple[float, float]] = []
    for number, side in enumerate(sides):
        anchor = centres[partner[number][1]] if number in partner else (middle, middle)
        x, y = _nearest_free(taken, side, anchor)
        taken[y : y + side, x : x + side] = 1
        centres.append((x + side / 2, y + side / 2))
    return centres


def _nearest_free(taken: np.ndarray, side: int, anchor: tuple[float, float]) -> tuple[int, int]:
    """The top-left cell of the free `side`-square whose centre is nearest `anchor` (the first such on a tie,
    so the same input always gives the same place). Looked for in a window around `anchor`, grown until the
    nearest free square in it is nearer than anything outside it could be (the grid has room for all)."""
    grid = taken.shape[0]
    reach = 2 * side
    while True:
        left, top = max(0, int(anchor[0]) - reach), max(0, int(anchor[1]) - reach)
        right, bottom = min(grid, int(anchor[0]) + reach), min(grid, int(anchor[1]) + reach)
        window = taken[top:bottom, left:right]
        table = np.zeros((window.shape[0] + 1, window.shape[1] + 1), dtype=np.int32)
        table[1:, 1:] = window.cumsum(0).cumsum(1)
        used = table[side:, side:] - table[:-side, side:] - table[side:, :-side] + table[:-side, :-side]
        across = (np.arange(used.shape[1]) + left + side / 2 - anchor[0]) ** 2
        down = (WIDER * (np.arange(used.shape[0]) + top + side / 2 - anchor[1])) ** 2
        distance = down[:, None] + across[None, :]
        distance[used > 0] = np.inf
        y, x = np.unravel_index(int(np.argmin(distance)), distance.shape)
        whole = (left, top, right, bottom) == (0, 0, grid, grid)
        if whole or math.sqrt(distance[y, x]) <= reach - side:  # nothing outside is nearer, even across
            assert math.isfinite(distance[y, x]), "the grid is made big enough for every square"
            return int(x) + left, int(y) + top
        reach *= 2


def cluster_radius(members: int) -> float:
    """The radius, in cells, of the circle a cluster's members are spread in."""
    return math.sqrt(members * MEMBER_AREA / math.pi) + 0.5


def members_layout(network: Network) -> dict[int, tuple[float, float]]:
    """Where each tied member sits (member id → x, y in cells): their cluster packed among the others,
    themselves spread inside it by their ties."""
    groups: dict[int, list[int]] = {cluster: [] for cluster in range(len(network.sizes))}
    for member_id, cluster in network.clusters.items():
        groups[cluster].append(member_id)
    ties_of: dict[int, list[tuple[int, int]]] = {}
    for a, b in network.pairs:
        if network.clusters[a] == network.clusters[b]:
            ties_of.setdefault(network.clusters[a], []).append((a, b))
    radii = [cluster_radius(size) for size in network.sizes]
    where: dict[int, tuple[float, float]] = {}
    for cluster, (cx, cy) in enumerate(pack(radii, network.links)):
        spread = _inside(groups[cluster], ties_of.get(cluster, []), radii[cluster] - 0.5)
        for member_id, (x, y) in spread.items():
            where[member_id] = (cx + x, cy + y)
    return where


def _inside(members: list[int], ties: list[tuple[int, int]], radius: float) -> dict[int, tuple[float, float]]:
    """Each member's place relative to their cluster's centre, within `radius`: tied ones close together."""
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    index = {member_id: n for n, member_id in enumerate(members)}
    graph = igraph.Graph(n=len(members), edges=[(index[a], index[b]) for a, b in ties])
    with seeded():
        coords = np.array(graph.layout_fruchterman_reingold(grid=True).coords)
    coords -= coords.mean(axis=0)
    furthest = float(np.sqrt((coords**2).sum(axis=1)).max()) or 1.0
    coords *= radius / furthest
    return {member_id: (float(x), float(y)) for member_id, (x, y) in zip(members, coords, strict=True)}


def beside(count: int, *, left: float, top: float, height: float) -> list[tuple[float, float]]:
    """`count` dots in columns one cell apart, to the right of `left`, from `top` down to `height` tall."""
    rows = max(1, math.floor(height))
    return [(left + n // rows, top + n % rows) for n in range(count)]


def normalised(points: Sequence[tuple[float, float]]) -> tuple[list[tuple[float, float]], float]:
    """`points` moved and scaled into 0..1 both ways (the same scale both ways: circles stay round), with
    how long one cell is on that scale."""
    if not points:
        return [], 1.0
    xs, ys = [x for x, _ in points], [y for _, y in points]
    left, top = min(xs) - 1, min(ys) - 1  # a cell of margin, so a dot at the edge is whole
    extent = max(max(xs) + 1 - left, max(ys) + 1 - top)
    return [(round((x - left) / extent, 5), round((y - top) / extent, 5)) for x, y in points], 1 / extent
