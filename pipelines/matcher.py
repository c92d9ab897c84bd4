"""One compiled matcher for many terms: the engine under relevance and tagging.

Thousands of names (agencies, vendors, topic terms) are folded into a character trie and
compiled into a single regular expression, so scanning a 100 KB article is one pass of
the C regex engine instead of one regex per name. Matching rules, shared by every stage:

- A term that starts with an ASCII letter or digit matches on word boundaries: "AI"
  does not match "said" or "OpenAI", "moda" not "cómoda" (accented Latin, Greek and
  Cyrillic letters count as letters), but "AI" does match "使用AI技術".
- Any other term (Chinese) matches as a substring.
- A space in an English term also matches a hyphen ("facial recognition" finds
  "facial-recognition systems").
- Case-sensitive terms must appear exactly. The others match in any case, except that a
  word the term starts with a capital must start with a capital in the text too
  ("Civil Service Bureau" matches "CIVIL SERVICE BUREAU", not "civil service bureau").
- A term ending in ``*`` matches any ASCII word ending ("launch*" → "launched").
- Chinese terms are expanded to their Traditional, Hong Kong and Simplified forms with
  OpenCC, so a list written in one script matches text in either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from crawler.shared.text import has_han, opencc
from pipelines.trie import Trie, compile_parts

_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_NOT_WORD = re.compile(r"[^A-Za-z0-9]")
# What may not touch an English term: ASCII letters and digits, and the accented Latin,
# Greek and Cyrillic letters ("moda" is not a word of "cómoda"). CJK text may ("使用AI技術").
_LETTERS = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}




def zh_variants(term: str) -> set[str]:
    """``term`` plus its Traditional, Hong Kong Traditional and Simplified spellings."""
    if not has_han(term):
        return {term}
    return set(_zh_variants(term))


@lru_cache(maxsize=65536)
def _zh_variants(term: str) -> frozenset[str]:
    """zh_variants of a Chinese term, converted once per process: gazetteers, topics and
    office lists share many names (28 % of the conversions when a tagger is compiled)."""
    s2t, s2hk, t2s, hk2s = (opencc(name) for name in ("s2t", "s2hk", "t2s", "hk2s"))
    simplified = {term, t2s.convert(term), hk2s.convert(term)}
    out = set(simplified)
    for s in simplified:
        out.add(s2t.convert(s))
        out.add(s2hk.convert(s))
    return frozenset(out)


_CAPITAL_START = re.compile(r"\b[A-Z]")


@lru_cache(maxsize=65536)
def _capital_word_starts(term: str) -> tuple[int, ...]:
    """Positions of capitalised word starts: "Civil Service Bureau" must keep them in the
    text (or be in capitals), so "the civil service bureau of Macao" is not the HK bureau.
    Read when a match is checked (of the thousands of terms, an article matches few)."""
    if term.islower() or not term.isascii() and term == term.lower():
        return ()  # no capital at all (most Chinese terms): nothing to scan
    return tuple(m.start() for m in _CAPITAL_START.finditer(term))


def _case_key(term: str, case_sensitive: bool) -> str:
    return term if case_sensitive else term.lower()


class TermMatcher:
    """Find every occurrence of many terms at once; each term carries payloads."""

    def __init__(self, terms: Iterable[tuple[str, bool, Any]]) -> None:
        self._exact: dict[str, list[Any]] = {}
        # folded key -> [(payload, the term: its capitalised word starts must be capitals
        # in the text too)]
        self._folded: dict[str, list[tuple[Any, str]]] = {}
        self._wild_exact: dict[str, list[Any]] = {}
        self._wild_folded: dict[str, list[Any]] = {}
        ascii_trie, other_trie = Trie(), Trie()
        for raw, case_sensitive, payload in terms:
            wild = raw.endswith("*") and len(raw) > 1
            base = raw[:-1] if wild else raw
            for term in zh_variants(base):
                key = _case_key(term, case_sensitive)
                if wild or case_sensitive:
                    table = (self._wild_exact if case_sensitive else self._wild_folded) if wild \
                        else self._exact
                    payloads = table.setdefault(key, [])
                    if payload not in payloads:
                        payloads.append(payload)
                else:
                    entry = (payload, term)
                    folded = self._folded.setdefault(key, [])
                    if entry not in folded:
                        folded.append(entry)
                (ascii_trie if _ASCII_WORD.match(term) else other_trie).add(term.lower(), wild)
        # Each part starts with a one-character class of its possible first characters:
        # one set lookup rejects most positions before the (sequential) alternation runs.
        # Compiled case-sensitively over lower-cased text: IGNORECASE would disable the
        # regex engine's fast literal checks and make matching several times slower.
        parts = []
        if ascii_trie:
            parts.append((f"(?<![{_LETTERS}])" + ascii_trie.first_chars(), ascii_trie,
                          f"(?![{_LETTERS}])"))
        if other_trie:
            parts.append((other_trie.first_chars(), other_trie, ""))
        self.pattern = compile_parts(parts)
        # the lengths of the wildcard terms' stems, longest first
        self._wild_sizes = sorted({len(k) for k in (*self._wild_exact, *self._wild_folded)},
                                  reverse=True)

    def payloads(self, found: str) -> list[Any]:
        """The payloads of the terms that ``found`` (a matched string) stands for."""
        out = self._payloads(found)
        if not out and "-" in found:  # "facial-recognition" is the term "facial recognition"
            out = self._payloads(found.replace("-", " "))
        return out

    def _payloads(self, found: str) -> list[Any]:
        out = list(self._exact.get(found, ()))
        for p, term in self._folded.get(found.lower(), ()):
            if p not in out and all(found[i].isupper() for i in _capital_word_starts(term)
                                    if i < len(found)):
                out.append(p)
        if self._wild_sizes:
            folded = found.lower()
            # "launch*" stands for "launch" + letters: only a prefix followed by ASCII
            # letters alone ("launched", not "launch team") is that term
            tail = len(found)
            while tail > 1 and found[tail - 1].isascii() and found[tail - 1].isalpha():
                tail -= 1
            for size in self._wild_sizes:
                if size > len(found):
                    continue
                if size < tail:
                    break
                hits = [*self._wild_exact.get(found[:size], ()),
                        *self._wild_folded.get(folded[:size], ())]
                if hits:
                    out.extend(p for p in hits if p not in out)
                    break
        return out

    def finditer(self, text: str) -> Iterator[tuple[int, int, str, list[Any]]]:
        """Yield ``(start, end, matched_text, payloads)`` for each accepted match."""
        if self.pattern is None or not text:
            return
        folded = text.lower()
        if len(folded) != len(text):  # a few non-ASCII letters change length when lowered
            folded = text.translate(_ASCII_LOWER)
        # The regex matches the folded text, so its (longest) match can fail the case
        # rules: "New South Wales government" for the term "New South Wales Government".
        # Then the longest shorter term at the same start that passes wins ("New South
        # Wales"); failing that, look again from the next position, where a name inside
        # may start ("the White House" → "White House").
        pos = 0
        while (m := self.pattern.search(folded, pos)) is not None:
            start, end = m.start(), m.end()
            payloads = self.payloads(text[start:end])
            if not payloads:
                end, payloads = self._shorter(text, start, end)
            if payloads:
                yield start, end, text[start:end], payloads
                pos = max(end, start + 1)
            else:
                pos = start + 1

    def _shorter(self, text: str, start: int, end: int) -> tuple[int, list[Any]]:
        """The longest accepted term in ``text[start:end - 1]`` that starts at ``start``."""
        if _ASCII_WORD.match(text[start]):  # an ASCII term ends at a word boundary
            stops: Iterable[int] = reversed([m.start() for m in
                                             _NOT_WORD.finditer(text, start + 1, end)])
        else:
            stops = range(end - 1, start, -1)
        for stop in stops:
            payloads = self.payloads(text[start:stop])
            if payloads:
                return stop, payloads
        return end, []


def is_case_sensitive_term(term: str) -> bool:
    """Topic rule: one token with two or more capitals ("AI", "LLM", "GenAI") is an
    acronym-like name and must match exactly; other terms follow the capital-word rule."""
    return " " not in term and sum(1 for ch in term if "A" <= ch <= "Z") >= 2
