"""The network picture's analysis: clusters, isolated members and the bridges between clusters."""

from hypothesis import given
from hypothesis import strategies as st

from bot.stats.network import Bridge, analyse

# Two close-knit groups of four, and one tie between them: Ana (1) knows Eve (5).
FIRST, SECOND = [1, 2, 3, 4], [5, 6, 7, 8]
GROUP_TIES = [(a, b) for group in (FIRST, SECOND) for a in group for b in group if a < b]
TWO_GROUPS = [*GROUP_TIES, (1, 5)]


def test_two_groups_joined_by_one_tie_are_two_clusters_bridged_by_its_two_ends() -> None:
    network = analyse([*FIRST, *SECOND, 9], TWO_GROUPS)
    assert network.sizes == (4, 4)
    assert {network.clusters[m] for m in FIRST} != {network.clusters[m] for m in SECOND}
    assert len({network.clusters[m] for m in FIRST}) == len({network.clusters[m] for m in SECOND}) == 1
    assert network.isolated == (9,)  # nobody introduced yet
    assert network.bridges == (
        Bridge(1, network.clusters[1], reaches=1, ties=4),
        Bridge(5, network.clusters[5], reaches=1, ties=4),
    )
    assert network.ties == len(TWO_GROUPS)


def test_a_member_tied_into_three_clusters_is_the_first_bridge() -> None:
    third = [10, 11, 12, 13]
    ties = [*TWO_GROUPS, *[(a, b) for a in third for b in third if a < b], (20, 2), (20, 6), (20, 10)]
    network = analyse([*FIRST, *SECOND, *third, 20], ties)
    first = network.bridges[0]
    assert (first.member_id, first.ties) == (20, 3)
    assert first.reaches >= 2  # it sits in one of the three and reaches the other two


def test_repeated_reversed_and_unknown_ties_count_once_or_not_at_all() -> None:
    network = analyse([1, 2, 3], [(1, 2), (2, 1), (1, 2), (3, 3), (1, 99)])
    assert network.ties == 1
    assert network.isolated == (3,)
    assert network.sizes == (2,)


def test_nobody_and_nobody_tied() -> None:
    assert analyse([], []).sizes == ()
    lonely = analyse([1, 2], [])
    assert (lonely.clusters, lonely.isolated, lonely.bridges) == ({}, (1, 2), ())


@given(
    st.lists(st.integers(1, 60), unique=True, max_size=60),
    st.lists(st.tuples(st.integers(1, 60), st.integers(1, 60)), max_size=150),
)
def test_every_member_is_in_one_cluster_or_isolated_and_the_same_input_gives_the_same_picture(
    members: list[int], ties: list[tuple[int, int]]
) -> None:
    network = analyse(members, ties)
    assert set(network.clusters) | set(network.isolated) == set(members)
    assert not set(network.clusters) & set(network.isolated)
    assert sum(network.sizes) == len(network.clusters)
    assert list(network.sizes) == sorted(network.sizes, reverse=True)
    assert all(0 <= cluster < len(network.sizes) for cluster in network.clusters.values())
    assert analyse(members, list(reversed(ties))) == network
