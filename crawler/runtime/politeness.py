"""Politeness per host across every source of a run: one delay, one concurrency limit.

Why a shared gate and not Scrapy's own slots: a run gives each source its own Scrapy
crawler (its own stats, spider_closed and ``run_sources`` row, its own cap), and Scrapy
keeps download delays and per-domain concurrency in each crawler's downloader. Two
sources on one host (info.gov.hk in English and in Chinese, two sections of one outlet)
would each have their own delay and their own concurrency: twice the load the settings
promise. Folding all sources into one crawler would give one downloader, but would lose
the per-source bookkeeping that the frontier, the run summary and source health rely on.
So every crawler of the run shares one :class:`HostGate`: :class:`PolitenessMiddleware`,
the last downloader middleware before the download, waits until the host's delay has
passed since the previous request to it from *any* source and until the host has fewer
than its concurrency limit in flight. ``crawler.runtime.run.build_settings`` moves
``DOWNLOAD_DELAY``, ``CONCURRENT_REQUESTS_PER_DOMAIN`` and ``AUTOTHROTTLE_*`` into the
gate (``GOVWATCH_HOST_*``) and turns Scrapy's per-crawler delay off, so delays never
stack. robots.txt requests pass the gate too.

The delay is fixed (not randomised, so a site sees at least the configured gap) unless
AutoThrottle is on: then, like Scrapy's AutoThrottle, it follows the host's latency
divided by the target concurrency, between the configured delay and the maximum.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.asyncio import sleep

META_GATE = "govwatch_gate"  # (host, start time) while a request holds a place at the gate
POLL_S = 0.02  # how often a request waiting for a free place looks again


@dataclass
class HostState:
    delay: float
    next_at: float = 0.0  # the earliest moment the next request may start
    in_flight: int = 0


@dataclass
class HostGate:
    """Per-host delay and concurrency shared by every crawler of a run."""

    delay: float = 1.0
    concurrency: int = 2
    autothrottle: bool = False
    start_delay: float = 1.0
    max_delay: float = 30.0
    target_concurrency: float = 1.0
    clock: Callable[[], float] = time.monotonic
    hosts: dict[str, HostState] = field(default_factory=dict)

    def state(self, host: str) -> HostState:
        if host not in self.hosts:
            first = max(self.delay, self.start_delay) if self.autothrottle else self.delay
            self.hosts[host] = HostState(delay=first)
        return self.hosts[host]

    def try_acquire(self, host: str) -> float:
        """Take a place for ``host`` and return 0, or return how long to wait first."""
        state, now = self.state(host), self.clock()
        if state.in_flight >= max(1, self.concurrency):
            return POLL_S
        if now < state.next_at:
            return state.next_at - now
        state.in_flight += 1
        state.next_at = now + state.delay
        return 0.0

    async def acquire(self, host: str) -> None:
        while (wait := self.try_acquire(host)) > 0:
            await sleep(wait)

    def release(self, host: str, latency: float | None = None) -> None:
        """A request to ``host`` ended; with AutoThrottle, ``latency`` adjusts its delay."""
        state = self.state(host)
        state.in_flight = max(0, state.in_flight - 1)
        if self.autothrottle and latency is not None:
            wanted = latency / max(self.target_concurrency, 0.01)
            state.delay = min(self.max_delay, max(self.delay, (state.delay + wanted) / 2))


# The gate of the current run, shared by every source's crawler: keyed by run id. Only
# the latest run is kept (a process runs one crawl; tests run several).
_RUN_GATES: dict[str, HostGate] = {}


def gate_for(crawler: Crawler) -> HostGate:
    settings = crawler.settings
    run_id = str(settings.get("GOVWATCH_RUN_ID") or id(crawler))
    if run_id not in _RUN_GATES:
        _RUN_GATES.clear()
        _RUN_GATES[run_id] = HostGate(
            delay=settings.getfloat("GOVWATCH_HOST_DELAY", 1.0),
            concurrency=settings.getint("GOVWATCH_HOST_CONCURRENCY", 2),
            autothrottle=settings.getbool("GOVWATCH_HOST_AUTOTHROTTLE", False),
            start_delay=settings.getfloat("AUTOTHROTTLE_START_DELAY", 1.0),
            max_delay=settings.getfloat("AUTOTHROTTLE_MAX_DELAY", 30.0),
            target_concurrency=settings.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY", 1.0),
        )
    return _RUN_GATES[run_id]


class PolitenessMiddleware:
    """Scrapy adapter: every request waits at the run's :class:`HostGate`."""

    def __init__(self, gate: HostGate) -> None:
        self.gate = gate

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(gate_for(crawler))

    async def process_request(self, request: Request) -> None:
        host = (urlsplit(request.url).hostname or "").lower()
        await self.gate.acquire(host)
        request.meta[META_GATE] = (host, time.monotonic())

    def _release(self, request: Request, ok: bool) -> None:
        held = request.meta.pop(META_GATE, None)
        if held is not None:
            host, started = held
            self.gate.release(host, time.monotonic() - started if ok else None)

    def process_response(self, request: Request, response: Response) -> Response:
        self._release(request, ok=response.status < 400)
        return response

    def process_exception(self, request: Request, exception: Exception) -> Any:
        self._release(request, ok=False)
        return None
