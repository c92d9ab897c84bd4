"""Tag tables mirror the JSON columns through triggers, whoever writes the article."""

from __future__ import annotations

import json
from pathlib import Path

from crawler import db as dbm
from tests.sample_db import article, make_db

DETAILS = ("listed", "parent", "mentions")  # tests of their own below


def rows(db, table: str, article_id: int) -> list[tuple]:
    """The rows of a tag table for one article, without the listed/parent/mentions columns."""
    columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] not in DETAILS]
    return db.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE article_id = ? "
                      "ORDER BY rank", (article_id,)).fetchall()


def details(db, table: str, article_id: int) -> list[tuple]:
    key = {"article_agencies": "agency_id", "article_vendors": "vendor_id",
           "article_locations": "location_id"}[table]
    return db.execute(f"SELECT {key}, listed, parent, mentions FROM {table} "
                      "WHERE article_id = ? ORDER BY rank", (article_id,)).fetchall()


def test_listed_parent_and_mentions_are_mirrored(tmp_path: Path) -> None:
    """Issue #12: each tag object's listed, parent and mentions reach the tag tables, on
    insert and on a plain-SQL update; objects without them (older tags) give NULLs."""
    db = make_db(tmp_path / "g.db")
    agencies = [
        {"id": "hk-dpo", "name": "Digital Policy Office", "jurisdiction": "HK", "listed": True,
         "parent": None, "mentions": ["數字政策辦公室", "DPO"]},
        {"id": "hk-dpo-ai-lab", "name": "AI Lab", "jurisdiction": "HK", "listed": False,
         "parent": "hk-dpo", "mentions": ["AI Lab"]},
        {"id": "gb-kent-county-council", "name": "Kent County Council", "listed": False,
         "parent": None, "mentions": "not a list"},
    ]
    db.execute("UPDATE articles SET agencies = ?, vendors = ? WHERE id = 4",
               (json.dumps(agencies, ensure_ascii=False),
                json.dumps([{"id": "acme", "name": "Acme", "listed": True, "parent": None,
                             "mentions": ["Acme AI"]}])))
    assert details(db, "article_agencies", 4) == [
        ("hk-dpo", 1, None, '["數字政策辦公室","DPO"]'),
        ("hk-dpo-ai-lab", 0, "hk-dpo", '["AI Lab"]'),
        ("gb-kent-county-council", 0, None, None)]
    assert details(db, "article_vendors", 4) == [("acme", 1, None, '["Acme AI"]')]
    assert details(db, "article_agencies", 2)[0][1:] == (None, None, None)  # older tags
    units = db.execute("SELECT agency_id FROM article_agencies WHERE parent = 'hk-dpo'").fetchall()
    assert units == [("hk-dpo-ai-lab",)]


def test_insert_fills_every_tag_table(tmp_path: Path) -> None:
    db = make_db(tmp_path / "g.db")
    assert rows(db, "article_jurisdictions", 2) == [(2, "HK", 1), (2, "CN", 2)]
    assert rows(db, "article_agencies", 2) == [
        (2, "hk-dpo", 1, "Digital Policy Office", "HK"),
        (2, "cn-cac", 2, "国家互联网信息办公室", "CN")]
    assert rows(db, "article_vendors", 2) == [(2, "sensetime", 1, "商湯科技")]
    assert rows(db, "article_locations", 1) == [(1, "hk", 1, "香港")]
    assert rows(db, "article_agencies", 3) == [(3, "cn-cac", 1, "国家互联网信息办公室", "CN")]


def test_update_through_db_layer_and_plain_sql_resyncs(tmp_path: Path) -> None:
    db = make_db(tmp_path / "g.db")
    record = dict(article(9), agencies=[{"id": "sg-govtech", "name": "GovTech"}],
                  jurisdictions=["SG"])
    with dbm.transaction(db):
        dbm.update_article(db, 4, record)
    assert rows(db, "article_agencies", 4) == [(4, "sg-govtech", 1, "GovTech", None)]
    assert rows(db, "article_jurisdictions", 4) == [(4, "SG", 1)]
    # a rescoring tool that only runs SQL
    db.execute("UPDATE articles SET jurisdictions = ? WHERE id = 4", (json.dumps(["GB", "US"]),))
    assert rows(db, "article_jurisdictions", 4) == [(4, "GB", 1), (4, "US", 2)]
    assert rows(db, "article_agencies", 4) == [(4, "sg-govtech", 1, "GovTech", None)]


def test_plain_strings_duplicates_and_bad_json_are_tolerated(tmp_path: Path) -> None:
    db = make_db(tmp_path / "g.db", extra=[
        article(10, vendors=["OpenAI", "OpenAI", "", {"name": "Microsoft"}],
                jurisdictions=["HK", "HK"], agencies=[{"name": "no id agency"}, 5, None]),
    ])
    new_id = db.execute("SELECT id FROM articles WHERE url LIKE '%/10'").fetchone()[0]
    assert rows(db, "article_vendors", new_id) == [
        (new_id, "OpenAI", 1, "OpenAI"), (new_id, "Microsoft", 4, "Microsoft")]
    assert rows(db, "article_jurisdictions", new_id) == [(new_id, "HK", 1)]
    assert rows(db, "article_agencies", new_id) == [
        (new_id, "no id agency", 1, "no id agency", None)]
    db.execute("UPDATE articles SET agencies = 'not json', locations = '{\"a\": 1}' "
               "WHERE id = ?", (new_id,))
    assert rows(db, "article_agencies", new_id) == []
    assert rows(db, "article_locations", new_id) == []


def test_delete_removes_tags(tmp_path: Path) -> None:
    db = make_db(tmp_path / "g.db")
    db.execute("PRAGMA foreign_keys = OFF")  # as in datasette or the sqlite3 shell
    with dbm.transaction(db):
        db.execute("DELETE FROM article_urls WHERE article_id = 2")
        db.execute("DELETE FROM articles WHERE id = 2")
    for table in ("article_jurisdictions", "article_agencies", "article_vendors"):
        assert rows(db, table, 2) == []
    assert rows(db, "article_agencies", 1) != []


def test_signals_view_lists_relevant_articles_with_tags(tmp_path: Path) -> None:
    db = make_db(tmp_path / "g.db")
    db.execute("UPDATE articles SET story_id = 7 WHERE id IN (1, 4)")
    signals = {r["article_id"]: r for r in db.query("SELECT * FROM signals")}
    assert sorted(signals) == [1, 2, 4]          # article 3 is not relevant
    first = signals[1]
    assert first["story_id"] == 7 and first["day"] == "2026-06-01"
    assert json.loads(first["agencies"]) == ["香港海關", "Digital Policy Office"]
    assert json.loads(first["agency_ids"]) == ["hk-ced", "hk-dpo"]
    assert json.loads(signals[2]["jurisdictions"]) == ["HK", "CN"]
    assert json.loads(signals[2]["vendors"]) == ["商湯科技"]


def test_common_queries_use_indexes(tmp_path: Path) -> None:
    db = make_db(tmp_path / "g.db")
    for sql in ("SELECT * FROM articles WHERE story_id = 1",
                "SELECT * FROM articles WHERE published_at >= '2026-06-01'",
                "SELECT * FROM articles WHERE source_id = 'x'",
                "SELECT article_id FROM article_jurisdictions WHERE jurisdiction = 'HK'",
                "SELECT article_id FROM article_agencies WHERE agency_id = 'hk-dpo'"):
        plan = " ".join(str(r[-1]) for r in db.execute("EXPLAIN QUERY PLAN " + sql))
        assert "USING" in plan and "SCAN" not in plan.replace("SCAN CONSTANT", ""), (sql, plan)


def test_migration_adds_details_to_an_older_database(tmp_path: Path) -> None:
    """A database from before migrate_tag_details (whatever number the lead gives it) gains
    listed/parent/mentions, refilled from the stored JSON, and triggers that keep them."""
    import sqlite3

    import sqlite_utils

    from crawler.db.tags import migrate_tag_details

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    old = sqlite_utils.Database(conn)
    before = dbm.MIGRATIONS[:dbm.MIGRATIONS.index(migrate_tag_details)]
    for number, step in enumerate(before, start=1):
        step(old)
        conn.execute(f"PRAGMA user_version = {number}")
    conn.execute(f"PRAGMA application_id = {dbm.APPLICATION_ID}")
    conn.execute("INSERT INTO sources (id) VALUES ('s')")
    unit = {"id": "hk-dpo-ai-lab", "name": "AI Lab", "jurisdiction": "HK", "listed": False,
            "parent": "hk-dpo", "mentions": ["AI Lab"]}
    conn.execute("INSERT INTO articles (url, source_id, fetched_at, content_hash, agencies) "
                 "VALUES ('https://x/1', 's', '2026-01-01T00:00:00Z', 'h', ?)",
                 (json.dumps([unit]),))
    conn.commit()
    columns = [r[1] for r in conn.execute("PRAGMA table_info(article_agencies)")]
    assert "parent" not in columns
    conn.close()

    db = dbm.open_db(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == dbm.SCHEMA_VERSION
    assert details(db, "article_agencies", 1) == [("hk-dpo-ai-lab", 0, "hk-dpo", '["AI Lab"]')]
    db.execute("UPDATE articles SET agencies = ? WHERE id = 1",
               (json.dumps([dict(unit, id="hk-dpo-x", mentions=["X"])]),))
    assert details(db, "article_agencies", 1) == [("hk-dpo-x", 0, "hk-dpo", '["X"]')]
    with dbm.transaction(db):
        dbm.insert_article(db, article(2, source_id="s", agencies=[unit]))
    new_id = db.execute("SELECT id FROM articles WHERE url LIKE '%/2'").fetchone()[0]
    assert details(db, "article_agencies", new_id) == [("hk-dpo-ai-lab", 0, "hk-dpo", '["AI Lab"]')]
