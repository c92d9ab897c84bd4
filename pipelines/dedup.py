"""Same-story detection: text normalisation, shingles, MinHash, LSH band keys, titles.

Pure functions; the SQLite side (band table, stories) lives in crawler/db.py and the
ladder that uses both in :func:`pipelines.story.assign` (see there).

* Shingles are 5-word windows for space-separated text and 4-character windows for
  Chinese/Japanese (decided per text by the share of Han/kana letters; Chinese is first
  converted to simplified characters, so a Hong Kong release reprinted in simplified
  script is still the same text), hashed with
  blake2b (8 bytes) so signatures are the same in every process (no ``hash()``).
* MinHash: ``NUM_PERM`` universal hashes ``(a*x + b) mod (2**61 - 1)`` with fixed
  coefficients; LSH bands of ``ROWS`` rows give a candidate with probability
  ``1 - (1 - J**ROWS) ** BANDS`` (about 0.97 at Jaccard 0.35, 0.02 at Jaccard 0.05).
* Candidates are verified on their texts: :func:`similarity` returns the Jaccard
  index and the containment of the smaller shingle set in the larger, so the first 80%
  of an article, or an article plus an editor's note, still counts as the same text.
* Texts under ``MIN_CHARS`` normalised characters never merge on near-duplicate
  evidence; the thresholds come from bench/dedup.py (see bench/README.md).
"""

from __future__ import annotations

import functools
import hashlib
import random
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from crawler.config import DedupRules
from crawler.shared.text import is_cjk, to_simplified

WORD_SHINGLE = 5
CHAR_SHINGLE = 4
NUM_PERM = 64
ROWS = 2
BANDS = NUM_PERM // ROWS
MIN_CHARS = 50
# Thresholds chosen with bench/dedup.py: merge when either holds.
JACCARD_MIN = 0.5
CONTAINMENT_MIN = 0.8
# ...but containment alone needs the smaller text to be a fair share of the larger one,
# so a short item quoted inside a long round-up does not pull the round-up in.
CONTAINMENT_SIZE_RATIO = 0.2

# Same source + same title merges two texts only when they share at least this share of
# shingles (containment): an edited republication keeps most of its text (bench pairs:
# p10 above 0.9), while a recurring title over new text shares little (same-template
# negatives: p90 0.26).
SAME_TITLE_OVERLAP = 0.5

_PRIME = (1 << 61) - 1
_MASK64 = (1 << 64) - 1
_rng = random.Random(20240531)  # fixed seed: signatures must not change between runs
_COEFFS = [(_rng.randrange(1, _PRIME), _rng.randrange(0, _PRIME)) for _ in range(NUM_PERM)]

_NON_WORD = re.compile(r"[^\w\s]+")


# --------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------

def normalize(text: str) -> str:
    """NFKC, case-folded, punctuation removed, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())






def shingles(text: str) -> set[str]:
    """Word 5-grams, or character 4-grams (spaces dropped, traditional characters made
    simplified) for Chinese/Japanese text. A text shorter than one shingle is one shingle."""
    return _shingles_of(normalize(text))


def _shingles_of(norm: str) -> set[str]:
    """:func:`shingles` of an already normalised text."""
    if is_cjk(norm):
        chars = to_simplified(norm.replace(" ", ""))
        k = CHAR_SHINGLE
        return {chars[i:i + k] for i in range(max(1, len(chars) - k + 1))} if chars else set()
    words = norm.split()
    k = WORD_SHINGLE
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    # Each window of k words; zip of the k shifted lists builds them without slicing.
    return set(map(" ".join, zip(*(words[i:] for i in range(k)), strict=False)))


def hashed_shingles(text: str) -> list[int]:
    return _hashed(shingles(text))


def _hashed(items: Iterable[str]) -> list[int]:
    """A 64-bit BLAKE2b hash of each item (this runs for every shingle of every article)."""
    blake2b, from_bytes = hashlib.blake2b, int.from_bytes
    return [from_bytes(blake2b(s.encode("utf-8"), digest_size=8).digest(), "big")
            for s in items]


# --------------------------------------------------------------------------------------
# MinHash and LSH
# --------------------------------------------------------------------------------------

_U = np.uint64
_P64 = _U(_PRIME)
_LOW32, _LOW29 = _U(0xFFFFFFFF), _U((1 << 29) - 1)
_A = np.array([a for a, _ in _COEFFS], dtype=np.uint64)[:, None]
_B = np.array([b for _, b in _COEFFS], dtype=np.uint64)[:, None]
_A_HI, _A_LO = _A >> _U(32), _A & _LOW32


def _fold(v: Any) -> Any:
    """``v`` mod 2**61-1, partly: 2**61 = 1 (mod P), so the bits above 61 add in."""
    return (v & _P64) + (v >> _U(61))


def _fold_into(v: Any, scratch: Any) -> None:
    """:func:`_fold` of ``v`` in place (``scratch``: a buffer of the same shape)."""
    np.right_shift(v, _U(61), out=scratch)
    v &= _P64
    v += scratch


def minhash(hashes: Iterable[int]) -> list[int]:
    """NUM_PERM minima of ``(a*x + b) mod (2**61 - 1)``; the same input gives the same
    signature in every process.

    Computed exactly in 64-bit numpy arithmetic (the pure-Python loop took ~10 ms a page,
    13 % of a crawl in bench/crawl.py): with ``a`` and ``x`` split into 32-bit halves,
    ``a*x = ah*xh*2**64 + (ah*xl + al*xh)*2**32 + al*xl``, and ``2**61 = 1 (mod P)``
    reduces each part without overflow. tests/test_minhash.py checks it against the
    plain formula.
    """
    values = hashes if isinstance(hashes, list) else list(hashes)
    if not values:
        return []
    try:  # 64-bit hashes: reduced mod P in numpy, as the products below are
        x = np.array(values, dtype=np.uint64)
        x = _fold(x)  # < 2**61 + 8
        x = np.where(x >= _P64, x - _P64, x)[None, :]
    except OverflowError:  # wider or negative integers: Python reduces them
        x = np.array([h % _PRIME for h in values], dtype=np.uint64)[None, :]
    x_hi, x_lo = x >> _U(32), x & _LOW32
    # The 64 x n products, computed in place in three buffers (half the time of one new
    # array per operation); the formulas are those of the comments.
    total = np.multiply(_A_HI, x_hi)
    total <<= _U(3)  # high: < 2**58 * 2**64, and 2**64 = 2**3 (mod P)
    mid = np.multiply(_A_HI, x_lo)
    scratch = np.multiply(_A_LO, x_hi)
    mid += scratch  # < 2**62; mid * 2**32 = (mid >> 29) * 2**61 + ...
    np.bitwise_and(mid, _LOW29, out=scratch)
    scratch <<= _U(32)
    mid >>= _U(29)
    mid += scratch
    total += mid
    low = np.multiply(_A_LO, x_lo, out=mid)
    _fold_into(low, scratch)
    total += low
    total += _B  # < 2**63 + 2**62: no overflow
    _fold_into(total, scratch)
    _fold_into(total, scratch)
    np.subtract(total, _P64, out=total, where=total >= _P64)
    return [int(v) for v in total.min(axis=1)]


def band_keys(signature: list[int]) -> list[tuple[int, int]]:
    """(band number, key) per LSH band; keys are signed 64-bit so SQLite stores them."""
    out = []
    for band in range(BANDS):
        rows = signature[band * ROWS:(band + 1) * ROWS]
        if len(rows) < ROWS:
            break
        digest = hashlib.blake2b(repr(rows).encode("ascii"), digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "big", signed=True)))
    return out


def lsh_keys(text: str) -> list[tuple[int, int]]:
    """The band keys of ``text``; none for texts too short to merge on near-duplicates."""
    return lsh_keys_of(text_shingles(text))


def lsh_keys_of(text_shingle_set: set[str]) -> list[tuple[int, int]]:
    """:func:`lsh_keys` from the text's :func:`text_shingles` (empty exactly when the text
    is under MIN_CHARS), so a caller that also verifies candidates shingles the text once."""
    if not text_shingle_set:
        return []
    return band_keys(minhash(_hashed(text_shingle_set)))


# --------------------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Similarity:
    jaccard: float
    containment: float  # share of the smaller shingle set found in the larger
    size_ratio: float  # smaller set size / larger set size

    @property
    def same_story(self) -> bool:
        return self.jaccard >= JACCARD_MIN or (
            self.containment >= CONTAINMENT_MIN and self.size_ratio >= CONTAINMENT_SIZE_RATIO)


NOT_SIMILAR = Similarity(0.0, 0.0, 0.0)


def similarity(a: str, b: str) -> Similarity:
    """Shingle overlap of two texts; zero when either is under MIN_CHARS (short texts
    never merge on near-duplicate evidence alone)."""
    return similarity_of(text_shingles(a), text_shingles(b))


def text_shingles(text: str) -> set[str]:
    """The shingles :func:`similarity` compares; empty for a text under MIN_CHARS."""
    norm = normalize(text)
    return _shingles_of(norm) if len(norm) >= MIN_CHARS else set()


def similarity_of(sa: set[str], sb: set[str]) -> Similarity:
    """:func:`similarity` on shingle sets from :func:`text_shingles` (compute a new
    article's set once, compare it with each candidate)."""
    if not sa or not sb:
        return NOT_SIMILAR
    inter = len(sa & sb)
    small, large = sorted((len(sa), len(sb)))
    return Similarity(inter / (len(sa) + len(sb) - inter), inter / small, small / large)


def same_story(a: str, b: str) -> bool:
    return similarity(a, b).same_story


# --------------------------------------------------------------------------------------
# Titles
# --------------------------------------------------------------------------------------

_DATEISH = re.compile(r"\d+")


def normalize_title(title: str) -> str:
    """A title as compared between articles: normalised, digits dropped ("Press release
    (3)" and "Press release" are one title)."""
    return " ".join(_DATEISH.sub(" ", normalize(title)).split())


@functools.lru_cache(maxsize=8)
def _generic_forms(rules: DedupRules) -> tuple[frozenset[str], tuple[str, ...]]:
    """The rules' generic titles and prefixes, normalised once per rules (frozen, so
    hashable), not once per article (~40 normalisations an article)."""
    exact = frozenset(normalize_title(t) for t in rules.generic_exact)
    prefixes = tuple(p for p in (normalize_title(t) for t in rules.generic_prefixes) if p)
    return exact, prefixes


def is_generic_title(title: str, rules: DedupRules, times_seen: int = 0) -> bool:
    """True for a title that must not merge two articles on its own: empty, very short,
    listed in dedup.toml (exactly or as a prefix: "Speech by …"), or already carried by
    ``rules.common_title_after`` stored articles (``times_seen``)."""
    norm = normalize_title(title)
    if not norm:
        return True
    exact, prefixes = _generic_forms(rules)
    if norm in exact or norm.startswith(prefixes):
        return True
    if rules.common_title_after and times_seen >= rules.common_title_after:
        return True
    if is_cjk(norm):
        return len(norm.replace(" ", "")) <= rules.max_generic_cjk_chars
    return len(norm.split()) <= rules.max_generic_words
