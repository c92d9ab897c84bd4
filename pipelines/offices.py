"""Offices named by their place: a composed office (a city's or district's bureau, config/gazetteers/offices.toml)
found in the text by its place and office words, in English and Chinese, for the Tagger
(pipelines/tagger.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crawler.config import Gazetteer
from crawler.config.offices import ADMIN_SUFFIXES, zh_forms
from crawler.shared.text import HAN, NO_NAME_BEFORE
from pipelines.matcher import zh_variants

MAX_NAME = 200  # longer than any gazetteer name


AND_WORD = re.compile(r",? and (?:the )?([A-Z][A-Za-z]*)")


HAS_ASCII_UPPER = re.compile(r"[A-Z]")


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


# 市 / 省 standing for the one city or province of the text: after no Chinese character
# (start of a sentence), a word that ends no name (由市发改委; NO_NAME_BEFORE), 該/本/我
# ("this": 该市, 本市) or a verb no place's name ends with (受省政府委托, 建议省人社厅,
# 要求市…, 通过省发改委官网); 成都市发改委 is read with its place
_RELATIVE = re.compile(rf"(?:(?<![{HAN}])|(?<=[{NO_NAME_BEFORE}該该本我受议議求促称稱过過]))"
                       r"(?:[該该本我](?=[市省]))?([市省])")


_LEVEL = re.compile(r" (?:provincial|municipal|city|prefectural) (?=[a-z])")


# An office name ending in 局 followed by 限/面/势/部 is the word 局限 (limits), 局面
# (situation), 局势 (situation) or 局部 (partial): 数据局限 is "the limits of data".
FALSE_ENDINGS = ("局限", "局面", "局势", "局部",
                 # 人大附中 is Renmin University's affiliated school, not the people's congress
                 "大附")
# a head of a province, city or county written with the place's own suffix (縣長 after
# 屏東縣), and the characters after 長 that make it another word or a place: 長者 (the
# elderly), 長期 / 長久 / 長遠 / 長達 / 長年 (long), 長照 (long-term care), 長輩, 長途, 長度,
# 長效, 長足, 長假, 長青, 長壽, 長大; places 長沙, 長春, 長江, 長寧, 長興, 長治, 長濱, 長安,
# 長白山, 長城, 長三角; 長庚 (a hospital)
_HEAD = ("長", "长")
_NOT_HEAD = frozenset("者期久远遠达達年照辈輩途度效足假青寿壽大沙春江宁寧兴興治滨濱安白城三庚时時")


class OfficeMatcher:
    """Offices made of a place and an office name (offices.toml, crawler/config/offices.py),
    found next to the place mentions the main matcher already found: 苏州 + 市 + 数据局,
    "Suzhou" + " municipal data bureau", "data bureau of " + "Suzhou". The suffix between
    place and office (省 province, 市 city) decides between places sharing a name."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.admin = ADMIN_SUFFIXES
        # offices are keyed by (jurisdiction, office id): "gov" is one office in CN, another in TW
        self.composed: dict[tuple[str, tuple[str, str]], str] = {}  # (place, office) -> agency
        for a in gazetteer.agencies:
            if a.place:
                self.composed[a.place, (a.jurisdiction, a.id[len(a.place) + 1:])] = a.id
        self.by_key = {(o.jurisdiction, o.id): o for o in gazetteer.offices}
        self._listed_offices(gazetteer)
        self.place_of = {agency: place for (place, _key), agency in self.composed.items()}
        self.kinds = {p.id: p.kind for p in gazetteer.locations}
        zh: dict[str, set[tuple[str, str]]] = {}  # office name (either script) -> offices
        after: dict[str, list[tuple[str, tuple[str, str]]]] = {}  # English text after the place
        for office in gazetteer.offices:
            key = (office.jurisdiction, office.id)
            for name in office.names_zh:
                for variant in zh_variants(name):
                    zh.setdefault(variant, set()).add(key)
            for before, rest in office.templates():
                after.setdefault(rest, []).append((before, key))
        self.zh_names = zh
        for entries in after.values():  # the longest text before the place is tried first
            entries.sort(key=lambda entry: -len(entry[0]))
        self.after = after
        self.zh_re = _alternation(zh, prefix="(" + "|".join(ADMIN_SUFFIXES) + ")?")
        self.false_endings = {v for e in FALSE_ENDINGS for v in zh_variants(e)}
        # one-word English endings a place's own name may already include ("Zhejiang
        # Province"): the template "… of {place} province" still fits
        self.tails = {k.strip(): k for k in after if k.strip() and " " not in k.strip()}
        self.en_re = _alternation({k for k in after if k}, suffix="(?![a-z0-9])")

    def _listed_offices(self, gazetteer: Gazetteer) -> None:
        """A mainland province's or city's office that agencies.toml lists under an id of
        its own (广东省工信厅 is cn-gd-miit, so none is composed) is still that place's
        office: "省工信厅" in a story about Guangdong is it."""
        listed = {v: a.id for a in gazetteer.agencies if not a.place
                  for n in (*a.names_zh_hans, *a.names_zh_hant) for v in zh_variants(n)}
        offices = [o for o in gazetteer.offices if o.jurisdiction == "CN" and o.names_zh]
        for place in gazetteer.locations:
            if place.jurisdiction != "CN" or place.kind not in ("city", "province"):
                continue
            forms = [f for f in zh_forms(place) if f.endswith(("市", "省"))]
            for office in offices:
                key = (office.jurisdiction, office.id)
                if (place.id, key) in self.composed:
                    continue
                hits = {listed[f + n] for f in forms for n in office.names_zh if f + n in listed}
                if len(hits) == 1:
                    self.composed[place.id, key] = hits.pop()

    def find(self, text: str, mentions: list[tuple[int, int, str, list[tuple[str, str, bool]]]]
             ) -> list[tuple[int, str, str]]:
        """(start, matched text, agency id) of each office next to a place mention."""
        if not self.composed:
            return []
        lowered = text.lower()
        if len(lowered) != len(text):  # keep offsets: lower-case ASCII only
            lowered = text.translate(_ASCII_LOWER)
        out = []
        for start, end, found, payloads in mentions:
            places = [i for k, i, _amb in payloads if k == "location"]
            if not places:
                continue
            hit = self._zh(text, end, found, places) or self._en(lowered, start, end, places)
            if hit is not None:
                agency_id, stop = hit
                out.append((start, text[start:stop], agency_id))
        if self.zh_re is not None and ("市" in text or "省" in text):
            out += self._relative(self.zh_re, text, mentions, out)
        return out  # agency id "" = a local office of a place with no such office composed

    def _relative(self, zh_re: re.Pattern[str], text: str, mentions: list[tuple[int, int, str, list[tuple[str, str, bool]]]],
                  found: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
        """Offices of "the city" or "the province" the text is about, named without it
        (市发改委, 该市数据局, 省发改委): the one mainland city (province) the text names.
        None when it names none or several."""
        named: dict[str, set[str]] = {"市": set(), "省": set()}
        for _s, _e, _f, payloads in mentions:
            for k, place, _amb in payloads:
                if k == "agency":  # 广东省发展和改革委员会 names Guangdong too
                    place = self.place_of.get(place, "")
                    k = "location" if place else k
                if k == "location" and place.startswith("cn-"):
                    kind = self.kinds.get(place)
                    if kind in ("city", "province"):
                        named["市" if kind == "city" else "省"].add(place)
        taken = [(s, s + len(f)) for s, f, _a in found]
        out: list[tuple[int, str, str]] = []
        for m in _RELATIVE.finditer(text):
            level = m.group(1)
            if any(a <= m.start() < b for a, b in taken):
                continue
            office = zh_re.match(text, m.end())
            if office is None or office.group(1) or text[office.end() - 1:office.end() + 1] \
                    in self.false_endings:
                continue
            ids: set[str] = set()
            if len(named[level]) == 1:
                place = next(iter(named[level]))
                ids = {a for key in self.zh_names[office.group(2)]
                       if (a := self.composed.get((place, key))) is not None}
            # a city's office of a city the text does not say is still no national one
            # (市发改委 is not the NDRC): the span is kept, with no agency
            out.append((m.start(), text[m.start():office.end()], ids.pop() if len(ids) == 1 else ""))
            taken.append((m.start(), office.end()))
        return out

    def _zh(self, text: str, end: int, found: str, places: list[str]) -> tuple[str, int] | None:
        """(agency id or "", end of the office name) of a Chinese office after a place."""
        m = self.zh_re.match(text, end) if self.zh_re is not None else None
        head = "" if m is not None else self._head_suffix(text, end, found)
        if head and self.zh_re is not None:  # 屏東縣長, 上海市长: the place's suffix opens the head's title (縣長)
            m = self.zh_re.match(text, end - len(head))
            if m is None or m.group(1) or not m.group(2).startswith(head):
                return None
        if m is None or text[m.end() - 1:m.end() + 1] in self.false_endings:
            return None  # 数据局限 is "data limits", not a data bureau
        suffix = m.group(1) or head or next((s for s in self.admin if found.endswith(s)), "")
        # (a suffix written after the place says its kind; one inside the place's own name
        # is the place's: 新竹縣 is Hsinchu's, whose list kind is a city)
        kinds = self.admin.get(suffix) if m.group(1) else None
        ids = set()
        for key in self.zh_names[m.group(2)]:
            if self.by_key[key].administrative_only and not suffix:
                continue
            for place in places:
                agency = self.composed.get((place, key))
                if agency is not None and (kinds is None or self.kinds.get(place) in kinds):
                    ids.add(agency)
        # 吉林市教育局 with no Jilin city composed is still a local office, not Hong Kong's
        # 教育局: the span is kept, with no agency
        return (ids.pop() if len(ids) == 1 else "", m.end())

    def _head_suffix(self, text: str, end: int, found: str) -> str:
        """The administrative suffix ending ``found`` when a head's 長/长 follows it and
        starts no other word (宜蘭縣長 is the county's head; 宜蘭縣長者, 廣東省長期 are its
        elderly and "for long"; 湖南省長沙市 is another place)."""
        if text[end:end + 1] not in _HEAD or text[end + 1:end + 2] in _NOT_HEAD:
            return ""
        return next((s for s in self.admin if found.endswith(s)), "")

    def _en(self, lowered: str, start: int, end: int, places: list[str]) -> tuple[str, int] | None:
        candidates = list(self.after.get("", ()))
        stop = end
        m = self.en_re.match(lowered, end) if self.en_re is not None else None
        if m is None and self.en_re is not None:  # "Sichuan Provincial Department of …"
            level = _LEVEL.match(lowered, end)
            if level is not None:
                m = self.en_re.match(lowered, level.end() - 1)
        if m is not None:
            candidates = self.after[m.group(1)] + candidates
            stop = m.end()
        else:
            last = lowered[start:end].rsplit(" ", 1)[-1]
            if last in self.tails and " " in lowered[start:end]:
                candidates = self.after[self.tails[last]] + candidates
        ids = set()
        for before, key in candidates:
            if before and not lowered.endswith(before, 0, start):
                continue
            for place in places:
                agency = self.composed.get((place, key))
                if agency is not None:
                    ids.add(agency)
            if ids:
                break  # the longest template that fits wins
        return (ids.pop(), stop) if len(ids) == 1 else None


def _alternation(words: Iterable[str], prefix: str = "", suffix: str = "") -> re.Pattern[str] | None:
    """A regex matching any of ``words`` (longest first) as group 1 (or 2 after a prefix group)."""
    ordered = sorted(set(words), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(prefix + "(" + "|".join(re.escape(w) for w in ordered) + ")" + suffix)
