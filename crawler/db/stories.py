"""Stories (issue #4): one story per event, its mentions, the LSH band index, text changes.

The dedup ladder (pipelines/story.py) reads and writes through these functions, inside the
store stage's write transaction. ``lsh_bands`` holds each article's MinHash band keys
(pipelines/dedup.py) with an index on (band, key), so finding the articles that share a
band with a new one is one indexed lookup per band, whatever the number stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from crawler.shared.dates import utc_now


def migrate_stories(db: sqlite_utils.Database) -> None:
    """v6, one story per event (issue #4): stories, their mentions, the LSH band index,
    a normalised-title key per article and a log of text changes. Articles stored before
    keep story_id NULL (digest and export treat such an article as its own story) until
    they are seen again (pipelines/story.py gives them one then)."""
    db.executescript(
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            title TEXT,                  -- the title of the story's first article
            first_seen_at TEXT NOT NULL, -- earliest published_at (else fetched_at) of a mention
            last_seen_at TEXT NOT NULL   -- latest one
        );
        CREATE TABLE story_mentions (
            story_id INTEGER NOT NULL REFERENCES stories(id),
            article_id INTEGER REFERENCES articles(id),  -- NULL: an outlet not stored itself
            source_id TEXT NOT NULL,
            url TEXT NOT NULL,
            title TEXT,
            published_at TEXT,
            seen_at TEXT,
            reason TEXT,                 -- new | same_text | same_title | near_duplicate
            PRIMARY KEY (story_id, url)
        );
        CREATE INDEX idx_story_mentions_article ON story_mentions(article_id);
        CREATE TABLE lsh_bands (
            band INTEGER NOT NULL,       -- 0..BANDS-1 (pipelines.dedup)
            key INTEGER NOT NULL,        -- 64-bit hash of the band's MinHash rows
            article_id INTEGER NOT NULL REFERENCES articles(id)
        );
        CREATE INDEX idx_lsh_bands_band_key ON lsh_bands(band, key);
        CREATE INDEX idx_lsh_bands_article ON lsh_bands(article_id);
        CREATE TABLE article_changes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            url TEXT NOT NULL,           -- the URL that brought the new text
            reason TEXT NOT NULL,        -- same_url | same_title
            changed_at TEXT NOT NULL,
            old_title TEXT,
            old_content_hash TEXT,
            new_content_hash TEXT
        );
        CREATE INDEX idx_article_changes_article ON article_changes(article_id);
        ALTER TABLE articles ADD COLUMN title_key TEXT;  -- pipelines.dedup.normalize_title
        CREATE INDEX idx_articles_source_title ON articles(source_id, title_key);
        CREATE INDEX IF NOT EXISTS idx_articles_story_id ON articles(story_id);
        """
    )



def article_basics(db: sqlite_utils.Database, article_id: int) -> dict[str, Any] | None:
    """id, source_id, url, title, text, content_hash, published_at, fetched_at, story_id
    (the story it is shown in), base_story_id (its same-language story), language."""
    rows = list(db.query(
        """SELECT id, source_id, url, title, text, content_hash, published_at, fetched_at,
                  story_id, base_story_id, language FROM articles WHERE id = ?""",
        [article_id]))
    return rows[0] if rows else None


def articles_with_title(db: sqlite_utils.Database, source_id: str, title_key: str,
                        exclude_id: int | None = None) -> list[dict[str, Any]]:
    """Stored articles of ``source_id`` whose normalised title is ``title_key``, newest first."""
    return list(db.query(
        """SELECT id, COALESCE(published_at, fetched_at) AS seen_at, content_hash
           FROM articles WHERE source_id = ? AND title_key = ? AND id IS NOT ?
           ORDER BY seen_at DESC, id DESC""", [source_id, title_key, exclude_id]))


def set_article_dedup(db: sqlite_utils.Database, article_id: int, title_key: str,
                      story_id: int | None) -> None:
    db.execute("UPDATE articles SET title_key = ?, story_id = ? WHERE id = ?",
               (title_key, story_id, article_id))


def record_article_change(db: sqlite_utils.Database, article_id: int, url: str, reason: str,
                          old_title: str | None, old_hash: str | None, new_hash: str) -> None:
    db.execute(
        """INSERT INTO article_changes (article_id, url, reason, changed_at, old_title,
                                        old_content_hash, new_content_hash)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        (article_id, url, reason, utc_now(), old_title, old_hash, new_hash),
    )


def replace_lsh_keys(db: sqlite_utils.Database, article_id: int,
                     keys: Iterable[tuple[int, int]]) -> None:
    """Index an article's LSH band keys (replacing any it had)."""
    db.execute("DELETE FROM lsh_bands WHERE article_id = ?", (article_id,))
    db.conn.executemany("INSERT INTO lsh_bands (band, key, article_id) VALUES (?, ?, ?)",
                        [(band, key, article_id) for band, key in keys])


def lsh_candidates(db: sqlite_utils.Database, keys: list[tuple[int, int]],
                   limit: int = 50) -> list[int]:
    """Articles sharing at least one band key, most shared bands first (one indexed
    lookup per band, so the cost does not grow with the number of stored articles)."""
    if not keys:
        return []
    values = ", ".join("(?, ?)" for _ in keys)
    params: list[Any] = [v for pair in keys for v in pair]
    rows = db.execute(
        f"""WITH q(band, key) AS (VALUES {values})
            SELECT b.article_id FROM q JOIN lsh_bands b ON b.band = q.band AND b.key = q.key
            GROUP BY b.article_id ORDER BY COUNT(*) DESC, b.article_id LIMIT ?""",
        [*params, limit]).fetchall()
    return [r[0] for r in rows]


def create_story(db: sqlite_utils.Database, title: str, seen_at: str) -> int:
    cursor = db.execute(
        "INSERT INTO stories (title, first_seen_at, last_seen_at) VALUES (?, ?, ?)",
        (title or None, seen_at, seen_at))
    return int(cursor.lastrowid or 0)


def add_story_mention(db: sqlite_utils.Database, story_id: int, article_id: int,
                      source_id: str, url: str, title: str | None, published_at: str | None,
                      seen_at: str, reason: str) -> None:
    """Record that ``url`` ran story ``story_id``; widen the story's time span."""
    db.execute(
        """INSERT INTO story_mentions (story_id, article_id, source_id, url, title,
                                       published_at, seen_at, reason)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(story_id, url) DO UPDATE SET title = excluded.title,
             published_at = excluded.published_at, article_id = excluded.article_id""",
        (story_id, article_id, source_id, url, title or None, published_at or None, seen_at,
         reason))
    db.execute(
        """UPDATE stories SET first_seen_at = MIN(first_seen_at, ?),
                              last_seen_at = MAX(last_seen_at, ?) WHERE id = ?""",
        (seen_at, seen_at, story_id))


def story_sources(db: sqlite_utils.Database,
                  story_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Each story's mentions as {source_id, url, title, published_at}, oldest first."""
    ids = sorted({i for i in story_ids if i is not None})
    out: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        # Mentions of a story shown as part of another (crawler/db/links.py) count there.
        for row in db.query(
                f"""SELECT COALESCE(st.merged_into, st.id) AS shown_in, m.source_id, m.url,
                           m.title, m.published_at
                    FROM story_mentions m JOIN stories st ON st.id = m.story_id
                    WHERE st.id IN ({marks}) OR st.merged_into IN ({marks})
                    ORDER BY COALESCE(m.published_at, m.seen_at), m.source_id, m.url""",
                [*chunk, *chunk]):
            story_id = row.pop("shown_in")
            if story_id in out:
                out[story_id].append(row)
    return out
