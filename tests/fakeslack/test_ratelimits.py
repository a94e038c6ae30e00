"""The fake's posting limits behave like Slack's: per conversation and per workspace, with Retry-After."""

from tests.fakeslack.ratelimits import PostingLimits


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def post(limits: PostingLimits, channel: str) -> int:
    fault = limits("chat.postMessage", {"channel": channel}, 0)
    return 200 if fault is None else fault.status


def test_one_message_a_second_per_conversation() -> None:
    clock = Clock()
    limits = PostingLimits(per_channel=1, workspace=100, clock=clock)
    assert [post(limits, "D1"), post(limits, "D1"), post(limits, "D2")] == [200, 429, 200]
    fault = limits("chat.postMessage", {"channel": "D1"}, 0)
    assert fault is not None
    assert fault.headers == {"Retry-After": "1"}
    clock.now = 1.0
    assert post(limits, "D1") == 200


def test_the_workspace_allows_a_seconds_worth_then_its_rate() -> None:
    clock = Clock()
    limits = PostingLimits(per_channel=1, workspace=10, clock=clock)
    assert [post(limits, f"D{i}") for i in range(11)] == [200] * 10 + [429]
    clock.now = 0.1
    assert post(limits, "D11") == 200
    assert post(limits, "D12") == 429
    assert (limits.accepted, limits.refused) == (11, 2)


def test_other_methods_are_not_limited() -> None:
    limits = PostingLimits(per_channel=1, workspace=1, clock=Clock())
    assert limits("views.open", {}, 0) is None
    assert limits("chat.update", {"channel": "D1"}, 0) is None
