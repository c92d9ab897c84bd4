"""Schema versions: upgrading a schema-v1 file in place, refusing files we must not touch."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler import db as dbm
from crawler.cli import main
from crawler.outputs.search import search

FIXTURE = Path(__file__).parent / "fixtures" / "db" / "govwatch-v1.db"
V1_TABLES = ("sources", "listings", "articles", "article_urls", "ignored_pages", "runs",
             "run_sources", "fetch_errors")


def dump(path: Path, tables: tuple[str, ...] = V1_TABLES,
         columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Rows of ``tables``; with ``columns``, only those columns (later versions add some)."""
    conn = sqlite3.connect(path)
    try:
        out = {}
        for t in tables:
            cols = ", ".join(columns[t]) if columns else "*"
            out[t] = conn.execute(f"SELECT {cols} FROM {t} ORDER BY rowid").fetchall()
        return out
    finally:
        conn.close()


def v1_columns(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        return {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in V1_TABLES}
    finally:
        conn.close()


@pytest.fixture
def v1(tmp_path: Path) -> Path:
    path = tmp_path / "govwatch.db"
    shutil.copyfile(FIXTURE, path)
    return path


def test_fixture_is_schema_v1() -> None:
    conn = sqlite3.connect(FIXTURE)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 4
    conn.close()


def test_upgrade_in_place_keeps_every_row(v1: Path) -> None:
    columns = v1_columns(v1)
    before = dump(v1, columns=columns)
    assert all(before.values())  # the fixture has rows in every v1 table
    db = dbm.open_db(v1)
    assert db.execute("PRAGMA user_version").fetchone()[0] == dbm.SCHEMA_VERSION > 1
    assert db.execute("PRAGMA application_id").fetchone()[0] == dbm.APPLICATION_ID
    db.conn.close()
    assert dump(v1, columns=columns) == before


def test_upgrade_backfills_tags_and_search(v1: Path) -> None:
    db = dbm.open_db(v1)
    agencies = db.execute("SELECT article_id, agency_id, agency_name, jurisdiction, rank "
                          "FROM article_agencies ORDER BY article_id, rank").fetchall()
    assert agencies[:2] == [(1, "hk-ced", "香港海關", "HK", 1),
                            (1, "hk-dpo", "Digital Policy Office", "HK", 2)]
    assert len(agencies) == 6
    assert db.execute("SELECT article_id, jurisdiction FROM article_jurisdictions "
                      "WHERE article_id = 2 ORDER BY rank").fetchall() == [(2, "HK"), (2, "CN")]
    assert db.execute("SELECT vendor_id, vendor_name FROM article_vendors").fetchall() == [
        ("sensetime", "商湯科技")]
    assert [r["id"] for r in search(db, "清關系統")] == [1]
    assert [r["id"] for r in search(db, "regulation")] == [4]
    assert [r["article_id"] for r in db.query("SELECT article_id FROM signals ORDER BY 1")] == [1, 2, 4]


def test_upgraded_file_equals_fresh_schema(v1: Path, tmp_path: Path) -> None:
    upgraded = dbm.open_db(v1)
    fresh = dbm.open_db(tmp_path / "fresh.db")
    query = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
    assert upgraded.execute(query).fetchall() == fresh.execute(query).fetchall()


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_newer_database_is_refused_and_not_modified(v1: Path, journal: str) -> None:
    conn = sqlite3.connect(v1)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute(f"PRAGMA user_version = {dbm.SCHEMA_VERSION + 5}")
    conn.close()
    before, mtime = v1.read_bytes(), v1.stat().st_mtime_ns
    with pytest.raises(dbm.DatabaseError) as err:
        dbm.open_db(v1)
    message = str(err.value)
    assert "newer govwatch" in message and "not modified" in message and "\n" not in message
    assert v1.read_bytes() == before and v1.stat().st_mtime_ns == mtime


def test_cli_reports_a_newer_database_in_one_line(v1: Path) -> None:
    conn = sqlite3.connect(v1)
    conn.execute(f"PRAGMA user_version = {dbm.SCHEMA_VERSION + 1}")
    conn.close()
    before = v1.read_bytes()
    result = CliRunner().invoke(main, ["search", "海關", "--db", str(v1)])
    assert result.exit_code == 3
    assert result.output.count("\n") == 1 and "newer govwatch" in result.output
    assert v1.read_bytes() == before


@pytest.mark.parametrize("content", [b"", b"hello, not a database" * 100])
def test_a_file_that_is_not_sqlite_gets_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "govwatch.db"
    path.write_bytes(content or b"\x00" * 4096)
    with pytest.raises(dbm.DatabaseError, match="not a usable SQLite database"):
        dbm.open_db(path)


def test_a_corrupt_govwatch_file_gets_one_line(v1: Path) -> None:
    data = bytearray(v1.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)   # keep the header, destroy the schema page
    v1.write_bytes(bytes(data))
    result = CliRunner().invoke(main, ["export", "--db", str(v1)])
    assert result.exit_code == 3
    assert result.output.startswith("govwatch: error: ") and result.output.count("\n") == 1
    assert "malformed" in result.output


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("PRAGMA user_version = 1")  # even one that looks like version 1
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(dbm.DatabaseError, match="not a govwatch database"):
        dbm.open_db(path)
    assert path.read_bytes() == before


def test_fresh_database_has_the_newest_version(tmp_path: Path) -> None:
    db = dbm.open_db(tmp_path / "new.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(dbm.MIGRATIONS)
    assert {"article_agencies", "articles_fts", "articles_fts_en"} <= set(db.table_names())
    assert "signals" in db.view_names()
