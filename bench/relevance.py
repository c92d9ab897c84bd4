"""Quality and speed of relevance and tagging, measured on bench/labelled/.

Quality: relevance precision/recall and agency/jurisdiction F1 (micro-averaged over
articles), per language, on the hand-labelled articles in bench/labelled/*.txt and the
blind held-out set bench/labelled/heldout2/ (reported in halves A and B, see README) and
blind sets 3 to 9 and 11 to 29, bench/labelled/blind3/ … blind29/ (rows "blind 3" …
"blind 13").
Speed: tagging and relevance of a ~100 KB article (English and Chinese), median of
several runs, against a baseline measured in the same run (one regex per gazetteer
name, the approach the combined matcher replaces).

    .venv/bin/python bench/relevance.py            # from the repository root
    .venv/bin/python bench/relevance.py --errors   # also list every mistake
                                                         # (blind set N's only with
                                                         # --blindN-errors, N = 3…9, 11)
"""

from __future__ import annotations

import argparse
import hashlib
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import crawler.config.gazetteer as gazetteer_module  # noqa: E402
from crawler.config import load_gazetteer, load_topic  # noqa: E402
from pipelines.relevance import score  # noqa: E402
from pipelines.tagging import Tagger  # noqa: E402

LABELLED = ROOT / "bench" / "labelled"
SHARED = ROOT.parent / "shared" / "data"  # ../shared/data; never copied into the repo
_HEADER = re.compile(r"^=== (.+)$", re.MULTILINE)


@dataclass
class Case:
    id: str
    language: str
    split: str  # "articles" (used while writing the rules), "heldout*", "blind2-A"/"blind2-B"
    relevant: bool
    kind: str
    agencies: set[str]
    jurisdictions: set[str]
    title: str
    text: str
    labelled_tags: bool = True
    mentions: dict[str, set[str]] = field(default_factory=dict)  # gold id -> its mentions


def _page(relative: str) -> tuple[str, str] | None:
    """Title and text of a shared-data page, or None when the data is not on this machine."""
    path = SHARED / relative
    if not path.exists():
        return None
    import trafilatura

    html = path.read_text(encoding="utf-8", errors="replace")
    meta = trafilatura.extract_metadata(html)
    return (meta.title if meta and meta.title else ""), (trafilatura.extract(html) or "")


BLIND = LABELLED / "heldout2"  # blind held-out set 2: one article per file, <lang>-NNN.txt
BLIND3 = LABELLED / "blind3"  # blind set 3: en.txt, zh.txt; written before reading the rules
BLIND4 = LABELLED / "blind4"  # blind set 4: same format, the out-of-sample check of 2026-11-25
# blind sets 5 onwards: one folder each (en.txt, zh.txt and the mappers' ids files), in
# number order; where and when each was written is its files' header line and
# bench/README.md's section for its session. A new set needs only its folder.
NUMBERED = tuple(sorted((p for p in LABELLED.glob("blind*")
                         if p.is_dir() and p.name[5:].isdigit() and int(p.name[5:]) >= 5),
                        key=lambda p: int(p.name[5:])))


def blind_half(path: Path) -> str:
    """"A" or "B": a deterministic half of the blind set, from a hash of the file name.

    Rule changes may be decided from misses in half A only; half B stays unseen.
    """
    return "A" if hashlib.sha256(path.name.encode("utf-8")).digest()[0] % 2 == 0 else "B"


def _twin_in_a() -> set[str]:
    """Stems of half-B files whose story is also told, in the other language, in half A
    (bench/labelled/heldout2/TWINS.txt)."""
    path = BLIND / "TWINS.txt"
    out: set[str] = set()
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        stems = line.split("#", 1)[0].split()
        halves = {stem: blind_half(BLIND / f"{stem}.txt") for stem in stems}
        if "A" in halves.values():
            out.update(stem for stem, half in halves.items() if half == "B")
    return out


def _label_files() -> list[tuple[Path, str, str]]:
    """(path, split, language) of every labelled file."""
    files = []
    for path in sorted(LABELLED.glob("*-*.txt")):
        split, language = path.stem.split("-", 1)
        files.append((path, split, language))
    twinned = _twin_in_a()
    for path in sorted(BLIND.glob("*-*.txt")):
        half = blind_half(path)
        if half == "B" and path.stem not in twinned:
            half = "B-solo"  # in half B and its story is not in half A
        files.append((path, "blind2-" + half, path.stem.split("-", 1)[0]))
    for path in sorted(BLIND3.glob("*.txt")):
        files.append((path, "blind3", path.stem))
    for path in sorted(BLIND4.glob("*.txt")):
        files.append((path, "blind4", path.stem))
    for folder in NUMBERED:
        for path in sorted(folder.glob("*.txt")):
            if path.stem in ("en", "zh"):
                files.append((path, folder.name, path.stem))
    return files


def _norm(mention: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(mention.split()), flags=re.I).lower()


def _mentions(meta: dict[str, str]) -> dict[str, set[str]]:
    """Each labelled agency id's mention strings (blind sets 9 on: "m / m; m", in the
    order of ``agencies``); {} when the header has none."""
    ids = [a.strip() for a in meta.get("agencies", "").split(",") if a.strip()]
    bodies = [b for b in meta.get("mentions", "").split(";")] if meta.get("mentions") else []
    if len(bodies) != len(ids):
        return {}
    return {i: {_norm(m) for m in b.split(" / ") if m.strip()} for i, b in zip(ids, bodies, strict=True)}


def _by_mention(gold: set[str], tags: list[dict[str, Any]], listed: set[str],
                mentions: dict[str, set[str]]) -> int:
    """How many missed gold bodies with a derived id (no list has them) a tag of an unlisted
    body found under another derived id: the same body when a mention of the tag is one of
    the label's mentions of it ("Lagos State Emergency Management Agency" as
    ng-lagos-emergency-management-agency or ng-lagos-state-emergency-management-agency).
    Each tag pairs with one label at most."""
    found = {a["id"] for a in tags}
    spare = [a for a in tags if a["id"] not in gold and not a.get("listed", True)]
    paired = 0
    for g in sorted(gold - found - listed):
        wanted = mentions.get(g, set())
        hit = next((a for a in spare if wanted & {_norm(m) for m in a.get("mentions", [])}), None)
        if hit is not None:
            spare.remove(hit)
            paired += 1
    return paired


UNMAPPED = "# ids: not mapped"  # a header line of a blind set awaiting its mapper


def load_cases() -> list[Case]:
    cases = []
    for path, split, language in _label_files():
        raw = path.read_text(encoding="utf-8")
        # a blind set whose names are not mapped to ids yet (its writer's own slugs): its
        # relevance counts, its tags not
        mapped = UNMAPPED not in raw.split("\n=== ", 1)[0].splitlines()
        parts = _HEADER.split(raw)
        for header, body in zip(parts[1::2], parts[2::2], strict=True):
            fields = [f.strip() for f in header.split("|")]
            meta = dict(f.split(":", 1) for f in fields[1:])
            meta = {k.strip(): v.strip() for k, v in meta.items()}
            if "page" in meta:  # a reference to real page, text extracted at run time
                page = _page(meta["page"])
                if page is not None:
                    cases.append(Case(
                        id=fields[0], language=meta["lang"], split=split,
                        relevant=meta["relevant"] == "yes", kind=meta["kind"], agencies=set(),
                        jurisdictions=set(), title=page[0], text=page[1], labelled_tags=False))
                continue
            title_line, _, text = body.strip("\n").partition("\n")
            assert title_line.startswith("title:"), f"{path.name} {fields[0]}: no title line"
            # a comment line after an article (a writer's "# READY") is no text of it
            text = "\n".join(line for line in text.splitlines()
                             if not (line == "#" or line.startswith("# ")))
            cases.append(Case(
                id=fields[0], language=language, split=split, relevant=meta["relevant"] == "yes",
                kind=meta["kind"],
                agencies={a.strip() for a in meta["agencies"].split(",") if a.strip()},
                jurisdictions={j.strip() for j in meta["jurisdictions"].split(",") if j.strip()},
                title=title_line[len("title:"):].strip(), text=text.strip(),
                labelled_tags=mapped, mentions=_mentions(meta)))
    return cases


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


BLIND_SETS = ("blind3", "blind4", *(p.name for p in NUMBERED))


def quality(show_errors: bool, revealed: frozenset[str] = frozenset()) -> None:
    """Print the quality table; with ``show_errors`` list the mistakes, except those of
    the blind sets not in ``revealed`` (their misses stay unread until asked)."""
    topic = load_topic(ROOT / "config", "public-sector-ai")
    tagger = Tagger(load_gazetteer(ROOT / "config" / "gazetteers"))
    cases = load_cases()
    listed = {a.id for a in tagger.gazetteer.agencies}
    print("| set | language | articles (relevant) | flagged relevant | relevance P | relevance R "
          "| agency P / R / F1 | jurisdiction P / R / F1 | agency P / R, derived ids by mention |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    errors = []
    splits = ("articles", "heldout", "heldout2", "real", "blind2-A", "blind2-B", "blind2-B-solo",
              "blind2", *BLIND_SETS, "all")
    groups = [(split, lang) for split in splits for lang in ("en", "zh")]
    for split, language in groups:
        subset = [c for c in cases if c.language == language and (
            split in ("all", c.split) or (split == "blind2" and c.split.startswith("blind2-"))
            or (split == "blind2-B" and c.split == "blind2-B-solo"))]
        if not subset:
            continue
        rel = {"tp": 0, "fp": 0, "fn": 0}
        ag = {"tp": 0, "fp": 0, "fn": 0}
        ju = {"tp": 0, "fp": 0, "fn": 0}
        paired = 0  # derived-id misses found under another derived id (same mention)
        for c in subset:
            result = score(c.title, c.text, topic)
            tags = tagger.tag(c.title, c.text)  # no source jurisdiction: text evidence only
            record = split not in ("all", "blind2", "blind2-B") and (
                split not in BLIND_SETS or split in revealed)
            if result.relevant and c.relevant:
                rel["tp"] += 1
            elif result.relevant:
                rel["fp"] += 1
                errors.append(f"{c.id} ({c.kind}): false positive, score {result.score}") if record else None
            elif c.relevant:
                rel["fn"] += 1
                missing = [r["concept"] for r in result.reasons if r.get("missing")]
                errors.append(f"{c.id}: false negative, score {result.score}, missing {missing}") if record else None
            if not c.labelled_tags:
                continue
            paired += _by_mention(c.agencies, tags.agencies, listed, c.mentions)
            for counts, gold, found in ((ag, c.agencies, {a["id"] for a in tags.agencies}),
                                        (ju, c.jurisdictions, set(tags.jurisdictions))):
                counts["tp"] += len(gold & found)
                counts["fp"] += len(found - gold)
                counts["fn"] += len(gold - found)
                if gold != found and record:
                    errors.append(f"{c.id}: tags extra {sorted(found - gold)} missed {sorted(gold - found)}")
        p, r, _ = f1(rel["tp"], rel["fp"], rel["fn"])
        ap, ar, af = f1(ag["tp"], ag["fp"], ag["fn"])
        jp, jr, jf = f1(ju["tp"], ju["fp"], ju["fn"])
        positives = sum(c.relevant for c in subset)
        tagged = any(c.labelled_tags for c in subset)
        agency = f"{ap:.2f} / {ar:.2f} / {af:.2f}" if tagged else "not labelled"
        mp, mr, _ = f1(ag["tp"] + paired, ag["fp"] - paired, ag["fn"] - paired)
        by_mention = f"{mp:.2f} / {mr:.2f}" if tagged else "not labelled"
        juris = f"{jp:.2f} / {jr:.2f} / {jf:.2f}" if tagged else "not labelled"
        precision = f"{p:.2f}" if rel["tp"] + rel["fp"] else "n/a"
        recall = f"{r:.2f}" if positives else "n/a"
        label = {"articles": "development", "heldout": "held-out 1", "heldout2": "held-out 2",
                 "real": "real pages", "blind2-A": "blind 2, half A", "blind2-B": "blind 2, half B",
                 "blind2-B-solo": "blind 2, half B, story not in A",
                 "blind2": "blind 2, both halves", "all": "all"}.get(split, f"blind {split[5:]}")
        print(f"| {label} | {language} | {len(subset)} ({positives}) | {rel['tp'] + rel['fp']} | "
              f"{precision} | {recall} | {agency} | {juris} | {by_mention} |")
    if show_errors:
        print("\n" + "\n".join(errors))


def _hundred_kb(language: str) -> tuple[str, str]:
    fixture = ROOT / "tests" / "fixtures" / "tagging" / (
        "dpo-forum-en.txt" if language == "en" else "dpo-forum-zh-hant.txt")
    header, _, body = fixture.read_text(encoding="utf-8").partition("\n\n")
    title = header.splitlines()[0].partition(":")[2].strip()
    text = body
    while len(text.encode("utf-8")) < 100_000:
        text += "\n\n" + body
    return title, text


def _median(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def speed(runs: int) -> None:
    topic = load_topic(ROOT / "config", "public-sector-ai")
    loads, compiles = [], []
    for _ in range(3):  # what a crawl pays once: read and check the gazetteer, compile it
        # (in this process, Chinese conversions stay warm after the first round: fresh
        # processes, the first run after a config change, are bench/gazetteer_load.py's)
        gazetteer_module._load_gazetteer.cache_clear()  # read the files again
        start = time.perf_counter()
        gazetteer = load_gazetteer(ROOT / "config" / "gazetteers")
        middle = time.perf_counter()
        tagger = Tagger(gazetteer)
        loads.append(middle - start)
        compiles.append(time.perf_counter() - middle)
    load_ms = statistics.median(loads) * 1000
    compile_ms = statistics.median(compiles) * 1000
    names = [n for group in (gazetteer.agencies, gazetteer.vendors, gazetteer.locations)
             for e in group for n in e.names] + [n for j in gazetteer.jurisdictions for n in j.names]
    naive = [re.compile(r"(?<![A-Za-z0-9])" + re.escape(n) + r"(?![A-Za-z0-9])") for n in names]

    def baseline(text: str) -> int:
        return sum(1 for rx in naive for _ in rx.finditer(text))

    print(f"\nload gazetteer: {load_ms:.0f} ms, compile ({len(names)} names): {compile_ms:.0f} ms, "
          f"together {load_ms + compile_ms:.0f} ms (median of 3 in one process; a fresh "
          f"process: bench/gazetteer_load.py)\n")
    print("| article | size | tag (median ms) | relevance (median ms) | baseline: one regex per name (ms) | tag / baseline |")
    print("| --- | --- | --- | --- | --- | --- |")
    for language in ("en", "zh"):
        title, text = _hundred_kb(language)
        score(title, text, topic)  # warm caches (compiled topic)
        tag_ms = _median(lambda t=title, x=text: tagger.tag(t, x), runs)
        rel_ms = _median(lambda t=title, x=text: score(t, x, topic), runs)
        base_ms = _median(lambda x=text: baseline(x), max(3, runs // 3))
        print(f"| {language} | {len(text.encode('utf-8')) // 1000} KB | {tag_ms:.1f} | {rel_ms:.1f} "
              f"| {base_ms:.1f} | {tag_ms / base_ms:.2f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true",
                        help="list every mistake, except blind set 3's")
    for name in BLIND_SETS:
        parser.add_argument(f"--{name}-errors", action="store_true", dest=name,
                            help=f"with --errors, also list blind set {name[5:]}'s mistakes "
                                 "(final run only)")
    parser.add_argument("--runs", type=int, default=9, help="timing runs (median)")
    args = parser.parse_args()
    quality(args.errors, frozenset(name for name in BLIND_SETS if getattr(args, name)))
    speed(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
