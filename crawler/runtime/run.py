"""Run one crawl: every selected source in one Scrapy process, recorded as one run.

``crawl()`` must be called at most once per process (Twisted's reactor cannot restart);
the scheduler starts each crawl in a child process.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler import __version__
from crawler import db as dbm
from crawler.config import ConfigError, Source
from crawler.runtime.prestart import PlainSettings, prestart_workers
from crawler.shared import memory, workers
from crawler.shared.exits import EXIT_OK, EXIT_SIGTERM, EXIT_SOURCE_FAILED

if TYPE_CHECKING:  # Scrapy is imported by crawl(), after the workers may have been started
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

logger = logging.getLogger(__name__)


def spiders() -> dict[str, Any]:
    """The spider class of each source kind."""
    from crawler.runtime.spiders.feed import FeedSpider
    from crawler.runtime.spiders.html import HtmlSpider
    from crawler.runtime.spiders.sitemap import SitemapSpider

    return {"feed": FeedSpider, "sitemap": SitemapSpider, "html": HtmlSpider}


class NetworkErrorsOnOneLine(logging.Filter):
    """Other people's network trouble (a refused connection while fetching robots.txt, a
    DNS failure…) is logged by Scrapy with a traceback; keep it to its one-line message.
    Tracebacks of any other exception, i.e. our own bugs, are left alone."""

    # Scrapy replaces its root handler per crawler, so the filter sits on these loggers.
    LOGGERS = ("scrapy.downloadermiddlewares.robotstxt", "scrapy.downloadermiddlewares.retry",
               "scrapy.core.scraper", "scrapy.core.engine", "scrapy.core.downloader")
    NETWORK_MODULES = ("twisted.internet.error", "twisted.web._newclient", "scrapy.exceptions")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            if type(exc).__module__ in self.NETWORK_MODULES or isinstance(exc, TimeoutError):
                record.exc_info = None
                record.exc_text = None
                if record.levelno > logging.WARNING:
                    record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


@dataclass
class RunResult:
    run_id: int
    exit_code: int
    rows: list[dict[str, Any]]


def user_agent(contact: str) -> str:
    """``govwatch/VERSION``, with `` (+CONTACT)`` when the operator set a contact."""
    return f"govwatch/{__version__}" + (f" (+{contact})" if contact else "")


def build_settings(db_path: Path, config_dir: Path, overrides: dict[str, str],
                   log_level: str = "WARNING") -> Settings:
    from scrapy.settings import Settings

    from crawler.runtime import lean

    settings = Settings()
    settings.setmodule("crawler.runtime.settings", priority="project")
    settings.set("GOVWATCH_DB", str(db_path), priority="cmdline")
    settings.set("GOVWATCH_CONFIG_DIR", str(config_dir), priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    # Politeness per host across sources (crawler.runtime.politeness explains why): the shared
    # gate gets the delay, the concurrency and AutoThrottle; Scrapy's per-crawler delay is
    # turned off so that the two never stack.
    settings.set("GOVWATCH_HOST_DELAY", settings.getfloat("DOWNLOAD_DELAY"), priority="cmdline")
    settings.set("GOVWATCH_HOST_CONCURRENCY", settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
                 priority="cmdline")
    settings.set("GOVWATCH_HOST_AUTOTHROTTLE", settings.getbool("AUTOTHROTTLE_ENABLED"),
                 priority="cmdline")
    settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
    settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
    contact = (overrides.get("GOVWATCH_CONTACT_URL") or os.environ.get("GOVWATCH_CONTACT_URL")
               or settings.get("GOVWATCH_CONTACT_URL") or "").strip()
    settings.set("GOVWATCH_CONTACT_URL", contact, priority="cmdline")
    if "USER_AGENT" not in overrides:
        settings.set("USER_AGENT", user_agent(contact), priority="cmdline")
    lean.drop_disabled(settings)
    return settings


class GracefulStop:
    """SIGTERM and SIGINT during a crawl: stop within ``bound`` seconds.

    The first signal asks every spider to close (Scrapy's graceful stop: no new requests;
    pages already downloaded are extracted and stored) and starts the bound. A crawl still
    running when it ends, or a second signal, is ended by :meth:`force`: the run is recorded
    as stopped and the process exits. Either way pages in flight are not lost: a source
    that did not finish keeps its old listing validators, so the next run reads its
    listings in full and finds them again.
    """

    def __init__(self, process: CrawlerProcess, bound: float,
                 finish: Callable[[int], object]) -> None:
        self.process, self.bound, self.finish = process, bound, finish
        self.signum: int | None = None
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._forcing = False

    def install(self) -> None:
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)

    @property
    def exit_code(self) -> int | None:
        return None if self.signum is None else 128 + self.signum

    def _on_signal(self, signum: int, _frame: Any) -> None:
        from twisted.internet import reactor

        if self.signum is not None:  # a second signal: do not wait any longer
            threading.Thread(target=self.force, name="govwatch-stop", daemon=True).start()
            return
        self.signum = signum
        self._timer = threading.Timer(self.bound, self.force)
        self._timer.daemon = True
        self._timer.start()
        reactor.callFromThread(self._stop)  # logging is unsafe inside a signal handler

    def _stop(self) -> None:
        assert self.signum is not None
        logger.warning("received %s: stopping the crawl (at most %gs; again to stop now)",
                       signal.Signals(self.signum).name, self.bound)
        self.process.stop()

    def done(self) -> None:
        """The crawl ended by itself: cancel the bound (or wait for a force under way)."""
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            forcing = self._forcing
        if forcing:
            threading.Event().wait()  # force() records the run and exits the process

    def force(self) -> None:
        with self._lock:
            if self._forcing:
                return
            self._forcing = True
        code = self.exit_code or EXIT_SIGTERM
        try:
            workers.kill()
            self.finish(code)
            print(f"govwatch: crawl stopped after the {self.bound:g}s stop bound "
                  f"(GOVWATCH_STOP_TIMEOUT); pages in flight are fetched next run",
                  file=sys.stderr, flush=True)
        finally:
            logging.shutdown()
            os._exit(code)


def load_scrapy() -> type[CrawlerProcess]:
    """Import Scrapy's crawler (after the workers' forkserver may have been started: ~0.3 s)
    with its TLS context factory: now, not from inside the reactor's callbacks, and
    without walking the stack (crawler.runtime.lean; ~40 ms of every crawl, issue #14)."""
    from crawler.runtime import lean

    lean.import_tls()
    from scrapy.crawler import CrawlerProcess

    return CrawlerProcess


def crawl(sources: list[Source], db_path: Path, config_dir: Path,
          overrides: dict[str, str], log_level: str = "WARNING") -> RunResult:
    """Crawl ``sources`` into ``db_path``; returns the run's id, exit code and summary rows.

    SIGTERM or SIGINT stops the crawl within GOVWATCH_STOP_TIMEOUT seconds with exit code
    143 or 130 (see :class:`GracefulStop`).
    """
    memory.return_large_blocks()  # a page's buffers are not kept after it (issue #14)
    plain = PlainSettings(overrides, config_dir)  # what Scrapy's settings will say
    try:
        extract_workers = workers.parse_workers(plain.get("GOVWATCH_EXTRACT_WORKERS"))
    except ValueError as exc:
        raise ConfigError("-s GOVWATCH_EXTRACT_WORKERS", str(exc)) from None
    try:
        workers_after = plain.getint("GOVWATCH_EXTRACT_WORKERS_AFTER", 0)
    except ValueError:
        raise ConfigError("-s GOVWATCH_EXTRACT_WORKERS_AFTER", "expected a whole number of "
                          f"pages, got {plain.get('GOVWATCH_EXTRACT_WORKERS_AFTER')!r}") from None
    db = dbm.open_db(db_path)
    dbm.sync_sources(db, sources)
    workers.configure(extract_workers, workers_after)
    # Before Scrapy loads (~0.3 s): a crawl known to have pages starts the workers'
    # forkserver now, which loads the page stages while this process starts
    prestart_workers(db, [s.id for s in sources], plain)
    process_class = load_scrapy()
    settings = build_settings(db_path, config_dir, overrides, log_level)
    run_id = dbm.start_run(db, [s.id for s in sources], os.getpid())
    settings.set("GOVWATCH_RUN_ID", run_id, priority="cmdline")
    process = process_class(settings)
    one_line = NetworkErrorsOnOneLine()
    for name in NetworkErrorsOnOneLine.LOGGERS:
        logging.getLogger(name).addFilter(one_line)
    logging.getLogger("scrapy").setLevel(log_level)
    kinds = spiders()
    for source in sources:
        process.crawl(kinds[source.kind], source=source)

    def finish(exit_code: int | None) -> tuple[list[dict[str, Any]], int]:
        """Record the run's end; sources whose crawl never closed get a row too."""
        conn = dbm.open_db(db_path, check=False)
        rows = dbm.run_summary(conn, run_id)
        done = {r["source_id"] for r in rows}
        stopped = stop.signum is not None
        for source in sources:  # a crawler that never closed: stopped, killed or crashed
            if source.id not in done:
                row = {"source_id": source.id, "status": "stopped" if stopped else "failed",
                       "finish_reason": "shutdown" if stopped else "not run", "requested": 0,
                       "new": 0, "already_stored": 0, "duplicates": 0, "ignored": 0,
                       "errors": 0, "listings_not_modified": 0, "pending": 0, "gave_up": 0}
                if stopped:
                    dbm.record_run_source(conn, run_id, source.id,
                                          {k: v for k, v in row.items() if k != "source_id"})
                rows.append(row)
        if exit_code is None:
            exit_code = (EXIT_SOURCE_FAILED if any(r["status"] == "failed" for r in rows)
                         else EXIT_OK)
        dbm.finish_run(conn, run_id, "shutdown" if stopped else "finished", exit_code)
        conn.conn.close()
        return rows, exit_code

    stop = GracefulStop(process, settings.getfloat("GOVWATCH_STOP_TIMEOUT", 10.0), finish)
    stop.install()
    # What start-up built (Scrapy, Twisted, the config: ~70,000 objects) lives as long as
    # the crawl: out of the cyclic collector's sight, whose full collections walked all of
    # it each time (439 pages: 0.18 -> 0.07 s of CPU in full collections; issue #14).
    gc.freeze()
    gc.enable()  # off while govwatch started (crawler/__main__.py)
    try:
        process.start(install_signal_handlers=False)
    finally:
        stop.done()
        workers.shutdown()
    db.conn.close()
    rows, exit_code = finish(stop.exit_code)
    return RunResult(run_id=run_id, exit_code=exit_code,
                     rows=sorted(rows, key=lambda r: r["source_id"]))
