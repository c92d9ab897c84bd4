"""A consistent copy of the database, safe to take while a crawl is writing.

SQLite's online backup API (``sqlite3.Connection.backup``) copies the pages inside one read
transaction; in WAL mode that transaction sees one committed state and does not block
the crawl's writer, so the copy is exactly the database as of one commit. The copy is
written beside the target and renamed into place, so a reader never sees half a file, and
it is switched to the rollback journal so it is one self-contained file to hand around.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from crawler.db.connection import DatabaseError, open_db


def snapshot(source: str | Path, target: str | Path) -> int:
    """Copy the govwatch database ``source`` to the new file ``target``; returns its size.

    Raises DatabaseError (one line) when ``source`` is unusable, ``target`` exists, or the
    copy fails its integrity check.
    """
    target = Path(target)
    if target.exists():
        raise DatabaseError(f"{target}: already exists; choose a new file name")
    db = open_db(source, create=False, write=False)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    copy = None
    try:
        copy = sqlite3.connect(str(partial))
        db.conn.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")
        result = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            raise DatabaseError(f"{target}: the snapshot failed its integrity check ({result})")
        copy.close()
        copy = None
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        raise DatabaseError(f"{target}: snapshot failed ({exc})") from None
    finally:
        if copy is not None:
            copy.close()
        db.conn.close()
        partial.unlink(missing_ok=True)
    return target.stat().st_size
