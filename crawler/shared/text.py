"""Scripts and Chinese spelling variants: the one definition of "is this CJK?" and the one
place OpenCC is loaded.

The character classes are strings, to be embedded in regexes (``f"[{HAN}]"``); the
compiled patterns cover the common tests. OpenCC converters load lazily (their tables take
a moment) and once per process.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crawler.shared.zhconvert import Converter

# CJK ideographs: Extension A, the unified block, compatibility ideographs.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# characters after which 区 / 县 / 市 / 省 start a name the text gives no place of its own
# (由区民政局, 在县政府, 该市数据局, 下属区大数据中心, 接入县农业农村局, 指导县…, 要求县教育局, 覆盖区教育局, a sentence's
# start): function words, verbs of belonging or joining, and punctuation
NO_NAME_BEFORE = "由在的与和及向对从将为给经据同请與對從將為給經據請属屬入导導求盖蓋、，。：；（）“”「」"
KANA = "\u3040-\u30ff"
HANGUL = "\uac00-\ud7af"
# Every script written without spaces between words, incl. the supplementary ideograph
# planes (full-text search indexes these by trigram).
EAST_ASIAN = f"{KANA}{HAN}{HANGUL}\U00020000-\U0003ffff"

HAN_CHAR = re.compile(f"[{HAN}]")
KANA_CHAR = re.compile(f"[{KANA}]")
HANGUL_CHAR = re.compile(f"[{HANGUL}]")
CJK_CHAR = re.compile(f"[{KANA}{HAN}]")  # Han or kana
EAST_ASIAN_CHAR = re.compile(f"[{EAST_ASIAN}]")


_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_WIDE_DIGIT = re.compile("[０-９]")
# a full-width separator between digits: ８，０００ (thousands), １．５ (decimals)
_WIDE_SEPARATOR = re.compile(r"(?<=\d)[，．](?=\d)")


def narrow_digits(text: str) -> str:
    """``text`` with full-width digits, and full-width commas and points between digits,
    as ASCII (約８，０００萬元 → 約8,000萬元), character for character: offsets into the
    result hold in ``text``, so a match is quoted as written."""
    if not text or text.isascii() or not _WIDE_DIGIT.search(text):
        return text
    narrow = text.translate(_WIDE_DIGITS)
    return _WIDE_SEPARATOR.sub(lambda m: "," if m.group() == "，" else ".", narrow)


def has_han(text: str) -> bool:
    """True when ``text`` holds at least one Chinese character."""
    return HAN_CHAR.search(text) is not None


def is_cjk(text: str) -> bool:
    """True when Han or kana letters make up at least a third of the letters (of the first
    3,000 characters)."""
    sample = text[:3000]
    letters = sum(map(str.isalpha, sample))
    return letters > 0 and len(CJK_CHAR.findall(sample)) * 3 >= letters


def language_family(language: str | None, text: str = "") -> str:
    """``zh`` for Chinese in either script (zh, zh-Hant, zh-HK, yue), else the primary
    language subtag; from the text's script when the language is unknown."""
    primary = (language or "").split("-")[0].lower()
    if primary in ("zh", "yue", "cmn", "lzh"):
        return "zh"
    if primary:
        return primary
    return "zh" if is_cjk(text) else "en"


def opencc(conversion: str) -> Converter:
    """The OpenCC converter for ``conversion`` ("t2s", "s2t", "s2hk", "hk2s"), loaded once:
    opencc-python-reimplemented's dictionaries, converted by crawler.shared.zhconvert."""
    from crawler.shared.zhconvert import converter  # loaded when first needed

    return converter(conversion)


def to_simplified(text: str) -> str:
    return opencc("t2s").convert(text)


def to_traditional(text: str) -> str:
    return opencc("s2t").convert(text)


# a dateline in capitals opening an article ("SEATTLE, March 9 —", "NEW YORK (AP) —",
# "BOGOTÁ, March 22"), before its comma, bracket or dash
_DATELINE = re.compile(r"(?P<place>[^\W\d_]{2,}(?: [^\W\d_]{2,}){0,3})(?=,| \(| [—–-]| ?--)")
def cased_dateline(text: str, places: Container[str], skip: Container[str] = ()) -> str:
    """``text`` with its opening dateline in capitals written as a name ("SEATTLE —" →
    "Seattle —") when that name is one of ``places`` and the dateline none of ``skip``
    (bodies.toml national_datelines), so the place is read like any other mention; the
    same length, so every offset stays. Anything else ("NASA, …", "AI —") is returned as
    it is."""
    m = _DATELINE.match(text)
    if m is None or not m.group("place").isupper() or m.group("place") in skip:
        return text
    place = " ".join(w.capitalize() for w in m.group("place").split(" "))
    if len(place) != m.end() or place not in places:
        return text
    return place + text[m.end():]
