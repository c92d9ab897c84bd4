"""How much faster can two processes be than one on this machine? (issue #14)

Runs bare ``trafilatura.bare_extraction`` over the crawl bench's pages (bench/crawl.py)
in one process, then split between two forked processes, and prints the speed-up: the
ceiling for any crawl whose work is trafilatura's and more, since a crawl cannot use the
cores better than the extraction alone does. On a shared 2-vCPU container other sessions'
load lowers it further.

    .venv/bin/python bench/parallel_ceiling.py --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crawl import DATA, load_pages  # noqa: E402


def extract_all(texts: list[str]) -> float:
    import trafilatura

    start = time.process_time()
    for text in texts:
        trafilatura.bare_extraction(text, with_metadata=True)
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    texts = [page.text() for page in load_pages(DATA, args.limit)]
    extract_all(texts[:1])  # warm-up
    ratios = []
    for n in range(args.runs):
        start = time.perf_counter()
        cpu = extract_all(texts)
        one = time.perf_counter() - start
        with get_context("fork").Pool(2) as pool:
            start = time.perf_counter()
            cpus = pool.map(extract_all, [texts[0::2], texts[1::2]])
            two = time.perf_counter() - start
        ratios.append(one / two)
        print(f"run {n + 1}: one process {one:.2f} s (cpu {cpu:.2f} s); two processes "
              f"{two:.2f} s (cpu {sum(cpus):.2f} s); speed-up {one / two:.2f}x", flush=True)
    print(f"median speed-up of two processes over one: {statistics.median(ratios):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
