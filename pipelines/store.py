"""Store stage: write an extracted article to SQLite, exactly once.

Decision, in one write transaction per item:
1. the canonical URL is already stored → same text: nothing to do ("already stored");
   changed text: update the row in place, keeping its id (``updated_at`` is set, the
   change is logged in ``article_changes``);
2. another article has the same normalised text → keep this URL as another mention of that
   article ("duplicate");
3. the same source ran the same (non-generic) title within the window → the article was
   republished or moved: keep its id, the newest text and this URL ("republished");
4. otherwise insert a new article ("new").
Then, in the same transaction, the article joins a story (pipelines/story.py: a
near-duplicate of a stored article joins that article's story). The raw body is never
stored.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any

from scrapy.crawler import Crawler

from crawler import db as dbm
from crawler.config import DedupRules, crawl_config_dir, load_dedup_rules, load_people
from crawler.db import frontier, stories
from crawler.db.component import DbComponent
from crawler.shared import matchcache
from crawler.shared.items import Article

if TYPE_CHECKING:
    from pipelines.crosslang import PeopleMatcher

_NOT_STORED = ("body", "content_type", "http_encoding", "from_feed", "final_url",
               "feed_published_at", "feed_summary", "feed_language", "source_language",
               "title_candidates", "link_text")


def to_record(item: Article) -> dict[str, Any]:
    # A shallow read of the fields: asdict() deep-copied every tag, reason and signal
    # (0.45 ms an article on bench/stages.py) that the insert only reads to write JSON.
    record = {f.name: getattr(item, f.name) for f in fields(item) if f.name not in _NOT_STORED}
    # Unknown is NULL in the database, never an empty string.
    return {k: (None if v == "" else v) for k, v in record.items()}


def store(db: Any, item: Article, rules: DedupRules | None = None,
          people: PeopleMatcher | None = None) -> tuple[str, int]:
    """Write ``item``; returns (outcome, article id), outcome in
    new|updated|already_stored|duplicate|republished. ``people`` (people.toml) adds
    named people to the cross-language evidence."""
    from pipelines import story  # with numpy and the story stages: at the first article

    rules = rules or DedupRules()
    record = to_record(item)
    with dbm.transaction(db):
        existing = dbm.article_id_for_url(db, item.url)
        if existing is not None:
            old = stories.article_basics(db, existing)
            if old and old["content_hash"] == item.content_hash:
                outcome = "already_stored"
            else:
                _update(db, existing, old, item, record, "same_url")
                outcome = "updated"
            article_id = existing
        else:
            same_text = dbm.find_article_by_hash(db, item.content_hash)
            same_title = None if same_text else story.same_title_article(db, item, rules)
            if same_text is not None:
                dbm.add_article_url(db, item.url, same_text, item.source_id, "same_text")
                outcome, article_id = "duplicate", same_text
            elif same_title is not None:
                old = stories.article_basics(db, same_title)
                if old and story.is_newer(item, old):
                    _update(db, same_title, old, item, record, "same_title")
                dbm.add_article_url(db, item.url, same_title, item.source_id, "same_title")
                outcome, article_id = "republished", same_title
            else:
                article_id = dbm.insert_article(db, record)
                outcome = "new"
        if item.final_url and item.final_url != item.url:
            dbm.add_article_url(db, item.final_url, article_id, item.source_id, "redirect")
        story.assign(db, item, outcome, article_id, rules, people)
        # The frontier entry is final in the same transaction: a kill can never leave a
        # stored article's entry pending (to be fetched again) or vice versa. The entry is
        # the fetched URL: item.url, or final_url once rel=canonical renamed the article.
        state = "duplicate" if outcome in ("duplicate", "republished") else "stored"
        for url in {item.url, item.final_url} - {""}:
            frontier.settle(db, url, state, dbm.utcnow())
    return outcome, article_id


def _update(db: Any, article_id: int, old: dict[str, Any] | None, item: Article,
            record: dict[str, Any], reason: str) -> None:
    """Overwrite the stored article with ``item`` (same id) and log the change."""
    record = {**record, "story_id": old["story_id"] if old else None}
    dbm.update_article(db, article_id, record)
    stories.record_article_change(db, article_id, item.url, reason,
                              old["title"] if old else None,
                              old["content_hash"] if old else None, item.content_hash)


class StorePipeline(DbComponent):
    """Scrapy adapter for :func:`store`."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        directory = crawl_config_dir(crawler.settings)
        self.config_dir = directory
        self.cache_dir = matchcache.usable_dir(
            matchcache.cache_dir(crawler.settings.get("GOVWATCH_CACHE_DIR") or None), directory)
        self.rules = load_dedup_rules(directory / "dedup.toml")
        self.people_list = load_people(directory / "gazetteers")  # a bad file stops here
        self._people: PeopleMatcher | None = None

    @property
    def people(self) -> PeopleMatcher:
        """At the first article: a crawl that finds nothing new never needs it. From the
        matcher cache: compiling it converts every Chinese name with OpenCC, whose
        dictionaries would take ~0.2 s and ~11 MB of the crawl process (issue #14)."""
        if self._people is None:
            from pipelines.crosslang import PeopleMatcher

            key = matchcache.config_key(self.config_dir, kind="people")
            self._people = matchcache.load_or_build(
                "people", key, self.cache_dir, lambda: PeopleMatcher(self.people_list))
        return self._people

    def process_item(self, item: Article) -> Article:
        outcome, article_id = store(self.db, item, self.rules, self.people)
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"govwatch/store/{outcome}")
        item.body = b""  # free the page; the item may be kept by other extensions
        return item
