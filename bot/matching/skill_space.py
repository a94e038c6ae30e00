"""The skills two tables name, as weighted matrices to compare (the hybrid scorer's "shared skills").

The same weighting as the vocabulary-only scorer (scorer.py): a skill weighs its rarity among these texts
(IDF), an umbrella skill ("marketing") less; a skill read several times counts 1 + log(times); a need for
bookkeeping is partly met by accounting (a related skill counts `RELATED_FACTOR` of the strongest skill it
is related to, on the asking side only). Rows are set to length 1, so two rows' product is their cosine.
"""

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from bot.matching.concepts import ConceptIndex
from bot.matching.readings import Table
from bot.matching.scorer import GENERIC_FACTOR, RELATED_FACTOR, Space


def skill_space(left: Table, right: Table, index: ConceptIndex) -> Space:
    """Both tables' skills, weighted, as a `Space` (no word matrices: the hybrid reads words by coverage)."""
    left_raw, right_raw = left.concept_matrix(), right.concept_matrix()
    present = (np.diff(left_raw.tocsc().indptr) + np.diff(right_raw.tocsc().indptr)) > 0
    frequency = (
        np.asarray((left_raw > 0).sum(axis=0)).ravel() + np.asarray((right_raw > 0).sum(axis=0)).ravel()
    )
    total = len(left) + len(right)
    idf = np.log((1 + total) / (1 + frequency)) + 1.0
    idf *= _generic_weights(left, index)
    left_matrix = _weighted(_with_related(_counted(left_raw), left, index, present), idf)
    right_matrix = _weighted(_counted(right_raw), idf)
    empty = sp.csr_matrix((len(left), 0)), sp.csr_matrix((len(right), 0))
    return Space(left_matrix, right_matrix, empty[0], empty[1], left.owner, right.owner)


def _counted(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """A skill read n ≥ 1 times weighs 1 + log(n); one read only in the details keeps its fraction."""
    out = matrix.copy().astype(np.float64)
    out.data = np.where(out.data >= 1, 1.0 + np.log(np.maximum(out.data, 1.0)), out.data)
    return out


def _with_related(
    matrix: sp.csr_matrix, table: Table, index: ConceptIndex, present: np.ndarray
) -> sp.csr_matrix:
    """Each row plus the skills related to its own (present on either side, not already in the row), at
    `RELATED_FACTOR` of the strongest skill they are related to."""
    related = _related_matrix(table, index, present)
    if related.nnz == 0 or matrix.nnz == 0:
        return matrix
    entries = matrix.tocoo()
    per_entry = np.diff(related.indptr)[entries.col]
    rows = np.repeat(entries.row, per_entry)
    values = np.repeat(entries.data * RELATED_FACTOR, per_entry)
    starts = np.repeat(related.indptr[entries.col], per_entry)
    offsets = np.arange(len(rows)) - np.repeat(np.cumsum(per_entry) - per_entry, per_entry)
    cols = related.indices[starts + offsets]
    width = matrix.shape[1]
    keys = rows.astype(np.int64) * width + cols
    own = entries.row.astype(np.int64) * width + entries.col
    fresh = ~np.isin(keys, own)
    keys, values = keys[fresh], values[fresh]
    if not len(keys):
        return matrix
    order = np.lexsort((-values, keys))
    keys, values = keys[order], values[order]
    first = np.r_[True, keys[1:] != keys[:-1]]  # the strongest per (row, skill)
    keys, values = keys[first], values[first]
    added = sp.csr_matrix((values, (keys // width, keys % width)), shape=matrix.shape)
    return sp.csr_matrix(matrix + added)


def _related_matrix(table: Table, index: ConceptIndex, present: np.ndarray) -> sp.csr_matrix:
    """skill column → related skill columns (only skills present in these tables)."""
    columns = table.columns.concepts
    rows, cols = [], []
    for name, column in columns.items():
        for other in index.related.get(name, ()):
            other_column = columns.get(other)
            if other_column is not None and present[other_column]:
                rows.append(column)
                cols.append(other_column)
    width = len(columns)
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(width, width))


def _generic_weights(table: Table, index: ConceptIndex) -> np.ndarray:
    weights = np.ones(len(table.columns.concepts))
    for name, column in table.columns.concepts.items():
        if name in index.generic:
            weights[column] = GENERIC_FACTOR
    return weights


def _weighted(matrix: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    weighted = sp.csr_matrix(matrix @ sp.diags(idf))
    return normalize(weighted) if weighted.shape[1] else weighted
