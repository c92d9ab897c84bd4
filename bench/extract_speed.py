"""CPU of the per-page work of an extraction worker, in one process, no Scrapy (issue #14).

Over the 439 pages of bench/crawl.py (../shared/data), times in a fresh child process per
round: ``extract()`` alone, the whole per-page chain (``pipelines.chain.analyse``:
extraction, relevance, tagging, signals, summary) and bare
``trafilatura.bare_extraction(with_metadata=True)``, each after one untimed page.
``--also DIR`` runs the same children from another checkout, alternating with this one in
every round (before/after on a host whose speed drifts). Prints medians and ranges.

    .venv/bin/python bench/extract_speed.py --runs 3 --also /tmp/base
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys, time
root = sys.argv[1]
sys.path[:0] = [root, root + "/bench"]
from crawl import DATA, load_pages
from crawler.config import config_dir
from crawler.shared.items import Article
from pipelines import chain, extract
import trafilatura

pages = load_pages(DATA)
spec = chain.ChainSpec(str(config_dir().resolve()), cache_dir="")
chain.stages_for(spec)

def item(p):
    return Article(url="http://127.0.0.1:8000/" + p.path, source_id="bench",
                   fetched_at="2026-01-02T00:00:00Z", feed_title=p.title, source_language="",
                   feed_published_at=p.published.isoformat().replace("+00:00", "Z"),
                   body=p.body, content_type="text/html; charset=" + p.charset,
                   http_encoding=p.charset)

mode = sys.argv[2]
if mode == "bare":
    from pipelines import selectors
    assert not selectors.installed()  # trafilatura as released, its own XPath
    work = lambda p: trafilatura.bare_extraction(p.text(), with_metadata=True)
elif mode == "extract":
    work = lambda p: extract.extract_or_reason(p.body, "http://127.0.0.1:8000/" + p.path,
                                               "text/html", p.charset, 40)
else:
    work = lambda p: chain.analyse(item(p), spec)
work(pages[0])
start = time.process_time()
for page in pages:
    work(page)
print(time.process_time() - start)
"""


def one(code: Path, mode: str) -> float:
    out = subprocess.run([sys.executable, "-c", CHILD, str(code), mode], check=True,
                         capture_output=True, text=True).stdout
    return float(out.split()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--also", type=Path, help="another checkout, timed in the same rounds")
    args = parser.parse_args(argv)
    codes = [("this", ROOT)] + ([("also", args.also.resolve())] if args.also else [])
    results: dict[tuple[str, str], list[float]] = {}
    for round_no in range(1, args.runs + 1):
        for mode in ("bare", "extract", "chain"):
            for name, code in codes:
                if mode == "bare" and name == "also":
                    continue  # the same library in both
                seconds = one(code, mode)
                results.setdefault((name, mode), []).append(seconds)
                print(f"round {round_no}: {name:4} {mode:7} {seconds:6.2f} s cpu", flush=True)
    print()
    for (name, mode), values in results.items():
        print(f"{name:4} {mode:7} median {statistics.median(values):6.2f} s cpu "
              f"({min(values):.2f}-{max(values):.2f}, {len(values)} rounds)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
