"""Run one crawl: every selected source in one Scrapy process, recorded as one run.

``crawl()`` must be called at most once per process (Twisted's reactor cannot restart);
the scheduler starts each crawl in a child process.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler import __version__, workers
from crawler import db as dbm
from crawler.config import ConfigError, Source
from crawler.spiders.feed import FeedSpider
from crawler.spiders.html import HtmlSpider
from crawler.spiders.sitemap import SitemapSpider

SPIDERS = {"feed": FeedSpider, "sitemap": SitemapSpider, "html": HtmlSpider}

EXIT_OK = 0
EXIT_SOURCE_FAILED = 1
EXIT_USAGE = 2
EXIT_DATABASE = 3


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
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("GOVWATCH_DB", str(db_path), priority="cmdline")
    settings.set("GOVWATCH_CONFIG_DIR", str(config_dir), priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    for name, value in overrides.items():
        settings.set(name, value, priority="cmdline")
    # Politeness per host across sources (crawler.politeness explains why): the shared
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
    return settings


def crawl(sources: list[Source], db_path: Path, config_dir: Path,
          overrides: dict[str, str], log_level: str = "WARNING") -> RunResult:
    """Crawl ``sources`` into ``db_path``; returns the run's id, exit code and summary rows."""
    settings = build_settings(db_path, config_dir, overrides, log_level)
    try:
        extract_workers = workers.parse_workers(settings.get("GOVWATCH_EXTRACT_WORKERS"))
    except ValueError as exc:
        raise ConfigError("-s GOVWATCH_EXTRACT_WORKERS", str(exc)) from None
    db = dbm.open_db(db_path)
    dbm.sync_sources(db, sources)
    run_id = dbm.start_run(db, [s.id for s in sources], os.getpid())
    settings.set("GOVWATCH_RUN_ID", run_id, priority="cmdline")
    workers.configure(extract_workers,
                      settings.getint("GOVWATCH_EXTRACT_WORKERS_AFTER", 16))
    process = CrawlerProcess(settings)
    one_line = NetworkErrorsOnOneLine()
    for name in NetworkErrorsOnOneLine.LOGGERS:
        logging.getLogger(name).addFilter(one_line)
    logging.getLogger("scrapy").setLevel(log_level)
    for source in sources:
        process.crawl(SPIDERS[source.kind], source=source)
    reason = "finished"
    try:
        process.start()
    except KeyboardInterrupt:  # pragma: no cover - interactive stop
        reason = "shutdown"
    finally:
        workers.shutdown()
    rows = dbm.run_summary(db, run_id)
    done = {r["source_id"] for r in rows}
    for source in sources:  # a crawler that never closed (killed, crashed) counts as failed
        if source.id not in done:
            rows.append({"source_id": source.id, "status": "failed", "finish_reason": "not run",
                         "requested": 0, "new": 0, "already_stored": 0, "duplicates": 0,
                         "ignored": 0, "errors": 0, "listings_not_modified": 0,
                         "pending": 0, "gave_up": 0})
    exit_code = EXIT_SOURCE_FAILED if any(r["status"] == "failed" for r in rows) else EXIT_OK
    dbm.finish_run(db, run_id, reason, exit_code)
    db.conn.close()
    return RunResult(run_id=run_id, exit_code=exit_code, rows=sorted(rows, key=lambda r: r["source_id"]))
