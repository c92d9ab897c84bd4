"""govwatch export: shared filters, Excel-ready CSV, and consistent snapshots."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler import db as dbm
from crawler.cli import main
from crawler.db.snapshot import snapshot
from crawler.outputs.export import parse_until
from tests.sample_db import article, make_db


@pytest.fixture
def path(tmp_path: Path) -> Path:
    make_db(tmp_path / "govwatch.db").conn.close()
    return tmp_path / "govwatch.db"


def export(path: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["export", "--db", str(path), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def jsonl_ids(text: str) -> list[int]:
    return [json.loads(line)["id"] for line in text.splitlines()]


@pytest.mark.parametrize("args, expected", [
    ([], [1, 4, 2, 3]),
    (["--relevant"], [1, 4, 2]),
    (["--jurisdiction", "CN"], [2, 3]),
    (["--jurisdiction", "cn", "--jurisdiction", "HK"], [1, 4, 2, 3]),
    (["--agency", "cn-cac"], [2, 3]),
    (["--agency", "Digital Policy Office", "--relevant"], [1, 4, 2]),
    (["--source", "info-gov-hk-en"], [4]),
    (["--since", "2026-06-02"], [2, 3]),
    (["--until", "2026-06-01"], [1, 4]),          # a bare date includes that day
    (["--since", "2026-06-01T05:00:00Z", "--until", "2026-06-02T05:00Z"], [4, 2]),
])
def test_filters(path: Path, args: list[str], expected: list[int]) -> None:
    assert jsonl_ids(export(path, *args)) == expected


def test_until_date_is_inclusive() -> None:
    assert parse_until("2026-06-01") == "2026-06-02T00:00:00Z"
    assert parse_until("2026-06-01T08:00:00Z") == "2026-06-01T08:00:00Z"
    assert parse_until("2d", now=datetime(2026, 6, 3, tzinfo=UTC)) == "2026-06-01T00:00:00Z"


def test_csv_opens_in_excel(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    export(path, "--format", "csv", "--bom", "--jurisdiction", "HK", "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    by_id = {row["id"]: row for row in rows}
    assert by_id["1"]["title"] == "海關總署推出人工智能清關系統"
    assert by_id["1"]["agencies"] == "香港海關; Digital Policy Office"
    assert by_id["2"]["jurisdictions"] == "HK; CN"
    assert by_id["2"]["vendors"] == "商湯科技"
    assert by_id["1"]["relevant"] == "true"
    for row in rows:   # no cell holds JSON
        assert not any(v.startswith(("[", "{")) for v in row.values())


def test_csv_without_bom(path: Path) -> None:
    assert not export(path, "--format", "csv").startswith("\ufeff")
    assert export(path, "--format", "csv", "--bom").startswith("\ufeff")


def writer(path: Path, stop: threading.Event, written: list[int]) -> None:
    db = dbm.open_db(path)
    number = 100
    while not stop.is_set():
        with dbm.transaction(db):
            dbm.insert_article(db, article(number, title=f"海關 update {number}",
                                           jurisdictions=["HK", "SG"],
                                           agencies=[{"id": "hk-ced", "name": "香港海關"}]))
        written.append(number)
        number += 1
    db.conn.close()


def test_snapshot_while_a_crawl_writes(path: Path, tmp_path: Path) -> None:
    stop, written = threading.Event(), []
    thread = threading.Thread(target=writer, args=(path, stop, written))
    thread.start()

    def wait_for(count: int) -> None:
        deadline = time.monotonic() + 60
        while len(written) < count:
            assert thread.is_alive() and time.monotonic() < deadline, "the writer stopped"
            time.sleep(0.01)

    try:
        wait_for(20)                      # the writer is well under way
        snapshot(path, tmp_path / "snap.db")
        wait_for(len(written) + 20)       # and keeps going after the copy
    finally:
        stop.set()
        thread.join()
    copy = sqlite3.connect(tmp_path / "snap.db")
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    count = copy.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 4 + 20 <= count < 4 + len(written)
    # one consistent state: every copied article has its tags and index entries
    tagged = copy.execute("SELECT COUNT(*) FROM article_jurisdictions").fetchone()[0]
    assert tagged == 5 + 2 * (count - 4)
    assert copy.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    copy.close()
    db = dbm.open_db(tmp_path / "snap.db", create=False)
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == count


def test_snapshot_cli(path: Path, tmp_path: Path) -> None:
    target = tmp_path / "backup" / "copy.db"
    target.parent.mkdir()
    result = CliRunner().invoke(main, ["export", "--db", str(path), "--snapshot", str(target)])
    assert result.exit_code == 0, result.output
    assert dbm.open_db(target, create=False).execute(
        "SELECT COUNT(*) FROM articles").fetchone()[0] == 4
    again = CliRunner().invoke(main, ["export", "--db", str(path), "--snapshot", str(target)])
    assert again.exit_code == 2 and "already exists" in again.output
    assert not list(target.parent.glob("*.partial"))


def test_snapshot_takes_no_filters(path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--db", str(path), "--relevant",
                                       "--snapshot", str(tmp_path / "s.db")])
    assert result.exit_code == 2 and "takes no filters" in result.output
    assert not (tmp_path / "s.db").exists()


def test_snapshot_of_a_non_govwatch_file_fails_cleanly(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    other.write_bytes(b"not sqlite" * 500)
    result = CliRunner().invoke(main, ["export", "--db", str(other),
                                       "--snapshot", str(tmp_path / "s.db")])
    assert result.exit_code == 3 and result.output.count("\n") == 1
    assert not (tmp_path / "s.db").exists()


def test_empty_publication_date_counts_from_fetch(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    make_db(path, extra=[article(8, published_at="", fetched_at="2026-07-01T00:00:00Z",
                                 relevant=1,
                                 relevance_reasons=[{"rule": "ai", "matched": ["AI", "人工智能"]}])]
            ).conn.close()
    assert jsonl_ids(export(path, "--since", "2026-06-30")) == [5]
    assert jsonl_ids(export(path))[-1] == 5
    db = dbm.open_db(path)
    assert db.execute("SELECT day FROM signals WHERE article_id = 5").fetchone()[0] == "2026-07-01"
    rows = list(csv.DictReader(io.StringIO(export(path, "--format", "csv", "--since", "2026-06-30",
                                                  "--until", "2026-07-01"))))
    assert rows[0]["relevance_reasons"] == "rule: ai, matched: AI, 人工智能"


def test_a_bare_publication_date_is_inside_its_day(tmp_path: Path) -> None:
    # "2026-06-01" sorted before "2026-06-01T00:00:00Z" as text, so an article dated by
    # day only was in that day's digest but not in export/search --since that day.
    db = make_db(tmp_path / "bare.db", [article(9, published_at="2026-06-01",
                                                fetched_at="2026-06-05T00:00:00Z")])
    db.conn.close()
    path, url = tmp_path / "bare.db", "https://example.org/news/9"

    def urls(*args: str) -> list[str]:
        return [json.loads(line)["url"]
                for line in export(path, "--format", "jsonl", *args).splitlines()]

    assert url in urls("--since", "2026-06-01", "--until", "2026-06-01")
    assert url in urls("--until", "2026-06-01")
    assert url not in urls("--since", "2026-06-02")
