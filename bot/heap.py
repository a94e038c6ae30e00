"""Keeping start-up objects out of the garbage collector's way.

A long-running or heavy Kindred process loads some 180,000 objects before doing any work: Bolt, SQLAlchemy,
scikit-learn and the matcher's vocabulary. Python's full garbage collections walk every one of them, again
and again, though they live as long as the process and are never garbage. On our 2-core benchmark machine
one such collection takes about 75 ms, during which every thread stops: it showed up as the slowest acks
under load (README, "Speed, measured") and slowed the digest computation (10,000 members: 7.35 s without
freezing, 6.53 s with; README, "Scale, measured").
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def freeze_startup_objects() -> None:
    """Collect what is already garbage, then move every object alive now out of future collections."""
    gc.collect()
    gc.freeze()


@contextmanager
def without_collections() -> Iterator[None]:
    """No automatic garbage collection while a bulk computation builds millions of short-lived, acyclic
    objects (a digest for 100,000 members): each full collection would walk them all again for nothing
    (12 s of a 73 s digest, with pauses of over half a second). What it leaves behind is collected after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
