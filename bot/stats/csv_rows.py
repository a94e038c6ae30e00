"""Any table of the dashboard as CSV: one header row from the row type's fields, then the rows. Dates as
ISO 8601 in UTC; nothing but what the page itself shows."""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields, is_dataclass
from datetime import datetime
from typing import Any


def to_csv(rows: Sequence[Any], row_type: type) -> str:
    return "".join(csv_chunks([rows], row_type))


def csv_chunks(batches: Iterable[Sequence[Any]], row_type: type) -> Iterator[str]:
    """The header, then each batch of rows as CSV text, one chunk each, written as the batches come."""
    assert is_dataclass(row_type)
    names = [field.name for field in fields(row_type)]
    yield _lines([names])
    for rows in batches:
        yield _lines([_cell(getattr(row, name)) for name in names] for row in rows)


def _lines(rows: Iterable[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return "; ".join(_cell(item) for item in value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text  # never a formula in a spreadsheet
