"""pipelines.store + crawler.db: every article stored exactly once, with a real SQLite file."""

import sqlite3

import pytest

from crawler import db as dbm
from crawler.shared.items import Article
from pipelines.extract import content_hash
from pipelines.store import store


@pytest.fixture
def db(tmp_path):
    database = dbm.open_db(tmp_path / "g.db")
    database.execute("INSERT INTO sources (id, name, kind) VALUES ('a', 'A', 'feed'), ('b', 'B', 'feed')")
    return database


def article(url: str, text: str, source: str = "a", **extra) -> Article:
    item = Article(url=url, source_id=source, fetched_at="2026-05-01T00:00:00Z", title="T",
                   text=text, **extra)
    item.content_hash = content_hash(text)
    return item


def count(db, table: str) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_new_then_already_stored(db):
    assert store(db, article("https://x.org/1", "Some text"))[0] == "new"
    assert store(db, article("https://x.org/1", "Some text"))[0] == "already_stored"
    assert count(db, "articles") == 1


def test_same_text_other_url_is_a_mention_not_a_row(db):
    outcome, first = store(db, article("https://x.org/1", "Same words here"))
    outcome, second = store(db, article("https://y.org/9", "same  WORDS here", source="b"))
    assert outcome == "duplicate" and second == first
    assert count(db, "articles") == 1
    urls = db.execute("SELECT url, reason FROM article_urls ORDER BY url").fetchall()
    assert urls == [("https://x.org/1", "stored"), ("https://y.org/9", "same_text")]
    assert dbm.is_known_url(db, "https://y.org/9")


def test_changed_text_same_url_keeps_id(db):
    _, first = store(db, article("https://x.org/1", "Version one"))
    outcome, again = store(db, article("https://x.org/1", "Version two, corrected"))
    assert outcome == "updated" and again == first
    row = db.execute("SELECT text, updated_at FROM articles WHERE id = ?", (first,)).fetchone()
    assert row[0] == "Version two, corrected" and row[1]


def test_redirect_target_recorded_as_known(db):
    store(db, article("https://x.org/short", "Body", final_url="https://x.org/long/path"))
    assert dbm.is_known_url(db, "https://x.org/long/path")


def test_json_columns_round_trip_with_chinese(db):
    item = article("https://x.org/zh", "數字政策辦公室", agencies=[{"id": "hk-dpo", "name": "Digital Policy Office"}],
                   key_signals=["數字政策辦公室推出論壇。"], relevant=True)
    store(db, item)
    raw = db.execute("SELECT key_signals FROM articles").fetchone()[0]
    assert "數字" in raw  # stored readable, not \\u escaped
    (row,) = list(dbm.iter_articles(db))
    assert row["agencies"][0]["id"] == "hk-dpo" and row["relevant"] is True


def test_failed_transaction_leaves_nothing(db, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    from crawler.db import articles as db_articles

    monkeypatch.setattr(db_articles, "add_article_url", boom)  # insert_article's second write
    with pytest.raises(RuntimeError):
        store(db, article("https://x.org/1", "text"))
    assert count(db, "articles") == 0


def test_open_db_refuses_bad_files(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(dbm.DatabaseError, match="not a usable SQLite database"):
        dbm.open_db(junk)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(dbm.DatabaseError, match="not a govwatch database"):
        dbm.open_db(other)
    with pytest.raises(dbm.DatabaseError, match="no such database"):
        dbm.open_db(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_wal_mode_and_interrupted_runs(tmp_path):
    database = dbm.open_db(tmp_path / "g.db")
    assert database.journal_mode == "wal"
    first = dbm.start_run(database, ["a"], 2**22 + 1)  # a pid no process can have
    second = dbm.start_run(database, ["a"], 2)  # the first was never finished: killed
    reasons = dict(database.execute("SELECT id, finish_reason FROM runs").fetchall())
    assert reasons[first] == "interrupted" and reasons[second] is None


def test_listing_validators_survive_304(db):
    dbm.record_listing(db, "a", "https://x.org/feed", 200, '"v1"', "Mon, 01 Jun 2026 00:00:00 GMT")
    dbm.record_listing(db, "a", "https://x.org/feed", 304, None, None)
    assert dbm.listing_validators(db, "https://x.org/feed") == ('"v1"', "Mon, 01 Jun 2026 00:00:00 GMT")
    dbm.record_listing(db, "a", "https://x.org/feed", 200, None, None)  # validators withdrawn
    assert dbm.listing_validators(db, "https://x.org/feed") == (None, None)
