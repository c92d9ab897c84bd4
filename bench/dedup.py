"""Same-story benchmark: precision/recall of pipelines.dedup on pairs built from real pages,
and the cost of checking one new article against 1k / 10k / 100k stored ones.

    .venv/bin/python bench/dedup.py            # quality + cost
    .venv/bin/python bench/dedup.py --quality  # pairs only (about 1 minute)
    .venv/bin/python bench/dedup.py --cost     # index scale only

Positive pairs (the same article twice), from ../shared/data:
  template      trafilatura's text of the page vs the reference body (AEB gold body;
                Fundus' hand-parsed body), i.e. two extractions with different leftovers
  editor_note   trafilatura's text + a two-sentence editor's note vs the reference body
  prefix80      the first 80% of the reference body vs trafilatura's text
  simplified    a Hong Kong article (traditional script) vs its simplified-script copy
  whole_page    every text node of the page (menus, footers, related links) vs the
                reference body: a stress case, reported but not in the target
Negative pairs (different stories):
  same_site     two different articles of one Fundus publisher (same template)
  same_topic    two different Hong Kong articles of Aug 2020 (COVID, sanctions; hk-pages)
  templated     one publisher's opening and closing paragraphs wrapped around the bodies
                of two different articles ("consecutive daily releases in one template")
  random        AEB articles of different sites (easy, many)
"""

from __future__ import annotations

import gzip
import json
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from crawler import db as dbm  # noqa: E402
from crawler.db import stories  # noqa: E402
from crawler.shared.text import is_cjk  # noqa: E402
from pipelines import dedup  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
NOTE = ("Editor's note: this article was updated to correct the spelling of a name. "
        "An earlier version misstated the date of the announcement.")
NOTE_ZH = "編者按：本文已更新，更正了一個名字的拼寫。較早版本誤報了公告日期。"


def to_simplified(text: str) -> str:
    import opencc

    return str(opencc.OpenCC("t2s").convert(text))


def traf(html: str) -> str:
    return trafilatura.extract(html, include_comments=False) or ""


def whole_page(html: str) -> str:
    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - broken page: no text
        return ""
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return " ".join(tree.text_content().split())


def prefix(text: str, share: float) -> str:
    return text[: int(len(text) * share)]


def fundus_body(rec: dict) -> str:
    data = json.loads((DATA / "fundus-test-data" / rec["expected_json"]).read_text())
    body = data[rec["version_key"]].get("body") or {}
    parts = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts += section.get("headline") or []
        parts += section.get("paragraphs") or []
    return "\n\n".join(parts)


def load_pairs() -> list[tuple[str, bool, str, str]]:
    """(kind, same_story, text_a, text_b)."""
    pairs: list[tuple[str, bool, str, str]] = []
    rng = random.Random(7)
    # Article-extraction benchmark: gold bodies.
    aeb = DATA / "article-extraction-benchmark"
    truth = json.loads((aeb / "ground-truth.json").read_text())
    aeb_texts = []
    for key, rec in sorted(truth.items()):
        html = gzip.decompress((aeb / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        gold, text = rec["articleBody"], traf(html)
        aeb_texts.append(gold)
        if text:
            pairs += [("template", True, text, gold), ("editor_note", True, text + "\n\n" + NOTE, gold),
                      ("prefix80", True, prefix(gold, 0.8), text)]
        pairs.append(("whole_page", True, whole_page(html), gold))
    for a, b in rng.sample(list(combinations(range(len(aeb_texts)), 2)), 3000):
        pairs.append(("random", False, aeb_texts[a], aeb_texts[b]))
    # Fundus: many languages incl. Chinese and Japanese, several pages per publisher.
    by_publisher: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for rec in json.loads((DATA / "fundus-test-data" / "manifest.json").read_text()):
        html = gzip.decompress((DATA / "fundus-test-data" / rec["file"]).read_bytes()).decode("utf-8", "replace")
        body, text = fundus_body(rec), traf(html)
        if not body or not text:
            continue
        note = NOTE_ZH if is_cjk(body) else NOTE
        pairs += [("template", True, text, body), ("editor_note", True, text + "\n\n" + note, body),
                  ("prefix80", True, prefix(body, 0.8), text)]
        pairs.append(("whole_page", True, whole_page(html), body))
        by_publisher[rec["publisher"]].append((rec["url"], text, body))
    for items in by_publisher.values():
        for (url_a, ta, ba), (url_b, tb, bb) in combinations(items, 2):
            if url_a == url_b:  # two snapshots of one article (it happens), not a negative
                continue
            pairs.append(("same_site", False, ta, tb))
            paras_a = [p for p in ba.split("\n\n") if p.strip()]
            if len(paras_a) >= 3:
                head, tail = paras_a[0], paras_a[-1]
                mid_b = "\n\n".join(bb.split("\n\n")[1:-1]) or bb
                mid_a = "\n\n".join(paras_a[1:-1])
                pairs.append(("templated", False, f"{head}\n\n{mid_a}\n\n{tail}",
                              f"{head}\n\n{mid_b}\n\n{tail}"))
    # Hong Kong pages: same topic, same weeks.
    hk = DATA / "hk-pages" / "ayltai-hknews"
    hk_texts = []
    for rec in json.loads((hk / "manifest.json").read_text()):
        if rec["kind"] == "article":
            text = traf((hk / rec["file"]).read_bytes().decode("utf-8", "replace"))
            if text:
                hk_texts.append(text)
                pairs += [("editor_note", True, text + "\n\n" + NOTE_ZH, text),
                          ("prefix80", True, prefix(text, 0.8), text),
                          ("simplified", True, to_simplified(text), text)]
    for a, b in combinations(hk_texts, 2):
        pairs.append(("same_topic", False, a, b))
    return pairs


def quality() -> None:
    pairs = load_pairs()
    sims = [(kind, same, dedup.similarity(a, b), dedup.lsh_keys(a), dedup.lsh_keys(b))
            for kind, same, a, b in pairs]

    def report(rows: list, label: str) -> None:
        pos = [r for r in rows if r[1] and r[0] != "whole_page"]
        neg = [r for r in rows if not r[1]]

        def decide(r: tuple) -> bool:
            return r[2].same_story and bool(set(r[3]) & set(r[4]))
        tp = sum(decide(r) for r in pos)
        fp = sum(decide(r) for r in neg)
        precision = tp / (tp + fp) if tp + fp else 1.0
        print(f"{label}: recall {tp / len(pos):.3f} ({tp}/{len(pos)}), precision "
              f"{precision:.4f} ({fp} false merges in {len(neg)} negatives)")

    print(f"pairs: {len(pairs)}; thresholds: jaccard >= {dedup.JACCARD_MIN} or containment >= "
          f"{dedup.CONTAINMENT_MIN} (size ratio >= {dedup.CONTAINMENT_SIZE_RATIO}); "
          f"LSH {dedup.BANDS} bands x {dedup.ROWS} rows")
    print(f"{'kind':12} {'pairs':>6} {'merged':>7} {'lsh-cand':>8}  jaccard p10/p50/p90   containment p10/p50/p90")
    by_kind: dict[str, list] = defaultdict(list)
    for row in sims:
        by_kind[row[0]].append(row)
    for kind, rows in by_kind.items():
        merged = sum(r[2].same_story and bool(set(r[3]) & set(r[4])) for r in rows)
        cand = sum(bool(set(r[3]) & set(r[4])) for r in rows)
        js = sorted(r[2].jaccard for r in rows)
        cs = sorted(r[2].containment for r in rows)
        q = lambda v, p: v[min(len(v) - 1, int(p * len(v)))]  # noqa: E731
        print(f"{kind:12} {len(rows):6d} {merged:7d} {cand:8d}  "
              f"{q(js, .1):.2f}/{q(js, .5):.2f}/{q(js, .9):.2f}        "
              f"{q(cs, .1):.2f}/{q(cs, .5):.2f}/{q(cs, .9):.2f}")
    report(sims, "all (targets: recall >= 0.95 at precision >= 0.99)")
    report([r for r in sims if r[0] != "random"], "hard negatives only")
    # Threshold sweep, for the record.
    print("sweep (jaccard_min, containment_min): recall / false merges")
    pos = [r for r in sims if r[1] and r[0] != "whole_page"]
    neg = [r for r in sims if not r[1]]
    print("  (containment also needs the size ratio shown; whole_page recall in brackets)")
    wp = [r for r in sims if r[0] == "whole_page"]
    for jmin in (0.4, 0.5, 0.6):
        for ratio in (0.1, 0.2, 0.4):
            cells = []
            for cmin in (0.7, 0.8, 0.9):
                def ok(s: dedup.Similarity, j: float = jmin, c: float = cmin,
                       r: float = ratio) -> bool:
                    return s.jaccard >= j or (s.containment >= c and s.size_ratio >= r)
                rec = sum(ok(r[2]) for r in pos) / len(pos)
                rec_wp = sum(ok(r[2]) for r in wp) / len(wp)
                cells.append(f"c{cmin}: {rec:.3f}/{sum(ok(r[2]) for r in neg)} [{rec_wp:.2f}]")
            print(f"  j{jmin} ratio{ratio}: " + "  ".join(cells))


# --------------------------------------------------------------------------------------
# Cost
# --------------------------------------------------------------------------------------

def synthetic_text(rng: random.Random, words: list[str], n: int = 300) -> str:
    """Zipf-like word salad: a distinct text with realistic word-frequency skew."""
    return " ".join(rng.choices(words, cum_weights=_CUM, k=n))


_CUM: list[float] = []


def check_one(db: object, text: str) -> int:
    """The per-article work of the near-duplicate step: signature, lookup, verification."""
    keys = dedup.lsh_keys(text)
    merged = 0
    for article_id in stories.lsh_candidates(db, keys):  # type: ignore[arg-type]
        row = stories.article_basics(db, article_id)  # type: ignore[arg-type]
        if row and dedup.similarity(text, row["text"]).same_story:
            merged += 1
            break
    return merged


def build_index(path: Path, stored: int, rng: random.Random, words: list[str]) -> Any:
    db = dbm.open_db(path)
    db.execute("INSERT INTO sources (id) VALUES ('s')")
    with dbm.transaction(db):
        db.conn.executemany(
            "INSERT INTO articles (id, url, source_id, text, fetched_at, content_hash) "
            "VALUES (?, ?, 's', '', '2026-01-01T00:00:00Z', ?)",
            [(i, f"https://x/{i}", str(i)) for i in range(1, stored + 1)])
        # Stored articles' band keys: random 64-bit values stand for distinct texts
        # (computing 100k real signatures adds nothing to what is measured here).
        db.conn.executemany(
            "INSERT INTO lsh_bands (band, key, article_id) VALUES (?, ?, ?)",
            ((band, rng.getrandbits(64) - (1 << 63), i)
             for i in range(1, stored + 1) for band in range(dedup.BANDS)))
        # A few real articles, so some lookups find and verify a near-duplicate.
        for i in range(1, 21):
            text = synthetic_text(rng, words)
            db.execute("UPDATE articles SET text = ? WHERE id = ?", (text, i))
            stories.replace_lsh_keys(db, i, dedup.lsh_keys(text))
    db.execute("ANALYZE")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # a long-lived database is checkpointed
    return db


def cost() -> None:
    rng = random.Random(11)
    words = [f"w{i}" for i in range(20000)]
    total = 0.0
    for i in range(len(words)):
        total += 1 / (i + 1)
        _CUM.append(total)
    scales = (1_000, 10_000, 100_000)
    with tempfile.TemporaryDirectory() as tmp:
        dbs = {n: build_index(Path(tmp) / f"{n}.db", n, rng, words) for n in scales}
        real = [r[0] for r in dbs[scales[0]].execute("SELECT text FROM articles WHERE id <= 20")]
        per: dict[int, list[float]] = {n: [] for n in scales}
        # Scales take turns within each run, so a busy moment on the machine hits all.
        for run in range(8):  # the first run warms the caches and is not counted
            texts = [(real[j % 20] + " extra words") if j % 4 == 0
                     else synthetic_text(rng, words) for j in range(40)]
            for n in scales:
                start = time.perf_counter()
                for text in texts:
                    check_one(dbs[n], text)
                if run:
                    per[n].append((time.perf_counter() - start) / len(texts) * 1000)
        for db in dbs.values():
            db.conn.close()
    print(f"{'stored':>8} {'median ms/new article':>22} {'max ms':>8}  (7 runs x 40 articles)")
    medians = {n: statistics.median(v) for n, v in per.items()}
    for n in scales:
        print(f"{n:8d} {medians[n]:22.2f} {max(per[n]):8.2f}")
    print(f"ratio 100k/1k: {medians[100_000] / medians[1_000]:.2f} (target <= 1.5)")


if __name__ == "__main__":
    args = set(sys.argv[1:])
    if not args or "--quality" in args:
        quality()
    if not args or "--cost" in args:
        cost()
