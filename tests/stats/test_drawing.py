"""The stored network picture (`drawing.snapshot`, laid out by `layout`): every member placed, in their
cluster's circle; bridges and the members with no intro yet marked; clusters as bubbles above the bound."""

import math

from hypothesis import given
from hypothesis import strategies as st

from bot.stats import drawing
from bot.stats.layout import pack
from bot.stats.network import analyse

# Two close-knit groups of four, and one tie between them: Ana (1) knows Eve (5); 9 was never introduced.
FIRST, SECOND = [1, 2, 3, 4], [5, 6, 7, 8]
GROUP_TIES = [(a, b) for group in (FIRST, SECOND) for a in group for b in group if a < b]
TWO_GROUPS = [*GROUP_TIES, (1, 5)]


def _triangles(count: int, start: int = 1) -> tuple[list[int], list[tuple[int, int]]]:
    """`count` groups of three who all met each other, and nobody else."""
    members = list(range(start, start + 3 * count))
    ties = [(m, m + 1) for m in members[::3]] + [(m + 1, m + 2) for m in members[::3]]
    return members, ties + [(m, m + 2) for m in members[::3]]


def test_every_member_has_a_place_their_cluster_and_their_role() -> None:
    network = analyse([*FIRST, *SECOND, 9], TWO_GROUPS)
    stored = drawing.snapshot(network)
    assert stored["drawn"] == drawing.MEMBERS
    nodes = {member_id: (x, y, cluster, role) for member_id, x, y, cluster, role in stored["nodes"]}
    assert set(nodes) == {*FIRST, *SECOND, 9}
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y, _, _ in nodes.values())
    assert {m: nodes[m][2] for m in network.clusters} == network.clusters
    assert {m for m, node in nodes.items() if node[3] == drawing.BRIDGE} == {1, 5}
    assert nodes[9][2:] == (None, drawing.ISOLATED)
    assert nodes[9][0] > max(x for m, (x, _, _, _) in nodes.items() if m != 9)  # the grey block at the side
    ids = [node[0] for node in stored["nodes"]]
    assert sorted(tuple(sorted((ids[a], ids[b]))) for a, b in stored["edges"]) == sorted(TWO_GROUPS)


def test_a_clusters_members_sit_together_apart_from_the_other_cluster() -> None:
    stored = drawing.snapshot(analyse([*FIRST, *SECOND], TWO_GROUPS))
    where = {member_id: (x, y) for member_id, x, y, _, _ in stored["nodes"]}

    def middle(group: list[int]) -> tuple[float, float]:
        return (sum(where[m][0] for m in group) / 4, sum(where[m][1] for m in group) / 4)

    for own, other in ((FIRST, SECOND), (SECOND, FIRST)):
        for member_id in own:
            assert math.dist(where[member_id], middle(own)) < math.dist(where[member_id], middle(other))


def test_the_same_network_gives_the_same_picture() -> None:
    members, ties = _triangles(30)
    assert drawing.snapshot(analyse(members, ties)) == drawing.snapshot(
        analyse(members, list(reversed(ties)))
    )


def test_up_to_the_bound_members_are_drawn_and_above_it_clusters() -> None:
    members, ties = _triangles(666)
    pair = [members[-1] + 1, members[-1] + 2]
    at_bound = analyse([*members, *pair], [*ties, (pair[0], pair[1])])
    assert len(at_bound.clusters) == drawing.MEMBERS_DRAWN
    assert drawing.snapshot(at_bound)["drawn"] == drawing.MEMBERS

    members, ties = _triangles(667)
    lonely = list(range(10_000, 10_000 + drawing.ISOLATED_DRAWN + 1))
    above = drawing.snapshot(analyse([*members, *lonely], ties))
    assert above["drawn"] == drawing.CLUSTERS
    assert "nodes" not in above  # no member is placed one by one
    assert len(above["bubbles"]) == drawing.CLUSTERS_DRAWN
    assert [bubble[0] for bubble in above["bubbles"]] == list(range(drawing.CLUSTERS_DRAWN))  # the largest
    x, _, r = above["rest"]  # the members with no intro yet, as one grey bubble beside the others
    assert x - r > max(bx + br for _, bx, _, br in above["bubbles"])
    assert all(0 <= v <= 1 for _, bx, by, _ in above["bubbles"] for v in (bx, by))


def test_many_members_with_no_intro_yet_are_one_grey_bubble_even_in_a_small_network() -> None:
    lonely = list(range(100, 100 + drawing.ISOLATED_DRAWN + 1))
    stored = drawing.snapshot(analyse([*FIRST, *SECOND, *lonely], TWO_GROUPS))
    assert stored["drawn"] == drawing.MEMBERS
    assert {node[0] for node in stored["nodes"]} == {*FIRST, *SECOND}
    assert stored["rest"] is not None
    assert stored["isolated"] == lonely  # still listed in full, for the table


def test_nobody_introduced_draws_nothing() -> None:
    stored = drawing.snapshot(analyse([1, 2, 3], []))
    assert stored["drawn"] == ""
    assert stored["isolated"] == [1, 2, 3]


@given(
    st.lists(st.floats(0.5, 30), min_size=1, max_size=25),
    st.lists(st.tuples(st.integers(0, 24), st.integers(0, 24), st.integers(1, 9)), max_size=40),
)
def test_packed_circles_never_overlap(radii: list[float], links: list[tuple[int, int, int]]) -> None:
    radii = sorted(radii, reverse=True)
    links = [(a, b, n) for a, b, n in links if a < b < len(radii)]
    centres = pack(radii, links)
    for i, a in enumerate(centres):
        for j in range(i + 1, len(centres)):
            assert math.dist(a, centres[j]) >= radii[i] + radii[j]
