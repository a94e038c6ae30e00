"""The matching engine: a community and its history in, a few explained suggestions per member out.

Pure: no database, no Slack, no clock. The same inputs always give the same suggestions.
"""

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from bot import texts
from bot.matching.assign import assign
from bot.matching.by_documents import DocSides, need_doc, offer_doc
from bot.matching.by_tables import TableSides, tables_of
from bot.matching.candidates import Candidates
from bot.matching.hybrid import HybridScorer
from bot.matching.model import (
    Community,
    History,
    Kind,
    Limits,
    NeedDoc,
    OfferDoc,
    Person,
    ProjectDoc,
    Suggestion,
    pair,
)
from bot.matching.scorer import ConceptTextScorer, Found, Scorer
from bot.skills import label_for

CANDIDATES_PER_NEED = 8
CANDIDATES_PER_PROJECT = 8
CANDIDATES_PER_PROFILE = 8
INTEREST_FACTOR = 0.8  # overlapping interests count a little less than overlapping projects
LABELS_IN_REASON = 2

Sides = DocSides | TableSides


def suggest(
    community: Community, history: History, limits: Limits | None = None, scorer: Scorer | None = None
) -> dict[int, list[Suggestion]]:
    """Member id → that member's suggestions (at most `limits.per_member`), best first."""
    scorer = scorer or default_scorer(community)
    limits = limits or Limits()
    if limits.min_score is None:
        limits = replace(limits, min_score=scorer.threshold)
    people = {person.member_id: person for person in community.people}
    offer_rows = [row for row, offer in enumerate(community.offers) if offer.member_id in people]
    need_rows = [row for row, need in enumerate(community.needs) if need.member_id in people]
    project_rows = [row for row, project in enumerate(community.projects) if project.member_id in people]
    offers = [community.offers[row] for row in offer_rows]
    needs = [community.needs[row] for row in need_rows]
    projects = [community.projects[row] for row in project_rows]
    sides: Sides
    if isinstance(scorer, HybridScorer):  # by meaning: who members are and what they work on, as tables
        tables = community.tables or tables_of(community, scorer.index)
        sides = TableSides(scorer, community, tables, offer_rows, need_rows, project_rows)
    else:
        sides = DocSides(scorer, people, offers, needs, projects)

    capacity = {offer.entry_id: offer.capacity_left for offer in offers}
    # Millions of rows at scale, held only by assign() so they are gone as soon as it has its shortlist.
    chosen = assign(
        _candidates(sides, offers, needs, projects),
        people=people,
        history=history,
        limits=limits,
        capacity=capacity,
    )
    explain = _Reasons(people, offers, needs, projects)
    shared = _Shared(sides, offers, needs, projects)
    explained: dict[int, list[Suggestion]] = {}
    for member in list(chosen):  # each member's picks give way to their explained copies as it goes
        explained[member] = [explain(candidate, shared(candidate)) for candidate in chosen.pop(member)]
    return explained


def default_scorer(community: Community) -> Scorer:
    """Meaning and vocabulary together when the entries carry sentence vectors; the vocabulary alone when
    no embedding model is configured."""
    if community.embedder is None:
        return ConceptTextScorer()
    return HybridScorer(background=community.background)


def _candidates(
    sides: Sides, offers: list[OfferDoc], needs: list[NeedDoc], projects: list[ProjectDoc]
) -> Candidates:
    return Candidates.joined(
        [
            _help_candidates(sides.help(CANDIDATES_PER_NEED), needs, offers),
            _project_candidates(sides.projects_alike(CANDIDATES_PER_PROJECT), projects),
            _interest_candidates(*sides.interests(CANDIDATES_PER_PROFILE)),
        ]
    )


def _help_candidates(matches: Found, needs: list[NeedDoc], offers: list[OfferDoc]) -> Candidates:
    lefts, rights, score = matches
    asker = np.array([need.member_id for need in needs], dtype=np.int64)[lefts]
    need_id = np.array([need.entry_id for need in needs], dtype=np.int64)[lefts]
    shown = ~np.array([need.private for need in needs], dtype=bool)[lefts]
    helper = np.array([offer.member_id for offer in offers], dtype=np.int64)[rights]
    offer_id = np.array([offer.entry_id for offer in offers], dtype=np.int64)[rights]
    return Candidates.joined(
        [
            Candidates.of(asker, helper, Kind.CAN_HELP_YOU, score, need=need_id, offer=offer_id),
            # a private need is never the reason someone else is shown its owner
            Candidates.of(
                helper[shown],
                asker[shown],
                Kind.YOU_CAN_HELP,
                score[shown],
                need=need_id[shown],
                offer=offer_id[shown],
            ),
        ]
    )


def _project_candidates(matches: Found, projects: list[ProjectDoc]) -> Candidates:
    lefts, rights, score = matches
    owner = np.array([project.member_id for project in projects], dtype=np.int64)
    entry = np.array([project.entry_id for project in projects], dtype=np.int64)
    return Candidates.of(
        owner[lefts], owner[rights], Kind.KINDRED, score, project=entry[lefts], other_project=entry[rights]
    )


def _interest_candidates(members: list[int], matches: Found) -> Candidates:
    """Members whose interests, taken together, cover the same ground."""
    lefts, rights, score = matches
    ids = np.array(members, dtype=np.int64)
    return Candidates.of(ids[lefts], ids[rights], Kind.KINDRED, score * INTEREST_FACTOR)


class _Shared:
    """The skills a chosen suggestion's two sides both name, for its reason."""

    def __init__(
        self, sides: Sides, offers: list[OfferDoc], needs: list[NeedDoc], projects: list[ProjectDoc]
    ) -> None:
        self.sides = sides
        self.offer_row = {offer.entry_id: row for row, offer in enumerate(offers)}
        self.need_row = {need.entry_id: row for row, need in enumerate(needs)}
        self.project_row = {project.entry_id: row for row, project in enumerate(projects)}

    def __call__(self, candidate: Suggestion) -> tuple[str, ...]:
        if candidate.need_id is not None and candidate.offer_id is not None:
            return self.sides.shared_help(
                self.need_row[candidate.need_id], self.offer_row[candidate.offer_id]
            )
        if candidate.project_id is not None and candidate.other_project_id is not None:
            return self.sides.shared_projects(
                self.project_row[candidate.project_id], self.project_row[candidate.other_project_id]
            )
        return self.sides.shared_interests(candidate.recipient_id, candidate.other_id)


class _Reasons:
    """One sentence per suggestion, naming what overlaps; a private need only ever reaches its owner."""

    def __init__(
        self,
        people: dict[int, Person],
        offers: list[OfferDoc],
        needs: list[NeedDoc],
        projects: list[ProjectDoc],
    ) -> None:
        self.people = people
        self.offers = {offer.entry_id: offer for offer in offers}
        self.needs = {need.entry_id: need for need in needs}
        self.projects = {project.entry_id: project for project in projects}
        self.first_project: dict[int, str] = {}
        for project in sorted(projects, key=lambda p: p.entry_id):
            self.first_project.setdefault(project.member_id, project.name)

    def theme(self, member_id: int) -> str:
        """What a member works on, in their words: their first project, else the start of their bio."""
        return self.first_project.get(member_id) or self.people[member_id].bio

    def __call__(self, candidate: Suggestion, shared: tuple[str, ...]) -> Suggestion:
        """The candidate with the skills both sides name (`shared`), its shown score and its reason."""
        name = first_name(self.people[candidate.other_id].name)
        labels = [label_for(tag) for tag in shared[:LABELS_IN_REASON]]
        if candidate.kind == Kind.CAN_HELP_YOU:
            need, offer = self.needs[candidate.need_id or 0], self.offers[candidate.offer_id or 0]
            reason = texts.reason_can_help_you(need.description, name, offer.description, labels)
        elif candidate.kind == Kind.YOU_CAN_HELP:
            need, offer = self.needs[candidate.need_id or 0], self.offers[candidate.offer_id or 0]
            assert not need.private
            reason = texts.reason_you_can_help(name, need.description, offer.description, labels)
        elif candidate.project_id is not None and candidate.other_project_id is not None:
            mine, theirs = self.projects[candidate.project_id], self.projects[candidate.other_project_id]
            reason = texts.reason_kindred_projects(mine.name, name, theirs.name, labels)
        else:
            reason = texts.reason_kindred_interests(
                name, labels, self.theme(candidate.recipient_id), self.theme(candidate.other_id)
            )
        return replace(candidate, score=round(candidate.score, 2), reason=reason, shared=shared)


def first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def helpers_for(
    need: NeedDoc, community: Community, history: History, *, limit: int = 3, scorer: Scorer | None = None
) -> list[Suggestion]:
    """The best current helpers for one need (one per person), right after it is shared."""
    scorer = scorer or default_scorer(community)
    people = {person.member_id: person for person in community.people}
    offer_rows = [
        row
        for row, offer in enumerate(community.offers)
        if offer.member_id != need.member_id
        and offer.member_id in people
        and people[offer.member_id].suggestible
        and offer.capacity_left != 0
        and pair(need.member_id, offer.member_id) not in history.blocked
    ]
    offers = [community.offers[row] for row in offer_rows]
    if isinstance(scorer, HybridScorer):
        tables = community.tables or tables_of(community, scorer.index)
        sides = TableSides(scorer, community, tables, offer_rows, [], [])
        asking = sides.asking(need)
        matches = scorer.match_tables(
            asking, sides.offer_table, per_left=limit * 4, profiles=sides.profiles()
        )

        def shared(row: int) -> tuple[str, ...]:
            return scorer.shared_rows(asking, 0, sides.offer_table, row)
    else:
        need_document = need_doc(need)
        offer_docs = [offer_doc(offer, people[offer.member_id]) for offer in offers]
        matches = scorer.match([need_document], offer_docs, per_left=limit * 4)

        def shared(row: int) -> tuple[str, ...]:
            return scorer.shared(need_document, offer_docs[row])

    found: dict[int, Suggestion] = {}
    for match in matches:
        offer = offers[match.right]
        if match.score >= scorer.threshold and offer.member_id not in found:
            found[offer.member_id] = Suggestion(
                need.member_id,
                offer.member_id,
                Kind.CAN_HELP_YOU,
                round(match.score, 2),
                need.entry_id,
                offer.entry_id,
                shared=shared(match.right),
            )
    return list(found.values())[:limit]


def helpers_for_each(
    needs: Sequence[NeedDoc], community: Community, *, limit: int = 3, scorer: Scorer | None = None
) -> dict[int, list[tuple[int, int]]]:
    """`helpers_for` with no history (anyone may be named) for many needs of the community at once: need
    id → (member id, offer id) of its best helpers (one offer per person, best first, at most `limit`),
    from one match of all the needs against the offers, so the offers are read once however many needs are
    asked about (one at a time, 5,000 needs at 100,000 members took hours). Scores may differ from one need
    at a time in the last digits (the community's mean direction, and the vocabulary's word weights, count
    every need asked about) and, in a large community, the nearest offers come from the clustered index,
    as in a digest. Needs not in the community are left out."""
    scorer = scorer or default_scorer(community)
    people = {person.member_id: person for person in community.people}
    offer_rows = [
        row
        for row, offer in enumerate(community.offers)
        if offer.member_id in people and people[offer.member_id].suggestible and offer.capacity_left != 0
    ]
    offers = [community.offers[row] for row in offer_rows]
    loaded = {need.entry_id: row for row, need in enumerate(community.needs)}
    need_rows = list(dict.fromkeys(loaded[need.entry_id] for need in needs if need.entry_id in loaded))
    asking = [community.needs[row] for row in need_rows]
    sides: Sides
    if isinstance(scorer, HybridScorer):
        tables = community.tables or tables_of(community, scorer.index)
        sides = TableSides(scorer, community, tables, offer_rows, need_rows, [])
    else:
        sides = DocSides(scorer, people, offers, asking, [])
    lefts, rights, score = sides.help(limit * 4)  # the rows helpers_for looks at for each need
    found: dict[int, dict[int, int]] = {need.entry_id: {} for need in asking}
    for left, right, value in zip(lefts.tolist(), rights.tolist(), score.tolist(), strict=True):
        need, offer = asking[left], offers[right]
        helpers = found[need.entry_id]
        if value >= scorer.threshold and len(helpers) < limit and offer.member_id != need.member_id:
            helpers.setdefault(offer.member_id, offer.entry_id)
    return {need_id: list(helpers.items()) for need_id, helpers in found.items()}
