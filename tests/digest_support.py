"""Small hand-written databases for the digest tests (no shared data, no network).

``add_story_tables`` mimics the schema the dedup stage (issue #4) plans, so grouping by
story can be tested before that stage lands.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import sqlite_utils

from crawler import db as dbm

SOURCES = [
    ("rthk-en", "RTHK English", "HK"),
    ("bastillepost-hk", "巴士的報", "HK"),
    ("gov-uk-ai", "GOV.UK (AI)", "GB"),
    ("fedscoop", "FedScoop", "US"),
    ("wire", "Global Wire", None),
]


class _Source:
    def __init__(self, sid: str, name: str, jurisdiction: str | None) -> None:
        self.id, self.name, self.jurisdiction = sid, name, jurisdiction
        self.kind, self.language = "feed", "en"


def new_db(path: Path) -> sqlite_utils.Database:
    db = dbm.open_db(path)
    dbm.sync_sources(db, [_Source(*s) for s in SOURCES])
    return db


def add_article(db: sqlite_utils.Database, url: str, source_id: str, title: str,
                published_at: str | None, **fields: Any) -> int:
    record: dict[str, Any] = {
        "url": url, "source_id": source_id, "title": title, "published_at": published_at,
        "fetched_at": fields.pop("fetched_at", published_at or "2026-06-01T12:00:00Z"),
        "text": fields.pop("text", f"{title}. Body text of the article."),
        "content_hash": hashlib.sha256(url.encode()).hexdigest(),
        "language": "en", "relevant": True, "relevance_score": 0.8,
        "topic": "public-sector-ai",
    }
    record.update(fields)
    with dbm.transaction(db):
        return dbm.insert_article(db, record)


def add_story_tables(db: sqlite_utils.Database) -> None:
    """The planned ``stories``/``story_mentions`` schema (issue #4)."""
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS stories (id INTEGER PRIMARY KEY, title TEXT,
            first_seen_at TEXT, last_seen_at TEXT);
        CREATE TABLE IF NOT EXISTS story_mentions (story_id INTEGER, article_id INTEGER,
            source_id TEXT, url TEXT, title TEXT, published_at TEXT);
        """
    )


def add_story(db: sqlite_utils.Database, story_id: int, title: str, article_ids: list[int]) -> None:
    """A story over stored articles: a stories row, one mention per article, story_id set."""
    rows = [dict(r) for r in db.query(
        f"SELECT * FROM articles WHERE id IN ({', '.join('?' for _ in article_ids)})", article_ids)]
    times = sorted(r["published_at"] or r["fetched_at"] for r in rows)
    with dbm.transaction(db):
        db.execute("INSERT INTO stories (id, title, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)",
                   (story_id, title, times[0], times[-1]))
        for r in rows:
            db.execute("INSERT INTO story_mentions (story_id, article_id, source_id, url, "
                       "title, published_at) VALUES (?, ?, ?, ?, ?, ?)",
                       (story_id, r["id"], r["source_id"], r["url"], r["title"], r["published_at"]))
            db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story_id, r["id"]))


def sample(db: sqlite_utils.Database) -> dict[str, int]:
    """Five relevant articles over three jurisdictions, one irrelevant, one old."""
    hk_dpo = {"id": "hk-dpo", "name": "Digital Policy Office", "jurisdiction": "HK"}
    ids = {
        "hk1": add_article(db, "https://rthk.example/hk1", "rthk-en",
                           "DPO pilots AI assistant for civil servants", "2026-06-01T09:00:00Z",
                           jurisdictions=["HK"], agencies=[hk_dpo],
                           vendors=[{"id": "acme", "name": "Acme AI"}],
                           key_signals=["Pilot covers 10 departments."],
                           summary="The Digital Policy Office starts a pilot."),
        "hk2": add_article(db, "https://bastille.example/hk2", "bastillepost-hk",
                           "數字政策辦公室推出人工智能助手", "2026-06-01T15:00:00Z",
                           language="zh-Hant", jurisdictions=["HK"], agencies=[hk_dpo],
                           summary="數字政策辦公室宣布試行人工智能助手。"),
        "hk3": add_article(db, "https://rthk.example/hk3", "rthk-en",
                           "Hospital Authority tests triage model", "2026-06-02T08:00:00Z",
                           jurisdictions=["HK"],
                           agencies=[{"id": "hk-ha", "name": "Hospital Authority",
                                      "jurisdiction": "HK"}]),
        "gb1": add_article(db, "https://gov.example/gb1", "gov-uk-ai",
                           "i.AI publishes procurement guidance", "2026-06-02T10:00:00Z",
                           jurisdictions=["GB"], relevance_score=0.95),
        "us1": add_article(db, "https://fedscoop.example/us1", "fedscoop",
                           "GSA buys chatbot licences", "2026-06-01T20:00:00Z",
                           jurisdictions=["US"], relevance_score=0.4),
        "off": add_article(db, "https://rthk.example/off", "rthk-en",
                           "Weather warning lifted", "2026-06-01T11:00:00Z",
                           relevant=False, relevance_score=0.1, jurisdictions=["HK"]),
        "old": add_article(db, "https://rthk.example/old", "rthk-en",
                           "Old story from May", "2026-05-01T11:00:00Z", jurisdictions=["HK"]),
    }
    return ids


START, END = "2026-06-01T00:00:00Z", "2026-06-03T00:00:00Z"
