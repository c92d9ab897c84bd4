"""The crawl frontier (issue #11): every article URL a listing led to, and what became of it.

A listing's entries are written here, canonicalised, in the same transaction that records
the listing's validators (ETag / Last-Modified), before any article is requested; a run
then fetches each source's *due* entries from this table, newest first. So a per-run cap,
a failure, a 304 or a killed process never loses an article: what is not done yet stays
``pending`` (or ``failed``, due again after a backoff) for a later run.

States: ``pending`` (never tried, or made due again by ``govwatch retry``), ``failed``
(a transient failure; due again at ``next_attempt_at``), and the final ones: ``stored``,
``duplicate`` (the same article under another URL), ``ignored`` (not an article, too old,
not http(s); ``last_error`` says why), ``gave_up`` (a permanent failure, or
``max_attempts`` transient ones) and ``disallowed`` (robots.txt).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlite_utils

STATES = ("pending", "failed", "stored", "duplicate", "ignored", "gave_up", "disallowed")
OPEN_STATES = ("pending", "failed")  # a run may still fetch these
HINTS = ("feed_title", "feed_published_at", "feed_summary", "feed_language", "link_text",
         "feed_content")


def migrate_frontier(db: sqlite_utils.Database) -> None:
    """The ``frontier`` table, filled with every URL already stored (``stored``, or
    ``duplicate`` when it led to another URL's article) or ignored (``ignored``), so an
    upgraded database fetches none of them again; ``run_sources.pending``/``gave_up``;
    ``listings.parent_url`` (child sitemaps and next listing pages)."""
    db.executescript(
        """
        CREATE TABLE frontier (
            url TEXT PRIMARY KEY,        -- canonical article URL
            source_id TEXT NOT NULL,     -- the source that found it first
            listing_url TEXT,            -- the feed, sitemap or listing page it came from
            discovered_at TEXT NOT NULL,
            priority TEXT NOT NULL,      -- listing date, else discovered_at: newest first
            feed_title TEXT,
            feed_published_at TEXT,
            feed_summary TEXT,
            feed_language TEXT,
            link_text TEXT,
            feed_content TEXT,           -- a full-text feed's HTML, until the entry is final
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,        -- failed: due again at; NULL: due now
            last_attempt_at TEXT,
            last_error TEXT,
            http_status INTEGER,
            updated_at TEXT
        );
        CREATE INDEX idx_frontier_source_state ON frontier(source_id, state, priority);
        ALTER TABLE run_sources ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE run_sources ADD COLUMN gave_up INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE listings ADD COLUMN parent_url TEXT;
        INSERT OR IGNORE INTO frontier (url, source_id, discovered_at, priority, feed_title,
                                        feed_published_at, state, attempts, last_attempt_at,
                                        updated_at)
            SELECT u.url, u.source_id, u.first_seen_at,
                   COALESCE(NULLIF(a.published_at, ''), a.fetched_at, u.first_seen_at),
                   a.feed_title, a.published_at,
                   CASE WHEN u.reason IN ('stored', 'redirect') THEN 'stored'
                        ELSE 'duplicate' END,
                   1, u.first_seen_at, u.first_seen_at
            FROM article_urls u LEFT JOIN articles a ON a.id = u.article_id;
        INSERT OR IGNORE INTO frontier (url, source_id, discovered_at, priority, state,
                                        attempts, last_attempt_at, last_error, updated_at)
            SELECT url, source_id, seen_at, seen_at, 'ignored', 1, seen_at, reason, seen_at
            FROM ignored_pages;
        """
    )


# --------------------------------------------------------------------------------------
# Writing what a listing found
# --------------------------------------------------------------------------------------

def add_entries(db: sqlite_utils.Database, source_id: str, listing_url: str,
                entries: Iterable[Mapping[str, Any]], now: str) -> tuple[int, int]:
    """Insert new entries (dicts with ``url``, optional hints, optional ``state`` and
    ``last_error`` for entries recorded as final at once); returns how many were new and
    how many were already stored (or a duplicate of a stored article).

    A URL already in the frontier keeps its row (and its owner); only a missing hint is
    filled in, and a full-text feed's content refreshed while the entry is still open.
    """
    new = stored = 0
    for entry in entries:
        hints = {k: (entry.get(k) or None) for k in HINTS}
        row = db.execute("SELECT source_id, state FROM frontier WHERE url = ?",
                         (entry["url"],)).fetchone()
        if row is not None and row[1] in ("stored", "duplicate"):
            stored += 1
        if row is None:
            db.execute(
                """INSERT INTO frontier (url, source_id, listing_url, discovered_at, priority,
                       feed_title, feed_published_at, feed_summary, feed_language, link_text,
                       feed_content, state, last_error, updated_at)
                   VALUES (:url, :source_id, :listing_url, :now, :priority, :feed_title,
                       :feed_published_at, :feed_summary, :feed_language, :link_text,
                       :feed_content, :state, :last_error, :now)""",
                {"url": entry["url"], "source_id": source_id, "listing_url": listing_url,
                 "now": now, "priority": hints["feed_published_at"] or now, **hints,
                 "state": entry.get("state", "pending"), "last_error": entry.get("last_error")})
            new += 1
        elif row[0] == source_id:
            db.execute(
                """UPDATE frontier SET
                       feed_title = COALESCE(feed_title, :feed_title),
                       feed_published_at = COALESCE(feed_published_at, :feed_published_at),
                       feed_summary = COALESCE(feed_summary, :feed_summary),
                       feed_language = COALESCE(feed_language, :feed_language),
                       link_text = COALESCE(link_text, :link_text),
                       feed_content = CASE WHEN state IN ('pending', 'failed')
                           THEN COALESCE(:feed_content, feed_content) ELSE feed_content END
                   WHERE url = :url""", {"url": entry["url"], **hints})
    return new, stored


def record_children(db: sqlite_utils.Database, source_id: str, parent_url: str,
                    children: Iterable[str]) -> None:
    """Remember the child sitemaps / next pages of a listing, so that a later 304 for the
    parent can still visit them (conditionally)."""
    for child in children:
        db.execute(
            """INSERT INTO listings (url, source_id, parent_url) VALUES (?, ?, ?)
               ON CONFLICT(url) DO UPDATE SET parent_url = excluded.parent_url""",
            (child, source_id, parent_url))


def listing_children(db: sqlite_utils.Database, parent_url: str) -> list[str]:
    return [r[0] for r in db.execute(
        "SELECT url FROM listings WHERE parent_url = ? ORDER BY rowid", (parent_url,))]


# --------------------------------------------------------------------------------------
# Reading what is due
# --------------------------------------------------------------------------------------

_DUE = ("state IN ('pending', 'failed') AND (next_attempt_at IS NULL OR next_attempt_at <= :now)")


def due_entries(db: sqlite_utils.Database, source_id: str, now: str,
                limit: int) -> list[dict[str, Any]]:
    """The source's due entries, newest first: every one whose feed carried its full text
    (nothing to download), then at most ``limit`` others."""
    params = {"source_id": source_id, "now": now, "limit": limit}
    inline = list(db.query(
        f"""SELECT * FROM frontier WHERE source_id = :source_id AND {_DUE}
            AND feed_content IS NOT NULL ORDER BY priority DESC, rowid""", params))
    fetched = list(db.query(
        f"""SELECT * FROM frontier WHERE source_id = :source_id AND {_DUE}
            AND feed_content IS NULL ORDER BY priority DESC, rowid LIMIT :limit""", params))
    return inline + fetched


def count_due(db: sqlite_utils.Database, source_id: str, now: str) -> int:
    return int(db.execute(f"SELECT COUNT(*) FROM frontier WHERE source_id = :source_id AND {_DUE}",
                          {"source_id": source_id, "now": now}).fetchone()[0])


def failing(db: sqlite_utils.Database, since: str) -> dict[str, dict[str, Any]]:
    """Per source: entries ``failed`` (awaiting a retry), entries given up since ``since``,
    and the latest of their errors."""
    out: dict[str, dict[str, Any]] = {}
    for row in db.query(
            """SELECT source_id, SUM(state = 'failed') AS failed,
                      SUM(state = 'gave_up') AS gave_up,
                      (SELECT f2.last_error FROM frontier f2 WHERE f2.source_id = f.source_id
                         AND (f2.state = 'failed' OR (f2.state = 'gave_up'
                              AND f2.last_attempt_at >= :since))
                       ORDER BY f2.last_attempt_at DESC LIMIT 1) AS last_error
               FROM frontier f
               WHERE state = 'failed' OR (state = 'gave_up' AND last_attempt_at >= :since)
               GROUP BY source_id""", {"since": since}):
        out[row["source_id"]] = row
    return out


def state_of(db: sqlite_utils.Database, url: str) -> str | None:
    row = db.execute("SELECT state FROM frontier WHERE url = ?", (url,)).fetchone()
    return str(row[0]) if row else None


def state_counts(db: sqlite_utils.Database) -> dict[str, dict[str, int]]:
    """{source_id: {state: count}} over the whole frontier."""
    out: dict[str, dict[str, int]] = {}
    for source_id, state, count in db.execute(
            "SELECT source_id, state, COUNT(*) FROM frontier GROUP BY source_id, state"):
        out.setdefault(source_id, {})[state] = count
    return out


def entries(db: sqlite_utils.Database, source_ids: Iterable[str] = (),
            states: Iterable[str] = (), limit: int | None = None) -> list[dict[str, Any]]:
    """Frontier rows (without the feed content), open ones first, then newest first."""
    conditions, params = [], []
    for column, values in (("source_id", list(source_ids)), ("state", list(states))):
        if values:
            conditions.append(f"{column} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
    sql = ("SELECT url, source_id, state, attempts, next_attempt_at, last_attempt_at, "
           "last_error, http_status, priority, discovered_at, listing_url, feed_title "
           "FROM frontier")
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += (" ORDER BY state NOT IN ('pending', 'failed'), source_id, priority DESC, rowid")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return list(db.query(sql, params))


# --------------------------------------------------------------------------------------
# Outcomes
# --------------------------------------------------------------------------------------

def settle(db: sqlite_utils.Database, url: str, state: str, now: str,
           reason: str | None = None) -> None:
    """Mark an entry final (stored, duplicate, ignored, disallowed). Call it in the same
    transaction as the write it reports. A URL not in the frontier (a redirect target, a
    page stored before the frontier existed) is left alone."""
    assert state in STATES and state not in OPEN_STATES, state
    db.execute(
        """UPDATE frontier SET state = ?, last_error = ?, feed_content = NULL,
               attempts = attempts + 1, last_attempt_at = ?, next_attempt_at = NULL,
               updated_at = ?
           WHERE url = ?""",
        (state, reason, now, now, url))


def record_failure(db: sqlite_utils.Database, url: str, error: str, http_status: int | None,
                   now: str, *, permanent: bool, max_attempts: int,
                   next_attempt_at: Any) -> str | None:
    """Count a failed attempt; returns the entry's new state (``failed`` or ``gave_up``),
    or None when the URL is not in the frontier. ``next_attempt_at(attempts)`` gives the
    time of the next attempt after ``attempts`` failures."""
    row = db.execute("SELECT attempts FROM frontier WHERE url = ?", (url,)).fetchone()
    if row is None:
        return None
    attempts = int(row[0]) + 1
    state = "gave_up" if permanent or attempts >= max_attempts else "failed"
    db.execute(
        """UPDATE frontier SET state = ?, attempts = ?, last_error = ?, http_status = ?,
               last_attempt_at = ?, next_attempt_at = ?, updated_at = ?,
               feed_content = CASE WHEN ? = 'gave_up' THEN NULL ELSE feed_content END
           WHERE url = ?""",
        (state, attempts, error, http_status, now,
         None if state == "gave_up" else next_attempt_at(attempts), now, state, url))
    return state


def revive(db: sqlite_utils.Database, now: str, source_ids: Iterable[str] = (),
           urls: Iterable[str] = ()) -> int:
    """Make given-up and failed entries due again (attempts start over); returns how many."""
    conditions = ["state IN ('gave_up', 'failed')"]
    params: list[Any] = [now]
    for column, values in (("source_id", list(source_ids)), ("url", list(urls))):
        if values:
            conditions.append(f"{column} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
    cursor = db.execute(
        "UPDATE frontier SET state = 'pending', attempts = 0, next_attempt_at = NULL, "
        "updated_at = ? WHERE " + " AND ".join(conditions), params)
    return cursor.rowcount
