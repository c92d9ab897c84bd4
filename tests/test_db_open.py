"""Opening the database (issue #15): a damaged file is refused with exit 3 and a way to
recover, a read-only file is read read-only, an empty file is never taken for a database.

Each case runs the real CLI in a child process on a real SQLite file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler import db as dbm
from tests.sample_db import article, make_db
from tests.test_e2e_crawl import govwatch, output

READ_COMMANDS = [
    ["export", "--format", "jsonl"],
    ["search", "customs"],
    ["digest", "--since", "3650d", "--format", "markdown", "--send-empty"],
]


def _sources(tmp_path: Path) -> Path:
    path = tmp_path / "sources.toml"
    # a port where nothing listens: the crawl must stop before any fetch anyway
    path.write_text('[[source]]\nid = "s"\nkind = "feed"\nurl = "http://127.0.0.1:9/f.xml"\n'
                    'language = "en"\n', encoding="utf-8")
    return path


def _big_db(path: Path, n: int = 300) -> None:
    extra = [article(100 + i, title=f"Customs article {i}", text=f"Customs pilot {i}. " * 120)
             for i in range(n)]
    make_db(path, extra).conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damage_middle_page(path: Path) -> int:
    """Overwrite a leaf page of the articles table in the middle of the file."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [row[0] for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' "
            "ORDER BY pageno")]
    finally:
        conn.close()
    page = pages[len(pages) // 2]
    with open(path, "r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(b"\xa5" * page_size)
    return page


def test_damaged_database_is_refused_with_exit_3_and_how_to_recover(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    _big_db(db)
    _damage_middle_page(db)
    before = _digest(db)
    for args in [["crawl", "--sources", str(_sources(tmp_path))], *READ_COMMANDS,
                 ["status"], ["export", "--snapshot", str(tmp_path / "copy.db")]]:
        proc = govwatch(*args, "--db", str(db))
        assert proc.returncode == 3, (args, output(proc))
        line = proc.stderr.strip()
        assert "\n" not in line and "Traceback" not in proc.stderr, output(proc)
        assert line.startswith(f"govwatch: error: {db}: the database is damaged ("), line
        assert "--snapshot" in line and f"sqlite3 {db} .recover" in line, line
    assert _digest(db) == before
    assert not (tmp_path / "copy.db").exists()


def test_sound_database_passes_the_check(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    _big_db(db, n=20)
    conn = sqlite3.connect(db)
    assert dbm.damage(conn) == ""
    conn.close()
    proc = govwatch("search", "customs", "--db", str(db))
    assert proc.returncode == 0, output(proc)


@pytest.fixture
def read_only_db(tmp_path: Path) -> Iterator[Path]:
    """A sound database this process cannot write: mode 0444 and, for root (whom file
    modes do not stop), the immutable attribute."""
    db = tmp_path / "g.db"
    _big_db(db, n=5)
    db.chmod(0o444)
    immutable = False
    if os.access(db, os.W_OK) and shutil.which("chattr"):
        immutable = subprocess.run(["chattr", "+i", str(db)], capture_output=True,
                                   check=False).returncode == 0
    try:
        if os.access(db, os.W_OK):
            pytest.skip("cannot make a file read-only here (root without chattr)")
        yield db
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(db)], check=False)
        db.chmod(0o644)


def test_read_only_database_is_read_read_only(read_only_db: Path, tmp_path: Path) -> None:
    before = _digest(read_only_db)
    for args in READ_COMMANDS + [["status"]]:
        proc = govwatch(*args, "--db", str(read_only_db))
        assert proc.returncode in (0, 1), (args, output(proc))  # status: 1 = unhealthy
        assert "Traceback" not in proc.stderr and "not a usable" not in proc.stderr, output(proc)
    export = govwatch("export", "--format", "jsonl", "--db", str(read_only_db))
    assert export.stdout.count("\n") == 9  # 4 sample articles + 5
    digest = govwatch(*READ_COMMANDS[2], "--db", str(read_only_db))
    assert "is read-only: this stdout digest is not recorded" in digest.stderr
    crawl = govwatch("crawl", "--sources", str(_sources(tmp_path)), "--db", str(read_only_db))
    assert crawl.returncode == 3, output(crawl)
    assert crawl.stderr.strip() == (
        f"govwatch: error: {read_only_db}: the file is read-only and this command writes to "
        "it; make it writable (chmod u+w) or give another --db")
    assert _digest(read_only_db) == before


def test_empty_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    db.touch()
    for args in [["crawl", "--sources", str(_sources(tmp_path))], *READ_COMMANDS]:
        proc = govwatch(*args, "--db", str(db))
        assert proc.returncode == 3, (args, output(proc))
        assert "an empty (0-byte) file" in proc.stderr and "\n" not in proc.stderr.strip()
    assert db.stat().st_size == 0


def test_a_new_database_is_created_whole(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "g.db"
    opened = dbm.open_db(db)
    assert opened.execute("PRAGMA user_version").fetchone()[0] == dbm.SCHEMA_VERSION
    assert opened.journal_mode == "wal"
    opened.conn.close()
    assert sorted(p.name for p in db.parent.iterdir()) == ["g.db"]
    assert dbm.open_db(db, create=False).execute("SELECT count(*) FROM articles").fetchone() == (0,)
