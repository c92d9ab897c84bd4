"""Language-aware sentence and passage splitting, shared by relevance and summary.

Chinese sentences end at 。！？ (and their full-width/ASCII variants); English ones at
. ! ? followed by a space and a capital, digit or quote, except after abbreviations
("Mr.", "Dr.", "U.S.", "Inc.") and initials ("J. Smith"). A line break always ends a
sentence. Spans are (start, end) offsets into the original text, so callers can report
where a match was and quote sentences verbatim.
"""

from __future__ import annotations

import re

from crawler.shared.text import HAN_CHAR

_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "no", "nos", "vs", "etc", "inc",
    "ltd", "co", "corp", "plc", "llc", "gov", "sen", "rep", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "hon", "rev", "messrs", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "fig", "al", "approx", "dept", "est", "govt", "mln",
    "bn", "tel", "ave", "blvd", "rd",
))
# A possible end: CJK/ASCII terminators (with closing quotes), or a line break.
_END = re.compile(r"[。！？!?；]+[」』”’\"')）]*|\.+[」』”’\"')）]*(?=\s)|\n+")
_WORD_BEFORE = re.compile(r"(\S+)$")
_NEXT_START = re.compile(r"\s*([\"'“‘「『(（]?)(\S)")


def _is_abbreviation(word: str) -> bool:
    word = word.lstrip("\"'“‘(（[")
    core = word.rstrip(".")
    if not core:
        return False
    if core.lower() in _ABBREVIATIONS:
        return True
    if len(core) == 1 and core.isalpha():  # an initial: "J. Smith"
        return True
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", core))  # U.S, e.g, a.m


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed; empty text gives []."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        token = m.group()
        if token.startswith("."):
            before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
            nxt = _NEXT_START.match(text, end)
            if before and _is_abbreviation(before.group(1) + "."):
                continue
            if nxt and nxt.group(2).islower():
                continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def split_sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def passage_spans(text: str, max_chars: int = 600) -> list[tuple[int, int]]:
    """Paragraphs (split at line breaks); one longer than ``max_chars`` is cut into
    windows of whole sentences, so a page without line breaks still has passages."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        a, b = m.span()
        if not text[a:b].strip():
            continue
        if b - a <= max_chars:
            out.append((a, b))
            continue
        window_start = window_end = -1
        for s, e in sentence_spans(text[a:b]):
            s, e = s + a, e + a
            if window_start < 0:
                window_start = s
            elif e - window_start > max_chars:
                out.append((window_start, window_end))
                window_start = s
            window_end = e
        if window_start >= 0:
            out.append((window_start, window_end))
    return out


def is_chinese(text: str, language: str = "") -> bool:
    """True for zh* languages, or when no language is given and CJK dominates the text."""
    if language:
        return language.lower().startswith("zh")
    sample = text[:2000]
    cjk = len(HAN_CHAR.findall(sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    return cjk > latin / 3 and cjk > 0
