"""Clauses of a sentence: where one ends, what a word of the past governs, and a modal
after a term.

pipelines/signals.py asks whether a cue term and a word before it share a clause (a verb
and its object, a frame and the rule it names) and whether a word of the past makes a
mention background. A comma between two digits is a thousands separator, not a break; a
space between two Chinese characters is (a Chinese headline's clause break).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from crawler.shared.text import HAN

SHORT_CLAUSE = 20  # "Last year," 過去三個學年，: a time phrase that sets the next clause's time
CLAUSE_CHARS = 40  # "launches AI customs inspection pilot": a verb and its object
# a comma between two digits is a thousands separator ("1,860萬元"), not a clause break
CLAUSE_BREAK = re.compile(rf"(?<!\d),|,(?!\d)|[，;；:：、]|[{HAN}]\s+(?=[{HAN}])")


def same_clause(sentence: str, end: int, at: int, within: int = 0) -> bool:
    """Whether something starting at ``at`` follows, in the same clause and within
    ``within`` (else CLAUSE_CHARS) characters, a term ending at ``end``: no comma, colon or
    semicolon between, and no space between two Chinese characters (a Chinese
    headline's clause break)."""
    return 0 <= at - end <= (within or CLAUSE_CHARS) \
        and not CLAUSE_BREAK.search(sentence, end, at)


def in_the_past(sentence: str, past: list[int], at: int, ended: list[int]) -> bool:
    """Whether a mention at ``at`` is in the clause of a word of the past (or a year
    before the article's) or of a word of a finished act, or in the clause after a short
    one holding a word of the past: a time phrase sets the next clause's time ("Last year,
    the office …", 過去三個學年，…); a finished act does not (试点已顺利结束，将自7月1日起
    推广: the roll-out is not past)."""
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(sentence)]
    clause = bisect_right(breaks, at)
    if any(bisect_right(breaks, e) == clause for e in ended):
        return True
    for p in past:
        c = bisect_right(breaks, p)
        if c == clause:
            return True
        if c == clause - 1 or (c == 0 and clause > 0):
            # a short time phrase sets the time of the clause after it; opening the
            # sentence, of the whole sentence ("In 2018, Immigration, Refugees and
            # Citizenship Canada began using …": the commas are the name's)
            begin = breaks[c - 1] + 1 if c else 0
            if breaks[c] - begin <= SHORT_CLAUSE:
                return True
    return False


def modal_after(words: tuple[str, ...]) -> re.Pattern[str]:
    """A modal within a few characters after a term, in its clause, or a condition right
    after it: "a tender could be in the market by mid-2029", "a rollout, if recommended,
    …", 試點可能延長."""
    english = [w for w in words if w.isascii()]
    chinese = [w for w in words if not w.isascii()]
    parts = []
    if english:
        parts.append(rf"[^,;:.]{{0,12}}?(?<![A-Za-z])(?:{'|'.join(map(re.escape, english))})"
                     rf"(?![A-Za-z])")
        # a condition put right after the term: "a full rollout, if recommended, could …"
        parts.append(r"\s*,\s*(?:if|unless)(?![A-Za-z])")
    if chinese:
        parts.append(rf"[^，。；：,;:]{{0,6}}?(?:{'|'.join(map(re.escape, chinese))})")
    return re.compile("|".join(parts) or r"(?!)")
