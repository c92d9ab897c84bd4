"""Headline benchmark: bare trafilatura's title vs pipelines.headline, exact match rate.

Reads ../shared/data (relative to the repo root): fundus-test-data (expected titles in
manifest.json) and hk-pages/ayltai-hknews (article pages whose manifest has a title).
Both sides are compared after Unicode NFKC and whitespace normalisation.

    /work/venv/bin/python bench/headlines.py [--show-misses]
"""

from __future__ import annotations

import gzip
import json
import sys
import unicodedata
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipelines.headline import choose_headline, title_candidates  # noqa: E402

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def cases() -> list[tuple[str, str, str, bytes]]:
    """(corpus, name, expected title, html bytes)."""
    out = []
    fundus = DATA / "fundus-test-data"
    for rec in json.loads((fundus / "manifest.json").read_text()):
        html = gzip.decompress((fundus / rec["file"]).read_bytes())
        out.append(("fundus", rec["file"], rec["title"], html))
    hk = DATA / "hk-pages" / "ayltai-hknews"
    for rec in json.loads((hk / "manifest.json").read_text()):
        title = (rec.get("expected") or {}).get("title")
        if rec["kind"] == "article" and title:
            out.append(("hk-pages", rec["file"], title, (hk / rec["file"]).read_bytes()))
    return out


def main() -> None:
    show = "--show-misses" in sys.argv
    results: dict[str, list[tuple[bool, bool]]] = {}
    for corpus, name, expected, html in cases():
        doc = trafilatura.bare_extraction(html.decode("utf-8", "replace"), with_metadata=True)
        base = getattr(doc, "title", None) if doc is not None else None
        ours = choose_headline(title_candidates(html))
        ok_base, ok_ours = norm(base) == norm(expected), norm(ours) == norm(expected)
        results.setdefault(corpus, []).append((ok_base, ok_ours))
        if show and not ok_ours:
            print(f"MISS {name}\n  expected: {norm(expected)}\n  ours:     {norm(ours)}"
                  f"\n  base:     {norm(base)}\n  cands:    {title_candidates(html)}")
    print(f"{'corpus':10} {'pages':>5} {'trafilatura':>12} {'headline.py':>12}")
    for corpus, rows in results.items():
        n = len(rows)
        b, o = sum(r[0] for r in rows), sum(r[1] for r in rows)
        print(f"{corpus:10} {n:5d} {b / n:11.1%} {o / n:11.1%}   ({b} vs {o} exact)")


if __name__ == "__main__":
    main()
