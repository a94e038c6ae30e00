"""Nearest neighbours by cosine: for each left vector, the right vectors of other owners that point the
same way, found with blocked matrix products (never all pairs in Python, never the whole matrix at once)."""

import numpy as np

BLOCK = 1024


def nearest(
    left: np.ndarray, right: np.ndarray, left_owner: np.ndarray, right_owner: np.ndarray, *, keep: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(left rows, right rows, cosines): up to `keep` right rows per left row, other owners only, best first
    within each left row; ties go to the lower right row, so the result never depends on the machine."""
    if len(left) == 0 or len(right) == 0 or keep <= 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0, dtype=np.float32)
    keep = min(keep, len(right))
    rights_t = np.ascontiguousarray(right.T, dtype=np.float32)
    lefts_out, rights_out, scores_out = [], [], []
    for start in range(0, len(left), BLOCK):
        block = np.asarray(left[start : start + BLOCK], dtype=np.float32) @ rights_t
        rows = np.arange(start, start + len(block))
        block[left_owner[rows, None] == right_owner[None, :]] = -np.inf
        if keep < block.shape[1]:
            top = np.argpartition(-block, keep - 1, axis=1)[:, :keep]
        else:
            top = np.broadcast_to(np.arange(block.shape[1]), block.shape).copy()
        values = np.take_along_axis(block, top, axis=1)
        _settle_ties(block, top, values)
        order = np.lexsort((top, -values), axis=1)
        top, values = np.take_along_axis(top, order, axis=1), np.take_along_axis(values, order, axis=1)
        found = np.isfinite(values)
        lefts_out.append(np.repeat(rows, keep).reshape(len(rows), keep)[found])
        rights_out.append(top[found])
        scores_out.append(values[found])
    return np.concatenate(lefts_out), np.concatenate(rights_out), np.concatenate(scores_out)


def _settle_ties(block: np.ndarray, top: np.ndarray, values: np.ndarray) -> None:
    """Where rows tie at the cut-off, keep the lowest of them (argpartition picks any): rows that have a
    tie there are sorted again, stably. Rare, so cheap."""
    if top.shape[1] >= block.shape[1]:
        return
    cut = values.min(axis=1)
    tied = (block == cut[:, None]).sum(axis=1) > (values == cut[:, None]).sum(axis=1)
    for row in np.flatnonzero(tied):
        best = np.argsort(-block[row], kind="stable")[: top.shape[1]]
        top[row], values[row] = best, block[row, best]
