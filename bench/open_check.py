"""What the integrity check on every open costs: PRAGMA quick_check on a large database.

Builds a synthetic database through crawler.db (default 100,000 articles of about 2 KB
of text each, so the full-text indexes are filled as in a crawl), then times, median of
--runs runs each, in one process with a warm page cache:

- baseline: ``open_db(path, check=False)`` and close (what opening cost before);
- checked: ``open_db(path)`` and close (the same plus PRAGMA quick_check(1) through a
  memory map, as crawler.db.damage runs it);
- unmapped: PRAGMA quick_check(1) alone through SQLite's page cache, for comparison;
- count: ``SELECT count(*) FROM articles`` after opening (a small read), for scale.

    .venv/bin/python bench/open_check.py                          # 100,000 articles
    .venv/bin/python bench/open_check.py --keep /tmp/oc.db --runs 9   # build once, keep

Synthetic data only (no network, no shared data); results go in bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler import db as dbm  # noqa: E402

WORDS = ("council", "pilot", "agency", "procurement", "model", "public", "service", "data",
         "review", "budget", "office", "digital", "policy", "tender", "report", "citizens",
         "海關", "人工智能", "政府", "數據", "採購", "試點", "規管", "醫院")


class _Source:
    def __init__(self, n: int) -> None:
        self.id, self.name, self.kind = f"source-{n}", f"Source {n}", "feed"
        self.language, self.jurisdiction = "en", "HK"


def build(path: Path, count: int) -> None:
    db = dbm.open_db(path)
    dbm.sync_sources(db, [_Source(n) for n in range(40)])
    batch = 2000
    for start in range(0, count, batch):
        with dbm.transaction(db):
            for n in range(start, min(count, start + batch)):
                words = [WORDS[(n * 7 + i * 13 + i * i) % len(WORDS)] for i in range(300)]
                url = f"https://news{n % 40}.example/a/{n}"
                dbm.insert_article(db, {
                    "url": url, "source_id": f"source-{n % 40}",
                    "title": f"Agency {n} pilots {WORDS[n % len(WORDS)]}",
                    "text": f"Article {n}. " + " ".join(words),
                    "published_at": f"2026-06-{1 + n % 28:02d}T08:00:00Z",
                    "fetched_at": f"2026-06-{1 + n % 28:02d}T08:10:00Z",
                    "content_hash": hashlib.sha256(url.encode()).hexdigest(),
                    "language": "zh" if n % 3 == 0 else "en",
                })
    db.conn.close()


def median_time(func: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="database to build (or reuse if present)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.db"
        if not path.exists():
            started = time.perf_counter()
            build(path, args.articles)
            print(f"built {args.articles} articles in {time.perf_counter() - started:.0f}s")
        size = path.stat().st_size
        articles = dbm.open_db(path, check=False).execute(
            "SELECT count(*) FROM articles").fetchone()[0]

        def open_close(check: bool) -> None:
            dbm.open_db(path, check=check).conn.close()

        def count() -> None:
            db = dbm.open_db(path, check=False)
            db.execute("SELECT count(*) FROM articles").fetchone()
            db.conn.close()

        open_close(True)  # warm the page cache once
        baseline = median_time(lambda: open_close(False), args.runs)
        checked = median_time(lambda: open_close(True), args.runs)
        small_read = median_time(count, args.runs)

        def plain_check() -> None:
            conn = sqlite3.connect(path)
            conn.execute("PRAGMA quick_check(1)").fetchall()
            conn.close()

        unmapped = median_time(plain_check, args.runs)
        print(f"{articles} articles, {size / 1e6:.0f} MB, median of {args.runs} runs:")
        print(f"  open, no check   {baseline * 1000:8.1f} ms")
        print(f"  open + quick_check {checked * 1000:6.1f} ms  (x{checked / baseline:.0f} the "
              f"open; +{(checked - baseline) * 1000:.0f} ms)")
        print(f"  quick_check without mmap {unmapped * 1000:.1f} ms")
        print(f"  open + count(*)  {small_read * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
