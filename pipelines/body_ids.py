"""What a body found by its form is (:class:`Body`), its derived id (:func:`slug`,
:func:`pinyin_slug`) and the small text helpers the English and Chinese patterns share."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from crawler.shared.text import to_simplified


@dataclass(frozen=True)
class Body:
    start: int
    end: int
    text: str
    id: str
    name: str
    jurisdiction: str  # "" = decided by the article's context
    parent: str = ""
    name_en: str = ""
    national: bool = False  # its place is a country ("Japan's …"), not a state or city
    weak: bool = False  # found by its form alone (a council, police force): a listed name wins
    bare: str = ""  # a district office named without its city: "<district>-<office>"
    any_context: bool = False  # a ministry named without its country: the article's decides
    fallback: str = ""  # jurisdiction when the article's context decides nothing ("" = drop)
    id_tail: str = ""  # id without its jurisdiction prefix, when that is decided later
    listed_form: str = ""  # the name with its place written out, to look up in the list
    legislature: bool = False  # a place's chamber ("Colorado General Assembly"): has committees
    district: str = ""  # a mainland district's office: the id before the office ("cn-shenzhen-futian-")
    district_zh: str = ""  # … and the district's name (武侯区, 安吉县)
    unitary: bool = False  # a remit's name with no place: a country's body only where
    # places have no bodies of their own ("the Government Operations Agency" is California's)
    city_of: bool = False  # "the City of <place>" no list has: in city_jurisdictions only


# a possessor before a name: "Spain's Ministry of …", "Tokyo's Ministry of Sound"
_OWNER = re.compile(r"^[A-Z][\w .-]{0,40}?['’]s ")


def without_owner(name: str) -> str:
    """``name`` without a leading possessor ("Spain's ")."""
    return _OWNER.sub("", name)


def alt(words: Iterable[str]) -> str:
    """One regular-expression alternative of ``words``, longest first."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")" if ordered else "(?!)"


def any_case_alt(titles: Iterable[str]) -> str:
    """A regex alternation of titles whose words may start in either case ("State
    Comptroller", "state comptroller"), the longest first."""
    def word(w: str) -> str:
        return f"[{w[0].upper()}{w[0].lower()}]{re.escape(w[1:])}" if w[:1].isalpha() else re.escape(w)
    ordered = sorted(set(titles), key=len, reverse=True)
    return "(?:" + "|".join(" ".join(word(w) for w in t.split(" ")) for t in ordered) + ")"


def capitalised(words: str) -> str:
    """Each word with its first letter capital ("state comptroller" -> "State
    Comptroller"), the rest as written."""
    return " ".join(w[:1].upper() + w[1:] for w in words.split(" "))


def adjective(word: str) -> bool:
    """Whether a topic word is an adjective ("Meteorological", "Judicial", "Electoral"):
    "the Meteorological Department" is no "Department of Meteorological", so the name is
    kept as written."""
    return len(word) > 4 and word.lower().endswith(("al", "ic", "ive"))


def without_place(name: str, place: str) -> str:
    """``name`` without a trailing " of <place>" / " for <place>" ("Office of the Auditor
    General of Ontario" → "Office of the Auditor General"): the id's prefix is the place."""
    for joint in (" of ", " for "):
        for the in ("", "the "):
            tail = f"{joint}{the}{place}"
            if name.endswith(tail) and len(name) > len(tail):
                return name[:-len(tail)]
    return name


def slug(text: str) -> str:
    text = text.replace("&", " and ").replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@lru_cache(maxsize=4096)
def pinyin_syllables(text: str) -> tuple[str, ...]:
    """The pinyin of each character of a place's name (郫都区 → pi, du, qu): 都 before an
    administrative suffix or at the end is "du" (a capital, as in 成都), not "dou" (all)."""
    from pypinyin import lazy_pinyin

    simplified = to_simplified(text)
    out = [slug(s) for s in lazy_pinyin(simplified)]
    if len(out) == len(simplified):
        for i, char in enumerate(simplified):
            if char == "都" and simplified[i + 1:i + 2] in ("", "区", "县", "市"):
                out[i] = "du"
    return tuple(out)


@lru_cache(maxsize=4096)
def pinyin_slug(text: str) -> str:
    """Chinese text as toneless pinyin without spaces (福田 → futian); imported on first
    use, so a crawl that never meets an unlisted Chinese body never loads the dictionary.
    Read from the simplified form: pypinyin's phrases are simplified, so 協調 and 协调 are
    both "xietiao" (one id in either script) and 銀行 is "yinhang", not "yinxing"."""
    from pypinyin import lazy_pinyin

    return slug("".join(lazy_pinyin(to_simplified(text))))


def word_start(text: str, start: int) -> bool:
    """True when ``start`` begins a word (the patterns leave out a look-behind so that
    the regex engine can skip ahead to their first literal)."""
    return start == 0 or not (text[start - 1].isascii() and text[start - 1].isalpha())


def strip_the(name: str) -> str:
    for article in ("The ", "the "):
        if name.startswith(article):
            return name[len(article):]
    return name


def all_caps_words(words: str) -> bool:
    return all(w[:1].isupper() for w in words.split(" "))


def before_another_place(topic: str, places: Container[str]) -> str:
    """``topic`` up to "and <a place of ``places``>": "Education and Busan Metropolitan
    City" names two bodies, the second a place's."""
    at = topic.find(" and ")
    while at != -1:
        words = topic[at + 5:].split(" ")
        if any(" ".join(words[:k]) in places for k in (1, 2, 3)):
            return topic[:at]
        at = topic.find(" and ", at + 5)
    return topic


def cut_topic(topic: str, kinds: set[str], stop: frozenset[str] = frozenset()) -> str:
    """A topic stops before "and <Kind> …" ("Department of Health and Ministry of …") and
    before a word of ``stop`` ("… of Transportation Commissioner Russell McMurry")."""
    words = topic.split(" ")
    for i, word in enumerate(words[1:], start=1):
        if word in stop:
            topic = " ".join(words[:i]).rstrip(",")
            for tail in (" and", " of", " for", " the", " on", " &"):
                topic = topic.removesuffix(tail)
            break
    for sep in (" and ", ", ", " & "):
        parts = topic.split(sep)
        for i in range(1, len(parts)):
            if parts[i].split(" ", 1)[0] in kinds:
                return sep.join(parts[:i])
    return topic


def jurisdiction_of(location_id: str) -> str:
    return location_id.split("-", 1)[0].upper()


def nearest_city(places: list[tuple[int, int, str]], start: int) -> str:
    """The closest mainland place mentioned before ``start`` (a district's city)."""
    best = ""
    for s, _e, location_id in places:
        if s < start and location_id.startswith("cn-"):
            best = location_id
    return best


def reads_simplified(text: str) -> bool:
    """True when ``text`` reads the same in Simplified script (mainland text)."""

    return bool(to_simplified(text) == text)


_LOOSE_DROP = re.compile(r"\b(?:the|of|for|and)\b|[^a-z0-9]+")


def loose(name: str) -> str:
    """An English name without case, punctuation, articles and the small words that house
    styles add or drop: "Ministry for Digital Transformation and the Civil Service" and
    "Ministry of Digital Transformation & Civil Service" read the same."""
    return _LOOSE_DROP.sub("", name.lower().replace("&", " and "))


def loose_names(agencies: Iterable[Any], countries: dict[str, tuple[str, ...]] | None = None
                ) -> dict[tuple[str, str], set[str]]:
    """(jurisdiction, :func:`loose` form of an English name or alias of several words) ->
    the listed agencies of that name; also without " of <its country>" (the listed
    "National Data Protection Agency of Brazil" is the "National Data Protection Agency" of
    a Brazilian story). ``countries``: each jurisdiction's names."""
    out: dict[tuple[str, str], set[str]] = {}
    for a in agencies:
        own = (countries or {}).get(a.jurisdiction, ())
        for name in (a.name, *a.aliases):
            if name.isascii() and " " in name:
                out.setdefault((a.jurisdiction, loose(name)), set()).add(a.id)
                for country in own:
                    if name.endswith(f" of {country}") and name.count(" ") > 2:
                        bare = loose(name[:-len(country) - 4])
                        out.setdefault((a.jurisdiction, bare), set()).add(a.id)
    return out
