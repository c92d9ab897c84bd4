"""Cross-language stories (issue #17): quality on a labelled set and cost per article.

    .venv/bin/python bench/crosslang.py --dev              # quality on the development half
    .venv/bin/python bench/crosslang.py --dev --sweep      # + threshold/weight sweep (dev only)
    .venv/bin/python bench/crosslang.py --dev --errors     # + every miss and wrong merge (dev)
    .venv/bin/python bench/crosslang.py --blind            # the blind half, frozen rules
    .venv/bin/python bench/crosslang.py --cost             # cost per article, 1k/10k/100k
    .venv/bin/python bench/crosslang.py --blind --no-pair-keys   # evidence alone

Quality. bench/labelled/crosslang/{dev,blind}.txt (written by someone who had not read the
rules): each record is one article with an event label, its language, outlet, publication
time and URL, then its title and text. Articles of one event are the same story; a
distractor (a "near miss": same office, topic and week, another announcement; or a
follow-up weeks later) has an event of its own. Every article goes through the real
path, in publication order: tagging (shipped gazetteer), pipelines.store.store into a
fresh SQLite file (same-language ladder, then pipelines.story.link_across with
config/dedup.toml), so the figures are what a crawl would store. Reported:

* cross-language recall: of the (English, Chinese) pairs of one event, the share that end
  in one story (target >= 0.9); also events whose every article is in one story;
* distractor pairs merged: of the pairs (distractor, article of another event) within
  the window (7 days), the share that end in one story (target <= 1%); also the number
  of distractors merged with anything, and every wrong merge of any two events;
* within-language: same-event same-language pairs in one story, for information (the
  within-language figures of record are bench/dedup.py's, whose code is unchanged).

--sweep scores every cross-language pair of the half with pipelines.crosslang.score
(the pair-key shortcut aside) and prints recall and false links per threshold: that is how
dedup.toml's threshold was chosen, on dev only.

Cost. The cross-language step for one new article (evidence from its text and tags,
indexing, the indexed candidate lookup within the window, scoring) against 1k, 10k and
100k stored articles whose evidence rows follow a realistic spread (agencies from a few
hundred ids, numbers from a wide range, 250 articles a day), the new articles dated at the
end of the stored period, so the window holds the same number of articles at every scale.
Scales take turns in each run; median of 7 runs x 40 articles.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler import db as dbm  # noqa: E402
from crawler.config import (  # noqa: E402
    DEFAULT_CONFIG_DIR,
    DedupRules,
    load_dedup_rules,
    load_gazetteer,
    load_people,
)
from crawler.shared.dates import format_utc, parse_utc  # noqa: E402
from crawler.shared.items import Article  # noqa: E402
from crawler.shared.text import language_family  # noqa: E402
from pipelines import crosslang, story  # noqa: E402
from pipelines.extract import content_hash  # noqa: E402
from pipelines.store import store  # noqa: E402
from pipelines.tagging import Tagger  # noqa: E402

LABELLED = ROOT / "bench" / "labelled" / "crosslang"
DISTRACTOR_DAYS = 7


# --------------------------------------------------------------------------------------
# The labelled set
# --------------------------------------------------------------------------------------

@dataclass
class Labelled:
    id: str
    event: str
    lang: str
    outlet: str
    published: str
    url: str
    title: str
    text: str
    distractor: bool


_FIELDS = ("id", "event", "lang", "outlet", "published", "url")


def parse(path: Path) -> list[Labelled]:
    """Records start with a header line '=== ' or a line of '|'-separated fields (id,
    event, lang, outlet, published, url; 'key: value' or in that order); then 'title:'
    and the text up to the next header. Lines starting with '#' are comments."""
    records: list[Labelled] = []
    header: dict[str, str] | None = None
    body: list[str] = []

    def flush() -> None:
        if header is None:
            return
        lines = [line for line in body]
        while lines and not lines[0].strip():
            lines.pop(0)
        title = ""
        if lines and lines[0].lower().startswith("title:"):
            title = lines.pop(0).split(":", 1)[1].strip()
        text = "\n".join(line.rstrip() for line in lines).strip()
        event = header.get("event", "")
        kind = " ".join(header.get(k, "") for k in ("kind", "type", "role")).lower()
        records.append(Labelled(
            id=header.get("id", f"r{len(records) + 1}"), event=event,
            lang=header.get("lang", header.get("language", "")), outlet=header.get("outlet", ""),
            published=header.get("published", ""), url=header.get("url", ""), title=title,
            text=text, distractor=("distractor" in kind or "near" in kind
                                   or bool(re.search(r"(?:^|-)d\d+$", event)))))

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\n")
        if line.startswith("#") and header is None:
            continue
        candidate = line[4:] if line.startswith("=== ") else line
        if (line.startswith("=== ") or candidate.count("|") >= 4) and "://" in candidate:
            flush()
            header, body = _header(candidate), []
            continue
        if header is not None:
            body.append(line)
    flush()
    return records


def _header(line: str) -> dict[str, str]:
    parts = [p.strip() for p in line.split("|")]
    out: dict[str, str] = {}
    for index, part in enumerate(parts):
        match = re.match(r"^([a-z_]+):\s*(.*)$", part)
        if match and not part.startswith(("http:", "https:")):
            out[match.group(1)] = match.group(2).strip()
        elif index < len(_FIELDS):
            out[_FIELDS[index]] = part
    return out


def family(lang: str, text: str) -> str:
    return language_family(lang, text)


# --------------------------------------------------------------------------------------
# Quality through the real store path
# --------------------------------------------------------------------------------------

def utc(value: str) -> str:
    moment = parse_utc(value)
    if moment is None:  # a bare date, or a local time with an offset parse_utc missed
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
    return format_utc(moment)


def run_store(records: list[Labelled], rules: DedupRules, tagger: Tagger,
              people: crosslang.PeopleMatcher) -> dict[str, int]:
    """Store every record in publication order into a fresh SQLite file; id -> story."""
    with tempfile.TemporaryDirectory() as tmp:
        db = dbm.open_db(Path(tmp) / "bench.db")
        outlets = sorted({r.outlet or "outlet" for r in records})
        slugs = {o: re.sub(r"[^a-z0-9]+", "-", o.lower()).strip("-") or "outlet"
                 for o in outlets}
        for outlet, slug in slugs.items():
            db.execute("INSERT OR IGNORE INTO sources (id, name, kind) VALUES (?, ?, 'feed')",
                       (slug, outlet))
        article_of: dict[str, int] = {}
        for r in sorted(records, key=lambda r: (utc(r.published), r.id)):
            when = utc(r.published)
            url = r.url or f"https://bench.invalid/{r.id}"
            item = Article(url=url, source_id=slugs[r.outlet or "outlet"], fetched_at=when,
                           title=r.title, text=r.text, published_at=when, language=r.lang,
                           source_jurisdiction="")
            item.content_hash = content_hash(r.text)
            tags = tagger.tag(item.title, item.text, "")
            item.jurisdictions, item.agencies = tags.jurisdictions, tags.agencies
            item.vendors, item.locations = tags.vendors, tags.locations
            _, article_of[r.id] = store(db, item, rules, people)
        shown = {row[0]: row[1] for row in db.execute("SELECT id, story_id FROM articles")}
        db.conn.close()
    return {rid: shown[aid] for rid, aid in article_of.items()}


def quality(records: list[Labelled], rules: DedupRules, tagger: Tagger,
            people: crosslang.PeopleMatcher, label: str, errors: bool) -> None:
    started = time.perf_counter()
    story_of = run_store(records, rules, tagger, people)
    elapsed = time.perf_counter() - started
    fam = {r.id: family(r.lang, r.text) for r in records}
    when = {r.id: parse_utc(utc(r.published)) for r in records}
    by_id = {r.id: r for r in records}
    pos_cross, pos_same, neg_near, neg_all = [], [], [], []
    for a, b in combinations(records, 2):
        same_event = a.event == b.event
        joined = story_of[a.id] == story_of[b.id]
        if same_event:
            (pos_cross if fam[a.id] != fam[b.id] else pos_same).append((a.id, b.id, joined))
            continue
        neg_all.append((a.id, b.id, joined))
        days = abs((when[a.id] - when[b.id]).total_seconds()) / 86400  # type: ignore[operator]
        if (a.distractor or b.distractor) and days <= DISTRACTOR_DAYS:
            neg_near.append((a.id, b.id, joined))
    events = defaultdict(list)
    for r in records:
        events[r.event].append(r.id)
    bilingual = [e for e, ids in events.items() if len({fam[i] for i in ids}) > 1]
    whole = sum(len({story_of[i] for i in events[e]}) == 1 for e in bilingual)
    distractors = [r for r in records if r.distractor]
    merged_distractors = [r.id for r in distractors
                          if any(story_of[o.id] == story_of[r.id] and o.event != r.event
                                 for o in records)]

    def share(rows: list[tuple[str, str, bool]]) -> str:
        hit = sum(j for _, _, j in rows)
        return f"{hit / len(rows):.3f} ({hit}/{len(rows)})" if rows else "n/a"

    print(f"== {label}: {len(records)} articles, {len(events)} events ({len(bilingual)} "
          f"told in two languages), {len(distractors)} distractors; "
          f"{elapsed:.1f} s through the store")
    print(f"cross-language recall, same-event (en, zh) pairs: {share(pos_cross)}  "
          "(target >= 0.9)")
    print(f"bilingual events wholly in one story: {whole}/{len(bilingual)}")
    print(f"distractor pairs merged (distractor x other event, <= {DISTRACTOR_DAYS} days): "
          f"{share(neg_near)}  (target <= 0.01)")
    print(f"distractors merged with another event: {len(merged_distractors)}/{len(distractors)}")
    print(f"any two events merged: {share(neg_all)}")
    print(f"same-language same-event pairs in one story: {share(pos_same)}")
    if errors:
        for a, b, joined in pos_cross:
            if not joined:
                print(f"  MISS {a} ({by_id[a].event}) / {b}")
        for a, b, joined in neg_all:
            if joined:
                print(f"  WRONG {a} ({by_id[a].event}) + {b} ({by_id[b].event})")


# --------------------------------------------------------------------------------------
# Sweep (dev only): score every cross-language pair directly
# --------------------------------------------------------------------------------------

def sweep(records: list[Labelled], rules: DedupRules, tagger: Tagger,
          people: crosslang.PeopleMatcher) -> None:
    evidence: dict[str, set[str]] = {}
    pairs: dict[str, str | None] = {}
    for r in records:
        tags = tagger.tag(r.title, r.text, "")
        ev = story.evidence_of(url=r.url, source_id="", language=r.lang, title=r.title,
                               text=r.text, at=utc(r.published), agencies=tags.agencies,
                               vendors=tags.vendors, locations=tags.locations,
                               jurisdictions=tags.jurisdictions, rules=rules, people=people)
        evidence[r.id], pairs[r.id] = ev.keys, ev.pair
    when = {r.id: parse_utc(utc(r.published)) for r in records}
    fam = {r.id: family(r.lang, r.text) for r in records}
    rows = []
    for a, b in combinations(records, 2):
        if fam[a.id] == fam[b.id]:
            continue
        if pairs[a.id] and pairs[a.id] == pairs[b.id]:
            continue  # linked by the publisher's id, whatever the score
        hours = abs((when[a.id] - when[b.id]).total_seconds()) / 3600  # type: ignore[operator]
        if hours > rules.cross_language.window_hours:
            continue
        rows.append((a.event == b.event, a.id, b.id, evidence[a.id], evidence[b.id],
                     when[a.id], when[b.id]))
    positives = sum(r[0] for r in rows)
    print(f"sweep: {len(rows)} cross-language pairs within {rules.cross_language.window_hours:g} h"
          f" ({positives} same event)")
    variants: list[tuple[str, DedupRules]] = [("as configured", rules)]
    cross = rules.cross_language
    for name, change in (("no time", {"time_weight": 0.0}),
                         ("unmatched numbers -1.5", {"unmatched_numbers": 1.5}),
                         ("max_per_kind 2", {"max_per_kind": 2}),
                         ("max_per_kind 5", {"max_per_kind": 5})):
        variants.append((name, replace(rules, cross_language=replace(cross, **change))))
    for kind in ("agency", "number", "date", "person", "location", "jurisdiction"):
        weights = tuple((k, (0.0 if k == kind else w)) for k, w in cross.weights)
        variants.append((f"without {kind}", replace(
            rules, cross_language=replace(cross, weights=weights))))
    for name, variant in variants:
        scores = [(r[0], crosslang.score(r[3], r[4], r[5], r[6], variant.cross_language).score)
                  for r in rows]
        cells = []
        for threshold in (2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0):
            tp = sum(1 for same, s in scores if same and s >= threshold)
            fp = sum(1 for same, s in scores if not same and s >= threshold)
            cells.append(f"{threshold:g}: {tp}/{fp}")
        print(f"  {name:24} recall/false links  " + "  ".join(cells))


# --------------------------------------------------------------------------------------
# Cost
# --------------------------------------------------------------------------------------

EN_TEXT = ("The {agency} announced today ({month} {day}) that {n} departments will adopt an "
           "artificial intelligence assistant, at a cost of HK${m} million, with {p} per cent "
           "of staff trained by the end of the year. The Secretary said the pilot covers "
           "{k} services and will be reviewed after six months.")


def build_cost_db(path: Path, stored: int, rng: random.Random) -> tuple[Any, datetime]:
    """``stored`` articles at 250 a day, each with ~14 evidence rows; returns the end."""
    db = dbm.open_db(path)
    db.execute("INSERT INTO sources (id) VALUES ('s')")
    end = datetime(2026, 6, 1, tzinfo=UTC)
    step = timedelta(days=1) / 250
    with dbm.transaction(db):
        rows, evidence = [], []
        for i in range(1, stored + 1):
            at = format_utc(end - step * (stored - i))
            lang = "zh" if i % 2 else "en"
            rows.append((i, f"https://x/{i}", at, lang, i))
            keys = {f"agency:a{int(rng.paretovariate(1.2)) % 300}",
                    f"agency:a{rng.randrange(300)}", f"location:l{rng.randrange(200)}",
                    f"jurisdiction:{rng.choice(['HK', 'HK', 'CN', 'SG', 'GB', 'US'])}",
                    f"date:{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"}
            keys |= {f"number:{int(rng.lognormvariate(6, 3)) + 10}" for _ in range(6)}
            keys |= {f"percentage:{rng.randrange(1, 100)}" for _ in range(2)}
            evidence += [(k, at, lang, i) for k in keys]
        db.conn.executemany(
            "INSERT INTO articles (id, url, source_id, text, fetched_at, language, "
            "content_hash, story_id, base_story_id) VALUES (?, ?, 's', '', ?, ?, ?, NULL, NULL)",
            rows)
        db.conn.executemany(
            "INSERT INTO article_evidence (key, at, lang, article_id) VALUES (?, ?, ?, ?)",
            evidence)
    db.execute("ANALYZE")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db, end


def cost() -> None:
    rules = load_dedup_rules(DEFAULT_CONFIG_DIR / "dedup.toml")
    tagger = Tagger(load_gazetteer(DEFAULT_CONFIG_DIR / "gazetteers"))
    people = crosslang.PeopleMatcher(load_people(DEFAULT_CONFIG_DIR / "gazetteers"))
    rng = random.Random(17)
    scales = (1_000, 10_000, 100_000)
    per: dict[int, list[float]] = {n: [] for n in scales}
    agencies = ["Digital Policy Office", "Hong Kong Monetary Authority", "Hospital Authority",
                "Transport Department", "Innovation, Technology and Industry Bureau"]
    months = ["January", "March", "May", "July", "September", "November"]
    with tempfile.TemporaryDirectory() as tmp:
        dbs = {n: build_cost_db(Path(tmp) / f"{n}.db", n, rng) for n in scales}
        for run in range(8):  # the first run warms the caches and is not counted
            texts = [EN_TEXT.format(agency=rng.choice(agencies), month=rng.choice(months),
                                    day=rng.randrange(1, 29), n=rng.randrange(10, 60),
                                    m=rng.randrange(2, 900), p=rng.randrange(5, 95),
                                    k=rng.randrange(10, 99)) for _ in range(40)]
            for n in scales:
                db, end = dbs[n]
                start = time.perf_counter()
                db.conn.execute("BEGIN")
                for j, text in enumerate(texts):
                    article_id = 10_000_000 + run * 100 + j
                    db.execute("INSERT INTO articles (id, url, source_id, fetched_at, "
                               "content_hash) VALUES (?, ?, 's', ?, ?)",
                               (article_id, f"https://new/{article_id}", format_utc(end),
                                str(article_id)))
                    tags = tagger.tag("", text, "HK")
                    ev = story.evidence_of(
                        url=f"https://new/{article_id}", source_id="s", language="en",
                        title="", text=text, at=format_utc(end), agencies=tags.agencies,
                        vendors=tags.vendors, locations=tags.locations,
                        jurisdictions=tags.jurisdictions, rules=rules, people=people)
                    story.index_evidence(db, article_id, ev)
                    story.scored_candidates(db, article_id, ev, rules)
                db.conn.execute("ROLLBACK")
                if run:
                    per[n].append((time.perf_counter() - start) / len(texts) * 1000)
        for db, _ in dbs.values():
            db.conn.close()
    print(f"{'stored':>8} {'median ms/new article':>22} {'max ms':>8}  (7 runs x 40 articles)")
    medians = {n: statistics.median(v) for n, v in per.items()}
    for n in scales:
        print(f"{n:8d} {medians[n]:22.2f} {max(per[n]):8.2f}")
    print(f"ratio 100k/1k: {medians[100_000] / medians[1_000]:.2f} (target <= 1.5)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", action="store_true", help="quality on dev.txt")
    parser.add_argument("--blind", action="store_true", help="quality on blind.txt")
    parser.add_argument("--sweep", action="store_true", help="threshold sweep (dev only)")
    parser.add_argument("--errors", action="store_true", help="list misses and wrong merges")
    parser.add_argument("--cost", action="store_true", help="cost per article")
    parser.add_argument("--no-pair-keys", action="store_true",
                        help="evidence only: ignore dedup.toml's [[pair_key]] patterns")
    args = parser.parse_args()
    if not (args.dev or args.blind or args.cost):
        parser.error("give --dev, --blind or --cost")
    if args.dev or args.blind:
        rules = load_dedup_rules(DEFAULT_CONFIG_DIR / "dedup.toml")
        if args.no_pair_keys:
            rules = replace(rules, pair_keys=())
        tagger = Tagger(load_gazetteer(DEFAULT_CONFIG_DIR / "gazetteers"))
        people = crosslang.PeopleMatcher(load_people(DEFAULT_CONFIG_DIR / "gazetteers"))
        cross = rules.cross_language
        print(f"rules: threshold {cross.threshold}, window {cross.window_hours:g} h, "
              f"weights {dict(cross.weights)}, time {cross.time_weight}, unmatched numbers "
              f"-{cross.unmatched_numbers}, max_per_kind {cross.max_per_kind}")
        for name, wanted in (("dev", args.dev), ("blind", args.blind)):
            if not wanted:
                continue
            records = parse(LABELLED / f"{name}.txt")
            quality(records, rules, tagger, people, name, args.errors)
            if args.sweep and name == "dev":
                sweep(records, rules, tagger, people)
    if args.cost:
        cost()


if __name__ == "__main__":
    main()
