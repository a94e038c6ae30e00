"""The matching engine: a community and its history in, a few explained suggestions per member out.

Pure: no database, no Slack, no clock. The same inputs always give the same suggestions.
"""

from collections.abc import Sequence

from bot import texts
from bot.matching.assign import Candidate, assign
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
)
from bot.matching.scorer import ConceptTextScorer, Doc, Scorer
from bot.skills import label_for

CANDIDATES_PER_NEED = 12
CANDIDATES_PER_PROJECT = 8
CANDIDATES_PER_PROFILE = 8
INTEREST_FACTOR = 0.8  # overlapping interests count a little less than overlapping projects
LABELS_IN_REASON = 2


def suggest(
    community: Community, history: History, limits: Limits | None = None, scorer: Scorer | None = None
) -> dict[int, list[Suggestion]]:
    """Member id → that member's suggestions (at most `limits.per_member`), best first."""
    limits = limits or Limits()
    scorer = scorer or ConceptTextScorer()
    people = {person.member_id: person for person in community.people}
    offers = [offer for offer in community.offers if offer.member_id in people]
    needs = [need for need in community.needs if need.member_id in people]
    projects = [project for project in community.projects if project.member_id in people]

    candidates = [
        *_help_candidates(scorer, needs, offers),
        *_project_candidates(scorer, projects),
        *_interest_candidates(scorer, offers, projects),
    ]
    capacity = {offer.entry_id: offer.capacity_left for offer in offers}
    chosen = assign(candidates, people=people, history=history, limits=limits, capacity=capacity)
    explain = _Reasons(people, offers, needs, projects)
    return {member: [explain(candidate) for candidate in picks] for member, picks in chosen.items()}


def _help_candidates(scorer: Scorer, needs: Sequence[NeedDoc], offers: Sequence[OfferDoc]) -> list[Candidate]:
    left = [Doc(need.member_id, need.description, need.details, need.skills) for need in needs]
    right = [Doc(offer.member_id, offer.description, offer.details, offer.skills) for offer in offers]
    found: list[Candidate] = []
    for match in scorer.match(left, right, per_left=CANDIDATES_PER_NEED):
        need, offer = needs[match.left], offers[match.right]
        found.append(
            Candidate(
                need.member_id,
                offer.member_id,
                Kind.CAN_HELP_YOU,
                match.score,
                need_id=need.entry_id,
                offer_id=offer.entry_id,
                shared=match.shared,
            )
        )
        if not need.private:  # a private need is never the reason someone else is shown its owner
            found.append(
                Candidate(
                    offer.member_id,
                    need.member_id,
                    Kind.YOU_CAN_HELP,
                    match.score,
                    need_id=need.entry_id,
                    offer_id=offer.entry_id,
                    shared=match.shared,
                )
            )
    return found


def _project_candidates(scorer: Scorer, projects: Sequence[ProjectDoc]) -> list[Candidate]:
    docs = [
        Doc(project.member_id, f"{project.name}. {project.description}", project.help_wanted, project.skills)
        for project in projects
    ]
    return [
        Candidate(
            projects[match.left].member_id,
            projects[match.right].member_id,
            Kind.KINDRED,
            match.score,
            project_id=projects[match.left].entry_id,
            other_project_id=projects[match.right].entry_id,
            shared=match.shared,
        )
        for match in scorer.match(docs, docs, per_left=CANDIDATES_PER_PROJECT)
    ]


def _interest_candidates(
    scorer: Scorer, offers: Sequence[OfferDoc], projects: Sequence[ProjectDoc]
) -> list[Candidate]:
    """Members whose offers and projects, taken together, cover the same ground."""
    texts_by_member: dict[int, list[str]] = {}
    tags_by_member: dict[int, list[str]] = {}
    for member_id, text, tags in [
        *((offer.member_id, offer.description, offer.skills) for offer in offers),
        *((project.member_id, project.name, project.skills) for project in projects),
    ]:
        texts_by_member.setdefault(member_id, []).append(text)
        tags_by_member.setdefault(member_id, []).extend(tags)
    members = sorted(texts_by_member)
    docs = [
        Doc(member, ". ".join(texts_by_member[member]), "", tuple(tags_by_member[member]))
        for member in members
    ]
    return [
        Candidate(
            members[match.left],
            members[match.right],
            Kind.KINDRED,
            match.score * INTEREST_FACTOR,
            shared=match.shared,
        )
        for match in scorer.match(docs, docs, per_left=CANDIDATES_PER_PROFILE)
    ]


class _Reasons:
    """One sentence per suggestion, naming what overlaps; a private need only ever reaches its owner."""

    def __init__(
        self,
        people: dict[int, Person],
        offers: Sequence[OfferDoc],
        needs: Sequence[NeedDoc],
        projects: Sequence[ProjectDoc],
    ) -> None:
        self.people = people
        self.offers = {offer.entry_id: offer for offer in offers}
        self.needs = {need.entry_id: need for need in needs}
        self.projects = {project.entry_id: project for project in projects}

    def __call__(self, candidate: Candidate) -> Suggestion:
        name = first_name(self.people[candidate.other_id].name)
        labels = [label_for(tag) for tag in candidate.shared[:LABELS_IN_REASON]]
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
            reason = texts.reason_kindred_interests(name, labels)
        return Suggestion(
            recipient_id=candidate.recipient_id,
            other_id=candidate.other_id,
            kind=candidate.kind,
            score=round(candidate.score, 2),
            reason=reason,
            need_id=candidate.need_id,
            offer_id=candidate.offer_id,
            project_id=candidate.project_id,
            other_project_id=candidate.other_project_id,
            shared=candidate.shared,
        )


def first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name
