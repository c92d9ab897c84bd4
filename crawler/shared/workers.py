"""A pool of worker processes for CPU-bound extraction, one per crawl process.

trafilatura is pure CPU work and holds the GIL, so one Scrapy process extracts one page at
a time however many cores the machine has. The crawl runner (crawler/runtime/run.py) owns the
pool: :func:`configure` before the crawl, :func:`shutdown` after it. The extract stage
asks :func:`pool` for it, and extracts in its own process when there is none (workers = 0,
a one-core machine, or a pool that broke). Workers start lazily, at the first page, from a
``forkserver`` that has already imported the extraction code, so a crawl that finds
nothing new never starts them, and no worker inherits Scrapy's threads or sockets.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

logger = logging.getLogger(__name__)

_wanted = 0
_start_after = 0  # pages extracted inline before the pool is worth starting
_seen = 0
_pool: ProcessPoolExecutor | None = None


def default_workers(cores: int | None = None) -> int:
    """Workers when GOVWATCH_EXTRACT_WORKERS is "auto": one per core beyond the first
    (the crawl process itself keeps one busy), at least 2 on a multi-core machine, at
    most 4; none on a single core, where a pool only adds overhead. ``cores`` defaults
    to the cores this process may run on."""
    if cores is None:
        cores = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                 else os.cpu_count()) or 1
    return 0 if cores < 2 else min(4, max(2, cores - 1))


def parse_workers(value: object) -> int:
    """The GOVWATCH_EXTRACT_WORKERS setting: "auto" or a number of processes (0 = none)."""
    text = str(value).strip().lower()
    if text in ("", "auto"):
        return default_workers()
    try:
        number = int(text)
    except ValueError:
        raise ValueError(f"expected 'auto' or a number, got {value!r}") from None
    if number < 0:
        raise ValueError(f"must be 0 or more, got {number}")
    return number


def configure(workers: int, start_after: int = 0) -> None:
    """Allow up to ``workers`` extraction processes for this crawl (0: extract inline),
    started once ``start_after`` pages have been extracted inline: a scheduled crawl that
    finds a handful of new pages never pays for starting processes."""
    global _wanted, _start_after, _seen
    shutdown()
    _wanted, _start_after, _seen = workers, start_after, 0


def pool() -> ProcessPoolExecutor | None:
    """The pool, started on first use; None when extraction should run inline."""
    global _pool, _seen
    if _pool is None and _wanted > 0 and _seen < _start_after:
        _seen += 1
        return None
    if _pool is None and _wanted > 0:
        context = multiprocessing.get_context("forkserver")
        # crawler.shared.forkserver first: the forkserver and its workers ignore SIGINT/SIGTERM
        context.set_forkserver_preload(["crawler.shared.forkserver", "pipelines.extract"])
        _pool = ProcessPoolExecutor(max_workers=_wanted, mp_context=context)
    return _pool


def broken(reason: str) -> None:
    """Give up on the pool (a worker died): the rest of the crawl extracts inline."""
    global _pool, _wanted
    logger.warning("extraction workers stopped (%s); extracting in the crawl process", reason)
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
    _pool, _wanted = None, 0


def shutdown() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


def kill() -> None:
    """End the workers now (a crawl stopped past its bound is about to exit): they ignore
    SIGTERM (crawler.shared.forkserver), so they are killed."""
    global _pool
    if _pool is not None:
        processes = getattr(_pool, "_processes", None) or {}
        for process in list(processes.values()):
            with contextlib.suppress(OSError, ValueError):
                process.kill()
        _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None
