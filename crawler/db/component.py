"""The base of every Scrapy component that reads or writes the crawl's database.

Each component (a middleware, a pipeline stage, an extension) keeps its own connection to
``GOVWATCH_DB``, opened on first use and closed when the spider closes. SQLite in WAL mode
lets them share the file; each write is its own short transaction (crawler.db).
"""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler

from crawler import db as dbm


class DbComponent:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_path = crawler.settings.get("GOVWATCH_DB")
        self._db: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    @property
    def db(self) -> Any:
        if self._db is None:
            self._db = dbm.open_db(self.db_path, check=False)  # checked by crawler.runtime.run
        return self._db

    def close_db(self) -> None:
        if self._db is not None:
            self._db.conn.close()
            self._db = None

    # Item pipelines: open at the start (so a bad database fails early), close at the end.
    def open_spider(self) -> None:
        _ = self.db

    def close_spider(self) -> None:
        self.close_db()
