"""Seen stage (first): drop items whose URL is already stored, before any extraction.

Article *requests* are filtered before download by crawler.runtime.middlewares.stored.SkipStoredMiddleware;
this stage covers items built straight from a feed's full text (``fetch_articles = false``),
which never pass through the downloader. Dropped items count as ``already_stored``.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from crawler import db as dbm
from crawler.db.component import DbComponent
from crawler.shared.items import Article


class AlreadyStored(DropItem):
    def __init__(self, url: str) -> None:
        super().__init__(f"already stored: {url}", log_level="DEBUG")


class SeenPipeline(DbComponent):
    def process_item(self, item: Article) -> Article:
        if item.from_feed and dbm.is_known_url(self.db, item.url):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("govwatch/skip/already_stored")
            dbm.settle_known_url(self.db, item.url)
            raise AlreadyStored(item.url)
        return item
