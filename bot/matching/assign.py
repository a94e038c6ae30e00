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
from dataclasses import replace

from bot.matching.model import History, Kind, Limits, Person, Suggestion, pair

CONNECTED_FACTOR = 0.5
REPEATED_KIND_FACTOR = 0.7  # a second suggestion of the same kind (or for the same need)
SPREAD_PENALTY = 0.04
# Help for a need the member asked about comes first; giving help and kindred spirits follow closely.
KIND_FACTOR = {Kind.CAN_HELP_YOU: 1.0, Kind.YOU_CAN_HELP: 0.9, Kind.KINDRED: 0.85}
KIND_ORDER = {Kind.CAN_HELP_YOU: 0, Kind.YOU_CAN_HELP: 1, Kind.KINDRED: 2}
OPTIONS_KEPT = 20
UNCOVERED_NEED_BONUS = 1.0  # above any score: help with a need nobody was suggested for yet comes first


def assign(
    candidates: Iterable[Suggestion],
    *,
    people: Mapping[int, Person],
    history: History,
    limits: Limits,
    capacity: Mapping[int, int | None],
) -> dict[int, list[Suggestion]]:
    """Each receiving member's chosen candidates, best first."""
    options = _best_per_pair(_allowed(candidates, people, history, limits), history)
    by_recipient: dict[int, list[Suggestion]] = defaultdict(list)
    for candidate in options:
        by_recipient[candidate.recipient_id].append(candidate)
    for listed in by_recipient.values():
        listed.sort(key=lambda c: (*_preference(c), people[c.other_id].user_id))
        del listed[OPTIONS_KEPT:]  # deeper options are only reached when caps bite; 20 is plenty
    order = sorted(by_recipient, key=lambda member: (len(by_recipient[member]), people[member].user_id))

    appearances: Counter[int] = Counter()
    room = dict(capacity)
    chosen: dict[int, list[Suggestion]] = defaultdict(list)
    # First every open need gets a helper, while helpers still have room; then the other slots fill up.
    for needs_only in (True, False):
        for _ in range(limits.per_member):
            for recipient in order:
                if len(chosen[recipient]) >= limits.per_member:
                    continue
                pick = _best_available(
                    by_recipient[recipient],
                    chosen[recipient],
                    appearances,
                    room,
                    limits,
                    needs_only=needs_only,
                )
                if pick is None:
                    continue
                chosen[recipient].append(pick)
                appearances[pick.other_id] += 1
                if (
                    pick.kind == Kind.CAN_HELP_YOU
                    and pick.offer_id is not None
                    and room.get(pick.offer_id) is not None
                ):
                    room[pick.offer_id] = max(0, (room[pick.offer_id] or 0) - 1)
    return {member: sorted(picks, key=lambda c: -c.score) for member, picks in chosen.items() if picks}


def _allowed(
    candidates: Iterable[Suggestion], people: Mapping[int, Person], history: History, limits: Limits
) -> Iterable[Suggestion]:
    for candidate in candidates:
        recipient, other = people.get(candidate.recipient_id), people.get(candidate.other_id)
        if recipient is None or other is None or recipient.member_id == other.member_id:
            continue
        if not recipient.receives or not other.suggestible:
            continue
        together = pair(recipient.member_id, other.member_id)
        if together in history.blocked or together in history.recent:
            continue
        if candidate.score >= (limits.min_score or 0.0):
            yield candidate


def _best_per_pair(candidates: Iterable[Suggestion], history: History) -> list[Suggestion]:
    """One candidate per (recipient, other): the best reason to meet (weaker if they know each other)."""
    best: dict[tuple[int, int], Suggestion] = {}
    for found in candidates:
        candidate = found
        if pair(found.recipient_id, found.other_id) in history.connected:
            candidate = replace(found, score=found.score * CONNECTED_FACTOR)
        key = (candidate.recipient_id, candidate.other_id)
        current = best.get(key)
        if current is None or _preference(candidate) < _preference(current):
            best[key] = candidate
    return list(best.values())


def _preference(candidate: Suggestion) -> tuple[int, float, int]:
    """Lower is better: help with the member's own need, then the weighted score, then the kind."""
    own_need = 0 if candidate.kind == Kind.CAN_HELP_YOU else 1
    return own_need, -candidate.score * KIND_FACTOR[candidate.kind], KIND_ORDER[candidate.kind]


def _best_available(
    listed: list[Suggestion],
    taken: list[Suggestion],
    appearances: Counter[int],
    room: Mapping[int, int | None],
    limits: Limits,
    *,
    needs_only: bool = False,
) -> Suggestion | None:
    """The most valuable candidate still available; with `needs_only`, only help with a need not yet
    covered."""
    kinds = {c.kind for c in taken}
    needs = {c.need_id for c in taken if c.kind == Kind.CAN_HELP_YOU}
    others = {c.other_id for c in taken}
    best, best_value = None, 0.0
    for candidate in listed:
        if needs_only and (candidate.kind != Kind.CAN_HELP_YOU or candidate.need_id in needs):
            continue
        if candidate.other_id in others or appearances[candidate.other_id] >= limits.appearances:
            continue
        if (
            candidate.kind == Kind.CAN_HELP_YOU
            and candidate.offer_id is not None
            and room.get(candidate.offer_id) == 0
        ):
            continue
        value = (
            candidate.score
            * KIND_FACTOR[candidate.kind]
            * (1 - SPREAD_PENALTY * appearances[candidate.other_id])
        )
        if candidate.kind == Kind.CAN_HELP_YOU and candidate.need_id not in needs:
            value += UNCOVERED_NEED_BONUS
        elif candidate.kind == Kind.CAN_HELP_YOU or candidate.kind in kinds:
            value *= REPEATED_KIND_FACTOR
        if best is None or value > best_value:
            best, best_value = candidate, value
    return best
