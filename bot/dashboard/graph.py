"""The network picture as the data `static/network.js` hands to Cytoscape.js, in the page's JSON block:
each node where the server put it (the browser only draws: `preset` layout, no physics), its size, colour
and hover text, and each line. Compact lists rather than Cytoscape's own element objects: a picture of
2,000 members is a third of the size. Pure."""

from typing import Any

from bot.dashboard import texts
from bot.stats import service as stats

SCALE = 1000  # the picture's width or height, whichever is larger, in Cytoscape's model units
PALETTE = (  # the clusters' colours, in turn; style.css has the same as .c0 to .c11 for the table
    "#4a154b", "#1264a3", "#2eb67d", "#e01e5a", "#d69e10", "#36c5f0",
    "#8c5a2b", "#0b4c8c", "#e8741c", "#1a7f7a", "#b05fc0", "#5b6b7a",
)  # fmt: skip
GREY = "#a8a8a8"
DOT = 0.7  # a member's dot, in cells (the space each member has); a bridge's is BRIDGE with a ring
BRIDGE = 1.1
LABELLED = 40  # model units: a bubble at least this wide shows its cluster's number


def colour(cluster: int) -> str:
    return PALETTE[cluster % len(PALETTE)]


def drawing(picture: stats.Picture) -> dict[str, Any]:
    """{"nodes": [[x, y, size, colour, role, hover text, label]], "edges": [[node, node, width]],
    "ring": a bridge's ring width}; empty when there is nothing to draw."""
    if picture.dots:
        return _members(picture)
    if picture.bubbles:
        return _clusters(picture)
    return {}


def _members(picture: stats.Picture) -> dict[str, Any]:
    cell = picture.dot * SCALE
    nodes = [
        [
            _at(dot.x),
            _at(dot.y),
            round(cell * (BRIDGE if dot.role == "bridge" else DOT), 2),
            GREY if dot.cluster is None else colour(dot.cluster),
            dot.role,
            texts.dot_title(dot.name, dot.cluster, dot.reaches),
            "",
        ]
        for dot in picture.dots
    ]
    _add_rest(nodes, picture)
    edges = [[a, b, round(cell * 0.12, 2)] for a, b in picture.lines]
    return {"nodes": nodes, "edges": edges, "ring": round(cell * 0.2, 2)}


def _clusters(picture: stats.Picture) -> dict[str, Any]:
    nodes = []
    for bubble in picture.bubbles:
        size = round(2 * bubble.r * SCALE, 2)
        label = str(bubble.cluster + 1) if size >= LABELLED else ""
        title = texts.bubble_title(bubble.cluster, bubble.size)
        nodes.append([_at(bubble.x), _at(bubble.y), size, colour(bubble.cluster), "cluster", title, label])
    _add_rest(nodes, picture)
    most = max((count for _, _, count in picture.links), default=1)
    edges = [
        [a, b, round(2 + 14 * count / most, 1), texts.link_title(a, b, count)]
        for a, b, count in picture.links
    ]
    return {"nodes": nodes, "edges": edges, "ring": 0}


def _add_rest(nodes: list[list[Any]], picture: stats.Picture) -> None:
    """The members with no intro yet, as one grey bubble, when there are too many to draw one by one."""
    rest = picture.rest
    if rest is not None:
        title = texts.rest_title(rest.size)
        nodes.append(
            [_at(rest.x), _at(rest.y), round(2 * rest.r * SCALE, 2), GREY, "rest", title, str(rest.size)]
        )


def _at(position: float) -> float:
    return round(position * SCALE, 1)
