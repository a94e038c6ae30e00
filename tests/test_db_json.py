"""JSON columns go through orjson: what the standard library wrote, orjson writes and reads back the same,
numpy numbers included (a stored reading's weights can come from numpy)."""

import numpy as np
from sqlmodel import Session

from bot.models import Member
from tests.factories import make_member


def test_json_columns_store_numpy_numbers_and_read_them_back(session: Session) -> None:
    member = make_member(session, "U0JSON")
    reading = {
        "concepts": {"seo": np.float64(1.3), "tax": np.float32(0.5)},
        "terms": ["seo", "audit"],
        "n": np.int64(2),
    }
    member.analysis = reading  # type: ignore[assignment]
    session.commit()
    session.expire_all()
    stored = session.get(Member, member.id)
    assert stored is not None
    assert stored.analysis == {"concepts": {"seo": 1.3, "tax": 0.5}, "terms": ["seo", "audit"], "n": 2}
