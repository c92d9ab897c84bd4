"""Body extraction quality: govwatch's ``extract()`` vs bare trafilatura (issue #2).

Scores article bodies on the 181 pages of the article-extraction-benchmark
(../shared/data/article-extraction-benchmark) the way that benchmark does: texts are cut
into ``\\w+`` tokens, then multisets of 4-token shingles; per page the shared / predicted-only
/ truth-only counts are normalised to sum to 1; precision is the mean over pages with a
prediction, recall the mean over pages with a truth, F1 their harmonic mean.

Govwatch gets the raw bytes (as a crawl would), so a decoding regression shows here as a
drop against trafilatura decoding the same bytes itself. Run from the repo root:

    .venv/bin/python bench/extract_quality.py
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
sys.path.insert(0, str(ROOT))

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) shingle counts of one page, normalised to sum to 1 (or all 0)."""
    t, p = shingles(truth), shingles(predicted)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def score(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Corpus precision, recall, F1 (means of per-page scores, as the benchmark does)."""
    def ratio(tp: float, other: float, fp: float, fn: float) -> float:
        if fp == fn == 0:
            return 1.0
        return tp / (tp + other) if tp + other else 0.0

    precision = statistics.mean(ratio(tp, fp, fp, fn) for tp, fp, fn in counts if tp + fp > 0)
    recall = statistics.mean(ratio(tp, fn, fp, fn) for tp, fp, fn in counts if tp + fn > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def extractors() -> dict[str, Callable[[bytes, str], str]]:
    import trafilatura

    from pipelines.extract import NotAnArticle, extract

    def text_of(doc: Any) -> str:
        data = doc if isinstance(doc, dict) or doc is None else doc.as_dict()
        return str((data or {}).get("text") or "")

    def bare_default(body: bytes, url: str) -> str:
        return text_of(trafilatura.bare_extraction(body, with_metadata=True))

    def bare_govwatch_options(body: bytes, url: str) -> str:
        return text_of(trafilatura.bare_extraction(body, url=url, with_metadata=True,
                                                   include_comments=False))

    def govwatch(content_type: str) -> Callable[[bytes, str], str]:
        def run(body: bytes, url: str) -> str:
            charset = content_type.partition("charset=")[2]
            try:
                return extract(body, url=url, content_type=content_type,
                               http_encoding=charset).text
            except NotAnArticle:
                return ""
        return run

    return {
        "trafilatura bare_extraction(bytes), defaults": bare_default,
        "trafilatura, govwatch's options (url, no comments)": bare_govwatch_options,
        "govwatch extract(), header charset=utf-8": govwatch("text/html; charset=utf-8"),
        "govwatch extract(), no header charset": govwatch("text/html"),
        # A wrong header (the bytes are UTF-8): mojibake would cost shingles here.
        "govwatch extract(), header charset=iso-8859-1": govwatch(
            "text/html; charset=iso-8859-1"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA,
                        help="the article-extraction-benchmark directory")
    parser.add_argument("--json", metavar="FILE", help="write per-page scores to FILE")
    args = parser.parse_args(argv)
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {key: gzip.decompress((args.data / "html" / f"{key}.html.gz").read_bytes())
             for key in sorted(truth)}
    results = {}
    for name, run in extractors().items():
        counts = [page_counts(truth[key]["articleBody"], run(body, truth[key]["url"]))
                  for key, body in pages.items()]
        metrics = score(counts)
        results[name] = {**metrics, "pages": counts}
        print(f"{name:<52} F1 {metrics['f1']:.3f}  P {metrics['precision']:.3f}  "
              f"R {metrics['recall']:.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
