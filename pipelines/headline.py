"""Choose an article's headline from the titles a page offers, without site-name affixes.

The candidates come from :func:`pipelines.titles.title_candidates` (og:title,
twitter:title, JSON-LD headline, itemprop headline, h1, <title>) plus the feed entry's
title. Each may carry the site name (" - 東方日報", " | Some Times", "Site: …") or a
section name. No rule here names a site. Instead:

* every candidate is split into segments on title separators (| - – — : · ｜ _ …);
  each run of consecutive segments is a *variant* of that candidate;
* a variant is *supported* by every candidate that has it as a variant, so the part
  the candidates agree on wins (the affix a single ``<title>`` adds is not shared);
  a candidate cut short with "…" supports the whole title it is the start of;
* an edge segment that names the site (the ``site_name`` argument, ``og:site_name``,
  the JSON-LD publisher, or the host name of the page's own URL) is dropped first, and
  with it a one-word section name packed against it ("title-Politics|Site");
* the feed title, when there is one, counts twice: the publisher chose it for readers;
* ties go to the longer variant, so a headline that itself contains " - " or ": "
  is kept whole when every candidate agrees on it;
* when the fields that state the headline itself (og:title, JSON-LD, itemprop, h1, the
  feed) disagree, and the URL's slug spells one of the rival headlines word for word and
  the others clearly less, that one wins: the slug is frozen when an article is first
  published, while display and share titles are rewritten afterwards.

Pure functions; never raise on bad HTML or broken JSON.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from pipelines.slug import slug_agreement, slug_words
from pipelines.titles import normalize, title_candidates

__all__ = ["choose_headline", "normalize", "split_segments", "strip_site_affixes",
           "title_candidates"]

# Candidate keys, in the order their wording is preferred when several agree. og:title
# comes first: where og:title and the h1 differ only in quotes or dashes, which one a
# reader would call right varies by publisher, and og:title's plain spelling is the more
# common reference.
HEADLINE_KEYS = ("og", "jsonld", "itemprop", "twitter", "h1", "feed", "title")
# Keys whose text is the headline field itself (not a document or share-card title).
HEADLINE_FIELDS = frozenset({"og", "jsonld", "itemprop", "h1", "feed"})
# Keys that carry hints about the site, not headlines.
HINT_KEYS = ("site_name", "url")

# A separator between a headline and an affix. Spaced dashes, dots, arrows and colons
# only, so that "COVID-19", "10:30" or "ナカ・タロウ" never split; bars, "_" and "--"
# (common on Chinese and Korean sites) split unspaced as well. "ᅵ" is what NFKC makes of
# the Hangul letter ㅣ that Korean sites use as a bar; after NFKC it can only be a letter
# when a leading consonant jamo stands before it.
SEPARATOR = re.compile(
    r"\s+[|\-–—·•‧・»«›‹/:*]{1,2}\s+"  # " | ", " - ", " -- ", " :: ", " » ", " ・ "
    r"|\s*[|‖]\s*"                      # bars, spaced or not (NFKC turns ｜ into |)
    r"|\s*(?<![\u1100-\u115f])\u1175\s*"  # the Hangul bar
    r"|\s*(?<!\d):(?!\d)\s*"             # "Site: headline", "見出し:新聞" (never "10:30")
    r"|\s*(?:--|_+|－)\s*"              # "标题_人民网", "标题--人民网"
)
# A one-word section packed between the headline and a site name that is attached without
# spaces ("…커졌다-정치ᅵ한국일보"). Never after a Latin letter or digit, so a compound
# such as "Covid-Pass" keeps its tail.
PACKED_SECTION = re.compile(r"(?<=[^\sA-Za-z0-9])[-–—]([^\W\d_]{1,6})$")
TRUNCATED = ("...", "…")
# Pictographs (not ©, °, ™): the mark of a title rewritten for social media.
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\uFE0F]")
MAX_TAIL_AFFIX_CHARS = 16
MIN_TRUNCATED_KEY = 10  # a "…"-truncated candidate this long (letters) may support another
FEED_WEIGHT = 2
SLUG_MATCH = 0.95   # the slug spells the headline (order-aware word overlap)
SLUG_MARGIN = 0.05  # ... and every rival headline clearly less


def _key(text: str) -> str:
    """Comparison key: case-folded, only letters and digits."""
    return "".join(ch for ch in normalize(text).casefold() if ch.isalnum())


# --------------------------------------------------------------------------------------
# Segments and affixes
# --------------------------------------------------------------------------------------

def split_segments(title: str) -> list[str]:
    """The parts of a title between separators (a title without one is one segment)."""
    return [p for p in (s.strip() for s in SEPARATOR.split(title)) if p]


def _segment_spans(title: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in SEPARATOR.finditer(title):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(title):
        spans.append((start, len(title)))
    return spans


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
    """Drop leading/trailing segments that name the site (never the whole title), and a
    one-word section packed against a site name that was attached without spaces."""
    spans = _segment_spans(title)
    lo, hi = 0, len(spans)
    while hi - lo > 1 and _names_site(title[spans[lo][0]:spans[lo][1]], site_keys):
        lo += 1
    while hi - lo > 1 and _names_site(title[spans[hi - 1][0]:spans[hi - 1][1]], site_keys):
        hi -= 1
    if (lo, hi) == (0, len(spans)):
        return title
    kept = title[spans[lo][0]:spans[hi - 1][1]].strip()
    if hi < len(spans) and not any(c.isspace() for c in title[spans[hi - 1][1]:spans[hi][0]]):
        packed = PACKED_SECTION.search(kept)
        if packed and packed.start() > 0:
            kept = kept[:packed.start()].rstrip()
    return kept


# --------------------------------------------------------------------------------------
# Choosing
# --------------------------------------------------------------------------------------

def choose_headline(candidates: dict[str, str], feed_title: str = "",
                    site_name: str = "", url: str = "") -> str:
    """The headline the candidates agree on, without site-name affixes; "" if none.

    ``candidates`` is what :func:`title_candidates` returns (other keys are accepted
    as extra candidates); ``feed_title`` and ``site_name`` come from the feed/source;
    ``url`` is the page's address, used when the page names no canonical URL.
    """
    page_url = candidates.get("url") or url
    site_keys = [k for k in (_key(site_name), _key(candidates.get("site_name", ""))) if k]
    site_keys += _host_keys(page_url)
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
        if value.endswith(TRUNCATED):
            _support_truncated(name, keys[name], supporters)
            continue
        others = [k for n, k in keys.items() if n != name]
        seen = {keys[name]}
        for text in _trimmed(value, others):
            key = _key(text)
            if key in whole and key not in seen:
                seen.add(key)
                supporters[key].append((name, text))

    def weight(k: str) -> int:
        return sum(FEED_WEIGHT if n == "feed" else 1 for n, _ in supporters[k])

    best = max(whole, key=lambda k: (weight(k), len(whole[k]), len(k)))
    best = _slug_choice(page_url, whole, supporters) or best
    return _wording([t for _, t in supporters[best]], [n for n, _ in supporters[best]])


def _support_truncated(name: str, key: str,
                       supporters: dict[str, list[tuple[str, str]]]) -> None:
    """A candidate cut short with "…" supports the one whole title it begins (in that
    title's wording: the cut one's is not a headline)."""
    if len(key) < MIN_TRUNCATED_KEY:
        return
    fuller = [k for k in supporters if k.startswith(key)]
    if len(fuller) == 1:
        supporters[fuller[0]].append((name, supporters[fuller[0]][0][1]))


def _slug_choice(url: str, whole: dict[str, list[str]],
                 supporters: dict[str, list[tuple[str, str]]]) -> str | None:
    """The rival headline the URL slug spells, when the headline fields disagree."""
    rivals = [k for k in whole if HEADLINE_FIELDS.intersection(whole[k])]
    if len(rivals) < 2:
        return None
    slug = slug_words(url)
    if not slug:
        return None
    scores = {k: slug_agreement(slug, supporters[k][0][1]) for k in whole}
    best = max(rivals, key=lambda k: scores[k])
    runner_up = max((s for k, s in scores.items() if k != best), default=0.0)
    if scores[best] >= SLUG_MATCH and scores[best] - runner_up >= SLUG_MARGIN:
        return best
    return None


def _wording(texts: list[str], names: list[str]) -> str:
    """Among candidates with the same key, the spelling (quotes, dashes differ between
    og:title and the page) of the first in HEADLINE_KEYS order; a spelling decorated
    with emoji (a share-card rewrite: "🔴 LIVE …") only when no other has the text."""
    def rank(i: int) -> tuple[bool, int]:
        name = names[i]
        order = HEADLINE_KEYS.index(name) if name in HEADLINE_KEYS else len(HEADLINE_KEYS)
        return EMOJI.search(texts[i]) is not None, order
    return texts[min(range(len(texts)), key=rank)]
