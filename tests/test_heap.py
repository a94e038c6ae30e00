"""Start-up objects are kept out of full garbage collections (`kindred run`, `digest`, `tick`)."""

import json
import subprocess
import sys

START_UP_AND_FREEZE = """
import gc, json
import bot.runner, bot.cli  # what `kindred run` and `kindred digest` load: Bolt, SQLAlchemy, the matcher
from bot.heap import freeze_startup_objects
loaded = len(gc.get_objects())
freeze_startup_objects()
print(json.dumps({"loaded": loaded, "frozen": gc.get_freeze_count(), "left": len(gc.get_objects())}))
"""


def test_start_up_objects_are_left_out_of_full_garbage_collections() -> None:
    # In a fresh interpreter, so this test process's own collector is left alone.
    result = subprocess.run(
        [sys.executable, "-c", START_UP_AND_FREEZE], capture_output=True, text=True, check=True, timeout=120
    )
    counts = json.loads(result.stdout)
    assert counts["loaded"] > 50_000  # a full collection would walk all of these, every time
    assert counts["frozen"] >= counts["loaded"] * 0.9
    assert counts["left"] < 1_000


def test_a_bulk_computation_runs_without_collections_and_gives_the_collector_back() -> None:
    import gc

    from bot.heap import without_collections

    assert gc.isenabled()
    with without_collections():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with without_collections():
            pass
        assert not gc.isenabled(), "a collector someone else turned off stays off"
    finally:
        gc.enable()
