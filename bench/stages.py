"""Per-article cost of each govwatch stage after trafilatura (issue #2's crawl budget).

Loads the 439 pages of bench/crawl.py (../shared/data), extracts each once (untimed), then
times every later stage on the extracted articles, in pipeline order, with the shipped
config: headline candidates (a second look at the page's HTML), relevance, tagging, the
summary and key signals, and the store stage (a fresh SQLite file per round; its story
assignment -- LSH keys, candidate verification -- is also reported on its own). Each figure
is the median over ``--runs`` rounds of the stage's total time divided by the number of
articles, in ms/article. ``--profile FILE`` writes a cProfile of one more round.

    .venv/bin/python bench/stages.py                 # --runs 5 --limit 0
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import json
import pickle
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from crawl import DATA, load_pages  # noqa: E402

from crawler.config import (  # noqa: E402
    config_dir,
    load_dedup_rules,
    load_gazetteer,
    load_topic,
)
from crawler.db import open_db, sync_sources  # noqa: E402
from crawler.shared.items import Article  # noqa: E402
from pipelines import extract, relevance, store, story, summary, tagging  # noqa: E402
from pipelines.headline import title_candidates  # noqa: E402


def prepare(limit: int) -> list[tuple[str, Article]]:
    """(decoded html, item after extraction) for every page with an article."""
    out = []
    for page in load_pages(DATA, limit):
        url = f"http://127.0.0.1:8000/{page.path}"
        item = Article(url=url, source_id="bench", fetched_at="2026-01-02T00:00:00Z",
                       feed_title=page.title, source_language="",
                       feed_published_at=page.published.isoformat().replace("+00:00", "Z"))
        try:
            found = extract.extract(page.body, url=url, content_type=page.content_type,
                                    http_encoding=page.charset)
        except extract.NotAnArticle:
            continue
        html, _ = extract.decode_html(page.body, page.charset)
        out.append((html, extract.apply(item, found)))
    return out


def one_round(pages: list[tuple[str, Article]], ctx: dict[str, Any],
              outputs: list[Any] | None = None) -> dict[str, float]:
    """Seconds per stage over all pages (items are deep-copied first, untimed); with
    ``outputs``, every stage's result is appended to it (to compare two versions)."""
    items = [copy.deepcopy(item) for _, item in pages]
    totals: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        t = time.perf_counter()
        result = fn()
        totals[name] = totals.get(name, 0.0) + time.perf_counter() - t
        return result

    for html, _ in pages:
        found = timed("title_candidates", lambda: title_candidates(html))  # noqa: B023
        if outputs is not None:
            outputs.append(found)
    for item in items:
        timed("relevance", lambda: relevance.apply(item, ctx["topic"]))  # noqa: B023
    for item in items:
        timed("tagging", lambda: tagging.apply(item, ctx["tagger"]))  # noqa: B023
    for item in items:
        timed("summary", lambda: summary.apply(item))  # noqa: B023

    original_assign = story.assign

    def assign(*args: Any) -> int:
        return timed("store: story.assign", lambda: original_assign(*args))

    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        sync_sources(db, [SimpleNamespace(id="bench", name="bench", kind="feed",
                                          language="", jurisdiction="")])
        story.assign = assign  # type: ignore[assignment]
        try:
            for item in items:
                timed("store (total)", lambda: store.store(db, item, ctx["rules"]))  # noqa: B023
        finally:
            story.assign = original_assign
        if outputs is not None:
            outputs.extend(asdict(item) for item in items)
            for table in ("stories", "story_mentions", "lsh_bands", "articles"):
                outputs.append([list(r) for r in db.execute(f"SELECT * FROM {table}")])
        db.close()
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=int, default=0, help="first N pages only")
    parser.add_argument("--cache", type=Path,
                        help="keep the extracted articles in FILE (pickle) between runs")
    parser.add_argument("--dump", type=Path,
                        help="write every stage's output to FILE (JSON) to diff two versions")
    parser.add_argument("--profile", type=Path, help="cProfile one extra round to FILE")
    args = parser.parse_args(argv)
    directory = config_dir()
    ctx = {"topic": load_topic(directory, "public-sector-ai"),
           "tagger": tagging.Tagger(load_gazetteer(directory / "gazetteers")),
           "rules": load_dedup_rules(directory / "dedup.toml")}
    t = time.perf_counter()
    if args.cache and args.cache.exists():
        pages = pickle.loads(args.cache.read_bytes())
    else:
        pages = prepare(args.limit)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(pages))
    print(f"{len(pages)} articles extracted in {time.perf_counter() - t:.1f} s (untimed)")
    rounds = [one_round(pages, ctx) for _ in range(args.runs)]
    n = len(pages)
    print(f"\nms/article, median of {args.runs} rounds:")
    total = 0.0
    for name in rounds[0]:
        ms = statistics.median(r[name] for r in rounds) * 1000 / n
        if not name.startswith("store: "):
            total += ms
        print(f"  {name:24} {ms:7.3f}")
    print(f"  {'all stages':24} {total:7.3f}")
    if args.dump:
        outputs: list[Any] = []
        one_round(pages, ctx, outputs)
        args.dump.write_text(json.dumps(outputs, ensure_ascii=False, default=str, indent=0),
                             encoding="utf-8")
        print(f"outputs written to {args.dump}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(one_round, pages, ctx)
        profiler.dump_stats(str(args.profile))
        print(f"profile written to {args.profile}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
