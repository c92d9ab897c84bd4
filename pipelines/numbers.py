"""Numbers, percentages and calendar dates written in English or Chinese, normalised so
the two languages' reports of one event give the same values (issue #17).

Pure functions, no configuration. ``numbers(text)`` returns the quantities a text states
as canonical strings, ``percentages(text)`` the percentages, ``dates(text)`` the calendar
days it names as ``MM-DD`` (a year when written: ``YYYY-MM-DD`` is reported as both).

    >>> sorted(numbers("HK$10 million")) == sorted(numbers("1,000萬港元")) == ["10000000"]
    True

What counts as one number:
* digits with thousands separators (``1,000``, ``1 000``, ``1,000.5``) or a decimal point;
* a digit run followed by a scale: ``10 million``, ``1.2bn``, ``3k``, ``1千``, ``1,000萬``,
  ``2.5億``, ``3万亿``;
* Chinese numerals, with or without scales: ``一千``, ``一千萬``, ``兩萬三千``, ``十二``,
  ``二〇二六`` (digit by digit), ``廿``/``卅`` not (rare in news);
* English number words from ``one`` to ``ninety-nine`` and with ``hundred``/``thousand``/
  ``million``/``billion``/``trillion`` (``three million``, ``two hundred``).

Left out, because they are the same in every report of every event: numbers under
:data:`MIN_VALUE` (list markers, "two bureaux"), four-digit years 1900–2100 written without
a scale (they are a date's, not a quantity's), and digit runs longer than 15 characters
(phone numbers, ids). Times of day (``10:30``, ``上午十時``) are not quantities either.

This module is the evidence of cross-language linking only; key signals (issue #13)
parse amounts for their own purpose.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

MIN_VALUE = 10

_EN_SCALES = {
    "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "mn": 1_000_000,
    "m": 1_000_000, "mio": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
    "b": 1_000_000_000, "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000,
}
_ZH_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "貳": 2, "贰": 2, "兩": 2,
              "两": 2, "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6,
              "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
_ZH_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1_000, "仟": 1_000}
_ZH_LARGE = {"萬": 10_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000,
             "兆": 1_000_000_000_000}
_ZH_CHARS = "".join([*_ZH_DIGITS, *_ZH_SMALL, *_ZH_LARGE])
_ZH_SCALE_CHARS = "".join([*_ZH_SMALL, *_ZH_LARGE])

_WORDS = {w: n for n, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
_WORDS.update({w: 10 * n for n, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)})

# A pattern that could start anywhere begins with a lookahead on its possible first
# characters, so the engine skips the other positions quickly (2-3x faster; same matches).
# A digit number: 1,000 / 1 000 / 1000.5 / .5 is not one (needs a leading digit).
_DIGITS = r"\d{1,3}(?:[,\u00a0 ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_EN_SCALE_RE = r"hundred|thousand|million|billion|trillion|mn|bn|tn|mio|k|m|b"
_DIGIT_NUMBER = re.compile(
    rf"(?=\d)(?<![A-Za-z0-9_.])({_DIGITS})(?:\s*({_EN_SCALE_RE})\b|"
    rf"\s*([{_ZH_SCALE_CHARS}](?:[{_ZH_CHARS}\d.]|,(?=\d{{3}}))*))?",
    re.IGNORECASE)
_ZH_NUMBER = re.compile(rf"[{_ZH_CHARS}]+")
_WORD_RE = "|".join(sorted(_WORDS, key=len, reverse=True))
_WORD_NUMBER = re.compile(
    rf"\b(?=[zotfsenZOTFSEN])((?:{_WORD_RE})(?:[- ](?:{_WORD_RE}))?)(?:\s+(hundred|thousand|million|billion|"
    r"trillion))?(?:\s+(thousand|million|billion|trillion))?\b", re.IGNORECASE)
_TIME = re.compile(r"(?=\d)(?:\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.))",
                   re.IGNORECASE)
_ZH_TIME = re.compile(rf"[{_ZH_CHARS}\d]+[時时点點](?:[{_ZH_CHARS}\d]+分)?")

# Percentages: 12.5% / 12.5 per cent / 12.5 percent / 百分之十二點五 / 12.5 個百分點 (points,
# kept as their own kind of value) / 兩成 (tenths: 20%).
_PCT_EN = re.compile(rf"(?=\d)(?<![A-Za-z0-9_.])({_DIGITS})\s*(?:%|％|per\s?cent\b|percent\b|pct\b)",
                     re.IGNORECASE)
_PCT_ZH = re.compile(rf"百分之([{_ZH_CHARS}\d.點点]+)")
_PCT_TENTHS = re.compile(r"([一二兩两三四五六七八九\d])成(?![為为功立員员長长本果績绩])")

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_EN_DATE_MD = re.compile(rf"\b(?=[JFMASONDjfmasond])({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?",
                         re.IGNORECASE)
_EN_DATE_DM = re.compile(rf"(?=\d)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\b\.?(?:,?\s+(\d{{4}}))?",
                         re.IGNORECASE)
_ISO_DATE = re.compile(r"(?=\d)\b(\d{4})-(\d{2})-(\d{2})\b")
# A Chinese day without its month, as news writes the day of the event: 今日（25日）,
# 4日起, 25日宣布, 新华社香港8月25日电 has its month. Only where 日 cannot be a count of
# days (7日內 "within 7 days"): in brackets or before a verb of announcing, 起, or a time.
_ZH_DAY = re.compile(rf"(?<![月\d{_ZH_CHARS}])([\d{_ZH_CHARS}]{{1,3}})[日號号](?=\s*(?:[）)]|起|宣布|公布|"
                     rf"表示|發布|发布|發表|发表|舉行|举行|召開|召开|對外|对外|晚|上午|下午|凌晨|早上|中午|電|电))")
# Every Chinese pattern above needs one of these characters: a text with none (most
# English articles) skips them all, with the same result (tests/test_numbers.py).
_ZH_ANY = re.compile(rf"[{_ZH_CHARS}時时点點月日號号百成]")
_ZH_DATE = re.compile(rf"(?=[\d{_ZH_CHARS}])(?:([\d{_ZH_CHARS}]{{4}})年)?([\d{_ZH_CHARS}]{{1,3}})月([\d{_ZH_CHARS}]{{1,3}})[日號号]")


# Times, dates and percentages, masked before quantities are read (in this order); the
# Latin ones alone for a text with no Chinese character (_ZH_ANY).
_MASKS = (_TIME, _ZH_TIME, _ISO_DATE, _ZH_DATE, _EN_DATE_MD, _EN_DATE_DM, _PCT_EN, _PCT_ZH,
          _PCT_TENTHS)
_LATIN_MASKS = (_TIME, _ISO_DATE, _EN_DATE_MD, _EN_DATE_DM, _PCT_EN)


def _prepare(text: str) -> str:
    """NFKC (full-width digits and ％ become ASCII) without touching CJK letters."""
    return unicodedata.normalize("NFKC", text or "")


def _canonical(value: Decimal) -> str:
    """``Decimal`` as a plain string without trailing zeros: 10000000, 12.5."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _digit_value(digits: str) -> Decimal | None:
    cleaned = re.sub(r"[,\u00a0 ]", "", digits)
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def zh_value(chars: str) -> Decimal | None:
    """The value of a run of Chinese numerals (with Arabic digits mixed in: 1千, 3萬5千);
    None when it is not a number (a lone scale character, 百 in 百分之)."""
    chars = chars.replace("點", ".").replace("点", ".")
    head, dot, tail = chars.partition(".")
    if dot and tail and head and all(c in _ZH_DIGITS for c in tail) and not head[-1].isdigit():
        whole = zh_value(head)  # 十二點五: the whole part, then the digits after the point
        if whole is None:
            return None
        return whole + Decimal("0." + "".join(str(_ZH_DIGITS[c]) for c in tail))
    if not any(c in _ZH_DIGITS or c.isdigit() for c in chars) \
            and not chars.startswith(("十", "拾")):  # 十億 is ten of them; 百 alone is no number
        return None
    # Digit by digit (二〇二六, 一九九七): no scale characters at all.
    if all(c in _ZH_DIGITS or c.isdigit() for c in chars):
        try:
            return Decimal("".join(str(_ZH_DIGITS.get(c, c)) for c in chars))
        except InvalidOperation:
            return None
    total = Decimal(0)   # finished sections (above 萬/億)
    section = Decimal(0)  # the current section below 萬
    number: Decimal | None = None  # the digit(s) read but not yet scaled
    buffer = ""
    for c in chars:
        if c.isdigit() or c == ".":
            buffer += c
            continue
        if buffer:
            number = _digit_value(buffer)
            buffer = ""
            if number is None:
                return None
        if c in _ZH_DIGITS:
            number = Decimal(_ZH_DIGITS[c])
        elif c in _ZH_SMALL:
            section += (number if number is not None else Decimal(1)) * _ZH_SMALL[c]
            number = None
        elif c in _ZH_LARGE:
            part = section + (number or 0)
            if part:  # 3億1200萬: 3 x 億, then 1200 x 萬
                total += part * _ZH_LARGE[c]
            elif total:  # 萬億: a scale of the scale
                total *= _ZH_LARGE[c]
            else:
                return None
            section, number = Decimal(0), None
    if buffer:
        number = _digit_value(buffer)
        if number is None:
            return None
    return total + section + (number or 0)


def _keep(value: Decimal | None, scaled: bool, raw: str = "") -> bool:
    if value is None or value < MIN_VALUE:
        return False
    if not scaled and value == value.to_integral_value() and 1900 <= value <= 2100 \
            and len(raw) == 4:
        return False
    return len(re.sub(r"\D", "", raw)) <= 15


def numbers(text: str) -> set[str]:
    """The quantities ``text`` states, as canonical strings (see the module docstring)."""
    text = _prepare(text)
    out: set[str] = set()
    # Times, dates and percentages are their own evidence, not quantities.
    masked = text
    zh = _ZH_ANY.search(text) is not None
    for pattern in (_MASKS if zh else _LATIN_MASKS):
        masked = pattern.sub(" ", masked)
    for m in _DIGIT_NUMBER.finditer(masked):
        value = _digit_value(m.group(1))
        if value is None:
            continue
        scaled = False
        if m.group(2):
            value *= _EN_SCALES[m.group(2).lower()]
            scaled = True
        elif m.group(3):  # 1,000萬 / 3萬5千 / 1.2億
            value = zh_value(re.sub(r"[,\u00a0 ]", "", m.group(1) + m.group(3)))
            scaled = True
        if value is not None and _keep(value, scaled, m.group(1)):
            out.add(_canonical(value))
    for m in _ZH_NUMBER.finditer(masked) if zh else ():
        run = m.group(0)
        # A run glued after digits was read above (1,000萬); a lone 十/百/千/萬 is a word.
        if m.start() and masked[m.start() - 1].isdigit():
            continue
        if len(run) == 1 and run in _ZH_SCALE_CHARS:  # 十分 "very", 千萬 "by all means"
            continue
        value = zh_value(run)
        if _keep(value, any(c in _ZH_SCALE_CHARS for c in run), run):
            out.add(_canonical(value))  # type: ignore[arg-type]
    for m in _WORD_NUMBER.finditer(masked):
        words = re.split(r"[- ]", m.group(1).lower())
        value = Decimal(sum(_WORDS[w] for w in words))
        for scale in (m.group(2), m.group(3)):
            if scale:
                value *= _EN_SCALES[scale.lower()]
        if value >= MIN_VALUE:
            out.add(_canonical(value))
    return out - _furniture(masked)


_SHORT_WHOLE = re.compile(r"(?=\d)(?<![\d.,])\d{1,4}(?![\d.,])")  # a page number, a day


def _furniture(text: str) -> set[str]:
    """Whole numbers written one after another counting up by one, at least :data:`RUN`
    of them (a calendar's day links 1-31, pagination 1 2 3 ...): page furniture that
    extraction left in, not what the report says."""
    tokens = [int(t) for t in _SHORT_WHOLE.findall(text)]
    out: set[str] = set()
    run: list[int] = []
    for value in [*tokens, -2]:
        if run and value == run[-1] + 1:
            run.append(value)
            continue
        if len(run) >= RUN:
            out.update(str(v) for v in run)
        run = [value]
    return out


RUN = 6


def percentages(text: str) -> set[str]:
    """Percentages ``text`` states: ``12.5%``, ``12.5 per cent``, ``百分之十二點五``, ``兩成``."""
    text = _prepare(text)
    out: set[str] = set()
    for m in _PCT_EN.finditer(text):
        value = _digit_value(m.group(1))
        if value is not None:
            out.add(_canonical(value))
    if _ZH_ANY.search(text) is None:
        return out
    for m in _PCT_ZH.finditer(text):
        value = zh_value(m.group(1))
        if value is not None:
            out.add(_canonical(value))
    for m in _PCT_TENTHS.finditer(text):
        value = zh_value(m.group(1))
        if value is not None:
            out.add(_canonical(value * 10))
    return out


def dates(text: str, reference: date | None = None) -> set[str]:
    """The calendar days ``text`` names, as ``MM-DD`` (plus ``YYYY-MM-DD`` when the year is
    written): "March 14", "14 March 2026", "2026-03-14", "三月十四日", "2026年3月14日".
    With ``reference`` (the publication day), a Chinese day written without its month
    (今日（25日）, 4日起) is dated in the reference's month, or the month before when the
    day is more than one day after the reference's."""
    text = _prepare(text)
    out: set[str] = set()

    def add(year: Decimal | int | None, month: Decimal | int | None,
            day: Decimal | int | None) -> None:
        if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
            return
        try:  # a day the month has (2000 is a leap year: 29 February is a day)
            date(2000, int(month), int(day))
        except ValueError:
            return
        out.add(f"{int(month):02d}-{int(day):02d}")
        if year is not None and 1900 <= year <= 2100:
            out.add(f"{int(year):04d}-{int(month):02d}-{int(day):02d}")

    for m in _EN_DATE_MD.finditer(text):
        add(int(m.group(3)) if m.group(3) else None, _MONTHS[m.group(1).lower()],
            int(m.group(2)))
    for m in _EN_DATE_DM.finditer(text):
        add(int(m.group(3)) if m.group(3) else None, _MONTHS[m.group(2).lower()],
            int(m.group(1)))
    for m in _ISO_DATE.finditer(text):
        add(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if _ZH_ANY.search(text) is None:
        return out
    for m in _ZH_DATE.finditer(text):
        add(zh_value(m.group(1)) if m.group(1) else None, zh_value(m.group(2)),
            zh_value(m.group(3)))
    if reference is not None:
        for m in _ZH_DAY.finditer(_ZH_DATE.sub(" ", text)):
            day = zh_value(m.group(1))
            if day is None or not 1 <= day <= 31:
                continue
            month, year = reference.month, reference.year
            if day > reference.day + 1:  # the 30th, written on the 2nd: last month
                month, year = (month - 1, year) if month > 1 else (12, year - 1)
            add(None, month, day)
    return out
