"""Chinese bodies no list names (the patterns compiled by pipelines/bodies.py); their
units are pipelines/bodies_zh_units.py's."""

from __future__ import annotations

import re
from typing import Any

from crawler.shared.text import HAN, NO_NAME_BEFORE
from pipelines.body_ids import (
    Body,
    jurisdiction_of,
    nearest_city,
    pinyin_slug,
    pinyin_syllables,
    reads_simplified,
)

# what follows a district's name (福田区, 昆山县) before its office
_DISTRICT_ENDS = ("区", "區", "县", "縣")
# words no unit's name holds (a verb of setting up, of working with or relying on, a link
# word): 该局依托区大数据中心 is the bureau relying on the district's centre
NOT_IN_NAME = ("設立", "设立", "成立", "增設", "增设", "設置", "设置", "開設", "开设", "轄下", "辖下",
               "屬下", "属下", "要求", "依托", "依託", "联合", "聯合", "借助", "配合", "协同", "協同",
               "联同", "聯同",  # "together with": 屋宇署聯同民政處…
               # setting up, inviting, launching: 组建专班, 曾邀請…實驗室, 推出…服务中心
               "组建", "組建", "邀请", "邀請", "推出",
               # having, holding: 贵安新区建有大型数据中心 (the zone has data centres)
               "建有", "拥有", "擁有", "设有", "設有")
# the words that stand for a development zone its story has named (园区 for 苏州工业园区, 高新区
# for 成都高新区), where no name's character comes before them (其他园区 is another park;
# 来自园区…, "from the zone's …", is the zone's)
_ZONE_WORD = re.compile(rf"(?:(?<![{HAN}])|(?<=[{NO_NAME_BEFORE}自于於到]))"
                        r"(?P<word>工业园区|高新区|经开区|开发区|新片区|新区|科技城|园区"
                        r"|工業園區|高新區|經開區|開發區|新片區|新區|科技城|園區)")
# a subdistrict's office (莲花街道办事处)
_SUBDISTRICT_OFFICES = ("街道办事处", "街道辦事處")
# words of reject_starts that start phrases elsewhere but subdistricts' names too (新安街道,
# 学院路街道)
_SUBDISTRICT_STARTS = ("新", "学院", "學院")
# a county a headline or a text opens with (德清县成立专班…, 湖州日报讯 德清县日前…): the
# article's county when no office names it
_LEAD_COUNTY = re.compile("^(?:[^。，\n]{0,12}?(?:讯|訊|电|電|报道|報道|消息)[\\s：:]*)?"
                          f"(?P<county>(?:(?![{NO_NAME_BEFORE}全本该該各每])[\u4e00-\u9fff]){{2,3}}?"
                          "[县縣])(?![城区區长長委政人])")
# the county's or district's head, named alone (县长表示, 副区长): its government
_BARE_HEAD = re.compile(f"(?:(?<![\u4e00-\u9fff])|(?<=[{NO_NAME_BEFORE}]))"
                        "(?:常务副|常務副|副)?(?P<kind>县|縣|区|區)(?:长|長)")
# what a task force's own name does not hold: an office (区政数局设专班 is the bureau setting
# one up) or a verb of staffing it (住建局抽调技术人员组成驻点工作组)
_NOT_IN_TASK_FORCE = ("局", "设", "設", "由", "承担", "承擔", "组成", "組成", "抽调", "抽調",
                      "牵头", "牽頭")
TASK_FORCE_END = re.compile("(?:工作)?(?:专班|專班|组|組|小组|小組)$")
# the district's or county's own task force or working group (区AI政务应用工作专班,
# 县智慧植保工作专班, 成立了区人工智能应用推进工作组): a unit of its government
_DISTRICT_TASK_FORCE = re.compile(
    f"(?:(?<![\u4e00-\u9fff])|(?<=[{NO_NAME_BEFORE}了立建]))(?P<kind>县|縣|区|區)"
    "(?P<unit>(?:[A-Za-z]|[\u4e00-\u9fff]){2,14}?(?:工作专班|工作專班|专班|專班|工作组|工作組"
    "|工作小组|工作小組|领导小组|領導小組|专责小组|專責小組))")


class ChineseBodies:
    """The Chinese forms: a place (province, city, district, county) and an office suffix,
    and the offices named relative to the one district, county or zone a story is about
    (a body's units: pipelines/bodies_zh_units.py)."""

    # set by BodyMatcher.__init__ (pipelines/bodies.py) from the gazetteer
    english_names: Any
    false_endings: Any
    rules: Any
    zh_admin_only: Any
    zh_after_place: Any
    zh_center: Any
    zh_center_words: Any
    zh_district: Any
    zh_districts: Any
    zh_cities: Any
    zh_not_district: Any
    zh_not_units: Any
    zh_places: Any
    zh_offices: Any
    zh_reject: Any
    zh_relative: Any
    zh_heads: Any
    zh_unit: Any
    zh_unit_false_endings: Any
    zh_unit_suffixes: Any
    zh_zones: Any
    zh_zone_office: Any
    zh_zone_office_names: Any

    def chinese(self, text: str, places: list[tuple[int, int, str]],
                covered: list[tuple[int, int]]) -> list[Body]:
        """Offices after a known place (``places``: start, end, location id of each place
        mention) and district offices, except inside ``covered`` spans (offices the office
        list already composed)."""
        out: list[Body] = []
        if not self.zh_offices and not self.rules.zh_suffixes:
            return out
        taken: list[tuple[int, int]] = list(covered)
        # a street or subdistrict named after a place (越秀区北京街道, 北京路) is no mention of it
        places = [p for p in places if not text.startswith(("街道", "路"), p[1])]
        # where a city's name starts: 江苏省昆山市数据局 is Kunshan's office, not Jiangsu's
        city_starts = {start for start, _end, place in places if place in self.zh_cities}
        provincial: set[str] = set()  # counties named after their province: 浙江省安吉县
        for start, end, location_id in places:
            if any(a <= start < b for a, b in taken):
                continue
            if location_id in self.zh_zones:
                body = self._zone_body(text, start, end, location_id)
                if body is not None and not any(a < body.end and body.start < b for a, b in taken):
                    out.append(body)
                    taken.append((body.start, body.end))
                continue
            if end in city_starts or (end + 1 in city_starts and text[end:end + 1] == "省"):
                continue
            if location_id in self.zh_districts and text.startswith(_DISTRICT_ENDS, end) \
                    and self.zh_district is not None:
                continue  # 福田区人民政府: a district's office, read below with its city
            m = self.zh_after_place.match(text, end)
            if m is None or text[m.end() - 1:m.end() + 1] in self.false_endings:
                continue  # 数据局限 is "the limits of data", not a data bureau
            code = jurisdiction_of(location_id)
            admin = m.group("admin") or next(
                (a for a in ("省", "市", "县", "縣", "区", "區") if text.endswith(a, 0, end)), "")
            if m.group("district"):
                district = m.group("district")
                office = m.group("office1")
                # a county under a province (浙江省安吉县): the id is the county's own, as
                # when the text names it without its province
                city = location_id if location_id in self.zh_cities else ""
                if not city:
                    provincial.add(district)
                body = self._district_body(text, start, m.end(), city, district, office,
                                           code, bare=city == "")
            else:
                office = m.group("office2")
                known = self.zh_offices.get(office)
                name = text[start:m.end()]
                # a listed district's office carries its city's id, the city the text
                # names before it or its only one (浦东新区科技和经济委员会 … 上海: Shanghai's)
                owner = location_id
                if location_id in self.zh_districts and (city := self._one_city(places, start)):
                    owner = f"{city}-{location_id.split('-', 1)[-1]}"
                if known is not None and office in self.zh_admin_only and not admin:
                    continue  # 北京政府 in Hong Kong papers is the central government
                head = known is not None and office in self.zh_heads
                if head:  # 深圳市市长: the government (the listed one, if it is listed)
                    name = text[start:m.start("office2")] + "人民政府"
                if known is not None:  # an office kind the office list does not compose here
                    english = known[1].replace("{place}", self.english_names.get(location_id, ""))
                    body = Body(start, m.end(), text[start:m.end()], f"{owner}-{known[0]}", name, code,
                                name_en=english if location_id in self.english_names else "",
                                listed_form=name if head else "")
                elif self._good_office(office, admin):
                    body = Body(start, m.end(), name, f"{owner}-{pinyin_slug(office)}",
                                name, code)
                else:
                    continue
            if body is not None and m.group("district") and self._no_district(m.group("district")):
                continue
            if body is not None and not any(a < body.end and body.start < b for a, b in taken):
                out.append(body)
                taken.append((body.start, body.end))
        # (the zone's words first: 经开区管委会 is the zone's, not a district's)
        out.extend(self._in_the_zone(text, places, taken))
        if self.zh_district is not None:
            cities = [p for p in places if p[2] in self.zh_cities and p[2].startswith("cn-")]
            for m in self.zh_district.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                if text[m.start() - 1:m.start()] in ("市", "省") and m.start() > 0:
                    continue  # a place this matcher does not know: not a district of ours
                if self._no_district(m.group("district")) or not reads_simplified(m.group(0)) \
                        or text[m.end() - 1:m.end() + 1] in self.false_endings:
                    continue  # 特区 (SAR), 园区 (park) …; Traditional text: not the mainland
                # the city named before it, else, for a city's district (not a county: 德清县
                # is its own), the one city the text names (徐汇区 first, 上海市 only later)
                # (a city written right before the district's name anywhere is its city:
                # 汕头澄海 … 广州 … 澄海区人民政府 is Shantou's)
                base = m.group("district")[:-1]
                paired = next((c for _s, e, c in cities if len(base) > 1
                               and text.startswith(base, e + (text[e:e + 1] == "市"))), "")
                city = "" if m.group("district") in provincial else paired or (
                    self._one_city(places, m.start()) if m.group("district").endswith("区")
                    else nearest_city(cities, m.start()))
                body = self._district_body(text, m.start(), m.end(), city, m.group("district"),
                                           m.group("office"), "CN", bare=city == "")
                if body is not None:
                    out.append(body)
                    taken.append((body.start, body.end))
        out.extend(self._in_the_district(text, out, places, taken))
        return out

    def _zone_body(self, text: str, start: int, end: int, zone: str,
                   said_from: int | None = None) -> Body | None:
        """A body named after a development zone (苏州工业园区行政审批局, or 园区科技创新委员会
        once the story has named the zone): a unit of the zone's administrative committee,
        or the committee itself (园区管委会). ``start``: where the zone's name (or the word
        standing for it) starts; ``end``: where it ends."""
        m = self.zh_after_place.match(text, end)
        if m is None or m.group("admin") or m.group("district") or not self.zh_zone_office:
            return None
        office = m.group("office2")
        committee = f"{zone}-{self.zh_zone_office}"
        said = text[start:m.end()]
        if office in self.zh_zone_office_names:
            if said_from is None:
                return None  # 苏州工业园区管委会: composed by the office list
            full = self.zh_zones[zone][0] + office  # the office list's name for it
            return Body(start, m.end(), said, committee, full, "CN", listed_form=full)
        if not self._good_office(office, "") or text[m.end() - 1:m.end() + 1] in self.false_endings:
            return None
        return Body(start, m.end(), said, f"{committee}-{pinyin_slug(office)}", said, "CN",
                    parent=committee)

    def _in_the_zone(self, text: str, places: list[tuple[int, int, str]],
                     taken: list[tuple[int, int]]) -> list[Body]:
        """Bodies named after "the zone" (园区管委会, 园区科技创新委员会, 经开区科技创新局) in a
        story that names one development zone: the word must end the zone's own name."""
        zones = {loc for _s, _e, loc in places if loc in self.zh_zones}
        if len(zones) != 1:
            return []
        zone = zones.pop()
        out: list[Body] = []
        for m in _ZONE_WORD.finditer(text):
            word = m.group("word")
            if not any(n.endswith(word) for n in self.zh_zones[zone]) \
                    or any(a < m.end() and m.start() < b for a, b in taken):
                continue
            body = self._zone_body(text, m.start(), m.end(), zone, said_from=m.start())
            if body is not None:
                out.append(body)
                taken.append((body.start, body.end))
        return out

    def _in_the_district(self, text: str, found: list[Body], places: list[tuple[int, int, str]],
                         taken: list[tuple[int, int]]) -> list[Body]:
        """Offices named relative to the one district or county the article is about:
        区民政局, 县政府办公室 (the district's, the county's) and its subdistricts'
        offices (莲花街道办事处), which name no place of their own. Nothing when the text
        names no district office, or several districts."""
        # the districts the text names, by their slug: an office's prefix and the name
        districts: dict[str, tuple[str, str]] = {}
        without_city: set[str] = set()  # prefixes of a district named without its city
        for b in found:
            if b.district:
                districts.setdefault(b.district.rstrip("-").rsplit("-", 1)[-1],
                                     (b.district, b.district_zh))
                if b.bare:
                    without_city.add(b.district)
        for start, end, location_id in places:  # a listed district (南山区数据局, composed)
            if location_id in self.zh_districts:
                name = text[start:end]
                # with its city when the city is written right before it (深圳市福田区…)
                city = next((c for _s, e, c in places if c in self.zh_cities
                             and e in (start, start - 1)), "")
                prefix = f"{city}-{location_id.split('-', 1)[-1]}-" if city else f"{location_id}-"
                districts.setdefault(location_id.split("-", 1)[-1], (
                    prefix, name if name.endswith(_DISTRICT_ENDS) else name + "区"))
                if not city:
                    without_city.add(prefix)
        if not districts and (m := _LEAD_COUNTY.match(text)) is not None \
                and not m.group("county").startswith(self.zh_reject):
            county = m.group("county")
            districts[county] = (f"cn-{pinyin_slug(county[:-1])}-", county)
            without_city.add(districts[county][0])
        if len(districts) != 1 or self.zh_relative is None:
            return []
        prefix, district_zh = next(iter(districts.values()))
        out: list[Body] = []
        for m in _BARE_HEAD.finditer(text):
            if (m.group("kind") in ("县", "縣")) != district_zh.endswith(("县", "縣")) \
                    or any(a < m.end() and m.start() < b for a, b in taken):
                continue
            said = m.group(0)
            # (named without its city: the same government as the one written with it)
            bare = prefix.split("-", 1)[-1] + "gov" if prefix in without_city else ""
            out.append(Body(m.start(), m.end(), said, f"{prefix}gov", district_zh + "人民政府",
                            "CN", bare=bare))
            taken.append((m.start(), m.end()))
        for m in _DISTRICT_TASK_FORCE.finditer(text):
            unit = m.group("unit")
            name = TASK_FORCE_END.sub("", unit)
            if (m.group("kind") in ("县", "縣")) != district_zh.endswith(("县", "縣")) \
                    or len(name) < 2 or unit.startswith(self.zh_reject) \
                    or any(v in name for v in NOT_IN_NAME + _NOT_IN_TASK_FORCE) \
                    or any(a < m.end() and m.start() < b for a, b in taken):
                continue
            said = m.group(0)
            out.append(Body(m.start(), m.end(), said, f"{prefix}gov-{pinyin_slug(unit)}", said,
                            "CN", parent=f"{prefix}gov"))
            taken.append((m.start(), m.end()))
        for m in self.zh_relative.finditer(text):
            start = m.start("name") if m.group("name") else m.start("name2") if m.group(
                "name2") else m.start("name3")
            if any(a < m.end() and start < b for a, b in taken):
                continue
            if m.group("town"):
                town = m.group("town")
                if town.startswith(self.zh_reject):
                    continue
                said = text[start:m.end()]
                out.append(Body(start, m.end(), said, f"{prefix}{pinyin_slug(town)}-gov", said, "CN"))
                taken.append((start, m.end()))
                continue
            if m.group("sub"):
                sub = m.group("sub")
                if sub.endswith(self.zh_not_district) or not self._subdistrict(sub):
                    continue
                office_id = pinyin_slug(sub + "街道办事处")
            else:
                kind, office = m.group("kind"), m.group("office")
                ending = text[m.end() - 1:m.end() + 1]
                if (kind in ("县", "縣")) != district_zh.endswith(("县", "縣")) \
                        or ending in self.false_endings or ending in self.zh_unit_false_endings:
                    continue  # 县 in an article about a 区: another body; 县政务云内处理
                known = self.zh_offices.get(office)
                if known is None and not self._good_office(office, kind):
                    continue
                office_id = known[0] if known else pinyin_slug(office)
            said = text[start:m.end()]
            # named in full: 武侯区民政局 for 区民政局; 玉林街道办事处 for 玉林街道办
            name = district_zh + said[1:] if not m.group("sub") else m.group("sub") + "街道办事处"
            # named without its city (a headline's 福田区…区政数局): the same office as the
            # one the text names with its city, if it does
            bare = prefix.split("-", 1)[-1] + office_id if prefix in without_city else ""
            out.append(Body(start, m.end(), said, prefix + office_id, name, "CN", bare=bare))
            taken.append((start, m.end()))
        return out

    def _one_city(self, places: list[tuple[int, int, str]], start: int) -> str:
        """The mainland city named last before ``start``, else the only one the text names
        (a district's city)."""
        cities = [p for p in places if p[2] in self.zh_cities and p[2].startswith("cn-")]
        named = {c for *_p, c in cities}
        return nearest_city(cities, start) or (named.pop() if len(named) == 1 else "")

    def _subdistrict(self, name: str) -> bool:
        """Whether ``name`` (before 街道办事处) may be a subdistrict's: not a phrase's start
        (近日, 全区), though 新安 and 学院路 start with words that start phrases elsewhere."""
        return not name.startswith(self.zh_reject) or name.startswith(_SUBDISTRICT_STARTS)

    def _no_district(self, name: str) -> bool:
        """Whether ``name`` (ending in 区 or 县) is a word that names no district (特区, 园区,
        山区), unless it is a listed district (南山区 ends in 山区, "mountain area")."""
        return name.endswith(self.zh_not_district) and \
            self.zh_places.get(name, ("", "", ""))[2] != "district"

    def _good_office(self, office: str, admin: str) -> bool:
        if office.endswith(_SUBDISTRICT_OFFICES) and len(office) >= 7:
            return self._subdistrict(office[:-len(_SUBDISTRICT_OFFICES[0])])
        if office.startswith(self.zh_reject) or "党" in office or "黨" in office:
            return False
        if any(verb in office for verb in NOT_IN_NAME):
            return False  # 前海設立辦公室: "set up an office in Qianhai", no office's name
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
        county = district.endswith(("县", "縣"))
        # a county's id is its own (cn-deqing-…, as 德清县 is named with or without 湖州市);
        # a city's district carries the city's (cn-shanghai-xuhui-…)
        prefix = city if city and not county else code.lower()
        bare = bare and not county
        name = text[start:end]
        if office_id == "gov" and office in self.zh_heads:
            name = district + "人民政府"  # 福田区区长周文: the head stands for the government
        english = ""
        if known:
            kind = "County" if county else "District"
            english = known[1].replace("{place}", f"{district_slug.capitalize()} {kind}")
        return Body(start, end, text[start:end], f"{prefix}-{district_slug}-{office_id}", name, code,
                    name_en=english, bare=f"{district_slug}-{office_id}" if bare else "",
                    district=f"{prefix}-{district_slug}-", district_zh=district)
