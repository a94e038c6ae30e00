"""The vocabulary-only matcher's view of a community: one `Doc` per entry (scorer.py), and each member's
interests as the offers and projects they are made of."""

from collections.abc import Sequence
from dataclasses import dataclass

from bot.matching.model import NeedDoc, OfferDoc, Person, ProjectDoc
from bot.matching.scorer import Doc, Found, Scorer, found


def need_doc(need: NeedDoc) -> Doc:
    return Doc(
        need.member_id,
        need.description,
        need.details,
        need.skills,
        vector=need.vector,
        analysis=need.analysis,
    )


def offer_doc(offer: OfferDoc, owner: Person) -> Doc:
    return Doc(
        offer.member_id,
        offer.description,
        offer.details,
        offer.skills,
        vector=offer.vector,
        profile=owner.vector,
        analysis=offer.analysis,
    )


def project_doc(project: ProjectDoc) -> Doc:
    return Doc(
        project.member_id,
        f"{project.name}. {project.description}",
        project.help_wanted,
        project.skills,
        vector=project.vector,
        analysis=project.analysis,
    )


@dataclass
class DocSides:
    """Matches between the kept entries (`offers`, `needs`, `projects`: the entries of the community's
    members, in order), by any `Scorer` that reads documents."""

    scorer: Scorer
    people: dict[int, Person]
    offers: Sequence[OfferDoc]
    needs: Sequence[NeedDoc]
    projects: Sequence[ProjectDoc]

    def __post_init__(self) -> None:
        self.offer_docs = [offer_doc(offer, self.people[offer.member_id]) for offer in self.offers]
        self.need_docs = [need_doc(need) for need in self.needs]
        self.project_docs = [project_doc(project) for project in self.projects]
        parts: dict[int, list[Doc]] = {}
        for doc in (*self.offer_docs, *self.project_docs):  # what members offer and work on
            parts.setdefault(doc.owner, []).append(doc)
        self.members = sorted(parts)
        self.interest_docs = [Doc(member, parts=tuple(parts[member])) for member in self.members]
        self.interest_row = {member: row for row, member in enumerate(self.members)}

    def help(self, per_left: int) -> Found:
        return found(self.scorer.match(self.need_docs, self.offer_docs, per_left=per_left))

    def projects_alike(self, per_left: int) -> Found:
        return found(self.scorer.match(self.project_docs, self.project_docs, per_left=per_left))

    def interests(self, per_left: int) -> tuple[list[int], Found]:
        matches = self.scorer.match(self.interest_docs, self.interest_docs, per_left=per_left)
        return self.members, found(matches)

    def shared_help(self, need_row: int, offer_row: int) -> tuple[str, ...]:
        return self.scorer.shared(self.need_docs[need_row], self.offer_docs[offer_row])

    def shared_projects(self, one: int, other: int) -> tuple[str, ...]:
        return self.scorer.shared(self.project_docs[one], self.project_docs[other])

    def shared_interests(self, member: int, other: int) -> tuple[str, ...]:
        if member not in self.interest_row or other not in self.interest_row:
            return ()
        return self.scorer.shared(
            self.interest_docs[self.interest_row[member]], self.interest_docs[self.interest_row[other]]
        )
