"""Dates that matter: deadlines and start dates near the words that make them so.

"The tender closes on 30 July" is a deadline, "the pilot runs from September" a start
date, "於7月31日截止" a deadline, "明年1月起" a start date. A date is kept when a cue of
config/signals.toml ([dates]) stands in its clause; a cue marked weak there ("on",
"from", 起) needs a signal term in the same sentence too, so "arrested on 3 May" is no
start date. A date without a year takes the year of ``reference_year`` (the article's
publication year; 明年 adds one); without one, the date is written ``--MM-DD``. A date
two or more years before the publication year is history, never kept.

:func:`find_dates` is pure; pipelines/signals.py calls it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from crawler.shared.text import narrow_digits
from pipelines.numbers import zh_value

# a weekday written before a date: "from Monday, 14 February 2028"
_WEEKDAY_BEFORE = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+$")
# how far after a date its cue may stand, in its clause ("30 July closes" … 7月3日起); a
# wider window (20, 30) found no labelled date more and kept dates no label has
_RIGHT_CHARS = 14
# what stands between the two dates of a period: 8月2日至8月8日, "1 May to 31 October"
_PERIOD = ("至", "到", "~", "～", "-", "–", "—", "to", "until", "through")

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
# Each pattern starts with a lookahead on its possible first characters (3x faster).
_EN_DATE = re.compile(
    rf"(?=[0-9JFMASOND])(?:\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s?[–-]\s?\d{{1,2}}(?:st|nd|rd|th)?)?\s+"
    rf"(?P<m1>{_MONTH})(?:,?\s+(?P<y1>(?:19|20)\d{{2}}))?\b"
    rf"|\b(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y2>(?:19|20)\d{{2}}))?"
    rf"|\b(?P<m3>{_MONTH})(?:\s+(?P<y3>(?:19|20)\d{{2}}))?\b"
    rf"|\b(?P<iy>20\d{{2}})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)")
_ZH_DATE = re.compile(
    r"(?=[0-9今明去本翌])(?:(?:(?P<y>(?:19|20)\d{2})\s?年|(?P<rel>今年|明年|去年|本年|翌年))?\s?"
    r"(?P<m>1[0-2]|0?[1-9])\s?月(?:份)?(?:\s?(?P<d>3[01]|[12]\d|0?[1-9])\s?[日號号])?)")
# A month and day in Chinese numerals, as Hong Kong press releases write them: 今日（三月二日）,
# 十二月三十一日. Only with its day: 三月 alone is too often part of 三月份 or a count.
_ZH_NUMERAL_DATE = re.compile(
    r"(?<![一二三四五六七八九十〇零])(?P<m>十[一二]?|[一二三四五六七八九])月"
    r"(?P<d>三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])[日號号]")


@dataclass(frozen=True)
class Cues:
    """Cue terms (lower case for English), their compiled patterns and the weak ones."""

    deadline: re.Pattern[str]
    start: re.Pattern[str]
    weak: frozenset[str]


def compile_cues(deadline: tuple[str, ...], start: tuple[str, ...],
                 weak: tuple[str, ...] = ()) -> Cues:
    def pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
        # matched against lower-cased text, behind a lookahead on the first characters:
        # IGNORECASE over a long alternation was most of the stage's cost
        parts = []
        lowered = sorted({t.lower() for t in terms}, key=len, reverse=True)
        for term in lowered:
            body = re.escape(term.rstrip("*")) + (r"\w*" if term.endswith("*") else "")
            parts.append(rf"\b{body}\b" if term.isascii() else body)
        if not parts:
            return re.compile(r"(?!)")
        first = re.escape("".join(sorted({t[0] for t in lowered})))
        return re.compile(f"(?=[{first}])(?:{'|'.join(parts)})")

    return Cues(pattern(deadline), pattern(start), frozenset(w.lower() for w in weak))


@dataclass(frozen=True)
class Found:
    text: str
    date: str
    kind: str  # deadline | start
    start: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "date": self.date, "kind": self.kind}


def _iso(year: int | None, month: int, day: int | None) -> str:
    if year is None:
        return f"--{month:02d}" + (f"-{day:02d}" if day else "")
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def _fold(text: str) -> str:
    """Lower case with the same length (offsets must hold): a few letters such as "İ"
    grow when lowered; then only ASCII letters are folded."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


_MAYBE_DATE = re.compile(r"\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|[一二三四五六七八九十]月")


def _dates(sentence: str, reference_year: int | None) -> list[tuple[int, int, str]]:
    if not _MAYBE_DATE.search(sentence):
        return []  # most sentences: one quick search instead of two full patterns
    out = []
    for m in _EN_DATE.finditer(sentence):
        g = m.groupdict()
        if g["iy"]:
            out.append((m.start(), m.end(), f"{g['iy']}-{g['im']}-{g['id']}"))
            continue
        month_word = g["m1"] or g["m2"] or g["m3"]
        if month_word[0].islower():
            continue  # "may", "march" as verbs
        month = _MONTHS[month_word.rstrip(".").lower()]
        day = g["d1"] or g["d2"]
        written_year = g["y1"] or g["y2"] or g["y3"]
        if g["m3"] and month_word in ("May", "March") and not written_year \
                and not re.search(r"(?:in|from|by|until|since|of|early|late|mid-?)\s+$",
                                  sentence[:m.start()], re.IGNORECASE):
            continue  # "May" and "March" alone are often not months
        if day and not 1 <= int(day) <= 31:
            continue
        out.append((m.start(), m.end(),
                    _iso(int(written_year) if written_year else reference_year, month,
                         int(day) if day else None)))
    for m in _ZH_DATE.finditer(sentence):
        if m.start() > 0 and sentence[m.start() - 1].isdigit():
            continue
        year: int | None = int(m.group("y")) if m.group("y") else reference_year
        rel = m.group("rel")
        if rel and reference_year is not None:
            year = reference_year + {"明年": 1, "翌年": 1, "去年": -1}.get(rel, 0)
        day = int(m.group("d")) if m.group("d") else None
        out.append((m.start(), m.end(), _iso(year, int(m.group("m")), day)))
    for m in _ZH_NUMERAL_DATE.finditer(sentence):
        zh_month, zh_day = zh_value(m.group("m")), zh_value(m.group("d"))  # 十二, 三十一
        if zh_month is not None and zh_day is not None:
            out.append((m.start(), m.end(), _iso(reference_year, int(zh_month), int(zh_day))))
    return sorted(out)


def find_dates(sentences: list[tuple[int, str, bool]], cues: Cues,
               reference_year: int | None = None) -> list[Found]:
    """Deadlines and start dates in ``sentences`` ((offset, sentence, has a signal term))."""
    found: list[Found] = []
    seen: set[tuple[str, str]] = set()
    for offset, written, signal in sentences:
        sentence = narrow_digits(written)  # ２０２８年６月３０日: read as digits, quoted as written
        dates = _dates(sentence, reference_year)
        previous_end = 0
        for start, end, iso in dates:
            # the clause before the date (back to the previous date or a comma/semicolon;
            # a weekday before the date is part of it: "from Monday, 14 February 2028")
            day = _WEEKDAY_BEFORE.search(sentence, max(0, start - 14), start)
            date_start = day.start() if day else start
            left_from = max(previous_end, date_start - 60)
            cut = max(sentence.rfind(c, left_from, date_start) for c in ",;，；、")
            left_from = cut + 1 if cut >= 0 else left_from
            left = sentence[left_from:date_start]
            right = sentence[end:end + _RIGHT_CHARS]
            stop = min((i for i in map(right.find, ",;，；、。") if i >= 0), default=len(right))
            right = right[:stop]  # the clause after the date, as `left` is the one before
            kind = _kind(left, right, cues, signal)
            # the second date of a period ("8月2日至8月8日", "1 May to 31 October") ends
            # it: never a start (the cue before it is the first date's)
            if kind == "start" and previous_end \
                    and sentence[previous_end:start].strip().lower() in _PERIOD:
                kind = None
            previous_end = end
            if kind is None or _history(iso, reference_year):
                continue
            key = (iso, kind)
            if key in seen:
                continue
            seen.add(key)
            phrase_from = _phrase_start(left, cues) + left_from
            phrase_to = end + _phrase_end(right, cues)
            text = written[phrase_from:phrase_to].strip(" ,，。")
            found.append(Found(text, iso, kind, offset + start))
    return found


def _history(iso: str, reference_year: int | None) -> bool:
    """Whether a date lies two or more years before the publication year: a rule that
    "took effect in 2019", a strategy "launched in March 2025" in a 2028 article is
    history, not a deadline or start date of what the article reports."""
    return reference_year is not None and iso[:4].isdigit() \
        and int(iso[:4]) < reference_year - 1


def _kind(left: str, right: str, cues: Cues, signal: bool) -> str | None:
    """deadline or start, by the nearest strong cue, else the nearest weak one ("closes
    on 30 July" is a deadline, "is due to begin on 1 October" a start, "runs from
    September until June" a start); a weak cue counts only in a sentence with a signal
    term, unless it stands right after the date (自7月3日起)."""
    candidates: list[tuple[bool, int, str]] = []  # (weak, distance, kind): strong, nearest
    left, right = _fold(left), _fold(right)
    for kind, pattern in (("deadline", cues.deadline), ("start", cues.start)):
        for m in pattern.finditer(left):
            weak = m.group().lower() in cues.weak
            if signal or not weak:
                candidates.append((weak, len(left) - m.end(), kind))
        for m in pattern.finditer(right):
            # right after the date a weak word is a strong one: 7月3日起, 7月31日前
            weak = m.start() > 0 and m.group().lower() in cues.weak
            if signal or not weak:
                candidates.append((weak, m.start() + 1, kind))  # after the date: further
    if not candidates:
        return None
    return min(candidates)[2]


def _phrase_start(left: str, cues: Cues) -> int:
    """Where the quoted phrase starts: at the first cue word of the clause."""
    hits = [m.start() for p in (cues.deadline, cues.start) for m in p.finditer(_fold(left))]
    if not hits:
        return len(left)
    first = min(hits)
    # back to the start of the word before a cue ("tender closes on")
    word = re.search(r"(\S+\s+)?$", left[:first])
    return word.start() if word and word.group(1) else first


def _phrase_end(right: str, cues: Cues) -> int:
    hits = [m.end() for p in (cues.deadline, cues.start) for m in p.finditer(_fold(right))
            if m.start() <= 4]
    return max(hits) if hits else 0
