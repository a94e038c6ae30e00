"""Nearest neighbours by cosine: for each left vector, the right vectors of other owners that point the
same way. Never all pairs in Python, never the whole score matrix at once.

- Small communities: exact, with blocked matrix products.
- Large ones (more than `EXACT_LIMIT` pairs): an inverted-file index. The right side is split into clusters
  (k-means from a fixed start, so every run gives the same clusters); each left vector is compared only with
  the right vectors of the `PROBES` clusters nearest to its own cluster. Neighbours that sit in other
  clusters can be missed: candidates, not verdicts (the scorer rescores every pair it keeps).

Ties go to the lower right row, so the result never depends on the machine or on the order of work.
"""

import numpy as np
import scipy.sparse as sp

BLOCK_CELLS = 500_000  # scores held at once: rows per block = this / len(right)
EXACT_LIMIT = 60_000_000  # left × right pairs up to which the search is exact
PROBES = 8
KMEANS_ROUNDS = 4
KMEANS_SAMPLE = 40_000
TIE_MARGIN = 8  # columns chosen beyond the needed ones, to settle ties at the cut-off exactly
TIE_STEP = 1e-14  # subtracted per column when settling: equal cosines go to the lower column


def nearest(
    left: np.ndarray, right: np.ndarray, left_owner: np.ndarray, right_owner: np.ndarray, *, keep: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(left rows, right rows, cosines): up to `keep` right rows per left row, other owners only, best first
    within each left row."""
    index = Neighbours(right, right_owner, queries=len(left))
    return index.search(left, left_owner, keep=keep)


class Neighbours:
    """The right vectors, indexed once; left vectors searched against them a chunk at a time (`queries`: how
    many left vectors there will be in all, which decides between exact and clustered search)."""

    def __init__(self, right: np.ndarray, right_owner: np.ndarray, *, queries: int) -> None:
        self.right = right if right.dtype in (np.float16, np.float32) else right.astype(np.float32)
        self.right_owner = right_owner
        self.centres: np.ndarray | None = None
        if queries * len(right) > EXACT_LIMIT:
            self.centres = _kmeans(self.right, clusters=int(np.clip(2 * np.sqrt(len(right)), 16, 2048)))
            self.probes = _closest(self.centres, self.centres, min(PROBES, len(self.centres)))
            home = _closest(self.right, self.centres, 1)[:, 0]
            self.members, self.bounds = _by_cluster(home, len(self.centres))

    def home(self, left: np.ndarray) -> np.ndarray:
        """Each left vector's cluster (all 0 when the search is exact): search left rows in this order, a
        chunk at a time, and each chunk holds whole clusters."""
        if self.centres is None or not len(left):
            return np.zeros(len(left), dtype=np.int64)
        return _closest(np.asarray(left, dtype=np.float32), self.centres, 1)[:, 0]

    def search(
        self, left: np.ndarray, left_owner: np.ndarray, *, keep: int, home: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(left rows, right rows, cosines) for these left vectors (rows count from 0 in `left`)."""
        if len(left) == 0 or len(self.right) == 0 or keep <= 0:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, np.empty(0, dtype=np.float32)
        left = np.asarray(left, dtype=np.float32)
        if self.centres is None:
            rows, columns = np.arange(len(left)), np.arange(len(self.right))
            return _exact(left, self.right, left_owner, self.right_owner, rows, columns, keep)
        return self._clustered(left, left_owner, self.home(left) if home is None else home, keep)

    def _clustered(
        self, left: np.ndarray, left_owner: np.ndarray, home: np.ndarray, keep: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Left rows grouped by their cluster; each group is compared, in one block, with the right rows of
        the `PROBES` clusters nearest to its own (each left row gets its final few at once, with no lists to
        merge)."""
        assert self.centres is not None
        found_left, found_right, found_score = [], [], []
        left_members, left_bounds = _by_cluster(home, len(self.centres))
        for cluster in range(len(self.centres)):
            asking = left_members[left_bounds[cluster] : left_bounds[cluster + 1]]
            if not len(asking):
                continue
            near = np.sort(
                np.concatenate(
                    [self.members[self.bounds[c] : self.bounds[c + 1]] for c in self.probes[cluster]]
                )
            )
            if len(near):
                found = _exact(left, self.right, left_owner, self.right_owner, asking, near, keep)
                found_left.append(found[0])
                found_right.append(found[1])
                found_score.append(found[2])
        if not found_left:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, np.empty(0, dtype=np.float32)
        lefts = np.concatenate(found_left)
        order = np.argsort(lefts, kind="stable")  # by left row; best first within each, as found
        return lefts[order], np.concatenate(found_right)[order], np.concatenate(found_score)[order]


def _exact(
    left: np.ndarray,
    right: np.ndarray,
    left_owner: np.ndarray,
    right_owner: np.ndarray,
    left_rows: np.ndarray,
    right_rows: np.ndarray,
    keep: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every left row in `left_rows` against every right row in `right_rows` (both index the full arrays;
    `right_rows` ascending, so a lower column is a lower right row)."""
    keep = min(keep, len(right_rows))
    rights = right[right_rows].astype(np.float32, copy=False)
    block_rows = max(1, BLOCK_CELLS // max(len(right_rows), 1))
    lefts_out, rights_out, scores_out = [], [], []
    for start in range(0, len(left_rows), block_rows):
        rows = left_rows[start : start + block_rows]
        scores = left[rows] @ rights.T
        scores[left_owner[rows, None] == right_owner[None, right_rows]] = -np.inf
        top = _top_columns(scores, keep)  # best first, ties to the lower row
        found = np.take_along_axis(scores, top, axis=1)
        usable = np.isfinite(found)
        lefts_out.append(np.repeat(rows, keep).reshape(len(rows), keep)[usable])
        rights_out.append(right_rows[top[usable]])
        scores_out.append(found[usable])
    return np.concatenate(lefts_out), np.concatenate(rights_out), np.concatenate(scores_out)


def _by_cluster(home: np.ndarray, clusters: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows ordered by their cluster, and where each cluster's rows begin and end in that order."""
    members = np.argsort(home, kind="stable")
    return members, np.searchsorted(home[members], np.arange(clusters + 1))


def _kmeans(vectors: np.ndarray, *, clusters: int) -> np.ndarray:
    """Cluster centres from evenly spaced rows, refined by a few rounds on an evenly spaced sample."""
    sample = vectors[np.linspace(0, len(vectors) - 1, min(len(vectors), KMEANS_SAMPLE)).astype(np.int64)]
    sample = sample.astype(np.float32, copy=False)
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
    rows = max(1, BLOCK_CELLS // max(len(centres), 1))
    for start in range(0, len(vectors), rows):
        scores = vectors[start : start + rows].astype(np.float32, copy=False) @ centres.T
        if count == 1:
            out[start : start + rows, 0] = np.argmax(scores, axis=1)  # the first of equal maxima
        else:
            out[start : start + rows] = _top_columns(scores, count)
    return out


def _top_columns(scores: np.ndarray, count: int) -> np.ndarray:
    """The columns of the `count` highest values of each row, best first; equal values go to the lower
    column. A fast selection takes a few more than needed and the final choice among those is exact; a row
    whose tie at the cut-off may reach beyond them is settled on its own."""
    width = scores.shape[1]
    wider = min(width, count + TIE_MARGIN)
    if wider < width:
        top = np.argpartition(-scores, wider - 1, axis=1)[:, :wider]
    else:
        top = np.broadcast_to(np.arange(width), scores.shape).copy()
    values = np.take_along_axis(scores, top, axis=1)
    order = np.argsort(-(values.astype(np.float64) - top * TIE_STEP), axis=1, kind="stable")[:, :count]
    chosen = np.take_along_axis(top, order, axis=1)
    if wider < width:  # where the tie at the cut-off may reach past the wider choice, settle it on the row
        cut = np.take_along_axis(values, order[:, -1:], axis=1)[:, 0]
        rows = np.flatnonzero(cut == values.min(axis=1))
        if len(rows):  # in double precision a step per column tells equal cosines apart, lower column first
            ranked = scores[rows].astype(np.float64) - np.arange(width) * TIE_STEP
            top = np.argpartition(-ranked, count - 1, axis=1)[:, :count]
            order = np.argsort(-np.take_along_axis(ranked, top, axis=1), axis=1, kind="stable")
            chosen[rows] = np.take_along_axis(top, order, axis=1)
    return chosen
