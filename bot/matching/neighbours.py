"""Nearest neighbours by cosine: for each left vector, the right vectors of other owners that point the
same way. Never all pairs in Python, never the whole score matrix at once.

- Small communities: exact, with blocked matrix products.
- Large ones (more than `EXACT_LIMIT` pairs): an inverted-file index. The right side is split into clusters
  (k-means from a fixed start, so every run gives the same clusters); each left vector is compared only with
  the right vectors of its `PROBES` nearest clusters. Neighbours that sit in other clusters can be missed:
  candidates, not verdicts (the scorer rescores every pair it keeps).

Ties go to the lower right row, so the result never depends on the machine or on the order of work.
"""

import numpy as np
import scipy.sparse as sp

from bot.matching.scorer import top_per_group

BLOCK_CELLS = 2_000_000  # scores held at once: rows per block = this / len(right)
EXACT_LIMIT = 60_000_000  # left × right pairs up to which the search is exact
PROBES = 8
KMEANS_ROUNDS = 4
KMEANS_SAMPLE = 40_000
TIE_STEP = 1e-14  # subtracted per right row before choosing: equal cosines go to the lower row


def nearest(
    left: np.ndarray, right: np.ndarray, left_owner: np.ndarray, right_owner: np.ndarray, *, keep: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(left rows, right rows, cosines): up to `keep` right rows per left row, other owners only, best first
    within each left row."""
    if len(left) == 0 or len(right) == 0 or keep <= 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0, dtype=np.float32)
    left = np.asarray(left, dtype=np.float32)
    right = np.asarray(right, dtype=np.float32)
    if len(left) * len(right) <= EXACT_LIMIT:
        return _exact(left, right, left_owner, right_owner, np.arange(len(left)), np.arange(len(right)), keep)
    return _clustered(left, right, left_owner, right_owner, keep)


def _exact(
    left: np.ndarray,
    right: np.ndarray,
    left_owner: np.ndarray,
    right_owner: np.ndarray,
    left_rows: np.ndarray,
    right_rows: np.ndarray,
    keep: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every left row in `left_rows` against every right row in `right_rows` (both index the full arrays)."""
    keep = min(keep, len(right_rows))
    rights_t = np.ascontiguousarray(right[right_rows].T)
    step = np.arange(len(right_rows)) * TIE_STEP
    block_rows = max(1, BLOCK_CELLS // max(len(right_rows), 1))
    lefts_out, rights_out, scores_out = [], [], []
    for start in range(0, len(left_rows), block_rows):
        rows = left_rows[start : start + block_rows]
        scores = left[rows] @ rights_t
        ranked = scores.astype(np.float64) - step
        ranked[left_owner[rows, None] == right_owner[None, right_rows]] = -np.inf
        top = _top_columns(ranked, keep)
        order = np.argsort(-np.take_along_axis(ranked, top, axis=1), axis=1, kind="stable")
        top = np.take_along_axis(top, order, axis=1)
        found = np.isfinite(np.take_along_axis(ranked, top, axis=1))
        lefts_out.append(np.repeat(rows, keep).reshape(len(rows), keep)[found])
        rights_out.append(right_rows[top[found]])
        scores_out.append(np.take_along_axis(scores, top, axis=1)[found])
    return np.concatenate(lefts_out), np.concatenate(rights_out), np.concatenate(scores_out)


def _clustered(
    left: np.ndarray, right: np.ndarray, left_owner: np.ndarray, right_owner: np.ndarray, keep: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    centres = _kmeans(right, clusters=int(np.clip(2 * np.sqrt(len(right)), 16, 2048)))
    home = _closest(right, centres, 1)[:, 0]
    probes = _closest(left, centres, min(PROBES, len(centres)))
    found_left, found_right, found_score = [], [], []
    members = np.argsort(home, kind="stable")
    bounds = np.searchsorted(home[members], np.arange(len(centres) + 1))
    probed = probes.ravel()
    askers = np.repeat(np.arange(len(left)), probes.shape[1])[np.argsort(probed, kind="stable")]
    asker_bounds = np.searchsorted(np.sort(probed, kind="stable"), np.arange(len(centres) + 1))
    for cluster in range(len(centres)):
        in_cluster = members[bounds[cluster] : bounds[cluster + 1]]
        asking = askers[asker_bounds[cluster] : asker_bounds[cluster + 1]]
        if len(in_cluster) and len(asking):
            lefts, rights, scores = _exact(left, right, left_owner, right_owner, asking, in_cluster, keep)
            found_left.append(lefts)
            found_right.append(rights)
            found_score.append(scores)
    if not found_left:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0, dtype=np.float32)
    lefts, rights, scores = (
        np.concatenate(found_left),
        np.concatenate(found_right),
        np.concatenate(found_score),
    )
    best = top_per_group(lefts, scores, rights, keep)
    return lefts[best], rights[best], scores[best]


def _kmeans(vectors: np.ndarray, *, clusters: int) -> np.ndarray:
    """Cluster centres from evenly spaced rows, refined by a few rounds on an evenly spaced sample."""
    sample = vectors[np.linspace(0, len(vectors) - 1, min(len(vectors), KMEANS_SAMPLE)).astype(np.int64)]
    centres = sample[np.linspace(0, len(sample) - 1, min(clusters, len(sample))).astype(np.int64)].copy()
    for _ in range(KMEANS_ROUNDS):
        nearest_centre = _closest(sample, centres, 1)[:, 0]
        assignment = sp.csr_matrix(
            (np.ones(len(sample), dtype=np.float32), (nearest_centre, np.arange(len(sample)))),
            shape=(len(centres), len(sample)),
        )
        sums = np.asarray(assignment @ sample, dtype=np.float32)
        counts = np.bincount(nearest_centre, minlength=len(centres))
        moved = counts > 0
        centres[moved] = sums[moved] / counts[moved, None]
        norms = np.linalg.norm(centres, axis=1, keepdims=True)
        np.divide(centres, norms, out=centres, where=norms > 0)
    return centres


def _closest(vectors: np.ndarray, centres: np.ndarray, count: int) -> np.ndarray:
    """For each vector, its `count` most similar centres (ties to the lower centre)."""
    out = np.empty((len(vectors), count), dtype=np.int64)
    step = np.arange(len(centres)) * TIE_STEP
    rows = max(1, BLOCK_CELLS // max(len(centres), 1))
    for start in range(0, len(vectors), rows):
        scores = (vectors[start : start + rows] @ centres.T).astype(np.float64) - step
        out[start : start + rows] = _top_columns(scores, count)
    return out


def _top_columns(ranked: np.ndarray, count: int) -> np.ndarray:
    """The columns of the `count` highest values of each row, in no particular order. `ranked` already
    carries the tie step, so no two columns of a row are equal and the choice never depends on the machine."""
    if count < ranked.shape[1]:
        return np.argpartition(-ranked, count - 1, axis=1)[:, :count]
    return np.broadcast_to(np.arange(ranked.shape[1]), ranked.shape).copy()
