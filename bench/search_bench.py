"""Benchmark: how to find 1-2 character Chinese words, and what search costs a crawl.

Builds a synthetic corpus from real Hong Kong news text (sentences from the pages in
../shared/data/hk-pages, shuffled into articles with a fixed seed) and measures, median of
--runs runs:

1. short-query lookups (政府, 海關…): ``instr()`` scan of titles and texts (what govwatch
   does) against a second FTS5 index over text with every CJK character split into its
   own token (the alternative), plus a trigram lookup of a 3+ character word for scale;
2. the size each index adds to the file;
3. insert throughput with the full schema (tag triggers + both FTS indexes) against the
   schema-v1 baseline measured in the same run;
4. with --migrate, how long upgrading a schema-v1 file (backfilling the indexes) takes.

    .venv/bin/python bench/search_bench.py [--articles 10000] [--runs 5] [--migrate]
"""

from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import sqlite_utils
from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler import db as dbm  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "hk-pages"
SHORT = ["政府", "海關", "香港", "警方", "龍"]
LONG = ["行政長官", "立法會議員"]
CJK = re.compile(r"([\u3400-\u9fff\uf900-\ufaff])")


def sentences() -> list[str]:
    found: list[str] = []
    for path in sorted(DATA.rglob("*")):
        if path.suffix not in (".html", ".htm", ".xml"):
            continue
        try:
            text = lxml_html.fromstring(path.read_bytes()).text_content()
        except Exception:  # noqa: BLE001 - a page we cannot parse is skipped
            continue
        for part in re.split(r"(?<=[。！？])", text):
            part = " ".join(part.split())
            if len(part) >= 12 and len(CJK.findall(part)) > len(part) / 2:
                found.append(part)
    if not found:
        sys.exit(f"no Chinese sentences found under {DATA}")
    return found


def corpus(n: int) -> list[dict]:
    rng = random.Random(7)
    pool = sentences()
    out = []
    for i in range(n):
        body = "".join(rng.choice(pool) for _ in range(rng.randint(10, 30)))
        out.append({"url": f"https://bench.example/{i}", "source_id": "bench",
                    "title": rng.choice(pool)[:40], "text": body, "language": "zh-Hant",
                    "fetched_at": "2026-06-01T00:00:00Z", "content_hash": f"h{i}",
                    "published_at": f"2026-05-{1 + i % 28:02d}T00:00:00Z", "relevant": 1,
                    "jurisdictions": ["HK"], "agencies": [{"id": "hk-gov", "name": "政府"}]})
    return out


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def insert_all(db: sqlite_utils.Database, records: list[dict]) -> None:
    with dbm.transaction(db):
        for record in records:
            dbm.insert_article(db, record)


def v1_db(path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(sqlite3.connect(str(path)))
    dbm.schema._v1_initial(db)
    db.execute("INSERT INTO sources (id) VALUES ('bench')")
    db.conn.commit()
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--migrate", action="store_true",
                        help="also time upgrading a schema-v1 file of --articles articles")
    args = parser.parse_args()
    records = corpus(args.articles)
    chars = sum(len(r["text"]) for r in records)
    print(f"corpus: {len(records)} articles, {chars / len(records):.0f} characters each")
    if args.migrate:
        with tempfile.TemporaryDirectory() as tmp:
            old = v1_db(Path(tmp) / "old.db")
            old.execute("PRAGMA user_version = 1")
            old.execute(f"PRAGMA application_id = {dbm.APPLICATION_ID}")
            insert_all(old, records)
            old.conn.close()
            start = time.perf_counter()
            dbm.open_db(Path(tmp) / "old.db").conn.close()
            print(f"migrate: upgrading a v1 file took {time.perf_counter() - start:.1f} s")

    with tempfile.TemporaryDirectory() as tmp:
        base_path, full_path = Path(tmp) / "v1.db", Path(tmp) / "full.db"
        base_times, full_times = [], []
        for run in range(args.runs):
            for p in (base_path, full_path):
                for f in Path(tmp).glob(p.name + "*"):
                    f.unlink()
            base = v1_db(base_path)
            full = dbm.open_db(full_path)
            full.execute("INSERT INTO sources (id) VALUES ('bench')")
            for db, times in ((base, base_times), (full, full_times)):
                start = time.perf_counter()
                insert_all(db, records)
                times.append(time.perf_counter() - start)
            if run < args.runs - 1:
                base.conn.close()
                full.conn.close()
        b, f = statistics.median(base_times), statistics.median(full_times)
        print(f"insert: schema v1 {len(records) / b:.0f}/s, full schema {len(records) / f:.0f}/s "
              f"(ratio {f / b:.2f}x the time)")

        def size(names: list[str]) -> int:
            rows = full.execute(
                f"SELECT SUM(pgsize) FROM dbstat WHERE name IN ({','.join('?' * len(names))})",
                names).fetchone()
            return int(rows[0] or 0)

        shadow = ("_data", "_idx", "_docsize", "_config")
        articles_mb = size(["articles"]) / 1e6
        tri_mb = size([f"articles_fts{s}" for s in shadow]) / 1e6
        en_mb = size([f"articles_fts_en{s}" for s in shadow]) / 1e6

        full.executescript("CREATE VIRTUAL TABLE split_fts USING fts5(title, text, "
                           "content='', tokenize='unicode61');")
        start = time.perf_counter()
        with dbm.transaction(full):
            for row in full.execute("SELECT id, title, text FROM articles").fetchall():
                full.execute("INSERT INTO split_fts(rowid, title, text) VALUES (?, ?, ?)",
                             (row[0], CJK.sub(r" \1 ", row[1]), CJK.sub(r" \1 ", row[2])))
        split_build = time.perf_counter() - start
        split_mb = size([f"split_fts{s}" for s in shadow]) / 1e6
        print(f"size: articles {articles_mb:.1f} MB, trigram index {tri_mb:.1f} MB, "
              f"porter index {en_mb:.1f} MB, char-split index {split_mb:.1f} MB "
              f"(built in {split_build:.1f} s, from Python: triggers cannot split)")

        print("query                 hits  instr scan ms  char-split FTS ms")
        for word in SHORT:
            def scan(word: str = word) -> int:
                return len(full.execute("SELECT id FROM articles WHERE instr(title, ?) > 0 "
                                        "OR instr(text, ?) > 0", (word, word)).fetchall())

            def split(word: str = word) -> int:
                phrase = '"' + " ".join(word) + '"'
                return len(full.execute("SELECT rowid FROM split_fts WHERE split_fts MATCH ?",
                                        (phrase,)).fetchall())
            assert scan() == split(), word
            print(f"{word:<20}{scan():>6}  {median_ms(scan, args.runs):>13.1f}  "
                  f"{median_ms(split, args.runs):>17.1f}")
        for word in LONG:
            def tri(word: str = word) -> int:
                return len(full.execute("SELECT rowid FROM articles_fts WHERE articles_fts "
                                        "MATCH ?", (f'"{word}"',)).fetchall())
            print(f"{word:<18}{tri():>6}  trigram FTS {median_ms(tri, args.runs):.1f} ms")
        full.conn.close()


if __name__ == "__main__":
    main()
