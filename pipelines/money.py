"""Money in English and Chinese text, parsed into ``{text, value, currency, approx}``.

Only what the text says: a number is money when a currency stands next to it (HK$10
million, US$2.5bn, £900m, €20 million, 50 million yuan, 139萬港元, 人民幣5000萬元, NT$3億,
1.2億元, "$6.3-million", "twenty-five thousand dollars"). Years, phone numbers,
percentages, counts, "1823 hotline" and "5G" have no currency and are never amounts. A bare "$", "¥" or "元" takes the currency of the
article's jurisdiction (config/signals.toml, [amounts]). Ranges ("HK$2-3 million",
"200萬至300萬港元", "1萬元以上10萬元以下") give their lower bound and are marked
approximate, as are amounts after "about / over / up to / 約 / 逾 / 超過" or before
"多 / 餘 / 左右". Values above
``max_value`` are misreadings and are returned separately with the reason.

:func:`find_amounts` is pure; pipelines/signals.py calls it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from crawler.config import AmountRules
from crawler.shared.text import narrow_digits

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# with the financial forms of cheques and tender notices: 人民币叁佰捌拾玖万元整
_ZH_DIGITS = "零〇一二兩两三四五六七八九十百千壹貳贰叁參叄肆伍陸陆柒捌玖拾佰仟"
_ZH_NUM = rf"{_NUM}|[{_ZH_DIGITS}]+"

# English: a currency before the number ($, HK$, US$, £, €, RMB, HKD …)
_PREFIX = {
    "HK$": "HKD", "US$": "USD", "S$": "SGD", "SG$": "SGD", "NT$": "TWD", "A$": "AUD",
    "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "NZ$": "NZD", "MOP$": "MOP", "MOP": "MOP",
    "HKD": "HKD", "USD": "USD", "SGD": "SGD", "TWD": "TWD", "NTD": "TWD", "AUD": "AUD",
    "CAD": "CAD", "NZD": "NZD", "CNY": "CNY", "RMB": "CNY", "EUR": "EUR", "GBP": "GBP",
    "JPY": "JPY", "CHF": "CHF", "INR": "INR", "KRW": "KRW", "€": "EUR", "£": "GBP",
    "₩": "KRW", "₹": "INR", "$": "dollar", "¥": "yen", "￥": "yen",
    "Rs": "INR", "Rs.": "INR",  # Rs 250 crore
    "Sh": "KES", "Kshs": "KES", "Kshs.": "KES", "KShs": "KES",  # Kenyan papers: Sh2.1 billion
    "Dh": "local:AE:AED", "Dhs": "local:AE:AED",  # Dh335 billion
    # letters that are money only in their own country's news: R180 million, RM500 million
    "R": "local:ZA:ZAR", "RM": "local:MY:MYR", "N": "local:NG:NGN", "P": "local:PH:PHP",
    # "PHP 12.4 million" in Philippine news (elsewhere PHP 8.2 is a language version)
    "PHP": "local:PH:PHP",
    "SR": "local:SA:SAR",  # Saudi papers: SR420 million
    # the currencies of the other gazetteer countries, by code or sign
    "AED": "AED", "SAR": "SAR", "MYR": "MYR", "THB": "THB", "IDR": "IDR",
    "Rp": "IDR", "VND": "VND", "KES": "KES", "KSh": "KES", "Ksh": "KES", "NGN": "NGN",
    "₦": "NGN", "ZAR": "ZAR", "BRL": "BRL", "R$": "BRL", "MXN": "MXN", "MX$": "MXN",
    "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "ILS": "ILS", "₪": "ILS", "₱": "PHP",
    # other currencies international news quotes by code: "CLP 3,000 million", "PLN 180 million"
    # (not COP, PEN or TRY: "COP 28" is a summit, capitals in a headline a word)
    "PLN": "PLN", "CLP": "CLP", "ARS": "ARS", "CZK": "CZK", "HUF": "HUF", "EGP": "EGP",
    "PKR": "PKR", "BDT": "BDT", "LKR": "LKR", "QAR": "QAR", "KWD": "KWD", "BHD": "BHD",
    "OMR": "OMR",
}
# English: a currency after the number (50 million yuan, 10 million Hong Kong dollars)
_SUFFIX = {
    "hong kong dollars": "HKD", "hk dollars": "HKD", "us dollars": "USD",
    "u.s. dollars": "USD", "singapore dollars": "SGD", "taiwan dollars": "TWD",
    "new taiwan dollars": "TWD", "nt dollars": "TWD", "australian dollars": "AUD",
    "canadian dollars": "CAD", "dollars": "dollar", "yuan": "CNY", "renminbi": "CNY",
    "euros": "EUR", "euro": "EUR", "pounds": "GBP", "pounds sterling": "GBP",
    "sterling": "GBP", "yen": "JPY", "patacas": "MOP", "won": "KRW", "rupees": "INR",
    "reais": "BRL", "rand": "ZAR", "ringgit": "MYR", "naira": "NGN", "dirhams": "AED",
    "riyals": "SAR", "rupiah": "IDR", "baht": "THB", "kenyan shillings": "KES",
    # pesos: Mexico's, the Philippines', Colombia's, Chile's or Argentina's, by the news
    "pesos": "peso", "mexican pesos": "MXN", "philippine pesos": "PHP",
    "kenya shillings": "KES",
    # "140 zł", "1.4 billion kronor" (Sweden's; Norway's and Denmark's are kroner)
    "zł": "PLN", "zloty": "PLN", "zlotys": "PLN", "kronor": "SEK", "forints": "HUF",
    "forint": "HUF",
    # "350 kroner": Denmark's or Norway's, by the news ("krone" as "pesos" above)
    "kroner": "krone", "krone": "krone",
}
_MULT = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
         "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
         # Malaysian papers: RM2.5bil, RM500mil
         "bil": 1e9, "mil": 1e6,
         # South Asian units (₹10,372 crore, Rs 48 lakh)
         "crore": 1e7, "crores": 1e7, "lakh": 1e5, "lakhs": 1e5, "lakh crore": 1e12}
_APPROX_EN = (r"about|around|approximately|approx\.|nearly|almost|over|more than|up to|"
              r"as much as|as little as|at least|some|roughly|close to|in excess of|"
              r"less than|under|exceeding|upwards of|an estimated|estimated|just over|"
              r"just under|more than|below|above|at most|a maximum of|a minimum of")


def _alternation(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PRE = _alternation(_PREFIX)
_PRE_FIRST = re.escape("".join(sorted({k[0] for k in _PREFIX})))
# "$6.3-million", "₱250-million" (Canadian and Philippine papers hyphenate the word)
_MULTS = (r"(?i:(?:\s|-)?(?:trillion|billion|million|thousand|lakh crore|crores?|lakhs?|mln|bn|mn|tn)"
          r"|(?:bil|mil)"
          r"|(?:m|k|b))\b")
# Each pattern starts with a lookahead on the characters a match can start with, and the
# approximation words ("about", 約) are looked for just before a match: the regex engine
# otherwise tries every alternative at every position (4x slower on a 100 KB article).
_EN_PREFIXED = re.compile(
    rf"(?=[{_PRE_FIRST}])(?<![A-Za-z0-9])(?P<cur>{_PRE})\s?(?P<n1>{_NUM})"
    rf"(?P<m1>{_MULTS})?(?![\d萬万億亿千百兆]|[,.]\d|\s[萬万億亿兆])"
    rf"(?:\s?(?:-|–|—|to)\s?(?:{_PRE})?\s?(?P<n2>{_NUM})(?P<m2>{_MULTS})?)?"
    rf"(?P<plus>\+|\s+or (?:more|so))?")
_EN_SUFFIXED = re.compile(
    rf"(?=\d)(?<![\w.,$£€¥])(?P<n1>{_NUM})(?P<m1>{_MULTS})?"
    # "200 yen to 1,000 yen": the currency may follow both bounds
    rf"(?:(?:\s(?:{_alternation(_SUFFIX)}))?\s?(?:-|–|—|to)\s?(?P<n2>{_NUM})(?P<m2>{_MULTS})?)?"
    # "a 96-million-reais contract": the currency word hyphenated to the number
    rf"[\s-](?P<cur>{_alternation(_SUFFIX)})\b",
    re.IGNORECASE)
# British pence: "reduced to as little as 45p", "a 7.5p cut" (not 1080p: two digits at most)
_PENCE = re.compile(r"(?=\d)(?<![\w.,$£€¥])(?P<n>\d{1,2}(?:\.\d)?)p\b(?![-\w])")
# Amounts written in words, with a currency word after them: "twenty-five thousand
# dollars", "two million euros", "a million pounds"
_UNITS_W = {w: i for i, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen"])}
_UNITS_W["a"] = 1
_TENS_W = {w: 10 * (i + 2) for i, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])}
_SCALES_W = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_WORD = rf"(?:{_alternation(_TENS_W)})(?:-(?:{_alternation(_UNITS_W)}))?|{_alternation(_UNITS_W)}"
_EN_WORDS = re.compile(
    rf"(?i)(?=[a-z])\b(?P<words>(?:(?:{_WORD}|{_alternation(_SCALES_W)}|and)[\s-]+)+?)"
    rf"(?P<cur>{_alternation(_SUFFIX)})\b")

# An amount in words ends with a currency word; the slow word pattern runs only on the
# WORDS_WINDOW characters before each currency word that str.find sees (a run of number
# words longer than that is read from where the window starts).
WORDS_WINDOW = 400
_SUFFIX_WORDS = tuple(sorted(_SUFFIX, key=len, reverse=True))


def _en_word_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`_EN_WORDS` in ``text``, in order, as ``finditer`` gives them
    (within :data:`WORDS_WINDOW`), at a fraction of its cost on a long article."""
    lower = text.lower()
    if len(lower) != len(text):  # a character whose lower case is longer: no shortcut
        yield from _EN_WORDS.finditer(text)
        return
    ends: dict[int, int] = {}  # where a currency word starts -> where its longest form ends
    for word in _SUFFIX_WORDS:
        at = lower.find(word)
        while at >= 0:
            before = lower[at - 1] if at else ""
            if (before.isspace() or before == "-") and at + len(word) > ends.get(at, -1):
                ends[at] = at + len(word)
            at = lower.find(word, at + 1)
    done = 0  # matches do not overlap: the next one starts after the last one's end
    for at in sorted(ends):
        if at < done:
            continue
        start = max(done, at - WORDS_WINDOW)
        while start > done and text[start - 1].isalnum():
            start -= 1  # the window starts between words
        limit = min(len(text), ends[at] + 1)  # one character more: the \b after the word
        while True:
            m = _EN_WORDS.search(text, start, limit)
            if m is None:
                break
            if m.end() >= limit and limit < len(text):
                break  # its \b after the word looked at the window's end, not the text
            yield m
            done = start = m.end()


def _word_number(words: str) -> float | None:
    """twenty-five thousand, a million, three hundred and fifty: the value, or None when
    the words hold no scale or number word (or end on "and")."""
    total = current = 0.0
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    if not tokens or all(t == "a" for t in tokens):
        return None
    for token in tokens:
        if token in _UNITS_W or token in _TENS_W:
            current += _UNITS_W.get(token, 0) + _TENS_W.get(token, 0)
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALES_W:
            total += (current or 1) * _SCALES_W[token]
            current = 0
        else:
            return None
    total += current
    return total or None


_APPROX_BEFORE_EN = re.compile(rf"(?:^|\W)(?P<approx>{_APPROX_EN})\s+$", re.IGNORECASE)
# "between €2 million and €4 million": a range written with words (its lower bound, approx)
_EN_BETWEEN = re.compile(
    rf"(?=[Bb])\b[Bb]etween\s(?P<cur>{_PRE})\s?(?P<n1>{_NUM})(?P<m1>{_MULTS})?"
    rf"\sand\s(?:{_PRE})?\s?(?P<n2>{_NUM})(?P<m2>{_MULTS})?")

# Chinese: currency names before and after, 萬/億 units, 約/逾/多/餘 approximations
_ZH_PREFIX = {
    "港幣": "HKD", "港币": "HKD", "港元": "HKD", "人民幣": "CNY", "人民币": "CNY",
    "美元": "USD", "新臺幣": "TWD", "新台幣": "TWD", "新台币": "TWD", "台幣": "TWD",
    "臺幣": "TWD", "澳門幣": "MOP", "澳门币": "MOP", "澳門元": "MOP", "澳门元": "MOP",
    "歐元": "EUR", "欧元": "EUR", "英鎊": "GBP", "英镑": "GBP", "日圓": "JPY", "日元": "JPY",
    "新加坡元": "SGD", "新元": "SGD", "HK$": "HKD", "US$": "USD", "NT$": "TWD", "S$": "SGD",
    "RMB": "CNY", "$": "dollar", "＄": "dollar", "¥": "yen", "￥": "yen",
    # other currencies' signs and codes before 萬/億 in Chinese news: C$1.25億, 約₹1,037億
    **{k: v for k, v in _PREFIX.items() if k not in ("$", "¥", "￥", "Rs", "Rs.", "Sh", "R",
                                                    "N", "P", "Dh", "Dhs", "Rp")},
    "澳元": "AUD", "加元": "CAD", "加幣": "CAD", "紐元": "NZD", "韓圜": "KRW", "韩元": "KRW",
    "韓元": "KRW", "印度盧比": "INR", "印度卢比": "INR", "泰銖": "THB", "泰铢": "THB",
    "令吉": "MYR", "馬幣": "MYR", "马币": "MYR", "林吉特": "MYR", "肯尼亞先令": "KES",
    "肯尼亚先令": "KES", "南非蘭特": "ZAR", "南非兰特": "ZAR", "迪拉姆": "AED",
    "沙特里亞爾": "SAR", "沙特里亚尔": "SAR", "瑞士法郎": "CHF", "巴西雷亞爾": "BRL",
    "巴西雷亚尔": "BRL", "墨西哥比索": "MXN", "菲律賓比索": "PHP", "菲律宾比索": "PHP",
    "RM": "MYR",  # in Chinese news RM is the ringgit wherever it is written (RM1200万)
}
_ZH_SUFFIX = {
    **{k: v for k, v in _ZH_PREFIX.items() if not k.isascii() and k not in ("＄", "￥")},
    "元": "yuan", "圓": "yuan", "圆": "yuan", "澳門元": "MOP", "新元": "SGD",
    # the currency named after 元: 逾80億元人民幣 in a Hong Kong paper is renminbi
    "元人民幣": "CNY", "元人民币": "CNY", "元港幣": "HKD", "元港币": "HKD",
    "元新台幣": "TWD", "元新臺幣": "TWD",
    "美金": "USD", "坡元": "SGD",
}
_ZH_UNITS = {"萬億": 1e12, "万亿": 1e12, "兆": 1e12, "千億": 1e11, "千亿": 1e11, "百億": 1e10,
             "百亿": 1e10, "億": 1e8, "亿": 1e8, "千萬": 1e7, "千万": 1e7, "百萬": 1e6,
             "百万": 1e6, "萬": 1e4, "万": 1e4, "千": 1e3}
_ZH_UNIT = f"(?:{_alternation(_ZH_UNITS)})"
_ZH_APPROX = ("約|约|大約|大约|逾|超過|超过|超|多達|多达|近|接近|將近|将近|最高|最多|至少|"
              "不少於|不少于|不超過|不超过|高達|高达|上限為|上限为|約為|约为")
_ZH_FIRST = re.escape("".join(sorted({k[0] for k in _ZH_PREFIX})) + _ZH_DIGITS) + "0-9"
_ZH = re.compile(
    rf"(?=[{_ZH_FIRST}])(?P<pre>{_alternation(_ZH_PREFIX)})?\s?"
    rf"(?<![\d.,])(?P<n1>{_ZH_NUM})(?P<more0>多|餘|余)?\s?(?P<u1>{_ZH_UNIT})?"
    rf"(?:(?<=[億亿])(?P<n1b>{_NUM})(?P<u1b>千萬|千万|百萬|百万|萬|万))?"
    rf"(?:(?<=[萬万])(?P<n1c>\d,\d{{3}}|\d{{1,4}}|[{_ZH_DIGITS}]+)(?=\s?(?:元|圓|圆)))?(?P<more1>多|餘|余)?"
    rf"(?:(?P<post1>元|圓|圆)?\s?(?:至|到|-|–|～|~|以上(?=[^，。；]{{1,16}}以下)、?)\s?"
    rf"(?:{_alternation(_ZH_PREFIX)})?"
    rf"(?P<n2>{_ZH_NUM})\s?(?P<u2>{_ZH_UNIT})?(?:(?<=[億亿])(?:{_NUM})(?:萬|万))?)?(?P<more>多|餘|余)?\s?(?P<post>{_alternation(_ZH_SUFFIX)})?"
    rf"(?P<about>左右|以上)?")
# "over a hundred million": 上亿元, 上千万元 (the unit's value, approximate)
_ZH_SHANG = re.compile(rf"上(?P<unit>億|亿|千萬|千万|百萬|百万)(?P<post>{_alternation(_ZH_SUFFIX)})")
_SIGNS = ("＄", "￥", "£", "€", "₹", "₩", "₱", "₦", "₪")  # signs the English pattern also reads
_APPROX_BEFORE_ZH = re.compile(rf"(?P<approx>{_ZH_APPROX})\s?$")
# 元 in words that are not money: 元宇宙 (metaverse), 元素, 元件, 單元 …
_NOT_YUAN = re.compile(r"宇宙|素|件|旦|首|化|年|朝|月")


@dataclass(frozen=True)
class Amount:
    text: str
    value: float
    currency: str
    approx: bool
    start: int = 0

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {"text": self.text, "value": value, "currency": self.currency,
                "approx": self.approx}


def _number(text: str) -> float | None:
    text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return _zh_number(text)


def _zh_number(text: str) -> float | None:
    """一, 三十, 兩千, 一百五十 (the forms amounts use, below 萬)."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4,
              "壹": 1, "貳": 2, "贰": 2, "叁": 3, "參": 3, "叄": 3, "肆": 4, "伍": 5, "陸": 6,
              "陆": 6, "柒": 7, "捌": 8, "玖": 9,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    units = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
    total, current = 0, 0
    for ch in text:
        if ch in digits:
            current = digits[ch]
        elif ch in units:
            total += (current or 1) * units[ch]
            current = 0
        else:
            return None
    total += current
    return float(total) if total else None


def _mult(word: str | None) -> float:
    return _MULT.get((word or "").strip(" -\t\n").lower(), 1.0)


# currency words that name a different currency in each country: "pesos", "kroner"
_BY_COUNTRY = {"peso": {"MX": "MXN", "PH": "PHP", "CO": "COP", "CL": "CLP", "AR": "ARS"},
               "krone": {"DK": "DKK", "NO": "NOK", "GL": "DKK", "FO": "DKK"}}


def _currency(code: str, rules: AmountRules, jurisdiction: str) -> str:
    if code in ("dollar", "yuan", "yen"):
        return rules.currency(code, jurisdiction)
    return code


_YEAR = re.compile(r"(?:19|20)\d\d$")  # a number written as a year: 2028


def find_amounts(text: str, rules: AmountRules, jurisdiction: str = ""
                 ) -> tuple[list[Amount], list[str]]:
    """The amounts in ``text`` in text order (first mention of each value and currency),
    and one line per amount dropped as absurd (over ``rules.max_value``)."""
    if not text:
        return [], []
    written, text = text, narrow_digits(text)  # 約８，０００萬元: read as 8,000, quoted as written
    found: list[Amount] = []
    dropped: list[str] = []
    # spans already read as money: disjoint, so sorted by start they are sorted by end too
    taken_starts: list[int] = []
    taken_ends: list[int] = []

    def before(start: int, pattern: re.Pattern[str]) -> int:
        """Where an approximation word just before ``start`` begins (else ``start``)."""
        m = pattern.search(text, max(0, start - 30), start)
        return m.start("approx") if m else start

    def local(code: str | None, letters: str = "", scaled: bool = False) -> str | None:
        """A currency the letters stand for only in their own country's news (R, RM); two
        or more letters before a scale word are that currency anywhere ("up to RM1.5
        million in Malaysia" in a Singapore story; not "RM2 storage")."""
        if code and code.startswith("local:"):
            _local, country, currency = code.split(":")
            if jurisdiction.upper() == country or (scaled and len(letters) >= 2):
                return currency
            return None
        return code

    def suffix(word: str) -> str | None:
        """The currency of a word after the number; "pesos" and "kroner" by the article's
        country (none when it has no pesos or kroner of its own)."""
        code = _SUFFIX[word.lower()]
        by_country = _BY_COUNTRY.get(code)
        return by_country.get(jurisdiction.upper()) if by_country is not None else code

    def add(start: int, end: int, value: float, code: str, approx: bool) -> None:
        at = bisect_left(taken_starts, end)  # spans before ``at`` start before ``end``
        if at and taken_ends[at - 1] > start:
            return  # overlaps a span already read
        taken_starts.insert(at, start)
        taken_ends.insert(at, end)
        snippet = written[start:end].strip()
        if value <= 0:
            return
        if value > rules.max_value:
            dropped.append(f"amount {snippet!r} ({value:.3g}) is over the limit of "
                           f"{rules.max_value:.3g}: not kept")
            return
        found.append(Amount(snippet, round(value, 4), _currency(code, rules, jurisdiction),
                            approx, start))

    for m in _EN_BETWEEN.finditer(text):  # first: its spans hide the two bounds' own
        cur, n1 = local(_PREFIX.get(m.group("cur"))), _number(m.group("n1"))
        if cur is not None and n1 is not None:
            add(m.start(), m.end(), n1 * _mult(m.group("m1") or (
                m.group("m2") if n1 < 1000 else None)), cur, True)
    for m in _EN_PREFIXED.finditer(text):
        cur = local(_PREFIX.get(m.group("cur")), m.group("cur"), bool(m.group("m1")))
        n1 = _number(m.group("n1"))
        if cur is None or n1 is None:
            continue
        m2 = m.group("m2")
        # "$2-3 million": the second number's multiplier is the first's too; not when the
        # first is a whole figure of its own ("$250,000 to $1.5 million")
        mult1 = _mult(m.group("m1") or (m2 if n1 < 1000 else None))
        n2 = m.group("n2")
        start = before(m.start(), _APPROX_BEFORE_EN)
        approx = bool(start < m.start() or m.group("plus") or n2)
        add(start, m.end(), n1 * mult1, cur, approx)
    for m in _EN_SUFFIXED.finditer(text):
        n1 = _number(m.group("n1"))
        if n1 is None:
            continue
        mult1 = _mult(m.group("m1") or (m.group("m2") if n1 < 1000 else None))
        start = before(m.start(), _APPROX_BEFORE_EN)
        approx = bool(start < m.start() or m.group("n2"))
        code = suffix(m.group("cur"))
        if code and not (_YEAR.match(m.group("n1")) and mult1 == 1.0
                         and m.group("cur")[:1].isupper()):
            # (a year before a capitalised currency word is a year before a name: "© 2028
            # Rand Business Wire")
            add(start, m.end(), n1 * mult1, code, approx)
    for m in _PENCE.finditer(text):
        pence = _number(m.group("n"))
        if pence is not None:
            start = before(m.start(), _APPROX_BEFORE_EN)
            add(start, m.end(), pence / 100, "GBP", start < m.start())
    for m in _en_word_matches(text):
        words = m.group("words")
        value = _word_number(words)
        # "one dollar" and "a pound" are no amounts news reports; "ten dollars" is
        if value is None or value < 10:
            continue
        begin = m.start() + len(words) - len(words.lstrip())
        start = before(begin, _APPROX_BEFORE_EN)
        code = suffix(m.group("cur"))
        if code:
            add(start, m.end(), value, code, start < begin)
    for m in _ZH_SHANG.finditer(text):
        code = _ZH_SUFFIX[m.group("post")]
        add(m.start(), m.end(), _ZH_UNITS[m.group("unit")], code, True)
    for m in _ZH.finditer(text):
        pre, post = m.group("pre"), m.group("post")
        if not (pre or post or m.group("post1")) or not m.group("n1"):
            continue
        if post in ("元", "圓", "圆") and _NOT_YUAN.match(text, m.end()):
            continue
        if (pre and pre.isascii() or pre in _SIGNS) and not (m.group("u1") or m.group("u2")
                                                             or post):
            continue  # "$300" with no 萬/億 or 元 is the English pattern's business
        n1 = _number(m.group("n1"))
        if n1 is None:
            continue
        unit = _ZH_UNITS.get(m.group("u1") or m.group("u2") or "", 1.0)
        if m.group("n1b"):  # 1億3,500萬: 1 x 億, then 3,500 x 萬
            n1 = n1 * unit + (_number(m.group("n1b")) or 0.0) * _ZH_UNITS[m.group("u1b")]
            unit = 1.0
        elif m.group("n1c"):  # 1萬2000元, 5萬5,000元: 1 x 萬, then 2,000
            n1 = n1 * unit + (_number(m.group("n1c")) or 0.0)
            unit = 1.0
        code = local(_ZH_PREFIX.get(pre or "")) or _ZH_SUFFIX.get(post or m.group("post1") or "")
        if not code:
            continue
        if pre and post and _ZH_PREFIX.get(pre) not in ("dollar", "yen") \
                and _ZH_SUFFIX.get(post) in ("yuan",):
            code = _ZH_PREFIX[pre]  # 港幣4,800萬元, 新臺幣3億元: the name wins over 元
        start = before(m.start(), _APPROX_BEFORE_ZH)
        approx = bool(start < m.start() or m.group("more0") or m.group("more1") or m.group("more")
                      or m.group("about") or m.group("n2"))
        add(start, m.end(), n1 * unit, code, approx)
    found.sort(key=lambda a: a.start)
    out: list[Amount] = []
    seen: set[tuple[float, str]] = set()
    for amount in found:
        key = (amount.value, amount.currency)
        if key not in seen:
            seen.add(key)
            out.append(amount)
    return out, dropped
