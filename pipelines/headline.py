"""Choose an article's headline from the titles a page offers, without site-name affixes.

A page states its headline several times: ``og:title``, ``twitter:title``, a JSON-LD
``headline``, the first ``<h1>``, ``<title>``, the feed entry's title. Each may carry
the site name (" - 東方日報", " | Some Times", "Site: …") or a section name. No rule
here names a site. Instead:

* every candidate is split into segments on title separators (| - – — : · ｜ _ …);
  each run of consecutive segments is a *variant* of that candidate;
* a variant is *supported* by every candidate that has it as a variant, so the part
  the candidates agree on wins (the affix a single ``<title>`` adds is not shared);
* an edge segment that names the site (the ``site_name`` argument, ``og:site_name``,
  the JSON-LD publisher, or the host name of the page's own URL) is dropped first;
* ties go to the longer variant, so a headline that itself contains " - " or ": "
  is kept whole when every candidate agrees on it.

Both functions are pure and never raise on bad HTML or broken JSON.
"""

from __future__ import annotations

import html as htmlmod
import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

# Candidate keys, in the order their wording is preferred when several agree.
HEADLINE_KEYS = ("og", "jsonld", "itemprop", "twitter", "h1", "feed", "title")
# Keys that carry hints about the site, not headlines.
HINT_KEYS = ("site_name", "url")

ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report|NewsArticle|WebPage)$", re.I)

# A separator between a headline and an affix. Spaced dashes and colons only, so that
# "COVID-19" or "10:30" never split; full-width bars and "_" (common on Chinese sites)
# split unspaced as well.
SEPARATOR = re.compile(
    r"\s+[|\-–—·•»«/:*]{1,2}\s+"  # " | ", " - ", " -- ", " :: ", " » ", " * "
    r"|\s*[｜|]\s*"                # bars, spaced or not
    r"|\s*(?<!\d):(?!\d)\s*"        # "Site: headline", "見出し:新聞" (never "10:30")
    r"|\s*(?:--|_+|－)\s*"         # "标题_人民网", "标题--人民网"
)
TRUNCATED = ("...", "…")
MIN_H1_CHARS = 4
MAX_TAIL_AFFIX_CHARS = 16


def normalize(text: str) -> str:
    """NFKC, unescaped, whitespace collapsed: the form titles are compared and returned in."""
    text = unicodedata.normalize("NFKC", htmlmod.unescape(text or ""))
    return " ".join(text.split())


def _key(text: str) -> str:
    """Comparison key: case-folded, only letters and digits."""
    return "".join(ch for ch in normalize(text).casefold() if ch.isalnum())


# --------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------

def title_candidates(html: str | bytes) -> dict[str, str]:
    """Headline candidates of a page: og, twitter, jsonld, itemprop, h1, title.

    Also returns hints when present: ``site_name`` (og:site_name, application-name or
    JSON-LD publisher name) and ``url`` (og:url or the canonical link). Empty values
    are left out; a page that cannot be parsed gives ``{}``.
    """
    try:
        if isinstance(html, str):
            html = html.encode("utf-8", "replace")
        if not html.strip():
            return {}
        tree = lxml.html.fromstring(html, parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError, TypeError):
        return {}
    out: dict[str, str] = {}

    def put(key: str, value: Any) -> None:
        if isinstance(value, str) and key not in out:
            value = normalize(value)
            if value:
                out[key] = value

    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = meta.get("content") or ""
        if name == "og:title":
            put("og", content)
        elif name == "twitter:title":
            put("twitter", content)
        elif name in ("og:site_name", "application-name"):
            put("site_name", content)
        elif name == "og:url":
            put("url", content)
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical":
            put("url", link.get("href"))

    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            for node in _jsonld_nodes(script.text or ""):
                kind = _type_of(node)
                if not ARTICLE_TYPES.search(kind):
                    continue
                # A WebPage headline counts only when no Article node has one.
                put("jsonld_page" if kind.lower().endswith("webpage") else "jsonld",
                    node.get("headline"))
                if not kind.lower().endswith("webpage"):
                    publisher = node.get("publisher")
                    if isinstance(publisher, list) and publisher:
                        publisher = publisher[0]
                    if isinstance(publisher, dict):
                        put("site_name", publisher.get("name"))
    if "jsonld" not in out and "jsonld_page" in out:
        out["jsonld"] = out["jsonld_page"]
    out.pop("jsonld_page", None)

    for el in tree.iterfind(".//*[@itemprop]"):
        if "headline" in (el.get("itemprop") or "").split():
            put("itemprop", el.get("content") or el.text_content())
            break
    for h1 in tree.iter("h1"):
        text = normalize(h1.text_content())
        if len(text) >= MIN_H1_CHARS:
            put("h1", text)
            break
    title_el = tree.find(".//title")
    if title_el is not None:
        put("title", title_el.text_content())
    return out


def _type_of(node: dict[str, Any]) -> str:
    kind = node.get("@type", "")
    if isinstance(kind, list):
        kind = next((k for k in kind if isinstance(k, str) and ARTICLE_TYPES.search(k)),
                    kind[0] if kind else "")
    return kind if isinstance(kind, str) else ""


def _jsonld_nodes(raw: str) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD block (lists and @graph walked); broken JSON is repaired
    where cheap (trailing commas, raw control characters) and otherwise skipped."""
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    data: Any = None
    for attempt in (raw, re.sub(r",\s*([}\]])", r"\1", raw)):
        try:
            data = json.loads(attempt, strict=False)
            break
        except ValueError:
            continue
    if data is None:
        match = re.search(r'"headline"\s*:\s*"((?:[^"\\]|\\.)*)"', raw)
        if match:
            yield {"@type": "NewsArticle", "headline": match.group(1).replace('\\"', '"')}
        return
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list | dict):
                stack.append(graph)
            main = item.get("mainEntity")
            if isinstance(main, list | dict):
                stack.append(main)


# --------------------------------------------------------------------------------------
# Choosing
# --------------------------------------------------------------------------------------

def split_segments(title: str) -> list[str]:
    """The parts of a title between separators (a title without one is one segment)."""
    return [p for p in (s.strip() for s in SEPARATOR.split(title)) if p]


def _trimmed(title: str, others: list[str]) -> Iterator[str]:
    """``title`` with leading and/or trailing segments dropped, where every dropped
    segment is an affix: it occurs in at most half of the ``others`` (the other
    candidates' keys). A kicker that most candidates repeat is part of the headline."""
    spans = _segment_spans(title)
    seg_keys = [_key(title[a:b]) for a, b in spans]

    def is_affix(k: str) -> bool:
        return 2 * sum(1 for o in others if k and k in o) <= len(others)

    def is_tail_affix(j: int) -> bool:
        # A short trailing segment (a date, a section name) is an affix even when most
        # candidates repeat it; a short *leading* one is a kicker and must be shared.
        text = title[spans[j][0]:spans[j][1]]
        short = not any(ch.isalpha() for ch in text) or (
            len(text.split()) <= 2 and len(seg_keys[j]) <= MAX_TAIL_AFFIX_CHARS)
        return short or is_affix(seg_keys[j])

    n = len(spans)
    for i in range(n):
        if i and not is_affix(seg_keys[i - 1]):
            break
        for j in range(n - 1, i - 1, -1):
            if j < n - 1 and not is_tail_affix(j + 1):
                break
            if (i, j) != (0, n - 1):
                yield title[spans[i][0]:spans[j][1]].strip()


def _segment_spans(title: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in SEPARATOR.finditer(title):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(title):
        spans.append((start, len(title)))
    return spans


def _names_site(segment: str, site_keys: list[str]) -> bool:
    key = _key(segment)
    if not key:
        return True
    for site in site_keys:
        if key == site or (len(key) >= 3 and len(site) >= 3 and (key in site or site in key)
                           and min(len(key), len(site)) / max(len(key), len(site)) > 0.5):
            return True
    return False


def _host_keys(url: str) -> list[str]:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return []
    labels = [p for p in host.split(".") if p not in ("www", "m", "amp", "news", "edition")]
    return [_key(p) for p in labels[:-1] if len(p) >= 3] if len(labels) > 1 else []


def strip_site_affixes(title: str, site_keys: list[str]) -> str:
    """Drop leading/trailing segments that name the site (never the whole title)."""
    spans = _segment_spans(title)
    lo, hi = 0, len(spans)
    while hi - lo > 1 and _names_site(title[spans[lo][0]:spans[lo][1]], site_keys):
        lo += 1
    while hi - lo > 1 and _names_site(title[spans[hi - 1][0]:spans[hi - 1][1]], site_keys):
        hi -= 1
    if (lo, hi) == (0, len(spans)):
        return title
    return title[spans[lo][0]:spans[hi - 1][1]].strip()


def choose_headline(candidates: dict[str, str], feed_title: str = "",
                    site_name: str = "") -> str:
    """The headline the candidates agree on, without site-name affixes; "" if none.

    ``candidates`` is what :func:`title_candidates` returns (other keys are accepted
    as extra candidates); ``feed_title`` and ``site_name`` come from the feed/source.
    """
    site_keys = [k for k in (_key(site_name), _key(candidates.get("site_name", ""))) if k]
    site_keys += _host_keys(candidates.get("url", ""))
    pool: dict[str, str] = {}
    for name, value in candidates.items():
        if name not in HINT_KEYS and value:
            pool[name] = normalize(value)
    if feed_title:
        pool["feed"] = normalize(feed_title)
    pool = {k: v for k, v in pool.items() if v and not _names_site(v, site_keys)}
    if not pool:
        return ""
    pool = {k: strip_site_affixes(v, site_keys) for k, v in pool.items()}

    # A choice is a whole candidate (after site-name stripping). It is supported by each
    # candidate that equals it, or equals it once affix segments are dropped, so an affix
    # only some candidates carry never outvotes the text they share.
    keys = {name: _key(value) for name, value in pool.items()}
    whole: dict[str, list[str]] = {}
    for name, value in pool.items():
        if keys[name] and not value.endswith(TRUNCATED):
            whole.setdefault(keys[name], []).append(name)
    if not whole:
        return next(iter(pool.values()))
    supporters: dict[str, list[tuple[str, str]]] = {k: [(n, pool[n]) for n in names]
                                                    for k, names in whole.items()}
    for name, value in pool.items():
        others = [k for n, k in keys.items() if n != name]
        seen = {keys[name]}
        for text in _trimmed(value, others):
            key = _key(text)
            if key in whole and key not in seen:
                seen.add(key)
                supporters[key].append((name, text))
    best = max(whole, key=lambda k: (len(supporters[k]), len(whole[k]), len(k)))
    return _wording([t for _, t in supporters[best]], [n for n, _ in supporters[best]])


def _wording(texts: list[str], names: list[str]) -> str:
    """Among candidates with the same key, the spelling (quotes, dashes differ between
    og:title and the page) of the first in HEADLINE_KEYS order."""
    def rank(i: int) -> int:
        name = names[i]
        return HEADLINE_KEYS.index(name) if name in HEADLINE_KEYS else len(HEADLINE_KEYS)
    return texts[min(range(len(texts)), key=rank)]
