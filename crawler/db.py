"""The only owner of the SQLite schema.

The database is one file in WAL mode (readers never block the crawl's writer). The schema
is built by numbered migrations; ``PRAGMA user_version`` records the last one applied, so a
database from an older govwatch is upgraded in place and one from a newer govwatch is
refused untouched. Every other module reads and writes through the functions here.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

BUSY_TIMEOUT_MS = 30_000
APPLICATION_ID = 0x67765743  # "gvWC": marks a file as a govwatch database


class DatabaseError(Exception):
    """The database cannot be used; ``str(err)`` is a one-line message for the user."""


def utcnow() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# --------------------------------------------------------------------------------------
# Migrations: append only. Never edit a step that has shipped; add a new one.
# --------------------------------------------------------------------------------------

def _v1_initial(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            name TEXT,
            kind TEXT,
            language TEXT,
            jurisdiction TEXT,
            first_seen_at TEXT,
            last_fetched_at TEXT,
            last_success_at TEXT,
            last_status TEXT,            -- ok | not_modified | error
            last_error TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            etag_supported INTEGER       -- 1 yes, 0 no, NULL not known yet
        );
        CREATE TABLE listings (
            url TEXT PRIMARY KEY,        -- a feed, sitemap or listing-page URL
            source_id TEXT NOT NULL REFERENCES sources(id),
            etag TEXT,
            last_modified TEXT,
            last_http_status INTEGER,
            last_fetched_at TEXT,
            last_not_modified_at TEXT
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            source_id TEXT NOT NULL REFERENCES sources(id),
            title TEXT,
            text TEXT,
            published_at TEXT,
            fetched_at TEXT NOT NULL,
            updated_at TEXT,
            language TEXT,
            author TEXT,
            description TEXT,
            site_name TEXT,
            content_hash TEXT NOT NULL,
            feed_title TEXT,
            relevant INTEGER,
            relevance_score REAL,
            relevance_reasons TEXT,      -- JSON list
            topic TEXT,
            jurisdictions TEXT,          -- JSON list of ISO codes
            source_jurisdiction TEXT,
            agencies TEXT,               -- JSON list of {id, name, jurisdiction}
            vendors TEXT,                -- JSON list
            locations TEXT,              -- JSON list
            summary TEXT,
            key_signals TEXT,            -- JSON list of sentences
            story_id INTEGER
        );
        CREATE INDEX idx_articles_content_hash ON articles(content_hash);
        CREATE INDEX idx_articles_published_at ON articles(published_at);
        CREATE INDEX idx_articles_fetched_at ON articles(fetched_at);
        CREATE INDEX idx_articles_source_id ON articles(source_id);
        CREATE TABLE article_urls (
            url TEXT PRIMARY KEY,        -- every canonical URL that led to a stored article
            article_id INTEGER NOT NULL REFERENCES articles(id),
            source_id TEXT NOT NULL,
            first_seen_at TEXT NOT NULL,
            reason TEXT NOT NULL         -- stored | same_text
        );
        CREATE INDEX idx_article_urls_article_id ON article_urls(article_id);
        CREATE TABLE ignored_pages (
            url TEXT PRIMARY KEY,        -- fetched, but not an article (PDF, image, no text…)
            source_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            content_type TEXT,
            run_id INTEGER,
            seen_at TEXT NOT NULL
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            finish_reason TEXT,          -- finished | failed | interrupted | shutdown
            exit_code INTEGER,
            sources TEXT,                -- JSON list of source ids
            pid INTEGER
        );
        CREATE TABLE run_sources (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            source_id TEXT NOT NULL,
            status TEXT NOT NULL,        -- ok | not_modified | failed
            finish_reason TEXT,
            requested INTEGER NOT NULL DEFAULT 0,
            new INTEGER NOT NULL DEFAULT 0,
            already_stored INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            ignored INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            listings_not_modified INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (run_id, source_id)
        );
        CREATE TABLE fetch_errors (
            id INTEGER PRIMARY KEY,
            run_id INTEGER,
            source_id TEXT NOT NULL,
            url TEXT NOT NULL,
            error TEXT NOT NULL,
            http_status INTEGER,
            at TEXT NOT NULL
        );
        CREATE INDEX idx_fetch_errors_run ON fetch_errors(run_id, source_id);
        """
    )


def _v2_stories(db: sqlite_utils.Database) -> None:
    """One story per event (issue #4): stories, their mentions, the LSH band index,
    a normalised-title key per article and a log of text changes."""
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
            article_id INTEGER NOT NULL REFERENCES articles(id),
            source_id TEXT NOT NULL,
            url TEXT NOT NULL,
            title TEXT,
            published_at TEXT,
            seen_at TEXT NOT NULL,
            reason TEXT NOT NULL,        -- new | same_text | same_title | near_duplicate
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
        CREATE INDEX idx_articles_story_id ON articles(story_id);
        -- Articles stored before this migration: one story each, one mention per URL.
        -- (They get LSH keys only when their text changes; see pipelines/story.py.)
        INSERT INTO stories (id, title, first_seen_at, last_seen_at)
            SELECT id, title, COALESCE(published_at, fetched_at),
                   COALESCE(published_at, fetched_at) FROM articles;
        UPDATE articles SET story_id = id;
        INSERT INTO story_mentions (story_id, article_id, source_id, url, title, published_at,
                                    seen_at, reason)
            SELECT a.id, a.id, u.source_id, u.url, a.title, a.published_at, u.first_seen_at,
                   CASE u.reason WHEN 'same_text' THEN 'same_text' ELSE 'new' END
            FROM article_urls u JOIN articles a ON a.id = u.article_id
            WHERE u.reason != 'redirect';
        """
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1_initial, _v2_stories]
SCHEMA_VERSION = len(MIGRATIONS)


# --------------------------------------------------------------------------------------
# Opening
# --------------------------------------------------------------------------------------

def open_db(path: str | Path, *, create: bool = True, migrate: bool = True) -> sqlite_utils.Database:
    """Open (and by default create and migrate) the govwatch database at ``path``.

    Raises DatabaseError with a one-line message for: a missing file when ``create`` is
    False, a file that is not SQLite, a SQLite file that is not govwatch's, and a
    database written by a newer govwatch.
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise DatabaseError(f"{path}: no such database (run 'govwatch crawl' first)")
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        db = sqlite_utils.Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.table_names()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path}: not a usable SQLite database ({exc})") from None
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables and version == 0):
        conn.close()
        raise DatabaseError(f"{path}: an SQLite file, but not a govwatch database")
    if version > SCHEMA_VERSION:
        conn.close()
        raise DatabaseError(
            f"{path}: written by a newer govwatch (schema {version}, this version knows "
            f"{SCHEMA_VERSION}); upgrade govwatch, the file was not modified"
        )
    if migrate and version < SCHEMA_VERSION:
        _migrate(db, version)
    if db.journal_mode != "wal":
        db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def _migrate(db: sqlite_utils.Database, current: int) -> None:
    # BEGIN IMMEDIATE takes the write lock first, so two processes never both migrate.
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        current = db.conn.execute("PRAGMA user_version").fetchone()[0]
        for number, step in enumerate(MIGRATIONS[current:], start=current + 1):
            step(db)
            db.conn.execute(f"PRAGMA user_version = {number}")
        db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.conn.execute("COMMIT")
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction; taken with BEGIN IMMEDIATE so it waits for other writers."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False)


# --------------------------------------------------------------------------------------
# Sources and listings
# --------------------------------------------------------------------------------------

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
    """Remember a listing fetch; validators are kept across a 304 (which sends none)."""
    now = utcnow()
    not_modified = http_status == 304
    db.execute(
        """INSERT INTO listings (url, source_id, etag, last_modified, last_http_status,
                                 last_fetched_at, last_not_modified_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(url) DO UPDATE SET source_id=excluded.source_id,
             etag=COALESCE(excluded.etag, CASE WHEN ? THEN listings.etag END),
             last_modified=COALESCE(excluded.last_modified,
                                    CASE WHEN ? THEN listings.last_modified END),
             last_http_status=excluded.last_http_status,
             last_fetched_at=excluded.last_fetched_at,
             last_not_modified_at=COALESCE(excluded.last_not_modified_at,
                                           listings.last_not_modified_at)""",
        (url, source_id, etag, last_modified, http_status, now, now if not_modified else None,
         not_modified, not_modified),
    )
    if not_modified:
        db.execute("UPDATE sources SET etag_supported = 1 WHERE id = ?", (source_id,))
    elif etag or last_modified:
        db.execute("UPDATE sources SET etag_supported = COALESCE(etag_supported, 1) WHERE id = ?",
                   (source_id,))
    else:
        db.execute("UPDATE sources SET etag_supported = 0 WHERE id = ?", (source_id,))


def record_source_result(db: sqlite_utils.Database, source_id: str, ok: bool, status: str,
                         error: str | None = None) -> None:
    now = utcnow()
    if ok:
        db.execute(
            """UPDATE sources SET last_fetched_at=?, last_success_at=?, last_status=?,
                 last_error=NULL, consecutive_failures=0 WHERE id=?""",
            (now, now, status, source_id),
        )
    else:
        db.execute(
            """UPDATE sources SET last_fetched_at=?, last_status='error', last_error=?,
                 consecutive_failures=consecutive_failures+1 WHERE id=?""",
            (now, error, source_id),
        )


# --------------------------------------------------------------------------------------
# Articles
# --------------------------------------------------------------------------------------

ARTICLE_JSON_COLUMNS = ("relevance_reasons", "jurisdictions", "agencies", "vendors",
                        "locations", "key_signals")
ARTICLE_COLUMNS = (
    "url", "source_id", "title", "text", "published_at", "fetched_at", "updated_at",
    "language", "author", "description", "site_name", "content_hash", "feed_title",
    "relevant", "relevance_score", "relevance_reasons", "topic", "jurisdictions",
    "source_jurisdiction", "agencies", "vendors", "locations", "summary", "key_signals",
    "story_id",
)


def is_known_url(db: sqlite_utils.Database, url: str) -> bool:
    """True when ``url`` already led to a stored article or an ignored page."""
    return db.execute(
        "SELECT 1 FROM article_urls WHERE url = ? UNION ALL SELECT 1 FROM ignored_pages WHERE url = ?",
        (url, url),
    ).fetchone() is not None


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
        values[column] = _json(values[column])
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
        values[column] = _json(values[column])
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


# --------------------------------------------------------------------------------------
# Stories (issue #4): the dedup ladder's reads and writes. Call inside a transaction.
# --------------------------------------------------------------------------------------

def article_basics(db: sqlite_utils.Database, article_id: int) -> dict[str, Any] | None:
    """id, source_id, url, title, text, content_hash, published_at, fetched_at, story_id."""
    rows = list(db.query(
        """SELECT id, source_id, url, title, text, content_hash, published_at, fetched_at,
                  story_id FROM articles WHERE id = ?""", [article_id]))
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
        (article_id, url, reason, utcnow(), old_title, old_hash, new_hash),
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
        for row in db.query(
                f"""SELECT story_id, source_id, url, title, published_at FROM story_mentions
                    WHERE story_id IN ({marks})
                    ORDER BY COALESCE(published_at, seen_at), source_id, url""", chunk):
            story_id = row.pop("story_id")
            out[story_id].append(row)
    return out


# --------------------------------------------------------------------------------------
# Runs and errors
# --------------------------------------------------------------------------------------

def start_run(db: sqlite_utils.Database, source_ids: list[str], pid: int) -> int:
    """Open a run; runs left open by a killed process are closed as 'interrupted'."""
    with transaction(db):
        db.execute(
            "UPDATE runs SET finish_reason='interrupted' WHERE finished_at IS NULL "
            "AND finish_reason IS NULL"
        )
        cursor = db.execute(
            "INSERT INTO runs (started_at, sources, pid) VALUES (?, ?, ?)",
            (utcnow(), _json(source_ids), pid),
        )
    return int(cursor.lastrowid or 0)


def finish_run(db: sqlite_utils.Database, run_id: int, reason: str, exit_code: int) -> None:
    db.execute("UPDATE runs SET finished_at=?, finish_reason=?, exit_code=? WHERE id=?",
               (utcnow(), reason, exit_code, run_id))


def record_run_source(db: sqlite_utils.Database, run_id: int, source_id: str,
                      counts: dict[str, Any]) -> None:
    columns = ["run_id", "source_id", *counts]
    marks = ", ".join("?" for _ in columns)
    db.execute(
        f"INSERT OR REPLACE INTO run_sources ({', '.join(columns)}) VALUES ({marks})",
        [run_id, source_id, *counts.values()],
    )


def record_fetch_error(db: sqlite_utils.Database, run_id: int | None, source_id: str, url: str,
                       error: str, http_status: int | None = None) -> None:
    db.execute(
        "INSERT INTO fetch_errors (run_id, source_id, url, error, http_status, at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (run_id, source_id, url, error, http_status, utcnow()),
    )


def run_summary(db: sqlite_utils.Database, run_id: int) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM run_sources WHERE run_id = ? ORDER BY source_id",
                         [run_id]))


def source_states(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Each source with its state and article count, for ``govwatch sources``."""
    return list(db.query(
        """SELECT s.*, (SELECT COUNT(*) FROM articles a WHERE a.source_id = s.id) AS articles
           FROM sources s ORDER BY s.id"""
    ))


def iter_articles(db: sqlite_utils.Database, since: str | None = None) -> Iterator[dict[str, Any]]:
    """Stored articles, oldest first; ``since`` filters on COALESCE(published_at, fetched_at)."""
    sql = "SELECT * FROM articles"
    params: list[Any] = []
    if since:
        sql += " WHERE COALESCE(published_at, fetched_at) >= ?"
        params.append(since)
    sql += " ORDER BY COALESCE(published_at, fetched_at), id"
    for row in db.query(sql, params):
        yield decode_article(row)
