"""Regression check: headline candidates (pipelines/titles.py) unchanged against a git revision.

Loads ``pipelines/titles.py`` as it is at ``--ref`` (default ``main``) next to the working
copy's, runs both on every HTML page under ../shared/data (article-extraction-benchmark,
fundus-test-data, hk-pages), given the decoded page as the extract stage gives it and as raw
bytes, and lists every page where the outputs differ; also times both. Exit code 1 when any
differ. For a change meant to make title_candidates faster without changing its results.

``--shared-tree`` checks instead that parsing each page once with trafilatura's own
``load_html`` and giving that tree to both ``bare_extraction`` (govwatch's options) and
:func:`pipelines.titles.tree_candidates` gives the same candidates and the same extraction
(every field but the lxml elements) as giving both the decoded page, and times both ways.

    .venv/bin/python bench/titles_check.py [--ref REV] [--shared-tree]
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


def shared_tree(inputs: list[tuple[str, str]]) -> int:
    """Pages where one parse shared by extraction and candidates changes either."""
    import trafilatura
    from trafilatura.utils import load_html

    def fields(doc: Any) -> dict[str, Any] | None:
        if doc is None:
            return None
        return {k: v for k, v in doc.as_dict().items() if k not in ("body", "commentsbody")}

    options = {"with_metadata": True, "include_comments": False}
    differ, apart, shared = 0, 0.0, 0.0
    for name, html in inputs:
        t = time.perf_counter()
        old = (titles.title_candidates(html), fields(trafilatura.bare_extraction(html, **options)))
        t2 = time.perf_counter()
        tree = load_html(html)
        new = ((titles.tree_candidates(tree), fields(trafilatura.bare_extraction(tree, **options)))
               if tree is not None else ({}, None))
        t3 = time.perf_counter()
        apart, shared = apart + t2 - t, shared + t3 - t2
        if tree is None and old[1] is None:
            new = (old[0], None)  # extract() stops before the candidates either way
        if old != new:
            differ += 1
            print(f"DIFFERS {name}: candidates {old[0] == new[0]}, extraction {old[1] == new[1]}")
    n = len(inputs)
    print(f"{n} pages: {differ} differ; parsed twice {apart * 1000 / n:.2f} ms/page, "
          f"once {shared * 1000 / n:.2f} ms/page (candidates + extraction, one pass)")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", default="main", help="git revision to compare with")
    parser.add_argument("--runs", type=int, default=3, help="timing rounds (median)")
    parser.add_argument("--shared-tree", action="store_true",
                        help="check one trafilatura parse shared by extraction and candidates")
    args = parser.parse_args(argv)
    if args.shared_tree:
        return shared_tree([(name, decode_html(body)[0]) for name, body in pages()])
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
