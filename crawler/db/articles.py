"""Articles: insert, update, look up by URL or content hash, iterate, rescore columns."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import sqlite_utils

from crawler.db import frontier
from crawler.db.connection import encode_json, transaction, utcnow
from crawler.db.filters import ArticleFilter, filter_sql

ARTICLE_JSON_COLUMNS = ("relevance_reasons", "jurisdictions", "agencies", "vendors",
                        "locations", "key_signals", "signal_types", "signal_evidence", "amounts",
                        "deadlines")


ARTICLE_COLUMNS = (
    "url", "source_id", "title", "text", "published_at", "fetched_at", "updated_at",
    "language", "author", "description", "site_name", "content_hash", "feed_title",
    "relevant", "relevance_score", "relevance_reasons", "topic", "jurisdictions",
    "source_jurisdiction", "agencies", "vendors", "locations", "summary", "key_signals",
    "story_id", "signal_types", "signal_evidence", "amounts", "deadlines",
)


def is_known_url(db: sqlite_utils.Database, url: str) -> bool:
    """True when ``url`` already led to a stored article or an ignored page."""
    return db.execute(
        "SELECT 1 FROM article_urls WHERE url = ? UNION ALL SELECT 1 FROM ignored_pages WHERE url = ?",
        (url, url),
    ).fetchone() is not None


def settle_known_url(db: sqlite_utils.Database, url: str) -> None:
    """Mark the frontier entry of a URL :func:`is_known_url` found as stored or ignored."""
    ignored = db.execute("SELECT reason FROM ignored_pages WHERE url = ?", (url,)).fetchone()
    stored = db.execute("SELECT 1 FROM article_urls WHERE url = ?", (url,)).fetchone()
    if stored or ignored:
        frontier.settle(db, url, "stored" if stored else "ignored", utcnow(),
                        None if stored else ignored[0])


def find_article_by_hash(db: sqlite_utils.Database, content_hash: str) -> int | None:
    row = db.execute("SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1",
                     (content_hash,)).fetchone()
    return row[0] if row else None


def article_id_for_url(db: sqlite_utils.Database, url: str) -> int | None:
    row = db.execute("SELECT article_id FROM article_urls WHERE url = ?", (url,)).fetchone()
    return row[0] if row else None


def insert_article(db: sqlite_utils.Database, record: dict[str, Any]) -> int:
    """Insert a new article and its URL; returns the new id. Call inside a transaction."""
    values = {c: record.get(c) for c in ARTICLE_COLUMNS}
    for column in ARTICLE_JSON_COLUMNS:
        values[column] = encode_json(values[column])
    if values["relevant"] is not None:
        values["relevant"] = int(bool(values["relevant"]))
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cursor = db.execute(f"INSERT INTO articles ({columns}) VALUES ({marks})", list(values.values()))
    article_id = int(cursor.lastrowid or 0)
    add_article_url(db, record["url"], article_id, record["source_id"], "stored")
    return article_id


def update_article(db: sqlite_utils.Database, article_id: int, record: dict[str, Any]) -> None:
    """Overwrite the stored fields of an article (same URL, changed text)."""
    values = {c: record.get(c) for c in ARTICLE_COLUMNS if c not in ("url", "fetched_at")}
    for column in ARTICLE_JSON_COLUMNS:
        values[column] = encode_json(values[column])
    if values["relevant"] is not None:
        values["relevant"] = int(bool(values["relevant"]))
    values["updated_at"] = utcnow()
    assignments = ", ".join(f"{c} = ?" for c in values)
    db.execute(f"UPDATE articles SET {assignments} WHERE id = ?", [*values.values(), article_id])


def add_article_url(db: sqlite_utils.Database, url: str, article_id: int, source_id: str,
                    reason: str) -> None:
    db.execute(
        """INSERT INTO article_urls (url, article_id, source_id, first_seen_at, reason)
           VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO NOTHING""",
        (url, article_id, source_id, utcnow(), reason),
    )


def record_ignored(db: sqlite_utils.Database, url: str, source_id: str, reason: str,
                   content_type: str, run_id: int | None) -> None:
    """A fetched page that is not an article: in ``ignored_pages`` and, final, in the frontier."""
    with transaction(db):
        frontier.settle(db, url, "ignored", utcnow(), reason)
        _record_ignored(db, url, source_id, reason, content_type, run_id)


def _record_ignored(db: sqlite_utils.Database, url: str, source_id: str, reason: str,
                    content_type: str, run_id: int | None) -> None:
    db.execute(
        """INSERT INTO ignored_pages (url, source_id, reason, content_type, run_id, seen_at)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET reason=excluded.reason,
             content_type=excluded.content_type, run_id=excluded.run_id, seen_at=excluded.seen_at""",
        (url, source_id, reason, content_type or None, run_id, utcnow()),
    )


def decode_article(row: dict[str, Any]) -> dict[str, Any]:
    """A stored article row with its JSON columns parsed and ``relevant`` as a bool."""
    out = dict(row)
    for column in ARTICLE_JSON_COLUMNS:
        if column in out:
            out[column] = json.loads(out[column]) if out[column] else []
    if out.get("relevant") is not None:
        out["relevant"] = bool(out["relevant"])
    return out


def iter_articles(db: sqlite_utils.Database, since: str | None = None,
                  filters: ArticleFilter | None = None) -> Iterator[dict[str, Any]]:
    """Stored articles, oldest first (by publication date, else fetch date); ``since`` and
    ``filters`` as documented in crawler/db/filters.py."""
    conditions, params = filter_sql(filters or ArticleFilter(), alias="articles")
    if since:
        conditions.append("COALESCE(NULLIF(published_at, ''), fetched_at) >= ?")
        params.append(since)
    sql = "SELECT * FROM articles"
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += " ORDER BY COALESCE(NULLIF(published_at, ''), fetched_at), id"
    for row in db.query(sql, params):
        yield decode_article(row)


def iter_article_texts(db: sqlite_utils.Database, batch: int = 500
                       ) -> Iterator[dict[str, Any]]:
    """Every stored article as {id, title, text, language, published_at, fetched_at,
    source_jurisdiction, jurisdictions, agencies, vendors, locations} (tags decoded), by id.

    Read in batches keyed on id, so rows can be updated while iterating."""
    last = 0
    while True:
        rows = list(db.query(
            """SELECT a.id, a.title, a.text, a.language, a.published_at, a.fetched_at,
                      COALESCE(a.source_jurisdiction, s.jurisdiction, '') AS source_jurisdiction,
                      a.jurisdictions, a.agencies, a.vendors, a.locations
               FROM articles a LEFT JOIN sources s ON s.id = a.source_id
               WHERE a.id > ? ORDER BY a.id LIMIT ?""", [last, batch]))
        if not rows:
            return
        for row in rows:
            for column in ("jurisdictions", "agencies", "vendors", "locations"):
                try:
                    value = json.loads(row[column]) if row[column] else []
                except ValueError:
                    value = []
                row[column] = value if isinstance(value, list) else []
            yield row
        last = rows[-1]["id"]


def relevance_flags(db: sqlite_utils.Database) -> dict[int, int | None]:
    """Every article's stored relevance flag (1, 0 or None), by id."""
    return {row["id"]: row["relevant"] for row in db.query("SELECT id, relevant FROM articles")}


RESCORE_COLUMNS = ("relevant", "relevance_score", "relevance_reasons", "topic", "jurisdictions",
                   "source_jurisdiction", "agencies", "vendors", "locations", "summary",
                   "key_signals", "signal_types", "signal_evidence", "amounts", "deadlines")


def update_article_signals(db: sqlite_utils.Database, article_id: int,
                           values: dict[str, Any]) -> None:
    """Overwrite the relevance/tag/summary columns given in ``values`` for one article
    (JSON columns are encoded here). Call inside :func:`transaction` for speed."""
    unknown = set(values) - set(RESCORE_COLUMNS)
    if unknown:
        raise ValueError(f"not a rescore column: {', '.join(sorted(unknown))}")
    values = dict(values)
    for column in ARTICLE_JSON_COLUMNS:
        if column in values:
            values[column] = encode_json(values[column])
    if values.get("relevant") is not None:
        values["relevant"] = int(bool(values["relevant"]))
    assignments = ", ".join(f"{c} = ?" for c in values)
    db.execute(f"UPDATE articles SET {assignments} WHERE id = ?", [*values.values(), article_id])
