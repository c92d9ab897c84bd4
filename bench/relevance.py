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
BLIND5 = LABELLED / "blind5"  # blind set 5: written before the gazetteer widening of 2026-11-25
BLIND6 = LABELLED / "blind6"  # blind set 6: written after it, before the blind-5 fixes were seen
BLIND7 = LABELLED / "blind7"  # blind set 7: measured after the blind-6 fixes
BLIND8 = LABELLED / "blind8"  # blind set 8: measured after the blind-7 fixes
BLIND9 = LABELLED / "blind9"  # blind set 9: bodies no list names (issue #12)
BLIND11 = LABELLED / "blind11"  # blind set 11: bodies no list names, after the blind-9 fixes
BLIND12 = LABELLED / "blind12"  # blind set 12: bodies no list names, after the blind-11 fixes
BLIND13 = LABELLED / "blind13"  # blind set 13: bodies no list names, after the blind-12 fixes
BLIND14 = LABELLED / "blind14"  # blind set 14: bodies no list names, a session later
BLIND15 = LABELLED / "blind15"  # blind set 15: after the blind-14 fixes
BLIND16 = LABELLED / "blind16"  # blind set 16: after the abbreviation fix
BLIND17 = LABELLED / "blind17"  # blind set 17: third session, after the chambers
BLIND18 = LABELLED / "blind18"  # blind set 18: after derived titles and council forms
BLIND19 = LABELLED / "blind19"  # blind set 19: Chinese half after committees and areas; English half mapped in the fourth session
BLIND20 = LABELLED / "blind20"  # blind set 20 (English): after committees named on their own
BLIND21 = LABELLED / "blind21"  # blind set 21 (English): fifth session, after bodies of the place named last
BLIND22 = LABELLED / "blind22"  # blind set 22 (English): fifth session, after blind 21 was read
BLIND23 = LABELLED / "blind23"  # blind set 23 (English): sixth session, after blind 22 was read
BLIND24 = LABELLED / "blind24"  # blind set 24 (English): seventh session, after blind 23 was read
BLIND25 = LABELLED / "blind25"  # blind set 25 (English): seventh session, after blind 24 was read
BLIND26 = LABELLED / "blind26"  # blind set 26 (English): seventh session, the final rules
BLIND27 = LABELLED / "blind27"  # blind set 27 (English and Chinese): eighth session, before its rules
BLIND28 = LABELLED / "blind28"  # blind set 28 (English and Chinese): eighth session, the final rules
BLIND29 = LABELLED / "blind29"  # blind set 29 (English): ninth session, the final rules
BLIND30 = LABELLED / "blind30"  # blind set 30 (English and Chinese): eleventh session, before its rules
BLIND31 = LABELLED / "blind31"  # blind set 31 (English and Chinese): twelfth session, after c9b5143's rules
BLIND32 = LABELLED / "blind32"  # blind set 32 (English and Chinese): thirteenth session, rules of 045000d
BLIND33 = LABELLED / "blind33"  # blind set 33 (English and Chinese): thirteenth session, rules of 045000d
BLIND34 = LABELLED / "blind34"  # blind set 34 (English and Chinese): thirteenth session, its final rules
BLIND35 = LABELLED / "blind35"  # blind set 35 (English and Chinese): thirteenth session, its final rules
BLIND36 = LABELLED / "blind36"  # blind set 36 (English and Chinese): fourteenth session, its start rules
BLIND37 = LABELLED / "blind37"  # blind set 37 (English and Chinese): fourteenth session, its second rules
BLIND38 = LABELLED / "blind38"  # blind set 38 (English and Chinese): fourteenth session, its final rules
BLIND39 = LABELLED / "blind39"  # blind set 39 (English and Chinese): fifteenth session, its start rules
BLIND40 = LABELLED / "blind40"  # blind set 40 (English and Chinese): fifteenth session, after blind 38 was read
BLIND41 = LABELLED / "blind41"  # blind set 41 (English and Chinese): fifteenth session, after blind 39 was read
BLIND42 = LABELLED / "blind42"  # blind set 42 (English and Chinese): fifteenth session, after blind 40 was read
BLIND43 = LABELLED / "blind43"  # blind set 43: fifteenth session, its final rules
BLIND44 = LABELLED / "blind44"  # blind set 44: sixteenth session, written at f73142b
BLIND45 = LABELLED / "blind45"  # blind set 45: sixteenth session, written at f73142b
BLIND46 = LABELLED / "blind46"  # blind set 46: sixteenth session, written at f9e71b8
BLIND47 = LABELLED / "blind47"  # blind set 47: sixteenth session, written at ebf19ca
BLIND48 = LABELLED / "blind48"  # blind set 48: sixteenth session, written at 66bebf7
BLIND49 = LABELLED / "blind49"  # blind set 49: sixteenth session, written at a0055bd
BLIND50 = LABELLED / "blind50"  # blind set 50: sixteenth session, written at 6e7617b
BLIND51 = LABELLED / "blind51"  # blind set 51: sixteenth session, written at 4c23ba2
BLIND52 = LABELLED / "blind52"  # blind set 52: sixteenth session, written at 409728b
BLIND53 = LABELLED / "blind53"  # blind set 53: seventeenth session, written at e45e1c2
BLIND54 = LABELLED / "blind54"  # blind set 54: seventeenth session, written at 4095e7e
BLIND55 = LABELLED / "blind55"  # blind set 55: seventeenth session, written at 1c33f58
BLIND56 = LABELLED / "blind56"  # blind set 56: seventeenth session, written at 1c33f58
BLIND57 = LABELLED / "blind57"  # blind set 57: seventeenth session, written at 3f091f1
BLIND58 = LABELLED / "blind58"  # blind set 58: seventeenth session, written at 3f091f1
BLIND59 = LABELLED / "blind59"  # blind set 59: seventeenth session, written at 351299c
BLIND60 = LABELLED / "blind60"  # blind set 60: seventeenth session, written at 351299c
BLIND61 = LABELLED / "blind61"  # blind set 61: eighteenth session, written at a02dac1
BLIND62 = LABELLED / "blind62"  # blind set 62: eighteenth session, written at a02dac1
BLIND63 = LABELLED / "blind63"  # blind set 63: eighteenth session, written at d99afa2
BLIND64 = LABELLED / "blind64"  # blind set 64: eighteenth session, written at d99afa2
BLIND65 = LABELLED / "blind65"  # blind set 65: nineteenth session, written at 5f6c1e1
BLIND66 = LABELLED / "blind66"  # blind set 66: nineteenth session, written at 5f6c1e1
BLIND67 = LABELLED / "blind67"  # blind set 67: nineteenth session, written at e661580
BLIND68 = LABELLED / "blind68"  # blind set 68: nineteenth session, written at e661580
BLIND69 = LABELLED / "blind69"  # blind set 69: nineteenth session, written at 604acc1
BLIND70 = LABELLED / "blind70"  # blind set 70: nineteenth session, written at 604acc1
BLIND71 = LABELLED / "blind71"  # blind set 71: nineteenth session, written at 2813c5c
BLIND72 = LABELLED / "blind72"  # blind set 72: nineteenth session, written at 2813c5c
BLIND73 = LABELLED / "blind73"  # blind set 73: twentieth session, written at f54b01b
BLIND74 = LABELLED / "blind74"  # blind set 74: twentieth session, written at f54b01b
BLIND75 = LABELLED / "blind75"  # blind set 75: twentieth session, mapped at e335d24
BLIND76 = LABELLED / "blind76"  # blind set 76: twentieth session, mapped at e335d24
BLIND77 = LABELLED / "blind77"  # blind set 77: twentieth session, mapped at cefff50
BLIND78 = LABELLED / "blind78"  # blind set 78: twentieth session, mapped at d6beda6


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
    for blind, folder in (("blind5", BLIND5), ("blind6", BLIND6), ("blind7", BLIND7),
                          ("blind8", BLIND8), ("blind9", BLIND9), ("blind11", BLIND11),
                          ("blind12", BLIND12), ("blind13", BLIND13), ("blind14", BLIND14),
                          ("blind15", BLIND15), ("blind16", BLIND16),
                          ("blind17", BLIND17), ("blind18", BLIND18), ("blind19", BLIND19),
                          ("blind20", BLIND20), ("blind21", BLIND21),
                          ("blind22", BLIND22), ("blind23", BLIND23),
                          ("blind24", BLIND24), ("blind25", BLIND25), ("blind26", BLIND26),
                          ("blind27", BLIND27), ("blind28", BLIND28),
                          ("blind29", BLIND29), ("blind30", BLIND30),
                          ("blind31", BLIND31), ("blind32", BLIND32),
                          ("blind33", BLIND33), ("blind34", BLIND34),
                          ("blind35", BLIND35), ("blind36", BLIND36),
                          ("blind37", BLIND37), ("blind38", BLIND38), ("blind39", BLIND39), ("blind40", BLIND40),
                          ("blind41", BLIND41), ("blind42", BLIND42),
                          ("blind43", BLIND43), ("blind44", BLIND44), ("blind45", BLIND45), ("blind46", BLIND46), ("blind47", BLIND47), ("blind48", BLIND48), ("blind49", BLIND49), ("blind50", BLIND50), ("blind51", BLIND51), ("blind52", BLIND52), ("blind53", BLIND53), ("blind54", BLIND54), ("blind55", BLIND55), ("blind56", BLIND56), ("blind57", BLIND57), ("blind58", BLIND58), ("blind59", BLIND59), ("blind60", BLIND60), ("blind61", BLIND61), ("blind62", BLIND62), ("blind63", BLIND63), ("blind64", BLIND64), ("blind65", BLIND65), ("blind66", BLIND66), ("blind67", BLIND67), ("blind68", BLIND68), ("blind69", BLIND69), ("blind70", BLIND70), ("blind71", BLIND71), ("blind72", BLIND72), ("blind73", BLIND73), ("blind74", BLIND74), ("blind75", BLIND75), ("blind76", BLIND76), ("blind77", BLIND77), ("blind78", BLIND78)):
        for path in sorted(folder.glob("*.txt")):
            if path.stem in ("en", "zh"):
                files.append((path, blind, path.stem))
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


BLIND_SETS = ("blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind11",
              "blind12", "blind13", "blind14", "blind15", "blind16", "blind17",
              "blind18", "blind19", "blind20", "blind21", "blind22", "blind23", "blind24", "blind25", "blind26", "blind27", "blind28", "blind29", "blind30", "blind31", "blind32", "blind33", "blind34", "blind35", "blind36", "blind37", "blind38", "blind39", "blind40", "blind41", "blind42", "blind43", "blind44", "blind45", "blind46", "blind47", "blind48", "blind49", "blind50", "blind51", "blind52", "blind53", "blind54", "blind55", "blind56", "blind57", "blind58", "blind59", "blind60", "blind61", "blind62", "blind63", "blind64", "blind65", "blind66", "blind67", "blind68", "blind69", "blind70", "blind71", "blind72", "blind73", "blind74", "blind75", "blind76", "blind77", "blind78")


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
              "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind11",
              "blind12", "blind13", "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20", "blind21", "blind22", "blind23", "blind24", "blind25", "blind26", "blind27", "blind28", "blind29", "blind30", "blind31", "blind32", "blind33", "blind34", "blind35", "blind36", "blind37", "blind38", "blind39", "blind40", "blind41", "blind42", "blind43", "blind44", "blind45", "blind46", "blind47", "blind48", "blind49", "blind50", "blind51", "blind52", "blind53", "blind54", "blind55", "blind56", "blind57", "blind58", "blind59", "blind60", "blind61", "blind62", "blind63", "blind64", "blind65", "blind66", "blind67", "blind68", "blind69", "blind70", "blind71", "blind72", "blind73", "blind74", "blind75", "blind76", "blind77", "blind78", "all")
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
                 "blind2": "blind 2, both halves", "blind3": "blind 3", "blind4": "blind 4",
                 "blind5": "blind 5", "blind6": "blind 6", "blind7": "blind 7",
                 "blind8": "blind 8", "blind9": "blind 9", "blind11": "blind 11",
                 "blind12": "blind 12", "blind13": "blind 13", "blind14": "blind 14", "blind15": "blind 15", "blind16": "blind 16", "blind17": "blind 17", "blind18": "blind 18", "blind19": "blind 19", "blind20": "blind 20", "blind21": "blind 21", "blind22": "blind 22", "blind23": "blind 23", "blind24": "blind 24", "blind25": "blind 25", "blind26": "blind 26", "blind27": "blind 27", "blind28": "blind 28", "blind29": "blind 29", "blind30": "blind 30", "blind31": "blind 31", "blind32": "blind 32", "blind33": "blind 33", "blind34": "blind 34", "blind35": "blind 35", "blind36": "blind 36", "blind37": "blind 37", "blind38": "blind 38", "blind39": "blind 39", "blind40": "blind 40", "blind41": "blind 41", "blind42": "blind 42", "blind43": "blind 43", "blind44": "blind 44", "blind45": "blind 45", "blind46": "blind 46", "blind47": "blind 47", "blind48": "blind 48", "blind49": "blind 49", "blind50": "blind 50", "blind51": "blind 51", "blind52": "blind 52", "blind53": "blind 53", "blind54": "blind 54", "blind55": "blind 55", "blind56": "blind 56", "blind57": "blind 57", "blind58": "blind 58", "blind59": "blind 59", "blind60": "blind 60", "blind61": "blind 61", "blind62": "blind 62", "blind63": "blind 63", "blind64": "blind 64", "blind65": "blind 65", "blind66": "blind 66", "blind67": "blind 67", "blind68": "blind 68", "blind69": "blind 69", "blind70": "blind 70", "blind71": "blind 71", "blind72": "blind 72", "blind73": "blind 73", "blind74": "blind 74", "blind75": "blind 75", "blind76": "blind 76", "blind77": "blind 77", "blind78": "blind 78",
                 "all": "all"}[split]
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
          f"together {load_ms + compile_ms:.0f} ms (median of 3; once per crawl)\n")
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
