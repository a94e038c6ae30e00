"""Choosing each member's few suggestions fairly.

Suggestions that break a rule are dropped first: yourself; someone who may not be suggested (paused, left,
digests off); a pair already introduced, with an intro pending, declined, judged not a fit or dismissed;
a pair suggested in the last four weeks; a score below the minimum.
Then suggestions are handed out in rounds: every member gets their best remaining candidate before anyone
gets a second, members with the fewest candidates choosing first. A helper for one of the member's own
open needs comes before anything else, one need at a time: nobody with an answerable need goes without.
Nobody appears in more than `limits.appearances` digests, an offer is not suggested beyond its monthly
capacity, people who already know each other count for less (weak ties bring new information), someone
already suggested often counts a little less (spread across the community), and a second suggestion of the
same kind, or a second helper for the same need, counts a little less (variety).
Every tie is broken by ids, so the same data always gives the same digests.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from bot.matching.candidates import KIND_FACTOR, KINDS, NONE, Candidates, shortlist
from bot.matching.model import History, Kind, Limits, Person, Suggestion

REPEATED_KIND_FACTOR = 0.7  # a second suggestion of the same kind (or for the same need)
SPREAD_PENALTY = 0.04
UNCOVERED_NEED_BONUS = 1.0  # above any score: help with a need nobody was suggested for yet comes first


def assign(
    candidates: Iterable[Suggestion] | Candidates,
    *,
    people: Mapping[int, Person],
    history: History,
    limits: Limits,
    capacity: Mapping[int, int | None],
) -> dict[int, list[Suggestion]]:
    """Each receiving member's chosen candidates, best first."""
    if not isinstance(candidates, Candidates):
        candidates = Candidates.from_suggestions(list(candidates))
    options = shortlist(candidates, people=people, history=history, limits=limits)
    del candidates  # the caller holds no other reference: millions of rows at scale go now
    listed, ranges = options.candidates, options.ranges
    order = sorted(ranges, key=lambda member: (len(ranges[member]), people[member].user_id))

    appearances: Counter[int] = Counter()
    room = dict(capacity)
    chosen: dict[int, list[int]] = defaultdict(list)  # rows of `listed`
    # First every open need gets a helper, while helpers still have room; then the other slots fill up.
    # Within a phase, what is available only shrinks (appearances and taken slots grow, rooms fill), so a
    # member with nothing left to pick is not asked again until the next phase.
    helping = set(listed.recipient[listed.kind == KINDS.index(Kind.CAN_HELP_YOU)].tolist())
    for needs_only in (True, False):
        exhausted: set[int] = set() if not needs_only else set(ranges) - helping
        for _ in range(limits.per_member):
            for recipient in order:
                if len(chosen[recipient]) >= limits.per_member or recipient in exhausted:
                    continue
                pick = _best_available(
                    _Listed(listed, ranges[recipient]),
                    _Listed(listed, chosen[recipient]),
                    appearances,
                    room,
                    limits,
                    needs_only=needs_only,
                )
                if pick is None:
                    exhausted.add(recipient)
                    continue
                chosen[recipient].append(pick)
                other, offer = int(listed.other[pick]), int(listed.offer[pick])
                appearances[other] += 1
                if (
                    KINDS[listed.kind[pick]] == Kind.CAN_HELP_YOU
                    and offer != NONE
                    and room.get(offer) is not None
                ):
                    room[offer] = max(0, (room[offer] or 0) - 1)
    return {
        member: sorted((listed.suggestion(row) for row in rows), key=lambda c: -c.score)
        for member, rows in chosen.items()
        if rows
    }


class _Listed:
    """Some rows of the options, read as plain Python values (a handful at a time)."""

    def __init__(self, listed: Candidates, rows: range | list[int]) -> None:
        self.rows = rows
        where = slice(rows.start, rows.stop) if isinstance(rows, range) else rows  # a slice is a view
        self.other = listed.other[where].tolist()
        self.kind = [KINDS[kind] for kind in listed.kind[where].tolist()]
        self.score = listed.score[where].tolist()
        self.need = listed.need[where].tolist()
        self.offer = listed.offer[where].tolist()


def _best_available(
    listed: _Listed,
    taken: _Listed,
    appearances: Counter[int],
    room: Mapping[int, int | None],
    limits: Limits,
    *,
    needs_only: bool = False,
) -> int | None:
    """The row of the most valuable candidate still available; with `needs_only`, only help with a need
    not yet covered."""
    kinds = set(taken.kind)
    needs = {need for need, kind in zip(taken.need, taken.kind, strict=True) if kind == Kind.CAN_HELP_YOU}
    others = set(taken.other)
    best, best_value = None, 0.0
    for k, row in enumerate(listed.rows):
        kind, other, need, offer = listed.kind[k], listed.other[k], listed.need[k], listed.offer[k]
        if needs_only and (kind != Kind.CAN_HELP_YOU or need in needs):
            continue
        if other in others or appearances[other] >= limits.appearances:
            continue
        if kind == Kind.CAN_HELP_YOU and offer != NONE and room.get(offer) == 0:
            continue
        value = listed.score[k] * KIND_FACTOR[kind] * (1 - SPREAD_PENALTY * appearances[other])
        if kind == Kind.CAN_HELP_YOU and need not in needs:
            value += UNCOVERED_NEED_BONUS
        elif kind == Kind.CAN_HELP_YOU or kind in kinds:
            value *= REPEATED_KIND_FACTOR
        if best is None or value > best_value:
            best, best_value = row, value
    return best
