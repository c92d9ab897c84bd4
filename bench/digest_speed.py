"""How long `govwatch digest` takes on a busy database, against a plain read of the same rows.

Builds a synthetic database (default 20,000 articles over 30 days, a third relevant,
a quarter grouped into stories), then times, median of --runs runs each:

- baseline: reading the week's articles with crawler.db.iter_articles (what export does);
- digest: build_digest for the same week plus rendering all four formats.

    python bench/digest_speed.py                 # 20,000 articles
    python bench/digest_speed.py --articles 50000 --runs 7

Synthetic data only (no network, no shared data); results go in bench/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler import db as dbm  # noqa: E402
from crawler.outputs.digest import build_digest  # noqa: E402
from crawler.outputs.digest_model import Filters  # noqa: E402
from crawler.outputs.render import FORMATS, render  # noqa: E402
from crawler.shared.dates import format_utc as iso  # noqa: E402

END = datetime(2026, 6, 30, tzinfo=UTC)
CODES = ["HK", "CN", "SG", "GB", "US", "EU"]


class _Source:
    def __init__(self, n: int) -> None:
        self.id, self.name, self.kind = f"source-{n}", f"Source {n}", "feed"
        self.language, self.jurisdiction = "en", CODES[n % len(CODES)]


def build(path: Path, count: int) -> None:
    db = dbm.open_db(path)
    dbm.sync_sources(db, [_Source(n) for n in range(40)])
    db.executescript(
        """CREATE TABLE stories (id INTEGER PRIMARY KEY, title TEXT, first_seen_at TEXT,
               last_seen_at TEXT);
           CREATE TABLE story_mentions (story_id INTEGER, article_id INTEGER, source_id TEXT,
               url TEXT, title TEXT, published_at TEXT);""")
    with dbm.transaction(db):
        for n in range(count):
            when = iso(END - timedelta(minutes=n * 30 * 24 * 60 // count))
            url = f"https://news{n % 40}.example/a/{n}"
            code = CODES[n % len(CODES)]
            article_id = dbm.insert_article(db, {
                "url": url, "source_id": f"source-{n % 40}", "title": f"Agency {n} pilots AI",
                "text": "Body text. " * 200, "published_at": when, "fetched_at": when,
                "content_hash": hashlib.sha256(url.encode()).hexdigest(), "language": "en",
                "relevant": n % 3 == 0, "relevance_score": (n % 100) / 100,
                "topic": "public-sector-ai", "jurisdictions": [code],
                "agencies": [{"id": f"{code.lower()}-a{n % 7}", "name": f"Agency {n % 7}"}],
                "key_signals": [f"Signal {n}."], "summary": f"Summary of article {n}."})
            if n % 4 == 0 and n + 1 < count:  # this and the next article: one story
                story = n // 4 + 1
                db.execute("INSERT INTO stories VALUES (?, ?, ?, ?)", (story, f"S{n}", when, when))
                db.execute("INSERT INTO story_mentions VALUES (?, ?, ?, ?, ?, ?)",
                           (story, article_id, f"source-{n % 40}", url, "", when))
                db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story, article_id))
            elif n % 4 == 1:
                story = n // 4 + 1
                db.execute("INSERT INTO story_mentions VALUES (?, ?, ?, ?, ?, ?)",
                           (story, article_id, f"source-{n % 40}", url, "", when))
                db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story, article_id))
    db.conn.close()


def median_seconds(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "bench.db"
        build(path, args.articles)
        db = dbm.open_db(path, create=False)
        start, end = iso(END - timedelta(days=7)), iso(END)
        baseline = median_seconds(lambda: list(dbm.iter_articles(db, since=start)), args.runs)

        def digest() -> int:
            built = build_digest(db, start, end, Filters())
            for fmt in FORMATS:
                render(built, fmt)
            return built.story_count

        stories = digest()
        took = median_seconds(digest, args.runs)
        db.conn.close()
    print(f"articles={args.articles} week_stories={stories} runs={args.runs}")
    print(f"baseline (read the week's articles): {baseline * 1000:.0f} ms")
    print(f"digest (build + 4 formats):          {took * 1000:.0f} ms  ratio {took / baseline:.2f}")


if __name__ == "__main__":
    main()
