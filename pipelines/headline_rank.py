"""Headline candidates as feature vectors, and a linear scorer over them.

An experiment for issue #4 (bench/train_headlines.py): instead of hand rules choosing
among the titles a page offers, every *candidate wording* is described by generic
features and a conditional-logit model (softmax over one page's candidates) picks one.

Candidates are what :func:`pipelines.headline.choose_headline` could answer: each field's
value (og, twitter, JSON-LD, itemprop, h1, <title>, feed), the same with site-name
affixes stripped, every affix-trimmed variant, and every run of consecutive segments.
Features name fields and shapes only: no site, host or language appears anywhere.

Pure functions; never raise on odd input.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pipelines.headline import (EMOJI, HINT_KEYS, SEPARATOR, TRUNCATED, _host_keys, _key,
                                _names_site, _segment_spans, _trimmed, choose_headline,
                                strip_site_affixes)
from pipelines.slug import slug_agreement, slug_words
from pipelines.titles import normalize

FIELDS = ("og", "twitter", "jsonld", "itemprop", "h1", "title", "feed")
ORIGINS = ("raw", "site_strip", "trim", "segment")


@dataclass
class Candidate:
    """One distinct wording, with where it came from and its feature values."""

    text: str
    key: str
    raw: set[str] = field(default_factory=set)         # fields whose whole value is text
    stripped: set[str] = field(default_factory=set)    # ... once site affixes are dropped
    trimmed: set[str] = field(default_factory=set)     # ... as an affix-trimmed variant
    segment: set[str] = field(default_factory=set)     # ... as any run of segments
    features: dict[str, float] = field(default_factory=dict)


def _segment_runs(text: str) -> list[str]:
    spans = _segment_spans(text)
    if len(spans) < 2 or len(spans) > 8:
        return []
    return [text[spans[i][0]:spans[j][1]].strip()
            for i in range(len(spans)) for j in range(i, len(spans))
            if (i, j) != (0, len(spans) - 1)]


def generate(candidates: dict[str, str], feed_title: str = "", site_name: str = "",
             url: str = "") -> list[Candidate]:
    """Every wording the page's title fields offer, with its features filled in."""
    page_url = candidates.get("url") or url
    site_keys = [k for k in (_key(site_name), _key(candidates.get("site_name", ""))) if k]
    site_keys += _host_keys(page_url)
    pool = {n: normalize(v) for n, v in candidates.items() if n not in HINT_KEYS and v}
    if feed_title:
        pool["feed"] = normalize(feed_title)
    pool = {n: v for n, v in pool.items() if v}
    if not pool:
        return []
    out: dict[str, Candidate] = {}

    def add(text: str, name: str, origin: str) -> None:
        text = text.strip()
        key = _key(text)
        if not key:
            return
        cand = out.setdefault(text, Candidate(text, key))
        getattr(cand, origin).add(name)

    keys = {n: _key(v) for n, v in pool.items()}
    for name, value in pool.items():
        add(value, name, "raw")
        stripped = strip_site_affixes(value, site_keys) if site_keys else value
        if stripped != value:
            add(stripped, name, "stripped")
        others = [k for n, k in keys.items() if n != name]
        for text in _trimmed(stripped, others):
            add(text, name, "trimmed")
        for text in _segment_runs(value):
            add(text, name, "segment")
    rule = choose_headline(candidates, feed_title, site_name, url)
    _fill_features(list(out.values()), pool, site_keys, page_url, rule)
    return list(out.values())


def _fill_features(cands: list[Candidate], pool: dict[str, str], site_keys: list[str],
                   url: str, rule: str) -> None:
    present = [n for n in FIELDS if n in pool]
    n_present = max(len(present), 1)
    longest = max(len(c.text) for c in cands)
    slug = slug_words(url)
    slug_scores = [slug_agreement(slug, c.text) if slug else 0.0 for c in cands]
    best_slug = max(slug_scores)
    # key -> fields that state this key in any form (agreement ignoring case/punctuation)
    by_key: dict[str, set[str]] = {}
    for c in cands:
        by_key.setdefault(c.key, set()).update(c.raw | c.stripped | c.trimmed)
    keys = [c.key for c in cands]
    for c, s in zip(cands, slug_scores, strict=True):
        f: dict[str, float] = {}
        support = by_key[c.key]
        for name in FIELDS:
            f[f"raw_{name}"] = float(name in c.raw)
            f[f"any_{name}"] = float(name in (c.raw | c.stripped | c.trimmed))
            f[f"key_{name}"] = float(name in support)
        f["n_raw"] = len(c.raw) / n_present
        f["n_any"] = len(c.raw | c.stripped | c.trimmed) / n_present
        f["n_key"] = len(support) / n_present
        f["n_key_abs"] = math.log1p(len(support))
        f["n_segment"] = len(c.segment) / n_present
        f["only_segment"] = float(not (c.raw | c.stripped | c.trimmed))
        f["via_strip"] = float(bool(c.stripped) and not c.raw)
        f["via_trim"] = float(bool(c.trimmed) and not (c.raw | c.stripped))
        f["log_chars"] = math.log1p(len(c.text))
        words = len(c.text.split())
        f["log_words"] = math.log1p(words)
        f["one_word"] = float(words == 1)
        f["len_ratio"] = len(c.text) / longest
        f["is_longest"] = float(len(c.text) == longest)
        f["has_separator"] = float(SEPARATOR.search(c.text) is not None)
        f["slug"] = s
        f["slug_best"] = float(s > 0 and s == best_slug)
        f["slug_margin"] = s - max((x for x, d in zip(slug_scores, cands, strict=True)
                                    if d.key != c.key), default=0.0)
        f["prefix_of_other"] = float(any(k != c.key and k.startswith(c.key) for k in keys))
        f["suffix_of_other"] = float(any(k != c.key and k.endswith(c.key) for k in keys))
        f["other_is_prefix"] = float(any(k != c.key and c.key.startswith(k) for k in keys))
        f["truncated"] = float(c.text.endswith(TRUNCATED))
        f["straight_quote"] = float('"' in c.text or "'" in c.text)
        f["curly_quote"] = float(any(q in c.text for q in "“”‘’„‚«»「」"))
        letters = [ch for ch in c.text if ch.isalpha()]
        f["all_caps"] = float(len(letters) >= 4 and all(ch.isupper() for ch in letters))
        f["emoji"] = float(EMOJI.search(c.text) is not None)
        f["names_site"] = float(bool(site_keys) and any(
            _names_site(seg, site_keys) for seg in SEPARATOR.split(c.text)))
        f["same_key_variants"] = math.log(sum(1 for k in keys if k == c.key))
        f["rule"] = float(c.text == rule)
        f["rule_key"] = float(c.key == _key(rule))
        c.features = f


FEATURES = tuple(
    [f"{p}_{n}" for n in FIELDS for p in ("raw", "any", "key")]
    + ["n_raw", "n_any", "n_key", "n_key_abs", "n_segment", "only_segment", "via_strip",
       "via_trim", "log_chars", "log_words", "one_word", "len_ratio", "is_longest",
       "has_separator", "slug", "slug_best", "slug_margin", "prefix_of_other",
       "suffix_of_other", "other_is_prefix", "truncated", "straight_quote", "curly_quote",
       "all_caps", "emoji", "names_site", "same_key_variants", "rule", "rule_key"])
