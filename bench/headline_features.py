"""Headline candidates as feature vectors, and a conditional-logit scorer over them.

The experiment of bench/train_headlines.py (issue #4, not adopted: see bench/README.md,
"Learned chooser"): instead of hand rules choosing among the titles a page offers, every
*candidate wording* is described by generic features and a conditional-logit model
(softmax over one page's candidates) picks one.

Candidates are what :func:`pipelines.headline.choose_headline` could answer and more:
each field's value (og, twitter, JSON-LD, itemprop, h1, <title>, feed), the same with
site-name affixes stripped (``strip_site_affixes``), every affix-trimmed variant
(``_trimmed``, the rules' own), and every run of consecutive separator segments.
Features name fields and shapes only: no site, host or language appears anywhere.

Lives in bench/ because nothing at runtime uses it; it borrows private helpers of
pipelines.headline so that the candidates are exactly the rules' building blocks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from pipelines.headline import (
    EMOJI,
    HEADLINE_FIELDS,
    HEADLINE_KEYS,
    HINT_KEYS,
    SEPARATOR,
    TRUNCATED,
    _host_keys,
    _key,
    _names_site,
    _segment_spans,
    _trimmed,
    choose_headline,
    strip_site_affixes,
)
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
    if not out:
        return []
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
    support_n = {k: len(v) for k, v in by_key.items()}
    ranked = sorted(set(support_n.values()), reverse=True)
    head_n = {k: len(v & HEADLINE_FIELDS) for k, v in by_key.items()}
    head_max = max(head_n.values())
    # the spelling the rules prefer among wordings of one key: first field in HEADLINE_KEYS
    first_field: dict[str, tuple[int, str]] = {}
    for c in cands:
        order = min((HEADLINE_KEYS.index(n) for n in c.raw | c.stripped | c.trimmed
                     if n in HEADLINE_KEYS), default=len(HEADLINE_KEYS))
        if order < first_field.get(c.key, (len(HEADLINE_KEYS) + 1, ""))[0]:
            first_field[c.key] = (order, c.text)
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
        n = support_n[c.key]
        f["key_top"] = float(n == ranked[0])
        # how far ahead of the runner-up (top) or behind the top (others), in fields
        ahead = n - next((r for r in ranked if r < n), 0) if n == ranked[0] else n - ranked[0]
        f["key_margin"] = ahead / n_present
        f["head_n"] = head_n[c.key] / n_present
        f["head_top"] = float(head_n[c.key] == head_max)
        f["first_spelling"] = float(first_field.get(c.key, (0, ""))[1] == c.text)
        f["rule"] = float(c.text == rule)
        f["rule_key"] = float(c.key == _key(rule))
        c.features = f


FEATURES = tuple(
    [f"{p}_{n}" for n in FIELDS for p in ("raw", "any", "key")]
    + ["n_raw", "n_any", "n_key", "n_key_abs", "n_segment", "only_segment", "via_strip",
       "via_trim", "log_chars", "log_words", "one_word", "len_ratio", "is_longest",
       "has_separator", "slug", "slug_best", "slug_margin", "prefix_of_other",
       "suffix_of_other", "other_is_prefix", "truncated", "straight_quote", "curly_quote",
       "all_caps", "emoji", "names_site", "same_key_variants", "key_top", "key_margin",
       "head_n", "head_top", "first_spelling", "rule", "rule_key"])
# Features that encode the rules' own answer (the "stacked" variant only).
RULE_FEATURES = ("rule", "rule_key")


def matrix(cands: Sequence[Candidate], names: Sequence[str] = FEATURES) -> np.ndarray:
    """Candidates x features, in ``names`` order."""
    return np.array([[c.features[n] for n in names] for c in cands],
                    dtype=float).reshape(len(cands), len(names))


# --------------------------------------------------------------------------------------
# The scorer
# --------------------------------------------------------------------------------------

@dataclass
class Model:
    """A linear score on standardised features; softmax over a page gives probabilities."""

    mean: np.ndarray
    scale: np.ndarray
    w: np.ndarray

    def scores(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.w

    def probs(self, x: np.ndarray) -> np.ndarray:
        s = self.scores(x)
        e = np.exp(s - s.max())
        return e / e.sum()


def fit(pages: Sequence[tuple[np.ndarray, int]], lam: float, iters: int = 30) -> Model:
    """Conditional logit: maximise sum log softmax(x_page @ w)[label] - lam/2 |w|^2 over
    pages given as (candidates x features, index of the right candidate). Pages whose
    right answer is not a candidate (label < 0) or that have one candidate teach nothing
    and are skipped. Newton's method: the problem is convex and has a few dozen weights."""
    train = [(x, y) for x, y in pages if y >= 0 and len(x) > 1]
    if not train:
        raise ValueError("no page with a choice to learn from")
    allx = np.vstack([x for x, _ in train])
    mean, scale = allx.mean(0), allx.std(0)
    scale[scale == 0] = 1.0
    xs = [((x - mean) / scale, y) for x, y in train]
    dim = allx.shape[1]
    w = np.zeros(dim)
    for _ in range(iters):
        grad = -lam * w
        hess = lam * np.eye(dim)
        for x, y in xs:
            s = x @ w
            e = np.exp(s - s.max())
            pr = e / e.sum()
            mu = pr @ x
            grad += x[y] - mu
            xc = x - mu
            hess += (xc * pr[:, None]).T @ xc
        step = np.linalg.solve(hess, grad)
        w += step
        if np.abs(step).max() < 1e-8:
            break
    return Model(mean, scale, w)
