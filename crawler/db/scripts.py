"""A sqlite-utils Database whose scripts run in linear time inside a transaction.

sqlite-utils 4 runs a script inside a transaction one statement at a time (so that
sqlite3's executescript does not commit it), finding each statement's end by joining the
script's characters one by one: quadratic in a statement's length, ~0.2 s of a fresh
database's migrations (bench/README.md, issue #14). :func:`statements` splits the same way
(at each ``;`` that completes a statement, by ``sqlite3.complete_statement``), trying only
the semicolons.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import sqlite_utils


def statements(sql: str) -> Iterator[str]:
    """The complete statements of ``sql``, stripped, in order (a trailing rest too)."""
    start = 0
    end = sql.find(";")
    while end != -1:
        chunk = sql[start:end + 1].strip()
        if chunk and sqlite3.complete_statement(chunk):
            yield chunk
            start = end + 1
        end = sql.find(";", end + 1)
    rest = sql[start:].strip()
    if rest:
        yield rest


class Database(sqlite_utils.Database):
    def executescript(self, sql: str) -> sqlite3.Cursor:
        tracer = getattr(self, "_tracer", None)
        if tracer:
            tracer(sql, None)
        if self.conn.in_transaction:
            cursor = self.conn.cursor()
            # as sqlite-utils does: no sqlite3.executescript(), which would commit
            for statement in statements(sql):
                cursor.execute(statement)
            return cursor
        return self.conn.executescript(sql)
