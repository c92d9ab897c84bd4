"""A small govwatch database built through crawler.db, for the search/export/datasette tests.

The articles are the ones in tests/fixtures/db/make_v1.py (Chinese traditional and
simplified, English; tagged with agencies, jurisdictions, vendors), inserted with
insert_article so triggers and indexes of the current schema fill as in a crawl.
"""

from __future__ import annotations

import copy
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from crawler import db as dbm
from tests.fixtures.db.make_v1 import ARTICLES, SOURCES


def sources() -> list[SimpleNamespace]:
    return [SimpleNamespace(id=s[0], name=s[1], kind=s[2], language=s[3], jurisdiction=s[4])
            for s in SOURCES]


def articles() -> list[dict[str, Any]]:
    return copy.deepcopy(ARTICLES)


def make_db(path: Path, extra: list[dict[str, Any]] | None = None) -> Any:
    """A migrated database at ``path`` holding the sample articles (ids 1..4) and ``extra``."""
    db = dbm.open_db(path)
    dbm.sync_sources(db, sources())
    with dbm.transaction(db):
        for record in articles() + (extra or []):
            dbm.insert_article(db, record)
    return db


def article(number: int, **fields: Any) -> dict[str, Any]:
    """A minimal English article record; ``fields`` override."""
    record: dict[str, Any] = {
        "url": f"https://example.org/news/{number}", "source_id": "info-gov-hk-en",
        "title": f"Article {number}", "text": f"Plain text of article {number}.",
        "published_at": "2026-06-03T00:00:00Z", "fetched_at": "2026-06-03T00:10:00Z",
        "language": "en", "content_hash": f"hash-{number}",
    }
    record.update(fields)
    return record
