"""The matching engine: a community and its history in, a few explained suggestions per member out.

Pure: no database, no Slack, no clock. The same inputs always give the same suggestions.
"""

from dataclasses import dataclass, replace

from bot import texts
from bot.matching.assign import assign
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
from bot.matching.scorer import ConceptTextScorer, Doc, Scorer
from bot.skills import label_for

CANDIDATES_PER_NEED = 8
CANDIDATES_PER_PROJECT = 8
CANDIDATES_PER_PROFILE = 8
INTEREST_FACTOR = 0.8  # overlapping interests count a little less than overlapping projects
LABELS_IN_REASON = 2


@dataclass(frozen=True)
class _Docs:
    """Each entry as the scorer reads it, and each member's interests (their offers and projects)."""

    needs: dict[int, Doc]
    offers: dict[int, Doc]
    projects: dict[int, Doc]
    interests: dict[int, Doc]


def suggest(
    community: Community, history: History, limits: Limits | None = None, scorer: Scorer | None = None
) -> dict[int, list[Suggestion]]:
    """Member id → that member's suggestions (at most `limits.per_member`), best first."""
    scorer = scorer or default_scorer(community)
    limits = limits or Limits()
    if limits.min_score is None:
        limits = replace(limits, min_score=scorer.threshold)
    people = {person.member_id: person for person in community.people}
    offers = [offer for offer in community.offers if offer.member_id in people]
    needs = [need for need in community.needs if need.member_id in people]
    projects = [project for project in community.projects if project.member_id in people]
    docs = _documents(offers, needs, projects, people, by_theme=isinstance(scorer, HybridScorer))

    candidates = [
        *_help_candidates(scorer, docs, needs, offers),
        *_project_candidates(scorer, docs, projects),
        *_interest_candidates(scorer, docs),
    ]
    capacity = {offer.entry_id: offer.capacity_left for offer in offers}
    chosen = assign(candidates, people=people, history=history, limits=limits, capacity=capacity)
    explain = _Reasons(people, offers, needs, projects)
    return {
        member: [explain(replace(candidate, shared=_shared(scorer, docs, candidate))) for candidate in picks]
        for member, picks in chosen.items()
    }


def default_scorer(community: Community) -> Scorer:
    """Meaning and vocabulary together when the entries carry sentence vectors; the vocabulary alone when
    no embedding model is configured."""
    if community.embedder is None:
        return ConceptTextScorer()
    return HybridScorer(background=community.background)


def _documents(
    offers: list[OfferDoc],
    needs: list[NeedDoc],
    projects: list[ProjectDoc],
    people: dict[int, Person],
    *,
    by_theme: bool = False,
) -> _Docs:
    offer_docs = {o.entry_id: _offer_doc(o, people[o.member_id]) for o in offers}
    need_docs = {n.entry_id: _need_doc(n) for n in needs}
    project_docs = {
        p.entry_id: Doc(
            p.member_id,
            f"{p.name}. {p.description}",
            p.help_wanted,
            p.skills,
            vector=p.vector,
            analysis=p.analysis,
        )
        for p in projects
    }
    parts: dict[int, list[Doc]] = {}
    if by_theme:  # what members work on and who they are: the same theme through different crafts
        for person in people.values():
            if person.bio or person.vector is not None:
                parts.setdefault(person.member_id, []).append(
                    Doc(person.member_id, details=person.bio, vector=person.vector, analysis=person.analysis)
                )
    else:  # the vocabulary alone: what members offer and work on
        for entry_id, offer in ((o.entry_id, o) for o in offers):
            parts.setdefault(offer.member_id, []).append(offer_docs[entry_id])
    for entry_id, project in ((p.entry_id, p) for p in projects):
        parts.setdefault(project.member_id, []).append(project_docs[entry_id])
    interests = {member: Doc(member, parts=tuple(found)) for member, found in sorted(parts.items())}
    return _Docs(needs=need_docs, offers=offer_docs, projects=project_docs, interests=interests)


def _need_doc(need: NeedDoc) -> Doc:
    return Doc(
        need.member_id,
        need.description,
        need.details,
        need.skills,
        vector=need.vector,
        analysis=need.analysis,
    )


def _offer_doc(offer: OfferDoc, owner: Person) -> Doc:
    return Doc(
        offer.member_id,
        offer.description,
        offer.details,
        offer.skills,
        vector=offer.vector,
        profile=owner.vector,
        analysis=offer.analysis,
    )


def _help_candidates(
    scorer: Scorer, docs: _Docs, needs: list[NeedDoc], offers: list[OfferDoc]
) -> list[Suggestion]:
    left = [docs.needs[need.entry_id] for need in needs]
    right = [docs.offers[offer.entry_id] for offer in offers]
    found: list[Suggestion] = []
    for match in scorer.match(left, right, per_left=CANDIDATES_PER_NEED):
        need, offer = needs[match.left], offers[match.right]
        asker, helper, score = need.member_id, offer.member_id, match.score
        found.append(Suggestion(asker, helper, Kind.CAN_HELP_YOU, score, need.entry_id, offer.entry_id))
        if not need.private:  # a private need is never the reason someone else is shown its owner
            found.append(Suggestion(helper, asker, Kind.YOU_CAN_HELP, score, need.entry_id, offer.entry_id))
    return found


def _project_candidates(scorer: Scorer, docs: _Docs, projects: list[ProjectDoc]) -> list[Suggestion]:
    listed = [docs.projects[project.entry_id] for project in projects]
    return [
        Suggestion(
            projects[match.left].member_id,
            projects[match.right].member_id,
            Kind.KINDRED,
            match.score,
            project_id=projects[match.left].entry_id,
            other_project_id=projects[match.right].entry_id,
        )
        for match in scorer.match(listed, listed, per_left=CANDIDATES_PER_PROJECT)
    ]


def _interest_candidates(scorer: Scorer, docs: _Docs) -> list[Suggestion]:
    """Members whose offers and projects, taken together, cover the same ground."""
    members = list(docs.interests)
    listed = [docs.interests[member] for member in members]
    return [
        Suggestion(members[match.left], members[match.right], Kind.KINDRED, match.score * INTEREST_FACTOR)
        for match in scorer.match(listed, listed, per_left=CANDIDATES_PER_PROFILE)
    ]


def _shared(scorer: Scorer, docs: _Docs, candidate: Suggestion) -> tuple[str, ...]:
    if candidate.need_id is not None and candidate.offer_id is not None:
        return scorer.shared(docs.needs[candidate.need_id], docs.offers[candidate.offer_id])
    if candidate.project_id is not None and candidate.other_project_id is not None:
        return scorer.shared(docs.projects[candidate.project_id], docs.projects[candidate.other_project_id])
    return scorer.shared(docs.interests[candidate.recipient_id], docs.interests[candidate.other_id])


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

    def __call__(self, candidate: Suggestion) -> Suggestion:
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
            reason = texts.reason_kindred_interests(
                name, labels, self.theme(candidate.recipient_id), self.theme(candidate.other_id)
            )
        return replace(candidate, score=round(candidate.score, 2), reason=reason)


def first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def helpers_for(
    need: NeedDoc, community: Community, history: History, *, limit: int = 3, scorer: Scorer | None = None
) -> list[Suggestion]:
    """The best current helpers for one need (one per person), right after it is shared."""
    scorer = scorer or default_scorer(community)
    people = {person.member_id: person for person in community.people}
    offers = [
        offer
        for offer in community.offers
        if offer.member_id != need.member_id
        and offer.member_id in people
        and people[offer.member_id].suggestible
        and offer.capacity_left != 0
        and pair(need.member_id, offer.member_id) not in history.blocked
    ]
    need_doc = _need_doc(need)
    offer_docs = [_offer_doc(offer, people[offer.member_id]) for offer in offers]
    found: dict[int, Suggestion] = {}
    for match in scorer.match([need_doc], offer_docs, per_left=limit * 4):
        offer = offers[match.right]
        if match.score >= scorer.threshold and offer.member_id not in found:
            shared = scorer.shared(need_doc, offer_docs[match.right])
            found[offer.member_id] = Suggestion(
                need.member_id,
                offer.member_id,
                Kind.CAN_HELP_YOU,
                round(match.score, 2),
                need.entry_id,
                offer.entry_id,
                shared=shared,
            )
    return list(found.values())[:limit]
