"""Seen stage (first): drop items whose URL is already stored, before any extraction.

Article *requests* are filtered before download by crawler.middlewares.SkipStoredMiddleware;
this stage covers items built straight from a feed's full text (``fetch_articles = false``),
which never pass through the downloader. Dropped items count as ``already_stored``.
"""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler import db as dbm
from crawler.items import Article


class AlreadyStored(DropItem):
    def __init__(self, url: str) -> None:
        super().__init__(f"already stored: {url}", log_level="DEBUG")


class SeenPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_path = crawler.settings.get("GOVWATCH_DB")
        self.db: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def open_spider(self) -> None:
        self.db = dbm.open_db(self.db_path)

    def close_spider(self) -> None:
        if self.db is not None:
            self.db.conn.close()

    def process_item(self, item: Article) -> Article:
        if item.from_feed and dbm.is_known_url(self.db, item.url):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("govwatch/skip/already_stored")
            raise AlreadyStored(item.url)
        return item
