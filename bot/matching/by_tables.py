"""The hybrid matcher's view of a community: its readings as tables (readings.py), one row per profile,
offer, need and project, row for row with the community's own tuples.

A community loaded from the database brings its tables (`Community.tables`); one built in memory (a test,
the demo) gets them read here from each entry's text, vector and stored reading.
"""

from dataclasses import dataclass, replace

import numpy as np

from bot.matching.analysis import Analysis, analyse
from bot.matching.concepts import ConceptIndex
from bot.matching.hybrid import HybridScorer, Profiles
from bot.matching.model import Community, NeedDoc, Tables
from bot.matching.readings import Columns, Table, grouped, table_of
from bot.matching.scorer import Found


def tables_of(community: Community, index: ConceptIndex) -> Tables:
    """Read every profile and entry of an in-memory community (stored readings are used where present)."""
    columns = Columns()
    vectors = [
        v
        for v in (
            *(p.vector for p in community.people),
            *(o.vector for o in community.offers),
            *(n.vector for n in community.needs),
            *(p.vector for p in community.projects),
        )
        if v is not None
    ]
    dims = len(vectors[0]) if vectors else 0
    people = table_of(
        columns,
        index,
        [(p.member_id, p.vector, p.analysis or analyse(index, "", p.bio)) for p in community.people],
        dims=dims,
    )
    offers = table_of(
        columns,
        index,
        [
            (o.member_id, o.vector, o.analysis or analyse(index, o.description, o.details, o.skills))
            for o in community.offers
        ],
        dims=dims,
    )
    needs = table_of(columns, index, [_need_entry(n, index) for n in community.needs], dims=dims)
    projects = table_of(
        columns,
        index,
        [
            (
                p.member_id,
                p.vector,
                p.analysis or analyse(index, f"{p.name}. {p.description}", p.help_wanted, p.skills),
            )
            for p in community.projects
        ],
        dims=dims,
    )
    embedded = np.array([p.vector is not None for p in community.people], dtype=bool)
    return Tables(people, offers, needs, projects, embedded)


def _need_entry(need: NeedDoc, index: ConceptIndex) -> tuple[int, np.ndarray | None, Analysis]:
    return (
        need.member_id,
        need.vector,
        need.analysis or analyse(index, need.description, need.details, need.skills),
    )


@dataclass
class TableSides:
    """Matches between the community's kept rows: `offers`, `needs` and `projects` are row numbers into the
    community's tuples (the entries of its members), in that order."""

    scorer: HybridScorer
    community: Community
    tables: Tables
    offers: list[int]
    needs: list[int]
    projects: list[int]

    def __post_init__(self) -> None:
        self.offer_table = self.tables.offers.take(self.offers)
        self.need_table = self.tables.needs.take(self.needs)
        self.project_table = self.tables.projects.take(self.projects)
        self._interests: tuple[list[int], Table] | None = None
        self._interest_row: dict[int, int] | None = None

    def help(self, per_left: int) -> Found:
        """Needs (left) against offers (right), with each offer's owner's profile."""
        return self.scorer.match_arrays(
            self.need_table, self.offer_table, per_left=per_left, profiles=self.profiles()
        )

    def projects_alike(self, per_left: int) -> Found:
        return self.scorer.match_arrays(self.project_table, self.project_table, per_left=per_left)

    def interests(self, per_left: int) -> tuple[list[int], Found]:
        """Members (their bio and projects together) against each other: (member ids, matches by row)."""
        members, table = self._grouped_interests()
        found = self.scorer.match_arrays(table, table, per_left=per_left)
        # Reasons need only the skills and senses: the grouped vectors (50 MB at 100,000 members) go.
        self._interests = members, replace(table, vectors=np.zeros((len(table), 0), dtype=np.float16))
        return members, found

    def shared_help(self, need_row: int, offer_row: int) -> tuple[str, ...]:
        return self.scorer.shared_rows(self.need_table, need_row, self.offer_table, offer_row)

    def shared_projects(self, one: int, other: int) -> tuple[str, ...]:
        return self.scorer.shared_rows(self.project_table, one, self.project_table, other)

    def shared_interests(self, member: int, other: int) -> tuple[str, ...]:
        members, table = self._interest_table()
        if self._interest_row is None:
            self._interest_row = {member_id: row for row, member_id in enumerate(members)}
        row = self._interest_row
        if member not in row or other not in row:
            return ()
        return self.scorer.shared_rows(table, row[member], table, row[other])

    def asking(self, need: NeedDoc) -> Table:
        """One need as a table of one row: its loaded row, or read from its own vector and reading."""
        loaded = next(
            (row for row, n in enumerate(self.community.needs) if n.entry_id == need.entry_id), None
        )
        if loaded is not None and need.vector is None and need.analysis is None:
            return self.tables.needs.take([loaded])
        return table_of(
            self.tables.needs.columns,
            self.scorer.index,
            [_need_entry(need, self.scorer.index)],
            dims=self.tables.needs.vectors.shape[1],
        )

    def profiles(self) -> Profiles:
        """Who offers each kept offer, by the title and bio of its owner."""
        offers = self.offer_table
        row_of_member = {int(member): row for row, member in enumerate(self.tables.people.owner.tolist())}
        rows = np.array(
            [row_of_member.get(int(member), -1) for member in offers.owner.tolist()], dtype=np.int64
        )
        rows[rows >= 0] = np.where(self.tables.embedded[rows[rows >= 0]], rows[rows >= 0], -1)
        return Profiles(self.tables.people.vectors, rows)

    def _interest_table(self) -> tuple[list[int], Table]:
        if self._interests is None:
            self._interests = self._grouped_interests()
        return self._interests

    def _grouped_interests(self) -> tuple[list[int], Table]:
        """Each member with a bio or a project: who they are and what they work on, as one row."""
        people, projects = self.tables.people, self.project_table
        has_vector: np.ndarray = np.asarray(people.vectors.any(axis=1))
        with_bio = [
            row
            for row, person in enumerate(self.community.people)
            if person.bio or (has_vector[row] and self.tables.embedded[row])
        ]
        members = sorted(
            {int(people.owner[row]) for row in with_bio} | {int(m) for m in projects.owner.tolist()}
        )
        output = {member: row for row, member in enumerate(members)}
        bio_group = np.full(len(people), -1, dtype=np.int64)
        for row in with_bio:
            bio_group[row] = output[int(people.owner[row])]
        project_group = np.array([output[int(m)] for m in projects.owner.tolist()], dtype=np.int64)
        table = grouped([people, projects], [bio_group, project_group], np.array(members, dtype=np.int64))
        return members, table
