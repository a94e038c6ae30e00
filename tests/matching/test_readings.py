"""Readings as columns: tables share their columns, keep their sense rows when cut, and a member's parts
(bio and projects) group into one row the way one text made of them would read."""

import numpy as np

from bot.matching.analysis import Analysis
from bot.matching.concepts import concept_index
from bot.matching.readings import DETAILS_WORD_WEIGHT, Columns, Sense, grouped, table_of

INDEX = concept_index()


def reading(concepts: dict[str, float], terms: tuple[str, ...], **rest: object) -> Analysis:
    return Analysis(concepts=concepts, terms=terms, **rest)  # type: ignore[arg-type]


def test_tables_read_together_share_their_columns() -> None:
    columns = Columns()
    first = table_of(columns, INDEX, [(1, None, reading({"seo": 1.0}, ("seo", "audit")))], dims=2)
    second = table_of(columns, INDEX, [(2, None, reading({"seo": 1.0}, ("audit",)))], dims=2)
    assert first.word_matrix().shape == second.word_matrix().shape == (1, len(columns.words))
    assert (first.word_matrix() @ second.word_matrix().T).toarray()[0, 0] == 1.0  # "audit" is one column
    assert first.concepts_of(0) == second.concepts_of(0) == {"seo": 1.0}


def test_a_word_only_in_the_details_counts_less() -> None:
    table = table_of(
        Columns(),
        INDEX,
        [(1, None, reading({}, ("crumb", "sourdough"), in_details=frozenset({"crumb"})))],
        dims=2,
    )
    weights = dict(
        zip(
            sorted(table.columns.words, key=table.columns.words.get),
            table.word_matrix().toarray()[0],
            strict=True,
        )
    )
    assert weights == {"crumb": DETAILS_WORD_WEIGHT, "sourdough": 1.0}


def test_taking_rows_keeps_their_senses_at_their_new_places() -> None:
    snake = reading({}, ("python",), ruled_out=frozenset({"python"}))
    table = table_of(
        Columns(),
        INDEX,
        [(1, None, reading({}, ("logo",))), (2, None, snake), (3, None, reading({}, ("tax",)))],
        dims=2,
    )
    assert table.take(np.arange(3)) is table  # every row in order: nothing copied
    cut = table.take([2, 1])
    assert cut.owner.tolist() == [3, 2]
    assert cut.sense(1) == Sense(ruled_out=frozenset({"python"}))
    assert cut.sense(0) == Sense()
    assert cut.flagged().tolist() == [False, True]


def test_a_members_parts_group_into_one_row() -> None:
    columns = Columns()
    bio = table_of(
        columns,
        INDEX,
        [
            (
                7,
                np.array([1.0, 0.0], np.float32),
                reading({"baking": 1.0}, ("bread",), places=frozenset({"PT"})),
            ),
            (8, np.zeros(2, np.float32), reading({}, ())),  # someone with nothing written
        ],
        dims=2,
    )
    projects = table_of(
        columns,
        INDEX,
        [
            (
                7,
                np.array([0.0, 1.0], np.float32),
                reading({"baking": 0.3}, ("crumb",), in_details=frozenset({"crumb"})),
            ),
            (7, np.array([0.0, 1.0], np.float32), reading({"photography": 1.0}, ("bread", "photo"))),
        ],
        dims=2,
    )
    member = grouped([bio, projects], [np.array([0, -1]), np.array([0, 0])], np.array([7]))
    assert member.owner.tolist() == [7]
    assert member.concepts_of(0) == {"baking": 1.3, "photography": 1.0}
    words = dict(
        zip(sorted(columns.words, key=columns.words.get), member.word_matrix().toarray()[0], strict=True)
    )
    assert words == {"bread": 1.0, "crumb": DETAILS_WORD_WEIGHT, "photo": 1.0}
    # the parts' mean direction, kept in the half precision vectors are stored in
    assert np.allclose(member.vectors[0], np.array([1.0, 2.0]) / np.sqrt(5.0), atol=1e-3)
    assert member.sense(0).places == frozenset({"PT"})
