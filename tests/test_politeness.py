"""crawler.runtime.politeness.HostGate with a fake clock: one delay and one concurrency limit per
host, whoever asks (the end-to-end test with two sources is in tests/test_e2e_frontier.py)."""

from __future__ import annotations

from crawler.runtime.politeness import POLL_S, HostGate


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_one_delay_per_host_shared_by_every_caller() -> None:
    clock = Clock()
    gate = HostGate(delay=2.0, concurrency=4, clock=clock)
    assert gate.try_acquire("a.example") == 0.0
    assert gate.try_acquire("a.example") == 2.0  # any second request waits the delay
    assert gate.try_acquire("b.example") == 0.0  # another host does not
    clock.now += 1.5
    assert gate.try_acquire("a.example") == 0.5
    clock.now += 0.5
    assert gate.try_acquire("a.example") == 0.0


def test_concurrency_limit_per_host() -> None:
    clock = Clock()
    gate = HostGate(delay=0.0, concurrency=2, clock=clock)
    assert gate.try_acquire("a.example") == gate.try_acquire("a.example") == 0.0
    assert gate.try_acquire("a.example") == POLL_S  # two in flight: wait for one to end
    gate.release("a.example")
    assert gate.try_acquire("a.example") == 0.0


def test_autothrottle_follows_latency_within_bounds() -> None:
    clock = Clock()
    gate = HostGate(delay=1.0, concurrency=1, autothrottle=True, start_delay=2.0,
                    max_delay=10.0, clock=clock)
    gate.try_acquire("a.example")
    assert gate.state("a.example").delay == 2.0
    gate.release("a.example", latency=8.0)
    assert gate.state("a.example").delay == 5.0  # (2 + 8) / 2
    for _ in range(10):
        gate.release("a.example", latency=50.0)
    assert gate.state("a.example").delay == 10.0  # capped
    for _ in range(20):
        gate.release("a.example", latency=0.01)
    assert gate.state("a.example").delay == 1.0  # never below the configured delay
    gate.release("a.example", latency=None)  # a failure leaves the delay alone
    assert gate.state("a.example").delay == 1.0
