"""Tag tables mirror the JSON columns through triggers, whoever writes the article."""

from __future__ import annotations

import json
from pathlib import Path

from crawler import db as dbm
from tests.sample_db import article, make_db


def rows(db, table: str, article_id: int) -> list[tuple]:
    return db.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY rank",
                      (article_id,)).fetchall()


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
