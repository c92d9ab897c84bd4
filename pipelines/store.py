"""Store stage: write an extracted article to SQLite, exactly once.

Decision, in one write transaction per item:
1. the canonical URL is already stored → same text: nothing to do ("already stored");
   changed text: update the row in place, keeping its id (``updated_at`` is set);
2. another article has the same normalised text → keep this URL as another mention of that
   article ("duplicate");
3. otherwise insert a new article ("new").
The raw body is never stored.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Self

from scrapy.crawler import Crawler

from crawler import db as dbm
from crawler.items import Article

_NOT_STORED = ("body", "content_type", "http_encoding", "from_feed", "final_url",
               "feed_published_at", "feed_summary", "feed_language", "source_language",
               "title_candidates")


def to_record(item: Article) -> dict[str, Any]:
    record = asdict(item)
    for key in _NOT_STORED:
        record.pop(key, None)
    # Unknown is NULL in the database, never an empty string.
    return {k: (None if v == "" else v) for k, v in record.items()}


def store(db: Any, item: Article) -> tuple[str, int]:
    """Write ``item``; returns (outcome, article id), outcome in new|updated|already_stored|duplicate."""
    record = to_record(item)
    with dbm.transaction(db):
        existing = dbm.article_id_for_url(db, item.url)
        if existing is not None:
            row = db.execute("SELECT content_hash FROM articles WHERE id = ?",
                             (existing,)).fetchone()
            if row and row[0] == item.content_hash:
                outcome = "already_stored"
            else:
                dbm.update_article(db, existing, record)
                outcome = "updated"
            article_id = existing
        else:
            same_text = dbm.find_article_by_hash(db, item.content_hash)
            if same_text is not None:
                dbm.add_article_url(db, item.url, same_text, item.source_id, "same_text")
                outcome, article_id = "duplicate", same_text
            else:
                article_id = dbm.insert_article(db, record)
                outcome = "new"
        if item.final_url and item.final_url != item.url:
            dbm.add_article_url(db, item.final_url, article_id, item.source_id, "redirect")
    return outcome, article_id


class StorePipeline:
    """Scrapy adapter for :func:`store`."""

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
        outcome, article_id = store(self.db, item)
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"govwatch/store/{outcome}")
        item.body = b""  # free the page; the item may be kept by other extensions
        return item
