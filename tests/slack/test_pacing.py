"""Bulk DMs are spaced evenly below Slack's workspace limit, without bursts after a pause."""

import threading

import pytest

from bot.slack.pacing import Pacer


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []
        self.lock = threading.Lock()

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self.lock:
            self.slept.append(round(seconds, 6))


def test_calls_are_spaced_at_the_rate() -> None:
    time = FakeTime()
    pacer = Pacer(4, clock=time.clock, sleep=time.sleep)
    for _ in range(4):
        pacer.wait()
    assert time.slept == [0.25, 0.5, 0.75]  # all asked at once: the first goes now, the rest a slot apart


def test_an_idle_pause_is_not_saved_up_for_a_burst() -> None:
    time = FakeTime()
    pacer = Pacer(2, clock=time.clock, sleep=time.sleep)
    pacer.wait()
    time.now += 60  # nothing sent for a minute
    pacer.wait()
    pacer.wait()
    assert time.slept == [0.5]


def test_concurrent_senders_share_the_slots() -> None:
    time = FakeTime()
    pacer = Pacer(10, clock=time.clock, sleep=time.sleep)
    threads = [threading.Thread(target=pacer.wait) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(time.slept) == [round(0.1 * i, 6) for i in range(1, 10)]


def test_a_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Pacer(0)
