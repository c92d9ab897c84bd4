"""Sources, their listings (validators for conditional GET) and their health."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from crawler.db import frontier
from crawler.db.connection import transaction, utcnow
from crawler.db.filters import article_moment_sql


def sync_sources(db: sqlite_utils.Database, sources: Iterable[Any]) -> None:
    """Make sure every configured source has a row (name/kind/language kept current)."""
    now = utcnow()
    with transaction(db):
        for s in sources:
            db.execute(
                """INSERT INTO sources (id, name, kind, language, jurisdiction, first_seen_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET name=excluded.name, kind=excluded.kind,
                     language=excluded.language, jurisdiction=excluded.jurisdiction""",
                (s.id, s.name, s.kind, s.language, s.jurisdiction or None, now),
            )


def listing_validators(db: sqlite_utils.Database, url: str) -> tuple[str | None, str | None]:
    """(etag, last_modified) stored for a feed/sitemap/listing URL."""
    row = db.execute("SELECT etag, last_modified FROM listings WHERE url = ?", (url,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def record_listing(db: sqlite_utils.Database, source_id: str, url: str, http_status: int,
                   etag: str | None, last_modified: str | None) -> None:
    """Remember a listing fetch and its validators (a 304 sends none: the stored ones are
    kept). Use :func:`record_listing_entries`, which writes the entries first."""
    now = utcnow()
    not_modified = http_status == 304
    db.execute(
        """INSERT INTO listings (url, source_id, etag, last_modified, last_http_status,
                                 last_fetched_at, last_not_modified_at)
           VALUES (:url, :source_id, :etag, :last_modified, :status, :now, :nm_at)
           ON CONFLICT(url) DO UPDATE SET source_id = excluded.source_id,
             etag = CASE WHEN :keep_old THEN listings.etag ELSE excluded.etag END,
             last_modified = CASE WHEN :keep_old THEN listings.last_modified
                                  ELSE excluded.last_modified END,
             last_http_status = excluded.last_http_status,
             last_fetched_at = excluded.last_fetched_at,
             last_not_modified_at = COALESCE(excluded.last_not_modified_at,
                                             listings.last_not_modified_at)""",
        {"url": url, "source_id": source_id, "etag": etag, "last_modified": last_modified,
         "status": http_status, "now": now, "nm_at": now if not_modified else None,
         "keep_old": not_modified},
    )
    if not_modified:
        supported: int | None = 1
    elif etag or last_modified:
        supported = 1
    else:
        supported = 0
    db.execute("UPDATE sources SET etag_supported = ? WHERE id = ?", (supported, source_id))


def record_listing_entries(db: sqlite_utils.Database, source_id: str, url: str,
                           http_status: int, etag: str | None, last_modified: str | None,
                           entries: list[dict[str, Any]],
                           children: Iterable[str] = ()) -> tuple[int, int]:
    """Write a listing's entries (and child listings) into the frontier and, in the same
    transaction, its validators: once a listing's entries are safely stored, a 304 for it
    loses nothing. Returns how many entries were new and how many already stored."""
    now = utcnow()
    with transaction(db):
        counts = frontier.add_entries(db, source_id, url, entries, now)
        frontier.record_children(db, source_id, url, children)
        record_listing(db, source_id, url, http_status, etag, last_modified)
    return counts


def record_source_result(db: sqlite_utils.Database, source_id: str, ok: bool, status: str,
                         error: str | None = None) -> None:
    now = utcnow()
    if ok:
        db.execute(
            """UPDATE sources SET last_fetched_at=?, last_success_at=?, last_status=?,
                 last_error=NULL, consecutive_failures=0, paused_at=NULL, paused_reason=NULL
               WHERE id=?""",
            (now, now, status, source_id),
        )
    else:
        db.execute(
            """UPDATE sources SET last_fetched_at=?, last_status='error', last_error=?,
                 consecutive_failures=consecutive_failures+1 WHERE id=?""",
            (now, error, source_id),
        )


def source_states(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Each source with its state and article count, for ``govwatch sources``."""
    return list(db.query(
        """SELECT s.*, (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id) AS articles
           FROM sources s ORDER BY s.id"""
    ))


def pause_source(db: sqlite_utils.Database, source_id: str, reason: str) -> None:
    db.execute("UPDATE sources SET paused_at=?, paused_reason=? WHERE id=? AND paused_at IS NULL",
               (utcnow(), reason, source_id))


def resume_source(db: sqlite_utils.Database, source_id: str) -> bool:
    """Clear a pause and the failure count; False when the source has no row yet."""
    cursor = db.execute("UPDATE sources SET paused_at=NULL, paused_reason=NULL, "
                        "consecutive_failures=0 WHERE id=?", (source_id,))
    return cursor.rowcount > 0


# When govwatch "saw" an article: its published date, unless missing or later than the
# fetch (a wrong date), then the fetch time.
_MOMENT = article_moment_sql("articles")
SEEN_AT_SQL = (f"CASE WHEN {_MOMENT} <= articles.fetched_at THEN {_MOMENT} "
               "ELSE articles.fetched_at END")


def article_times(db: sqlite_utils.Database, source_id: str, since: str,
                  latest: int = 50) -> list[str]:
    """Times of a source's articles: all since ``since`` plus at least the ``latest`` newest."""
    rows = db.execute(
        f"""SELECT id, t FROM (SELECT id, {SEEN_AT_SQL} AS t FROM articles WHERE source_id = ?)
            WHERE t >= ? UNION
            SELECT id, t FROM (SELECT id, {SEEN_AT_SQL} AS t FROM articles WHERE source_id = ?
                               ORDER BY t DESC LIMIT ?)""",
        (source_id, since, source_id, latest),
    ).fetchall()
    return sorted(r[1] for r in rows)
