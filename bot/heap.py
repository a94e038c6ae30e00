"""Keeping start-up objects out of the garbage collector's way.

A long-running or heavy Kindred process loads some 180,000 objects before doing any work: Bolt, SQLAlchemy,
scikit-learn and the matcher's vocabulary. Python's full garbage collections walk every one of them, again
and again, though they live as long as the process and are never garbage. On our 2-core benchmark machine
one such collection takes about 75 ms, during which every thread stops: it showed up as the slowest acks
under load (README, "Speed, measured") and slowed the digest computation (10,000 members: 7.35 s without
freezing, 6.53 s with; README, "Scale, measured").
"""

import gc


def freeze_startup_objects() -> None:
    """Collect what is already garbage, then move every object alive now out of future collections."""
    gc.collect()
    gc.freeze()
