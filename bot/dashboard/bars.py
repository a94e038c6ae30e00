"""Supply and demand as horizontal bars, drawn on the server as SVG: for each theme, a bar of what members
offer and, under it, a bar of what they need, its gaps (needs no offer answers) in a colour of their own.

Not uPlot: it draws series along an x axis on a canvas, and bars across named categories would take its
rotated orientation, a bars path builder and a script of our own to place the names, for a picture that
never changes once drawn. A few rectangles of SVG show the same without JavaScript, print, carry a <title>
a screen reader reads, and need no inline script or style (colours come from style.css by class), like the
network picture."""

from collections.abc import Sequence
from dataclasses import dataclass

from bot.dashboard import texts
from bot.stats import service as stats

WIDTH = 800
LABELS = 180  # room for the theme names, left of the bars
NUMBERS = 190  # room for the counts, right of the longest bar
ROW = 44  # one theme: two bars and the space under them
BAR = 15
TOP = 6
SHORTEST = 2  # a bar for one entry among thousands is still seen


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    kind: str  # offers, needs (answered) or gaps: its colour, by class
    title: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    kind: str  # theme (a name, right-aligned) or count


@dataclass(frozen=True)
class Bars:
    width: int
    height: int
    bar: int
    rects: tuple[Rect, ...]
    texts: tuple[Text, ...]


def bars_of(themes: Sequence[stats.Theme]) -> Bars:
    most = max((max(theme.offers, theme.needs) for theme in themes), default=0) or 1
    scale = (WIDTH - LABELS - NUMBERS) / most
    rects: list[Rect] = []
    words: list[Text] = []
    for row, theme in enumerate(themes):
        top = TOP + row * ROW
        under = top + BAR + 2
        answered = theme.needs - theme.gaps
        words.append(Text(LABELS - 10, top + BAR + 1, theme.name, "theme"))
        end = _rect(
            rects,
            LABELS,
            top,
            theme.offers * scale,
            "offers",
            f"{theme.name}: {texts.offers_count(theme.offers)}",
        )
        words.append(Text(end + 6, top + BAR - 3, texts.offers_count(theme.offers), "count"))
        middle = _rect(
            rects, LABELS, under, answered * scale, "needs", f"{theme.name}: {texts.answered_count(answered)}"
        )
        end = _rect(
            rects, middle, under, theme.gaps * scale, "gaps", f"{theme.name}: {texts.gap_count(theme.gaps)}"
        )
        words.append(Text(end + 6, under + BAR - 3, texts.needs_count(theme.needs, theme.gaps), "count"))
    return Bars(WIDTH, TOP * 2 + ROW * len(themes), BAR, tuple(rects), tuple(words))


def _rect(rects: list[Rect], x: float, y: float, width: float, kind: str, title: str) -> float:
    """Adds a bar (none for nothing) and returns where it ends."""
    if width <= 0:
        return x
    width = max(SHORTEST, width)
    rects.append(Rect(round(x, 1), y, round(width, 1), kind, title))
    return x + width
