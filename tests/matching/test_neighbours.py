"""Nearest neighbours: the same answer as comparing every pair, other owners only, best first, ties to the
lower right row, whatever the block size."""

import numpy as np
import pytest

from bot.matching import neighbours
from bot.matching.neighbours import nearest

Found = tuple[list[int], list[int], list[float]]


def unit_rows(rng: np.random.Generator, count: int, dims: int = 8) -> np.ndarray:
    rows = rng.normal(size=(count, dims)).astype(np.float32)
    return np.asarray(rows / np.linalg.norm(rows, axis=1, keepdims=True), dtype=np.float32)


def brute_force(
    left: np.ndarray, right: np.ndarray, left_owner: np.ndarray, right_owner: np.ndarray, keep: int
) -> Found:
    lefts, rights, scores = [], [], []
    for i, row in enumerate(left):
        cosines = [float(row @ other) for other in right]
        others = [j for j in range(len(right)) if right_owner[j] != left_owner[i]]
        for j in sorted(others, key=lambda j: (-cosines[j], j))[:keep]:
            lefts.append(i)
            rights.append(j)
            scores.append(cosines[j])
    return lefts, rights, scores


def run(
    left: np.ndarray, right: np.ndarray, left_owner: np.ndarray, right_owner: np.ndarray, keep: int
) -> Found:
    lefts, rights, scores = nearest(left, right, left_owner, right_owner, keep=keep)
    assert lefts.dtype.kind == "i"
    assert rights.dtype.kind == "i"
    return lefts.tolist(), rights.tolist(), scores.tolist()


def community(seed: int, lefts: int = 30, rights: int = 40, owners: int = 12) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    return (
        unit_rows(rng, lefts),
        unit_rows(rng, rights),
        rng.integers(0, owners, size=lefts),
        rng.integers(0, owners, size=rights),
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("keep", [1, 5, 39])
def test_the_same_answer_as_comparing_every_pair(seed: int, keep: int) -> None:
    left, right, left_owner, right_owner = community(seed)
    lefts, rights, scores = run(left, right, left_owner, right_owner, keep)
    want_lefts, want_rights, want_scores = brute_force(left, right, left_owner, right_owner, keep)
    assert (lefts, rights) == (want_lefts, want_rights)
    assert np.allclose(scores, want_scores, atol=1e-5)


def test_a_right_row_of_the_same_owner_is_never_returned() -> None:
    left, right, left_owner, right_owner = community(3, owners=3)
    lefts, rights, _ = run(left, right, left_owner, right_owner, keep=40)
    assert lefts
    assert all(left_owner[i] != right_owner[j] for i, j in zip(lefts, rights, strict=True))


def test_an_identical_vector_of_the_same_owner_is_skipped() -> None:
    vector = np.array([[1.0, 0.0]], dtype=np.float32)
    right = np.array([[1.0, 0.0], [0.6, 0.8]], dtype=np.float32)
    lefts, rights, scores = run(vector, right, np.array([7]), np.array([7, 8]), keep=1)
    assert (lefts, rights) == ([0], [1])
    assert scores == pytest.approx([0.6])


def test_keep_larger_than_the_right_side_returns_every_other_owner_once() -> None:
    left, right, left_owner, right_owner = community(4, lefts=5, rights=6, owners=4)
    lefts, rights, _ = run(left, right, left_owner, right_owner, keep=100)
    for i in range(5):
        mine = [j for k, j in enumerate(rights) if lefts[k] == i]
        assert sorted(mine) == [j for j in range(6) if right_owner[j] != left_owner[i]]


def test_best_first_within_each_left_row() -> None:
    left, right, left_owner, right_owner = community(5)
    lefts, _, scores = run(left, right, left_owner, right_owner, keep=10)
    assert lefts == sorted(lefts)
    for i in set(lefts):
        mine = [s for k, s in enumerate(scores) if lefts[k] == i]
        assert mine == sorted(mine, reverse=True)


@pytest.mark.parametrize(("left_count", "right_count", "keep"), [(0, 5, 3), (5, 0, 3), (5, 5, 0), (0, 0, 1)])
def test_empty_inputs_give_nothing(left_count: int, right_count: int, keep: int) -> None:
    rng = np.random.default_rng(6)
    lefts, rights, scores = nearest(
        unit_rows(rng, left_count),
        unit_rows(rng, right_count),
        np.arange(left_count),
        np.arange(100, 100 + right_count),
        keep=keep,
    )
    assert (len(lefts), len(rights), len(scores)) == (0, 0, 0)


def test_a_left_row_whose_only_rights_are_its_own_gets_nothing() -> None:
    left, right = np.eye(2, dtype=np.float32), np.eye(2, dtype=np.float32)
    assert run(left, right, np.array([1, 2]), np.array([1, 1]), keep=5) == ([1, 1], [1, 0], [1.0, 0.0])


@pytest.mark.parametrize("keep", [3, 5])
def test_ties_go_to_the_lower_right_row(keep: int) -> None:
    right = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 0.0]], dtype=np.float32)
    found = run(np.array([[1.0, 0.0]], dtype=np.float32), right, np.array([0]), np.arange(1, 6), keep=keep)
    assert found[1] == [1, 3, 4, 0, 2][:keep]


def test_ties_at_the_cut_off_keep_the_lower_right_rows() -> None:
    rng = np.random.default_rng(8)
    left = np.array([[1.0, 0.0]], dtype=np.float32)
    wrong = []
    for _ in range(200):  # few distinct cosines, so many ties fall across the cut-off
        cosines = rng.integers(0, 3, size=40).astype(np.float32)
        right = np.stack([cosines, np.zeros_like(cosines)], axis=1)
        keep = int(rng.integers(1, 40))
        want = sorted(range(40), key=lambda j: (-cosines[j], j))[:keep]
        if run(left, right, np.array([-1]), np.arange(40), keep)[1] != want:
            wrong.append((cosines.tolist(), keep))
    assert not wrong, f"{len(wrong)} of 200, e.g. {wrong[0]}"


def test_blocks_give_the_same_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    left, right, left_owner, right_owner = community(7, lefts=11)
    whole = run(left, right, left_owner, right_owner, keep=6)
    monkeypatch.setattr(neighbours, "BLOCK_CELLS", 4 * len(right))  # four left rows a block
    assert run(left, right, left_owner, right_owner, keep=6) == whole


def test_the_clustered_search_finds_nearly_all_exact_neighbours(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    centres = rng.normal(size=(40, 16)).astype(np.float32)

    def cloud(count: int) -> np.ndarray:
        points = centres[rng.integers(0, 40, count)] + 0.3 * rng.normal(size=(count, 16)).astype(np.float32)
        return points / np.linalg.norm(points, axis=1, keepdims=True)

    left, right = cloud(300), cloud(2000)
    left_owner, right_owner = np.arange(300), np.arange(1000, 3000)
    exact = neighbours.nearest(left, right, left_owner, right_owner, keep=10)
    monkeypatch.setattr(neighbours, "EXACT_LIMIT", 0)
    clustered = neighbours.nearest(left, right, left_owner, right_owner, keep=10)
    again = neighbours.nearest(left, right, left_owner, right_owner, keep=10)
    pairs = lambda found: set(zip(found[0].tolist(), found[1].tolist(), strict=True))  # noqa: E731
    assert len(pairs(exact) & pairs(clustered)) >= 0.9 * len(pairs(exact))
    assert all((a == b).all() for a, b in zip(clustered, again, strict=True)), "the same every time"
