"""Headline benchmark: bare trafilatura's title vs pipelines.headline, exact match rate.

Reads ../shared/data (relative to the repo root): fundus-test-data (expected titles in
manifest.json) and hk-pages/ayltai-hknews (article pages whose manifest has a title).
Both sides are compared after Unicode NFKC and whitespace normalisation.

The fundus pages are split once, deterministically, into a *dev* half (misses may be
read while changing the rules) and a *held-out* half (only its score is read). The
split is by publisher, not by page: every page of a publisher falls in the same half
(the parity of sha1("<country>/<publisher>")), so the held-out score measures how the
rules do on templates nobody looked at. Dev: 116 pages / 87 publishers; held-out:
142 pages / 94 publishers; both mix German, English and a dozen other languages.

    .venv/bin/python bench/headlines.py [--show-misses]

``--show-misses`` prints the misses of the dev half and of hk-pages only; add
``--show-heldout`` to print held-out misses too (which spends the held-out half).
``--dev`` hides the held-out figures, for use while rules are being changed.
"""

from __future__ import annotations

import gzip
import hashlib
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


def fundus_half(country: str, publisher: str) -> str:
    """'dev' or 'held-out': the parity of the first byte of sha1("country/publisher")."""
    digest = hashlib.sha1(f"{country}/{publisher}".encode()).digest()
    return "fundus-dev" if digest[0] % 2 == 0 else "fundus-held-out"


def cases() -> list[tuple[str, str, str, bytes]]:
    """(corpus, name, expected title, html bytes)."""
    out = []
    fundus = DATA / "fundus-test-data"
    for rec in json.loads((fundus / "manifest.json").read_text()):
        html = gzip.decompress((fundus / rec["file"]).read_bytes())
        corpus = fundus_half(rec["country"], rec["publisher"])
        out.append((corpus, rec["file"], rec["title"], html))
    hk = DATA / "hk-pages" / "ayltai-hknews"
    for rec in json.loads((hk / "manifest.json").read_text()):
        title = (rec.get("expected") or {}).get("title")
        if rec["kind"] == "article" and title:
            out.append(("hk-pages", rec["file"], title, (hk / rec["file"]).read_bytes()))
    return out


def main() -> None:
    show = "--show-misses" in sys.argv
    show_heldout = "--show-heldout" in sys.argv
    results: dict[str, list[tuple[bool, bool]]] = {}
    for corpus, name, expected, html in cases():
        doc = trafilatura.bare_extraction(html.decode("utf-8", "replace"), with_metadata=True)
        base = getattr(doc, "title", None) if doc is not None else None
        ours = choose_headline(title_candidates(html))
        ok_base, ok_ours = norm(base) == norm(expected), norm(ours) == norm(expected)
        results.setdefault(corpus, []).append((ok_base, ok_ours))
        visible = show_heldout if corpus == "fundus-held-out" else show
        if visible and not ok_ours:
            print(f"MISS {name}\n  expected: {norm(expected)}\n  ours:     {norm(ours)}"
                  f"\n  base:     {norm(base)}\n  cands:    {title_candidates(html)}")
    results["fundus-all"] = results["fundus-dev"] + results["fundus-held-out"]
    shown = ("fundus-dev", "hk-pages") if "--dev" in sys.argv else (
        "fundus-dev", "fundus-held-out", "fundus-all", "hk-pages")
    print(f"{'corpus':16} {'pages':>5} {'trafilatura':>12} {'headline.py':>12}")
    for corpus in shown:
        rows = results[corpus]
        n = len(rows)
        b, o = sum(r[0] for r in rows), sum(r[1] for r in rows)
        print(f"{corpus:16} {n:5d} {b / n:11.1%} {o / n:11.1%}   ({b} vs {o} exact)")


if __name__ == "__main__":
    main()
