"""The network picture as SVG, drawn on the server: one bubble a cluster (its area the number of members
in it), a line between two clusters that Kindred's intros tie together (thicker for more ties). No script,
no inline style: the page's Content-Security-Policy allows neither, and it needs neither."""

import math
from dataclasses import dataclass

from bot.stats import service as stats

WIDTH, HEIGHT, MARGIN = 800, 480, 50
RADIUS_MIN, RADIUS_MAX = 6, 44
COLOURS = ("#4a154b", "#1264a3", "#2eb67d", "#e01e5a", "#ecb22e", "#36c5f0", "#7c3085", "#0b4c8c")


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    r: float
    colour: str
    label: str  # the cluster's number, shown inside big enough bubbles
    title: str  # hover text


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    title: str


@dataclass(frozen=True)
class Svg:
    width: int
    height: int
    circles: tuple[Circle, ...]
    lines: tuple[Line, ...]


def svg_of(picture: stats.Picture) -> Svg:
    biggest = max((bubble.size for bubble in picture.bubbles), default=1)
    most = max((count for _, _, count in picture.links), default=1)
    where = {}
    circles = []
    for bubble in picture.bubbles:
        x = MARGIN + bubble.x * (WIDTH - 2 * MARGIN)
        y = MARGIN + bubble.y * (HEIGHT - 2 * MARGIN)
        r = RADIUS_MIN + (RADIUS_MAX - RADIUS_MIN) * math.sqrt(bubble.size / biggest)
        where[bubble.cluster] = (x, y)
        number = bubble.cluster + 1
        circles.append(
            Circle(
                round(x, 1),
                round(y, 1),
                round(r, 1),
                COLOURS[bubble.cluster % len(COLOURS)],
                str(number) if r >= 14 else "",
                f"Cluster {number}: {bubble.size} member{'s' if bubble.size != 1 else ''}",
            )
        )
    lines = [
        Line(
            round(where[a][0], 1),
            round(where[a][1], 1),
            round(where[b][0], 1),
            round(where[b][1], 1),
            round(1 + 5 * count / most, 1),
            f"Clusters {a + 1} and {b + 1}: {count} intro{'s' if count != 1 else ''}",
        )
        for a, b, count in picture.links
        if a in where and b in where
    ]
    return Svg(WIDTH, HEIGHT, tuple(circles), tuple(lines))
