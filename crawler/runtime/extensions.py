"""RunRecorder: writes what a crawl of one source did into runs and errors.

Spiders announce listing fetches and failures through ``crawler.runtime.signals``; pipelines count
outcomes in the stats. At the end of the crawl this extension turns the counts into the
source's ``run_sources`` row and updates its state in ``sources``.
"""

from __future__ import annotations

import logging
from typing import Any, Self

from scrapy import signals as scrapy_signals
from scrapy.crawler import Crawler

from crawler import db as dbm
from crawler.db import frontier as frontier_db
from crawler.runtime import signals
from crawler.runtime.middlewares.meta import META_ARTICLE, META_CONTENT
from crawler.shared.items import Article

logger = logging.getLogger(__name__)


class RunRecorder:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_path = crawler.settings.get("GOVWATCH_DB")
        self.run_id = crawler.settings.getint("GOVWATCH_RUN_ID") or None
        self.db: Any = None
        self.root_errors: list[str] = []
        self.roots_ok = 0
        self.not_modified = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=scrapy_signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=scrapy_signals.spider_closed)
        crawler.signals.connect(ext.item_dropped, signal=scrapy_signals.item_dropped)
        crawler.signals.connect(ext.listing_fetched, signal=signals.listing_fetched)
        crawler.signals.connect(ext.fetch_failed, signal=signals.fetch_failed)
        crawler.signals.connect(ext.entry_ignored, signal=signals.entry_ignored)
        crawler.signals.connect(ext.response_received, signal=scrapy_signals.response_received)
        return ext

    def spider_opened(self) -> None:
        self.db = dbm.open_db(self.db_path, check=False)  # checked by crawler.runtime.run

    def listing_fetched(self, source_id: str, url: str, status: int, root: bool,
                        **_: Any) -> None:
        # The listing and its entries are written by crawler.runtime.frontier.FrontierExtension.
        if status == 304:
            self.not_modified += 1
        if root:
            self.roots_ok += 1

    def fetch_failed(self, source_id: str, url: str, error: str, http_status: int | None,
                     listing: bool, root: bool, **_: Any) -> None:
        dbm.record_fetch_error(self.db, self.run_id, source_id, url, error, http_status)
        if listing and root:
            self.root_errors.append(f"{url}: {error}")

    def response_received(self, response: Any, request: Any, **_: Any) -> None:
        """An article page downloaded (after retries and redirects): the summary's
        ``requested``. Requests skipped before download (already stored, robots.txt) or
        that never got an answer do not count, nor full-text feed entries (nothing is
        downloaded for them)."""
        if request.meta.get(META_ARTICLE) and not request.meta.get(META_CONTENT):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("govwatch/fetch/article")

    def entry_ignored(self, source_id: str, url: str, reason: str) -> None:
        dbm.record_ignored(self.db, url, source_id, reason, "", self.run_id)

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        # here, not at the top: a crawl that finds nothing new never imports the extraction
        # code (issue #14); the page stages that raise NotAnArticle have imported it
        from pipelines.extract import NotAnArticle

        if isinstance(item, Article) and isinstance(exception, NotAnArticle):
            dbm.record_ignored(self.db, item.url, item.source_id, exception.reason,
                               item.content_type, self.run_id)

    def spider_closed(self, reason: str) -> None:
        spider = self.crawler.spider
        assert spider is not None and self.crawler.stats is not None
        source_id = spider.name
        get = self.crawler.stats.get_value
        # Stopped by a signal (the scheduler stopping, Ctrl-C): not the source's fault.
        stopped = reason == "shutdown" and not self.root_errors
        failed = bool(self.root_errors) or reason not in ("finished", "shutdown")
        if stopped:
            status = "stopped"
        elif failed:
            status = "failed"
        elif self.not_modified and self.not_modified == self.roots_ok:
            status = "not_modified"
        else:
            status = "ok"
        counts = {
            "status": status,
            "finish_reason": reason,
            "requested": get("govwatch/fetch/article", 0),
            "new": get("govwatch/store/new", 0),
            "already_stored": get("govwatch/skip/already_stored", 0)
            + get("govwatch/store/already_stored", 0),
            "duplicates": get("govwatch/store/duplicate", 0)
            + get("govwatch/store/republished", 0),
            "ignored": get("govwatch/extract/ignored", 0) + get("govwatch/skip/bad_entry", 0),
            "errors": get("govwatch/fetch/error", 0),
            "listings_not_modified": self.not_modified,
            # due frontier entries left for a later run (over the cap, or made due again)
            "pending": frontier_db.count_due(self.db, source_id, dbm.utcnow()),
            "gave_up": get("govwatch/frontier/gave_up", 0),
        }
        if self.run_id:
            dbm.record_run_source(self.db, self.run_id, source_id, counts)
        error = "; ".join(self.root_errors) or (None if not failed else f"crawl ended: {reason}")
        if not stopped:
            dbm.record_source_result(self.db, source_id, ok=not failed, status=status, error=error)
        self.db.conn.close()
