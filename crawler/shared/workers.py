"""A pool of worker processes for CPU-bound extraction, one per crawl process.

trafilatura is pure CPU work and holds the GIL, so one Scrapy process extracts one page at
a time however many cores the machine has. The crawl runner (crawler/runtime/run.py) owns the
pool: :func:`configure` before the crawl, :func:`shutdown` after it. The page stages
(pipelines/chain.py) ask :func:`ready_pool` for it, and run in their own process when
there is none (workers = 0, a one-core machine, or a pool that broke).

Workers start at the first page (after ``start_after`` pages, 0 by default), from a
``forkserver`` that has already imported the extraction code and loaded the compiled
matchers (crawler.runtime.warmup), so the workers share one copy, a crawl that finds nothing new
never starts them, and no worker inherits Scrapy's threads or sockets. A crawl known to
have pages starts the forkserver itself before Scrapy loads (:func:`prestart`,
crawler.runtime.prestart), so that it loads while the crawl process starts; the workers
are still forked at the first page. The pool starts in
a thread: the crawl goes on downloading meanwhile, and pages wait for the pool (issue #14).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import threading
from concurrent.futures import Future
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when the pool starts: a crawl with no page never needs them
    from concurrent.futures import ProcessPoolExecutor

logger = logging.getLogger(__name__)

_wanted = 0
_start_after = 0  # pages extracted inline before the pool is worth starting
_seen = 0
_pool: ProcessPoolExecutor | None = None
_starting: Future[ProcessPoolExecutor] | None = None
_starter: threading.Thread | None = None
WARMUP_ENV = "GOVWATCH_WORKER_STAGES"  # the ChainSpec the forkserver loads (crawler.runtime.warmup)


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


def prestart_allowed() -> bool:
    """Whether :func:`prestart` would start the forkserver: workers are wanted from the
    first page (not only after ``start_after`` pages) and no pool is started."""
    return _wanted > 0 and _start_after == 0 and _pool is None and _starting is None


def prestart(spec: Any) -> bool:
    """Start the workers' forkserver now, loading ``spec`` (as for :func:`ready_pool`),
    without forking any worker: the pool, started at the first page, then forks from a
    forkserver that is ready or nearly so. A crawl that ends without a page leaves no
    worker behind, and the forkserver ends when this process does. False when
    :func:`prestart_allowed` says no or the forkserver cannot start."""
    if not prestart_allowed():
        return False
    from multiprocessing import forkserver

    try:
        _forkserver_context(spec)
        forkserver.ensure_running()
    except Exception as exc:  # noqa: BLE001 - the pool starts at the first page as before
        logger.debug("forkserver not started early: %s", exc)
        return False
    return True


def _forkserver_context(spec: Any) -> Any:
    """The forkserver context, with what its server loads before it forks a worker."""
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    # crawler.shared.forkserver first: the forkserver and its workers ignore SIGINT/SIGTERM
    context.set_forkserver_preload(["crawler.shared.forkserver", "pipelines.extract",
                                    "crawler.runtime.warmup"])
    if spec is not None:  # read by crawler.runtime.warmup in the forkserver
        os.environ[WARMUP_ENV] = json.dumps(asdict(spec))
    return context


def pool() -> ProcessPoolExecutor | None:
    """The pool, started on first use (waiting for it); None when the page should be
    extracted inline. :func:`ready_pool` is the same without blocking the crawl."""
    global _seen
    if _pool is None and _wanted > 0 and _seen < _start_after:
        _seen += 1
        return None
    if _pool is None and _wanted > 0:
        try:
            (_starting or _start(None)).result()
        except Exception as exc:  # noqa: BLE001 - no pool: extract inline, say why
            broken(f"could not start: {exc}")
    return _pool


async def ready_pool(spec: Any = None) -> ProcessPoolExecutor | None:
    """The pool, started on first use (``spec``, a pipelines.chain.ChainSpec, is loaded by
    the forkserver before it forks); None when the page should be handled inline."""
    global _seen
    if _pool is None and _wanted > 0 and _seen < _start_after:
        _seen += 1
        return None
    if _pool is None and _wanted > 0:
        starting = _starting or _start(spec)
        try:
            await asyncio.wrap_future(starting)
        except Exception as exc:  # noqa: BLE001 - no pool: extract inline, say why
            broken(f"could not start: {exc}")
    return _pool


def _start(spec: Any) -> Future[ProcessPoolExecutor]:
    """Start the pool in a thread (the forkserver takes about a second to load)."""
    global _starting, _starter
    future: Future[ProcessPoolExecutor] = Future()
    wanted = _wanted

    def run() -> None:
        global _pool
        from concurrent.futures import ProcessPoolExecutor

        try:
            context = _forkserver_context(spec)
            executor = ProcessPoolExecutor(max_workers=wanted, mp_context=context,
                                           initializer=exit_with_parent)
            for started in [executor.submit(os.getpid) for _ in range(wanted)]:
                started.result()
        except BaseException as exc:
            if future.set_running_or_notify_cancel():
                future.set_exception(exc)
        else:
            if future.set_running_or_notify_cancel():
                _pool = executor
                future.set_result(executor)
            else:
                executor.shutdown(wait=False, cancel_futures=True)

    _starting = future
    _starter = threading.Thread(target=run, name="govwatch-workers", daemon=True)
    _starter.start()
    return future


def exit_with_parent() -> None:
    """In a worker: end it when the crawl process dies without shutting the pool down
    (``kill -9``, the OOM killer). A worker otherwise waits for work forever (its task
    queue has a writer in every worker) and keeps the forkserver alive with it."""
    import multiprocessing
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="govwatch-parent-watch", daemon=True).start()


def broken(reason: str) -> None:
    """Give up on the pool (a worker died): the rest of the crawl extracts inline."""
    global _pool, _wanted
    logger.warning("extraction workers stopped (%s); extracting in the crawl process", reason)
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)
    _pool, _wanted = None, 0


def _stop_starting() -> None:
    """Wait for a pool that is starting (so it can be shut down), then forget it."""
    global _starting, _starter
    if _starter is not None:
        _starter.join()
    _starting, _starter = None, None


def shutdown() -> None:
    global _pool
    _stop_starting()
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


def kill() -> None:
    """End the workers now (a crawl stopped past its bound is about to exit): they ignore
    SIGTERM (crawler.shared.forkserver), so they are killed."""
    global _pool
    if _starting is not None:
        _starting.cancel()  # a pool still starting is shut down by its thread
    if _pool is not None:
        processes = getattr(_pool, "_processes", None) or {}
        for process in list(processes.values()):
            with contextlib.suppress(OSError, ValueError):
                process.kill()
        _pool.shutdown(wait=False, cancel_futures=True)
        _pool = None
