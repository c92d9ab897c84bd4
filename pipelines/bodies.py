"""Recognise public bodies no gazetteer list names, from the shape of their names.

The vocabulary is data (gazetteers/bodies.toml, read by crawler/config/bodies.py); this module
turns it into a few compiled regular expressions and applies them. Each body found is a
:class:`Body`: where it is, the text as written, a stable derived id, its jurisdiction
(from the place it names, else from the article: ``jurisdiction`` "" means "decide by
context") and, for a unit inside a listed agency, that agency as ``parent``.

Derived ids (lowercase slugs; :func:`slug` for English, :func:`pinyin_slug` for Chinese):
- a body of a known sub-national place: ``<place id>-<rest of the name>``
  ("Georgia Department of Transportation" → ``us-ga-department-of-transportation``; "Ohio
  Transportation Department" names the same body the same way);
- a body of a country ("India's Ministry of Power") → ``<code>-<name>`` (``in-ministry-of-power``);
- a council, NHS body or police force of a place no list has → ``<code>-<whole name>``
  (``gb-kent-county-council``, ``gb-nhs-lothian``, ``gb-thames-valley-police``);
- a Chinese district office → ``<city id>-<district in pinyin>-<office id>``
  (深圳市福田区政务服务数据管理局 → ``cn-shenzhen-futian-data``), an office the office list
  does not know → ``<place id>-<office name in pinyin>``;
- a unit → ``<parent id>-<unit name>`` (``hk-dpo-smart-government-innovation-lab``).

Precision first: English patterns need a known place or one of the fixed council / NHS /
police forms; a name holding a word of ``reject_words`` (University, Inc …) or equal to a
``reject_names`` entry (Council of Europe) is dropped; units need a listed parent right
next to them (possessive, "of/at/under the …", or 轄下/屬下 in Chinese).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from crawler.config.bodies import BodyRules
from crawler.shared.text import HAN, to_simplified
from pipelines.matcher import TermMatcher, zh_variants

_CAPW = r"(?:[A-Z][A-Za-z\-]*|AI|IT|ICT)"
_JOIN = r"(?:,? and | & |, | of | for | of the | for the | on | |-)"
_TOPIC = rf"{_CAPW}(?:{_JOIN}{_CAPW}){{0,8}}"
_WORDS = rf"{_CAPW}(?:(?: |, |,? and | & ){_CAPW}){{0,5}}"
_CJK = HAN
# characters a Chinese unit's name never holds: function words and punctuation
_NOT_IN_UNIT = "的了在將将會会與与是已於于為为對对向由把被從从表說说稱称指"
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
# Where a prefecture's, province's or state's head (Governor, Mayor, Chief Minister) heads
# its government, with no separate "Office of the Governor": "Osaka Governor" names the
# Osaka Prefectural Government (in the US the governor's office is a body of its own)
_HEAD_IS_GOVERNMENT = frozenset({"JP", "KR", "IN"})
# A sub-national place then one of these alone names its legislature ("London Assembly",
# "Texas House of Representatives"); other kinds need a topic ("Texas Education Agency")
_LEGISLATURES = ("House of Representatives", "House of Delegates", "General Assembly",
                 "Legislative Assembly", "Assembly", "Legislature", "Parliament", "Senate")
# Words that head a national body's name when no country is written: "the Federal Office
# for Information Security", "the Supreme Federal Court", "the National Data Office"
# (National only before kinds that do not also name charities and associations)
_NATIONAL_KINDS = ("Office", "Agency", "Commission", "Authority", "Administration",
                   "Directorate", "Court", "Police", "Ministry", "Tribunal", "Inspectorate")


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


def slug(text: str) -> str:
    text = text.replace("&", " and ").replace("’", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@lru_cache(maxsize=4096)
def pinyin_syllables(text: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    return tuple(slug(s) for s in lazy_pinyin(text))


@lru_cache(maxsize=4096)
def pinyin_slug(text: str) -> str:
    """Chinese text as toneless pinyin without spaces (福田 → futian); imported on first
    use, so a crawl that never meets an unlisted Chinese body never loads the dictionary."""
    from pypinyin import lazy_pinyin

    return slug("".join(lazy_pinyin(text)))


def _alt(words: Iterable[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")" if ordered else "(?!)"


class BodyMatcher:
    """The patterns of one gazetteer, compiled once."""

    def __init__(self, rules: BodyRules | None, locations: Iterable[Any],
                 jurisdictions: Iterable[Any], offices: Iterable[Any]) -> None:
        self.rules = rules = rules or BodyRules()
        self.enabled = bool(rules.kinds or rules.zh_suffixes)
        # English places: name -> (id prefix, jurisdiction, national?)
        places: dict[str, tuple[str, str, bool]] = {}
        for j in jurisdictions:
            for name in (j.name, *j.aliases):
                if name.isascii() and name[:1].isupper():
                    places.setdefault(name, (j.code.lower(), j.code, True))
        for word, code in rules.demonyms:
            places.setdefault(word, (code.lower(), code, True))
        self.zh_places: dict[str, tuple[str, str, str]] = {}  # zh name -> (id, code, kind)
        self.zh_districts: set[str] = set()  # location ids of districts (福田): no city of another
        locations = list(locations)
        self.english_names = {loc.id: loc.name for loc in locations}
        for loc in locations:
            if loc.kind not in ("province", "city", "district") or not loc.jurisdiction:
                continue
            for name in (loc.name, *loc.aliases):
                if name.isascii() and name not in loc.ambiguous:
                    places.setdefault(name, (loc.id, loc.jurisdiction, False))
            if loc.kind == "district":
                self.zh_districts.add(loc.id)
            for name in (*loc.names_zh_hans, *loc.names_zh_hant):
                if name in loc.ambiguous:
                    continue
                for variant in zh_variants(name):
                    self.zh_places.setdefault(variant, (loc.id, loc.jurisdiction, loc.kind))
        self.state_places = set()  # bodies.toml places: "the Kerala government"
        for place in rules.places:
            for name in place.names:
                places[name] = (place.id, place.jurisdiction, False)
                self.state_places.add(name)
        self.places = places
        self.place_english = {pid: name for name, (pid, _c, national) in places.items()
                              if not national}
        # one trie-compiled pass finds the places; the patterns are then tried right there
        self.place_finder = TermMatcher((name, True, name) for name in places
                                        if name[:1].isupper())
        levels = _alt(rules.levels)
        kinds = _alt(rules.kinds)
        self.kinds = set(rules.kinds)
        self.topic_stop = frozenset(rules.topic_stop)
        self.swap = set(rules.swap_kinds)
        self.place_tail = re.compile(
            rf"(?:'s|’s)? (?:(?P<level>{levels}) )?"
            rf"(?:(?P<kind1>{kinds}) (?P<prep>of|for) (?:the )?(?P<topic1>{_TOPIC})"
            rf"|(?:(?P<topic2>{_WORDS}) )?(?P<kind2>{kinds})(?![A-Za-z])(?! [A-Z][a-z]))")
        self.government_tail = re.compile(
            r" (?:(?:(?:State|Provincial|Prefectural|Municipal|City|Metropolitan|County) )?[Gg]overnment"
            r"|Metropolitan City)(?![A-Za-z])")
        self.place_titles = {title: (tail, english) for title, tail, english in rules.place_titles}
        self.title_tail = re.compile(
            rf"(?:'s)? (?P<title>{_alt(self.place_titles)})(?![A-Za-z])") if self.place_titles else None
        self.government_head = re.compile(
            r"(?<![A-Za-z])(?:(?:State|Provincial|Union Territory) )?Government of $")
        councils = {c.words: c.jurisdiction for c in rules.councils}
        self.council_default = councils
        # councils and police forces: find the form's words, then the name before them
        self.forms = re.compile(
            rf"(?P<form>{_alt([*councils, *rules.police])})(?![A-Za-z])")
        self.police = set(rules.police)
        self.name_before = re.compile(rf"(?<![A-Za-z])(?P<place>{_CAPW}(?: {_CAPW}){{0,3}}) $")
        self.en_borough = re.compile(
            rf"(?P<name>(?:London Borough|Royal Borough|Metropolitan Borough|"
            rf"City and County|County Borough) of (?P<place>{_CAPW}(?: (?:and )?{_CAPW}){{0,3}}))"
            rf"(?![A-Za-z])")
        self.ministry = re.compile(
            rf"(?P<name>(?:Ministry|Directorate General|Directorate-General) (?:of|for) (?:the )?{_TOPIC})")
        self.ministry_lead = re.compile(rf"(?<![A-Za-z'’])(?P<lead>{_CAPW}(?: {_CAPW}){{0,2}}) $")
        national_kinds = _alt(k for k in _NATIONAL_KINDS if k in self.kinds or k == "Police")
        self.national = re.compile(
            rf"(?P<name>(?:Supreme )?Federal (?:{_CAPW} ){{0,3}}?{national_kinds}"
            rf"(?: (?:of|for) (?:the )?{_TOPIC})?"
            rf"|National (?:{_CAPW} ){{1,4}}?"
            rf"{_alt(k for k in ('Commission', 'Agency', 'Office', 'Authority', 'Administration', 'Directorate') if k in self.kinds)})"
            rf"(?![A-Za-z])")
        self.legislature_tail = re.compile(
            rf"(?:'s|’s)? (?:(?:State|City|County|Provincial|Metropolitan) )?"
            rf"(?P<leg>{_alt(_LEGISLATURES)})(?![A-Za-z])")
        self.city_of = re.compile(rf"City of (?P<place>{_CAPW}(?: {_CAPW})?)(?![A-Za-z])")
        self.police_scotland = re.compile(r"Police (?:Scotland|Service of Northern Ireland)(?![A-Za-z])")
        nonhs = rf"(?!NHS\b){_CAPW}"
        self.nhs_endings = re.compile(
            rf" (?P<form>{_alt(rules.nhs_endings)})(?![A-Za-z])")
        self.nhs_before = re.compile(rf"(?<![A-Za-z])(?P<name>{nonhs}(?:(?: and | & | ){nonhs}){{0,6}})$")
        self.nhs_first = re.compile(
            rf"NHS (?P<rest>{_CAPW}(?: {_CAPW}){{0,4}}(?: and {_CAPW}(?! [A-Z]))?)(?![A-Za-z])")
        self.nhs_stop = set(rules.nhs_stop)
        units = _alt(rules.units)
        self.unit_name = re.compile(
            rf"(?:Office (?:of|for) the (?:{_CAPW} ){{1,4}}Officer"
            rf"|{_CAPW}(?:(?: and | & | of | for | of the | on | |-){_CAPW}){{0,7}})")
        self.unit_end = re.compile(rf"(?:^|[ \-]){units}$")
        self.unit_remit = re.compile(rf"(?P<noun>(?:{_CAPW} ){{0,3}}{units}) (?:on|of|for) (?:the )?[A-Z]")
        self.unit_after = re.compile(
            rf"(?:'s|’s|'|’) (?:new |newly formed |newly created |own |dedicated )?"
            rf"(?P<unit>{self.unit_name.pattern})")
        self.unit_office = re.compile(rf" (?P<unit>Office (?:of|for) the (?:{_CAPW} ){{1,4}}Officer)")
        links = _alt(rules.unit_links)
        self.link_ends = tuple(f" {link} {the}" for link in rules.unit_links
                               for the in ("", "the ", "its "))
        self.unit_before = re.compile(
            rf"(?P<unit>{self.unit_name.pattern}) {links} (?:the |its )?$")
        self.reject_words = re.compile(
            r"(?<![A-Za-z])" + _alt(rules.reject_words) + r"(?![A-Za-z])") if rules.reject_words else None
        self.reject_names = {n.lower() for n in rules.reject_names}
        # Chinese
        self.zh_offices: dict[str, tuple[str, str]] = {}  # office name -> (office id, English)
        self.zh_admin_only: set[str] = set()  # names only after 省/市 (政府: not 北京政府)
        for office in offices:
            if office.jurisdiction != "CN":
                continue
            for name in office.names_zh:
                for variant in zh_variants(name):
                    self.zh_offices.setdefault(variant, (office.id, office.name))
                    if office.administrative_only:
                        self.zh_admin_only.add(variant)
        for name, office_id, english in rules.zh_district_offices:
            for variant in zh_variants(name):
                self.zh_offices.setdefault(variant, (office_id, english))
        suffixes = {v for s in rules.zh_suffixes for v in zh_variants(s)}
        center = zh_variants(rules.zh_center) if rules.zh_center else set()
        self.zh_center = center
        self.zh_center_words = {v for w in rules.zh_center_words for v in zh_variants(w)}
        district = {v for s in rules.zh_district_suffixes for v in zh_variants(s)}
        self.zh_reject = tuple(v for s in rules.zh_reject_starts for v in zh_variants(s))
        self.false_endings = {v for e in ("局限", "局面", "局势", "局部") for v in zh_variants(e)}
        self.zh_not_units = tuple(v for w in rules.zh_not_units for v in zh_variants(w))
        self.zh_unit_false_endings = {v for w in ("司法", "司长", "司机", "司令", "组长", "组织")
                                      for v in zh_variants(w)}
        self.zh_not_district = tuple(v for s in rules.zh_not_districts for v in zh_variants(s))
        generic = (rf"[^{_NOT_IN_UNIT}某\W\d_A-Za-z]{{1,16}}?{_alt(suffixes | center)}"
                   if suffixes else "(?!)")
        office_alt = _alt(self.zh_offices)
        self.zh_after_place = re.compile(
            rf"(?P<admin>省|市|自治区|自治區|縣|县)?(?:(?P<district>[{_CJK}]{{1,4}}?{_alt(district)})"
            rf"(?P<office1>{office_alt}|{generic})|(?P<office2>{office_alt}|{generic}))")
        self.zh_district = re.compile(
            rf"(?P<district>[{_CJK}]{{2}}{_alt(district)})(?P<office>{office_alt})") if district else None
        zh_units = {v for s in rules.zh_units for v in zh_variants(s)}
        zh_links = {v for s in rules.zh_unit_links for v in zh_variants(s)}
        self.zh_unit = re.compile(
            rf"(?P<link>{_alt(zh_links)})?(?P<unit>[^{_NOT_IN_UNIT}\W\d_]{{2,10}}?{_alt(zh_units)})")

    # -- English ------------------------------------------------------------------------

    def _rejected(self, name: str) -> bool:
        return name.lower() in self.reject_names or (
            self.reject_words is not None and self.reject_words.search(name) is not None)

    def english(self, text: str) -> list[Body]:
        """Bodies of a known place, councils, NHS bodies and police forces in ``text``."""
        out: list[Body] = []
        for start, end, _found, (place, *_same) in self.place_finder.finditer(text):
            # the place as listed: the text may spell it with a hyphen ("New-Mexico")
            prefix, code, national = self.places[place]
            m = self.place_tail.match(text, end)
            if m is not None:
                body = self._place_body(text, start, m, prefix, code, national)
                if body is not None:
                    out.append(body)
                    continue
            if national or place not in self.state_places:
                continue  # "the Japanese government" is the country; a city's: offices.toml
            t = self.title_tail.match(text, end) if self.title_tail is not None else None
            if t is not None:
                tail, english = self.place_titles[t.group("title")]
                place_name = text[start:end]
                if code in _HEAD_IS_GOVERNMENT:
                    tail, english = "government", "{place} Government"
                out.append(Body(start, t.end(), text[start:t.end()], f"{prefix}-{tail}",
                                english.replace("{place}", place_name), code))
                continue
            leg = self.legislature_tail.match(text, end)
            if leg is not None:
                out.append(Body(start, leg.end(), text[start:leg.end()],
                                f"{prefix}-{slug(leg.group('leg'))}", text[start:leg.end()], code))
                continue
            g = self.government_tail.match(text, end)
            if g is not None:
                out.append(Body(start, g.end(), text[start:g.end()], f"{prefix}-government",
                                text[start:g.end()], code))
                continue
            h = self.government_head.search(text, max(0, start - 40), start)
            if h is not None:
                out.append(Body(h.start(), end, text[h.start():end], f"{prefix}-government",
                                text[h.start():end], code))
        for m in self.forms.finditer(text):
            if not _word_start(text, m.start()):
                continue
            before = self.name_before.search(text, max(0, m.start() - 60), m.start())
            if before is None:
                continue
            form = m.group("form")
            fallback = "" if form in self.police else self.council_default[form]
            words = before.group("place").split(" ")
            while words and words[0] in self.topic_stop:
                words.pop(0)  # "On Monday District Council said": no place at all
            if not words:
                continue
            place = whole = " ".join(words)
            head, _, tail = form.partition(" ")
            if tail and f"{place} {head}" in self.places:  # "New York City" + "Council"
                place = f"{place} {head}"
            out.extend(self._unknown_place(text[m.start() - len(whole) - 1:m.end()], place,
                                           m.end(), fallback))
        for m in self.ministry.finditer(text):  # "the Ministry of Railways" in an Indian story
            if not _word_start(text, m.start()):
                continue
            name = _cut_topic(m.group("name"), self.kinds, self.topic_stop)
            start = m.start("name")
            # capitalised words right before it are part of the name ("Bavarian State
            # Ministry for Digital Affairs"), unless they are a place (the patterns above)
            lead = self.ministry_lead.search(text, max(0, start - 40), start)
            if lead is not None:
                words = lead.group("lead").split(" ")
                while words and (words[0] in self.topic_stop or words[0] in ("A", "An")):
                    words.pop(0)
                if words and not any(w in self.places for w in words):
                    start -= len(" ".join(words)) + 1
                    name = f"{' '.join(words)} {name}"
            if not self._rejected(name):
                out.append(Body(start, start + len(name), name, "", name, "",
                                id_tail=slug(name), weak=True, any_context=True))
        for m in self.national.finditer(text):  # "the Federal Office for Information Security"
            if not _word_start(text, m.start()):
                continue
            name = _cut_topic(m.group("name"), self.kinds, self.topic_stop)
            if not self._rejected(name):
                out.append(Body(m.start(), m.start() + len(name), name, "", name, "",
                                id_tail=slug(name), weak=True, any_context=True))
        for m in self.city_of.finditer(text):  # "the City of Toronto": the city's government
            if not _word_start(text, m.start()):
                continue
            place = m.group("place")
            known = self.places.get(place)
            if known is not None and not known[2]:
                out.append(Body(m.start(), m.end(), m.group(0), f"{known[0]}-government",
                                m.group(0), known[1]))
            elif known is None and place not in self.topic_stop:
                out.append(Body(m.start(), m.end(), m.group(0), "", m.group(0), "",
                                id_tail=f"{slug(place)}-government", weak=True))
        for m in self.en_borough.finditer(text):
            if not _word_start(text, m.start()):
                continue
            out.extend(self._unknown_place(m.group("name"), m.group("place"), m.end(), "GB"))
        for m in self.police_scotland.finditer(text):
            if not _word_start(text, m.start()):
                continue
            out.append(Body(m.start(), m.end(), m.group(0), f"gb-{slug(m.group(0))}", m.group(0), "GB"))
        for m in self.nhs_first.finditer(text):
            if not _word_start(text, m.start()):
                continue
            words = m.group("rest").split(" ")
            while words and (words[-1] in self.nhs_stop or words[-1] in ("and", "&")):
                words.pop()  # "NHS Lothian Trust" keeps Trust; "NHS Lothian and" does not
            if not words or words[0] in self.nhs_stop:
                continue
            name = "NHS " + " ".join(words)
            if not self._rejected(name):
                out.append(Body(m.start(), m.start() + len(name), name, f"gb-{slug(name)}", name, "GB"))
        for m in self.nhs_endings.finditer(text):
            before = self.nhs_before.search(text, max(0, m.start() - 80), m.start())
            if before is None:
                continue
            name = before.group("name")
            head, sep, tail = name.rpartition(" and ")
            # "… and Leeds Teaching Hospitals": one place word may join by "and", not one
            # that ends another body ("NHS Lothian and Leeds Teaching Hospitals NHS Trust")
            if sep and (" " in head or text.endswith("NHS ", 0, before.start())):
                name = tail
            name = _strip_the(name) + " " + m.group("form")
            if name.lower() not in self.reject_names:
                out.append(Body(m.end() - len(name), m.end(), name, f"gb-{slug(name)}", name, "GB"))
        return out

    def _place_body(self, text: str, start: int, m: re.Match[str], prefix: str, code: str,
                    national: bool) -> Body | None:
        kind = m.group("kind1") or m.group("kind2")
        topic = m.group("topic1") or m.group("topic2") or ""
        if not topic:
            return None
        if f"{topic.rsplit(' ', 1)[-1]} {kind}" in self.police:
            return None  # "New York Police Department": a police form ("… Police Agency" is not)
        if m.group("topic2") and any(w.strip(",") in self.kinds for w in topic.split(" ")):
            return None  # "Surrey County Council and Barnet Council": two bodies, not one
        topic = _cut_topic(topic, self.kinds, self.topic_stop)
        if m.group("kind1"):  # "Ministry for …" and "Ministry of …" are written as given
            rest = f"{kind} {m.group('prep')} {topic}"
            end = m.start("topic1") + len(topic)
        elif kind in self.swap:  # "Ohio Transportation Department" = "… Department of Transportation"
            rest = f"{kind} of {topic}"
            end = m.end()
        else:
            rest = f"{topic} {kind}"
            end = m.end()
        if national and m.group("level"):  # "Germany's Federal Network Agency": part of the name
            rest = f"{m.group('level')} {rest}"
        name = text[start:end]
        if self._rejected(name):
            return None
        return Body(start, end, name, f"{prefix}-{slug(rest)}", name, code, national=national)

    def _unknown_place(self, whole: str, place_words: str, end: int, fallback: str) -> list[Body]:
        name = _strip_the(whole)
        if self._rejected(name):
            return []
        start = end - len(name)
        words = place_words.split(" ")
        # the longest known place among the trailing words gives the jurisdiction
        for i in range(len(words)):
            candidate = " ".join(words[i:])
            if candidate in self.places:
                prefix, code, national = self.places[candidate]
                first = " ".join(words[:i])
                if first and not _all_caps_words(first):
                    break
                own = name[name.index(candidate):]
                start = end - len(own)
                if national:
                    return [Body(start, end, own, f"{prefix}-{slug(own)}", own, code,
                                 national=True, weak=True)]
                rest = own[len(candidate):].strip()
                return [Body(start, end, own, f"{prefix}-{slug(rest)}", own, code, weak=True)]
        if len(words) == 1 and words[0] in ("The", "A", "An", "This", "That"):
            return []
        return [Body(start, end, name, "", name, "", fallback=fallback, id_tail=slug(name),
                     weak=True)]

    def units(self, text: str, agency_start: int, agency_end: int, parent: str) -> list[Body]:
        """Units right next to a listed agency's mention at [agency_start, agency_end)."""
        out: list[Body] = []
        m = self.unit_after.match(text, agency_end) if text.startswith(("'s ", "’s ", "' ", "’ "), agency_end) else None
        if m is None and text.startswith(" Office of the ", agency_end):
            m = self.unit_office.match(text, agency_end)
        if m is not None:
            unit = self._unit(m.group("unit"))
            if unit:
                start = m.start("unit")
                out.append(Body(start, start + len(unit), unit, f"{parent}-{slug(unit)}", unit,
                                "", parent=parent))
        window = text[max(0, agency_start - 160):agency_start]
        m = self.unit_before.search(window) if window.endswith(self.link_ends) else None
        if m is not None:
            unit = self._unit(m.group("unit"), before=True)
            if unit:
                start = agency_start - len(window) + m.start("unit") + m.group("unit").index(unit)
                out.append(Body(start, start + len(unit), unit, f"{parent}-{slug(unit)}", unit,
                                "", parent=parent))
        return out

    def _unit(self, name: str, before: bool = False) -> str:
        """The unit's name cut to end at a unit noun ("" if none), without a leading "The"."""
        name = _strip_the(name)
        if before:  # take the shortest tail that is a whole unit name ("… said its AI Lab")
            words = name.split(" ")
            while words and words[0] in ("The", "A", "An", "Its", "Their", "Our", "New"):
                words.pop(0)
            name = " ".join(words)
        if name.startswith(("Office of the ", "Office for the ")) and name.endswith("Officer"):
            return name
        # "Committee on Technology", "Panel on Information Technology and Broadcasting":
        # a unit noun, then its remit
        remit = self.unit_remit.match(name)
        if remit is not None:
            named = _cut_topic(name, set(), self.topic_stop)
            if not self._rejected(named) and len(named) > remit.end("noun"):
                return named
        cut = name
        while cut and not self.unit_end.search(cut):
            cut = cut.rsplit(" ", 1)[0] if " " in cut else ""
        if not cut or " " not in cut and "-" not in cut or self._rejected(cut):
            return ""
        return cut

    # -- Chinese --------------------------------------------------------------------------

    def chinese(self, text: str, places: list[tuple[int, int, str]],
                covered: list[tuple[int, int]]) -> list[Body]:
        """Offices after a known place (``places``: start, end, location id of each place
        mention) and district offices, except inside ``covered`` spans (offices the office
        list already composed)."""
        out: list[Body] = []
        if not self.zh_offices and not self.rules.zh_suffixes:
            return out
        taken: list[tuple[int, int]] = list(covered)
        for start, end, location_id in places:
            if any(a <= start < b for a, b in taken):
                continue
            m = self.zh_after_place.match(text, end)
            if m is None or text[m.end() - 1:m.end() + 1] in self.false_endings:
                continue  # 数据局限 is "the limits of data", not a data bureau
            code = _jurisdiction_of(location_id)
            admin = m.group("admin") or next(
                (a for a in ("省", "市", "县", "縣", "区", "區") if text.endswith(a, 0, end)), "")
            if m.group("district"):
                district = m.group("district")
                office = m.group("office1")
                body = self._district_body(text, start, m.end(), location_id, district, office,
                                           code)
            else:
                office = m.group("office2")
                known = self.zh_offices.get(office)
                name = text[start:m.end()]
                if known is not None and office in self.zh_admin_only and not admin:
                    continue  # 北京政府 in Hong Kong papers is the central government
                if known is not None:  # an office kind the office list does not compose here
                    english = known[1].replace("{place}", self.english_names.get(location_id, ""))
                    body = Body(start, m.end(), name, f"{location_id}-{known[0]}", name, code,
                                name_en=english if location_id in self.english_names else "")
                elif self._good_office(office, admin):
                    body = Body(start, m.end(), name, f"{location_id}-{pinyin_slug(office)}",
                                name, code)
                else:
                    continue
            if body is not None and m.group("district") and m.group("district").endswith(
                    self.zh_not_district):
                continue
            if body is not None and not any(a < body.end and body.start < b for a, b in taken):
                out.append(body)
                taken.append((body.start, body.end))
        if self.zh_district is not None:
            for m in self.zh_district.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                if text[m.start() - 1:m.start()] in ("市", "省") and m.start() > 0:
                    continue  # a place this matcher does not know: not a district of ours
                if m.group("district").endswith(self.zh_not_district) or not _simplified(m.group(0)) \
                        or text[m.end() - 1:m.end() + 1] in self.false_endings:
                    continue  # 特区 (SAR), 园区 (park) …; Traditional text: not the mainland
                city = _nearest_city([p for p in places if p[2] not in self.zh_districts],
                                     m.start())
                body = self._district_body(text, m.start(), m.end(), city, m.group("district"),
                                           m.group("office"), "CN", bare=city == "")
                if body is not None:
                    out.append(body)
                    taken.append((body.start, body.end))
        return out

    def _good_office(self, office: str, admin: str) -> bool:
        if office.startswith(self.zh_reject) or "党" in office or "黨" in office:
            return False
        if office.endswith(self.zh_not_units):
            return False  # 政务大厅 is a hall, not a 厅 (department)
        if any(office.endswith(c) for c in self.zh_center):
            return any(w in office for w in self.zh_center_words)
        return bool(admin) or len(office) >= 3

    def _district_body(self, text: str, start: int, end: int, city: str, district: str,
                       office: str, code: str, bare: bool = False) -> Body | None:
        known = self.zh_offices.get(office)
        if known is None and not self._good_office(office, "区"):
            return None
        # read with its suffix, so polyphones take the district's reading (朝阳区: chaoyang)
        syllables = 2 if district.endswith(("新区", "新區")) else 1
        district_slug = "".join(pinyin_syllables(district)[:-syllables]) or pinyin_slug(district)
        office_id = known[0] if known else pinyin_slug(office)
        prefix = city if city else code.lower()
        name = text[start:end]
        english = ""
        if known:
            kind = "County" if district.endswith(("县", "縣")) else "District"
            english = known[1].replace("{place}", f"{district_slug.capitalize()} {kind}")
        return Body(start, end, name, f"{prefix}-{district_slug}-{office_id}", name, code,
                    name_en=english, bare=f"{district_slug}-{office_id}" if bare else "")

    def chinese_units(self, text: str, agency_end: int, parent: str) -> Body | None:
        m = self.zh_unit.match(text, agency_end)
        if m is None:
            return None
        unit = m.group("unit")
        if not m.group("link") and any(unit.endswith(c) for c in self.zh_center) and not any(
                w in unit for w in self.zh_center_words):
            return None  # 轄下的消防通訊中心 is a unit; a bare 中心 after a name needs more
        if unit.startswith(self.zh_reject) or unit.endswith(self.zh_not_units):
            return None
        if text[m.end() - 1:m.end() + 1] in self.zh_unit_false_endings:
            return None  # 发布司法解释: 司法 (judicial), not a 司 (department)
        return Body(m.start("unit"), m.end(), unit, f"{parent}-{pinyin_slug(unit)}", unit, "",
                    parent=parent)


def _word_start(text: str, start: int) -> bool:
    """True when ``start`` begins a word (the patterns leave out a look-behind so that
    the regex engine can skip ahead to their first literal)."""
    return start == 0 or not (text[start - 1].isascii() and text[start - 1].isalpha())


def _strip_the(name: str) -> str:
    for article in ("The ", "the "):
        if name.startswith(article):
            return name[len(article):]
    return name


def _all_caps_words(words: str) -> bool:
    return all(w[:1].isupper() for w in words.split(" "))


def _cut_topic(topic: str, kinds: set[str], stop: frozenset[str] = frozenset()) -> str:
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


def _jurisdiction_of(location_id: str) -> str:
    return location_id.split("-", 1)[0].upper()


def _nearest_city(places: list[tuple[int, int, str]], start: int) -> str:
    """The closest mainland place mentioned before ``start`` (a district's city)."""
    best = ""
    for s, _e, location_id in places:
        if s < start and location_id.startswith("cn-"):
            best = location_id
    return best


def _simplified(text: str) -> bool:
    """True when ``text`` reads the same in Simplified script (mainland text)."""

    return bool(to_simplified(text) == text)
