"""Candidate suggestions as columns, and the shortlist each member chooses from.

A community of 100,000 members has millions of candidate pairs. They stay arrays until the rules have
dropped what may never be suggested and each member's list is cut to the `OPTIONS_KEPT` most valuable:
only those become `Suggestion` objects for the rounds in assign.py.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from bot.matching.model import History, Kind, Limits, Pair, Person, Suggestion

CONNECTED_FACTOR = 0.5  # people who already know each other count for less (weak ties bring news)
OPTIONS_KEPT = 20  # deeper options are only reached when caps bite
RECIPIENT_BLOCK = 262_144  # candidates shortlisted at once
# Help for a need the member asked about comes first; giving help and kindred spirits follow closely.
KIND_FACTOR = {Kind.CAN_HELP_YOU: 1.0, Kind.YOU_CAN_HELP: 0.9, Kind.KINDRED: 0.85}
KIND_ORDER = {Kind.CAN_HELP_YOU: 0, Kind.YOU_CAN_HELP: 1, Kind.KINDRED: 2}
KINDS = tuple(Kind)
NONE = -1  # no need, offer or project
ID = np.int32  # member and entry ids: rows of their tables, far below 2**31


@dataclass(frozen=True, eq=False)
class Candidates:
    """One row per candidate: who would see whom, of which kind (an index into KINDS), how well they fit
    (rounded to 4 places, as shown), and the entries behind it (NONE where there is none)."""

    recipient: np.ndarray
    other: np.ndarray
    kind: np.ndarray
    score: np.ndarray
    need: np.ndarray
    offer: np.ndarray
    project: np.ndarray
    other_project: np.ndarray

    @classmethod
    def of(
        cls,
        recipient: Sequence[int] | np.ndarray,
        other: Sequence[int] | np.ndarray,
        kind: Kind,
        score: Sequence[float] | np.ndarray,
        *,
        need: np.ndarray | None = None,
        offer: np.ndarray | None = None,
        project: np.ndarray | None = None,
        other_project: np.ndarray | None = None,
    ) -> "Candidates":
        count = len(recipient)
        none = np.full(count, NONE, dtype=ID)
        return cls(
            np.asarray(recipient, dtype=ID),
            np.asarray(other, dtype=ID),
            np.full(count, KINDS.index(kind), dtype=np.int8),
            np.asarray(score, dtype=np.float64),
            none if need is None else np.asarray(need, dtype=ID),
            none if offer is None else np.asarray(offer, dtype=ID),
            none if project is None else np.asarray(project, dtype=ID),
            none if other_project is None else np.asarray(other_project, dtype=ID),
        )

    @classmethod
    def joined(cls, parts: Sequence["Candidates"]) -> "Candidates":
        if not parts:
            return cls.of([], [], Kind.KINDRED, [])
        return cls(*(np.concatenate([getattr(part, name) for part in parts]) for name in _COLUMNS))

    @classmethod
    def from_suggestions(cls, suggestions: Sequence[Suggestion]) -> "Candidates":
        def ids(name: str) -> np.ndarray:
            return np.array(
                [NONE if (value := getattr(s, name)) is None else value for s in suggestions], dtype=ID
            )

        return cls(
            np.array([s.recipient_id for s in suggestions], dtype=ID),
            np.array([s.other_id for s in suggestions], dtype=ID),
            np.array([KINDS.index(s.kind) for s in suggestions], dtype=np.int8),
            np.array([s.score for s in suggestions], dtype=np.float64),
            ids("need_id"),
            ids("offer_id"),
            ids("project_id"),
            ids("other_project_id"),
        )

    def __len__(self) -> int:
        return len(self.recipient)

    def take(self, rows: np.ndarray) -> "Candidates":
        return Candidates(*(getattr(self, name)[rows] for name in _COLUMNS))

    def suggestion(self, row: int) -> Suggestion:
        def entry(column: np.ndarray) -> int | None:
            value = int(column[row])
            return None if value == NONE else value

        return Suggestion(
            int(self.recipient[row]),
            int(self.other[row]),
            KINDS[int(self.kind[row])],
            float(self.score[row]),
            need_id=entry(self.need),
            offer_id=entry(self.offer),
            project_id=entry(self.project),
            other_project_id=entry(self.other_project),
        )


_COLUMNS = ("recipient", "other", "kind", "score", "need", "offer", "project", "other_project")


def shortlist(
    candidates: Candidates, *, people: Mapping[int, Person], history: History, limits: Limits
) -> "Options":
    """Each receiving member's options, most valuable first, at most `OPTIONS_KEPT`. Dropped first:
    yourself; someone who may not be suggested (paused, left, digests off) or a recipient not due; a pair
    introduced, pending, declined, judged not a fit or dismissed; a pair suggested in the last four weeks;
    a score below the minimum. Then one candidate per pair: the best reason to meet (weaker if they know
    each other), the first found where two are equally good. Worked out `RECIPIENT_BLOCK` candidates'
    recipients at a time, so the arrays it sorts stay small."""
    rules = _Rules(people, history)
    usable = np.flatnonzero(candidates.score >= (limits.min_score or 0.0))
    by_recipient = usable[np.argsort(candidates.recipient[usable], kind="stable")]  # found order kept
    recipients = candidates.recipient[by_recipient]
    parts: list[Candidates] = []
    start = 0
    while start < len(by_recipient):
        stop = min(start + RECIPIENT_BLOCK, len(by_recipient))
        while stop < len(by_recipient) and recipients[stop] == recipients[stop - 1]:
            stop += 1  # a recipient's candidates stay together
        parts.append(_shortlisted(candidates.take(by_recipient[start:stop]), rules))
        start = stop
    return Options.of(Candidates.joined(parts))


class _Rules:
    """Who may see whom this period, as arrays by member (`members` sorted)."""

    def __init__(self, people: Mapping[int, Person], history: History) -> None:
        self.members = np.array(sorted(people), dtype=np.int64)
        self.receives = np.array([people[m].receives for m in self.members.tolist()], dtype=bool)
        self.suggestible = np.array([people[m].suggestible for m in self.members.tolist()], dtype=bool)
        by_user_id = {m: rank for rank, m in enumerate(sorted(people, key=lambda m: people[m].user_id))}
        # the order of each member's Slack user id: the last tie-break
        self.user_rank = np.array([by_user_id[m] for m in self.members.tolist()], dtype=np.int64)
        self.excluded = _keys_of(history.blocked | history.recent)  # pairs never to suggest now
        self.connected = _keys_of(history.connected)  # people who already know each other


def _shortlisted(candidates: Candidates, rules: _Rules) -> Candidates:
    """`shortlist` for some recipients' candidates (all of each recipient's, in the order found)."""
    members, receives, suggestible, user_rank = (
        rules.members,
        rules.receives,
        rules.suggestible,
        rules.user_rank,
    )
    recipient, other = _dense(members, candidates.recipient), _dense(members, candidates.other)
    known = (recipient >= 0) & (other >= 0)
    keep = known & (candidates.recipient != candidates.other)
    keep[known] &= receives[recipient[known]] & suggestible[other[known]]
    keys = _pair_keys(candidates.recipient, candidates.other)
    keep &= ~np.isin(keys, rules.excluded)
    rows = np.flatnonzero(keep)
    if not len(rows):
        return candidates.take(rows)

    connected = np.isin(keys[rows], rules.connected)
    kind_factor = np.array([KIND_FACTOR[kind] for kind in KINDS])[candidates.kind[rows]]
    kind_order = np.array([KIND_ORDER[kind] for kind in KINDS])[candidates.kind[rows]]
    own_need = (candidates.kind[rows] != KINDS.index(Kind.CAN_HELP_YOU)).astype(np.int64)
    score = candidates.score[rows] * np.where(connected, CONNECTED_FACTOR, 1.0)
    value = -score * kind_factor
    pair_order = np.lexsort(
        (rows, kind_order, value, own_need, candidates.other[rows], candidates.recipient[rows])
    )
    ordered = rows[pair_order]
    first = np.r_[
        True, (np.diff(candidates.recipient[ordered]) != 0) | (np.diff(candidates.other[ordered]) != 0)
    ]
    best = pair_order[first]  # positions in `rows` of each pair's best candidate

    chosen = rows[best]
    rank = np.lexsort(
        (
            user_rank[other[chosen]],
            kind_order[best],
            value[best],
            own_need[best],
            candidates.recipient[chosen],
        )
    )
    chosen, connected_chosen = chosen[rank], connected[best][rank]
    start = np.r_[True, np.diff(candidates.recipient[chosen]) != 0]
    group_start = np.maximum.accumulate(np.where(start, np.arange(len(chosen)), 0))
    kept = (np.arange(len(chosen)) - group_start) < OPTIONS_KEPT

    rows, weaker = chosen[kept], connected_chosen[kept]
    options = candidates.take(rows)
    score = np.where(weaker, options.score * CONNECTED_FACTOR, options.score)
    return Candidates(*(score if name == "score" else getattr(options, name) for name in _COLUMNS))


@dataclass(frozen=True, eq=False)
class Options:
    """Each receiving member's options, most valuable first: rows `ranges[member]` of `candidates`."""

    candidates: Candidates
    ranges: dict[int, range]

    @classmethod
    def of(cls, candidates: Candidates) -> "Options":
        recipients = candidates.recipient
        if not len(recipients):
            return cls(candidates, {})
        starts = np.flatnonzero(np.r_[True, np.diff(recipients) != 0])
        stops = np.r_[starts[1:], len(recipients)]
        return cls(
            candidates,
            {
                int(recipients[start]): range(int(start), int(stop))
                for start, stop in zip(starts.tolist(), stops.tolist(), strict=True)
            },
        )


def _dense(members: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Each id's position in the sorted `members`, or -1 for an id that is not a member."""
    if not len(members):
        return np.full(len(ids), -1, dtype=np.int64)
    position = np.searchsorted(members, ids)
    inside = position < len(members)
    found = np.full(len(ids), -1, dtype=np.int64)
    found[inside] = np.where(members[position[inside]] == ids[inside], position[inside], -1)
    return found


def _pair_keys(one: np.ndarray, other: np.ndarray) -> np.ndarray:
    low, high = np.minimum(one, other).astype(np.int64), np.maximum(one, other).astype(np.int64)
    keys: np.ndarray = low * (1 << 31) + high
    return keys


def _keys_of(pairs: frozenset[Pair]) -> np.ndarray:
    listed = [sorted(found) for found in pairs if len(found) == 2]
    if not listed:
        return np.empty(0, dtype=np.int64)
    both = np.array(listed, dtype=np.int64)
    return _pair_keys(both[:, 0], both[:, 1])
