"""The crawl frontier at run time (issue #11): what to fetch, and what a failure means.

Spiders only report what their listings hold (``crawler.runtime.signals.listing_fetched``); the
:class:`FrontierExtension` writes the entries into the ``frontier`` table (crawler.db) in
the transaction that records the listing's validators, and only when the spider has read
every listing (its first ``spider_idle``) does it schedule the source's due entries,
newest first, at most ``max_articles`` downloads: entries left over from earlier runs
compete with new ones on equal terms.

The rules are pure functions, tested without Scrapy: :func:`is_permanent` (a failure
that no retry will fix), :func:`retry_delay` (exponential backoff, Retry-After honoured),
:func:`retry_after_seconds` and :func:`too_old` (a source's ``max_age``).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, Self

from scrapy import signals as scrapy_signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider

from crawler import db as dbm
from crawler.config import RETRY_BACKOFF_MAX_S
from crawler.db import frontier as frontier_db
from crawler.db.component import DbComponent
from crawler.runtime import signals
from crawler.shared.dates import format_utc, parse_utc

logger = logging.getLogger(__name__)

# HTTP statuses worth retrying later: timeouts, rate limits and server trouble. Any other
# 4xx (404, 410, 401, 403, 451…) says the page is not there for us: final at once.
TRANSIENT_STATUSES = frozenset({408, 425, 429})
# Failures without a status that a later attempt will not fix either (the texts of
# crawler.runtime.spiders.base.describe_failure and of crawler.runtime.middlewares.meta.NotFetched).
PERMANENT_ERRORS = ("redirect loop", "response larger than DOWNLOAD_MAXSIZE",
                    "download cancelled", "refused:", "redirect refused:")


def is_permanent(http_status: int | None, error: str) -> bool:
    """True when retrying cannot help: a 4xx other than 408/425/429, a redirect loop, a
    page over the size limit, a URL or redirect that is not http(s). Timeouts, refused
    connections, DNS failures and 5xx may pass."""
    if http_status is not None:
        return 400 <= http_status < 500 and http_status not in TRANSIENT_STATUSES
    return error.startswith(PERMANENT_ERRORS)


def retry_delay(attempts: int, base_s: float, retry_after_s: float | None = None,
                cap_s: float = RETRY_BACKOFF_MAX_S) -> float:
    """Seconds to wait after ``attempts`` failed attempts: ``base_s``, doubled for each
    further failure, at most ``cap_s``; never sooner than the server's Retry-After."""
    delay = min(base_s * 2 ** max(0, attempts - 1), cap_s)
    if retry_after_s is not None:
        delay = max(delay, retry_after_s)
    return delay


def retry_after_seconds(value: str | bytes | None, now: datetime) -> float | None:
    """A Retry-After header (seconds, or an HTTP date) as seconds from ``now``; None when
    absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def too_old(published_at: str | None, max_age_s: float | None, now: datetime) -> bool:
    """True when a listing date is older than ``max_age_s`` (undated entries never are)."""
    if not published_at or max_age_s is None:
        return False
    moment = parse_utc(published_at)
    return moment is not None and (now - moment).total_seconds() > max_age_s


def describe_age(seconds: float) -> str:
    days = seconds / 86400
    return f"{days:g}d" if days >= 1 else f"{seconds / 3600:g}h"


class FrontierExtension(DbComponent):
    """Scrapy adapter: writes listings' entries, schedules due ones, records failures."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.scheduled = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        ext = cls(crawler)
        crawler.signals.connect(ext.listing_fetched, signal=signals.listing_fetched)
        crawler.signals.connect(ext.fetch_failed, signal=signals.fetch_failed)
        crawler.signals.connect(ext.entry_settled, signal=signals.entry_settled)
        crawler.signals.connect(ext.spider_idle, signal=scrapy_signals.spider_idle)
        crawler.signals.connect(ext.spider_closed, signal=scrapy_signals.spider_closed)
        return ext

    @property
    def stats(self) -> Any:
        assert self.crawler.stats is not None
        return self.crawler.stats

    def listing_fetched(self, source_id: str, url: str, status: int, etag: str | None,
                        last_modified: str | None, entries: list[dict[str, Any]],
                        children: list[str], root: bool) -> None:
        new, stored = dbm.record_listing_entries(self.db, source_id, url, status, etag,
                                                 last_modified, entries, children)
        self.stats.inc_value("govwatch/frontier/new", new)
        # Listed again but already stored: not fetched again (the summary's "stored").
        self.stats.inc_value("govwatch/skip/already_stored", stored)

    def spider_idle(self) -> None:
        """Every listing is read: schedule the due entries, once per run."""
        if self.scheduled:
            return
        self.scheduled = True
        spider: Any = self.crawler.spider
        source = spider.source
        rows = frontier_db.due_entries(self.db, source.id, dbm.utcnow(), source.max_articles)
        engine = self.crawler.engine
        assert engine is not None
        for row in rows:
            hints = {k: row[k] for k in frontier_db.HINTS if row.get(k)}
            engine.crawl(spider.article_request(row["url"], **hints))
        if rows:
            raise DontCloseSpider

    def fetch_failed(self, source_id: str, url: str, error: str, http_status: int | None,
                     listing: bool, root: bool, retry_after: float | None = None) -> None:
        if listing:
            return
        spider: Any = self.crawler.spider
        source = spider.source
        now = datetime.now(UTC)

        def next_attempt(attempts: int) -> str:
            delay = retry_delay(attempts, source.retry_backoff, retry_after)
            return format_utc(now + timedelta(seconds=delay))

        with dbm.transaction(self.db):
            state = frontier_db.record_failure(
                self.db, url, error, http_status, format_utc(now),
                permanent=is_permanent(http_status, error), max_attempts=source.max_attempts,
                next_attempt_at=next_attempt)
        if state:
            self.stats.inc_value(f"govwatch/frontier/{state}")

    def entry_settled(self, url: str, state: str, reason: str | None = None) -> None:
        with dbm.transaction(self.db):
            frontier_db.settle(self.db, url, state, dbm.utcnow(), reason)
        self.stats.inc_value(f"govwatch/frontier/{state}")

    def spider_closed(self) -> None:
        self.close_db()
