"""The words of a URL's slug, and how closely a headline spells them.

Most news CMSs build an article's URL from its headline when it is first published
("/politik/streeck-lobt-haftbefehl-doku-und-warnt-vor-kokain-verherrlichung-im-rap.html")
and never change it, whereas the display and share titles are often rewritten later.
``pipelines.headline`` uses the slug to settle a disagreement between headline fields.
Slugs drop accents ("räumt" → "raeumt" or "raumt") and small words, so words are compared
loosely, and in order.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from urllib.parse import unquote, urlsplit

MIN_SLUG_WORDS = 3      # fewer letter words than this is an id or a section, not a slug
MAX_WORDS = 40          # bounds the comparison on absurd input
SIMILAR_WORD = 0.8      # "naechstes" ~ "nächstes", "raeumt" ~ "räumt"
_EXTENSION = re.compile(r"(\.[A-Za-z]{2,5})+$")
_SLUG_SPLIT = re.compile(r"[-_,.+~]+")
_ID_LIKE = re.compile(r"\d{5,}|(?=[a-z]*\d)[a-z0-9]{5,}")
_LETTERS = re.compile(r"[^\W\d_]{2}")


def fold(text: str) -> str:
    """Case-folded, accents dropped: how a slug spells a word."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def slug_words(url: str) -> list[str]:
    """The words of the path segment that reads most like a headline; [] when no segment
    has at least MIN_SLUG_WORDS words of letters (ids, dates, section names)."""
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return []
    best: list[str] = []
    for segment in path.split("/"):
        words = [w for w in _SLUG_SPLIT.split(fold(_EXTENSION.sub("", segment))) if w]
        words = [w for w in words if not _ID_LIKE.fullmatch(w)]
        if _letter_words(words) > _letter_words(best):
            best = words
    return best[:MAX_WORDS] if _letter_words(best) >= MIN_SLUG_WORDS else []


def _letter_words(words: list[str]) -> int:
    return sum(1 for w in words if _LETTERS.search(w))


def slug_agreement(slug: list[str], headline: str) -> float:
    """0..1: twice the longest in-order run of shared words over both word counts."""
    words = re.findall(r"[^\W_]+", fold(headline))[:MAX_WORDS]
    if not slug or not words:
        return 0.0
    prev = [0] * (len(words) + 1)
    for a in slug:
        cur = [0]
        for j, b in enumerate(words):
            cur.append(prev[j] + 1 if _same_word(a, b) else max(prev[j + 1], cur[j]))
        prev = cur
    return 2 * prev[-1] / (len(slug) + len(words))


def _same_word(a: str, b: str) -> bool:
    # transliterations keep the first letter and about the length ("ae" for "ä")
    return a == b or (min(len(a), len(b)) >= 4 and a[0] == b[0] and abs(len(a) - len(b)) <= 3
                      and SequenceMatcher(None, a, b).ratio() >= SIMILAR_WORD)
