"""The only owner of the SQLite schema.

The database is one file in WAL mode (readers never block the crawl's writer). The schema
is built by numbered migrations; ``PRAGMA user_version`` records the last one applied, so a
database from an older govwatch is upgraded in place and one from a newer govwatch is
refused untouched. Every other module reads and writes through the functions here and in
the submodules: ``tags`` (normalised tag tables, the signals view), ``fts`` (full-text
indexes and search SQL), ``filters`` (article filters shared by search and export) and
``snapshot`` (consistent copies with the backup API) and ``frontier`` (every article URL a
listing led to, and what became of it).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlite_utils

from crawler.db import frontier, scripts
from crawler.db.filters import ArticleFilter, filter_sql
from crawler.db.fts import migrate_full_text
from crawler.db.links import migrate_cross_language
from crawler.db.signals import migrate_signal_tables, migrate_signals_view
from crawler.db.stories import migrate_stories
from crawler.db.tags import migrate_tag_details, migrate_tag_tables

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


def _v2_schedule_health(db: sqlite_utils.Database) -> None:
    """Scheduler job state and source pauses (issue #6)."""
    db.executescript(
        """
        ALTER TABLE sources ADD COLUMN paused_at TEXT;      -- set when paused, NULL when active
        ALTER TABLE sources ADD COLUMN paused_reason TEXT;
        CREATE TABLE schedule_jobs (
            id TEXT PRIMARY KEY,         -- 'crawl:SOURCE_ID' or 'digest'
            last_started_at TEXT,
            last_finished_at TEXT,
            last_status TEXT,            -- ok | not_modified | failed | timeout | locked | error
            last_duration_s REAL,
            last_exit_code INTEGER,
            last_run_id INTEGER,
            runs INTEGER NOT NULL DEFAULT 0
        );
        """
    )


def _v3_digests(db: sqlite_utils.Database) -> None:
    """The ``digests`` table: what was delivered, when, to whom, which stories."""
    db.executescript(
        """
        CREATE TABLE digests (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,
            period_start TEXT NOT NULL,
            period_end TEXT NOT NULL,
            format TEXT NOT NULL,        -- markdown | html | json | atom
            channel TEXT NOT NULL,       -- email | webhook | file | stdout
            recipients TEXT,             -- JSON list: addresses, the webhook URL or the file
            story_ids TEXT NOT NULL,     -- JSON list of story keys ("s12" story, "a34" article)
            status TEXT NOT NULL,        -- delivered | failed
            error TEXT
        );
        CREATE INDEX idx_digests_channel ON digests(channel, status, period_end);
        """
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1_initial,
    _v2_schedule_health,  # sources.paused_at/paused_reason, schedule_jobs
    _v3_digests,          # digests
    migrate_tag_tables,   # v4: article_jurisdictions/agencies/vendors/locations, signals view
    migrate_full_text,    # v5: articles_fts (trigram) and articles_fts_en (porter)
    migrate_stories,      # v6: stories, story_mentions, lsh_bands, article_changes (dedup)
    migrate_cross_language,  # base stories, article_evidence, story_links, story_decisions
    migrate_signal_tables,  # signal columns, article_signal_types, article_amounts (#13)
    migrate_tag_details,  # listed/parent/mentions on article_agencies/vendors/locations (#12)
    frontier.migrate_frontier,  # frontier; run_sources.pending/gave_up; listings.parent_url
    migrate_signals_view,   # the signals view gains signal_types, amounts, deadlines (#13)
]
SCHEMA_VERSION = len(MIGRATIONS)


# --------------------------------------------------------------------------------------
# Opening
# --------------------------------------------------------------------------------------

RECOVERY_HINT = ("copy back your last snapshot (govwatch export --snapshot FILE), or rescue "
                 "what is readable: sqlite3 {path} .recover | sqlite3 {path}.recovered")


def open_db(path: str | Path, *, create: bool = True, migrate: bool = True,
            check: bool = True, write: bool = True) -> sqlite_utils.Database:
    """Open (and by default create and migrate) the govwatch database at ``path``.

    Raises DatabaseError with a one-line message for: a missing file when ``create`` is
    False, an empty (0-byte) file (govwatch creates its files whole, so an empty one was
    truncated or made by another program), a file that is not SQLite, a SQLite file that
    is not govwatch's, a database written by a newer govwatch, a damaged database
    (``check``: PRAGMA quick_check, see bench/README.md for its cost) and, when ``write``
    is True, a file this process may not write. With ``write=False`` a read-only file is
    opened read-only (:func:`is_read_only` tells).
    """
    path = Path(path)
    if not path.exists():
        if not create:
            raise DatabaseError(f"{path}: no such database (run 'govwatch crawl' first)")
        _create(path)
    elif path.is_dir():
        raise DatabaseError(f"{path}: a directory, not a database file")
    elif path.stat().st_size == 0:
        raise DatabaseError(
            f"{path}: an empty (0-byte) file; govwatch never leaves one, so it was truncated or "
            "made by another program: copy back your last snapshot, or delete the file to "
            "start afresh")
    # A WAL database is written through files beside it: its directory must be writable too.
    read_only = not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
    if read_only and write:
        where = "the file" if not os.access(path, os.W_OK) else "its directory"
        raise DatabaseError(f"{path}: {where} is read-only and this command writes to it; "
                            "make it writable (chmod u+w) or give another --db")
    try:
        conn = _connect(path, read_only)
        db = scripts.Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.table_names()
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path}: not a usable SQLite database ({exc})") from None
    # Every database govwatch has migrated carries APPLICATION_ID; any other file that
    # already has tables belongs to someone else and is never touched.
    if app_id != APPLICATION_ID and (tables or app_id):
        conn.close()
        raise DatabaseError(f"{path}: an SQLite file, but not a govwatch database")
    if version > SCHEMA_VERSION:
        conn.close()
        raise DatabaseError(
            f"{path}: written by a newer govwatch (schema {version}, this version knows "
            f"{SCHEMA_VERSION}); upgrade govwatch, the file was not modified"
        )
    if check:
        problem = damage(conn)
        if problem:
            conn.close()
            raise DatabaseError(f"{path}: the database is damaged ({problem}); it was not "
                                f"modified. To recover, {RECOVERY_HINT.format(path=path)}")
    if read_only:
        if version < SCHEMA_VERSION:
            conn.close()
            raise DatabaseError(f"{path}: read-only, and from an older govwatch (schema "
                                f"{version}); make it writable once so it can be upgraded")
        db.execute("PRAGMA query_only = ON")
        return db
    if migrate and version < SCHEMA_VERSION:
        _migrate(db, version)
    if db.journal_mode != "wal":
        db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    timeout = BUSY_TIMEOUT_MS / 1000
    if not read_only:
        return sqlite3.connect(str(path), timeout=timeout)
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=timeout)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        if os.access(path.parent, os.W_OK):
            raise
    # A WAL database in a directory we may not write: its -shm cannot be made, so it can
    # only be read as an unchanging file (nobody else can write there either).
    return sqlite3.connect(uri + "&immutable=1", uri=True, timeout=timeout)


def _create(path: Path) -> None:
    """Create a new, migrated database at ``path`` whole: built beside it under another
    name and linked into place, so a file at ``path`` is never a half-made database."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.new-{os.getpid()}")
    partial.unlink(missing_ok=True)
    try:
        db = scripts.Database(sqlite3.connect(str(partial)))
        _migrate(db, 0)
        db.enable_wal()
        db.conn.close()
        try:
            os.link(partial, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(partial, path)
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot create the database ({exc.strerror})") from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)


# quick_check reads every page; through a memory map instead of SQLite's small page cache
# it takes about half the time (bench/open_check.py). The map is dropped afterwards.
CHECK_MMAP_BYTES = 1 << 30


def damage(conn: sqlite3.Connection) -> str:
    """The first problem PRAGMA quick_check finds, or "" for a sound database."""
    try:
        conn.execute(f"PRAGMA mmap_size = {CHECK_MMAP_BYTES}")
        try:
            rows = conn.execute("PRAGMA quick_check(1)").fetchall()
        finally:
            conn.execute("PRAGMA mmap_size = 0")
    except sqlite3.DatabaseError as exc:
        return str(exc)
    first = str(rows[0][0]) if rows else "no answer"
    return "" if first == "ok" else " ".join(first.split())[:200]


def is_read_only(db: sqlite_utils.Database) -> bool:
    """True for a database :func:`open_db` opened read-only (``write=False``)."""
    return bool(db.execute("PRAGMA query_only").fetchone()[0])


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


# --------------------------------------------------------------------------------------
# Articles
# --------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------
# Runs and errors
# --------------------------------------------------------------------------------------

def start_run(db: sqlite_utils.Database, source_ids: list[str], pid: int) -> int:
    """Open a run; runs left open by a killed process are closed as 'interrupted'.

    Runs of processes still alive are left alone: with per-source locks, several crawls
    (the scheduler's children, a cron crawl) may be running at once.
    """
    with transaction(db):
        open_runs = db.execute(
            "SELECT id, pid FROM runs WHERE finished_at IS NULL AND finish_reason IS NULL"
        ).fetchall()
        for open_id, open_pid in open_runs:
            if not _pid_alive(open_pid):
                db.execute("UPDATE runs SET finish_reason='interrupted' WHERE id = ?", (open_id,))
        cursor = db.execute(
            "INSERT INTO runs (started_at, sources, pid) VALUES (?, ?, ?)",
            (utcnow(), _json(source_ids), pid),
        )
    return int(cursor.lastrowid or 0)


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped) is not running
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True


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


# --------------------------------------------------------------------------------------
# digest: reads for crawler.digest and the record of delivered digests
# --------------------------------------------------------------------------------------


# An article's moment: its publication date, else when it was stored. A bare date
# (YYYY-MM-DD) counts as midnight UTC so it compares with full timestamps.
_MOMENT = ("(CASE WHEN length(a.published_at) = 10 THEN a.published_at || 'T00:00:00Z' "
           "ELSE COALESCE(a.published_at, a.fetched_at) END)")


def digest_articles(db: sqlite_utils.Database, start: str, end: str,
                    late_since: str) -> list[dict[str, Any]]:
    """Articles published (or stored) in [start, end), decoded, with ``source_name``.

    An article stored in the period but published before it (a late find) counts too when
    it was published at or after ``late_since``, so a daily digest misses nothing a crawl
    found late, without flooding on a new source's back catalogue.
    """
    sql = f"""
        SELECT a.*, {_MOMENT} AS moment, s.name AS source_name,
               s.jurisdiction AS source_config_jurisdiction
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id
        WHERE ({_MOMENT} >= :start AND {_MOMENT} < :end)
           OR (a.fetched_at >= :start AND a.fetched_at < :end AND {_MOMENT} >= :late)
        ORDER BY moment DESC, a.id DESC
    """
    params = {"start": start, "end": end, "late": late_since}
    return [decode_article(row) for row in db.query(sql, params)]


def has_story_tables(db: sqlite_utils.Database) -> bool:
    """True once the stories/story_mentions tables (dedup) exist in this database."""
    names = set(db.table_names())
    return {"stories", "story_mentions"} <= names


def digest_stories(db: sqlite_utils.Database, story_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """``stories`` rows by id (empty when the table does not exist)."""
    ids = sorted(set(story_ids))
    if not ids or not has_story_tables(db):
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = db.query(f"SELECT * FROM stories WHERE id IN ({marks})", ids)
    return {row["id"]: row for row in rows}


def digest_story_mentions(db: sqlite_utils.Database,
                          story_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Every outlet that ran each story (``story_mentions`` with the source's name)."""
    ids = sorted(set(story_ids))
    if not ids or not has_story_tables(db):
        return {}
    marks = ", ".join("?" for _ in ids)
    out: dict[int, list[dict[str, Any]]] = {}
    # A story shown as part of another (cross-language link, stories.merged_into) brings
    # its mentions to that story.
    for row in db.query(
        f"""SELECT m.*, s.name AS source_name, COALESCE(st.merged_into, st.id) AS shown_in
            FROM story_mentions m JOIN stories st ON st.id = m.story_id
            LEFT JOIN sources s ON s.id = m.source_id
            WHERE st.id IN ({marks}) OR st.merged_into IN ({marks})
            ORDER BY m.published_at, m.url""", [*ids, *ids]):
        shown = row.pop("shown_in")
        row["story_id"] = shown
        out.setdefault(shown, []).append(row)
    return out


def digest_story_versions(db: sqlite_utils.Database,
                          story_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Each story's version per language (crawler.db.links.story_versions)."""
    from crawler.db.links import story_versions

    if not has_story_tables(db):
        return {}
    return story_versions(db, story_ids)


def digest_other_urls(db: sqlite_utils.Database,
                      article_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """Other URLs that carried the same text as each article (``article_urls``)."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    out: dict[int, list[dict[str, Any]]] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start:chunk_start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in db.query(
            f"""SELECT u.*, s.name AS source_name FROM article_urls u
                LEFT JOIN sources s ON s.id = u.source_id
                WHERE u.article_id IN ({marks}) AND u.reason != 'stored'
                ORDER BY u.first_seen_at, u.url""", chunk):
            out.setdefault(row["article_id"], []).append(row)
    return out


def digest_known_values(db: sqlite_utils.Database) -> dict[str, set[str]]:
    """Jurisdiction codes, agency ids (and names, parents, mentions), source ids and topics
    present in the database."""
    jurisdictions = {r["v"] for r in db.query(
        """SELECT DISTINCT j.value AS v FROM articles a, json_each(a.jurisdictions) j
           WHERE a.jurisdictions IS NOT NULL AND json_valid(a.jurisdictions)
           UNION SELECT source_jurisdiction FROM articles WHERE source_jurisdiction IS NOT NULL
           UNION SELECT jurisdiction FROM sources WHERE jurisdiction IS NOT NULL""")}
    # agencies by id, name, parent (units) and the strings the text gave (mentions)
    agencies = {r["v"] for r in db.query(
        """SELECT agency_id AS v FROM article_agencies
           UNION SELECT agency_name FROM article_agencies
           UNION SELECT parent FROM article_agencies WHERE parent IS NOT NULL
           UNION SELECT m.value FROM article_agencies AS g, json_each(
             CASE WHEN json_valid(g.mentions) THEN g.mentions END) AS m""")
        if isinstance(r["v"], str) and r["v"]}
    sources = {r["id"] for r in db.query("SELECT id FROM sources")}
    topics = {r["topic"] for r in db.query(
        "SELECT DISTINCT topic FROM articles WHERE topic IS NOT NULL")}
    return {"jurisdictions": {str(v) for v in jurisdictions if v}, "agencies": agencies,
            "sources": sources, "topics": topics}


def digest_source_activity(db: sqlite_utils.Database, start: str,
                           end: str) -> list[dict[str, Any]]:
    """Per source: its state, failed runs and fetch errors in [start, end), last article."""
    return list(db.query(
        """SELECT s.id, s.name, s.last_status, s.last_error, s.consecutive_failures,
                  s.last_success_at, s.last_fetched_at,
                  (SELECT COUNT(*) FROM run_sources rs JOIN runs r ON r.id = rs.run_id
                    WHERE rs.source_id = s.id AND rs.status = 'failed'
                      AND r.started_at >= :start AND r.started_at < :end) AS failed_runs,
                  (SELECT COUNT(*) FROM fetch_errors e WHERE e.source_id = s.id
                      AND e.at >= :start AND e.at < :end) AS fetch_errors,
                  (SELECT e.error FROM fetch_errors e WHERE e.source_id = s.id
                      AND e.at >= :start AND e.at < :end ORDER BY e.at DESC, e.id DESC
                      LIMIT 1) AS last_fetch_error,
                  (SELECT MAX(a.fetched_at) FROM articles a
                    WHERE a.source_id = s.id) AS last_article_at
           FROM sources s ORDER BY s.id""",
        {"start": start, "end": end},
    ))


def last_delivered_digest(db: sqlite_utils.Database, channel: str) -> dict[str, Any] | None:
    """The most recent delivered digest on ``channel`` (None if there was none)."""
    rows = list(db.query(
        """SELECT * FROM digests WHERE channel = ? AND status = 'delivered'
           ORDER BY period_end DESC, id DESC LIMIT 1""", [channel]))
    return rows[0] if rows else None


def delivered_story_keys(db: sqlite_utils.Database, channel: str) -> set[str]:
    """Every story key already delivered on ``channel``."""
    keys: set[str] = set()
    for row in db.query("SELECT story_ids FROM digests WHERE channel = ? AND status = 'delivered'",
                        [channel]):
        keys.update(json.loads(row["story_ids"] or "[]"))
    return keys


def record_digest(db: sqlite_utils.Database, *, period_start: str, period_end: str, fmt: str,
                  channel: str, recipients: list[str], story_keys: list[str], status: str,
                  error: str | None = None) -> int:
    """Record one delivery attempt; ``status`` is 'delivered' or 'failed'."""
    with transaction(db):
        cursor = db.execute(
            """INSERT INTO digests (created_at, period_start, period_end, format, channel,
                                    recipients, story_ids, status, error)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (utcnow(), period_start, period_end, fmt, channel, _json(recipients),
             _json(story_keys), status, error),
        )
    return int(cursor.lastrowid or 0)
# Scheduler state, pauses and health inputs (issue #6)
# --------------------------------------------------------------------------------------

def job_state(db: sqlite_utils.Database, job_id: str) -> dict[str, Any] | None:
    """The scheduler's stored state for ``job_id`` ('crawl:ID' or 'digest'), or None."""
    rows = list(db.query("SELECT * FROM schedule_jobs WHERE id = ?", [job_id]))
    return rows[0] if rows else None


def job_started(db: sqlite_utils.Database, job_id: str, at: str) -> None:
    db.execute(
        """INSERT INTO schedule_jobs (id, last_started_at, runs) VALUES (?, ?, 1)
           ON CONFLICT(id) DO UPDATE SET last_started_at=excluded.last_started_at,
             runs=schedule_jobs.runs+1""",
        (job_id, at),
    )


def job_finished(db: sqlite_utils.Database, job_id: str, status: str, duration_s: float,
                 exit_code: int | None, run_id: int | None) -> None:
    db.execute(
        """UPDATE schedule_jobs SET last_finished_at=?, last_status=?, last_duration_s=?,
             last_exit_code=?, last_run_id=? WHERE id=?""",
        (utcnow(), status, round(duration_s, 3), exit_code, run_id, job_id),
    )


def run_of_pid(db: sqlite_utils.Database, pid: int, since: str) -> int | None:
    """The id of the run a process ``pid`` started at or after ``since``, or None."""
    row = db.execute("SELECT id FROM runs WHERE pid = ? AND started_at >= ? ORDER BY id DESC "
                     "LIMIT 1", (pid, since)).fetchone()
    return int(row[0]) if row else None


def record_killed_crawl(db: sqlite_utils.Database, source_id: str, url: str, pid: int,
                        since: str, error: str) -> int | None:
    """Record a crawl the scheduler had to kill (it hung) as a failure of ``source_id``.

    Closes the child's run (if it got as far as opening one), adds a failed ``run_sources``
    row unless the child wrote one, a ``fetch_errors`` row and the source's failure count.
    Returns the run id or None.
    """
    with transaction(db):
        run_id = run_of_pid(db, pid, since)
        if run_id is not None:
            db.execute("UPDATE runs SET finished_at=?, finish_reason='killed', exit_code=-9 "
                       "WHERE id=? AND finished_at IS NULL", (utcnow(), run_id))
            db.execute("INSERT OR IGNORE INTO run_sources (run_id, source_id, status, "
                       "finish_reason) VALUES (?, ?, 'failed', ?)", (run_id, source_id, error))
        record_fetch_error(db, run_id, source_id, url, error)
        record_source_result(db, source_id, ok=False, status="failed", error=error)
    return run_id


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
_SEEN_AT = ("CASE WHEN published_at IS NOT NULL AND published_at != '' AND published_at <= "
            "fetched_at THEN published_at ELSE fetched_at END")


def article_times(db: sqlite_utils.Database, source_id: str, since: str,
                  latest: int = 50) -> list[str]:
    """Times of a source's articles: all since ``since`` plus at least the ``latest`` newest."""
    rows = db.execute(
        f"""SELECT id, t FROM (SELECT id, {_SEEN_AT} AS t FROM articles WHERE source_id = ?)
            WHERE t >= ? UNION
            SELECT id, t FROM (SELECT id, {_SEEN_AT} AS t FROM articles WHERE source_id = ?
                               ORDER BY t DESC LIMIT ?)""",
        (source_id, since, source_id, latest),
    ).fetchall()
    return sorted(r[1] for r in rows)


# --------------------------------------------------------------------------------------
# rescore
# --------------------------------------------------------------------------------------

def iter_article_texts(db: sqlite_utils.Database, batch: int = 500
                       ) -> Iterator[dict[str, Any]]:
    """Every stored article as {id, title, text, language, published_at, fetched_at,
    source_jurisdiction}, by id.

    Read in batches keyed on id, so rows can be updated while iterating."""
    last = 0
    while True:
        rows = list(db.query(
            """SELECT a.id, a.title, a.text, a.language, a.published_at, a.fetched_at,
                      COALESCE(a.source_jurisdiction, s.jurisdiction, '') AS source_jurisdiction
               FROM articles a LEFT JOIN sources s ON s.id = a.source_id
               WHERE a.id > ? ORDER BY a.id LIMIT ?""", [last, batch]))
        if not rows:
            return
        yield from rows
        last = rows[-1]["id"]


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
            values[column] = _json(values[column])
    if values.get("relevant") is not None:
        values["relevant"] = int(bool(values["relevant"]))
    assignments = ", ".join(f"{c} = ?" for c in values)
    db.execute(f"UPDATE articles SET {assignments} WHERE id = ?", [*values.values(), article_id])
