"""Regression check: headline candidates (pipelines/titles.py) unchanged against a git revision.

Loads ``pipelines/titles.py`` as it is at ``--ref`` (default ``main``) next to the working
copy's, runs both on every HTML page under ../shared/data (article-extraction-benchmark,
fundus-test-data, hk-pages), given the decoded page as the extract stage gives it and as raw
bytes, and lists every page where the outputs differ; also times both. Exit code 1 when any
differ. For a change meant to make title_candidates faster without changing its results.

    /work/venv/bin/python bench/titles_check.py [--ref REV]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import time
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))

from pipelines import titles  # noqa: E402
from pipelines.extract import decode_html  # noqa: E402


def load_ref(rev: str) -> types.ModuleType:
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:pipelines/titles.py"],
                            check=True, capture_output=True, text=True).stdout
    module = types.ModuleType("titles_ref")
    exec(compile(source, f"{rev}:pipelines/titles.py", "exec"), module.__dict__)  # noqa: S102
    return module


def pages() -> list[tuple[str, bytes]]:
    out = []
    for path in sorted(DATA.rglob("*")):
        if path.name.endswith((".html", ".htm", ".html.gz", ".htm.gz")):
            body = path.read_bytes()
            out.append((str(path.relative_to(DATA)),
                        gzip.decompress(body) if path.suffix == ".gz" else body))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", default="main", help="git revision to compare with")
    parser.add_argument("--runs", type=int, default=3, help="timing rounds (median)")
    args = parser.parse_args(argv)
    ref = load_ref(args.ref)
    inputs: list[tuple[str, Any]] = []
    for name, body in pages():
        inputs.append((name, decode_html(body)[0]))
        inputs.append((name + " (bytes)", body))
    differ = 0
    for name, page in inputs:
        old, new = ref.title_candidates(page), titles.title_candidates(page)
        if old != new:
            differ += 1
            print(f"DIFFERS {name}\n  {args.ref}: {old}\n  working copy: {new}")
    print(f"{len(inputs) // 2} pages, {len(inputs)} inputs: {differ} differ")
    for label, fn in ((args.ref, ref.title_candidates), ("working copy", titles.title_candidates)):
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            for _name, page in inputs[::2]:
                fn(page)
            times.append(time.perf_counter() - t)
        ms = statistics.median(times) * 1000 / len(inputs[::2])
        print(f"{label:>14}: {ms:.3f} ms/page (decoded pages, median of {args.runs})")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
