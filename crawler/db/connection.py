"""Opening the database file: create, check, migrate; transactions.

The database is one file in WAL mode (readers never block the crawl's writer).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlite_utils

from crawler.db import scripts
from crawler.db.schema import MIGRATIONS, SCHEMA_VERSION
from crawler.shared.dates import utc_now

BUSY_TIMEOUT_MS = 30_000


APPLICATION_ID = 0x67765743  # "gvWC": marks a file as a govwatch database


class DatabaseError(Exception):
    """The database cannot be used; ``str(err)`` is a one-line message for the user."""


utcnow = utc_now  # the db's name for it (crawler.shared.dates owns timestamps)


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


def encode_json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False)
