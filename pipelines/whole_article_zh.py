"""Chinese bodies read again once the whole article is tagged (issue #12): the rules of
pipelines/whole_article.py that read Chinese names.

- :func:`the_one_city`: 市府 and 市議會 are the government and council of the one
  Taiwanese city (:func:`taiwan_cities`) the article's other bodies belong to, and a
  district's office (仁武區公所) that government's unit;
- :func:`city_units`: a bureau written after a Taiwanese city's name (新北市勞工局) is the
  unit of that city's government it is when written after the government (新北市政府勞工局);
- :func:`parents_outside_units`: a listed body written only as the head of its unit's
  Chinese name (立法會資訊科技及廣播事務委員會) is found through the unit, not tagged itself;
- :func:`this_ones`: 該署 ("this department") before a unit's name (該署緊急事故交通協調中心)
  is the agency named last whose name ends so, and the unit its unit;
- :func:`units_under`: 轄下 ("under it") before a unit's name, apart from any agency's
  name (金管局隨即公布，轄下金融科技促進辦公室), makes the unit the agency's named last in
  the sentence.

Each takes and returns the tagger's accepted mentions (pipelines/unlisted.py ``Accepted``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import replace
from itertools import accumulate
from typing import Any

from crawler.shared.text import HAN, HAN_CHAR, NO_NAME_BEFORE
from pipelines.accepted import Accepted, Entry
from pipelines.body_ids import pinyin_slug

# 市府 / 市議會 (縣府 / 縣議會 for a county) standing for "the city's" government and
# council, after a word that is no name (北市府 and 高市府 are the listed names themselves)
# ... and 市長 / 副縣長 alone, the head standing for the government (市長在現場致詞時表示)
_CITY_RELATIVE = re.compile(rf"(?:(?<![{HAN}])|(?<=[{NO_NAME_BEFORE}]))(?P<level>[市縣县])"
                            rf"(?P<council>議會|议会)|(?P<level2>[市縣县])(?P<government>府)"
                            rf"|(?:(?<![{HAN}])|(?<=[{NO_NAME_BEFORE}]))(?:副)?"
                            rf"(?P<level3>[市縣县])(?P<head>長|长)")
_RELATIVE_GOVERNMENTS = frozenset({"市府", "縣府", "县府"})
# a district's office (仁武區公所, 北區公所), the city government's unit in each of its
# districts: a name of one or two characters, none of them a word of the sentence (並在區公所,
# 向區公所) or of all the districts (各區公所, 12個區公所)
_DISTRICT_OFFICE = re.compile(rf"(?:(?<![{HAN}])|(?<=[{NO_NAME_BEFORE}市]))"
                              rf"(?:(?![{NO_NAME_BEFORE}並并已也至到前個个各全该該本每所諸诸])[{HAN}]){{1,2}}"
                              rf"[區区]公所")


def taiwan_cities(entries: dict[tuple[str, str], Entry], counties: Iterable[str] = ()
                  ) -> dict[str, tuple[Entry, Entry | None, str]]:
    """Taiwan's listed city and county governments by id prefix ("tw-kh"), each with its
    council and the level characters that name them (市, 縣 or both: 新竹市 and 新竹縣 are
    one place here). ``counties``: the id prefixes of the places named as counties. (The
    listed units of these governments, by their Chinese names without the government's:
    :func:`listed_city_units`.)"""
    county = set(counties)
    out: dict[str, tuple[Entry, Entry | None, str]] = {}
    for (kind, _i), e in entries.items():
        if kind != "agency" or e.jurisdiction != "TW" or not e.id.endswith("-gov"):
            continue
        prefix = e.id[:-4]
        # (a county's government is the office list's composed one: 新竹縣政府)
        city = e.listed and e.name.endswith("City Government")
        if city or prefix in county:
            level = ("市" if city else "") + ("縣县" if prefix in county else "")
            out[prefix] = (e, entries.get(("agency", prefix + "-council")), level)
    return out


def listed_city_units(agencies: Iterable[Any], governments: dict[str, str]
                      ) -> dict[tuple[str, str], str]:
    """(government id, unit's Chinese name) -> listed id, for Taiwan's listed units written
    with their government's name (高雄市政府研究發展考核委員會 is tw-kh-rdec: after 市府, the
    unit 研究發展考核委員會 is that listing). ``governments``: Chinese name -> government id."""
    out: dict[tuple[str, str], str] = {}
    for a in agencies:
        if a.jurisdiction != "TW":
            continue
        for name in a.names_zh_hant:
            for government_name, government in governments.items():
                if name.startswith(government_name) and len(name) > len(government_name) \
                        and government != a.id:
                    out[government, name[len(government_name):]] = a.id
    return out


def the_one_city(fields: tuple[str, str], accepted: list[Accepted],
                 cities: dict[str, tuple[Entry, Entry | None, str]],
                 unit_after: Callable[[str, int, str], Any] | None = None,
                 listed_units: dict[tuple[str, str], Entry] | None = None) -> list[Accepted]:
    """``accepted`` plus 市府 and 市議會 as the government and council of the one Taiwanese
    city the article's other bodies belong to (高雄市政府交通局 … 市府表示), a unit written
    right after 市府 (``unit_after(text, end, parent_id)``: a Body or None; the listed
    entry of that name when ``listed_units`` has it), and a
    district's office (仁武區公所) as its government's unit: ``cities`` maps a city's id
    prefix ("tw-kh") to its government and council entries and the level characters that
    name it (市, 縣). Nothing when the article names no such city or several."""
    # (the distinct Taiwanese ids first: an article's mentions are many, its bodies few)
    ids = {i for _f, _s, e, _t in accepted for i in (e.id, e.parent) if i.startswith("tw-")}
    named = {prefix for prefix in cities if any(i.startswith(prefix + "-") for i in ids)}
    if len(named) != 1:
        return accepted
    government, council, level = cities[named.pop()]
    taken = {(f, s) for f, s, _e, _t in accepted}
    out = list(accepted)
    for fld, text in enumerate(fields):
        spans = sorted((s, s + len(t)) for f, s, _e, t in accepted if f == fld)
        starts = [a for a, _b in spans]
        reach = list(accumulate((b for _a, b in spans), max))  # furthest end so far
        for m in _CITY_RELATIVE.finditer(text):
            # 市府 after any word (要求市府), but not inside a name (北市府 is listed)
            if (m.group("level") or m.group("level2") or m.group("level3")) not in level:
                continue  # 縣府 in a story on a city: another county's
            entry = government if m.group("government") or m.group("head") else council
            i = bisect_right(starts, m.start())
            inside = bool(i) and reach[i - 1] > m.start()
            if entry is not None and (fld, m.start()) not in taken and not inside:
                out.append((fld, m.start(), entry, m.group(0)))
                # … and its unit written right after it (縣府教育處長林志成: the education
                # department of the county's government)
                unit = unit_after(text, m.end(), entry.id) \
                    if unit_after is not None and m.group("government") else None
                if unit is not None and not any(
                        a < unit.end and unit.start < b for a, b in spans):
                    listed = (listed_units or {}).get((government.id, unit.text))
                    out.append((fld, unit.start, listed or Entry(
                        "agency", unit.id, unit.name, government.jurisdiction, listed=False,
                        parent=government.id), unit.text))
        for m in _DISTRICT_OFFICE.finditer(text):
            office = m.group(0)
            if (fld, m.start()) in taken:
                continue
            unit = Entry("agency", f"{government.id}-{pinyin_slug(office)}", office,
                         government.jurisdiction, listed=False, parent=government.id)
            out.append((fld, m.start(), unit, office))
    return out


def city_governments(agencies: Iterable[Any], locations: Iterable[Any]) -> dict[str, str]:
    """Taiwan's cities and counties by location id ("tw-new-taipei"), each with the id of its
    listed government ("tw-ntpc-gov"): the government's Chinese name is the place's then
    政府 (新北市 → 新北市政府)."""
    governments = {name: a.id for a in agencies if a.jurisdiction == "TW"
                   and a.id.endswith("-gov") for name in a.names_zh_hant}
    return {loc.id: governments[f"{name}政府"] for loc in locations
            if loc.jurisdiction == "TW" and loc.kind in ("city", "district")
            for name in loc.names_zh_hant[:1] if f"{name}政府" in governments}


# courts and prosecutors sit in a city without being its government's (高雄地方法院)
_NOT_CITY_UNITS = ("法院", "檢察署", "地檢署", "法院检察署")


def city_units(accepted: list[Accepted], governments: dict[str, str]) -> list[Accepted]:
    """``accepted`` with each unlisted body of a Taiwanese city or county written after the
    place's name (新北市勞工局, id tw-new-taipei-laogongju) read as the unit of the place's
    government it is when written after the government (新北市政府勞工局, id
    tw-ntpc-gov-laogongju, parent tw-ntpc-gov): one body, one id, found by filtering on the
    government; so is the body's own unit (台中市警察局第一分局). ``governments``:
    :func:`city_governments`."""
    renamed: dict[str, str] = {}  # the body's id -> its id as the government's unit
    out: list[Accepted] = []
    for fld, start, entry, found in accepted:
        if not entry.listed and entry.jurisdiction == "TW" and not entry.parent \
                and not entry.name.endswith(_NOT_CITY_UNITS):
            place = entry.id.rsplit("-", 1)[0]
            government = governments.get(place)
            if government is not None:
                new_id = renamed[entry.id] = f"{government}-{entry.id[len(place) + 1:]}"
                entry = replace(entry, id=new_id, parent=government)
        out.append((fld, start, entry, found))
    if not renamed:
        return out
    return [(fld, start, replace(entry, id=renamed[entry.parent] + entry.id[len(entry.parent):],
                                 parent=renamed[entry.parent]), found)
            if entry.parent in renamed and not entry.listed else (fld, start, entry, found)
            for fld, start, entry, found in out]


def parents_outside_units(accepted: list[Accepted]) -> list[Accepted]:
    """``accepted`` without a listed body written only as the head of its unit's Chinese
    name (立法會資訊科技及廣播事務委員會 names the panel, whose ``parent`` is the Legislative
    Council; filtering by the parent finds the unit): a body named on its own anywhere in
    the article keeps its tag. An English head is a name of its own ("Parliament's
    Transport Committee", "the Senate Blue Ribbon Committee" name the chamber too, as
    readers and analysts count it) and keeps its tag; so does a unit heading its own unit
    (高雄市政府警察局交通警察大隊: the police bureau is the city government's unit, and
    named)."""
    heads: dict[str, set[tuple[int, int]]] = {}  # parent id -> where its units start
    for fld, start, entry, _found in accepted:
        if entry.parent:
            heads.setdefault(entry.parent, set()).add((fld, start))
    if not heads:
        return accepted

    def heading(fld: int, start: int, entry: Entry, found: str) -> bool:
        if found.isascii() or found in _RELATIVE_GOVERNMENTS:
            return False  # (市府 before its unit is a mention of the city's government too)
        end = start + len(found)
        return any((fld, at) in heads.get(entry.id, ()) for at in (end, end + 1))

    alone = {entry.id for fld, start, entry, found in accepted
             if entry.id in heads and (entry.parent or not heading(fld, start, entry, found))}
    return [a for a in accepted if a[2].id not in heads or a[2].id in alone]


# 該署, 该局, 該院 …: "this department", "this bureau", "this court" (either script)
# (署方 "the department" where a unit's name follows, 署方交通控制組, 局方已成立…工作小組,
# 署方轄下…: 局方系統… is the bureau's system, no unit)
_THIS_ONE = re.compile("[該该](?P<kind>[署局處处部院])|(?P<side>[署局])方的?"
                       # … and 部內 / 署內, "within the ministry": 由部內數位政府司規劃
                       "|(?<![\u4e00-\u9fff])(?P<inside>[署局部])[內内]"
                       "|(?<=[由在經经與与])(?P<inside2>[署局部])[內内]")
_SAME_CHAR = {"處": "处"}  # one key for both scripts' 處 / 处


def _chinese_agencies(accepted: list[Accepted], fld: int) -> list[tuple[int, Entry, str]]:
    """(offset, entry, name as written) of each agency written in Chinese in field ``fld``,
    in the text's order."""
    return sorted(((s, e, found) for f, s, e, found in accepted
                   if f == fld and e.kind == "agency" and HAN_CHAR.search(found)),
                  key=lambda a: a[0])


def this_ones(fields: tuple[str, str], accepted: list[Accepted],
              unit_after: Callable[[str, int, str], Any]) -> list[Accepted]:
    """``accepted`` plus 該署 ("this department") or 署方 ("the department") as a mention of
    the Chinese agency named last before it whose name ends in that character, where the
    name of a unit follows (該署緊急事故交通協調中心, 署方轄下智慧出行組): the units pass (pipelines/unlisted.py ``add_units``) then
    finds the unit after it. ``unit_after(text, end, parent_id)``: the unit written at
    ``end``, or None (BodyMatcher.chinese_units)."""
    out = list(accepted)
    for fld, text in enumerate(fields):
        if not any(w in text for w in ("該", "该", "署方", "局方", "署內", "局內", "部內",
                                        "署内", "局内", "部内")):
            continue
        # the agencies by the last character of their name as written, in the text's order
        by_end: dict[str, tuple[list[int], list[Entry]]] = {}
        for s, e, found in _chinese_agencies(accepted, fld):
            starts, entries = by_end.setdefault(_SAME_CHAR.get(found[-1], found[-1]), ([], []))
            starts.append(s)
            entries.append(e)
        for m in _THIS_ONE.finditer(text):
            # (署方, "the department's side"; 部內, "within the ministry")
            kind = m.group("kind") or m.group("side") or m.group("inside") or m.group("inside2")
            starts, entries = by_end.get(_SAME_CHAR.get(kind, kind), ([], []))
            i = bisect_left(starts, m.start())
            entry = entries[i - 1] if i else None
            unit = unit_after(text, m.end(), entry.id) if entry is not None else None
            if unit is not None and m.group("side") and unit.start == m.end() \
                    and not m.group(0).endswith("的") and unit.text.endswith("中心"):
                continue  # 局方數據中心: the bureau's data centre, a place more than a unit
            if entry is not None and unit is not None:
                out.append((fld, m.start(), entry, m.group(0)))
    return out


# 轄下 / 旗下 / 屬下 ("under it") apart from a name: the sentence's agency's unit follows
_SENTENCE_REACH = 400
_UNDER_IT = re.compile("(?<=[，,、；])(?:[轄辖旗屬属]下的?)")


def units_under(fields: tuple[str, str], accepted: list[Accepted],
                unit_after: Callable[[str, int, str], Any]) -> list[Accepted]:
    """``accepted`` plus the unit a clause of its own names after 轄下 ("under it"), as a
    unit of the Chinese agency named last in the same sentence (金融管理局（金管局）隨即公布，
    轄下金融科技促進辦公室將推出…: the Fintech Facilitation Office is the HKMA's).
    ``unit_after(text, end, parent_id)``: the unit written at ``end``, or None
    (BodyMatcher.chinese_units)."""
    out = list(accepted)
    for fld, text in enumerate(fields):
        if not _UNDER_IT.search(text):
            continue
        named = _chinese_agencies(accepted, fld)
        starts = [s for s, _e, _t in named]
        taken = {s for f, s, _e, _t in accepted if f == fld}
        for m in _UNDER_IT.finditer(text):
            # (a sentence is read back at most _SENTENCE_REACH characters)
            reach = max(0, m.start() - _SENTENCE_REACH)
            sentence = max(reach - 1, *(text.rfind(c, reach, m.start()) for c in "。！？\n"))
            i = bisect_left(starts, m.start())
            entry = named[i - 1][1] if i and starts[i - 1] > sentence else None
            unit = unit_after(text, m.end(), entry.id) if entry is not None else None
            if entry is None or unit is None or unit.start in taken:
                continue
            out.append((fld, unit.start, Entry("agency", unit.id, unit.name, entry.jurisdiction,
                                               listed=False, parent=entry.id), unit.text))
    return out
