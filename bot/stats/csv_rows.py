"""Any table of the dashboard as CSV: one header row from the row type's fields, then the rows. Dates as
ISO 8601 in UTC; nothing but what the page itself shows."""

import csv
import io
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from datetime import datetime
from typing import Any


def to_csv(rows: Sequence[Any], row_type: type) -> str:
    assert is_dataclass(row_type)
    names = [field.name for field in fields(row_type)]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(getattr(row, name)) for name in names])
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
